// Differential test: on well-formed documents our HTML parser (html_dom.h) builds the same
// elements, attributes and text as gumbo (a complete HTML5 parser; a test-only dependency since
// the reader stopped using it). Inputs: the fixtures in tests/data/html/ and random well-formed
// documents; and, when ../shared/data is there, the 181 real pages of the article extraction
// benchmark (broken markup included: they all match too). Malformed inputs (random cuts of the fixtures) are only required not to break the
// tree: the parsers may legitimately differ there (html_dom.h lists what ours omits).
#include <gtest/gtest.h>
#include <gumbo.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "precis/eval/extraction_eval.h"
#include "precis/ingest/html_dom.h"
#include "precis/ingest/reader.h"

namespace precis::ingest::html {
namespace {

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string collapse(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool raw_or_template(std::string_view name) {
  return name == "script" || name == "style" || name == "template";
}

// What both parsers must agree on: the text (whitespace collapsed, element boundaries as spaces,
// script/style/template contents left out) and the elements in document order with attributes.
struct Summary {
  std::string text;
  std::string elements;
};

std::string gumbo_name(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return lower(gumbo_normalized_tagname(e.tag));
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  return lower(std::string(piece.data, piece.length));
}

void summarize(const GumboNode* n, Summary& s) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    s.text += n->v.text.text;
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return;
  std::string name = gumbo_name(n->v.element);
  s.elements += name + "[";
  for (unsigned k = 0; k < n->v.element.attributes.length; ++k) {
    const auto* a = static_cast<const GumboAttribute*>(n->v.element.attributes.data[k]);
    s.elements += lower(a->name) + "=" + a->value + ";";
  }
  s.elements += "] ";
  if (raw_or_template(name)) return;
  s.text += ' ';
  for (unsigned k = 0; k < n->v.element.children.length; ++k) {
    summarize(static_cast<const GumboNode*>(n->v.element.children.data[k]), s);
  }
  s.text += ' ';
}

Summary gumbo_summary(const std::string& html) {
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  Summary s;
  summarize(out->root, s);
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  s.text = collapse(s.text);
  return s;
}

void summarize(const Document& d, NodeId id, Summary& s) {
  const Node& n = d[id];
  if (n.is_text()) {
    s.text += n.text;
    return;
  }
  if (!n.is_element()) return;
  s.elements += std::string(n.name) + "[";
  for (const Attribute& a : d.attributes(id)) s.elements += std::string(a.name) + "=" + std::string(a.value) + ";";
  s.elements += "] ";
  if (raw_or_template(n.name)) return;
  s.text += ' ';
  for (NodeId c = n.first_child; c != kNoNode; c = d[c].next_sibling) summarize(d, c, s);
  s.text += ' ';
}

Summary our_summary(const std::string& html) {
  Document d(html);
  Summary s;
  summarize(d, d.html(), s);
  s.text = collapse(s.text);
  return s;
}

std::string fixture_dir() { return "tests/data/html"; }

std::vector<std::string> fixtures() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(fixture_dir())) {
    if (entry.path().extension() != ".html") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    out.push_back(text.str());
  }
  return out;
}

TEST(HtmlDomGumbo, FixturesMatch) {
  auto docs = fixtures();
  ASSERT_GE(docs.size(), 2u) << "fixtures missing under " << fixture_dir();
  for (const std::string& html : docs) {
    Summary ours = our_summary(html), theirs = gumbo_summary(html);
    EXPECT_EQ(ours.text, theirs.text);
    EXPECT_EQ(ours.elements, theirs.elements);
    EXPECT_GT(ours.text.size(), 500u);
  }
}

// Random well-formed documents: blocks hold blocks or inline content, inline elements hold inline
// content, lists hold items, tables hold sections, rows and cells.
class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::string document() {
    std::string out = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + words(3) +
                      "</title></head><body>";
    int blocks = 1 + pick(6);
    for (int i = 0; i < blocks; ++i) block(out, 0);
    return out + "</body></html>";
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }

  std::string words(int n) {
    static constexpr std::string_view kWords[] = {
        "quay", "lantern", "council", "tide", "Brinmoor", "&amp;", "&lt;b&gt;", "&quot;quoted&quot;", "&#39;",
        "&nbsp;", "&rsquo;", "&hellip;", "&mdash;", "&#8212;", "&#x201C;", "caf\xC3\xA9", "&eacute;t&eacute;",
        "&copy;", "&frac12;", "a&b", "1 < 2", "x > y", "&notanentity;", "&#150;", "\xE2\x80\x94"};
    std::string out;
    for (int i = 0; i < n; ++i) {
      if (i) out += pick(5) == 0 ? "\n  " : " ";
      out += kWords[pick(static_cast<int>(std::size(kWords)))];
    }
    return out;
  }

  std::string attributes() {
    switch (pick(6)) {
      case 0: return " class=\"story body\"";
      case 1: return " id=main data-x='a \"quoted\" &amp; value'";
      case 2: return " href=\"/a?b=1&amp;c=2&copy=3\" title=\"x &gt; y\"";
      case 3: return " hidden";
      case 4: return " CLASS=Upper Style=\"display:none\"";
      default: return "";
    }
  }

  void inline_content(std::string& out, int depth, bool in_link = false) {
    int parts = 1 + pick(3);
    for (int i = 0; i < parts; ++i) {
      int k = depth > 3 ? 0 : pick(9);
      static constexpr std::string_view kInline[] = {"span", "a", "b", "i", "em", "strong", "code", "small"};
      if (k < 4) {
        out += words(1 + pick(4));
      } else if (k == 4) {
        out += pick(2) ? "<br>" : "<img src=\"x.png\" alt=\"pic &amp; more\">";
      } else if (k == 5) {
        out += "<!-- note <p>not markup</p> -->";
      } else {
        std::string_view tag = kInline[pick(static_cast<int>(std::size(kInline)))];
        if (in_link && tag == "a") tag = "span";  // <a> in <a> is not well-formed
        out += "<" + std::string(tag) + attributes() + ">";
        inline_content(out, depth + 1, in_link || tag == "a");
        out += "</" + std::string(tag) + ">";
      }
    }
  }

  void block(std::string& out, int depth) {
    int k = depth > 3 ? pick(2) : pick(12);
    switch (k) {
      case 0: case 1:
        out += "<p" + attributes() + ">";
        inline_content(out, depth);
        out += "</p>";
        return;
      case 2: case 3: {
        static constexpr std::string_view kBlocks[] = {"div", "section", "article", "blockquote", "main", "aside"};
        std::string tag(kBlocks[pick(static_cast<int>(std::size(kBlocks)))]);
        out += "<" + tag + attributes() + ">";
        for (int i = 1 + pick(3); i > 0; --i) block(out, depth + 1);
        out += "</" + tag + ">";
        return;
      }
      case 4: {
        std::string tag = pick(2) ? "ul" : "ol";
        out += "<" + tag + ">";
        for (int i = 1 + pick(3); i > 0; --i) {
          out += "<li>";
          if (pick(2)) inline_content(out, depth + 1);
          else block(out, depth + 1);
          out += "</li>";
        }
        out += "</" + tag + ">";
        return;
      }
      case 5:
        out += "<table><tbody>";
        for (int r = 1 + pick(3); r > 0; --r) {
          out += "<tr>";
          for (int c = 1 + pick(3); c > 0; --c) {
            out += pick(4) ? "<td>" : "<th>";
            inline_content(out, depth + 1);
          }
          out += "</tr>";
        }
        out += "</tbody></table>";
        return;
      case 6:
        out += "<h" + std::to_string(1 + pick(6)) + ">";
        inline_content(out, depth + 1);
        out += "</h1>";  // any heading end tag closes the open heading
        return;
      case 7:
        out += "<pre>\n" + words(4) + "\n  " + words(2) + "</pre>";
        return;
      case 8:
        out += "<dl><dt>" + words(2) + "</dt><dd>" + words(3) + "</dd></dl>";
        return;
      case 9:
        out += "<script>var s = \"<p>\" + '</div>'; if (a < b) {}</script><style>p > a {}</style>";
        return;
      case 10:
        out += "<svg viewBox=\"0 0 1 1\"><g><path d=\"M0 0\"/><title>" + words(1) + "</title></g></svg>";
        return;
      default:
        out += "<hr>";
        return;
    }
  }

  std::mt19937 rng_;
};

TEST(HtmlDomGumbo, RandomWellFormedDocumentsMatch) {
  for (unsigned seed = 1; seed <= 400; ++seed) {
    std::string html = Generator(seed).document();
    Summary ours = our_summary(html), theirs = gumbo_summary(html);
    ASSERT_EQ(ours.text, theirs.text) << html;
    ASSERT_EQ(ours.elements, theirs.elements) << html;
  }
}

// Gumbo splits the namespace prefix off svg attributes ("xlink:href" -> "href"); we keep names as
// written. Nothing reads them, so the comparison drops the prefixes.
std::string without_namespace_prefixes(std::string elements) {
  for (std::string_view prefix : {"xlink:", "xmlns:", "xml:"}) {
    for (char before : {';', '['}) {
      std::string marker = std::string(1, before) + std::string(prefix);
      for (std::size_t at = elements.find(marker); at != std::string::npos; at = elements.find(marker, at)) {
        elements.erase(at + 1, prefix.size());
      }
    }
  }
  return elements;
}

TEST(HtmlDomGumbo, BenchmarkPagesMatch) {
  std::string root = eval::default_extraction_benchmark_dir();
  if (!std::filesystem::exists(root + "/ground-truth.json")) {
    GTEST_SKIP() << "article extraction benchmark not found under " << root << " (set PRECIS_SHARED_DATA)";
  }
  auto bench = eval::load_extraction_benchmark(root);
  ASSERT_TRUE(bench) << bench.error().message;
  int pages = 0;
  for (const std::string& id : bench->ids) {
    auto html = read_file_bytes(bench->html_path(id));
    if (!html) continue;
    ++pages;
    Summary ours = our_summary(*html), theirs = gumbo_summary(*html);
    EXPECT_EQ(ours.text, theirs.text) << id;
    EXPECT_EQ(without_namespace_prefixes(ours.elements), without_namespace_prefixes(theirs.elements)) << id;
  }
  EXPECT_EQ(pages, 181);
}

// Malformed inputs derived from the fixtures: random byte ranges cut out or duplicated. The tree
// must stay consistent and hold every text node's bytes within the input.
TEST(HtmlDomGumbo, CutFixturesStayConsistent) {
  auto docs = fixtures();
  ASSERT_FALSE(docs.empty());
  std::mt19937 rng(7);
  for (int round = 0; round < 600; ++round) {
    std::string html = docs[rng() % docs.size()];
    for (int cuts = 1 + static_cast<int>(rng() % 4); cuts > 0 && !html.empty(); --cuts) {
      std::size_t at = rng() % html.size(), len = rng() % 40;
      if (rng() % 2) html.erase(at, len);
      else html.insert(at, html.substr(at, len));
    }
    Document d(html);
    ASSERT_NE(d.body(), kNoNode);
    std::size_t text_bytes = 0;
    for (NodeId i = 0; i < d.size(); ++i) {
      const Node& n = d[i];
      ASSERT_LE(n.source.end, html.size());
      if (i != Document::root()) {
        ASSERT_LT(n.parent, d.size());
      }
      if (n.is_text()) text_bytes += n.text.size();
    }
    // Gumbo never sees more text than is in the input; neither do we (decoding only shrinks
    // references, except &#...; that name wider characters, not in these fixtures).
    EXPECT_LE(text_bytes, html.size() * 2);
  }
}

}  // namespace
}  // namespace precis::ingest::html
