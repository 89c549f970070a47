// Renderers: a DigestResult as Markdown, JSON (docs/json-schema.md), HTML or plain text.
// Pure functions: value in, string out. The caller writes it where it wants.
#pragma once

#include <string>
#include <string_view>

#include "precis/engine/pipeline.h"
#include "precis/render/view.h"

namespace precis::render {

enum class Format { kMarkdown, kJson, kHtml, kText };

// Markdown: per story a heading, the credit line ("7 articles from 6 outlets: 3 originals,
// 2 copies, 2 rewrites") and dates, the summary with [n] citation markers, the key facts (figures
// and where sources agree or differ, people, organisations, places, timeline) with the same
// markers, and the numbered source list they resolve to (outlet or file name, title, date, copy
// and rewrite relations).
std::string to_markdown(const engine::DigestResult& result);

// JSON as documented in docs/json-schema.md. `indent` < 0 gives one line.
std::string to_json(const engine::DigestResult& result, int indent = 2);

// One self-contained HTML page (inline CSS, no scripts, no external resources): the Markdown
// content with citation markers linked to the sources and source titles linked to their URLs.
std::string to_html(const engine::DigestResult& result);

// The start of a page in to_html's style, up to and including "<body>\n"; the caller adds the
// content and "</body>\n</html>\n" (the server's search and article pages).
std::string html_head(std::string_view title);

// Only the summary sentences, one per line; stories separated by a blank line.
std::string to_text(const engine::DigestResult& result);

std::string render(const engine::DigestResult& result, Format format);

// The names the JSON uses: "text", "html", "sgml", "jsonl", "json"; "info", "warning", "error".
const char* format_name(SourceFormat format);
const char* severity_name(Severity severity);
// Text made safe for HTML element content and attribute values (& < > " ').
std::string escape_html(std::string_view text);
// Whether a URL may become a link: http(s) only; anything else (javascript:, data:) stays text.
bool is_web_url(std::string_view url);
// The last line of a digest page (to_html), and of the server's page of one story.
inline constexpr const char* kDigestFooter =
    "<footer>Every sentence above is an unchanged sentence of the cited sources. Made by precis.</footer>\n";

}  // namespace precis::render
