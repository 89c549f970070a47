// precis digest: read articles, summarize them as one story, print the cited summary.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "precis/engine/pipeline.h"
#include "precis/render/render.h"

namespace precis::cli {
namespace {

struct DigestArgs {
  std::vector<std::string> paths;
  std::string format = "md";
  std::uint32_t words = 100;
  std::uint32_t bytes = 0;
  std::string language;
  std::string solver = "ilp";
  std::string output;
  bool keep_boilerplate = false;
  bool quiet = false;
};

void print_counts(const engine::DigestResult& r, const DigestArgs& args) {
  for (const Diagnostic& d : r.diagnostics) {
    if (args.quiet && d.severity != Severity::kError) continue;
    std::fprintf(stderr, "precis: %s: %s\n", d.source.c_str(), d.message.c_str());
  }
  if (args.quiet) return;
  const ingest::ReadStats& s = r.read_stats;
  std::string skipped;
  for (const auto& [reason, n] : s.skipped_by_reason) {
    skipped += (skipped.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
  }
  std::uint32_t duplicates = 0;
  for (const Article& a : r.articles) duplicates += a.duplicate_of ? 1 : 0;
  std::fprintf(stderr, "precis: read %zu article%s from %llu file%s", r.articles.size(), r.articles.size() == 1 ? "" : "s",
               static_cast<unsigned long long>(s.files), s.files == 1 ? "" : "s");
  if (!skipped.empty()) std::fprintf(stderr, "; skipped: %s", skipped.c_str());
  if (r.empty_articles) std::fprintf(stderr, "; %u empty after cleaning", r.empty_articles);
  std::fprintf(stderr, "; %u duplicate%s\n", duplicates, duplicates == 1 ? "" : "s");
}

int run_digest(const DigestArgs& args) {
  engine::DigestOptions options;
  options.summary.max_words = args.words;
  options.summary.max_bytes = args.bytes;
  options.summary.solver = args.solver == "greedy" ? summarize::Solver::kGreedy : summarize::Solver::kIlp;
  options.language = args.language;
  options.remove_boilerplate = !args.keep_boilerplate;
  engine::DigestResult result = engine::digest_paths(args.paths, options);
  print_counts(result, args);
  if (result.articles.empty()) {
    std::fprintf(stderr, "precis: nothing usable was read\n");
    return 1;
  }
  render::Format format = args.format == "json" ? render::Format::kJson
                          : args.format == "text" ? render::Format::kText
                                                  : render::Format::kMarkdown;
  std::string rendered = render::render(result, format);
  if (args.output.empty() || args.output == "-") {
    std::fwrite(rendered.data(), 1, rendered.size(), stdout);
    std::fflush(stdout);
  } else {
    std::ofstream out(args.output, std::ios::binary);
    out << rendered;
    if (!out) {
      std::fprintf(stderr, "precis: cannot write %s\n", args.output.c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace

void add_digest_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<DigestArgs>();
  CLI::App* cmd = app.add_subcommand("digest", "Summarize articles about one event, every sentence cited to its sources");
  cmd->footer(
      "\nEvery summary sentence is an unchanged source sentence, cited to every article that reports it.\n"
      "Inputs: files and folders (recursive): .txt, .html, DUC/TREC <DOC> files, .jsonl/.json\n"
      "(news-please or trafilatura field names), feeds, WARC, .gz/.zst compressed; '-' reads stdin.\n"
      "Results go to stdout, counts and diagnostics to stderr. Exit status: 0 ok, 1 nothing usable\n"
      "was read, 2 wrong invocation.\n\n"
      "Examples:\n"
      "  precis digest examples/harbour-fire/\n"
      "  precis digest --format json --words 150 a.txt b.html dump.jsonl\n"
      "  cat story.txt | precis digest --format text -");
  cmd->add_option("paths", args->paths, "Files, folders, or - for stdin")->required();
  cmd->add_option("-f,--format", args->format, "Output: md (Markdown), json, text (summary sentences only)")
      ->check(CLI::IsMember({"md", "markdown", "json", "text", "txt"}))
      ->capture_default_str();
  cmd->add_option("-w,--words", args->words, "Summary budget in words; the summary ends on whole sentences")
      ->capture_default_str();
  cmd->add_option("-b,--bytes", args->bytes, "Summary budget in bytes (overrides --words)");
  cmd->add_option("-l,--language", args->language, "Force the language (ISO 639-1, e.g. en, de); default: detect");
  cmd->add_option("--solver", args->solver, "Sentence selection: ilp (exact, default) or greedy")
      ->check(CLI::IsMember({"ilp", "greedy"}));
  cmd->add_option("-o,--output", args->output, "Write the result to this file instead of stdout");
  cmd->add_flag("--keep-boilerplate", args->keep_boilerplate, "Do not remove promo lines, captions, bylines, ...");
  cmd->add_flag("-q,--quiet", args->quiet, "Only errors on stderr");
  cmd->callback([args, &exit_code]() {
    if (args->format == "markdown") args->format = "md";
    if (args->format == "txt") args->format = "text";
    exit_code = run_digest(*args);
  });
}

}  // namespace precis::cli
