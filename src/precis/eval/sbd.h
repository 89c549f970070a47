// Sentence-boundary evaluation (EVAL.md section 2).
//
// Two data sets under ../shared/data (never copied into the repository):
//   sbd_golden_rules_en/golden_rules_en.jsonl  48 cases {"id","rule","text","sentences"}; a case
//       is right when the split gives exactly the gold sentences, compared after stripping
//       surrounding whitespace, as pySBD's own evaluation does.
//   sbd_gum_news/gum_news_sbd.jsonl  news documents {"doc_id","text","sentences",
//       "sentence_spans"}; spans are [begin, end) in code points of "text". Scored as precision,
//       recall and F1 of sentence end offsets (micro-averaged over all documents).
// Both run the engine's pipeline: normalize() the text, split_sentences() the normalised text,
// and map each sentence back to the input with the normaliser's offset map.
//
// Thread safety: all functions are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/result.h"

namespace precis::eval {

struct SbdFailure {
  std::string id;                      // case id or document id
  std::string detail;                  // golden rules: the rule; GUM: "missed" or "spurious"
  std::string context;                 // the text (golden rules) or ~60 chars around the offset
  std::vector<std::string> expected;   // golden rules only
  std::vector<std::string> got;        // golden rules only
};

struct BoundaryScore {
  std::size_t gold = 0;
  std::size_t predicted = 0;
  std::size_t correct = 0;
  double precision() const { return predicted == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(predicted); }
  double recall() const { return gold == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(gold); }
  double f1() const {
    double p = precision(), r = recall();
    return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
  }
};

struct SbdReport {
  std::string dataset;          // "golden_rules_en" or "gum_news"
  std::size_t cases = 0;        // cases (golden rules) or documents (GUM)
  std::size_t exact = 0;        // golden rules: cases split exactly right
  BoundaryScore boundaries;     // GUM: end-offset scores; golden rules: the same over all cases
  std::vector<SbdFailure> failures;
};

// The evaluation data folder is shared_data_dir() from precis/eval/duc_dataset.h.

// Sentences as the evaluation sees them: normalise, split, and return each sentence as the
// input substring it came from (stripped), with its [begin, end) byte span in `input`.
struct EvalSentence {
  std::string text;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};
std::vector<EvalSentence> split_for_eval(std::string_view input, const std::string& language = "en");

// Whitespace-stripped comparison of two sentence lists (the golden-rules criterion).
bool same_sentences(const std::vector<std::string>& expected, const std::vector<std::string>& got);

// Precision/recall of predicted end offsets against gold end offsets (both sets; duplicates
// count once).
BoundaryScore score_boundaries(const std::vector<std::uint32_t>& gold_ends,
                               const std::vector<std::uint32_t>& predicted_ends);

// Byte offset in UTF-8 `text` -> code point offset (invalid bytes count one each).
std::uint32_t code_point_offset(std::string_view text, std::uint32_t byte_offset);

Result<SbdReport> evaluate_golden_rules(const std::string& path);
Result<SbdReport> evaluate_gum(const std::string& path);

}  // namespace precis::eval
