// Renderers: a DigestResult as Markdown, JSON (docs/json-schema.md) or plain text.
// Pure functions: value in, string out. The caller writes it where it wants.
#pragma once

#include <string>

#include "precis/engine/pipeline.h"

namespace precis::render {

enum class Format { kMarkdown, kJson, kText };

// Markdown: per story a heading, the summary with [n] citation markers, and the numbered source
// list those markers resolve to (outlet or file name, title, date), with counts of sources and
// duplicates.
std::string to_markdown(const engine::DigestResult& result);

// JSON as documented in docs/json-schema.md. `indent` < 0 gives one line.
std::string to_json(const engine::DigestResult& result, int indent = 2);

// Only the summary sentences, one per line; stories separated by a blank line.
std::string to_text(const engine::DigestResult& result);

std::string render(const engine::DigestResult& result, Format format);

// A display name for an article's source: outlet, else the file name without directories.
std::string source_name(const Article& article);

}  // namespace precis::render
