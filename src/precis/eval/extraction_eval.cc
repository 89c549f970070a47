// Extraction scoring: a re-implementation of the article extraction benchmark's evaluate.py (see
// the header). Two details matter for reproducing its figures exactly: tokens are Python's \w
// (Unicode letters and numbers, not combining marks), and F1 is computed from the mean precision
// and mean recall, not averaged per page.
#include "precis/eval/extraction_eval.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "precis/base/utf8.h"
#include "precis/eval/duc_dataset.h"

namespace precis::eval {
namespace {

bool is_word_char(char32_t c) {
  if (c == U'_') return true;
  if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  if (c == utf8::kReplacement) return false;
  auto cp = static_cast<UChar32>(c);
  return u_isalpha(cp) || u_getIntPropertyValue(cp, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

std::string join_shingle(const std::vector<std::string>& tokens, std::size_t from, std::size_t n) {
  std::string key;
  for (std::size_t k = from; k < from + n && k < tokens.size(); ++k) {
    key += tokens[k];
    key.push_back('\x1F');  // cannot occur inside a token
  }
  return key;
}

std::unordered_map<std::string, int> shingles(std::string_view text, int ngram) {
  std::vector<std::string> tokens = benchmark_tokens(text);
  std::unordered_map<std::string, int> counts;
  auto n = static_cast<std::size_t>(std::max(1, ngram));
  std::size_t last = tokens.size() >= n ? tokens.size() - n + 1 : 1;
  for (std::size_t i = 0; i < last; ++i) {
    if (i >= tokens.size()) break;
    ++counts[join_shingle(tokens, i, n)];
  }
  return counts;
}

double page_precision(const ShingleMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1.0;
  if (m.tp == 0 && m.fp == 0) return 0.0;
  return m.tp / (m.tp + m.fp);
}

double page_recall(const ShingleMatch& m) {
  if (m.fp == 0 && m.fn == 0) return 1.0;
  if (m.tp == 0 && m.fn == 0) return 0.0;
  return m.tp / (m.tp + m.fn);
}

ExtractionScores point_scores(const std::vector<const ShingleMatch*>& pages) {
  ExtractionScores s;
  s.pages = pages.size();
  double p_sum = 0, r_sum = 0;
  std::size_t p_n = 0, r_n = 0, exact = 0;
  for (const ShingleMatch* m : pages) {
    if (m->tp + m->fp > 0) p_sum += page_precision(*m), ++p_n;
    if (m->tp + m->fn > 0) r_sum += page_recall(*m), ++r_n;
    if (m->fp == 0 && m->fn == 0) ++exact;
  }
  s.precision = p_n ? p_sum / static_cast<double>(p_n) : 0.0;
  s.recall = r_n ? r_sum / static_cast<double>(r_n) : 0.0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
  s.accuracy = pages.empty() ? 0.0 : static_cast<double>(exact) / static_cast<double>(pages.size());
  return s;
}

double ci(const std::vector<double>& values) {
  if (values.size() < 2) return 0.0;
  double mean = 0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double var = 0;
  for (double v : values) var += (v - mean) * (v - mean);
  return 1.96 * std::sqrt(var / static_cast<double>(values.size() - 1));
}

Result<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::vector<std::string> benchmark_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = 1;
    char32_t c = utf8::decode(text, i, &len);
    if (len == 0) len = 1;
    if (is_word_char(c)) {
      current.append(text.substr(i, len));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
    i += len;
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

ShingleMatch shingle_match(std::string_view truth, std::string_view predicted, int ngram) {
  auto t = shingles(truth, ngram);
  auto p = shingles(predicted, ngram);
  double tp = 0, fp = 0, fn = 0;
  for (const auto& [key, tc] : t) {
    auto it = p.find(key);
    int pc = it == p.end() ? 0 : it->second;
    tp += std::min(tc, pc);
    fn += std::max(0, tc - pc);
    fp += std::max(0, pc - tc);
  }
  for (const auto& [key, pc] : p) {
    if (!t.contains(key)) fp += pc;
  }
  ShingleMatch m{tp, fp, fn};
  double sum = tp + fp + fn;
  if (sum > 0) m = ShingleMatch{tp / sum, fp / sum, fn / sum};
  return m;
}

ExtractionScores aggregate_extraction(const std::vector<ShingleMatch>& pages, int bootstrap, std::uint64_t seed) {
  std::vector<const ShingleMatch*> all;
  for (const auto& m : pages) all.push_back(&m);
  ExtractionScores s = point_scores(all);
  if (bootstrap <= 1 || pages.empty()) return s;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, pages.size() - 1);
  std::vector<double> p, r, f, a;
  std::vector<const ShingleMatch*> sample(pages.size());
  for (int b = 0; b < bootstrap; ++b) {
    for (auto& slot : sample) slot = &pages[pick(rng)];
    ExtractionScores bs = point_scores(sample);
    p.push_back(bs.precision), r.push_back(bs.recall), f.push_back(bs.f1), a.push_back(bs.accuracy);
  }
  s.precision_ci = ci(p), s.recall_ci = ci(r), s.f1_ci = ci(f), s.accuracy_ci = ci(a);
  return s;
}

std::string default_extraction_benchmark_dir() { return shared_data_dir() + "/article_extraction_benchmark"; }

Result<ExtractionBenchmark> load_extraction_benchmark(const std::string& root) {
  auto text = slurp(root + "/ground-truth.json");
  if (!text) return tl::unexpected(text.error());
  nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return make_error(root + "/ground-truth.json: not a JSON object");
  ExtractionBenchmark b;
  b.root = root;
  for (const auto& [id, item] : doc.items()) {
    if (!item.is_object()) continue;
    b.ids.push_back(id);
    auto body = item.find("articleBody");
    b.truth[id] = body != item.end() && body->is_string() ? body->get<std::string>() : std::string();
    auto url = item.find("url");
    if (url != item.end() && url->is_string()) b.urls[id] = url->get<std::string>();
  }
  std::sort(b.ids.begin(), b.ids.end());
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root + "/output", ec)) {
    if (entry.path().extension() == ".json") b.systems.push_back(entry.path().stem().string());
  }
  std::sort(b.systems.begin(), b.systems.end());
  return b;
}

Result<std::map<std::string, std::string>> load_extraction_output(const std::string& path, std::string* version) {
  auto text = slurp(path);
  if (!text) return tl::unexpected(text.error());
  nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return make_error(path + ": not a JSON object");
  if (doc.contains("output") && doc["output"].is_object()) {
    if (version && doc.contains("version") && doc["version"].is_string()) *version = doc["version"].get<std::string>();
    doc = doc["output"];
  }
  std::map<std::string, std::string> out;
  for (const auto& [id, item] : doc.items()) {
    if (!item.is_object()) continue;
    auto body = item.find("articleBody");
    out[id] = body != item.end() && body->is_string() ? body->get<std::string>() : std::string();
  }
  return out;
}

ExtractionScores score_extraction(const ExtractionBenchmark& benchmark, const std::map<std::string, std::string>& predicted,
                                  int bootstrap, std::vector<ShingleMatch>* per_page) {
  std::vector<ShingleMatch> matches;
  for (const std::string& id : benchmark.ids) {
    auto it = predicted.find(id);
    matches.push_back(shingle_match(benchmark.truth.at(id), it == predicted.end() ? std::string_view() : it->second));
  }
  ExtractionScores s = aggregate_extraction(matches, bootstrap);
  if (per_page) *per_page = std::move(matches);
  return s;
}

const std::map<std::string, PublishedScores>& published_extraction_scores() {
  // The benchmark README's "latest evaluation" table, for the outputs it ships.
  static const std::map<std::string, PublishedScores> kScores = {
      {"boilerpipe_rs", {0.761, 0.717, 0.739, 0.000}}, {"go_readability", {0.900, 0.971, 0.934, 0.188}},
      {"goose3", {0.940, 0.856, 0.896, 0.232}},        {"html-text", {0.500, 0.994, 0.665, 0.000}},
      {"justext", {0.858, 0.756, 0.804, 0.088}},       {"readability", {0.913, 0.931, 0.922, 0.315}},
      {"readability_js", {0.914, 0.982, 0.947, 0.166}}, {"trafilatura", {0.938, 0.978, 0.958, 0.293}},
  };
  return kScores;
}

}  // namespace precis::eval
