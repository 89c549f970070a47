// precis extract PAGE|-|URL|ARCHIVE.warc[.gz]: the article text of a web page, as text, Markdown or
// JSON with its metadata. A URL is fetched politely (precis::fetch) before extraction. A web
// archive is streamed record by record (constant memory): every HTML response becomes one article,
// printed as text (articles separated by a form-feed line) or JSON Lines (one object per article).
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "precis/fetch/url_reader.h"
#include "precis/ingest/html_extract.h"
#include "precis/ingest/reader.h"

namespace precis::cli {
namespace {

struct ExtractArgs {
  std::string input;
  std::string format = "text";
  bool precision = false;
  bool recall = false;
  bool all_text = false;
  long timeout_ms = 30000;
  std::uint64_t max_bytes = 16ull << 20;
  std::string user_agent;
  bool ignore_robots = false;
};

const char* kind_name(ingest::BlockKind kind) {
  switch (kind) {
    case ingest::BlockKind::kHeading: return "heading";
    case ingest::BlockKind::kListItem: return "list_item";
    case ingest::BlockKind::kQuote: return "quote";
    case ingest::BlockKind::kPreformatted: return "preformatted";
    default: return "paragraph";
  }
}

bool is_warc_name(const std::string& path) {
  for (const char* ext : {".warc", ".warc.gz", ".warc.zst"}) {
    std::string e = ext;
    if (path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

int run_warc(const ExtractArgs& args, const ingest::ExtractOptions& options) {
  ingest::ReadOptions read_options;
  read_options.html_main_content = options.main_content;
  read_options.html_focus = options.focus;
  Diagnostics diagnostics;
  ingest::ReadStats stats;
  bool first = true;
  ingest::read_paths(
      {args.input}, read_options,
      [&](RawArticle&& a) {
        const ArticleMeta& m = a.meta;
        if (args.format == "json") {
          nlohmann::json j = {{"source", m.source},       {"url", m.url},     {"title", m.title},
                              {"author", m.author},       {"published", m.published}, {"updated", m.updated},
                              {"outlet", m.outlet},       {"language", m.language},   {"text", a.body}};
          std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        } else {
          if (!first) std::fputs("\f\n", stdout);
          if (args.format == "markdown" && !m.title.empty()) std::printf("# %s\n\n", m.title.c_str());
          std::printf("%s\n", a.body.c_str());
        }
        first = false;
      },
      diagnostics, stats);
  for (const Diagnostic& d : diagnostics) std::fprintf(stderr, "%s: %s\n", d.source.c_str(), d.message.c_str());
  std::fprintf(stderr, "precis extract: %llu articles from %s\n", static_cast<unsigned long long>(stats.articles),
               args.input.c_str());
  return stats.articles > 0 ? 0 : 1;
}

int run(const ExtractArgs& args) {
  ingest::ExtractOptions options;
  options.main_content = !args.all_text;
  options.focus = args.precision ? ingest::ExtractionFocus::kPrecision
                  : args.recall  ? ingest::ExtractionFocus::kRecall
                                 : ingest::ExtractionFocus::kBalanced;
  if (!fetch::is_url(args.input) && is_warc_name(args.input)) return run_warc(args, options);
  Diagnostics diagnostics;
  ingest::ExtractedPage page;
  if (fetch::is_url(args.input)) {
    fetch::UrlReadOptions url_options;
    url_options.fetch.timeout_ms = args.timeout_ms;
    url_options.fetch.max_bytes = args.max_bytes;
    url_options.fetch.obey_robots = !args.ignore_robots;
    if (!args.user_agent.empty()) url_options.fetch.user_agent = args.user_agent;
    url_options.html_main_content = options.main_content;
    url_options.html_focus = options.focus;
    fetch::Fetcher fetcher(url_options.fetch);
    page = fetch::fetch_page(args.input, url_options, fetcher, diagnostics);
  } else {
    auto read = ingest::read_file_bytes(args.input);
    if (!read) {
      std::fprintf(stderr, "precis extract: %s\n", read.error().message.c_str());
      return 1;
    }
    page = ingest::extract_html(args.input, std::move(*read), options, diagnostics);
  }
  for (const Diagnostic& d : diagnostics) std::fprintf(stderr, "%s: %s\n", d.source.c_str(), d.message.c_str());
  if (!page.ok) return 1;
  const ArticleMeta& m = page.article.meta;
  if (args.format == "json") {
    nlohmann::json j = {{"title", m.title},         {"author", m.author},   {"published", m.published},
                        {"updated", m.updated},     {"outlet", m.outlet},   {"url", m.url},
                        {"language", m.language},   {"charset", page.charset}, {"method", page.method},
                        {"text", page.article.body}};
    nlohmann::json blocks = nlohmann::json::array();
    for (const auto& b : page.blocks) {
      nlohmann::json jb = {{"kind", kind_name(b.kind)},
                           {"text", page.article.body.substr(b.span.begin, b.span.end - b.span.begin)}};
      if (b.kind == ingest::BlockKind::kHeading) jb["level"] = b.level;
      ByteSpan src = page.article.body_to_original.to_source(b.span);
      jb["source"] = {src.begin, src.end};
      blocks.push_back(std::move(jb));
    }
    j["blocks"] = std::move(blocks);
    std::printf("%s\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else if (args.format == "markdown") {
    if (!m.title.empty()) std::printf("# %s\n\n", m.title.c_str());
    std::printf("%s\n", ingest::to_markdown(page).c_str());
  } else {
    std::printf("%s\n", page.article.body.c_str());
  }
  return 0;
}

}  // namespace

void add_extract_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand("extract", "Print the article text of a web page (file, - for stdin, or URL) or of every page in a WARC");
  cmd->add_option("page", args->input,
                  "HTML file (.gz/.zst allowed), - for stdin, an http(s) URL, or a .warc/.warc.gz archive")
      ->required();
  cmd->add_option("--format", args->format, "text, markdown or json (with metadata and source offsets)")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  auto* p = cmd->add_flag("--precision", args->precision, "Favour precision: leave out doubtful blocks");
  auto* r = cmd->add_flag("--recall", args->recall, "Favour recall: keep doubtful blocks");
  p->excludes(r);
  cmd->add_flag("--all-text", args->all_text, "All visible text, no main-content selection");
  cmd->add_option("--timeout-ms", args->timeout_ms, "URL: total time allowed for the request (default 30000)")
      ->check(CLI::Range(1L, 3600000L));
  cmd->add_option("--max-bytes", args->max_bytes, "URL: largest response accepted (default 16 MiB)");
  cmd->add_option("--user-agent", args->user_agent, "URL: User-Agent header (default: precis's)");
  cmd->add_flag("--ignore-robots", args->ignore_robots, "URL: do not fetch or obey robots.txt");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace precis::cli
