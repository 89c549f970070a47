// The summary evaluation harness: summarize every cluster of a DUC-style data set with precis,
// score the summaries with precis's ROUGE-1.5.5 reimplementation, and compare with every published
// system whose summaries are in the data set's peers/ folder, under the same settings.
//
// Protocol (../shared/EVAL.md §1): in the 100-word setting the summaries are scored with
// -n 4 -m -l 100 (ROUGE-SU4 with -2 4 -u); in the 665-byte setting with -b 665. As in the
// published systems, precis fills the budget and the scorer cuts the last sentence.
//
// Learnt concept values: with `train_dataset_dir` set, a concept model (summarize/concept_model.h)
// is trained at run time on that set's topics and references, used for every topic and cached
// for other programs; when it names the evaluated set, the model is cross-validated instead.
#pragma once

#include <memory>
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
  // Learnt concept values (summarize/concept_model.h), trained at run time on the topics and
  // references of this data set ("" = unsupervised document-frequency values). When it is the
  // evaluated set itself, the model is cross-validated: topics are split into `folds` folds by
  // their sorted position and each fold is summarized by a model trained on the others, so that
  // no topic is scored by a model that saw its references.
  std::string train_dataset_dir;
  int folds = 5;
  bool cache_model = true;  // write the model trained on the whole training set to the cache
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
  std::string model_note;             // how concepts were valued, for the report
};

// The summarization budget and ROUGE options of a setting.
summarize::SummaryOptions summary_options_for(Setting setting, summarize::SummaryOptions base);
eval::RougeOptions rouge_options_for(Setting setting);

// Runs the whole evaluation. Fails when the data set cannot be read.
Result<SummaryEvalReport> evaluate_summaries(const SummaryEvalOptions& options, Diagnostics& diagnostics);

// Trains the concept model on every topic of a DUC-style data set (its documents through the
// engine's reading and text layer, its human summaries as labels). Fails when the set cannot be
// read or yields no examples. `summary` supplies the candidate rules and model_min_df.
Result<summarize::ConceptModel> train_concept_model(const std::string& dataset_dir,
                                                    const summarize::SummaryOptions& summary, Diagnostics& diagnostics);

// A summarize::ConceptModelTrainer: trains on eval::shared_data_dir()/duc2003_task2 with the
// default options and writes the cache; nullptr when the data set is absent or training fails.
// Took 2.5 s in Release on the loaded 2-core machine (reading 298 articles dominates).
std::shared_ptr<const summarize::ConceptModel> train_default_concept_model();

// summarize::default_concept_model(train_default_concept_model): cache, else DUC 2003, else
// nullptr; once per process, thread-safe. For programs above the engine (the CLI); the engine
// itself can call summarize::default_concept_model() (cache or nullptr) without the harness.
std::shared_ptr<const summarize::ConceptModel> default_concept_model();

// The report as a fixed-width table: system, R-1, R-2, R-4, R-SU4 recall (x100) with 95% intervals.
std::string format_table(const SummaryEvalReport& report, Setting setting);

}  // namespace precis::harness
