// Main-content selection: which parts of a web page are the article.
//
// The method combines the two families that do best on the article extraction benchmark
// (Kiesel et al. 2021, "An Empirical Comparison of Web Content Extraction Algorithms"):
//   1. Readability-style candidate selection (Arc90 Readability, Mozilla Readability.js): every
//      paragraph-like block with enough text scores 1 + commas + length/100 (capped), and hands
//      that score to its parent (full), grandparent (half) and the ancestors above (a third,
//      decreasing). Class and id names vote (+25 for "article", "content", "story"...; -25 for
//      "comment", "sidebar", "share"...), and a candidate's score is scaled by 1 - link density.
//      The best candidate is the article's container; siblings that score well, or are prose
//      paragraphs, join it (articles split into several containers).
//   2. Cleaning inside the container, as trafilatura and Readability's "conditional cleaning" do:
//      boilerplate subtrees (navigation, share bars, related links, captions, newsletter boxes,
//      bylines, ads) are left out by tag, by class/id vote, by link density, and by short
//      boilerplate phrases ("Advertisement", "Read more").
//   3. Fallback (trafilatura's baseline): when the container holds too little text, every prose
//      paragraph of the page outside boilerplate regions is taken instead.
// Precision and recall presets move the thresholds of steps 1-2.
//
// The pass is linear: one walk builds a flat array of elements with text and link-text counts
// (accumulated bottom-up), a second scores, a third cleans.
#include "precis/ingest/html_select.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <string>
#include <cstdint>
#include <string_view>

#include "precis/base/utf8.h"
#include "precis/ingest/html_dom.h"
#include "precis/ingest/internal.h"

namespace precis::ingest {
namespace {

using html::Document;
using html::NodeId;
using html::Tag;

struct Info {
  NodeId node = html::kNoNode;
  int parent = -1;
  Tag tag = Tag::kOther;
  std::uint32_t text = 0;       // non-space characters below, excluding removed subtrees
  std::uint32_t link_text = 0;  // of which inside <a>
  std::uint32_t commas = 0;
  std::uint32_t paragraphs = 0;  // <p> elements below with some text
  std::uint32_t block_children = 0;
  std::uint32_t own_text = 0, own_link = 0, own_commas = 0;  // in direct child text nodes
  int class_weight = 0;  // -25..+25 per class and per id
  bool removed = false;  // never article text (script, nav, hidden...)
  bool boiler = false;   // class/id say boilerplate (negative vote, no positive)
  double score = 0;
  bool scored = false;
};

bool always_removed(Tag tag) {
  switch (tag) {
    case Tag::kScript: case Tag::kStyle: case Tag::kNoscript: case Tag::kTemplate:
    case Tag::kSvg: case Tag::kMath: case Tag::kIframe: case Tag::kButton:
    case Tag::kSelect: case Tag::kTextarea: case Tag::kHead: case Tag::kTitle:
    case Tag::kObject: case Tag::kEmbed: case Tag::kCanvas: case Tag::kAudio:
    case Tag::kVideo: case Tag::kMenu: case Tag::kInput: case Tag::kLabel:
    case Tag::kOption: case Tag::kNav: case Tag::kFigcaption:
      return true;
    default:
      return false;
  }
}

// Regions that are boilerplate unless they hold most of the page (a site wrapping its whole
// layout in <header> or <aside> exists).
bool region_tag(Tag tag) {
  return tag == Tag::kHeader || tag == Tag::kFooter || tag == Tag::kAside || tag == Tag::kFigure;
}

bool is_block(Tag tag) {
  switch (tag) {
    case Tag::kP: case Tag::kDiv: case Tag::kSection: case Tag::kArticle: case Tag::kMain:
    case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6:
    case Tag::kUl: case Tag::kOl: case Tag::kLi: case Tag::kDl: case Tag::kBlockquote:
    case Tag::kPre: case Tag::kTable: case Tag::kTr: case Tag::kTd: case Tag::kFigure:
    case Tag::kHeader: case Tag::kFooter: case Tag::kAside: case Tag::kForm: case Tag::kCenter:
      return true;
    default:
      return false;
  }
}

// Whole-token and prefix votes. Prefixes catch "comments", "sharebar", "related-stories".
constexpr std::array<std::string_view, 60> kNegative = {
    "comment", "meta", "footer", "footnote", "masthead", "sidebar", "sponsor", "shopping", "tags", "tool",
    "widget", "related", "share", "sharing", "social", "promo", "newsletter", "subscri", "signup", "advert",
    "ad", "ads", "adv", "banner", "breadcrumb", "byline", "author", "caption", "credit", "popup",
    "modal", "cookie", "consent", "outbrain", "taboola", "recommend", "trending", "popular", "nav", "menu",
    "skip", "pagination", "pager", "disqus", "combx", "community", "remark", "shoutbox", "follow", "tweet",
    "facebook", "whatsapp", "print", "login", "copyright", "disclaimer", "rss", "hidden", "toolbar", "teaser"};
constexpr std::array<std::string_view, 16> kPositive = {"article", "body", "content", "entry", "hentry", "main",
                                                        "post", "text", "blog", "story", "prose", "richtext",
                                                        "paragraph", "storybody", "articlebody", "copy"};

bool matches(std::string_view token, std::string_view word) {
  if (word.size() <= 3) return token == word;  // "ad", "nav": whole tokens only
  return token.starts_with(word);
}

// The vote words by first letter, so that a token is compared with the few that can match.
struct VoteWords {
  std::array<std::vector<std::string_view>, 26> negative, positive;
  VoteWords() {
    for (std::string_view w : kNegative) negative[static_cast<std::size_t>(w[0] - 'a')].push_back(w);
    for (std::string_view w : kPositive) positive[static_cast<std::size_t>(w[0] - 'a')].push_back(w);
  }
};

// Class and id tokens (lower-cased, split at anything not an ASCII letter or digit) vote.
int vote(std::string_view value, bool& negative, bool& positive) {
  if (value.empty()) return 0;
  static const VoteWords words;
  constexpr std::size_t kKept = 32;  // longer than every vote word; longer tokens keep their length
  char buffer[kKept + 1];
  std::size_t length = 0;
  bool neg = false, pos = false;
  auto flush = [&] {
    if (length == 0) return;
    char first = buffer[0];
    if (first >= 'a' && first <= 'z') {
      // A token longer than kKept still fails whole-token tests: pad its view with a marker.
      std::string_view token(buffer, std::min(length, kKept + 1));
      if (length > kKept) buffer[kKept] = '\x01';
      auto letter = static_cast<std::size_t>(first - 'a');
      for (std::string_view w : words.negative[letter]) neg = neg || matches(token, w);
      for (std::string_view w : words.positive[letter]) pos = pos || matches(token, w);
    }
    length = 0;
  };
  for (char c : value) {
    bool upper = c >= 'A' && c <= 'Z';
    if ((c >= 'a' && c <= 'z') || upper || (c >= '0' && c <= '9')) {
      if (length < kKept) buffer[length] = upper ? static_cast<char>(c - 'A' + 'a') : c;
      ++length;
    } else {
      flush();
    }
  }
  flush();
  negative = negative || neg;
  positive = positive || pos;
  return (pos ? 25 : 0) - (neg ? 25 : 0);
}

bool hidden(const Document& d, NodeId e) {
  if (d.has_attribute(e, "hidden") || d.attribute(e, "aria-hidden") == "true") return true;
  std::string style = internal::ascii_lower(d.attribute(e, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

struct Counts {
  std::uint32_t chars = 0, commas = 0;
};

Counts count_text(std::string_view text) {
  Counts c;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b == ',') ++c.commas;
    if (b <= ' ') continue;
    if ((b & 0xC0) != 0x80) ++c.chars;  // count code points, not bytes
  }
  return c;
}

struct Thresholds {
  double sibling_share;       // sibling joins when its score >= this * top score
  double link_density_drop;   // a block with more links than this (and little text) is dropped
  std::uint32_t min_content;  // less than this in the container -> paragraph fallback
  bool clean_boiler;          // drop class/id boilerplate inside the container
};

Thresholds thresholds(ExtractionFocus focus) {
  switch (focus) {
    case ExtractionFocus::kPrecision:
      return {0.3, 0.5, 200, true};
    case ExtractionFocus::kRecall:
      return {0.15, 0.65, 150, true};
    case ExtractionFocus::kBalanced:
    default:
      return {0.2, 0.5, 200, true};
  }
}

class Selector {
 public:
  Selector(const Document& document, const std::string& title, ExtractionFocus focus)
      : doc_(document), title_(title), focus_(focus), t_(thresholds(focus)) {
    build();
  }

  ContentSelection run();

 private:
  void build();
  void score();
  int top_candidate() const;
  void clean(int root, ContentSelection& out) const;
  bool drop_in_content(int i, std::uint32_t content_text) const;
  bool boilerplate_line(int i) const;
  bool byline_line(int i, std::string& author) const;
  double link_density(int i) const { return nodes_[i].text ? double(nodes_[i].link_text) / nodes_[i].text : 0.0; }

  const Document& doc_;
  const std::string& title_;
  ExtractionFocus focus_;
  Thresholds t_;
  std::vector<Info> nodes_;
  std::vector<int> first_child_, last_child_, next_sibling_;  // element children, in order
  int body_ = -1;
};

void Selector::build() {
  // Pre-order walk; parents precede children, so a reverse sweep accumulates counts bottom-up.
  struct Item {
    NodeId node;
    int parent;
    bool removed, in_link;
    int block;  // nearest block ancestor: inline text counts as its own text
  };
  std::vector<Item> stack;
  for (NodeId k = doc_[Document::root()].last_child; k != html::kNoNode; k = doc_[k].prev_sibling) {
    stack.push_back({k, -1, false, false, -1});
  }
  std::vector<std::uint32_t> own_text, own_link, own_commas, block_text, block_link, block_commas;
  std::size_t elements = 0;
  for (NodeId k = 0; k < doc_.size(); ++k) elements += doc_[k].is_element() ? 1 : 0;
  for (auto* v : {&own_text, &own_link, &own_commas, &block_text, &block_link, &block_commas}) v->reserve(elements);
  for (auto* v : {&first_child_, &last_child_, &next_sibling_}) v->reserve(elements);
  nodes_.reserve(elements);
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    const html::Node& n = doc_[it.node];
    if (n.is_text()) {
      if (it.parent < 0 || it.removed) continue;
      Counts c = count_text(n.text);
      own_text[it.parent] += c.chars;
      own_commas[it.parent] += c.commas;
      if (it.in_link) own_link[it.parent] += c.chars;
      if (it.block >= 0) {
        block_text[it.block] += c.chars;
        block_commas[it.block] += c.commas;
        if (it.in_link) block_link[it.block] += c.chars;
      }
      continue;
    }
    if (!n.is_element()) continue;
    const html::Node& e = n;
    Info info;
    info.node = it.node;
    info.parent = it.parent;
    info.tag = e.tag;
    bool negative = false, positive = false;
    info.class_weight =
        vote(doc_.attribute(it.node, "class"), negative, positive) + vote(doc_.attribute(it.node, "id"), negative, positive);
    std::string_view role = doc_.attribute(it.node, "role");
    if (role == "navigation" || role == "complementary" || role == "banner" || role == "contentinfo" ||
        role == "menu" || role == "dialog" || role == "alert") {
      negative = true;
    }
    std::string_view itemprop = doc_.attribute(it.node, "itemprop");
    if (itemprop == "articleBody" || itemprop == "text") positive = true, info.class_weight += 50;
    info.boiler = negative && !positive;
    info.removed = it.removed || always_removed(e.tag) || hidden(doc_, it.node);
    int index = static_cast<int>(nodes_.size());
    if (e.tag == Tag::kBody && body_ < 0) body_ = index;
    nodes_.push_back(info);
    first_child_.push_back(-1), last_child_.push_back(-1), next_sibling_.push_back(-1);
    own_text.push_back(0), own_link.push_back(0), own_commas.push_back(0);
    block_text.push_back(0), block_link.push_back(0), block_commas.push_back(0);
    int block = is_block(e.tag) || e.tag == Tag::kBody ? index : it.block;
    if (it.parent >= 0) {
      int& last = last_child_[it.parent];
      (last < 0 ? first_child_[it.parent] : next_sibling_[last]) = index;
      last = index;
    }
    bool in_link = it.in_link || e.tag == Tag::kA;
    for (NodeId k = e.last_child; k != html::kNoNode; k = doc_[k].prev_sibling) {
      stack.push_back({k, index, info.removed, in_link, block});
    }
  }
  for (std::size_t i = nodes_.size(); i-- > 0;) {
    Info& n = nodes_[i];
    n.own_text = n.removed ? 0 : block_text[i];
    n.own_link = n.removed ? 0 : block_link[i];
    n.own_commas = n.removed ? 0 : block_commas[i];
    n.text += own_text[i];
    n.link_text += own_link[i];
    n.commas += own_commas[i];
    if (n.removed) n.text = n.link_text = n.commas = n.paragraphs = 0;
    if (n.tag == Tag::kP && n.text > 0) ++n.paragraphs;
    if (n.parent >= 0) {
      Info& p = nodes_[n.parent];
      p.text += n.text;
      p.link_text += n.link_text;
      p.commas += n.commas;
      p.paragraphs += n.paragraphs;
      if (is_block(n.tag)) ++p.block_children;
    }
  }
  // Page regions (header, footer, aside, figure) and class/id boilerplate become removed when
  // they hold a minor part of the page.
  std::uint32_t page = body_ >= 0 ? nodes_[body_].text : 0;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    Info& n = nodes_[i];
    if (n.removed) continue;
    if (n.parent >= 0 && nodes_[n.parent].removed) {
      n.removed = true;
      continue;
    }
    bool minor = n.text * 2 < page;
    if (region_tag(n.tag) && minor) n.removed = true;
  }
}

void Selector::score() {
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    Info& n = nodes_[i];
    if (n.removed || n.text < 25) continue;
    bool paragraph_like = n.tag == Tag::kP || n.tag == Tag::kPre || n.tag == Tag::kTd ||
                          n.tag == Tag::kBlockquote ||
                          ((n.tag == Tag::kDiv || n.tag == Tag::kSection) && n.block_children == 0);
    int ancestor = n.parent;
    double s = 0;
    if (paragraph_like) {
      if (link_density(static_cast<int>(i)) > 0.5) continue;
      s = 1.0 + n.commas + std::min(3.0, n.text / 100.0);
    } else {
      // Text straight inside a container (lines separated by <br>) is a paragraph of it, as
      // Readability wraps such text in <p>.
      std::uint32_t plain = n.own_text > n.own_link ? n.own_text - n.own_link : 0;
      if (plain < 25 || n.own_link * 2 > n.own_text) continue;
      s = 1.0 + n.own_commas + std::min(3.0, plain / 100.0);
      ancestor = static_cast<int>(i);
    }
    for (int level = 0; ancestor >= 0 && level < 5; ++level, ancestor = nodes_[ancestor].parent) {
      Info& a = nodes_[ancestor];
      if (a.removed) break;
      if (!a.scored) {
        a.scored = true;
        a.score = a.class_weight;
        if (a.tag == Tag::kDiv || a.tag == Tag::kArticle || a.tag == Tag::kSection ||
            a.tag == Tag::kMain) {
          a.score += 5;
        } else if (a.tag == Tag::kTd || a.tag == Tag::kBlockquote || a.tag == Tag::kPre) {
          a.score += 3;
        } else if (a.tag == Tag::kUl || a.tag == Tag::kOl || a.tag == Tag::kForm ||
                   a.tag == Tag::kLi) {
          a.score -= 3;
        }
      }
      a.score += s / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
    }
  }
}

int Selector::top_candidate() const {
  int best = -1;
  double best_score = 0;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const Info& n = nodes_[i];
    if (!n.scored || n.removed) continue;
    double s = n.score * (1.0 - link_density(static_cast<int>(i)));
    if (n.boiler) s *= 0.5;
    for (int a = n.parent; a >= 0; a = nodes_[a].parent) {
      if (nodes_[a].boiler) {
        s *= 0.3;  // inside comments, sidebars, related boxes
        break;
      }
    }
    if (best < 0 || s > best_score) best = static_cast<int>(i), best_score = s;
  }
  if (best < 0) return -1;
  // Readability's climb: a parent holding much more text and scoring close to the candidate is
  // the real container (the article was split by inline widgets into several blocks).
  int current = best;
  double current_score = best_score;
  while (nodes_[current].parent >= 0 && nodes_[current].parent != body_) {
    int p = nodes_[current].parent;
    const Info& pn = nodes_[p];
    if (pn.removed || !pn.scored) break;
    double ps = pn.score * (1.0 - link_density(p));
    if (ps < current_score * 0.85) break;
    if (pn.paragraphs <= nodes_[current].paragraphs && pn.text > nodes_[current].text * 1.3) break;
    current = p;
    current_score = std::max(current_score, ps);
  }
  return current;
}

// Short lines that are boilerplate wherever they stand.
bool Selector::boilerplate_line(int i) const {
  const Info& n = nodes_[i];
  bool strict = focus_ == ExtractionFocus::kPrecision;
  if (n.text == 0 || n.text > (strict ? 200u : 120u)) return false;
  std::string text;
  std::vector<NodeId> stack{n.node};
  while (!stack.empty() && text.size() < 400) {
    NodeId id = stack.back();
    const html::Node& x = doc_[id];
    stack.pop_back();
    if (x.is_text() && !x.whitespace) {
      text += x.text;
      text.push_back(' ');
    } else if (x.is_element()) {
      // Script and style bodies are not text (JSON-LD scripts count, as they always did).
      if (x.tag == Tag::kStyle ||
          (x.tag == Tag::kScript && internal::ascii_lower(doc_.attribute(id, "type")).find("ld+json") == std::string::npos)) {
        continue;
      }
      for (NodeId k = x.last_child; k != html::kNoNode; k = doc_[k].prev_sibling) stack.push_back(k);
    }
  }
  std::string lower = internal::ascii_lower(internal::collapse_spaces(text));
  static constexpr std::string_view kPhrases[] = {
      "advertisement", "story continues below", "continue reading", "read more", "read next", "sign up",
      "subscribe", "click here", "follow us", "share this", "related:", "recommended", "sponsored",
      "all rights reserved", "newsletter", "read also", "see also", "more:", "watch:", "listen to this",
      "image:", "photo:", "getty images", "(photo", "image source", "image caption", "copyright"};
  for (std::string_view p : kPhrases) {
    if (lower.starts_with(p)) return true;
    if (n.text < (strict ? 120u : 60u) && lower.find(p) != std::string::npos) return true;
  }
  if (!title_.empty() && internal::ascii_lower(title_) == lower) return true;
  return false;
}

// Whether a class or id value has a token starting with one of `prefixes` (ASCII, any case).
bool names_any(std::string_view value, std::initializer_list<std::string_view> prefixes) {
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && !std::isalnum(static_cast<unsigned char>(value[i]))) ++i;
    std::size_t start = i;
    while (i < value.size() && std::isalnum(static_cast<unsigned char>(value[i]))) ++i;
    std::string token = internal::ascii_lower(value.substr(start, i - start));
    for (std::string_view p : prefixes) {
      if (!token.empty() && token.starts_with(p)) return true;
    }
  }
  return false;
}

// "By Hanna Voss, Staff Writer" -> "Hanna Voss"; "" when `line` is not a byline: it must open
// with "By" and a capitalised word, hold at most seven words and not end as a sentence does
// ("By Tuesday, the fire was out." is prose).
std::string byline_name(std::string_view line) {
  if (!(line.starts_with("By ") || line.starts_with("BY ")) || line.size() < 4) return {};
  if (!std::isupper(static_cast<unsigned char>(line[3]))) return {};
  char last = line.back();
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == '"') return {};
  if (std::count(line.begin(), line.end(), ' ') > 6) return {};
  std::string_view name = line.substr(3);
  for (std::string_view stop : {",", " |", " - ", " \xe2\x80\x94", " \xe2\x80\x93", " and ", " for "}) {
    if (std::size_t at = name.find(stop); at != std::string_view::npos && at > 0) name = name.substr(0, at);
  }
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  return std::string(name);
}

// A byline or time-stamp line inside the article ("By Hanna Voss"; "Nov. 6, 2026, 7:30 a.m." in
// a <time> or a dateline/timestamp class): metadata, not body, as trafilatura treats it. A short
// leaf block only: its text is all inside <time>, or it reads "By Name", or its class or id says
// byline, author, dateline, timestamp or published. `author` gets the name a byline gives.
bool Selector::byline_line(int i, std::string& author) const {
  const Info& n = nodes_[i];
  if (n.removed || n.text == 0 || n.text > 80 || n.block_children != 0) return false;
  if (!is_block(n.tag) && n.tag != Tag::kSpan && n.tag != Tag::kTime) return false;
  if (n.tag == Tag::kLi || n.tag == Tag::kTd || n.tag == Tag::kTable || n.tag == Tag::kUl ||
      n.tag == Tag::kOl || n.tag == Tag::kBlockquote) {
    return false;
  }
  std::string text;
  bool outside_time = false;
  struct Item {
    NodeId id;
    bool in_time;
  };
  std::vector<Item> stack{{n.node, n.tag == Tag::kTime}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    const html::Node& x = doc_[it.id];
    if (x.is_text() && !x.whitespace) {
      text += x.text;
      text.push_back(' ');
      if (!it.in_time) outside_time = true;
    } else if (x.is_element() && x.tag != Tag::kScript && x.tag != Tag::kStyle) {
      for (NodeId k = x.last_child; k != html::kNoNode; k = doc_[k].prev_sibling) {
        stack.push_back({k, it.in_time || x.tag == Tag::kTime});
      }
    }
  }
  std::string line = internal::collapse_spaces(text);
  if (line.empty()) return false;
  std::string name = byline_name(line);
  bool named = names_any(doc_.attribute(n.node, "class"), {"byline", "author", "dateline", "timestamp", "published"}) ||
               names_any(doc_.attribute(n.node, "id"), {"byline", "author", "dateline", "timestamp", "published"});
  if (!name.empty() || !outside_time || named) {
    author = std::move(name);
    return true;
  }
  return false;
}

bool Selector::drop_in_content(int i, std::uint32_t content_text) const {
  const Info& n = nodes_[i];
  if (n.removed) return true;
  if (n.tag == Tag::kH1) return true;  // the headline is metadata, not body
  if (n.tag == Tag::kForm && n.text * 2 < content_text) return true;
  bool structural = n.tag == Tag::kP || n.tag == Tag::kBlockquote || n.tag == Tag::kPre;
  if (t_.clean_boiler && n.boiler && n.text * 4 < content_text && !structural) return true;
  double ld = link_density(i);
  if (is_block(n.tag) && n.text > 0) {
    double limit = t_.link_density_drop;
    if (n.tag == Tag::kP && n.text > 80) limit = std::max(limit, 0.7);  // prose with links
    if (ld > limit) return true;
    // Readability's conditional cleaning: lists and divs of short link items, few paragraphs.
    if ((n.tag == Tag::kUl || n.tag == Tag::kOl || n.tag == Tag::kDiv || n.tag == Tag::kTable ||
         n.tag == Tag::kSection) &&
        n.text * 5 < content_text && n.class_weight < 0 && ld > 0.2) {
      return true;
    }
  }
  if ((is_block(n.tag) || n.tag == Tag::kSpan || n.tag == Tag::kA || n.tag == Tag::kStrong) &&
      n.block_children == 0 && boilerplate_line(i)) {
    return true;
  }
  if (focus_ == ExtractionFocus::kPrecision && (n.tag == Tag::kUl || n.tag == Tag::kOl) && ld > 0.25) {
    return true;  // lists of links, even short ones
  }
  return false;
}

void Selector::clean(int root, ContentSelection& out) const {
  std::uint32_t content_text = nodes_[root].text;
  std::vector<int> stack{root};
  while (!stack.empty()) {
    int i = stack.back();
    stack.pop_back();
    if (i != root && drop_in_content(i, content_text)) {
      out.dropped[nodes_[i].node] = true;
      continue;
    }
    if (std::string author; i != root && byline_line(i, author)) {
      out.dropped[nodes_[i].node] = true;
      if (out.byline.empty()) out.byline = std::move(author);
      continue;
    }
    for (int c = first_child_[i]; c >= 0; c = next_sibling_[c]) stack.push_back(c);
  }
}

ContentSelection Selector::run() {
  ContentSelection out;
  out.dropped.assign(doc_.size(), false);
  if (nodes_.empty()) return out;
  score();
  int top = top_candidate();
  std::uint32_t selected_text = 0;
  if (top >= 0) {
    const Info& tn = nodes_[top];
    double top_score = tn.score * (1.0 - link_density(top));
    std::vector<int> parts;
    int parent = tn.parent;
    if (parent >= 0 && parent != body_ && tn.tag != Tag::kBody) {
      for (int s = first_child_[parent]; s >= 0; s = next_sibling_[s]) {
        if (s == top) {
          parts.push_back(s);
          continue;
        }
        const Info& sn = nodes_[s];
        if (sn.removed || sn.text == 0 || sn.boiler) continue;
        double ss = sn.scored ? sn.score * (1.0 - link_density(s)) : 0.0;
        bool joins = ss >= std::max(10.0, top_score * t_.sibling_share);
        if (!joins && sn.tag == Tag::kP) {
          joins = (sn.text > 80 && link_density(s) < 0.25) ||
                  (sn.text > 0 && link_density(s) == 0 && sn.commas > 0 && focus_ != ExtractionFocus::kPrecision);
        }
        if (joins) parts.push_back(s);
      }
    } else {
      parts.push_back(top);
    }
    for (int p : parts) {
      out.roots.push_back(nodes_[p].node);
      clean(p, out);
      selected_text += nodes_[p].text;
    }
    out.method = "candidate";
  }
  if (selected_text < t_.min_content) {
    // Fallback: every prose paragraph outside boilerplate.
    out = ContentSelection{};
    out.dropped.assign(doc_.size(), false);
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Info& n = nodes_[i];
      if (n.removed || n.text < 20) continue;
      if (n.tag != Tag::kP && n.tag != Tag::kBlockquote && n.tag != Tag::kPre) continue;
      bool in_boiler = false, under_p = false;
      for (int a = n.parent; a >= 0; a = nodes_[a].parent) {
        in_boiler = in_boiler || nodes_[a].boiler || nodes_[a].removed;
        under_p = under_p || nodes_[a].tag == Tag::kP;
      }
      if (in_boiler || under_p || link_density(static_cast<int>(i)) > t_.link_density_drop) continue;
      out.roots.push_back(n.node);
      clean(static_cast<int>(i), out);
    }
    out.method = out.roots.empty() ? "" : "paragraphs";
  }
  return out;
}

}  // namespace

ContentSelection select_main_content(const html::Document& document, const std::string& title,
                                     ExtractionFocus focus) {
  Selector selector(document, title, focus);
  return selector.run();
}

}  // namespace precis::ingest
