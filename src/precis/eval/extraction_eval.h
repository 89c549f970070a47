// Scoring main-text extraction the way the article extraction benchmark does
// (scrapinghub/article-extraction-benchmark, evaluate.py; EVAL.md §3).
//
// Per page: both texts are tokenised into \w+ runs (Python's Unicode definition: letters, digits,
// numeric characters, underscore; case kept), turned into 4-token shingles (a text of fewer than
// four tokens is one shorter shingle; no tokens, no shingle), and the shingle multisets compared:
// tp = shared count, fp = extra predicted, fn = missing. The three are normalised to sum to 1 so
// that long pages do not weigh more. Over pages: precision is the mean of per-page precisions
// (pages with tp + fp > 0), recall likewise (tp + fn > 0), F1 = 2PR / (P + R) of those means,
// accuracy the share of pages with fp = fn = 0. Confidence half-widths are 1.96 standard
// deviations over bootstrap resamples of the pages (seeded, so reruns print the same figures).
// Thread safety: all functions are reentrant.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/result.h"

namespace precis::eval {

// Normalised shingle counts of one page (each in [0, 1], summing to 1, or all 0 when neither text
// has a token).
struct ShingleMatch {
  double tp = 0, fp = 0, fn = 0;
};

// The \w+ tokens of `text` (UTF-8; invalid bytes separate tokens).
std::vector<std::string> benchmark_tokens(std::string_view text);

ShingleMatch shingle_match(std::string_view truth, std::string_view predicted, int ngram = 4);

struct ExtractionScores {
  std::size_t pages = 0;
  double precision = 0, recall = 0, f1 = 0, accuracy = 0;
  double precision_ci = 0, recall_ci = 0, f1_ci = 0, accuracy_ci = 0;  // 1.96 sigma (bootstrap)
};

// Aggregates per-page matches. `bootstrap` resamples (0: no intervals), drawn with `seed`.
ExtractionScores aggregate_extraction(const std::vector<ShingleMatch>& pages, int bootstrap = 1000,
                                      std::uint64_t seed = 1);

// The benchmark on disk: ground-truth.json, html/<id>.html.gz, output/<system>.json.
struct ExtractionBenchmark {
  std::string root;
  std::vector<std::string> ids;               // sorted
  std::map<std::string, std::string> truth;   // id -> articleBody
  std::map<std::string, std::string> urls;    // id -> url (when given)
  std::vector<std::string> systems;           // stems of output/*.json, sorted
  std::string html_path(const std::string& id) const { return root + "/html/" + id + ".html.gz"; }
};

// $PRECIS_SHARED_DATA/article_extraction_benchmark (see shared_data_dir()).
std::string default_extraction_benchmark_dir();

Result<ExtractionBenchmark> load_extraction_benchmark(const std::string& root);

// id -> articleBody of one prediction file (plain, or wrapped as {"version", "output"}).
// `version` receives the wrapper's version when present (may be null).
Result<std::map<std::string, std::string>> load_extraction_output(const std::string& path,
                                                                  std::string* version = nullptr);

// Scores predictions against the benchmark's truth; a page missing from `predicted` counts as an
// empty prediction.
ExtractionScores score_extraction(const ExtractionBenchmark& benchmark,
                                  const std::map<std::string, std::string>& predicted, int bootstrap = 1000,
                                  std::vector<ShingleMatch>* per_page = nullptr);

// Published figures (README of the benchmark) for the systems whose outputs ship in output/:
// system stem -> {precision, recall, f1, accuracy}.
struct PublishedScores {
  double precision, recall, f1, accuracy;
};
const std::map<std::string, PublishedScores>& published_extraction_scores();

}  // namespace precis::eval
