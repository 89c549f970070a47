// Main text and metadata of one web page: what `precis extract` prints and what read_html feeds
// the pipeline (read_html is this, plus the sink).
//
// The page's charset comes from a BOM, then `http_charset` (a Content-Type header's charset, for
// fetched pages), then <meta charset>, then detection (charset.h); the article text is chosen by
// html_select.cc (main content, with precision/recall presets) and metadata by html_meta.cc
// (title, dates, author, outlet, canonical URL, language from meta tags, JSON-LD, <time>, the URL
// and datelines). Never throws; problems become Diagnostics. Reentrant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/base/span.h"
#include "precis/corpus/article.h"
#include "precis/ingest/reader.h"

namespace precis::ingest {

enum class BlockKind { kParagraph, kHeading, kListItem, kQuote, kPreformatted };

// One paragraph of ExtractedPage::article.body and what the markup made it.
struct TextBlock {
  ByteSpan span;  // in article.body
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;  // heading level 1..6 for kHeading
};

struct ExtractedPage {
  bool ok = false;        // false: nothing readable (see diagnostics); article is then empty
  RawArticle article;     // as read_html gives it (body = main text, body_to_original into the bytes)
  std::vector<TextBlock> blocks;  // one per paragraph of article.body, in order
  std::string method;     // how the text was chosen: "candidate", "paragraphs", "all text"
  std::string charset;    // what the bytes were decoded as
};

struct ExtractOptions {
  bool main_content = true;  // false: all visible text (no boilerplate removal)
  ExtractionFocus focus = ExtractionFocus::kBalanced;
  std::string http_charset;  // from an HTTP Content-Type header; wins over <meta>
  std::string url;           // where the page came from (used when the page names no canonical URL)
  std::uint64_t max_bytes = 64ull << 20;
};

ExtractedPage extract_html(std::string_view name, std::string bytes, const ExtractOptions& options,
                           Diagnostics& diagnostics);

// The body as Markdown: "# " headings, "- " list items, "> " quotes, fenced preformatted text.
std::string to_markdown(const ExtractedPage& page);

}  // namespace precis::ingest
