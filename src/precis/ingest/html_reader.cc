// HTML reader: the visible text of a page, with its metadata, mapped back to the page's bytes.
//
// Parsing is gumbo's (an HTML5-conformant parser: it builds the same tree a browser would from
// broken markup). Two passes over the tree:
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
// Offsets: gumbo gives each text node its source slice (original_text) and the decoded text
// (entities resolved, CR LF turned into LF). We align the two: verbatim bytes map 1:1, an entity
// maps its decoded character to the whole "&...;" reference, and if they ever disagree in a way
// we do not understand, the rest of that node maps to the rest of its source slice (coarser, but
// still the right place). A page that is not UTF-8 is converted first (charset from <meta>, else
// detected) and the conversion's map is composed with the body's, so spans always index the file.
#include <gumbo.h>

#include <string>
#include <unordered_set>
#include <vector>

#include "precis/base/utf8.h"
#include "precis/ingest/body_builder.h"
#include "precis/ingest/charset.h"
#include "precis/ingest/html_extract.h"
#include "precis/ingest/html_meta.h"
#include "precis/ingest/html_select.h"
#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"

namespace precis::ingest {
namespace {

// Gumbo's tree is freed recursively; refuse pages nested deeper than this (estimated from tags).
constexpr int kMaxNesting = 20000;

bool is_skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

BodyBuilder::Break break_of(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_CAPTION: case GUMBO_TAG_HR: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_BODY:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_HGROUP: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
      return BodyBuilder::Break::kParagraph;
    case GUMBO_TAG_BR:
      return BodyBuilder::Break::kLine;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_IMG: case GUMBO_TAG_WBR:
      return BodyBuilder::Break::kSpace;
    default:
      return BodyBuilder::Break::kNone;
  }
}

std::string_view attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

std::uint32_t offset_of(const char* buffer, std::size_t size, const char* p, std::uint32_t fallback) {
  if (p == nullptr || p < buffer || p > buffer + size) return fallback;
  return static_cast<std::uint32_t>(p - buffer);
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
    if (o == '\n' || o == '\r') {  // a newline gumbo dropped (after <pre>)
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
void block_kind_of(GumboTag tag, BlockKind& kind, int& level) {
  switch (tag) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      kind = BlockKind::kHeading;
      level = 1 + static_cast<int>(tag) - static_cast<int>(GUMBO_TAG_H1);
      break;
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
      kind = BlockKind::kListItem;
      break;
    case GUMBO_TAG_BLOCKQUOTE:
      kind = BlockKind::kQuote;
      break;
    case GUMBO_TAG_PRE:
      kind = BlockKind::kPreformatted;
      break;
    case GUMBO_TAG_P:
      if (kind == BlockKind::kHeading) kind = BlockKind::kParagraph;
      break;
    default:
      break;
  }
}

bool hidden(const GumboElement& e) {
  return gumbo_get_attribute(&e.attributes, "hidden") != nullptr || attribute(e, "aria-hidden") == "true";
}

// Pass 2: the visible text into `builder`. `buffer` is the UTF-8 text gumbo parsed.
// Walks `roots` (in document order; a paragraph break between them), leaving out `dropped`
// subtrees; records the kind of each paragraph's innermost block in `marks`.
void collect_body(const std::vector<const GumboNode*>& roots, const std::unordered_set<const GumboNode*>& dropped,
                  std::string_view buffer, const std::string& title, BodyBuilder& builder,
                  std::vector<BlockMark>& marks) {
  struct Frame {
    const GumboNode* node;
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
    const GumboNode* node = f.node;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      const GumboText& t = node->v.text;
      std::string_view decoded(t.text);
      std::uint32_t base = offset_of(buffer.data(), buffer.size(), t.original_text.data, cursor);
      std::size_t orig_len = t.original_text.data ? t.original_text.length : 0;
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
          // Gumbo can emit an invalid byte for an out-of-range numeric reference ("&#3899999999;").
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
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT && node->type != GUMBO_NODE_TEMPLATE) {
      continue;
    }
    if (node->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& children = node->v.document.children;
      for (unsigned int k = children.length; k-- > 0;) {
        stack.push_back({static_cast<const GumboNode*>(children.data[k]), false, false, BlockKind::kParagraph, 0});
      }
      continue;
    }
    const GumboElement& e = node->v.element;
    BodyBuilder::Break brk = break_of(e.tag);
    if (f.closing) {
      std::uint32_t at = offset_of(buffer.data(), buffer.size(), e.original_end_tag.data, cursor);
      std::uint32_t end = e.original_end_tag.data ? at + static_cast<std::uint32_t>(e.original_end_tag.length) : at;
      if (end > buffer.size()) end = at;
      builder.add_break(brk, at, end);
      if (brk == BodyBuilder::Break::kParagraph) at_paragraph_start = true;
      continue;
    }
    if (node->type == GUMBO_NODE_TEMPLATE || is_skipped(e.tag) || hidden(e) || dropped.contains(node)) continue;
    if (e.tag == GUMBO_TAG_H1 && !title_h1_skipped && !title.empty() && internal::node_text(node) == title) {
      title_h1_skipped = true;
      builder.add_break(BodyBuilder::Break::kParagraph, cursor, cursor);
      at_paragraph_start = true;
      continue;
    }
    std::uint32_t at = offset_of(buffer.data(), buffer.size(), e.original_tag.data, cursor);
    std::uint32_t end = e.original_tag.data ? at + static_cast<std::uint32_t>(e.original_tag.length) : at;
    if (end > buffer.size()) end = at;
    builder.add_break(brk, at, end);
    if (brk == BodyBuilder::Break::kParagraph) at_paragraph_start = true;
    if (brk != BodyBuilder::Break::kNone) stack.push_back({node, true, f.in_pre, f.kind, f.level});
    bool in_pre = f.in_pre || e.tag == GUMBO_TAG_PRE;
    BlockKind kind = f.kind;
    int level = f.level;
    block_kind_of(e.tag, kind, level);
    for (unsigned int k = e.children.length; k-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(e.children.data[k]), false, in_pre, kind, level});
    }
  }
}

bool equals_ignoring_case(std::string_view a, std::string_view lower_b) {
  if (a.size() != lower_b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_b[i]) return false;
  }
  return true;
}

bool starts_with_ignoring_case(std::string_view text, std::size_t at, std::string_view lower_prefix) {
  return at + lower_prefix.size() <= text.size() && equals_ignoring_case(text.substr(at, lower_prefix.size()), lower_prefix);
}

// Raw-text elements removed before parsing. Script and style bodies never become elements or
// visible text (the tokenizer reads them as raw text up to their end tag), yet they are over half
// the bytes of a news page (54% on the article extraction benchmark) and gumbo tokenizes them one
// code point at a time: dropping them roughly halves the parse. JSON-LD scripts stay (html_meta
// reads them). The cut text maps back to the decoded text byte by byte, so every offset is the same
// as without the cut. Comments are skipped over (a "<script" inside a comment is not one).
struct RawTextCut {
  bool cut = false;
  std::string text;  // the decoded text without script/style bodies
  OffsetMap map;     // text -> decoded text
};

RawTextCut cut_raw_text(std::string_view html) {
  RawTextCut out;
  std::size_t kept_from = 0;  // start of the pending run of kept bytes
  auto keep_until = [&](std::size_t end) {
    out.text.append(html.substr(kept_from, end - kept_from));
    for (std::size_t i = kept_from; i < end; ++i) out.map.append(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1));
  };
  std::size_t i = 0;
  while (true) {
    i = html.find('<', i);
    if (i == std::string_view::npos || i + 1 >= html.size()) break;
    if (html.compare(i, 4, "<!--") == 0) {
      std::size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    std::string_view name;
    if (starts_with_ignoring_case(html, i + 1, "script")) name = "script";
    else if (starts_with_ignoring_case(html, i + 1, "style")) name = "style";
    std::size_t after = i + 1 + name.size();
    if (name.empty() || after >= html.size() ||
        !(html[after] == ' ' || html[after] == '\t' || html[after] == '\n' || html[after] == '\r' ||
          html[after] == '\f' || html[after] == '/' || html[after] == '>')) {
      ++i;
      continue;
    }
    // The end of the start tag, outside quoted attribute values.
    std::size_t k = after;
    char quote = 0;
    for (; k < html.size(); ++k) {
      char c = html[k];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (k >= html.size()) break;
    std::size_t content = k + 1;
    if (name == "script") {
      std::string tag = internal::ascii_lower(html.substr(i, content - i));
      if (tag.find("ld+json") != std::string::npos) {
        i = content;
        continue;
      }
    }
    // The end tag: "</name" followed by whitespace, '/' or '>' (as the tokenizer ends raw text).
    std::size_t close = content;
    while (true) {
      close = html.find("</", close);
      if (close == std::string_view::npos) break;
      std::size_t tail = close + 2 + name.size();
      if (starts_with_ignoring_case(html, close + 2, name) && tail < html.size() &&
          (html[tail] == '>' || html[tail] == '/' || html[tail] == ' ' || html[tail] == '\t' || html[tail] == '\n' ||
           html[tail] == '\r' || html[tail] == '\f')) {
        break;
      }
      close += 2;
    }
    if (close == std::string_view::npos) break;  // unterminated: leave the rest to the parser
    if (close > content) {
      keep_until(content);
      kept_from = close;
      out.cut = true;
    }
    i = close + 2;
  }
  if (out.cut) keep_until(html.size());
  return out;
}

// Deepest tag nesting, estimated without parsing (void elements and "/>" do not open).
int estimated_nesting(std::string_view html) {
  int depth = 0, max_depth = 0;
  for (std::size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    if (html[i + 1] == '/') {
      depth = depth > 0 ? depth - 1 : 0;
    } else if (std::isalpha(static_cast<unsigned char>(html[i + 1]))) {
      std::size_t k = i + 1;
      while (k < html.size() && std::isalnum(static_cast<unsigned char>(html[k]))) ++k;
      std::string_view name = html.substr(i + 1, k - i - 1);
      static constexpr std::string_view kVoid[] = {"area", "base", "br",   "col",   "embed", "hr",    "img",
                                                   "input", "link", "meta", "param", "source", "track", "wbr"};
      bool is_void = false;
      for (std::string_view v : kVoid) is_void = is_void || equals_ignoring_case(name, v);
      if (!is_void) max_depth = std::max(max_depth, ++depth);
    }
  }
  return max_depth;
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
  if (estimated_nesting(bytes) > kMaxNesting) {
    internal::report(diagnostics, name, "HTML nested too deeply to parse safely");
    return page;
  }
  std::string declared;
  if (!utf8::is_valid(bytes)) declared = !options.http_charset.empty() ? options.http_charset : declared_charset(bytes);
  DecodedText decoded = decode_to_utf8(bytes, declared);
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
  RawTextCut cut = cut_raw_text(decoded.text);
  const std::string& html = cut.cut ? cut.text : decoded.text;
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  if (output == nullptr) {
    internal::report(diagnostics, name, "HTML could not be parsed");
    return page;
  }
  internal::PageMetadata meta = internal::page_metadata(output->document, options.url);
  for (std::string* field : {&meta.title, &meta.author, &meta.outlet, &meta.url}) {
    if (!utf8::is_valid(*field)) *field = utf8::repair(*field).text;  // gumbo output, see collect_body
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
    ContentSelection selection = select_main_content(output->document, article.meta.title, options.focus);
    if (!selection.roots.empty()) {
      collect_body(selection.roots, selection.dropped, html, article.meta.title, builder, marks);
      page.method = selection.method;
    }
  }
  if (builder.empty()) {
    builder = BodyBuilder();
    marks.clear();
    collect_body({output->document}, {}, html, article.meta.title, builder, marks);
    page.method = "all text";
  }
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  if (builder.empty()) {
    internal::report(diagnostics, name, "empty page: no visible text");
    return page;
  }
  article.body = builder.take_body();
  article.body_to_original =
      cut.cut ? decoded.map.compose(cut.map.compose(builder.take_map())) : decoded.map.compose(builder.take_map());
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
