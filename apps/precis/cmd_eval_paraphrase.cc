// precis eval paraphrase: MSRP accuracy/F1 (trained on train only) and the generated rewrite
// benchmark over DUC documents (../shared/EVAL.md §5).
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "precis/eval/duc_dataset.h"
#include "precis/harness/paraphrase_eval.h"

namespace precis::cli {
namespace {

struct Args {
  std::string data;
  std::uint32_t sources = 200;
  std::uint64_t seed = 1;
  bool skip_msrp = false;
  bool skip_rewrites = false;
  bool verbose = false;
};

int run(const Args& args) {
  const std::string root = args.data.empty() ? eval::shared_data_dir() : args.data;
  if (!std::filesystem::exists(root)) {
    std::fprintf(stderr, "precis eval paraphrase: skipped: %s not found (set --data or PRECIS_SHARED_DATA)\n", root.c_str());
    return 0;
  }
  Diagnostics diagnostics;
  int status = 0;
  if (!args.skip_msrp) {
    auto msrp = harness::evaluate_msrp(root + "/msrp", {}, diagnostics);
    if (msrp) {
      std::string s = harness::format_msrp_report(*msrp);
      std::fwrite(s.data(), 1, s.size(), stdout);
    } else {
      std::fprintf(stderr, "precis eval paraphrase: msrp: %s\n", msrp.error().message.c_str());
      status = 1;
    }
  }
  if (!args.skip_rewrites) {
    harness::RewriteBenchOptions options;
    options.duc_dir = root + "/duc2004_task2";
    options.sources = args.sources;
    options.seed = args.seed;
    options.wordnet_dir = eval::kWordNetDir;
    auto bench = harness::run_rewrite_benchmark(options, diagnostics);
    if (bench) {
      std::fprintf(stdout, "\nRewrite benchmark (generated from %u DUC 2004 documents, seed %llu; others are distractors)\n",
                   args.sources, static_cast<unsigned long long>(args.seed));
      std::string s = harness::format_rewrite_report(*bench);
      std::fwrite(s.data(), 1, s.size(), stdout);
    } else {
      std::fprintf(stderr, "precis eval paraphrase: rewrites: %s\n", bench.error().message.c_str());
      status = 1;
    }
  }
  if (args.verbose) {
    for (const Diagnostic& d : diagnostics) std::fprintf(stderr, "precis: %s: %s\n", d.source.c_str(), d.message.c_str());
  } else if (!diagnostics.empty()) {
    std::fprintf(stderr, "precis: %zu diagnostics (use --verbose to list them)\n", diagnostics.size());
  }
  return status;
}

}  // namespace

void add_eval_paraphrase_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval.add_subcommand(
      "paraphrase",
      "MSRP test accuracy and F1 of the sentence-level \"same content\" model (trained and tuned on the\n"
      "train file only), and the rewrite benchmark generated from DUC 2004 documents (deletions,\n"
      "reordering, splits, WordNet synonyms, boilerplate, edited numbers): precision and recall per kind.\n\n"
      "Examples:\n"
      "  precis eval paraphrase\n"
      "  precis eval paraphrase --sources 400 --seed 2");
  cmd->add_option("--data", args->data, "Shared data folder (default ../shared/data or $PRECIS_SHARED_DATA)");
  cmd->add_option("--sources", args->sources, "DUC documents that get generated variants (default 200)");
  cmd->add_option("--seed", args->seed, "Seed of the rewrite generator (default 1)");
  cmd->add_flag("--no-msrp", args->skip_msrp, "Skip MSRP");
  cmd->add_flag("--no-rewrites", args->skip_rewrites, "Skip the rewrite benchmark");
  cmd->add_flag("-v,--verbose", args->verbose, "List every diagnostic");
  cmd->callback([args, &exit_code]() { exit_code = run(*args); });
}

}  // namespace precis::cli
