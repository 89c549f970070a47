// ROUGE (Lin 2004), reproducing ROUGE-1.5.5.pl to the printed digit.
//
// What is reproduced, quirks included (see rouge.cc for the why of each):
//   - reading: a summary is its non-empty lines (one sentence per line, "SPL"); A-Z lower-cased;
//   - -l N: words are whitespace-separated fields of the raw lines (punctuation-only fields count),
//     -b N: bytes of the lines, joining spaces not counted; both cut models as well as peers;
//   - tokens: '-' split off, every byte other than [a-z0-9-] becomes a space, tokens that do not
//     start with [a-z0-9] dropped; with -m, tokens longer than 3 bytes are Porter-stemmed;
//   - ROUGE-N with clipped counts, ROUGE-L (union LCS per model sentence, clipped by unigram
//     counts), ROUGE-W, ROUGE-S/SU with a maximum gap;
//   - -f A sums hits and counts over the models, -f B keeps the best model;
//   - per-topic recall/precision/F rounded to 5 decimals ("%7.5f") before anything else;
//   - the reported average is the mean of the bootstrap resample means, and the confidence interval
//     is read off the sorted resample means; resample i is drawn with Perl's srand(i) + rand(), i.e.
//     drand48, so the intervals match ROUGE's digit for digit.
//
// Thread safety: all functions are pure; concurrent calls are fine.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace precis::eval {

// Stemming exceptions ROUGE looks up before stemming (its WordNet-2.0.exc.db: inflected form ->
// base form). Empty by default, which is what most ROUGE installations actually have (the widely
// copied rebuild command writes an empty database).
using StemExceptions = std::unordered_map<std::string, std::string>;

struct RougeOptions {
  int max_n = 4;                  // -n: ROUGE-1..max_n (0 = none)
  int word_limit = 0;             // -l (0 = none)
  int byte_limit = 0;             // -b (0 = none); -l wins if both are set
  bool stem = true;               // -m
  int skip_distance = -1;         // -2 d: ROUGE-S/SU with gaps up to d; -1 = not computed,
                                  // < -1 = unlimited gap (ROUGE's -2 -1, "ROUGE-S*")
  bool skip_unigrams = true;      // -u: ROUGE-SU (adds unigrams) instead of ROUGE-S
  bool lcs = false;               // ROUGE-L (ROUGE's default is on; -x turns it off)
  double wlcs_weight = 0;         // -w: ROUGE-W-<weight>; 0 = not computed
  bool best_model = false;        // -f B (default -f A: average over models)
  double alpha = 0.5;             // -p: F = 1 / (alpha/P + (1-alpha)/R)
  int resamples = 1000;           // -r: bootstrap resamples; 0 = plain mean, no interval
  double confidence = 95;         // -c
  const StemExceptions* stem_exceptions = nullptr;  // not owned; may be null
};

// The 100-word setting of the literature: -n 4 -x -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a.
RougeOptions rouge_options_words100();
// The official DUC 2004 setting: -a -c 95 -b 665 -m -n 4 -w 1.2 (with ROUGE-L).
RougeOptions rouge_options_bytes665();

struct RougeScore {
  double recall = 0;
  double precision = 0;
  double f = 0;
};

struct RougeInterval {
  double low = 0;
  double high = 0;
};

// A summary as ROUGE reads it: its lines (sentences), untouched.
struct RougeSummary {
  std::vector<std::string> lines;
};

// Splits a file's text into ROUGE's lines: on '\n', dropping empty lines (a '\r' stays and later
// becomes a space, as in ROUGE).
RougeSummary rouge_summary_from_text(std::string_view text);

// One evaluation unit: a peer summary and its reference (model) summaries.
struct RougeTopic {
  std::string id;  // e.g. "d30001"; units are resampled in the order of id + "." + peer_id
  RougeSummary peer;
  std::vector<RougeSummary> models;
};

// Metric names, in ROUGE's printing order: "ROUGE-1".."ROUGE-<max_n>", "ROUGE-L",
// "ROUGE-W-1.2", "ROUGE-SU4" (or "ROUGE-S4", "ROUGE-SU*" when the gap is unlimited).
std::vector<std::string> rouge_metric_names(const RougeOptions& options);

// Scores of one peer against its models, each already rounded as ROUGE rounds them.
// Keys are rouge_metric_names(options).
std::map<std::string, RougeScore> score_summary(const RougeSummary& peer,
                                                const std::vector<RougeSummary>& models,
                                                const RougeOptions& options);

struct RougeAverage {
  RougeScore score;          // ROUGE's printed Average_R/_P/_F (mean of resample means)
  RougeScore plain_mean;     // the plain mean of the per-topic scores
  RougeInterval recall_ci;   // the -c % bootstrap interval, as printed
  RougeInterval precision_ci;
  RougeInterval f_ci;
};

struct RougeMetricResult {
  std::string name;
  RougeAverage average;
  std::vector<std::pair<std::string, RougeScore>> per_topic;  // in resampling (sorted) order
};

struct RougeResult {
  std::vector<RougeMetricResult> metrics;  // in rouge_metric_names() order
  // The named metric, or nullptr.
  const RougeMetricResult* find(std::string_view name) const;
};

// Scores every topic and averages as ROUGE-1.5.5 does for one system (`peer_id` only orders the
// bootstrap units, as ROUGE's "<eval id>.<peer id>" keys do). Topics without models score 0, as
// in ROUGE. Runs in O(topics * models * summary length^2) for LCS, linear otherwise.
RougeResult evaluate(const std::vector<RougeTopic>& topics, const RougeOptions& options,
                     std::string_view peer_id = "X");

// ROUGE's token sequence of a whole (already length-cut) text, for tests and diagnostics.
std::vector<std::string> rouge_tokens(std::string_view text, bool stem,
                                      const StemExceptions* exceptions = nullptr);

}  // namespace precis::eval
