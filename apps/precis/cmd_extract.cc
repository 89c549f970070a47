// precis extract PAGE|-|URL: the article text of a web page, as text, Markdown or JSON with its
// metadata. A URL is fetched politely (precis::fetch) before extraction.
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "commands.h"
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

int run(const ExtractArgs& args) {
  ingest::ExtractOptions options;
  options.main_content = !args.all_text;
  options.focus = args.precision ? ingest::ExtractionFocus::kPrecision
                  : args.recall  ? ingest::ExtractionFocus::kRecall
                                 : ingest::ExtractionFocus::kBalanced;
  std::string bytes;
  {
    auto read = ingest::read_file_bytes(args.input);
    if (!read) {
      std::fprintf(stderr, "precis extract: %s\n", read.error().message.c_str());
      return 1;
    }
    bytes = std::move(*read);
  }
  Diagnostics diagnostics;
  ingest::ExtractedPage page = ingest::extract_html(args.input, std::move(bytes), options, diagnostics);
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
  CLI::App* cmd = app.add_subcommand("extract", "Print the article text of a web page (file, - for stdin, or URL)");
  cmd->add_option("page", args->input, "HTML file (.gz/.zst allowed), - for stdin, or an http(s) URL")->required();
  cmd->add_option("--format", args->format, "text, markdown or json (with metadata and source offsets)")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  auto* p = cmd->add_flag("--precision", args->precision, "Favour precision: leave out doubtful blocks");
  auto* r = cmd->add_flag("--recall", args->recall, "Favour recall: keep doubtful blocks");
  p->excludes(r);
  cmd->add_flag("--all-text", args->all_text, "All visible text, no main-content selection");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace precis::cli
