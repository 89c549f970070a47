// precis eval sbd: sentence-splitting accuracy on the golden rules and GUM news (EVAL.md 2).
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "commands.h"
#include "precis/eval/duc_dataset.h"
#include "precis/eval/sbd.h"

namespace precis::cli {
namespace {

struct SbdArgs {
  std::string data_dir;
  bool verbose = false;
};

void print_failures(const eval::SbdReport& report) {
  for (const auto& f : report.failures) {
    if (report.dataset == "golden_rules_en") {
      std::printf("  case %s (%s)\n    text: %s\n", f.id.c_str(), f.detail.c_str(), f.context.c_str());
      for (const auto& s : f.expected) std::printf("    want: %s\n", s.c_str());
      for (const auto& s : f.got) std::printf("    got:  %s\n", s.c_str());
    } else {
      std::printf("  %s %s: %s\n", f.id.c_str(), f.detail.c_str(), f.context.c_str());
    }
  }
}

int run(const SbdArgs& args) {
  std::string dir = args.data_dir.empty() ? eval::shared_data_dir() : args.data_dir;
  std::string golden = dir + "/sbd_golden_rules_en/golden_rules_en.jsonl";
  std::string gum = dir + "/sbd_gum_news/gum_news_sbd.jsonl";
  bool any = false;
  if (std::filesystem::exists(golden)) {
    any = true;
    auto report = eval::evaluate_golden_rules(golden);
    if (!report) {
      std::fprintf(stderr, "precis eval sbd: %s\n", report.error().message.c_str());
      return 1;
    }
    std::printf("golden rules (en): %zu/%zu exact (%.1f%%)\n", report->exact, report->cases,
                report->cases ? 100.0 * static_cast<double>(report->exact) / static_cast<double>(report->cases) : 0.0);
    if (args.verbose) print_failures(*report);
  } else {
    std::fprintf(stderr, "precis eval sbd: %s is absent; golden rules skipped\n", golden.c_str());
  }
  if (std::filesystem::exists(gum)) {
    any = true;
    auto report = eval::evaluate_gum(gum);
    if (!report) {
      std::fprintf(stderr, "precis eval sbd: %s\n", report.error().message.c_str());
      return 1;
    }
    const auto& b = report->boundaries;
    std::printf("GUM news: %zu documents, %zu gold sentences, %zu predicted: P %.4f R %.4f F1 %.4f\n", report->cases,
                b.gold, b.predicted, b.precision(), b.recall(), b.f1());
    if (args.verbose) print_failures(*report);
  } else {
    std::fprintf(stderr, "precis eval sbd: %s is absent; GUM news skipped\n", gum.c_str());
  }
  if (!any) std::printf("skipped: no evaluation data under %s\n", dir.c_str());
  return 0;
}

}  // namespace

void add_eval_sbd_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<SbdArgs>();
  CLI::App* cmd = eval.add_subcommand("sbd", "Sentence splitting: golden rules (exact cases) and GUM news (boundary F1)");
  cmd->add_option("--data", args->data_dir, "Evaluation data folder (default: $PRECIS_SHARED_DATA or ../shared/data)");
  cmd->add_flag("--verbose,-v", args->verbose, "List every failing case / boundary");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace precis::cli
