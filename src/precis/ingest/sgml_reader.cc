// DUC/TREC SGML reader: <DOC> elements in, one article each.
//
// The TIPSTER/TREC/DUC collections wrap every document as
//   <DOC> <DOCNO> APW19981016.0240 </DOCNO> [<DATE_TIME> 1998-10-16 14:05 </DATE_TIME>]
//         [<HEADLINE> ... </HEADLINE>] <TEXT> ... </TEXT> </DOC>
// with many local variations, so the reader is a tolerant scanner, not an SGML parser: it finds
// the elements it knows by name (case-insensitively) and ignores the rest (DOCTYPE, TXTTYPE,
// HEADER, SLUG, TRAILER, wire PROFILE blocks outside TEXT).
//   Date. DATE_TIME, else DATE, normalised (DUC writes "1998-10-21 11:23" and
//     "11/23/1998 15:54:00"); else the date in the DOCNO (APW19981016 -> 1998-10-16; AP880212
//     and WSJ880212 as YYMMDD), since DUC 2004 files carry no date element at all.
//   Outlet. From the DOCNO prefix (APW -> Associated Press, NYT -> New York Times, ...).
//   Body. Every TEXT element, in order. Inside TEXT, <P> ... </P> are paragraphs when present
//     (DUC 2003 NYT files); otherwise the layout is the only paragraph marker: a blank line, or a
//     line starting with whitespace when the text mixes indented and flush lines (DUC 2003 AP
//     files indent each paragraph with a tab), starts a paragraph. Other line breaks are hard
//     wraps inside sentences and become spaces. ANNOTATION elements ("STORY CAN END HERE") are
//     dropped, other tags become spaces.
//   Entities. &amp; &lt; &gt; &quot; (either case) and numeric references are decoded; &HT; is a
//     tab; the typesetting codes of the wire services (&UR; &QL; &QC; &LR; &Cx1f; ...) carry no
//     text and become spaces.
// Wire boilerplate inside TEXT (bylines, "Eds:" notes, slugs) is kept: removing it is the text
// layer's cleaning job, which sees every format. Offsets: every body byte maps into `original`
// (the whole file when it holds one <DOC>, else that <DOC> element; see reader.h).
#include <algorithm>
#include <string>
#include <vector>

#include "precis/base/utf8.h"
#include "precis/ingest/body_builder.h"
#include "precis/ingest/charset.h"
#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"

namespace precis::ingest {
namespace {

// Case-insensitive search for `needle` (ASCII) in text[from, to).
std::size_t find_ci(std::string_view text, std::string_view needle, std::size_t from, std::size_t to) {
  if (needle.empty() || to > text.size() || to < needle.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= to; ++i) {
    std::size_t k = 0;
    while (k < needle.size() && std::toupper(static_cast<unsigned char>(text[i + k])) ==
                                    std::toupper(static_cast<unsigned char>(needle[k]))) {
      ++k;
    }
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// Start of the next "<NAME>" or "<NAME attrs>" tag in [from, to), and the end of that tag.
struct Tag {
  std::size_t begin = std::string_view::npos, end = std::string_view::npos;
};
Tag find_open_tag(std::string_view text, std::string_view name, std::size_t from, std::size_t to) {
  std::string open = "<" + std::string(name);
  while (from < to) {
    std::size_t at = find_ci(text, open, from, to);
    if (at == std::string_view::npos) return {};
    std::size_t after = at + open.size();
    if (after < to && (text[after] == '>' || text[after] == ' ' || text[after] == '\t' || text[after] == '\n')) {
      std::size_t close = text.find('>', after);
      if (close == std::string_view::npos || close >= to) return {};
      return Tag{at, close + 1};
    }
    from = at + 1;
  }
  return {};
}

// Content span of the first NAME element in [from, to); the element's end in *element_end.
bool find_element(std::string_view text, std::string_view name, std::size_t from, std::size_t to,
                  std::size_t& content_begin, std::size_t& content_end, std::size_t* element_end = nullptr) {
  Tag open = find_open_tag(text, name, from, to);
  if (open.begin == std::string_view::npos) return false;
  std::string close = "</" + std::string(name) + ">";
  std::size_t c = find_ci(text, close, open.end, to);
  content_begin = open.end;
  content_end = c == std::string_view::npos ? to : c;
  if (element_end) *element_end = c == std::string_view::npos ? to : c + close.size();
  return true;
}

// Text of an element with tags removed and whitespace collapsed (for DOCNO, dates, headlines).
std::string plain_text(std::string_view text) {
  std::string out;
  bool in_tag = false;
  for (char c : text) {
    if (c == '<') in_tag = true;
    else if (c == '>' && in_tag) { in_tag = false; out.push_back(' '); }
    else if (!in_tag) out.push_back(c);
  }
  return internal::collapse_spaces(out);
}

std::string outlet_of(std::string_view docno) {
  std::size_t n = 0;
  while (n < docno.size() && std::isalpha(static_cast<unsigned char>(docno[n]))) ++n;
  std::string prefix;
  for (char c : docno.substr(0, n)) prefix.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  struct Outlet { std::string_view prefix, name; };
  static constexpr Outlet kOutlets[] = {
      {"APW", "Associated Press"}, {"AP", "Associated Press"}, {"NYT", "New York Times"},
      {"XIE", "Xinhua"}, {"XIN", "Xinhua"}, {"AFP", "Agence France-Presse"}, {"AFE", "Agence France-Presse"},
      {"LTW", "Los Angeles Times/Washington Post"}, {"LAT", "Los Angeles Times"}, {"LA", "Los Angeles Times"},
      {"CNA", "Central News Agency"}, {"FBIS", "Foreign Broadcast Information Service"},
      {"FT", "Financial Times"}, {"WSJ", "Wall Street Journal"}, {"SJMN", "San Jose Mercury News"},
      {"ZF", "Ziff-Davis"}, {"FR", "Federal Register"}, {"NPR", "National Public Radio"}, {"CNN", "CNN"},
      {"ABC", "ABC News"}, {"PRI", "Public Radio International"}, {"VOA", "Voice of America"},
      {"MNB", "MSNBC"}, {"NBC", "NBC News"}, {"UMN", "United Media Network"}};
  for (const Outlet& o : kOutlets) {
    if (prefix == o.prefix) return std::string(o.name);
  }
  return {};
}

std::string date_from_docno(std::string_view docno) {
  std::size_t n = 0;
  while (n < docno.size() && std::isalpha(static_cast<unsigned char>(docno[n]))) ++n;
  std::size_t d = n;
  while (d < docno.size() && std::isdigit(static_cast<unsigned char>(docno[d]))) ++d;
  std::string_view digits = docno.substr(n, d - n);
  std::string prefix = internal::ascii_lower(docno.substr(0, n));
  if (digits.size() >= 8) return normalize_date(digits.substr(0, 8));
  if (digits.size() == 6 && (prefix == "ap" || prefix == "wsj")) {
    return normalize_date("19" + std::string(digits));
  }
  return {};
}

// Appends TEXT content [begin, end) of `text` to `builder` (see the file comment).
void append_text_element(std::string_view text, std::size_t begin, std::size_t end, BodyBuilder& builder) {
  bool has_p = find_open_tag(text, "P", begin, end).begin != std::string_view::npos;
  bool indented_lines = false, flush_lines = false;
  if (!has_p) {
    std::size_t line = begin;
    while (line < end) {
      std::size_t nl = text.find('\n', line);
      if (nl == std::string_view::npos || nl > end) nl = end;
      std::string_view l = text.substr(line, nl - line);
      if (!internal::trim(l).empty() && internal::trim(l).front() != '<') {
        (l.front() == ' ' || l.front() == '\t' ? indented_lines : flush_lines) = true;
      }
      line = nl + 1;
    }
  }
  bool indentation_marks = indented_lines && flush_lines;
  auto u32 = [](std::size_t v) { return static_cast<std::uint32_t>(v); };
  std::size_t i = begin;
  while (i < end) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      std::size_t start = i, last_nl = std::string_view::npos;
      int newlines = 0;
      while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' ||
                         text[i] == '\f' || text[i] == '\v')) {
        if (text[i] == '\n') {
          ++newlines;
          last_nl = i;
        }
        ++i;
      }
      BodyBuilder::Break kind = BodyBuilder::Break::kSpace;
      if (!has_p && newlines >= 2) kind = BodyBuilder::Break::kParagraph;
      if (!has_p && newlines == 1 && indentation_marks && last_nl + 1 < i) kind = BodyBuilder::Break::kParagraph;
      builder.add_break(kind, u32(start), u32(i));
      continue;
    }
    if (c == '<') {
      // A tag is at most 200 bytes long and holds no '<'; anything else is a literal '<'.
      std::string_view window = text.substr(i, std::min<std::size_t>(end - i, 201));
      std::size_t close = window.find('>');
      std::size_t next_open = window.find('<', 1);
      if (close != std::string_view::npos && (next_open == std::string_view::npos || next_open > close)) {
        close += i;
        std::string name = internal::ascii_lower(text.substr(i + 1, close - i - 1));
        std::size_t sp = name.find_first_of(" \t\n");
        if (sp != std::string::npos) name.resize(sp);
        if (name == "annotation") {
          std::size_t stop = find_ci(text, "</ANNOTATION>", close + 1, end);
          std::size_t after = stop == std::string_view::npos ? close + 1 : stop + 13;
          builder.add_break(BodyBuilder::Break::kParagraph, u32(i), u32(after));
          i = after;
          continue;
        }
        bool paragraph = name == "p" || name == "/p";
        builder.add_break(paragraph ? BodyBuilder::Break::kParagraph : BodyBuilder::Break::kSpace, u32(i),
                          u32(close + 1));
        i = close + 1;
        continue;
      }
    }
    if (c == '&') {
      std::size_t k = i + 1;
      bool numeric = k < end && text[k] == '#';
      if (numeric) ++k;
      std::size_t name_begin = k;
      while (k < end && k - i < 16 && std::isalnum(static_cast<unsigned char>(text[k]))) ++k;
      if (k < end && text[k] == ';' && k > name_begin) {
        std::string entity = internal::ascii_lower(text.substr(name_begin, k - name_begin));
        std::string decoded;
        if (numeric) {
          char32_t cp = 0;
          bool hex = entity[0] == 'x';
          bool ok = entity.size() > (hex ? 1u : 0u) && entity.size() <= 8;
          for (std::size_t q = hex ? 1 : 0; ok && q < entity.size(); ++q) {
            int digit = std::isdigit(static_cast<unsigned char>(entity[q])) ? entity[q] - '0'
                        : hex && entity[q] >= 'a' && entity[q] <= 'f' ? entity[q] - 'a' + 10
                                                                    : -1;
            ok = digit >= 0;
            cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(digit);
          }
          if (ok && cp > 0x1F && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) utf8::append(decoded, cp);
        } else if (entity == "amp") {
          decoded = "&";
        } else if (entity == "lt") {
          decoded = "<";
        } else if (entity == "gt") {
          decoded = ">";
        } else if (entity == "quot") {
          decoded = "\"";
        } else if (entity == "apos") {
          decoded = "'";
        }
        if (decoded.empty()) {
          builder.add_break(BodyBuilder::Break::kSpace, u32(i), u32(k + 1));  // a typesetting code
        } else {
          builder.append_replacement(decoded, u32(i), u32(k + 1));
        }
        i = k + 1;
        continue;
      }
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      ++i;
      continue;
    }
    std::size_t start = i;
    ++i;
    while (i < end) {
      auto d = static_cast<unsigned char>(text[i]);
      if (d <= 0x20 || d == 0x7F || d == '<' || d == '&') break;
      ++i;
    }
    builder.append_verbatim(text.substr(start, i - start), u32(start));
  }
}

// `map` (into the decoded file) as a map into original bytes [slice_begin, ...).
OffsetMap rebased(const OffsetMap& map, std::uint32_t size, std::uint32_t slice_begin) {
  OffsetMap out;
  for (std::uint32_t i = 0; i < size; ++i) {
    std::uint32_t b = map.source_begin(i), e = map.source_end(i);
    out.append(b >= slice_begin ? b - slice_begin : 0, e >= slice_begin ? e - slice_begin : 0);
  }
  return out;
}

}  // namespace

void read_sgml(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats) {
  if (bytes.size() > options.max_file_bytes) {
    internal::skip_file(stats, diagnostics, name, "too large",
                        "file is larger than " + std::to_string(options.max_file_bytes) + " bytes");
    return;
  }
  if (bytes.size() > 0xFFFFFFF0u) return;
  DecodedText decoded = decode_to_utf8(bytes);
  if (decoded.repaired > 0) {
    internal::report(diagnostics, name,
                     "invalid UTF-8 repaired (" + std::to_string(decoded.repaired) + " sequences)");
  }
  std::string_view text = decoded.text;
  // Find the <DOC> elements first: whether `original` is the file or the element depends on their number.
  struct Doc {
    std::size_t begin, content_begin, content_end, end;
  };
  std::vector<Doc> docs;
  std::size_t pos = 0;
  while (pos < text.size()) {
    Tag open = find_open_tag(text, "DOC", pos, text.size());
    if (open.begin == std::string_view::npos) break;
    std::size_t close = find_ci(text, "</DOC>", open.end, text.size());
    std::size_t next_open = find_open_tag(text, "DOC", open.end, text.size()).begin;
    if (close == std::string_view::npos || (next_open != std::string_view::npos && next_open < close)) {
      std::size_t stop = next_open != std::string_view::npos ? next_open : text.size();
      internal::report(diagnostics, name, "<DOC> without </DOC> (read up to the next <DOC> or the end)");
      docs.push_back(Doc{open.begin, open.end, stop, stop});
      pos = stop;
    } else {
      docs.push_back(Doc{open.begin, open.end, close, close + 6});
      pos = close + 6;
    }
  }
  if (docs.empty()) {
    internal::skip_file(stats, diagnostics, name, "malformed", "no <DOC> element in SGML file");
    return;
  }
  const bool whole_file = docs.size() == 1;
  std::size_t index = 0;
  for (const Doc& doc : docs) {
    ++index;
    std::size_t cb, ce;
    std::string docno;
    if (find_element(text, "DOCNO", doc.content_begin, doc.content_end, cb, ce)) {
      docno = plain_text(text.substr(cb, ce - cb));
    }
    std::string source = std::string(name) + "#" + (docno.empty() ? std::to_string(index) : docno);
    if (doc.end - doc.begin > options.max_record_bytes) {
      internal::skip_record(stats, diagnostics, source, "record too large",
                            "<DOC> is larger than " + std::to_string(options.max_record_bytes) + " bytes");
      continue;
    }
    RawArticle article;
    article.meta.source = source;
    article.meta.doc_id = docno;
    article.meta.format = SourceFormat::kSgml;
    article.meta.outlet = outlet_of(docno);
    for (const char* date_tag : {"DATE_TIME", "DATE"}) {
      if (!find_element(text, date_tag, doc.content_begin, doc.content_end, cb, ce)) continue;
      std::string raw = plain_text(text.substr(cb, ce - cb));
      article.meta.published = normalize_date(raw);
      if (article.meta.published.empty() && !raw.empty()) {
        internal::report(diagnostics, source, std::string("'") + date_tag + "' is not a date: \"" + raw.substr(0, 80) + "\"");
      }
      break;
    }
    if (article.meta.published.empty()) article.meta.published = date_from_docno(docno);
    for (const char* title_tag : {"HEADLINE", "HL", "HEAD", "TITLE"}) {
      if (find_element(text, title_tag, doc.content_begin, doc.content_end, cb, ce)) {
        article.meta.title = plain_text(text.substr(cb, ce - cb));
        if (!article.meta.title.empty()) break;
      }
    }
    BodyBuilder builder;
    std::size_t from = doc.content_begin, element_end;
    while (find_element(text, "TEXT", from, doc.content_end, cb, ce, &element_end)) {
      builder.add_break(BodyBuilder::Break::kParagraph, static_cast<std::uint32_t>(cb), static_cast<std::uint32_t>(cb));
      append_text_element(text, cb, ce, builder);
      from = element_end;
    }
    if (builder.empty()) {
      internal::skip_record(stats, diagnostics, source, "empty", "no text in <DOC>");
      continue;
    }
    auto body_size = builder.size();
    article.body = builder.take_body();
    OffsetMap to_file = decoded.map.compose(builder.take_map());
    if (whole_file) {
      article.original = bytes;
      article.body_to_original = std::move(to_file);
    } else {
      ByteSpan slice = decoded.map.to_source(ByteSpan{static_cast<std::uint32_t>(doc.begin),
                                                      static_cast<std::uint32_t>(doc.end)});
      article.original = bytes.substr(slice.begin, slice.size());
      article.body_to_original = rebased(to_file, body_size, slice.begin);
    }
    internal::emit(sink, stats, std::move(article));
  }
}

void read_sgml(std::string_view name, std::string bytes, const ArticleSink& sink, Diagnostics& diagnostics) {
  ReadStats stats;
  read_sgml(name, std::move(bytes), ReadOptions{}, sink, diagnostics, stats);
}

}  // namespace precis::ingest
