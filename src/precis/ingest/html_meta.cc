// Page metadata: title, dates, author, outlet, canonical URL, language.
//
// Sources, strongest first (what news sites fill reliably, after htmldate's and trafilatura's
// experience; Barbaresi 2020, "htmldate: A Python package to extract publication dates"):
//   title      og:title, JSON-LD headline, <title>, first <h1>
//   published  JSON-LD datePublished, article:published_time, itemprop=datePublished,
//              named <meta> dates (date, pubdate, dc.date, parsely-pub-date...), the first
//              <time datetime>, a date in the URL path
//   updated    JSON-LD dateModified, article:modified_time, og:updated_time, itemprop=dateModified
//   author     JSON-LD author names, <meta name=author>, article:author (when not a URL),
//              parsely-author, dc.creator, rel=author / itemprop=author text
//   outlet     og:site_name, JSON-LD publisher.name, application-name (a site name written as
//              an address becomes its host)
//   url        <link rel=canonical>, og:url, JSON-LD url, the page's own URL
//   language   <html lang>, content-language, og:locale, JSON-LD inLanguage
// Dates go through normalize_date (ISO 8601, zone kept when given); an unparseable value is
// reported and the next source is tried.
#include "precis/ingest/html_meta.h"

#include <nlohmann/json.hpp>

#include "precis/base/url.h"
#include "precis/ingest/html_dom.h"
#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"

namespace precis::ingest::internal {
namespace {

using html::Document;
using html::NodeId;
using html::Tag;

struct Raw {
  std::string og_title, ld_headline, title, h1;
  std::vector<std::string> published, updated, authors;
  std::string outlet, ld_publisher, app_name, canonical, og_url, ld_url, lang, content_lang, og_locale, ld_lang;
};

// ASCII case-insensitive equality with a lower-case word, without a copy.
bool equals_lower(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_word[i]) return false;
  }
  return true;
}

void set_once(std::string& field, std::string_view value) {
  if (field.empty()) field = collapse_spaces(value);
}

bool is_article_type(const nlohmann::json& type) {
  auto ok = [](const std::string& t) {
    return t.find("Article") != std::string::npos || t == "BlogPosting" || t == "Report" || t == "WebPage" ||
           t == "LiveBlogPosting" || t == "NewsArticle";
  };
  if (type.is_string()) return ok(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& t : type) {
      if (t.is_string() && ok(t.get<std::string>())) return true;
    }
  }
  return false;
}

std::string json_string(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    for (const char* key : {"name", "@value", "url", "@id"}) {
      auto it = value.find(key);
      if (it != value.end() && it->is_string()) return it->get<std::string>();
    }
  }
  if (value.is_array() && !value.empty()) return json_string(value.front());
  return {};
}

void read_ld(const nlohmann::json& j, Raw& raw, int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& item : j) read_ld(item, raw, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (auto graph = j.find("@graph"); graph != j.end()) read_ld(*graph, raw, depth + 1);
  auto type = j.find("@type");
  if (type == j.end() || !is_article_type(*type)) return;
  bool article = type->dump().find("Article") != std::string::npos || type->dump().find("Posting") != std::string::npos;
  auto str = [&](const char* key) {
    auto it = j.find(key);
    return it == j.end() ? std::string() : json_string(*it);
  };
  if (article) set_once(raw.ld_headline, str("headline"));
  if (std::string d = str("datePublished"); !d.empty()) raw.published.insert(raw.published.begin(), d);
  if (std::string d = str("dateModified"); !d.empty()) raw.updated.insert(raw.updated.begin(), d);
  if (auto a = j.find("author"); a != j.end() && article) {
    std::string names;
    auto add = [&](const nlohmann::json& x) {
      std::string n = collapse_spaces(json_string(x));
      if (n.empty() || n.starts_with("http")) return;
      if (!names.empty()) names += ", ";
      names += n;
    };
    if (a->is_array()) {
      for (const auto& x : *a) add(x);
    } else {
      add(*a);
    }
    if (!names.empty()) raw.authors.insert(raw.authors.begin(), names);
  }
  if (auto p = j.find("publisher"); p != j.end()) set_once(raw.ld_publisher, json_string(*p));
  if (article) set_once(raw.ld_url, str("url"));
  set_once(raw.ld_lang, str("inLanguage"));
}

void collect(const Document& d, Raw& raw) {
  std::vector<NodeId> stack{Document::root()};
  auto attr = [&d](NodeId e, std::string_view name) { return d.attribute(e, name); };
  while (!stack.empty()) {
    NodeId node = stack.back();
    stack.pop_back();
    const html::Node& e = d[node];
    if (e.kind == html::NodeKind::kDocument) {
      for (NodeId k = e.last_child; k != html::kNoNode; k = d[k].prev_sibling) stack.push_back(k);
      continue;
    }
    // Template contents are a separate fragment, not part of the page.
    if (!e.is_element() || e.tag == Tag::kTemplate) continue;
    std::string_view itemprop = attr(node, "itemprop");
    switch (e.tag) {
      case Tag::kHtml:
        set_once(raw.lang, language_code(attr(node, "lang")));
        if (raw.lang.empty()) set_once(raw.lang, language_code(attr(node, "xml:lang")));
        break;
      case Tag::kTitle:
        set_once(raw.title, node_text(d, node));
        break;
      case Tag::kH1:
        set_once(raw.h1, node_text(d, node));
        break;
      case Tag::kScript: {
        if (ascii_lower(attr(node, "type")) == "application/ld+json" && e.first_child != html::kNoNode) {
          const html::Node& text = d[e.first_child];
          if (text.is_text()) {
            nlohmann::json j = nlohmann::json::parse(text.text, nullptr, false);
            if (!j.is_discarded()) read_ld(j, raw, 0);
          }
        }
        continue;  // no children worth visiting
      }
      case Tag::kMeta: {
        std::string key = ascii_lower(attr(node, "property"));
        if (key.empty()) key = ascii_lower(attr(node, "name"));
        if (key.empty()) key = ascii_lower(attr(node, "http-equiv"));
        std::string content(trim(attr(node, "content")));
        if (content.empty()) break;
        if (key == "og:title") set_once(raw.og_title, content);
        if (key == "og:site_name") set_once(raw.outlet, content);
        if (key == "application-name") set_once(raw.app_name, content);
        if (key == "og:url") set_once(raw.og_url, content);
        if (key == "og:locale") set_once(raw.og_locale, language_code(content));
        if (key == "content-language") set_once(raw.content_lang, language_code(content));
        if (key == "article:published_time" || itemprop == "datePublished" || key == "date" || key == "pubdate" ||
            key == "publishdate" || key == "publish-date" || key == "dc.date" || key == "dc.date.issued" ||
            key == "dcterms.created" || key == "dcterms.date" || key == "parsely-pub-date" || key == "sailthru.date" ||
            key == "article.published" || key == "published_time" || key == "og:published_time" ||
            key == "datepublished" || key == "citation_publication_date") {
          raw.published.push_back(content);
        }
        if (key == "article:modified_time" || key == "og:updated_time" || itemprop == "dateModified" ||
            key == "last-modified" || key == "dcterms.modified" || key == "datemodified") {
          raw.updated.push_back(content);
        }
        if ((key == "author" || key == "article:author" || key == "parsely-author" || key == "dc.creator" ||
             key == "byl" || key == "sailthru.author") &&
            !content.starts_with("http")) {
          std::string name = collapse_spaces(content);
          if (ascii_lower(name).starts_with("by ")) name = name.substr(3);
          raw.authors.push_back(name);
        }
        break;
      }
      case Tag::kLink:
        if (equals_lower(attr(node, "rel"), "canonical")) set_once(raw.canonical, trim(attr(node, "href")));
        break;
      case Tag::kTime: {
        std::string_view dt = trim(attr(node, "datetime"));
        if (dt.empty()) break;
        if (itemprop == "dateModified") raw.updated.push_back(std::string(dt));
        else raw.published.push_back(std::string(dt));
        break;
      }
      default:
        if (raw.authors.empty() && (itemprop == "author" || equals_lower(attr(node, "rel"), "author"))) {
          std::string name = node_text(d, node);
          if (!name.empty() && name.size() < 100) raw.authors.push_back(name);
        }
        break;
    }
    for (NodeId k = e.last_child; k != html::kNoNode; k = d[k].prev_sibling) stack.push_back(k);
  }
}

std::string first_date(const std::vector<std::string>& values, std::vector<std::string>& problems) {
  for (const std::string& v : values) {
    std::string iso = normalize_date(v);
    if (!iso.empty()) return iso;
    problems.push_back("'published' is not a date: \"" + v.substr(0, 80) + "\"");
  }
  return {};
}

}  // namespace

std::string node_text(const html::Document& d, html::NodeId root) {
  std::string text;
  std::vector<NodeId> stack{root};
  while (!stack.empty()) {
    NodeId id = stack.back();
    const html::Node& node = d[id];
    stack.pop_back();
    if (node.is_text()) {
      text.append(node.text);
    } else if (node.is_element()) {
      Tag tag = node.tag;
      if (id != root && (tag == Tag::kScript || tag == Tag::kStyle || tag == Tag::kNoscript ||
                         tag == Tag::kTemplate || tag == Tag::kSvg)) {
        continue;
      }
      text.push_back(' ');
      for (NodeId k = node.last_child; k != html::kNoNode; k = d[k].prev_sibling) stack.push_back(k);
    }
  }
  return collapse_spaces(text);
}

std::string date_from_url(std::string_view url) {
  // Look for YYYY/MM/DD, YYYY-MM-DD or YYYYMMDD between slashes (or a slash and a dash).
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > url.size()) return false;
    for (std::size_t k = 0; k < n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(url[at + k]))) return false;
    }
    return true;
  };
  for (std::size_t i = 0; i + 8 <= url.size(); ++i) {
    if (i == 0 || (url[i - 1] != '/' && url[i - 1] != '-' && url[i - 1] != '_')) continue;
    std::string candidate;
    if (digits(i, 4) && i + 10 <= url.size() && (url[i + 4] == '/' || url[i + 4] == '-') && digits(i + 5, 2) &&
        url[i + 7] == url[i + 4] && digits(i + 8, 2)) {
      candidate = std::string(url.substr(i, 4)) + "-" + std::string(url.substr(i + 5, 2)) + "-" +
                  std::string(url.substr(i + 8, 2));
    } else if (digits(i, 8) && (i + 8 == url.size() || !std::isdigit(static_cast<unsigned char>(url[i + 8])))) {
      candidate = std::string(url.substr(i, 4)) + "-" + std::string(url.substr(i + 4, 2)) + "-" +
                  std::string(url.substr(i + 6, 2));
    }
    if (candidate.empty()) continue;
    std::string iso = normalize_date(candidate);
    if (!iso.empty() && iso.size() == 10 && iso >= "1990") return iso;
  }
  return {};
}

PageMetadata page_metadata(const html::Document& document, std::string_view page_url) {
  Raw raw;
  collect(document, raw);
  PageMetadata m;
  m.title = !raw.og_title.empty() ? raw.og_title : !raw.ld_headline.empty() ? raw.ld_headline
                                                 : !raw.title.empty()       ? raw.title
                                                                            : raw.h1;
  m.published = first_date(raw.published, m.problems);
  m.updated = first_date(raw.updated, m.problems);
  m.url = !raw.canonical.empty() ? raw.canonical : !raw.og_url.empty() ? raw.og_url
                                                 : !raw.ld_url.empty()  ? raw.ld_url
                                                                        : std::string(page_url);
  if (m.published.empty()) m.published = date_from_url(m.url);
  if (m.published.empty() && m.url != page_url) m.published = date_from_url(page_url);
  m.author = raw.authors.empty() ? std::string() : raw.authors.front();
  m.outlet = !raw.outlet.empty() ? raw.outlet : !raw.ld_publisher.empty() ? raw.ld_publisher : raw.app_name;
  // A site name given as an address ("https://www.cbsnews.com/") reads as its host. (A page that
  // names no outlet at all is credited to its address's host later, by the engine, once a feed
  // has had its say.)
  if (m.outlet.starts_with("http://") || m.outlet.starts_with("https://")) m.outlet = host_of(m.outlet);
  m.language = !raw.lang.empty() ? raw.lang : !raw.content_lang.empty() ? raw.content_lang
                                            : !raw.og_locale.empty()    ? raw.og_locale
                                                                        : language_code(raw.ld_lang);
  return m;
}

}  // namespace precis::ingest::internal
