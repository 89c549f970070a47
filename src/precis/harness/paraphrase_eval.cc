// MSRP scoring and the generated rewrite benchmark (see paraphrase_eval.h).
#include "precis/harness/paraphrase_eval.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <unordered_map>

#include "precis/engine/pipeline.h"
#include "precis/eval/duc_dataset.h"
#include "precis/ingest/reader.h"
#include "precis/text/annotate.h"
#include "precis/text/normalize.h"

namespace precis::harness {
namespace {

namespace fs = std::filesystem;

Article annotate_text(const std::string& body, const std::string& date = "") {
  Article a;
  text::Normalized n = text::normalize(body);
  a.text = std::move(n.text);
  a.original = body;
  a.to_original = std::move(n.map);
  a.meta.published = date;
  text::annotate(a, text::AnnotateOptions{"en"});
  return a;
}

dedup::SentenceView view_of(const std::string& sentence) {
  Article a = annotate_text(sentence);
  dedup::SentenceView v;
  for (const Sentence& s : a.sentences) {
    dedup::SentenceView part = dedup::sentence_view(a, s);
    bool first_part = v.words.empty();
    v.words.insert(v.words.end(), part.words.begin(), part.words.end());
    v.stems.insert(v.stems.end(), part.stems.begin(), part.stems.end());
    v.stopword.insert(v.stopword.end(), part.stopword.begin(), part.stopword.end());
    v.capitalized.insert(v.capitalized.end(), part.capitalized.begin(), part.capitalized.end());
    (void)first_part;
  }
  return v;
}

struct MsrpPair {
  int label = 0;
  std::string a, b;
};

Result<std::vector<MsrpPair>> read_msrp(const std::string& path, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot open " + path);
  std::vector<MsrpPair> pairs;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1) continue;  // header
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    std::string x;
    while (std::getline(fields, x, '\t')) f.push_back(x);
    if (f.size() < 5 || (f[0] != "0" && f[0] != "1")) {
      diagnostics.push_back({path + ":" + std::to_string(number), "malformed MSRP line skipped"});
      continue;
    }
    pairs.push_back(MsrpPair{f[0] == "1" ? 1 : 0, f[3], f[4]});
  }
  return pairs;
}

// WordNet synonyms: for each single-word lemma, the other single-word lemmas of its first synset
// that has any (data.* files of wordnet-base; the first synset listed is the most frequent sense).
std::unordered_map<std::string, std::string> load_synonyms(const std::string& dir) {
  std::unordered_map<std::string, std::string> out;
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    std::ifstream in(fs::path(dir) / (std::string("data.") + pos));
    std::string line;
    while (std::getline(in, line)) {
      if (line.size() < 2 || line[0] == ' ') continue;
      std::istringstream f(line);
      std::string offset, lex, type, count_hex;
      f >> offset >> lex >> type >> count_hex;
      int count = static_cast<int>(std::strtol(count_hex.c_str(), nullptr, 16));
      std::vector<std::string> words;
      for (int i = 0; i < count; ++i) {
        std::string w, lex_id;
        f >> w >> lex_id;
        if (auto p = w.find('('); p != std::string::npos) w.resize(p);  // adjective markers "(a)"
        if (w.find('_') == std::string::npos && w.find('-') == std::string::npos) words.push_back(w);
      }
      if (words.size() < 2) continue;
      for (std::size_t i = 0; i < words.size(); ++i) {
        std::string lower = words[i];
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const std::string& other = words[(i + 1) % words.size()];
        if (other != words[i]) out.try_emplace(lower, other);
      }
    }
  }
  return out;
}

std::vector<std::string> sentences_of(const Article& a) {
  std::vector<std::string> out;
  for (const Sentence& s : a.sentences) out.emplace_back(a.sentence_text(s));
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

const char* const kKinds[] = {"deletions", "reordering", "sentence splits", "synonyms", "boilerplate", "edited numbers"};
constexpr int kKindCount = 6;

std::string make_variant(int kind, const Article& source, std::mt19937_64& rng,
                         const std::unordered_map<std::string, std::string>& synonyms) {
  std::vector<std::string> s = sentences_of(source);
  switch (kind) {
    case 0: {  // delete about a third of the sentences, keeping the lead
      std::vector<std::string> kept;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 0 || rng() % 3 != 0) kept.push_back(s[i]);
      }
      return join(kept);
    }
    case 1:
      std::shuffle(s.begin(), s.end(), rng);
      return join(s);
    case 2: {  // split sentences at a comma or " and "
      std::vector<std::string> out;
      for (const auto& x : s) {
        std::size_t cut = x.find(", ", x.size() / 3);
        std::size_t len = 2;
        if (cut == std::string::npos || cut > 2 * x.size() / 3) cut = x.find(" and ", x.size() / 3), len = 5;
        if (cut == std::string::npos || cut + len >= x.size()) {
          out.push_back(x);
          continue;
        }
        std::string second = x.substr(cut + len);
        second[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(second[0])));
        out.push_back(x.substr(0, cut) + ".");
        out.push_back(second);
      }
      return join(out);
    }
    case 3: {  // replace about a third of the words that WordNet has a synonym for
      std::string text = join(s), out;
      std::size_t i = 0;
      while (i < text.size()) {
        if (!is_letter(text[i])) {
          out += text[i++];
          continue;
        }
        std::size_t j = i;
        while (j < text.size() && is_letter(text[j])) ++j;
        std::string word = text.substr(i, j - i), lower = word;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto it = lower.size() > 3 ? synonyms.find(lower) : synonyms.end();
        out += it != synonyms.end() && rng() % 3 == 0 ? it->second : word;
        i = j;
      }
      return out;
    }
    case 4: {  // boilerplate around and inside (self-written lines)
      static const char* lines[] = {"Subscribe to our newsletter for the latest headlines.",
                                    "Copyright 2024 Example Media Group. All rights reserved.",
                                    "Click here to share this story with your friends.",
                                    "Advertisement."};
      std::vector<std::string> out;
      out.push_back(lines[rng() % 4]);
      for (std::size_t k = 0; k < s.size(); ++k) {
        out.push_back(s[k]);
        if (k == s.size() / 2) out.push_back(lines[rng() % 4]);
      }
      out.push_back(lines[rng() % 4]);
      return join(out);
    }
    default: {  // edit every number
      std::string text = join(s), out;
      for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        out += (c >= '0' && c <= '9' && (i + 1 >= text.size() || text[i + 1] < '0' || text[i + 1] > '9'))
                   ? static_cast<char>('0' + (c - '0' + 1 + static_cast<int>(rng() % 8)) % 10)
                   : c;
      }
      return out;
    }
  }
}

}  // namespace

Result<MsrpReport> evaluate_msrp(const std::string& msrp_dir, const dedup::ParaphraseTrainOptions& options,
                                 Diagnostics& diagnostics) {
  auto train = read_msrp((fs::path(msrp_dir) / "msr_paraphrase_train.txt").string(), diagnostics);
  if (!train) return tl::unexpected(train.error());
  auto test = read_msrp((fs::path(msrp_dir) / "msr_paraphrase_test.txt").string(), diagnostics);
  if (!test) return tl::unexpected(test.error());
  auto featurize = [](const std::vector<MsrpPair>& pairs, std::vector<std::vector<double>>& x, std::vector<int>& y) {
    for (const MsrpPair& p : pairs) {
      x.push_back(dedup::paraphrase_features(view_of(p.a), view_of(p.b)));
      y.push_back(p.label);
    }
  };
  std::vector<std::vector<double>> xtrain, xtest;
  std::vector<int> ytrain, ytest;
  featurize(*train, xtrain, ytrain);
  featurize(*test, xtest, ytest);
  dedup::ParaphraseModel model = dedup::ParaphraseModel::train(xtrain, ytrain, options);
  MsrpReport r;
  r.train_pairs = xtrain.size();
  r.test_pairs = xtest.size();
  r.cv_accuracy = model.cv_accuracy();
  r.threshold = model.threshold();
  std::size_t tp = 0, fp = 0, fn = 0, correct = 0, positives = 0;
  for (std::size_t i = 0; i < xtest.size(); ++i) {
    bool predicted = model.same_content(xtest[i]);
    bool gold = ytest[i] == 1;
    positives += gold;
    correct += predicted == gold;
    tp += predicted && gold;
    fp += predicted && !gold;
    fn += !predicted && gold;
  }
  double n = static_cast<double>(std::max<std::size_t>(1, xtest.size()));
  r.accuracy = static_cast<double>(correct) / n;
  r.precision = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0.0;
  r.recall = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0.0;
  r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0.0;
  r.majority_accuracy = static_cast<double>(positives) / n;
  return r;
}

Result<RewriteBenchReport> run_rewrite_benchmark(const RewriteBenchOptions& options, Diagnostics& diagnostics) {
  auto dataset = eval::load_duc_dataset(options.duc_dir, &diagnostics);
  if (!dataset) return tl::unexpected(dataset.error());
  auto synonyms = load_synonyms(options.wordnet_dir);
  if (synonyms.empty()) return make_error("no WordNet data in " + options.wordnet_dir + " (install wordnet-base)");
  std::vector<std::string> paths;
  for (const auto& topic : dataset->topics) paths.insert(paths.end(), topic.document_paths.begin(), topic.document_paths.end());
  std::vector<RawArticle> raw;
  ingest::ReadStats stats;
  ingest::read_paths(paths, {}, [&](RawArticle&& r) { raw.push_back(std::move(r)); }, diagnostics, stats);
  std::vector<Article> docs = engine::prepare_articles(std::move(raw), engine::DigestOptions{}, diagnostics);
  // One article per DOCNO.
  std::map<std::string, std::size_t> seen;
  std::vector<Article> unique;
  for (Article& a : docs) {
    if (seen.emplace(a.meta.doc_id, unique.size()).second) unique.push_back(std::move(a));
  }
  std::mt19937_64 rng(options.seed);
  std::vector<std::size_t> order(unique.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  std::size_t sources = std::min<std::size_t>(options.sources, unique.size());

  // The stream: (article, group, kind) with kind -1 for unmodified documents. Group = source index.
  struct Item {
    Article article;
    std::size_t group;
    int kind;
    double key;  // arrival: source first, its variants over the following day, all interleaved
  };
  std::vector<Item> items;
  for (std::size_t i = 0; i < unique.size(); ++i) {
    double day = static_cast<double>(rng() % 20);
    items.push_back(Item{unique[i], i, -1, day});
  }
  for (std::size_t k = 0; k < sources; ++k) {
    std::size_t src = order[k];
    for (int kind = 0; kind < kKindCount; ++kind) {
      Article v = annotate_text(make_variant(kind, unique[src], rng, synonyms));
      v.meta.doc_id = unique[src].meta.doc_id + "#" + kKinds[kind];
      items.push_back(Item{std::move(v), src, kind, items[src].key + 0.1 + 0.8 * static_cast<double>(rng() % 1000) / 1000});
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.key < b.key; });
  for (Item& it : items) {
    char date[64];  // room for any int, so -Wformat-truncation has nothing to say
    int day = static_cast<int>(it.key);
    int minutes = static_cast<int>((it.key - day) * 24 * 60);
    std::snprintf(date, sizeof date, "2004-03-%02dT%02d:%02d:00Z", 1 + day, minutes / 60, minutes % 60);
    it.article.meta.published = date;
  }
  RewriteBenchReport report;
  report.rows.resize(kKindCount + 2);
  for (int k = 0; k < kKindCount; ++k) report.rows[static_cast<std::size_t>(k)].kind = kKinds[k];
  report.rows[kKindCount].kind = "distractors";
  report.rows[kKindCount + 1].kind = "all variants";
  auto t0 = std::chrono::steady_clock::now();
  dedup::DuplicateIndex index(options.dedup);
  std::vector<std::optional<dedup::DuplicateLink>> links;
  for (const Item& it : items) links.push_back(index.add(it.article));
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  report.articles = items.size();
  // A source that DUC itself copies (successive wire versions) has an earlier root; its variants
  // are then right to point at that root too.
  std::map<std::size_t, std::size_t> source_root;  // group -> arrival index of its root
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].kind < 0) source_root[items[i].group] = links[i] ? links[i]->original : i;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    RewriteKindRow& row = report.rows[it.kind < 0 ? kKindCount : static_cast<std::size_t>(it.kind)];
    RewriteKindRow& all = report.rows[kKindCount + 1];
    if (it.kind >= 0) ++row.variants, ++all.variants;
    if (!links[i]) continue;
    std::size_t root = links[i]->original;
    bool right = it.kind >= 0 && (items[root].group == it.group || root == source_root[it.group]);
    ++row.links;
    row.correct_links += right;
    row.found += right;
    if (it.kind >= 0) ++all.links, all.correct_links += right, all.found += right;
  }
  return report;
}

std::string format_msrp_report(const MsrpReport& r) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "MSRP (train %zu pairs, test %zu pairs; threshold %.3f chosen by 10-fold CV on train, CV accuracy %.4f)\n"
                "  test accuracy %.4f  precision %.4f  recall %.4f  F1 %.4f   (majority class %.4f)\n",
                r.train_pairs, r.test_pairs, r.threshold, r.cv_accuracy, r.accuracy, r.precision, r.recall, r.f1,
                r.majority_accuracy);
  return buf;
}

std::string format_rewrite_report(const RewriteBenchReport& report) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-16s %8s %7s %7s %9s %7s\n", "kind", "variants", "found", "links", "precision", "recall");
  out += buf;
  for (const RewriteKindRow& r : report.rows) {
    if (r.kind == "distractors") {
      std::snprintf(buf, sizeof buf, "%-16s %8s %7s %7zu %9s %7s\n", r.kind.c_str(), "-", "-", r.links, "-", "-");
    } else {
      std::snprintf(buf, sizeof buf, "%-16s %8zu %7zu %7zu %9.4f %7.4f\n", r.kind.c_str(), r.variants, r.found, r.links,
                    r.precision(), r.recall());
    }
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "%zu articles streamed in %.2f s\n", report.articles, report.seconds);
  out += buf;
  return out;
}

}  // namespace precis::harness
