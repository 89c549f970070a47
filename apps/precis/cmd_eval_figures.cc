// precis eval figures: do the digest's key figures include those people wrote in their own
// summaries of the story? (harness/figures_eval.h has the protocol.)
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "precis/eval/duc_dataset.h"
#include "precis/harness/figures_eval.h"

namespace precis::cli {
namespace {

struct Args {
  std::vector<std::string> datasets;
  bool verbose = false;
};

int run(const Args& args) {
  std::vector<std::string> datasets = args.datasets;
  if (datasets.empty()) {
    const std::string root = eval::shared_data_dir();
    for (const char* name : {"duc2003_task2", "duc2004_task2"}) {
      if (std::filesystem::exists(root + "/" + name)) datasets.push_back(root + "/" + name);
    }
    if (datasets.empty()) {
      std::fprintf(stderr, "precis eval figures: skipped: no DUC data set under %s (set --dataset or PRECIS_SHARED_DATA)\n",
                   root.c_str());
      return 0;
    }
  }
  std::fprintf(stdout, "%-16s %6s %6s %6s %6s %6s %7s\n", "dataset", "topics", "lines", "P@4", "P@8", "R", "refs");
  int status = 0;
  for (const std::string& dir : datasets) {
    Diagnostics diagnostics;
    harness::FiguresEvalOptions options;
    options.dataset_dir = dir;
    auto report = harness::evaluate_figures(options, diagnostics);
    if (args.verbose) {
      for (const Diagnostic& d : diagnostics) std::fprintf(stderr, "precis: %s: %s\n", d.source.c_str(), d.message.c_str());
    }
    if (!report) {
      std::fprintf(stderr, "precis eval figures: %s: %s\n", dir.c_str(), report.error().message.c_str());
      status = 1;
      continue;
    }
    std::fprintf(stdout, "%-16s %6zu %6zu %6.3f %6.3f %6.3f %7zu\n", std::filesystem::path(dir).filename().c_str(),
                 report->topics, report->lines, report->precision_at_4, report->precision_at_8, report->recall,
                 report->reference_figures);
  }
  std::fprintf(stdout,
               "\nEach topic digested as one story; a figure line shown is a hit when a human summary gives the same\n"
               "number of the same thing. P@k: hits among the first k lines; R: the share of the summaries' figures shown.\n");
  return status;
}

}  // namespace

void add_eval_figures_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval.add_subcommand(
      "figures", "Key figures: are the figures a digest shows those that people wrote in their summaries?");
  cmd->add_option("--dataset", args->datasets,
                  "DUC-style data sets (docs/, models/); default duc2003_task2 (tuning) and duc2004_task2 under ../shared/data");
  cmd->add_flag("-v,--verbose", args->verbose, "List every diagnostic");
  cmd->callback([args, &exit_code]() { exit_code = run(*args); });
}

}  // namespace precis::cli
