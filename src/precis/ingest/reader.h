// Readers: files, directories and streams in; RawArticles out.
//
// Formats (see each reader's .cc for the details and the reasons):
//   plain text   .txt, .text, or sniffed text       text_reader.cc
//   HTML         .html, .htm, .xhtml, or sniffed    html_reader.cc
//   DUC/TREC     files holding <DOC> ... </DOC>      sgml_reader.cc
//   JSONL/JSON   .jsonl, .ndjson, .json              jsonl_reader.cc
// Any of them may be compressed as .gz (zlib) or .zst (zstd); JSONL is then streamed.
//
// What a RawArticle holds (corpus/article.h):
//   original  the file's bytes as read (text, HTML, and SGML files holding one <DOC>, as DUC's
//             do; after decompression); for an SGML file holding several <DOC>s (TREC), the bytes
//             of that <DOC> ... </DOC> element (so that N documents do not each copy the whole
//             file); for a JSON record, the decoded value of its body field.
//   body      UTF-8, paragraphs separated by exactly one blank line ("\n\n"), no leading or
//             trailing whitespace. Plain text keeps single hard line breaks ("\n") inside a
//             paragraph, HTML keeps <br> as "\n"; SGML and JSON bodies have none (whitespace runs
//             inside a paragraph become one space).
//   body_to_original  body byte -> original byte range, so that
//             original.substr(body_to_original.to_source(span)) is what the source said for any
//             body span. Inserted separators map to the whitespace or markup they replace.
//   meta.published  ISO 8601: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" when the input gives a time
//             without a zone, "...Z" or "...+HH:MM" when it gives a zone.
//
// Errors: nothing the input does makes a reader throw, crash or stop; every problem becomes a
// Diagnostic ("path:line: message") and the reading goes on with the next record or file.
// Thread safety: every function is reentrant; calls share no state.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/base/result.h"
#include "precis/corpus/article.h"

namespace precis::ingest {

// How HTML pages are reduced to their article (see html_select.cc). kBalanced is the default;
// kPrecision leaves out more doubtful blocks (fewer stray lines, some lost prose); kRecall keeps
// more (fewer lost paragraphs, more boilerplate), as trafilatura's favor_precision/favor_recall.
enum class ExtractionFocus { kBalanced, kPrecision, kRecall };

struct ReadOptions {
  // HTML: keep only the main content (article text) rather than all visible text.
  bool html_main_content = true;
  ExtractionFocus html_focus = ExtractionFocus::kBalanced;
  // Whole-buffer formats (text, HTML, SGML, JSON documents; after decompression) larger than
  // this are skipped with a diagnostic (reason "too large"). JSONL is streamed and has no
  // file limit, only the record limit.
  std::uint64_t max_file_bytes = 64ull << 20;
  // A JSONL line or an SGML <DOC> larger than this is skipped with a diagnostic (reason
  // "record too large") and reading goes on. JSONL never holds more than this of one line.
  std::uint64_t max_record_bytes = 8ull << 20;
};

// Counts for a one-line summary ("read 12 articles from 9 files; skipped 2 (1 binary, 1 empty)").
// files: files (or stdin) that were read; skipped_files: files given or found but not read;
// skipped_records: records (JSON lines, <DOC>s, array elements) inside read files that gave no
// article. skipped_by_reason counts both kinds by reason: "missing", "unreadable", "binary",
// "empty", "too large", "not an article", "symlink loop", "decompression failed", "malformed",
// "record too large", "no text".
struct ReadStats {
  std::uint64_t files = 0;
  std::uint64_t articles = 0;
  std::uint64_t skipped_files = 0;
  std::uint64_t skipped_records = 0;
  std::map<std::string, std::uint64_t> skipped_by_reason;
};

using ArticleSink = std::function<void(RawArticle&&)>;

// Reads every path: a file, a directory (recursively, entries in byte order of their names,
// hidden entries skipped, symlinks followed, each symlink loop reported once, a directory reached
// twice read once), or "-" for stdin (format and compression sniffed from the content). Calls
// `sink` once per article, in input order. Never throws for bad input. Appends to `diagnostics`
// and adds to `stats` (neither is cleared).
void read_paths(const std::vector<std::string>& paths, const ReadOptions& options, const ArticleSink& sink,
                Diagnostics& diagnostics, ReadStats& stats);

// Single-buffer entry points, used by read_paths, fuzzers and tests. `name` becomes meta.source
// (plus "#DOCNO" for SGML) and the source of diagnostics. `bytes` becomes RawArticle::original.
void read_text(std::string_view name, std::string bytes, const ArticleSink& sink, Diagnostics& diagnostics);
void read_html(std::string_view name, std::string bytes, const ArticleSink& sink, Diagnostics& diagnostics);
void read_sgml(std::string_view name, std::string bytes, const ArticleSink& sink, Diagnostics& diagnostics);
// The same, with limits and counts.
void read_text(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats);
void read_html(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats);
void read_sgml(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats);

// JSON Lines from a stream, one record per line, memory bounded by options.max_record_bytes.
// meta.source is "name:LINE" (1-based). Blank lines are ignored.
void read_jsonl(std::string_view name, std::istream& in, const ReadOptions& options, const ArticleSink& sink,
                Diagnostics& diagnostics, ReadStats& stats);
// One JSON document: an object (one article, meta.source "name") or an array of objects
// (meta.source "name[INDEX]", 0-based). A document that is not valid JSON but whose lines are
// (a .json file holding JSON Lines) is read as JSONL.
void read_json(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats);

// Web archives (WARC 1.0/1.1, as written by wget, Heritrix and Common Crawl; a .warc.gz is one gzip
// member per record and is decompressed by the caller's stream). Records are read one at a time,
// so memory is bounded by options.max_record_bytes whatever the archive's size; "response" records
// holding an HTML page (HTTP 2xx) go through extract_html with the record's URL and HTTP charset;
// other records are skipped silently, broken ones with a diagnostic. meta.source is
// "name#N" (N: 1-based record number), meta.url the WARC-Target-URI.
void read_warc(std::string_view name, std::istream& in, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats);

// Feeds: RSS 2.0 (and 0.9x/1.0 RDF), Atom 1.0, JSON Feed 1.x.
struct FeedItem {
  std::string id, title, link, published, updated, author;  // dates ISO 8601 (normalize_date)
  std::string content;  // HTML (content:encoded, Atom content, content_html) or text; may be empty
  std::string summary;  // HTML or text (description, Atom summary, summary); may be empty
};
struct Feed {
  std::string kind;  // "rss", "atom", "json"
  std::string title, link, language;
  std::vector<FeedItem> items;
};
// Parses a feed document (no network access, no external entities). Fails when `bytes` is not
// a feed of a known kind.
Result<Feed> parse_feed(std::string_view bytes);
// True when the start of a document looks like a feed (<rss, <feed, <rdf:RDF, or a JSON Feed).
bool looks_like_feed(std::string_view first_bytes);
// A feed file as articles: one per item with text (content, else summary, as visible text),
// meta from the item and the feed (outlet = feed title). meta.source "name#N" (1-based item).
void read_feed(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats);

// The format of a file from its name's extension (after removing .gz/.zst), else from its
// first bytes (at least the first 1 KiB is best): "<DOC>" -> kSgml, "<!doctype html", "<html" and
// the like -> kHtml, "[" -> kJson, "{" -> kJsonl (kJson when the first line holds only "{"),
// anything else kText. Binary content is not detected here (see is_binary).
SourceFormat sniff_format(std::string_view path, std::string_view first_bytes);

// The bytes of the file at `path` ("-": stdin), decompressed when it is gzip or zstd (by name or
// magic bytes). Fails when it cannot be read, is corrupt, or holds more than `max_bytes`.
Result<std::string> read_file_bytes(const std::string& path, std::uint64_t max_bytes = 64ull << 20);

// True when the first 8 KiB of `bytes` look like a binary file: NUL bytes (other than in
// UTF-16 text) or more than 10% control characters.
bool is_binary(std::string_view bytes);

// The date in `text` as ISO 8601 (see the file comment), or "" when it is not a date this reader
// understands: ISO 8601 and its common variants, RFC 822/2822, "MM/DD/YYYY [HH:MM[:SS]]",
// "YYYYMMDD", "November 2, 2004", "2 Nov 2004", each with an optional time.
std::string normalize_date(std::string_view text);

// The publication date ("YYYY-MM-DD") a wire dateline gives ("PORT AVEN, Nov. 3, 2026 (MP) — ..."),
// read from the first of the body's first four non-blank lines that opens with a dateline (so a
// byline or a time line may come first). A dateline without a year ("Nov. 3") is dated only when
// the first full date in the text fixes the year (the year that puts the two nearest); the file's
// mtime is never used (see dateline.cc). "" when there is no dated dateline. The text and HTML
// readers use it when the input declares no date.
std::string dateline_date(std::string_view body);

}  // namespace precis::ingest
