// A fast HTML parser building a compact, read-only DOM: what the HTML reader walks to find a
// page's main text and metadata. Internal to ingest.
//
// Why our own parser. Gumbo (a complete HTML5 parser, which we used before) took 65% of the main
// text extraction time; it tokenizes one code point at a time through a state machine, allocates
// every node, attribute and text separately, and keeps two copies of every text. Main-text
// extraction needs much less: elements, their attributes, decoded text and where each came from in
// the source. This parser finds markup with memchr, keeps texts and attribute values as views into
// the source unless decoding changes them (a character reference, a CR), stores nodes in one array
// linked by indices, and builds the tree with the HTML5 rules that change which text lands under
// which element. Measured on the 181 pages (31.5 MB) of the article extraction benchmark (Release,
// one thread, best of 3, whole pages): gumbo 2.27 s, libxml2's HTML parser (htmlReadMemory with
// RECOVER|NOERROR|NOWARNING|NONET|COMPACT) 0.53 s, this parser 0.085 s. libxml2 was also ruled out
// because its nodes carry line numbers, not byte offsets (the body's map to the file needs those),
// and its HTML4 recovery builds different trees from broken markup than browsers do. Against gumbo
// on those 181 real pages, this parser gives the same elements, attributes and text on every page
// (html_dom_gumbo_test.cc; gumbo only splits the namespace prefix off svg attributes), and the
// reader extracts byte-identical text, offsets and metadata from them.
//
// What it implements (after the WHATWG tree-construction rules):
//   - tokenizer: start/end tags with quoted, unquoted and bare attributes (names lower-cased,
//     first of duplicates kept), comments (including "<!-->", "--!>" and bogus "<!x>", "<?x>",
//     "</3>" comments), doctype (quirks when absent or legacy, which decides whether <table>
//     closes an open <p>), raw text (script, style, xmp, iframe, noembed, noframes), escapable raw
//     text (title, textarea: references decoded), plaintext, CDATA sections in svg/math, all
//     numeric and named character references (the complete WHATWG table, legacy names without a
//     semicolon, the attribute-value exception, windows-1252 for &#128;-&#159;), CR LF -> LF, NUL
//     dropped; the newline right after <pre>, <listing> and <textarea> dropped.
//   - tree: implied html, head and body; head content moving to the body at the first
//     non-head tag or text; repeated <html>/<body> merging their attributes; void elements;
//     <p> closed by block starts (not by <table> in quirks mode); li/dd/dt closing their open
//     siblings; headings closing an open heading; implied tbody and tr, cells and rows closing
//     the open ones, table-related start tags outside a table ignored; nested <a>, <button>,
//     <form>, <option>; end tags closing the nearest open element of that name within scope
//     (special elements stop non-block end tags; stray end tags are ignored; a stray </p> makes an
//     empty p, </br> a br); svg/math content with self-closing tags, and the HTML tags that break
//     out of it. </body> and </html> only record where they were (content after them stays in
//     the body, as in HTML5).
//   - omitted: the adoption agency and reconstruction of active formatting elements (a
//     formatting end tag across a block just leaves the block open: <b><p>x</b>y</p> keeps "xy" in
//     one paragraph, as browsers do, but "y" stays under <b>; an unclosed <a> does not reopen in
//     the next paragraph); foster parenting (text misplaced inside <table> stays where it is
//     instead of moving before the table); template contents as a separate fragment (a template is
//     an ordinary element, which every walk skips); frameset mode; scripting-on <noscript> (its
//     content is parsed as markup, as gumbo does); the encoding sniffing (input must be UTF-8,
//     see charset.h). Invalid UTF-8 is passed through.
// Depth: the tree is built and walked without recursion; max_depth() reports the deepest nesting.
// Searches of the open elements stop 1024 deep (an element further down counts as out of scope),
// which keeps absurdly nested input linear.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "precis/base/span.h"

namespace precis::ingest::html {

// The tags the reader looks at or the tree builder treats specially; every other name is kOther
// (its name is in Node::name).
enum class Tag : std::uint8_t {
  kOther, kA, kAddress, kAnnotationXml, kApplet, kArea, kArticle, kAside, kAudio, kB, kBase, kBasefont,
  kBgsound, kBig, kBlockquote, kBody, kBr, kButton, kCanvas, kCaption, kCenter, kCode, kCol, kColgroup,
  kDd, kDesc, kDetails, kDialog, kDir, kDiv, kDl, kDt, kEm, kEmbed, kFieldset, kFigcaption, kFigure,
  kFont, kFooter, kForeignObject, kForm, kFrame, kFrameset, kH1, kH2, kH3, kH4, kH5, kH6, kHead,
  kHeader, kHgroup, kHr, kHtml, kI, kIframe, kImage, kImg, kInput, kKeygen, kLabel, kLi, kLink,
  kListing, kMain, kMarquee, kMath, kMenu, kMeta, kMi, kMn, kMo, kMs, kMtext, kNav, kNobr, kNoembed,
  kNoframes, kNoscript, kObject, kOl, kOptgroup, kOption, kP, kParam, kPlaintext, kPre, kRb, kRp,
  kRt, kRtc, kRuby, kS, kScript, kSearch, kSection, kSelect, kSmall, kSource, kSpan, kStrike,
  kStrong, kStyle, kSub, kSummary, kSup, kSvg, kTable, kTbody, kTd, kTemplate, kTextarea, kTfoot,
  kTh, kThead, kTime, kTitle, kTr, kTrack, kTt, kU, kUl, kVar, kVideo, kWbr, kXmp,
  kCount
};

// The tag of a lower-case element name (kOther when not listed).
Tag tag_of(std::string_view lower_name);

enum class NodeKind : std::uint8_t { kDocument, kElement, kText, kComment };

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xFFFFFFFFu;

struct Attribute {
  std::string_view name;   // lower-case
  std::string_view value;  // character references decoded
};

struct Node {
  NodeKind kind = NodeKind::kElement;
  Tag tag = Tag::kOther;    // elements only
  bool whitespace = false;  // text made only of ASCII whitespace
  bool foreign = false;     // an element inside svg or math (not an HTML element)
  NodeId parent = kNoNode, first_child = kNoNode, last_child = kNoNode;
  NodeId next_sibling = kNoNode, prev_sibling = kNoNode;
  std::uint32_t first_attribute = 0, attribute_count = 0;
  std::string_view name;  // elements: lower-case tag name
  std::string_view text;  // text and comments: the decoded content
  // Elements: the start tag's source bytes (empty when implied); text: the source bytes the text
  // was decoded from; comments: the whole comment.
  ByteSpan source;
  ByteSpan end_tag;  // elements: the end tag's source bytes (empty when implied)

  bool is_element() const { return kind == NodeKind::kElement; }
  bool is_text() const { return kind == NodeKind::kText; }
};

// One parsed page. Not copyable; movable (views stay valid: they point into the source and into
// heap blocks the Document owns). Immutable after construction, so concurrent reads are safe.
class Document {
 public:
  // Parses `html` (UTF-8), which must outlive the Document: texts and attribute values may be
  // views into it. Never fails: any input gives a tree with html and head elements, and a body
  // unless the page is a frameset. Inputs of 4 GiB or more are read up to that size.
  explicit Document(std::string_view html);
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  ~Document();

  static constexpr NodeId root() { return 0; }  // the document node
  NodeId html() const { return html_; }
  NodeId head() const { return head_; }
  NodeId body() const { return body_; }  // kNoNode only for a frameset page

  const Node& operator[](NodeId id) const { return nodes_[id]; }
  std::size_t size() const { return nodes_.size(); }
  std::string_view source() const { return source_; }

  std::span<const Attribute> attributes(NodeId element) const {
    const Node& n = nodes_[element];
    return {attributes_.data() + n.first_attribute, n.attribute_count};
  }
  // The value of attribute `lower_name` (lower-case), "" when absent.
  std::string_view attribute(NodeId element, std::string_view lower_name) const;
  bool has_attribute(NodeId element, std::string_view lower_name) const;

  bool quirks() const { return quirks_; }
  std::size_t max_depth() const { return max_depth_; }

 private:
  friend class TreeBuilder;

  std::string_view source_;
  std::vector<Node> nodes_;
  std::vector<Attribute> attributes_;
  std::vector<std::unique_ptr<char[]>> blocks_;  // decoded texts and lower-cased names
  NodeId html_ = kNoNode, head_ = kNoNode, body_ = kNoNode;
  bool quirks_ = false;
  std::size_t max_depth_ = 0;
};

// Decodes character references in `text` (attribute values when `in_attribute`: a legacy name
// without ';' followed by a letter, digit or '=' stays as written) and turns CR LF and CR into
// LF and drops NUL; appends to `out`. Exposed for tests.
void decode_text(std::string_view text, bool in_attribute, std::string& out);

}  // namespace precis::ingest::html
