// Plain-text reader: one file, one article.
//
// A text file is taken as it is, with three decisions:
//   Charset. UTF-8 unless a BOM, NUL parity (BOM-less UTF-16) or ICU's detector says otherwise;
//     undecodable bytes are replaced by U+FFFD and reported (charset.h has the order of checks).
//     The body maps back to the file's bytes through the conversion, so a citation always points
//     at the bytes on disk.
//   Binary. NUL bytes (outside UTF-16) or more than 10% control characters in the first 8 KiB
//     mean the file is not text (an image, an archive, a database): skipped and reported.
//   Title. A first line that is short (at most 150 bytes and 20 words), does not end like a
//     sentence (. ! ? : ; ,) and is followed by a blank line is the title, as in the files people
//     write by hand and in most text exports of news sites. It is then left out of the body (the
//     map makes this free: the body starts further into the file), so that summaries never
//     quote a headline as if it were a sentence of the article.
// The body keeps single line breaks inside a paragraph (a text file may be a list or a poem as
// well as hard-wrapped prose); the text layer treats them as spaces when it splits sentences.
#include <string>

#include "precis/ingest/body_builder.h"
#include "precis/ingest/charset.h"
#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"

namespace precis::ingest {
namespace {

// [line_begin, line_end) of the line starting at `pos`, and where the next line begins.
struct Line {
  std::size_t begin, end, next;
};
Line line_at(std::string_view text, std::size_t pos) {
  std::size_t nl = text.find('\n', pos);
  std::size_t end = nl == std::string_view::npos ? text.size() : nl;
  std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
  return Line{pos, end, next};
}

bool is_blank(std::string_view line) { return internal::trim(line).empty(); }

// Where the body starts when the text opens with a title line (0 otherwise); sets `title`.
std::size_t find_title(std::string_view text, std::string& title) {
  std::size_t pos = 0;
  while (pos < text.size()) {  // skip leading blank lines
    Line l = line_at(text, pos);
    if (!is_blank(text.substr(l.begin, l.end - l.begin))) break;
    pos = l.next;
  }
  if (pos >= text.size()) return 0;
  Line first = line_at(text, pos);
  std::string_view candidate = internal::trim(text.substr(first.begin, first.end - first.begin));
  if (candidate.empty() || candidate.size() > 150 || first.next >= text.size()) return 0;
  std::size_t words = 1;
  for (char c : candidate) words += c == ' ' ? 1 : 0;
  if (words > 20) return 0;
  std::string_view stripped = candidate;
  while (!stripped.empty() && (stripped.back() == '"' || stripped.back() == '\'' || stripped.back() == ')')) {
    stripped.remove_suffix(1);
  }
  if (stripped.empty()) return 0;
  char last = stripped.back();
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ',') return 0;
  Line second = line_at(text, first.next);
  if (!is_blank(text.substr(second.begin, second.end - second.begin))) return 0;
  // Something must follow, or the "title" is the whole article.
  std::size_t rest = second.next;
  while (rest < text.size()) {
    Line l = line_at(text, rest);
    if (!is_blank(text.substr(l.begin, l.end - l.begin))) break;
    rest = l.next;
  }
  if (rest >= text.size()) return 0;
  title = internal::collapse_spaces(candidate);
  return rest;
}

}  // namespace

bool is_binary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 8192);
  if (head.empty()) return false;
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") return false;  // UTF-16/32 BOM
  if (utf16_without_bom(head) != nullptr) return false;
  std::size_t control = 0;
  for (char ch : head) {
    auto c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) || c == 0x7F) {
      ++control;
    }
  }
  return control * 10 > head.size();
}

void read_text(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats) {
  if (bytes.size() > options.max_file_bytes) {
    internal::skip_file(stats, diagnostics, name, "too large",
                        "file is larger than " + std::to_string(options.max_file_bytes) + " bytes");
    return;
  }
  if (bytes.size() > 0xFFFFFFF0u) return;  // offsets are 32-bit; unreachable with sane limits
  if (is_binary(bytes)) {
    internal::skip_file(stats, diagnostics, name, "binary", "binary file skipped");
    return;
  }
  DecodedText decoded = decode_to_utf8(bytes);
  if (decoded.detected) {
    internal::report(diagnostics, name,
                     "decoded as " + decoded.charset + " (detected, confidence " +
                         std::to_string(decoded.confidence) + ")",
                     Severity::kInfo);
  }
  if (decoded.repaired > 0) {
    internal::report(diagnostics, name,
                     "invalid UTF-8 repaired (" + std::to_string(decoded.repaired) + " sequences)");
  }
  std::string title;
  std::size_t body_start = find_title(decoded.text, title);
  BodyBuilder builder;
  append_flowing_text(builder, std::string_view(decoded.text).substr(body_start),
                      static_cast<std::uint32_t>(body_start), BodyBuilder::Break::kLine);
  if (builder.empty()) {
    internal::skip_file(stats, diagnostics, name, "empty", "empty file: no text");
    return;
  }
  RawArticle article;
  article.meta.source = std::string(name);
  article.meta.format = SourceFormat::kText;
  article.meta.title = std::move(title);
  article.body = builder.take_body();
  article.meta.published = dateline_date(article.body);
  article.body_to_original = decoded.map.compose(builder.take_map());
  article.original = std::move(bytes);
  internal::emit(sink, stats, std::move(article));
}

void read_text(std::string_view name, std::string bytes, const ArticleSink& sink, Diagnostics& diagnostics) {
  ReadStats stats;
  read_text(name, std::move(bytes), ReadOptions{}, sink, diagnostics, stats);
}

}  // namespace precis::ingest
