// Tag names and the properties the tree builder asks about (html_dom.cc). The property sets are
// the WHATWG parsing spec's: void elements, "special" elements, the elements whose start tag
// closes an open <p>, scope boundaries, formatting elements, implied end tags, and the HTML tags
// that end svg/math content.
#include "precis/ingest/html_tags.h"

#include <array>
#include <cstring>

namespace precis::ingest::html {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(Tag::kCount)> kNames = {
    "", "a", "address", "annotation-xml", "applet", "area", "article", "aside", "audio", "b", "base", "basefont",
    "bgsound", "big", "blockquote", "body", "br", "button", "canvas", "caption", "center", "code", "col", "colgroup",
    "dd", "desc", "details", "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure",
    "font", "footer", "foreignobject", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hgroup", "hr", "html", "i", "iframe", "image", "img", "input", "keygen", "label", "li", "link",
    "listing", "main", "marquee", "math", "menu", "meta", "mi", "mn", "mo", "ms", "mtext", "nav", "nobr", "noembed",
    "noframes", "noscript", "object", "ol", "optgroup", "option", "p", "param", "plaintext", "pre", "rb", "rp",
    "rt", "rtc", "ruby", "s", "script", "search", "section", "select", "small", "source", "span", "strike",
    "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot",
    "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp"};

constexpr std::uint32_t kSlots = 512;  // power of two, > 3x the names

std::uint32_t hash(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

struct Table {
  std::array<std::uint8_t, kSlots> slot{};  // Tag + 1; 0 empty
  std::array<std::uint16_t, static_cast<std::size_t>(Tag::kCount)> flags{};

  Table() {
    for (std::size_t t = 1; t < kNames.size(); ++t) {
      std::uint32_t s = hash(kNames[t]) & (kSlots - 1);
      while (slot[s] != 0) s = (s + 1) & (kSlots - 1);
      slot[s] = static_cast<std::uint8_t>(t + 1);
    }
    auto mark = [&](std::uint16_t flag, std::initializer_list<Tag> tags) {
      for (Tag t : tags) flags[static_cast<std::size_t>(t)] |= flag;
    };
    using enum Tag;
    mark(kVoid, {kArea, kBase, kBasefont, kBgsound, kBr, kCol, kEmbed, kFrame, kHr, kImage, kImg, kInput, kKeygen,
                 kLink, kMeta, kParam, kSource, kTrack, kWbr});
    mark(kSpecial, {kAddress, kApplet, kArea, kArticle, kAside, kBase, kBasefont, kBgsound, kBlockquote, kBody, kBr,
                    kButton, kCaption, kCenter, kCol, kColgroup, kDd, kDetails, kDialog, kDir, kDiv, kDl, kDt,
                    kEmbed, kFieldset, kFigcaption, kFigure, kFooter, kForm, kFrame, kFrameset, kH1, kH2, kH3, kH4,
                    kH5, kH6, kHead, kHeader, kHgroup, kHr, kHtml, kIframe, kImg, kInput, kKeygen, kLi, kLink,
                    kListing, kMain, kMarquee, kMenu, kMeta, kNav, kNoembed, kNoframes, kNoscript, kObject, kOl, kP,
                    kParam, kPlaintext, kPre, kScript, kSearch, kSection, kSelect, kSource, kStyle, kSummary, kTable,
                    kTbody, kTd, kTemplate, kTextarea, kTfoot, kTh, kThead, kTitle, kTr, kTrack, kUl, kWbr, kXmp});
    mark(kClosesP, {kAddress, kArticle, kAside, kBlockquote, kCenter, kDetails, kDialog, kDir, kDiv, kDl,
                    kFieldset, kFigcaption, kFigure, kFooter, kHeader, kHgroup, kMain, kMenu, kNav, kOl, kP,
                    kSearch, kSection, kSummary, kUl, kH1, kH2, kH3, kH4, kH5, kH6, kPre, kListing, kForm,
                    kPlaintext, kXmp, kHr, kLi, kDd, kDt});
    mark(kScope, {kApplet, kCaption, kHtml, kTable, kTd, kTh, kMarquee, kObject, kTemplate, kMi, kMo, kMn, kMs,
                  kMtext, kAnnotationXml, kForeignObject, kDesc, kTitle});
    mark(kFormatting, {kA, kB, kBig, kCode, kEm, kFont, kI, kNobr, kS, kSmall, kStrike, kStrong, kTt, kU});
    mark(kImpliedEnd, {kDd, kDt, kLi, kOptgroup, kOption, kP, kRb, kRp, kRt, kRtc});
    mark(kBreakout, {kB, kBig, kBlockquote, kBody, kBr, kCenter, kCode, kDd, kDiv, kDl, kDt, kEm, kEmbed, kH1, kH2,
                     kH3, kH4, kH5, kH6, kHead, kHr, kI, kImg, kLi, kListing, kMenu, kMeta, kNobr, kOl, kP, kPre,
                     kRuby, kS, kSmall, kSpan, kStrong, kStrike, kSub, kSup, kTable, kTt, kU, kUl, kVar});
    mark(kHeading, {kH1, kH2, kH3, kH4, kH5, kH6});
    mark(kTableSection, {kTbody, kThead, kTfoot});
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

Tag tag_of(std::string_view lower_name) {
  if (lower_name.empty() || lower_name.size() > 14) return Tag::kOther;
  const Table& t = table();
  std::uint32_t s = hash(lower_name) & (kSlots - 1);
  while (t.slot[s] != 0) {
    std::size_t tag = t.slot[s] - 1u;
    if (kNames[tag] == lower_name) return static_cast<Tag>(tag);
    s = (s + 1) & (kSlots - 1);
  }
  return Tag::kOther;
}

std::string_view tag_name(Tag tag) { return kNames[static_cast<std::size_t>(tag)]; }

std::uint16_t tag_flags(Tag tag) { return table().flags[static_cast<std::size_t>(tag)]; }

}  // namespace precis::ingest::html
