// The summary evaluation harness: summarize every cluster of a DUC-style data set with precis,
// score the summaries with precis's ROUGE-1.5.5 reimplementation, and compare with every published
// system whose summaries are in the data set's peers/ folder, under the same settings.
//
// Protocol (../shared/EVAL.md §1): in the 100-word setting the summaries are scored with
// -n 4 -m -l 100 (ROUGE-SU4 with -2 4 -u); in the 665-byte setting with -b 665. As in the
// published systems, precis fills the budget and the scorer cuts the last sentence.
#pragma once

#include <string>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/base/result.h"
#include "precis/eval/rouge.h"
#include "precis/summarize/summarizer.h"

namespace precis::harness {

enum class Setting { kWords100, kBytes665 };

struct SummaryEvalOptions {
  std::string dataset_dir;        // e.g. ../shared/data/duc2004_task2
  Setting setting = Setting::kWords100;
  summarize::SummaryOptions summary;  // budget fields are set from `setting`
  std::string out_dir;            // when set, writes <topic>.precis (one sentence per line)
  bool score_peers = true;        // also score every system in peers/
  int resamples = 1000;           // ROUGE bootstrap resamples
};

struct SystemRow {
  std::string system;
  eval::RougeResult rouge;
};

struct SummaryEvalReport {
  std::vector<SystemRow> rows;        // precis first, then peers sorted by name
  std::size_t topics = 0;
  std::size_t documents = 0;
  double read_seconds = 0;            // reading and text layer (wall)
  double summarize_cpu_seconds = 0;   // the summarization stage only (CPU time, this thread)
};

// The summarization budget and ROUGE options of a setting.
summarize::SummaryOptions summary_options_for(Setting setting, summarize::SummaryOptions base);
eval::RougeOptions rouge_options_for(Setting setting);

// Runs the whole evaluation. Fails when the data set cannot be read.
Result<SummaryEvalReport> evaluate_summaries(const SummaryEvalOptions& options, Diagnostics& diagnostics);

// The report as a fixed-width table: system, R-1, R-2, R-4, R-SU4 recall (x100) with 95% intervals.
std::string format_table(const SummaryEvalReport& report, Setting setting);

}  // namespace precis::harness
