// Small helpers shared by the readers: counting and reporting skips, handing out articles.
// Internal to the ingest module.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "precis/ingest/reader.h"

namespace precis::ingest::internal {

inline void report(Diagnostics& diagnostics, std::string_view source, std::string message,
                   Severity severity = Severity::kWarning) {
  diagnostics.push_back(Diagnostic{std::string(source), std::move(message), severity});
}

// A whole file gave nothing: count it under `reason` and say why.
inline void skip_file(ReadStats& stats, Diagnostics& diagnostics, std::string_view source, const std::string& reason,
                      std::string message) {
  ++stats.skipped_files;
  ++stats.skipped_by_reason[reason];
  report(diagnostics, source, std::move(message));
}

// One record inside a file gave nothing.
inline void skip_record(ReadStats& stats, Diagnostics& diagnostics, std::string_view source,
                        const std::string& reason, std::string message) {
  ++stats.skipped_records;
  ++stats.skipped_by_reason[reason];
  report(diagnostics, source, std::move(message));
}

inline void emit(const ArticleSink& sink, ReadStats& stats, RawArticle&& article) {
  ++stats.articles;
  if (sink) sink(std::move(article));
}

// Lower-case ASCII copy.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Trims ASCII whitespace at both ends.
inline std::string_view trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Collapses every ASCII whitespace run to one space and trims: for titles and other meta fields.
inline std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : trim(text)) {
    bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (is_space) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// "en-US", "EN_gb", "eng" -> "en", "en", "eng"; "" when it does not look like a language tag.
inline std::string language_code(std::string_view tag) {
  tag = trim(tag);
  std::size_t n = 0;
  while (n < tag.size() && ((tag[n] >= 'a' && tag[n] <= 'z') || (tag[n] >= 'A' && tag[n] <= 'Z'))) ++n;
  if (n < 2 || n > 3) return {};
  if (n < tag.size() && tag[n] != '-' && tag[n] != '_') return {};
  return ascii_lower(tag.substr(0, n));
}

}  // namespace precis::ingest::internal
