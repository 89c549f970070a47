#include "precis/harness/entities_eval.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "precis/engine/pipeline.h"
#include "precis/facts/facts.h"

namespace precis::harness {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

EntityEvalReport score_entities(const facts::EntityTagger& tagger, const std::vector<facts::LabeledDocument>& gold,
                                std::string* predictions) {
  EntityEvalReport report;
  report.tagger = tagger.description();
  for (const char* t : {"PER", "ORG", "LOC", "MISC"}) report.types.push_back(EntityTypeScore{t});
  report.micro.type = "PER+ORG+LOC";
  auto start = std::chrono::steady_clock::now();
  for (const facts::LabeledDocument& doc : gold) {
    std::vector<std::vector<std::string_view>> sentences;
    for (const auto& s : doc.sentences) {
      sentences.emplace_back(s.words.begin(), s.words.end());
      report.test_words += s.words.size();
    }
    report.test_sentences += doc.sentences.size();
    auto predicted = tagger.tag_document(sentences);
    for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
      using Key = std::tuple<std::uint32_t, std::uint32_t, int>;
      std::set<Key> gold_set, pred_set;
      for (const auto& s : facts::spans_from_tags(doc.sentences[i].tags)) gold_set.emplace(s.begin, s.end, int(s.type));
      for (const auto& s : predicted[i]) pred_set.emplace(s.begin, s.end, int(s.type));
      if (predictions != nullptr) {
        const auto& words = doc.sentences[i].words;
        auto tags = facts::tags_from_spans(predicted[i], words.size());
        for (std::size_t w = 0; w < words.size(); ++w) {
          *predictions += words[w] + ' ' + doc.sentences[i].tags[w] + ' ' + tags[w] + '\n';
        }
        *predictions += '\n';
      }
      for (const Key& k : gold_set) report.types[std::get<2>(k)].gold++;
      for (const Key& k : pred_set) {
        report.types[std::get<2>(k)].predicted++;
        if (gold_set.count(k) != 0) report.types[std::get<2>(k)].correct++;
      }
    }
  }
  report.tag_seconds = seconds_since(start);
  for (int t = 0; t < 3; ++t) {
    report.micro.gold += report.types[t].gold;
    report.micro.predicted += report.types[t].predicted;
    report.micro.correct += report.types[t].correct;
  }
  return report;
}

Result<EntityEvalReport> evaluate_entities(const EntityEvalOptions& options) {
  const std::string test_path = options.test_path.empty() ? facts::conll_test_path() : options.test_path;
  auto test = facts::read_conll(test_path);
  if (!test) return tl::unexpected(test.error());
  if (test->empty()) return make_error(test_path + " holds no sentences");
  facts::EntityTagger tagger;
  double train_seconds = 0;
  std::size_t train_sentences = 0;
  if (!options.rules_only) {
    const std::string train_path = options.train_path.empty() ? facts::conll_dev_path() : options.train_path;
    auto train = facts::read_conll(train_path);
    if (!train) return tl::unexpected(train.error());
    if (train->empty()) return make_error(train_path + " holds no sentences");
    for (const auto& d : *train) train_sentences += d.sentences.size();
    auto start = std::chrono::steady_clock::now();
    tagger = facts::EntityTagger::train(*train, options.train);
    train_seconds = seconds_since(start);
    if (!options.save_model.empty()) {
      auto saved = tagger.save(options.save_model);
      if (!saved) return tl::unexpected(saved.error());
    }
  }
  tagger.set_refine(options.refine);
  std::string predictions;
  EntityEvalReport report =
      score_entities(tagger, *test, options.predictions_path.empty() ? nullptr : &predictions);
  if (!options.predictions_path.empty()) {
    std::FILE* f = std::fopen(options.predictions_path.c_str(), "wb");
    if (f == nullptr) return make_error("cannot write " + options.predictions_path);
    std::fwrite(predictions.data(), 1, predictions.size(), f);
    std::fclose(f);
  }
  report.train_seconds = train_seconds;
  report.train_sentences = train_sentences;
  return report;
}

Result<std::vector<EntityEvalReport>> evaluate_entities_dev_halves(const EntityEvalOptions& options) {
  const std::string train_path = options.train_path.empty() ? facts::conll_dev_path() : options.train_path;
  auto all = facts::read_conll(train_path);
  if (!all) return tl::unexpected(all.error());
  if (all->size() < 2) return make_error(train_path + " holds fewer than two documents");
  std::vector<facts::LabeledDocument> halves[2];
  for (std::size_t d = 0; d < all->size(); ++d) halves[d % 2].push_back((*all)[d]);
  std::vector<EntityEvalReport> reports;
  std::string predictions;
  for (int from = 0; from < 2; ++from) {
    const auto& train = halves[from];
    const auto& test = halves[1 - from];
    std::size_t train_sentences = 0;
    for (const auto& d : train) train_sentences += d.sentences.size();
    auto start = std::chrono::steady_clock::now();
    facts::EntityTagger tagger =
        options.rules_only ? facts::EntityTagger::rule_based() : facts::EntityTagger::train(train, options.train);
    const double train_seconds = seconds_since(start);
    tagger.set_refine(options.refine);
    EntityEvalReport report = score_entities(tagger, test, options.predictions_path.empty() ? nullptr : &predictions);
    report.train_seconds = train_seconds;
    report.train_sentences = options.rules_only ? 0 : train_sentences;
    reports.push_back(std::move(report));
  }
  if (!options.predictions_path.empty()) {
    std::FILE* f = std::fopen(options.predictions_path.c_str(), "wb");
    if (f == nullptr) return make_error("cannot write " + options.predictions_path);
    std::fwrite(predictions.data(), 1, predictions.size(), f);
    std::fclose(f);
  }
  return reports;
}

std::string format_entity_table(const EntityEvalReport& report) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-12s %7s %9s %8s %7s %7s %7s\n", "type", "gold", "predicted", "correct", "P", "R",
                "F1");
  out += line;
  auto row = [&](const EntityTypeScore& s) {
    std::snprintf(line, sizeof line, "%-12s %7zu %9zu %8zu %7.2f %7.2f %7.2f\n", s.type.c_str(), s.gold, s.predicted,
                  s.correct, 100 * s.precision(), 100 * s.recall(), 100 * s.f1());
    out += line;
  };
  for (const auto& s : report.types) row(s);
  row(report.micro);
  return out;
}

namespace {

struct Annotation {
  std::string doc, kind;
  std::uint32_t begin = 0, end = 0;
  std::vector<std::string> expected;  // '|'-separated fields
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

bool close_to(double a, double b) { return std::fabs(a - b) <= 0.005 * std::max(std::fabs(a), std::fabs(b)) + 1e-9; }

bool overlaps(ByteSpan a, std::uint32_t begin, std::uint32_t end) { return a.begin < end && begin < a.end; }

std::string figure_text(const facts::Figure& f) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "%g|%s|%s|%s", f.value, f.value_high ? std::to_string(*f.value_high).c_str() : "",
                f.unit.c_str(), f.counted.c_str());
  return buffer;
}

bool figure_matches(const facts::Figure& f, const Annotation& a) {
  if (a.expected.size() < 4) return false;
  if (!close_to(f.value, std::strtod(a.expected[0].c_str(), nullptr))) return false;
  if (!a.expected[1].empty() && (!f.value_high || !close_to(*f.value_high, std::strtod(a.expected[1].c_str(), nullptr)))) {
    return false;
  }
  if (a.expected[1].empty() && f.value_high) return false;
  if (f.unit != a.expected[2]) return false;
  return a.expected[3].empty() || f.counted == a.expected[3];
}

bool date_matches(const facts::DateMention& d, const Annotation& a) {
  return a.expected.size() >= 2 && d.iso_begin == a.expected[0] && d.iso_end == a.expected[1];
}

}  // namespace

Result<FactsSampleReport> evaluate_facts_sample(const std::string& annotations_path, const std::string& data_dir) {
  std::ifstream in(annotations_path);
  if (!in) return make_error("cannot open " + annotations_path);
  std::map<std::string, std::vector<Annotation>> by_doc;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split(line, '\t');
    if (f.size() != 5) return make_error(annotations_path + ": malformed line: " + line);
    Annotation a{f[0], f[1], static_cast<std::uint32_t>(std::stoul(f[2])), static_cast<std::uint32_t>(std::stoul(f[3])),
                 split(f[4], '|')};
    by_doc[a.doc].push_back(std::move(a));
  }
  FactsSampleReport report;
  facts::EntityTagger rules;  // names are not scored here; the rule tagger keeps this fast
  for (const auto& [doc, annotations] : by_doc) {
    const std::string path = data_dir + "/" + doc;
    std::ifstream probe(path);
    if (!probe) return make_error("missing document " + path);
    engine::DigestOptions options;
    engine::DigestResult digest = engine::digest_paths({path}, options);
    if (digest.articles.empty()) return make_error("nothing read from " + path);
    ++report.documents;
    std::vector<const Article*> articles;
    for (const Article& a : digest.articles) articles.push_back(&a);
    facts::FactsOptions fo;
    fo.tagger = &rules;
    facts::StoryFacts story = facts::extract_story_facts(articles, fo);
    report.figures.extracted += story.figures.size();
    report.dates.extracted += story.dates.size();
    std::vector<bool> figure_right(story.figures.size(), false), date_right(story.dates.size(), false);
    for (const Annotation& a : annotations) {
      const bool is_figure = a.kind == "figure";
      FactsSampleScore& score = is_figure ? report.figures : report.dates;
      ++score.annotated;
      bool found = false;
      std::string got;
      if (is_figure) {
        for (std::size_t i = 0; i < story.figures.size(); ++i) {
          if (!overlaps(story.figures[i].where.original, a.begin, a.end)) continue;
          if (figure_matches(story.figures[i], a)) {
            found = true;
            figure_right[i] = true;
          } else {
            got += (got.empty() ? "" : ", ") + figure_text(story.figures[i]);
          }
        }
      } else {
        for (std::size_t i = 0; i < story.dates.size(); ++i) {
          if (!overlaps(story.dates[i].where.original, a.begin, a.end)) continue;
          if (date_matches(story.dates[i], a)) {
            found = true;
            date_right[i] = true;
          } else {
            got += (got.empty() ? "" : ", ") + story.dates[i].iso_begin + "|" + story.dates[i].iso_end;
          }
        }
      }
      if (found) {
        ++score.found;
      } else {
        std::string expected;
        for (std::size_t k = 0; k < a.expected.size(); ++k) expected += (k ? "|" : "") + a.expected[k];
        report.misses.push_back(doc + " " + std::to_string(a.begin) + "-" + std::to_string(a.end) + " " + a.kind +
                                ": expected " + expected + ", got " + (got.empty() ? "nothing" : got));
      }
    }
    for (bool r : figure_right) report.figures.right += r;
    for (bool r : date_right) report.dates.right += r;
    auto place = [&](ByteSpan s) { return doc + " " + std::to_string(s.begin) + "-" + std::to_string(s.end); };
    for (std::size_t i = 0; i < story.figures.size(); ++i) {
      if (!figure_right[i]) report.extras.push_back(place(story.figures[i].where.original) + " figure: got " + figure_text(story.figures[i]));
    }
    for (std::size_t i = 0; i < story.dates.size(); ++i) {
      if (!date_right[i]) {
        report.extras.push_back(place(story.dates[i].where.original) + " date: got " + story.dates[i].iso_begin + "|" +
                                story.dates[i].iso_end);
      }
    }
  }
  return report;
}

}  // namespace precis::harness
