// The clustering harness: read, prepare, stream through dedup + clustering, score.
#include "precis/harness/clustering_eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>

#include "precis/engine/pipeline.h"
#include "precis/eval/duc_dataset.h"
#include "precis/ingest/reader.h"

namespace precis::harness {
namespace {

namespace fs = std::filesystem;

struct GoldDoc {
  std::string path;
  std::string doc_id;
  std::string subset;
  std::string date;
  std::vector<std::string> labels;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double choose2(double n) { return n * (n - 1) / 2; }

// Streams `articles` (already in feed order) through dedup and clustering; returns the story per article.
std::vector<std::uint32_t> run_stream(const std::vector<Article>& articles, const ClusteringEvalOptions& options,
                                      std::size_t& duplicates) {
  dedup::DuplicateIndex index(options.dedup);
  cluster::StoryClusterer clusterer(options.cluster);
  std::vector<std::uint32_t> out;
  duplicates = 0;
  for (const Article& a : articles) {
    std::optional<std::uint32_t> same;
    if (auto link = index.add(a)) {
      ++duplicates;
      if (options.use_duplicates) same = link->original;
    }
    clusterer.add(a, same);
  }
  clusterer.flush();  // delayed assignment: place the articles still waiting
  // Stories may have merged after an article was placed: read the final grouping.
  for (std::uint32_t i = 0; i < clusterer.size(); ++i) out.push_back(*clusterer.story_of(i));
  return out;
}

// Reads and prepares the documents; returns them in the order of `docs`, dropping (with a
// diagnostic) any that could not be read. `kept` receives the index into `docs` of each article.
std::vector<Article> load_articles(const std::vector<GoldDoc>& docs, Diagnostics& diagnostics,
                                   std::vector<std::size_t>& kept) {
  std::vector<RawArticle> raw;
  std::vector<std::size_t> raw_doc;
  ingest::ReadStats stats;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::size_t before = raw.size();
    ingest::read_paths({docs[i].path}, {}, [&](RawArticle&& r) { raw.push_back(std::move(r)); }, diagnostics, stats);
    // One gold item is one article: a file yielding several keeps the first.
    if (raw.size() > before + 1) raw.resize(before + 1);
    if (raw.size() == before) continue;
    RawArticle& r = raw.back();
    if (r.meta.published.empty()) r.meta.published = docs[i].date;
    r.meta.doc_id = std::to_string(i);  // the gold index, to find the article after preparation
    raw_doc.push_back(i);
  }
  engine::DigestOptions digest;
  std::vector<Article> articles = engine::prepare_articles(std::move(raw), digest, diagnostics);
  kept.clear();
  for (Article& a : articles) kept.push_back(static_cast<std::size_t>(std::stoull(a.meta.doc_id)));
  return articles;
}

void write_assignments(const std::string& path, const std::string& name, const std::vector<GoldDoc>& docs,
                       const std::vector<std::size_t>& kept, const std::vector<std::uint32_t>& predicted) {
  if (path.empty()) return;
  std::ofstream out(path, std::ios::app);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const GoldDoc& d = docs[kept[i]];
    out << name << '\t' << d.doc_id << '\t' << d.date << '\t' << predicted[i] << '\t';
    for (std::size_t l = 0; l < d.labels.size(); ++l) out << (l ? "," : "") << d.labels[l];
    out << '\n';
  }
}

// The parts of the pooled set that the documents come from ("+duc2003_task2+duc2004_task2").
std::set<std::string> parts_of(const std::vector<GoldDoc>& docs) {
  std::set<std::string> parts;
  for (const GoldDoc& d : docs) {
    std::istringstream in(d.subset);
    std::string part;
    while (std::getline(in, part, '+')) {
      if (!part.empty()) parts.insert(part);
    }
  }
  return parts;
}

void add_rows(const std::string& name, const std::vector<GoldDoc>& docs, const std::vector<std::size_t>& kept,
              const std::vector<std::uint32_t>& predicted, std::size_t duplicates, double seconds, bool per_story,
              ClusteringEvalReport& report) {
  const std::set<std::string> subsets = parts_of(docs);
  std::vector<std::string> names{""};
  if (subsets.size() > 1) names.insert(names.end(), subsets.begin(), subsets.end());
  for (const std::string& subset : names) {
    std::vector<std::vector<std::string>> gold;
    std::vector<std::uint32_t> pred;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      const GoldDoc& d = docs[kept[i]];
      if (!subset.empty()) {
        // A pooled document belongs to a subset when any of its listings is from it.
        if (d.subset.find(subset) == std::string::npos) continue;
      }
      gold.push_back(d.labels);
      pred.push_back(predicted[i]);
    }
    DatasetReport row;
    row.name = name;
    row.subset = subset;
    row.scores = score_clustering(gold, pred);
    row.duplicates = subset.empty() ? duplicates : 0;
    row.seconds = subset.empty() ? seconds : 0;
    if (subset.empty() && per_story) row.per_story = per_story_analysis(gold, pred);
    report.rows.push_back(row);
  }
}

// The "piles" rows (ClusteringEvalOptions::piles): random undated piles drawn from each part of
// the pooled gold set. `articles[i]` is the prepared document `docs[kept[i]]`.
void add_pile_rows(const std::vector<GoldDoc>& docs, const std::vector<std::size_t>& kept,
                   const std::vector<Article>& articles, const ClusteringEvalOptions& options,
                   ClusteringEvalReport& report) {
  if (options.piles == 0 || options.pile_topics == 0 || options.pile_max_docs == 0) return;
  for (const std::string& part : parts_of(docs)) {
    // Topic -> its documents in this part (a document listed under two topics counts under its first).
    std::map<std::string, std::vector<std::size_t>> topics;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      const GoldDoc& d = docs[kept[i]];
      if (d.subset.find(part) != std::string::npos) topics[d.labels.front()].push_back(i);
    }
    std::vector<std::string> names;
    for (const auto& [name, members] : topics) names.push_back(name);
    DatasetReport row;
    row.name = "piles";
    row.subset = part;
    double t0 = now_seconds();
    std::size_t items = 0, predicted_clusters = 0, gold_clusters = 0;
    for (std::uint32_t seed = 1; seed <= options.piles; ++seed) {
      std::mt19937_64 rng(seed);
      std::vector<std::string> drawn = names;
      std::shuffle(drawn.begin(), drawn.end(), rng);
      if (drawn.size() > options.pile_topics) drawn.resize(options.pile_topics);
      std::vector<std::size_t> pile;
      for (const std::string& topic : drawn) {
        std::vector<std::size_t> members = topics[topic];
        std::shuffle(members.begin(), members.end(), rng);
        const std::size_t k = std::uniform_int_distribution<std::size_t>(1, options.pile_max_docs)(rng);
        if (members.size() > k) members.resize(k);
        pile.insert(pile.end(), members.begin(), members.end());
      }
      std::shuffle(pile.begin(), pile.end(), rng);
      std::vector<Article> stream;
      std::vector<std::vector<std::string>> gold;
      for (std::size_t i : pile) {
        stream.push_back(articles[i]);
        stream.back().meta.published.clear();
        stream.back().meta.updated.clear();
        gold.push_back(docs[kept[i]].labels);
      }
      std::size_t duplicates = 0;
      const std::vector<std::uint32_t> predicted = run_stream(stream, options, duplicates);
      const ClusteringScores s = score_clustering(gold, predicted);
      if (options.per_story && seed <= 3) {
        row.per_story += "pile " + std::to_string(seed) + ":\n" + per_story_analysis(gold, predicted);
      }
      row.scores.precision += s.precision;
      row.scores.recall += s.recall;
      row.scores.f1 += s.f1;
      row.scores.ari += s.ari;
      items += s.items;
      predicted_clusters += s.predicted_clusters;
      gold_clusters += s.gold_clusters;
      row.duplicates += duplicates;
    }
    const double n = options.piles;
    row.scores.precision /= n;
    row.scores.recall /= n;
    row.scores.f1 /= n;
    row.scores.ari /= n;
    // Per pile, rounded: documents, predicted stories, gold topics.
    row.scores.items = static_cast<std::size_t>(std::lround(static_cast<double>(items) / n));
    row.scores.predicted_clusters = static_cast<std::size_t>(std::lround(static_cast<double>(predicted_clusters) / n));
    row.scores.gold_clusters = static_cast<std::size_t>(std::lround(static_cast<double>(gold_clusters) / n));
    row.seconds = now_seconds() - t0;
    report.rows.push_back(row);
  }
}

}  // namespace

ClusteringScores score_clustering(const std::vector<std::vector<std::string>>& gold,
                                  const std::vector<std::uint32_t>& predicted) {
  ClusteringScores s;
  const std::size_t n = gold.size();
  if (n == 0 || predicted.size() != n) return s;
  std::vector<std::set<std::string>> labels(n);
  std::set<std::string> all_labels;
  for (std::size_t i = 0; i < n; ++i) {
    labels[i] = std::set<std::string>(gold[i].begin(), gold[i].end());
    all_labels.insert(gold[i].begin(), gold[i].end());
  }
  auto related = [&](std::size_t i, std::size_t j) {
    for (const std::string& l : labels[i]) {
      if (labels[j].count(l)) return true;
    }
    return false;
  };
  std::map<std::uint32_t, std::vector<std::size_t>> clusters;
  for (std::size_t i = 0; i < n; ++i) clusters[predicted[i]].push_back(i);
  // B-cubed: n is small (hundreds to thousands), so the quadratic definition is used directly.
  std::vector<std::size_t> related_count(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) related_count[i] += related(i, j);
  }
  double p = 0, r = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& members = clusters[predicted[i]];
    std::size_t good = 0;
    for (std::size_t j : members) good += related(i, j);
    p += static_cast<double>(good) / static_cast<double>(members.size());
    r += static_cast<double>(good) / static_cast<double>(related_count[i]);
  }
  s.precision = p / static_cast<double>(n);
  s.recall = r / static_cast<double>(n);
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
  s.items = n;
  s.predicted_clusters = clusters.size();
  s.gold_clusters = all_labels.size();
  // ARI: resolve multi-labelled items to the label most common among their predicted story-mates.
  std::map<std::string, std::uint32_t> label_ids;
  for (const std::string& l : all_labels) label_ids.emplace(l, static_cast<std::uint32_t>(label_ids.size()));
  std::vector<std::uint32_t> resolved(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string best = *labels[i].begin();
    if (labels[i].size() > 1) {
      std::size_t best_count = 0;
      for (const std::string& l : labels[i]) {
        std::size_t c = 0;
        for (std::size_t j : clusters[predicted[i]]) c += j != i && labels[j].count(l);
        if (c > best_count) best_count = c, best = l;
      }
    }
    resolved[i] = label_ids[best];
  }
  s.ari = adjusted_rand_index(resolved, predicted);
  return s;
}

std::string per_story_analysis(const std::vector<std::vector<std::string>>& gold,
                               const std::vector<std::uint32_t>& predicted) {
  std::string out;
  if (gold.size() != predicted.size()) return out;
  std::map<std::string, std::map<std::uint32_t, std::size_t>> by_gold;
  std::map<std::uint32_t, std::map<std::string, std::size_t>> by_story;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    if (gold[i].empty()) continue;
    ++by_gold[gold[i].front()][predicted[i]];
    ++by_story[predicted[i]][gold[i].front()];
  }
  auto line = [&out](const std::string& head, std::size_t total, std::size_t largest, const std::string& what,
                     std::vector<std::pair<std::size_t, std::string>> parts) {
    std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    char buf[128];
    std::snprintf(buf, sizeof buf, " %zu docs: %s %.2f in %zu:", total, what.c_str(),
                  static_cast<double>(largest) / static_cast<double>(total), parts.size());
    out += head + buf;
    for (const auto& [n, name] : parts) out += " " + name + ":" + std::to_string(n);
    out += '\n';
  };
  for (const auto& [label, stories] : by_gold) {
    if (stories.size() < 2) continue;
    std::size_t total = 0, largest = 0;
    std::vector<std::pair<std::size_t, std::string>> parts;
    for (const auto& [story, n] : stories) {
      total += n, largest = std::max(largest, n);
      parts.emplace_back(n, std::to_string(story));
    }
    line("gold " + label, total, largest, "recall", parts);
  }
  for (const auto& [story, labels] : by_story) {
    if (labels.size() < 2) continue;
    std::size_t total = 0, largest = 0;
    std::vector<std::pair<std::size_t, std::string>> parts;
    for (const auto& [label, n] : labels) {
      total += n, largest = std::max(largest, n);
      parts.emplace_back(n, label);
    }
    line("story " + std::to_string(story), total, largest, "purity", parts);
  }
  return out;
}

double adjusted_rand_index(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.size() != b.size() || a.size() < 2) return 0.0;
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> joint;
  std::map<std::uint32_t, double> ca, cb;
  for (std::size_t i = 0; i < a.size(); ++i) {
    joint[{a[i], b[i]}] += 1;
    ca[a[i]] += 1;
    cb[b[i]] += 1;
  }
  double index = 0, sa = 0, sb = 0;
  for (const auto& [k, v] : joint) index += choose2(v);
  for (const auto& [k, v] : ca) sa += choose2(v);
  for (const auto& [k, v] : cb) sb += choose2(v);
  double expected = sa * sb / choose2(static_cast<double>(a.size()));
  double max_index = (sa + sb) / 2;
  if (max_index == expected) return 1.0;
  return (index - expected) / (max_index - expected);
}

Result<ClusteringEvalReport> evaluate_clustering(const ClusteringEvalOptions& options, Diagnostics& diagnostics) {
  ClusteringEvalReport report;
  const std::string root = options.data_dir.empty() ? eval::shared_data_dir() : options.data_dir;
  bool any = false;
  if (!options.assignments_path.empty()) std::ofstream(options.assignments_path, std::ios::trunc);

  // news_clustering_gold: one item per doc id, labels pooled over its listings.
  const fs::path gold_tsv = fs::path(root) / "news_clustering_gold" / "labels.tsv";
  if (fs::exists(gold_tsv)) {
    std::ifstream in(gold_tsv);
    std::string line;
    std::vector<GoldDoc> docs;
    std::unordered_map<std::string, std::size_t> by_id;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      auto f = split_tabs(line);
      if (f.size() < 5) {
        if (!line.empty()) diagnostics.push_back({gold_tsv.string(), "line with fewer than 5 fields skipped"});
        continue;
      }
      auto [it, inserted] = by_id.try_emplace(f[2], docs.size());
      if (inserted) docs.push_back(GoldDoc{(fs::path(root) / f[1]).string(), f[2], f[0], f[4], {}});
      GoldDoc& d = docs[it->second];
      if (std::find(d.labels.begin(), d.labels.end(), f[3]) == d.labels.end()) d.labels.push_back(f[3]);
      if (d.subset.find(f[0]) == std::string::npos) d.subset += "+" + f[0];
    }
    double t0 = now_seconds();
    std::vector<std::size_t> kept;
    std::vector<Article> articles = load_articles(docs, diagnostics, kept);
    report.read_seconds += now_seconds() - t0;
    // Date order; ties by doc id (the wire's own sequence), or shuffled within the day.
    std::vector<std::size_t> order(articles.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      const GoldDoc& a = docs[kept[x]];
      const GoldDoc& b = docs[kept[y]];
      return a.date != b.date ? a.date < b.date : a.doc_id < b.doc_id;
    });
    if (options.shuffle_seed != 0) {
      std::mt19937_64 rng(options.shuffle_seed);
      for (std::size_t begin = 0; begin < order.size();) {
        std::size_t end = begin;
        while (end < order.size() && docs[kept[order[end]]].date == docs[kept[order[begin]]].date) ++end;
        std::shuffle(order.begin() + static_cast<std::ptrdiff_t>(begin), order.begin() + static_cast<std::ptrdiff_t>(end), rng);
        begin = end;
      }
    }
    ClusteringEvalReport piles;  // shown after the stream's rows
    add_pile_rows(docs, kept, articles, options, piles);
    std::vector<Article> stream;
    std::vector<std::size_t> stream_kept;
    for (std::size_t i : order) {
      stream.push_back(std::move(articles[i]));
      stream_kept.push_back(kept[i]);
    }
    double t1 = now_seconds();
    std::size_t duplicates = 0;
    std::vector<std::uint32_t> predicted = run_stream(stream, options, duplicates);
    write_assignments(options.assignments_path, "news_clustering_gold", docs, stream_kept, predicted);
    add_rows("news_clustering_gold", docs, stream_kept, predicted, duplicates, now_seconds() - t1, options.per_story, report);
    report.rows.insert(report.rows.end(), piles.rows.begin(), piles.rows.end());
    any = true;
  }

  const fs::path wiki_dir = fs::path(root) / "wikiref220_clustering";
  if (fs::exists(wiki_dir / "labels.tsv")) {
    std::ifstream in(wiki_dir / "labels.tsv");
    std::string line;
    std::vector<GoldDoc> docs;
    std::getline(in, line);
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto f = split_tabs(line);
      if (f.size() < 2) continue;
      docs.push_back(GoldDoc{(wiki_dir / "docs" / f[0]).string(), f[0], "wikiref220", "", {f[1]}});
    }
    double t0 = now_seconds();
    std::vector<std::size_t> kept;
    std::vector<Article> articles = load_articles(docs, diagnostics, kept);
    report.read_seconds += now_seconds() - t0;
    double t1 = now_seconds();
    std::size_t duplicates = 0;
    std::vector<std::uint32_t> predicted = run_stream(articles, options, duplicates);
    write_assignments(options.assignments_path, "wikiref220", docs, kept, predicted);
    add_rows("wikiref220", docs, kept, predicted, duplicates, now_seconds() - t1, options.per_story, report);
    any = true;
  }
  if (!any) return make_error("no clustering data set found under " + root);
  return report;
}

std::string format_clustering_report(const ClusteringEvalReport& report) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-22s %-16s %6s %6s %6s %6s %6s %7s %7s %5s\n", "dataset", "subset", "docs", "P",
                "R", "F1", "ARI", "stories", "gold", "dups");
  out += buf;
  for (const DatasetReport& r : report.rows) {
    std::snprintf(buf, sizeof buf, "%-22s %-16s %6zu %6.4f %6.4f %6.4f %6.4f %7zu %7zu %5zu\n", r.name.c_str(),
                  r.subset.empty() ? "all" : r.subset.c_str(), r.scores.items, r.scores.precision, r.scores.recall,
                  r.scores.f1, r.scores.ari, r.scores.predicted_clusters, r.scores.gold_clusters, r.duplicates);
    out += buf;
  }
  for (const DatasetReport& r : report.rows) {
    if (!r.per_story.empty()) out += "\n" + r.name + ": split gold stories and impure predicted stories\n" + r.per_story;
  }
  return out;
}

}  // namespace precis::harness
