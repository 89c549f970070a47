// precis digest: read articles, group them into stories, print each story's cited summary, its
// sources (originals, copies, rewrites) and key facts.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "precis/engine/pipeline.h"
#include "precis/harness/summary_eval.h"
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
  bool one_story = false;
  std::uint32_t stories = 10;
  std::uint32_t min_articles = 1;
  double half_life = 3;
  bool no_facts = false;
  unsigned threads = 0;
  double join_similarity = cluster::ClusterOptions{}.join_similarity;
  std::size_t max_pages = 30;
  double timeout = 30;
  std::string user_agent;
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
  std::uint32_t duplicates = 0, rewrites = 0;
  for (const Article& a : r.articles) {
    duplicates += a.duplicate_of ? 1 : 0;
    rewrites += a.rewrite_of ? 1 : 0;
  }
  std::fprintf(stderr, "precis: read %zu article%s from %llu file%s", r.articles.size(), r.articles.size() == 1 ? "" : "s",
               static_cast<unsigned long long>(s.files), s.files == 1 ? "" : "s");
  const fetch::UrlReadStats& u = r.url_stats;
  if (u.urls) {
    std::fprintf(stderr, " and %llu URL%s (%llu request%s, %llu feed%s, %llu page%s)", static_cast<unsigned long long>(u.urls),
                 u.urls == 1 ? "" : "s", static_cast<unsigned long long>(u.requests), u.requests == 1 ? "" : "s",
                 static_cast<unsigned long long>(u.feeds), u.feeds == 1 ? "" : "s",
                 static_cast<unsigned long long>(u.pages), u.pages == 1 ? "" : "s");
    for (const auto& [reason, n] : u.skipped_by_reason) {
      skipped += (skipped.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
    }
  }
  if (!skipped.empty()) std::fprintf(stderr, "; skipped: %s", skipped.c_str());
  if (r.empty_articles) std::fprintf(stderr, "; %u empty after cleaning", r.empty_articles);
  std::fprintf(stderr, "; %u cop%s, %u rewrite%s; %u stor%s", duplicates, duplicates == 1 ? "y" : "ies", rewrites,
               rewrites == 1 ? "" : "s", r.stories_found, r.stories_found == 1 ? "y" : "ies");
  if (r.stories.size() < r.stories_found) {
    std::fprintf(stderr, ", the %zu best shown (--stories 0 shows all)", r.stories.size());
  }
  std::fprintf(stderr, "\n");
}

int run_digest(const DigestArgs& args) {
  engine::DigestOptions options;
  options.summary.max_words = args.words;
  options.summary.max_bytes = args.bytes;
  options.summary.solver = args.solver == "greedy" ? summarize::Solver::kGreedy : summarize::Solver::kIlp;
  options.language = args.language;
  options.remove_boilerplate = !args.keep_boilerplate;
  options.one_story = args.one_story;
  options.max_stories = args.stories;
  options.min_articles = args.min_articles;
  options.half_life_days = args.half_life;
  options.facts = !args.no_facts;
  options.threads = args.threads;
  options.cluster.join_similarity = args.join_similarity;
  // Learnt concept weights: the cached model, else trained once from DUC 2003 when ../shared/data
  // is present (a few seconds, then cached), else document-frequency weights.
  options.summary.concept_model = harness::default_concept_model();
  options.urls.max_pages_per_feed = args.max_pages;
  options.urls.fetch.timeout_ms = static_cast<long>(args.timeout * 1000);
  if (!args.user_agent.empty()) options.urls.fetch.user_agent = args.user_agent;
  engine::DigestResult result = engine::digest_paths(args.paths, options);
  print_counts(result, args);
  if (result.articles.empty()) {
    std::fprintf(stderr, "precis: nothing usable was read\n");
    return 1;
  }
  render::Format format = args.format == "json"   ? render::Format::kJson
                          : args.format == "text" ? render::Format::kText
                          : args.format == "html" ? render::Format::kHtml
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
  CLI::App* cmd = app.add_subcommand("digest", "Group articles into stories and summarize each, every sentence cited");
  cmd->footer(
      "\nArticles are replayed in publication order: copies and rewrites are linked to the first version,\n"
      "articles are grouped into stories, and stories are ranked by size and recency. Each story gets\n"
      "a headline, a summary, key facts (figures and where sources agree or differ, people,\n"
      "organisations, places, a timeline) and its sources: originals, copies and rewrites.\n"
      "Every summary sentence is an unchanged source sentence, cited to every article that reports it.\n\n"
      "Inputs: files and folders (recursive): .txt, .html, DUC/TREC <DOC> files, .jsonl/.json\n"
      "(news-please or trafilatura field names), feeds, WARC, .gz/.zst compressed; '-' reads stdin;\n"
      "http(s) URLs of feeds (the linked pages are fetched, politely: robots.txt, one request per\n"
      "host per second) or of single pages.\n"
      "Results go to stdout, counts and diagnostics to stderr. Exit status: 0 ok, 1 nothing usable\n"
      "was read, 2 wrong invocation.\n\n"
      "Examples:\n"
      "  precis digest examples/                      the demo corpus: several stories\n"
      "  precis digest --one-story examples/harbour-fire/\n"
      "  precis digest --format json --words 150 a.txt b.html dump.jsonl\n"
      "  precis digest --format html -o digest.html crawl.warc.gz\n"
      "  precis digest --max-pages 10 https://example.org/news/feed.xml\n"
      "  cat story.txt | precis digest --format text -");
  cmd->add_option("paths", args->paths, "Files, folders, URLs, or - for stdin")->required();
  cmd->add_option("-f,--format", args->format, "Output: md (Markdown), json, html (one page), text (summary sentences only)")
      ->check(CLI::IsMember({"md", "markdown", "json", "html", "text", "txt"}))
      ->capture_default_str();
  cmd->add_option("-w,--words", args->words, "Summary budget in words; the summary ends on whole sentences")
      ->capture_default_str();
  cmd->add_option("-b,--bytes", args->bytes, "Summary budget in bytes (overrides --words)");
  cmd->add_option("-l,--language", args->language, "Force the language (ISO 639-1, e.g. en, de); default: detect");
  cmd->add_option("--solver", args->solver, "Sentence selection: ilp (exact, default) or greedy")
      ->check(CLI::IsMember({"ilp", "greedy"}));
  cmd->add_option("-o,--output", args->output, "Write the result to this file instead of stdout");
  cmd->add_flag("--one-story", args->one_story, "Treat all input as one story (no clustering)");
  cmd->add_option("--join-similarity", args->join_similarity,
                  "Cosine an article needs with a story to join it (0-1): higher keeps more stories apart. The default "
                  "suits a news stream; a mixed pile of web pages stays apart better near 0.2 (docs/clustering.md)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("-n,--stories", args->stories, "Show the N best-ranked stories; 0 shows all")->capture_default_str();
  cmd->add_option("--min-articles", args->min_articles, "Hide stories with fewer articles")->capture_default_str();
  cmd->add_option("--half-life", args->half_life,
                  "Ranking: a story's weight halves for every this many days it is older than the newest; 0 ranks by size")
      ->capture_default_str();
  cmd->add_option("--max-pages", args->max_pages, "Per feed URL: fetch at most this many linked pages")->capture_default_str();
  cmd->add_option("--timeout", args->timeout, "Per request, in seconds")->capture_default_str();
  cmd->add_option("--user-agent", args->user_agent, "User-Agent header for fetching URLs");
  cmd->add_flag("--no-facts", args->no_facts, "Skip the key facts (figures, names, timeline)");
  cmd->add_flag("--keep-boilerplate", args->keep_boilerplate, "Do not remove promo lines, captions, bylines, ...");
  cmd->add_option("-j,--threads", args->threads,
                  "Threads for cleaning, summaries and facts; 0: one per core (the output is the same)")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "Only errors on stderr");
  cmd->callback([args, &exit_code]() {
    if (args->format == "markdown") args->format = "md";
    if (args->format == "txt") args->format = "text";
    exit_code = run_digest(*args);
  });
}

}  // namespace precis::cli
