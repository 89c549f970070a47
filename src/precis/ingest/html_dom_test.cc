// Tests of the HTML parser (html_dom.h): tokenizer, tree building, byte offsets, robustness.
// The differential test against gumbo (the parser this one replaced, kept as a test-only
// dependency) is in html_dom_gumbo_test.cc.
#include "precis/ingest/html_dom.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace precis::ingest::html {
namespace {

// A compact rendering of the tree: elements as name(children), text in quotes, comments as !.
std::string dump(const Document& d, NodeId id = Document::root()) {
  const Node& n = d[id];
  std::string out;
  if (n.kind == NodeKind::kText) {  // appended, not "\"" + ...: GCC 12 reports a false -Wrestrict on that
    out += '"';
    out.append(n.text);
    out += '"';
    return out;
  }
  if (n.kind == NodeKind::kComment) return "!";
  if (n.kind == NodeKind::kElement) out = std::string(n.name);
  out += "(";
  bool first = true;
  for (NodeId c = n.first_child; c != kNoNode; c = d[c].next_sibling) {
    if (!first) out += ",";
    first = false;
    out += dump(d, c);
  }
  out += ")";
  return out;
}

// The body's subtree only.
std::string body(std::string_view html) {
  Document d(html);
  return d.body() == kNoNode ? "<no body>" : dump(d, d.body());
}

NodeId find(const Document& d, Tag tag, int nth = 0) {
  for (NodeId i = 0; i < d.size(); ++i) {
    if (d[i].is_element() && d[i].tag == tag && nth-- == 0) return i;
  }
  return kNoNode;
}

TEST(HtmlDom, ImpliedHtmlHeadBody) {
  Document d("<title>T</title><p>Hi");
  EXPECT_EQ(dump(d), "(html(head(title(\"T\")),body(p(\"Hi\"))))");
  EXPECT_NE(d.head(), kNoNode);
  EXPECT_EQ(d[d.body()].tag, Tag::kBody);
  EXPECT_EQ(dump(Document("")), "(html(head(),body()))");
}

TEST(HtmlDom, TextInHeadOpensBody) {
  Document d("<html><head><meta charset=utf-8>  Stray words<p>x</p></head></html>");
  EXPECT_EQ(dump(d), "(html(head(meta(),\"  \"),body(\"Stray words\",p(\"x\"))))");
  // The body text's offsets skip the whitespace left in the head.
  NodeId text = d[d.body()].first_child;
  EXPECT_EQ(d.source().substr(d[text].source.begin, d[text].source.size()), "Stray words");
}

TEST(HtmlDom, TextWithReferencesInHeadKeepsItsOffsets) {
  std::string_view html = "<head>\r\n  Caf&eacute; <p>x";
  Document d(html);
  NodeId text = d[d.body()].first_child;
  EXPECT_EQ(d[text].text, "Caf\u00e9 ");
  EXPECT_EQ(html.substr(d[text].source.begin, d[text].source.size()), "Caf&eacute; ");
  EXPECT_EQ(d[d[d.head()].first_child].text, "\n  ");
}

TEST(HtmlDom, HeadElementsAfterBodyStartStayInBody) {
  EXPECT_EQ(body("<body><p>a<meta name=x content=y><title>t</title>"), "body(p(\"a\",meta(),title(\"t\")))");
}

TEST(HtmlDom, RepeatedHtmlAndBodyMergeAttributes) {
  Document d("<html lang=en><body class=a><html lang=fr dir=rtl><body id=b class=c>x");
  EXPECT_EQ(d.attribute(d.html(), "lang"), "en");
  EXPECT_EQ(d.attribute(d.html(), "dir"), "rtl");
  EXPECT_EQ(d.attribute(d.body(), "class"), "a");
  EXPECT_EQ(d.attribute(d.body(), "id"), "b");
}

TEST(HtmlDom, VoidElementsAndSelfClosing) {
  EXPECT_EQ(body("<p>a<br>b<img src=x>c<br/>d<hr>e"), "body(p(\"a\",br(),\"b\",img(),\"c\",br(),\"d\"),hr(),\"e\")");
  // "/>" does not close an HTML element that is not void.
  EXPECT_EQ(body("<div/>x"), "body(div(\"x\"))");
}

TEST(HtmlDom, ParagraphClosedByBlocks) {
  EXPECT_EQ(body("<p>a<div>b</div><p>c<p>d<ul><li>e</ul>"),
            "body(p(\"a\"),div(\"b\"),p(\"c\"),p(\"d\"),ul(li(\"e\")))");
  EXPECT_EQ(body("<p>a<h2>b</h2>"), "body(p(\"a\"),h2(\"b\"))");
  // Inline elements do not close it.
  EXPECT_EQ(body("<p>a<span>b</span><a href=#>c</a>"), "body(p(\"a\",span(\"b\"),a(\"c\")))");
}

TEST(HtmlDom, TableClosesParagraphOnlyInStandardsMode) {
  EXPECT_EQ(body("<!DOCTYPE html><p>a<table><tr><td>b</table>"),
            "body(p(\"a\"),table(tbody(tr(td(\"b\")))))");
  EXPECT_EQ(body("<p>a<table><tr><td>b</table>"), "body(p(\"a\",table(tbody(tr(td(\"b\"))))))");
  EXPECT_FALSE(Document("<!doctype html><p>").quirks());
  EXPECT_TRUE(Document("<p>").quirks());
  EXPECT_TRUE(Document("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p>").quirks());
}

TEST(HtmlDom, ListItemsAndDefinitions) {
  EXPECT_EQ(body("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>"), "body(ul(li(\"a\"),li(\"b\",ul(li(\"c\"))),li(\"d\")))");
  EXPECT_EQ(body("<dl><dt>a<dd>b<dt>c</dl>"), "body(dl(dt(\"a\"),dd(\"b\"),dt(\"c\")))");
  EXPECT_EQ(body("<li>a<div><li>b"), "body(li(\"a\",div()),li(\"b\"))");
}

TEST(HtmlDom, HeadingsCloseHeadings) {
  EXPECT_EQ(body("<h1>a<h2>b</h1>c"), "body(h1(\"a\"),h2(\"b\"),\"c\")");
}

TEST(HtmlDom, TablesImplyBodiesAndRows) {
  EXPECT_EQ(body("<table><td>a<td>b<tr><td>c</table>"),
            "body(table(tbody(tr(td(\"a\"),td(\"b\")),tr(td(\"c\")))))");
  EXPECT_EQ(body("<table><thead><tr><th>h<tbody><tr><td>x</table>"),
            "body(table(thead(tr(th(\"h\"))),tbody(tr(td(\"x\")))))");
  // Cell tags outside a table are ignored; their text flows into the parent.
  EXPECT_EQ(body("<div><td>a</td><tr>b</tr></div>"), "body(div(\"a\",\"b\"))");
  // A table in a cell nests; a table straight in a table closes the first.
  EXPECT_EQ(body("<table><tr><td><table><tr><td>in</table>out</table>"),
            "body(table(tbody(tr(td(table(tbody(tr(td(\"in\")))),\"out\")))))");
  EXPECT_EQ(body("<table><tr><td>a</td></tr><table><tr><td>b</table>"),
            "body(table(tbody(tr(td(\"a\")))),table(tbody(tr(td(\"b\")))))");
  // </div> inside a cell does not close a div outside the table.
  EXPECT_EQ(body("<div><table><tr><td>a</div>b</table>c</div>"), "body(div(table(tbody(tr(td(\"a\",\"b\")))),\"c\"))");
}

TEST(HtmlDom, StrayAndMisnestedEndTags) {
  EXPECT_EQ(body("a</span>b</div>c"), "body(\"a\",\"b\",\"c\")");
  EXPECT_EQ(body("a</p>b"), "body(\"a\",p(),\"b\")");
  EXPECT_EQ(body("a</br>b"), "body(\"a\",br(),\"b\")");
  // An inline end tag does not cross a block; a block end tag closes what is inside it.
  EXPECT_EQ(body("<span><div>a</span>b</div>c"), "body(span(div(\"a\",\"b\"),\"c\"))");
  EXPECT_EQ(body("<div><span>a</div>b"), "body(div(span(\"a\")),\"b\")");
  // A formatting end tag across a block: the block keeps its text, the element is closed.
  EXPECT_EQ(body("<b><p>x</b>y</p>z"), "body(b(p(\"x\",\"y\")),\"z\")");
  EXPECT_EQ(body("<a href=1>a<a href=2>b</a>"), "body(a(\"a\"),a(\"b\"))");
}

TEST(HtmlDom, EndTagsRecordTheirPosition) {
  std::string_view html = "<div><p>one</p><p>two</div>";
  Document d(html);
  NodeId p1 = find(d, Tag::kP, 0), p2 = find(d, Tag::kP, 1), div = find(d, Tag::kDiv);
  EXPECT_EQ(html.substr(d[p1].source.begin, d[p1].source.size()), "<p>");
  EXPECT_EQ(html.substr(d[p1].end_tag.begin, d[p1].end_tag.size()), "</p>");
  EXPECT_EQ(d[p2].end_tag.size(), 0u);  // implied by </div>
  EXPECT_EQ(html.substr(d[div].end_tag.begin, d[div].end_tag.size()), "</div>");
  EXPECT_EQ(d[d.body()].source.size(), 0u);  // implied body
  NodeId two = d[p2].first_child;
  EXPECT_EQ(d[two].source.begin, 18u);
  EXPECT_EQ(d[two].source.end, 21u);
}

TEST(HtmlDom, CharacterReferences) {
  Document d("<p>a &amp; b &lt;c&gt; &rsquo;q&rsquo; &#8212; &#x2014; &#150; &nbsp;&hellip;&notit; &copy2024 &bogus; &#; &</p>");
  NodeId p = find(d, Tag::kP);
  EXPECT_EQ(d[d[p].first_child].text,
            "a & b <c> \u2019q\u2019 \u2014 \u2014 \u2013 \u00a0\u2026\u00acit; \u00a92024 &bogus; &#; &");
  std::string out;
  decode_text("&#0;&#xD800;&#x110000;&#99999999999;", false, out);
  EXPECT_EQ(out, "\uFFFD\uFFFD\uFFFD\uFFFD");
}

TEST(HtmlDom, AttributeValues) {
  Document d("<a HREF=\"/x?a=1&copy=2&amp;b=&lt;\" data-x='q\"r>s' Title=plain&amp;end empty checked ID=one id=two"
             " class = \"c1  c2\">t</a>");
  NodeId a = find(d, Tag::kA);
  EXPECT_EQ(d.attribute(a, "href"), "/x?a=1&copy=2&b=<");  // "&copy=" is not a reference in a value
  EXPECT_EQ(d.attribute(a, "data-x"), "q\"r>s");
  EXPECT_EQ(d.attribute(a, "title"), "plain&end");
  EXPECT_TRUE(d.has_attribute(a, "empty"));
  EXPECT_EQ(d.attribute(a, "empty"), "");
  EXPECT_TRUE(d.has_attribute(a, "checked"));
  EXPECT_EQ(d.attribute(a, "id"), "one");  // the first of duplicates
  EXPECT_EQ(d.attribute(a, "class"), "c1  c2");
  EXPECT_FALSE(d.has_attribute(a, "missing"));
  EXPECT_EQ(d[d[a].first_child].text, "t");
}

// UBSan regression: an empty quoted value is an empty view whose data pointer may be null, and the
// decoder passed it to memchr ("null pointer passed as argument 1" under make asan).
TEST(HtmlDom, EmptyQuotedAttributeValues) {
  Document d("<p><a href=\"\" title='' data-x=\"&amp;\">x</a>");
  NodeId a = find(d, Tag::kA);
  EXPECT_TRUE(d.has_attribute(a, "href"));
  EXPECT_EQ(d.attribute(a, "href"), "");
  EXPECT_EQ(d.attribute(a, "title"), "");
  EXPECT_EQ(d.attribute(a, "data-x"), "&");
}

TEST(HtmlDom, RawTextElements) {
  EXPECT_EQ(body("<body><script>if (a<b) x='</div>';</script><p>y"), "body(script(\"if (a<b) x='</div>';\"),p(\"y\"))");
  EXPECT_EQ(body("<body><style>p>a{}</style >z"), "body(style(\"p>a{}\"),\"z\")");
  // Before the body they go into the head.
  EXPECT_EQ(dump(Document("<script>x</script>y")), "(html(head(script(\"x\")),body(\"y\")))");
  Document d("<title>A &amp; B <b>not bold</b></title><textarea>\n&lt;kept&gt;</textarea>");
  EXPECT_EQ(d[d[find(d, Tag::kTitle)].first_child].text, "A & B <b>not bold</b>");
  EXPECT_EQ(d[d[find(d, Tag::kTextarea)].first_child].text, "<kept>");
  // Unterminated raw text runs to the end.
  EXPECT_EQ(body("<body><script>var a = 1;"), "body(script(\"var a = 1;\"))");
  EXPECT_EQ(body("<plaintext><p>all</p>"), "body(plaintext(\"<p>all</p>\"))");
}

TEST(HtmlDom, CommentsDoctypeAndBogus) {
  EXPECT_EQ(body("a<!-- <p>no</p> -->b<!-->c<!--->d<!-- x --!>e<?php x ?>f<!x>g</3>h</>i"),
            "body(\"a\",!,\"b\",!,\"c\",!,\"d\",!,\"e\",!,\"f\",!,\"g\",!,\"h\",\"i\")");
  EXPECT_EQ(body("a<!-- never closed <p>x"), "body(\"a\",!)");
  EXPECT_EQ(body("a < b <3 c<"), "body(\"a < b <3 c<\")");
}

TEST(HtmlDom, PreDropsLeadingNewline) {
  std::string_view html = "<pre>\nline 1\nline 2</pre>";
  Document d(html);
  NodeId text = d[find(d, Tag::kPre)].first_child;
  EXPECT_EQ(d[text].text, "line 1\nline 2");
  EXPECT_EQ(d[text].source.begin, 6u);
}

TEST(HtmlDom, CarriageReturnsBecomeLineFeeds) {
  Document d("<p>a\r\nb\rc</p>");
  EXPECT_EQ(d[d[find(d, Tag::kP)].first_child].text, "a\nb\nc");
}

TEST(HtmlDom, ForeignContent) {
  EXPECT_EQ(body("<svg><path d=\"x\"/><g><circle/></g><title>t</title></svg>after"),
            "body(svg(path(),g(circle()),title(\"t\")),\"after\")");
  // An HTML block tag ends unclosed svg content.
  EXPECT_EQ(body("<svg><g><p>text"), "body(svg(g()),p(\"text\"))");
  Document d("<math><mi>x</mi></math>");
  EXPECT_TRUE(d[find(d, Tag::kMi)].foreign);
}

TEST(HtmlDom, UnterminatedTagAtEndIsDropped) {
  EXPECT_EQ(body("<p>a</p><div class=\"x"), "body(p(\"a\"))");
  EXPECT_EQ(body("<p>a</p><div"), "body(p(\"a\"))");
}

TEST(HtmlDom, NoscriptIsMarkup) {
  // "d=x/" is an unquoted value "x/", not a self-closing tag.
  EXPECT_EQ(body("<svg><path d=x/><g></g></svg>"), "body(svg(path(g())))");
  EXPECT_EQ(body("<body><noscript><p>Enable JS</p></noscript>"), "body(noscript(p(\"Enable JS\")))");
  // In the head, only head content stays in it.
  Document d("<head><noscript><link rel=x><p>moved</p></noscript></head>");
  EXPECT_EQ(dump(d), "(html(head(noscript(link())),body(p(\"moved\"))))");
}

TEST(HtmlDom, DeepNestingIsIterative) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep";
  Document d(html);
  EXPECT_GE(d.max_depth(), 100000u);
  EXPECT_EQ(d.size(), 100000u + 5);  // document, html, head, body, divs, text
}

TEST(HtmlDom, StrayEndTagsInDeepNestingStayLinear) {
  // Quadratic searches of the open elements would take minutes here.
  std::string html = "<table><tr><td><li><p>";
  for (int i = 0; i < 100000; ++i) html += "<span><div>";
  for (int i = 0; i < 100000; ++i) html += "</x></b><li></table><td>";
  Document d(html);
  EXPECT_GE(d.max_depth(), 200000u);
}

// Structural invariants of any parse: links agree, spans lie in the source, texts are non-empty.
void check_invariants(const Document& d) {
  ASSERT_GE(d.size(), 4u);
  ASSERT_NE(d.html(), kNoNode);
  for (NodeId i = 0; i < d.size(); ++i) {
    const Node& n = d[i];
    if (i != Document::root()) {
      ASSERT_LT(n.parent, d.size());
    }
    NodeId prev = kNoNode;
    for (NodeId c = n.first_child; c != kNoNode; c = d[c].next_sibling) {
      ASSERT_LT(c, d.size());
      ASSERT_EQ(d[c].parent, i);
      ASSERT_EQ(d[c].prev_sibling, prev);
      prev = c;
    }
    ASSERT_EQ(n.last_child, prev);
    ASSERT_LE(n.source.begin, n.source.end);
    ASSERT_LE(n.source.end, d.source().size());
    ASSERT_LE(n.end_tag.end, d.source().size());
    if (n.is_text()) {
      ASSERT_FALSE(n.text.empty());
    }
  }
}

TEST(HtmlDom, RandomInputsNeverBreakTheTree) {
  static constexpr std::string_view kPieces[] = {
      "<p>", "</p>", "<div class=a>", "</div>", "<table>", "<tr>", "<td>", "</td>", "</table>", "<li>", "<ul>",
      "</ul>", "<b>", "</b>", "<a href='x'>", "</a>", "<svg>", "</svg>", "<path/>", "<script>", "</script>",
      "<title>", "</title>", "<!--", "-->", "<!doctype html>", "&amp;", "&", "&#", "&#x1F600;", "<", ">", "\"",
      "'", "=", " ", "\n", "\r", "text", "<br>", "</br>", "<h1>", "</h2>", "<pre>", "<textarea>", "<body x=1>",
      "<html>", "</html>", "</body>", "<head>", "</head>", "<noscript>", "<select><option>", "<form>", "</form>",
      "<![CDATA[", "]]>", "<math>", "<mi>", "<plaintext>", "<caption>", "<col>", "<tbody>", "\x01", "\xC3", "é",
      "<frameset>", "<frame>", "<image>", "<listing>", "<xmp>", "</noscript>", "<dd>", "<dt>"};
  std::mt19937 rng(4242);
  for (int round = 0; round < 3000; ++round) {
    std::string html;
    int pieces = static_cast<int>(rng() % 60);
    for (int k = 0; k < pieces; ++k) html += kPieces[rng() % std::size(kPieces)];
    Document d(html);
    SCOPED_TRACE(html);
    check_invariants(d);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace precis::ingest::html
