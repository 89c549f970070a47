// HTML reader: the visible text of a page, with its metadata, mapped back to the page's bytes.
//
// Parsing is html_dom.h's (our own HTML parser: the HTML5 tree-building rules that decide which
// text lands under which element, at a fraction of a full parser's cost; see its header). Two
// passes over the tree:
//   1. metadata: title from og:title, else <title>, else the first <h1>; date from
//      article:published_time, itemprop=datePublished, common <meta name> dates, else the first
//      <time datetime>; outlet from og:site_name; url from <link rel=canonical>, else og:url;
//      language from <html lang>.
//   2. body: the text of visible elements in document order. Elements that hold no article prose
//      (script, style, noscript, template, nav, header, footer, aside, form, figcaption, svg,
//      iframe, button, select, and anything `hidden` or aria-hidden) are skipped. Block elements
//      end a paragraph ("\n\n"), <br> a line (a space in the body, which keeps no line breaks),
//      table cells a word; inline elements flow, and whitespace collapses as a browser renders
//      it. An <h1> whose text is the title is left out, as the text reader leaves out its title.
// This is "all visible text", not main-content extraction; choosing the article's main text
// (boilerplate removal) is a separate, later step that works on these paragraphs.
//
// Offsets: the parser gives each text node its source slice and the decoded text (entities
// resolved, CR LF turned into LF; a view of the source when nothing changed). We align the two: verbatim bytes map 1:1, an entity
// maps its decoded character to the whole "&...;" reference, and if they ever disagree in a way
// we do not understand, the rest of that node maps to the rest of its source slice (coarser, but
// still the right place). Valid UTF-8 is parsed in place; a page that is not UTF-8 is converted
// first (charset from <meta>, else detected) and the conversion's map is composed with the
// body's, so spans always index the file.
#include <cstring>
#include <string>
#include <vector>

#include "precis/base/utf8.h"
#include "precis/ingest/body_builder.h"
#include "precis/ingest/charset.h"
#include "precis/ingest/html_dom.h"
#include "precis/ingest/html_extract.h"
#include "precis/ingest/html_meta.h"
#include "precis/ingest/html_select.h"
#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"

namespace precis::ingest {
namespace {

using html::Document;
using html::NodeId;
using html::Tag;

// Refuse pages nested deeper than this: the parser and the walks are iterative, but the content
// selection looks at each scored element's ancestors (quadratic in the depth).
constexpr std::size_t kMaxNesting = 20000;

bool is_skipped(Tag tag) {
  switch (tag) {
    case Tag::kScript: case Tag::kStyle: case Tag::kNoscript: case Tag::kTemplate:
    case Tag::kNav: case Tag::kHeader: case Tag::kFooter: case Tag::kAside:
    case Tag::kForm: case Tag::kFigcaption: case Tag::kSvg: case Tag::kMath:
    case Tag::kIframe: case Tag::kButton: case Tag::kSelect: case Tag::kTextarea:
    case Tag::kHead: case Tag::kTitle: case Tag::kObject: case Tag::kEmbed:
    case Tag::kCanvas: case Tag::kAudio: case Tag::kVideo: case Tag::kMenu:
      return true;
    default:
      return false;
  }
}

BodyBuilder::Break break_of(Tag tag) {
  switch (tag) {
    case Tag::kP: case Tag::kDiv: case Tag::kSection: case Tag::kArticle:
    case Tag::kMain: case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4:
    case Tag::kH5: case Tag::kH6: case Tag::kUl: case Tag::kOl: case Tag::kLi:
    case Tag::kDl: case Tag::kDt: case Tag::kDd: case Tag::kBlockquote: case Tag::kPre:
    case Tag::kTable: case Tag::kTr: case Tag::kCaption: case Tag::kHr: case Tag::kFigure:
    case Tag::kAddress: case Tag::kDetails: case Tag::kSummary: case Tag::kBody:
    case Tag::kCenter: case Tag::kFieldset: case Tag::kHgroup: case Tag::kTbody:
    case Tag::kThead: case Tag::kTfoot:
      return BodyBuilder::Break::kParagraph;
    case Tag::kBr:
      return BodyBuilder::Break::kLine;
    case Tag::kTd: case Tag::kTh: case Tag::kImg: case Tag::kWbr:
      return BodyBuilder::Break::kSpace;
    default:
      return BodyBuilder::Break::kNone;
  }
}


// Per decoded byte of a text node, the source range (absolute offsets) it came from.
void align_text(std::string_view decoded, std::string_view original, std::uint32_t base,
                std::vector<ByteSpan>& out) {
  out.clear();
  std::size_t i = 0, j = 0;
  auto amp_entity = [&](std::size_t at) {
    std::string_view rest = original.substr(at);
    return rest.starts_with("&amp") || rest.starts_with("&AMP") || rest.starts_with("&#38") ||
           rest.starts_with("&#x26") || rest.starts_with("&#X26");
  };
  while (j < decoded.size()) {
    if (i >= original.size()) break;
    char o = original[i];
    if (o == '&' && !(decoded[j] == '&' && !amp_entity(i))) {
      std::size_t k = i + 1;
      if (k < original.size() && original[k] == '#') {
        ++k;
        if (k < original.size() && (original[k] == 'x' || original[k] == 'X')) ++k;
        while (k < original.size() && std::isxdigit(static_cast<unsigned char>(original[k]))) ++k;
      } else {
        while (k < original.size() && std::isalnum(static_cast<unsigned char>(original[k]))) ++k;
      }
      if (k < original.size() && original[k] == ';') ++k;
      std::size_t len;
      utf8::decode(decoded, j, &len);
      for (std::size_t b = 0; b < len; ++b) {
        out.push_back(ByteSpan{base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(k)});
      }
      j += len;
      i = k;
      continue;
    }
    if (o == '\r' && decoded[j] == '\n') {
      std::size_t k = (i + 1 < original.size() && original[i + 1] == '\n') ? i + 2 : i + 1;
      out.push_back(ByteSpan{base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(k)});
      i = k;
      ++j;
      continue;
    }
    if (o == decoded[j]) {
      out.push_back(ByteSpan{base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(i + 1)});
      ++i;
      ++j;
      continue;
    }
    if (o == '\n' || o == '\r') {  // a newline the parser dropped (after <pre>)
      ++i;
      continue;
    }
    break;
  }
  // Whatever did not align maps to the rest of the node's source.
  auto end = base + static_cast<std::uint32_t>(original.size());
  auto begin = std::min(base + static_cast<std::uint32_t>(i), end);
  while (out.size() < decoded.size()) out.push_back(ByteSpan{begin, end});
}

struct BlockMark {
  std::uint32_t start;  // body offset where the paragraph's text starts
  BlockKind kind;
  int level;
};

// What a block element makes of the paragraphs inside it (the innermost block decides).
void block_kind_of(Tag tag, BlockKind& kind, int& level) {
  switch (tag) {
    case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6:
      kind = BlockKind::kHeading;
      level = 1 + static_cast<int>(tag) - static_cast<int>(Tag::kH1);
      break;
    case Tag::kLi: case Tag::kDt: case Tag::kDd:
      kind = BlockKind::kListItem;
      break;
    case Tag::kBlockquote:
      kind = BlockKind::kQuote;
      break;
    case Tag::kPre:
      kind = BlockKind::kPreformatted;
      break;
    case Tag::kP:
      if (kind == BlockKind::kHeading) kind = BlockKind::kParagraph;
      break;
    default:
      break;
  }
}

bool hidden(const Document& d, NodeId e) {
  return d.has_attribute(e, "hidden") || d.attribute(e, "aria-hidden") == "true";
}

// Pass 2: the visible text into `builder`. `buffer` is the UTF-8 text the document was parsed from.
// Walks `roots` (in document order; a paragraph break between them), leaving out `dropped`
// subtrees; records the kind of each paragraph's innermost block in `marks`.
void collect_body(const Document& doc, const std::vector<NodeId>& roots, const std::vector<bool>& dropped,
                  std::string_view buffer, const std::string& title, BodyBuilder& builder,
                  std::vector<BlockMark>& marks) {
  struct Frame {
    NodeId node;
    bool closing;
    bool in_pre;
    BlockKind kind;
    int level;
  };
  std::vector<Frame> stack;
  for (std::size_t r = roots.size(); r-- > 0;) stack.push_back({roots[r], false, false, BlockKind::kParagraph, 0});
  bool at_paragraph_start = true;
  std::uint32_t body_before = 0;
  std::vector<ByteSpan> spans;
  bool title_h1_skipped = false;
  std::uint32_t cursor = 0;
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const html::Node& node = doc[f.node];
    if (node.is_text()) {
      std::string_view decoded = node.text;
      std::uint32_t base = std::min<std::uint32_t>(node.source.begin, static_cast<std::uint32_t>(buffer.size()));
      std::size_t orig_len = node.source.size();
      if (base + orig_len > buffer.size()) orig_len = buffer.size() - base;
      align_text(decoded, buffer.substr(base, orig_len), base, spans);
      std::size_t j = 0;
      while (j < decoded.size()) {
        auto c = static_cast<unsigned char>(decoded[j]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
          std::size_t start = j;
          bool newline = false;
          while (j < decoded.size() && (decoded[j] == ' ' || decoded[j] == '\t' || decoded[j] == '\n' ||
                                        decoded[j] == '\r' || decoded[j] == '\f')) {
            newline = newline || decoded[j] == '\n';
            ++j;
          }
          builder.add_break(f.in_pre && newline ? BodyBuilder::Break::kLine : BodyBuilder::Break::kSpace,
                            spans[start].begin, spans[j - 1].end);
          continue;
        }
        if (c < 0x20 || c == 0x7F) {
          ++j;
          continue;
        }
        std::size_t len;
        char32_t cp = utf8::decode(decoded, j, &len);
        if (cp == utf8::kReplacement && len == 1) {
          // An invalid byte (the parser passes invalid UTF-8 through; converted pages have none).
          builder.append_replacement("\xEF\xBF\xBD", spans[j].begin, spans[j].end);
          ++j;
          continue;
        }
        bool verbatim = true;  // one source byte per decoded byte, in order
        for (std::size_t b = 0; b < len; ++b) {
          verbatim = verbatim && spans[j + b].end == spans[j + b].begin + 1 && spans[j + b].begin == spans[j].begin + b;
        }
        if (verbatim) {
          builder.append_verbatim(decoded.substr(j, len), spans[j].begin);
          j += len;
          continue;
        }
        builder.append_replacement(decoded.substr(j, len), spans[j].begin, spans[j + len - 1].end);
        j += len;
      }
      if (!spans.empty()) cursor = spans.back().end;
      if (builder.size() != body_before) {
        if (at_paragraph_start) {
          // The new text starts after the separator the builder flushed.
          std::uint32_t start = body_before == 0 ? 0 : body_before + 2;
          if (start > builder.size()) start = body_before;
          marks.push_back(BlockMark{start, f.kind, f.level});
        }
        at_paragraph_start = false;
        body_before = builder.size();
      }
      continue;
    }
    if (node.kind == html::NodeKind::kDocument) {
      for (NodeId k = node.last_child; k != html::kNoNode; k = doc[k].prev_sibling) {
        stack.push_back({k, false, false, BlockKind::kParagraph, 0});
      }
      continue;
    }
    if (!node.is_element()) continue;
    const html::Node& e = node;
    BodyBuilder::Break brk = break_of(e.tag);
    if (f.closing) {
      // An implied end tag (empty span) stands at the cursor.
      bool explicit_end = e.end_tag.size() > 0 && e.end_tag.end <= buffer.size();
      std::uint32_t at = explicit_end ? e.end_tag.begin : cursor;
      std::uint32_t end = explicit_end ? e.end_tag.end : at;
      builder.add_break(brk, at, end);
      if (brk == BodyBuilder::Break::kParagraph) at_paragraph_start = true;
      continue;
    }
    if (is_skipped(e.tag) || hidden(doc, f.node) || (f.node < dropped.size() && dropped[f.node])) continue;
    if (e.tag == Tag::kH1 && !title_h1_skipped && !title.empty() && internal::node_text(doc, f.node) == title) {
      title_h1_skipped = true;
      builder.add_break(BodyBuilder::Break::kParagraph, cursor, cursor);
      at_paragraph_start = true;
      continue;
    }
    bool explicit_start = e.source.size() > 0 && e.source.end <= buffer.size();
    std::uint32_t at = explicit_start ? e.source.begin : cursor;
    std::uint32_t end = explicit_start ? e.source.end : at;
    builder.add_break(brk, at, end);
    if (brk == BodyBuilder::Break::kParagraph) at_paragraph_start = true;
    if (brk != BodyBuilder::Break::kNone) stack.push_back({f.node, true, f.in_pre, f.kind, f.level});
    bool in_pre = f.in_pre || e.tag == Tag::kPre;
    BlockKind kind = f.kind;
    int level = f.level;
    block_kind_of(e.tag, kind, level);
    for (NodeId k = e.last_child; k != html::kNoNode; k = doc[k].prev_sibling) {
      stack.push_back({k, false, in_pre, kind, level});
    }
  }
}

// utf8::is_valid with a word-at-a-time skip over ASCII, which is most of a page's bytes.
bool valid_utf8(std::string_view s) {
  std::size_t pos = 0;
  const std::size_t n = s.size();
  while (pos < n) {
    while (pos + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + pos, 8);
      if (word & 0x8080808080808080ull) break;
      pos += 8;
    }
    if (pos >= n) break;
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    std::size_t len;
    if (utf8::decode(s, pos, &len) == utf8::kReplacement && len == 1) return false;
    pos += len;
  }
  return true;
}

// The charset a page declares in its first 4 KiB (<meta charset=...> or http-equiv content).
std::string declared_charset(std::string_view bytes) {
  std::string head = internal::ascii_lower(bytes.substr(0, 4096));
  std::size_t at = head.find("charset=");
  if (at == std::string::npos) return {};
  std::size_t k = at + 8;
  while (k < head.size() && (head[k] == '"' || head[k] == '\'' || head[k] == ' ')) ++k;
  std::size_t start = k;
  while (k < head.size() && (std::isalnum(static_cast<unsigned char>(head[k])) || head[k] == '-' || head[k] == '_' ||
                             head[k] == ':' || head[k] == '.')) {
    ++k;
  }
  return head.substr(start, k - start);
}

}  // namespace

ExtractedPage extract_html(std::string_view name, std::string bytes, const ExtractOptions& options,
                           Diagnostics& diagnostics) {
  ExtractedPage page;
  if (bytes.size() > options.max_bytes) {
    internal::report(diagnostics, name, "file is larger than " + std::to_string(options.max_bytes) + " bytes");
    return page;
  }
  if (bytes.size() > 0x7FFFFFF0u) return page;
  // Valid UTF-8 (without a BOM, and not BOM-less UTF-16, whose ASCII is valid UTF-8 too) is
  // parsed in place: decode_to_utf8 would copy it and give the identity map.
  DecodedText decoded;
  bool in_place = valid_utf8(bytes) && !std::string_view(bytes).starts_with("\xEF\xBB\xBF") &&
                  utf16_without_bom(bytes) == nullptr;
  if (in_place) {
    decoded.charset = "UTF-8";
    decoded.map = OffsetMap::identity(static_cast<std::uint32_t>(bytes.size()));
  } else {
    std::string declared;
    if (!utf8::is_valid(bytes)) declared = !options.http_charset.empty() ? options.http_charset : declared_charset(bytes);
    decoded = decode_to_utf8(bytes, declared);
  }
  page.charset = decoded.charset;
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
  std::string_view html = in_place ? std::string_view(bytes) : std::string_view(decoded.text);
  const Document document(html);
  if (document.max_depth() > kMaxNesting) {
    internal::report(diagnostics, name, "HTML nested too deeply to read");
    return page;
  }
  internal::PageMetadata meta = internal::page_metadata(document, options.url);
  for (std::string* field : {&meta.title, &meta.author, &meta.outlet, &meta.url}) {
    if (!utf8::is_valid(*field)) *field = utf8::repair(*field).text;  // decoded text, see collect_body
  }
  for (std::string& problem : meta.problems) internal::report(diagnostics, name, std::move(problem));
  RawArticle& article = page.article;
  article.meta.source = std::string(name);
  article.meta.format = SourceFormat::kHtml;
  article.meta.title = meta.title;
  article.meta.outlet = meta.outlet;
  article.meta.url = meta.url;
  article.meta.language = meta.language;
  article.meta.published = meta.published;
  article.meta.updated = meta.updated;
  article.meta.author = meta.author;

  std::vector<BlockMark> marks;
  BodyBuilder builder;
  if (options.main_content) {
    ContentSelection selection = select_main_content(document, article.meta.title, options.focus);
    if (!selection.roots.empty()) {
      collect_body(document, selection.roots, selection.dropped, html, article.meta.title, builder, marks);
      page.method = selection.method;
      if (article.meta.author.empty()) article.meta.author = selection.byline;
    }
  }
  if (builder.empty()) {
    builder = BodyBuilder();
    marks.clear();
    collect_body(document, {Document::root()}, {}, html, article.meta.title, builder, marks);
    page.method = "all text";
  }
  if (builder.empty()) {
    internal::report(diagnostics, name, "empty page: no visible text");
    return page;
  }
  article.body = builder.take_body();
  article.body_to_original = decoded.map.compose(builder.take_map());
  article.original = std::move(bytes);
  if (article.meta.published.empty()) article.meta.published = dateline_date(article.body);
  // One block per paragraph; its kind from the mark at (or last before) its start.
  std::size_t m = 0;
  std::uint32_t start = 0;
  const std::string& body = article.body;
  while (start <= body.size()) {
    std::size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    while (m + 1 < marks.size() && marks[m + 1].start <= start) ++m;
    TextBlock block;
    block.span = ByteSpan{start, static_cast<std::uint32_t>(end)};
    if (m < marks.size() && marks[m].start <= start) block.kind = marks[m].kind, block.level = marks[m].level;
    page.blocks.push_back(block);
    start = static_cast<std::uint32_t>(end) + 2;
  }
  page.ok = true;
  return page;
}

void read_html(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats) {
  if (bytes.size() > options.max_file_bytes) {
    internal::skip_file(stats, diagnostics, name, "too large",
                        "file is larger than " + std::to_string(options.max_file_bytes) + " bytes");
    return;
  }
  ExtractOptions extract;
  extract.main_content = options.html_main_content;
  extract.focus = options.html_focus;
  extract.max_bytes = options.max_file_bytes;
  std::size_t before = diagnostics.size();
  ExtractedPage page = extract_html(name, std::move(bytes), extract, diagnostics);
  if (!page.ok) {
    std::string reason = "malformed";
    if (diagnostics.size() > before && diagnostics.back().message.starts_with("empty page")) reason = "empty";
    ++stats.skipped_files;
    ++stats.skipped_by_reason[reason];
    return;
  }
  internal::emit(sink, stats, std::move(page.article));
}

void read_html(std::string_view name, std::string bytes, const ArticleSink& sink, Diagnostics& diagnostics) {
  ReadStats stats;
  read_html(name, std::move(bytes), ReadOptions{}, sink, diagnostics, stats);
}

std::string to_markdown(const ExtractedPage& page) {
  std::string out;
  const std::string& body = page.article.body;
  for (const TextBlock& b : page.blocks) {
    std::string_view text = std::string_view(body).substr(b.span.begin, b.span.end - b.span.begin);
    if (!out.empty()) out += "\n\n";
    switch (b.kind) {
      case BlockKind::kHeading:
        out.append(static_cast<std::size_t>(std::clamp(b.level, 1, 6)), '#');
        out.push_back(' ');
        out.append(text);
        break;
      case BlockKind::kListItem:
        out += "- ";
        out.append(text);
        break;
      case BlockKind::kQuote:
        out += "> ";
        for (char c : text) {
          out.push_back(c);
          if (c == '\n') out += "> ";
        }
        break;
      case BlockKind::kPreformatted:
        out += "```\n";
        out.append(text);
        out += "\n```";
        break;
      case BlockKind::kParagraph:
        out.append(text);
        break;
    }
  }
  return out;
}

}  // namespace precis::ingest
