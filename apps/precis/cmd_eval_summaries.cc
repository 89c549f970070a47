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
  cmd->add_flag("-v,--verbose", args->verbose, "List every diagnostic");
  cmd->callback([args, &exit_code]() { exit_code = run(*args); });
}

}  // namespace precis::cli
