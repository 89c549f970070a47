// Paraphrase and rewrite evaluation (../shared/EVAL.md §5).
//
// 1. MSRP (Dolan & Brockett 2005): dedup::ParaphraseModel is trained on msr_paraphrase_train.txt
//    only (its threshold by cross-validation on that file) and scored once on
//    msr_paraphrase_test.txt: accuracy and F1 of the "same content" class.
// 2. Rewrite benchmark: generated at run time from real DUC documents (never stored). Each source
//    document yields variants of one kind each — deletions, sentence reordering, sentence splits,
//    WordNet synonym substitution (Debian wordnet-base), inserted boilerplate, edited numbers —
//    and the whole set (sources, variants, and every other document of the data set as
//    distractors) is streamed through dedup::DuplicateIndex in a shuffled order. A variant is
//    found when its link points at its source's group (its source, another variant of it, or the
//    earlier DUC document the source itself was linked to, as DUC holds successive wire versions);
//    recall per kind. Precision per kind: of the links made for variants of
//    that kind, the share pointing into the right group; "distractors": links made for
//    unmodified DUC documents (not verified: DUC holds real copies and wire updates; a DOCNO filed
//    under two topics is read once).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/base/result.h"
#include "precis/dedup/duplicate_index.h"
#include "precis/dedup/paraphrase.h"

namespace precis::harness {

struct MsrpReport {
  std::size_t train_pairs = 0, test_pairs = 0;
  double cv_accuracy = 0;  // on train (threshold selection)
  double threshold = 0.5;
  double accuracy = 0, precision = 0, recall = 0, f1 = 0;  // on test
  double majority_accuracy = 0;                           // always "paraphrase", on test
};

// Trains on <msrp_dir>/msr_paraphrase_train.txt and scores <msrp_dir>/msr_paraphrase_test.txt.
Result<MsrpReport> evaluate_msrp(const std::string& msrp_dir, const dedup::ParaphraseTrainOptions& options,
                                 Diagnostics& diagnostics);

struct RewriteKindRow {
  std::string kind;
  std::size_t variants = 0;   // generated
  std::size_t found = 0;      // linked into the right group
  std::size_t links = 0;      // links made for articles of this kind
  std::size_t correct_links = 0;
  double precision() const { return links ? static_cast<double>(correct_links) / static_cast<double>(links) : 1.0; }
  double recall() const { return variants ? static_cast<double>(found) / static_cast<double>(variants) : 0.0; }
};

struct RewriteBenchOptions {
  std::string duc_dir;             // a DUC task-2 folder with docs/ (e.g. duc2004_task2)
  std::string wordnet_dir = "/usr/share/wordnet";
  std::uint32_t sources = 200;     // documents that get variants (the rest are distractors only)
  std::uint64_t seed = 1;
  dedup::DuplicateOptions dedup;
};

struct RewriteBenchReport {
  std::vector<RewriteKindRow> rows;  // one per kind, then "distractors", then "all variants"
  std::size_t articles = 0;
  double seconds = 0;                // streaming through the index (generation excluded)
};

Result<RewriteBenchReport> run_rewrite_benchmark(const RewriteBenchOptions& options, Diagnostics& diagnostics);

std::string format_msrp_report(const MsrpReport& report);
std::string format_rewrite_report(const RewriteBenchReport& report);

}  // namespace precis::harness
