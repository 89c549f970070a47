// precis eval summaries: summarize every cluster of a DUC-style data set and score it with ROUGE
// beside the published systems.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "precis/eval/duc_dataset.h"
#include "precis/harness/summary_eval.h"

namespace precis::cli {
namespace {

struct Args {
  std::string dataset;
  std::uint32_t words = 0;
  std::uint32_t bytes = 0;
  std::string out;
  std::string solver = "ilp";
  bool no_peers = false;
  int resamples = 1000;
  bool verbose = false;
  double min_df = 0;
  double slack = -1;
  double lead_weight = -1;
  double unigram_weight = -1;
  double position_weight = -1;
  std::uint32_t max_candidates = 0;
  std::uint32_t min_words = 0;
  bool no_introduced_names = false;
  bool no_whole_quotations = false;
  std::uint32_t lead_sentences = 0;
  std::string concepts = "learnt";
  std::string train;
  int folds = 5;
  double model_unigram_weight = -1;
  double model_min_df = -1;
  double model_min_probability = -1;
  double model_df_share = -1;
  bool fill_whole = false;
  std::int64_t work_limit = -1;
  double max_pair_similarity = -1;
};

int run(const Args& args) {
  harness::SummaryEvalOptions options;
  options.dataset_dir = args.dataset.empty() ? eval::shared_data_dir() + "/duc2004_task2" : args.dataset;
  if (!std::filesystem::exists(options.dataset_dir)) {
    std::fprintf(stderr, "precis eval summaries: skipped: data set %s not found (set --dataset or PRECIS_SHARED_DATA)\n",
                 options.dataset_dir.c_str());
    return 0;
  }
  options.setting = args.bytes > 0 ? harness::Setting::kBytes665 : harness::Setting::kWords100;
  if (args.bytes > 0 && args.bytes != 665) std::fprintf(stderr, "precis eval summaries: note: only the published 665-byte setting is scored; using 665\n");
  if (args.words > 0 && args.words != 100) std::fprintf(stderr, "precis eval summaries: note: only the published 100-word setting is scored; using 100\n");
  options.summary.solver = args.solver == "greedy" ? summarize::Solver::kGreedy : summarize::Solver::kIlp;
  options.out_dir = args.out;
  options.summary.min_concept_df = args.min_df;
  if (args.slack >= 0) options.summary.fill_slack = args.slack;
  if (args.lead_weight >= 0) options.summary.lead_weight = args.lead_weight;
  if (args.position_weight >= 0) options.summary.position_weight = args.position_weight;
  if (args.unigram_weight >= 0) options.summary.unigram_weight = args.unigram_weight;
  if (args.max_candidates > 0) options.summary.max_candidates = args.max_candidates;
  if (args.min_words > 0) options.summary.candidates.min_words = args.min_words;
  if (args.no_introduced_names) options.summary.candidates.introduced_names = false;
  if (args.no_whole_quotations) options.summary.candidates.whole_quotations = false;
  if (args.lead_sentences > 0) options.summary.candidates.lead_sentences = args.lead_sentences;
  if (args.model_unigram_weight >= 0) options.summary.model_unigram_weight = args.model_unigram_weight;
  if (args.work_limit >= 0) options.summary.ilp_work_limit = static_cast<std::uint32_t>(args.work_limit);
  if (args.max_pair_similarity >= 0) options.summary.max_pair_similarity = args.max_pair_similarity;
  if (args.fill_whole) options.summary.fill_by_prefix = false;
  if (args.model_df_share >= 0) options.summary.model_df_share = args.model_df_share;
  if (args.model_min_df >= 0) options.summary.model_min_df = args.model_min_df;
  if (args.model_min_probability >= 0) options.summary.model_min_probability = args.model_min_probability;
  if (args.concepts == "learnt") {
    options.train_dataset_dir = args.train.empty() ? eval::shared_data_dir() + "/duc2003_task2" : args.train;
    if (!std::filesystem::exists(options.train_dataset_dir)) {
      std::fprintf(stderr, "precis eval summaries: note: training set %s not found; concepts valued by document frequency\n",
                   options.train_dataset_dir.c_str());
      options.train_dataset_dir.clear();
    }
  }
  options.folds = args.folds;
  options.score_peers = !args.no_peers;
  options.resamples = args.resamples;
  Diagnostics diagnostics;
  auto report = harness::evaluate_summaries(options, diagnostics);
  if (args.verbose) {
    for (const Diagnostic& d : diagnostics) std::fprintf(stderr, "precis: %s: %s\n", d.source.c_str(), d.message.c_str());
  } else if (!diagnostics.empty()) {
    std::fprintf(stderr, "precis: %zu diagnostics (use --verbose to list them)\n", diagnostics.size());
  }
  if (!report) {
    std::fprintf(stderr, "precis eval summaries: %s\n", report.error().message.c_str());
    return 1;
  }
  std::string table = harness::format_table(*report, options.setting);
  std::fwrite(table.data(), 1, table.size(), stdout);
  std::fprintf(stdout, "\n%s\n", report->model_note.c_str());
  std::fprintf(stdout, "\n%zu documents; reading + text layer %.2f s (wall); summarization %.3f s CPU in total, %.1f ms per topic\n",
               report->documents, report->read_seconds, report->summarize_cpu_seconds,
               report->topics ? 1000.0 * report->summarize_cpu_seconds / static_cast<double>(report->topics) : 0.0);
  return 0;
}

}  // namespace

void add_eval_summaries_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval.add_subcommand(
      "summaries",
      "Summarize every cluster of a DUC-style data set, score with ROUGE-1.5.5 (precis's own\n"
      "reimplementation) and print precis beside every system in the set's peers/ folder.\n\n"
      "Examples:\n"
      "  precis eval summaries --dataset ../shared/data/duc2004_task2 --words 100\n"
      "  precis eval summaries --dataset ../shared/data/duc2004_task2 --bytes 665 --out out/duc04");
  cmd->add_option("--dataset", args->dataset, "DUC-style data set folder (docs/, models/, peers/); default ../shared/data/duc2004_task2");
  cmd->add_option("--words", args->words, "100-word setting (the default)");
  cmd->add_option("--bytes", args->bytes, "665-byte setting");
  cmd->add_option("--out", args->out, "Also write each summary as <topic>.precis, one sentence per line");
  cmd->add_option("--solver", args->solver, "ilp (default) or greedy")->check(CLI::IsMember({"ilp", "greedy"}));
  cmd->add_flag("--no-peers", args->no_peers, "Score precis only");
  cmd->add_option("--resamples", args->resamples, "ROUGE bootstrap resamples (default 1000)");
  cmd->add_option("--concepts", args->concepts,
                  "learnt (default): concept values from a model trained at run time on --train\n"
                  "(cross-validated when it is the evaluated set); df: document frequency")
      ->check(CLI::IsMember({"learnt", "df"}));
  cmd->add_option("--train", args->train, "Training set of the concept model; default ../shared/data/duc2003_task2");
  cmd->add_option("--folds", args->folds, "Cross-validation folds when training on the evaluated set (default 5)");
  cmd->add_flag("-v,--verbose", args->verbose, "List every diagnostic");
  // Method parameters, for tuning on DUC 2003 (defaults are the tuned values).
  cmd->add_option("--min-df", args->min_df, "Tuning: minimum document frequency of a concept (0 = auto)")->group("Tuning");
  cmd->add_option("--slack", args->slack, "Tuning: budget overshoot allowed when filling (share of budget)")->group("Tuning");
  cmd->add_option("--lead-weight", args->lead_weight, "Tuning: extra concept value per document lead")->group("Tuning");
  cmd->add_option("--lead-sentences", args->lead_sentences, "Tuning: sentences that count as a document's lead")->group("Tuning");
  cmd->add_option("--position-weight", args->position_weight, "Tuning: value of a document's first sentence")->group("Tuning");
  cmd->add_option("--unigram-weight", args->unigram_weight, "Tuning: value of content-word concepts")->group("Tuning");
  cmd->add_option("--max-candidates", args->max_candidates, "Tuning: candidates handed to the solver")->group("Tuning");
  cmd->add_option("--min-words", args->min_words, "Tuning: shortest candidate sentence in words")->group("Tuning");
  cmd->add_flag("--no-introduced-names", args->no_introduced_names,
                "Tuning: keep sentences that name someone by a surname the story introduces elsewhere")
      ->group("Tuning");
  cmd->add_flag("--no-whole-quotations", args->no_whole_quotations,
                "Tuning: keep sentences that are part of a quotation or parenthesis running over several sentences")
      ->group("Tuning");
  cmd->add_option("--model-unigram-weight", args->model_unigram_weight, "Tuning: learnt unigram value beside bigrams")->group("Tuning");
  cmd->add_option("--model-min-df", args->model_min_df, "Tuning: learnt concepts need this document frequency")->group("Tuning");
  cmd->add_option("--model-min-probability", args->model_min_probability, "Tuning: learnt concepts below are worth nothing")->group("Tuning");
  cmd->add_option("--model-df-share", args->model_df_share, "Tuning: share of the document-frequency value kept under the model")->group("Tuning");
  cmd->add_flag("--fill-whole", args->fill_whole, "Tuning: choose the filler by its whole sentence, not the scored prefix")->group("Tuning");
  cmd->add_option("--max-pair-similarity", args->max_pair_similarity,
                  "Tuning: content-word cosine at which two sentences may not both be chosen (0 = off)")
      ->group("Tuning");
  cmd->add_option("--work-limit", args->work_limit, "Tuning: the exact solver's simplex-iteration limit per story (0 = none)")->group("Tuning");
  cmd->callback([args, &exit_code]() { exit_code = run(*args); });
}

}  // namespace precis::cli
