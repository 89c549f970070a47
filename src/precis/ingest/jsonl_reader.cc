// JSON Lines and JSON reader: one object per article.
//
// The de facto schema is news-please's (title, maintext, date_publish, url, source_domain,
// language), but crawlers and datasets each rename the fields, so every field accepts a short
// list of names, matched case-insensitively, first listed name winning:
//   body      text | maintext | body | content | article  (a string, or an array of strings that
//             are paragraphs)
//   title     title | headline
//   url       url | link
//   published date_publish | published | date | pubdate | datepublished | published_at
//             (a string in any form normalize_date reads, or a number of seconds, or of
//             milliseconds, since 1970)
//   outlet    source_domain | outlet | source | site_name | sitename  (else the URL's host)
//   language  language | lang
//   doc_id    id | doc_id | docno | docid
// `original` is the decoded body field (an array joined with "\n\n"); offsets are into that
// string, because the file's bytes hold the text JSON-escaped. In the body, every line break
// is a paragraph break (extractors write one paragraph per line) and other whitespace runs
// collapse to one space.
//
// Robustness: each line is parsed alone (simdjson DOM), so a malformed line costs one
// diagnostic ("path:LINE: malformed JSON: ...") and nothing else; a line longer than
// max_record_bytes is skipped without ever being held whole (LineReader).
#include <simdjson.h>

#include <ctime>
#include <sstream>
#include <string>

#include "precis/base/url.h"
#include "precis/ingest/body_builder.h"
#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"
#include "precis/ingest/streams.h"

namespace precis::ingest {
namespace {

enum Field { kBody, kTitle, kUrl, kPublished, kOutlet, kLanguage, kDocId, kFieldCount };

// Priority of `key` for `field` (0 = best), or -1.
int field_rank(Field field, std::string_view key) {
  static const std::vector<std::vector<std::string_view>> kNames = {
      {"text", "maintext", "body", "content", "article"},
      {"title", "headline"},
      {"url", "link"},
      {"date_publish", "published", "date", "pubdate", "datepublished", "published_at"},
      {"source_domain", "outlet", "source", "site_name", "sitename"},
      {"language", "lang"},
      {"id", "doc_id", "docno", "docid"},
  };
  const auto& names = kNames[field];
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == key) return static_cast<int>(i);
  }
  return -1;
}

std::string epoch_to_iso(double value) {
  if (value > 1e11) value /= 1000.0;  // milliseconds
  if (!(value > -5e9 && value < 8e9)) return {};
  auto seconds = static_cast<std::time_t>(value);
  std::tm tm{};
  if (gmtime_r(&seconds, &tm) == nullptr) return {};
  char buffer[32];
  std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buffer, n);
}

// A scalar field as a string ("" for null, objects and arrays).
std::string scalar_text(simdjson::dom::element value) {
  std::string_view s;
  if (value.get(s) == simdjson::SUCCESS) return std::string(s);
  int64_t i;
  if (value.get(i) == simdjson::SUCCESS) return std::to_string(i);
  uint64_t u;
  if (value.get(u) == simdjson::SUCCESS) return std::to_string(u);
  return {};
}

// Turns one parsed JSON value into an article. `source` is "path:LINE" or "path[i]".
void object_to_article(simdjson::dom::element value, const std::string& source, const ArticleSink& sink,
                       Diagnostics& diagnostics, ReadStats& stats) {
  simdjson::dom::object object;
  if (value.get(object) != simdjson::SUCCESS) {
    internal::skip_record(stats, diagnostics, source, "malformed", "record is not a JSON object");
    return;
  }
  simdjson::dom::element found[kFieldCount];
  std::string found_key[kFieldCount];
  int best[kFieldCount];
  for (int& b : best) b = 1 << 20;
  for (auto member : object) {
    std::string key = internal::ascii_lower(member.key);
    for (int f = 0; f < kFieldCount; ++f) {
      int rank = field_rank(static_cast<Field>(f), key);
      if (rank >= 0 && rank < best[f] && !member.value.is_null()) {
        best[f] = rank;
        found[f] = member.value;
        found_key[f] = std::string(member.key);
      }
    }
  }
  auto has = [&](Field f) { return best[f] < (1 << 20); };
  if (!has(kBody)) {
    internal::skip_record(stats, diagnostics, source, "no text",
                          "no text field (expected one of text, maintext, body, content, article)");
    return;
  }
  RawArticle article;
  std::string_view s;
  simdjson::dom::array paragraphs;
  if (found[kBody].get(s) == simdjson::SUCCESS) {
    article.original = std::string(s);
  } else if (found[kBody].get(paragraphs) == simdjson::SUCCESS) {
    for (auto p : paragraphs) {
      if (p.get(s) != simdjson::SUCCESS) continue;
      if (!article.original.empty()) article.original += "\n\n";
      article.original += s;
    }
  } else {
    internal::skip_record(stats, diagnostics, source, "no text", "'" + found_key[kBody] + "' is not a string");
    return;
  }
  BodyBuilder builder;
  append_flowing_text(builder, article.original, 0, BodyBuilder::Break::kParagraph);
  if (builder.empty()) {
    internal::skip_record(stats, diagnostics, source, "empty", "'" + found_key[kBody] + "' is empty");
    return;
  }
  article.body = builder.take_body();
  article.body_to_original = builder.take_map();
  article.meta.source = source;
  article.meta.format = SourceFormat::kJsonl;
  if (has(kTitle)) article.meta.title = internal::collapse_spaces(scalar_text(found[kTitle]));
  if (has(kUrl)) article.meta.url = std::string(internal::trim(scalar_text(found[kUrl])));
  if (has(kOutlet)) article.meta.outlet = internal::collapse_spaces(scalar_text(found[kOutlet]));
  if (article.meta.outlet.empty()) article.meta.outlet = host_of(article.meta.url);
  if (has(kLanguage)) article.meta.language = internal::language_code(scalar_text(found[kLanguage]));
  if (has(kDocId)) article.meta.doc_id = std::string(internal::trim(scalar_text(found[kDocId])));
  if (has(kPublished)) {
    double number;
    if (found[kPublished].get(number) == simdjson::SUCCESS) {
      article.meta.published = epoch_to_iso(number);
    } else {
      article.meta.published = normalize_date(scalar_text(found[kPublished]));
    }
    if (article.meta.published.empty()) {
      std::string raw = simdjson::to_string(found[kPublished]);
      if (raw.size() > 80) raw = raw.substr(0, 80) + "...";
      internal::report(diagnostics, source, "'" + found_key[kPublished] + "' is not a date: " + raw);
    }
  }
  internal::emit(sink, stats, std::move(article));
}

std::string short_error(simdjson::error_code error) { return simdjson::error_message(error); }

}  // namespace

void read_jsonl(std::string_view name, std::istream& in, const ReadOptions& options, const ArticleSink& sink,
                Diagnostics& diagnostics, ReadStats& stats) {
  LineReader lines(in, options.max_record_bytes);
  simdjson::dom::parser parser;
  std::string line;
  std::uint64_t length = 0;
  for (;;) {
    LineReader::Status status = lines.next(line, length);
    if (status == LineReader::Status::kEnd) break;
    std::string source = std::string(name) + ":" + std::to_string(lines.line_number());
    if (status == LineReader::Status::kTooLong) {
      internal::skip_record(stats, diagnostics, source, "record too large",
                            "line of " + std::to_string(length) + " bytes is longer than the limit of " +
                                std::to_string(options.max_record_bytes) + " bytes, skipped");
      continue;
    }
    if (internal::trim(line).empty()) continue;
    if (lines.line_number() == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    simdjson::dom::element value;
    simdjson::error_code error = parser.parse(line).get(value);
    if (error != simdjson::SUCCESS) {
      internal::skip_record(stats, diagnostics, source, "malformed", "malformed JSON: " + short_error(error));
      continue;
    }
    object_to_article(value, source, sink, diagnostics, stats);
  }
  if (lines.stream_failed()) internal::report(diagnostics, name, "read error", Severity::kError);
}

void read_json(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats) {
  if (bytes.size() > options.max_file_bytes) {
    internal::skip_file(stats, diagnostics, name, "too large",
                        "file is larger than " + std::to_string(options.max_file_bytes) + " bytes");
    return;
  }
  std::string_view body = bytes;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  if (internal::trim(body).empty()) {
    internal::skip_file(stats, diagnostics, name, "empty", "empty file: no JSON");
    return;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::error_code error = parser.parse(body.data(), body.size()).get(root);
  if (error != simdjson::SUCCESS) {
    // Many tools write JSON Lines into ".json" files.
    std::string_view first = internal::trim(body);
    if (!first.empty() && first.front() == '{' && body.find('\n') != std::string_view::npos) {
      std::istringstream in{std::string(body)};
      read_jsonl(name, in, options, sink, diagnostics, stats);
      return;
    }
    internal::skip_file(stats, diagnostics, name, "malformed", "malformed JSON: " + short_error(error));
    return;
  }
  simdjson::dom::array array;
  if (root.get(array) == simdjson::SUCCESS) {
    std::size_t index = 0;
    for (auto element : array) {
      object_to_article(element, std::string(name) + "[" + std::to_string(index) + "]", sink, diagnostics, stats);
      ++index;
    }
    return;
  }
  object_to_article(root, std::string(name), sink, diagnostics, stats);
}

}  // namespace precis::ingest
