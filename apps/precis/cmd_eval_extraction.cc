// precis eval extraction: main-text extraction on the article extraction benchmark (EVAL.md §3).
// Scores precis's extractor and, as the scorer's own check, the extractor outputs shipped in
// output/ next to their published figures.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "precis/eval/extraction_eval.h"
#include "precis/ingest/html_extract.h"

namespace precis::cli {
namespace {

struct ExtractionArgs {
  std::string data_dir;
  std::string focus = "balanced";
  bool all_text = false;
  bool skip_systems = false;
  bool per_page = false;
  std::string write_output;
  int bootstrap = 1000;
};

void print_row(const char* name, const eval::ExtractionScores& s, const std::string& note) {
  std::printf("%-22s F1 %.3f ± %.3f  P %.3f ± %.3f  R %.3f ± %.3f  acc %.3f%s\n", name, s.f1, s.f1_ci, s.precision,
              s.precision_ci, s.recall, s.recall_ci, s.accuracy, note.c_str());
}

int run(const ExtractionArgs& args) {
  std::string root = args.data_dir.empty() ? eval::default_extraction_benchmark_dir() : args.data_dir;
  if (!std::filesystem::exists(root + "/ground-truth.json")) {
    std::printf("skipped: no article extraction benchmark under %s\n", root.c_str());
    return 0;
  }
  auto bench = eval::load_extraction_benchmark(root);
  if (!bench) {
    std::fprintf(stderr, "precis eval extraction: %s\n", bench.error().message.c_str());
    return 1;
  }
  ingest::ExtractOptions options;
  options.main_content = !args.all_text;
  options.focus = args.focus == "precision" ? ingest::ExtractionFocus::kPrecision
                  : args.focus == "recall"  ? ingest::ExtractionFocus::kRecall
                                            : ingest::ExtractionFocus::kBalanced;
  std::map<std::string, std::string> predicted;
  std::uint64_t bytes = 0;
  double seconds = 0;
  int failed = 0;
  for (const std::string& id : bench->ids) {
    auto html = ingest::read_file_bytes(bench->html_path(id));
    if (!html) {
      std::fprintf(stderr, "precis eval extraction: %s\n", html.error().message.c_str());
      ++failed;
      continue;
    }
    bytes += html->size();
    Diagnostics diagnostics;
    options.url = bench->urls.count(id) ? bench->urls.at(id) : std::string();
    auto start = std::chrono::steady_clock::now();
    ingest::ExtractedPage page = ingest::extract_html(id, std::move(*html), options, diagnostics);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    predicted[id] = page.ok ? page.article.body : std::string();
  }
  std::vector<eval::ShingleMatch> pages;
  eval::ExtractionScores ours = eval::score_extraction(*bench, predicted, args.bootstrap, &pages);
  std::printf("article extraction benchmark: %zu pages (%s)\n", bench->ids.size(), root.c_str());
  std::string mode = args.all_text ? "all text" : args.focus;
  print_row("precis", ours, "  (" + mode + ")");
  std::printf("%-22s %.0f pages/s, %.1f MB/s (extraction only, one thread, %.2f s for %.1f MB)\n", "", 
              seconds > 0 ? static_cast<double>(bench->ids.size()) / seconds : 0.0,
              seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0, seconds, static_cast<double>(bytes) / 1e6);
  if (args.per_page) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const auto& m = pages[i];
      double p = m.tp + m.fp > 0 ? m.tp / (m.tp + m.fp) : 0, r = m.tp + m.fn > 0 ? m.tp / (m.tp + m.fn) : 0;
      std::printf("  %s P %.3f R %.3f %s\n", bench->ids[i].c_str(), p, r,
                  bench->urls.count(bench->ids[i]) ? bench->urls.at(bench->ids[i]).c_str() : "");
    }
  }
  if (!args.write_output.empty()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [id, text] : predicted) out[id] = {{"articleBody", text}};
    std::ofstream(args.write_output) << out.dump(1) << "\n";
  }
  if (!args.skip_systems) {
    std::printf("shipped outputs, rescored (published F1 / P / R in brackets):\n");
    const auto& published = eval::published_extraction_scores();
    for (const std::string& system : bench->systems) {
      auto out = eval::load_extraction_output(root + "/output/" + system + ".json");
      if (!out) continue;
      eval::ExtractionScores s = eval::score_extraction(*bench, *out, args.bootstrap);
      std::string note;
      if (auto it = published.find(system); it != published.end()) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "  [%.3f / %.3f / %.3f]", it->second.f1, it->second.precision, it->second.recall);
        note = buf;
      }
      print_row(system.c_str(), s, note);
    }
  }
  return failed == static_cast<int>(bench->ids.size()) ? 1 : 0;
}

}  // namespace

void add_eval_extraction_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<ExtractionArgs>();
  CLI::App* cmd = eval.add_subcommand("extraction", "Main text from HTML: shingle F1 on the article extraction benchmark");
  cmd->add_option("--data", args->data_dir,
                  "Benchmark folder (default: $PRECIS_SHARED_DATA/article_extraction_benchmark or ../shared/data/...)");
  cmd->add_option("--focus", args->focus, "balanced, precision or recall")
      ->check(CLI::IsMember({"balanced", "precision", "recall"}));
  cmd->add_flag("--all-text", args->all_text, "Score all visible text (no main-content selection)");
  cmd->add_flag("--no-systems", args->skip_systems, "Do not rescore the shipped outputs of other extractors");
  cmd->add_flag("--per-page", args->per_page, "Print precision and recall per page");
  cmd->add_option("--write-output", args->write_output, "Write precis's predictions as benchmark JSON");
  cmd->add_option("--bootstrap", args->bootstrap, "Bootstrap resamples for the ± intervals (default 1000)");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace precis::cli
