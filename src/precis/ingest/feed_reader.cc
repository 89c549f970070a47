// Feeds: RSS 2.0 / RDF, Atom 1.0 and JSON Feed 1.x, parsed into Feed, and read as articles.
//
// XML feeds go through libxml2 in recovery mode (real feeds are often not well-formed) with the
// network and entity expansion off: a feed cannot make us fetch anything or blow up through
// entity definitions (XXE, "billion laughs"). Element names are matched on their local name, so
// namespaced variants (content:encoded, dc:creator, dc:date, atom:link) are found whatever the
// prefix. JSON Feed goes through nlohmann::json. Item text for read_feed is the item's HTML
// content (or summary) through extract_html in all-text mode: feed content is already the
// article, there is no page chrome to remove.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "precis/ingest/html_extract.h"
#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"

namespace precis::ingest {
namespace {

std::string_view local_name(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

std::string node_content(const xmlNode* n) {
  xmlChar* text = xmlNodeGetContent(n);
  std::string out = text ? reinterpret_cast<const char*>(text) : "";
  xmlFree(text);
  return std::string(internal::trim(out));
}

std::string prop(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string date_of(const std::string& text) { return normalize_date(internal::trim(text)); }

void set_once(std::string& field, std::string value) {
  if (field.empty()) field = std::move(value);
}

FeedItem rss_item(const xmlNode* item) {
  FeedItem it;
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view n = local_name(c);
    if (n == "title") set_once(it.title, internal::collapse_spaces(node_content(c)));
    else if (n == "link") set_once(it.link, node_content(c));
    else if (n == "guid") set_once(it.id, node_content(c));
    else if (n == "pubDate" || n == "date" || n == "issued" || n == "published") set_once(it.published, date_of(node_content(c)));
    else if (n == "updated" || n == "modified") set_once(it.updated, date_of(node_content(c)));
    else if (n == "creator" || n == "author") set_once(it.author, internal::collapse_spaces(node_content(c)));
    else if (n == "encoded") set_once(it.content, node_content(c));
    else if (n == "description") set_once(it.summary, node_content(c));
  }
  if (it.link.empty() && it.id.starts_with("http")) it.link = it.id;
  return it;
}

std::string atom_link(const xmlNode* entry) {
  std::string fallback;
  for (const xmlNode* c = entry->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || local_name(c) != "link") continue;
    std::string rel = prop(c, "rel");
    if (rel.empty() || rel == "alternate") return prop(c, "href");
    if (fallback.empty()) fallback = prop(c, "href");
  }
  return fallback;
}

FeedItem atom_entry(const xmlNode* entry) {
  FeedItem it;
  it.link = atom_link(entry);
  for (const xmlNode* c = entry->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view n = local_name(c);
    if (n == "title") set_once(it.title, internal::collapse_spaces(node_content(c)));
    else if (n == "id") set_once(it.id, node_content(c));
    else if (n == "published" || n == "issued") set_once(it.published, date_of(node_content(c)));
    else if (n == "updated" || n == "modified") set_once(it.updated, date_of(node_content(c)));
    else if (n == "content") set_once(it.content, node_content(c));
    else if (n == "summary") set_once(it.summary, node_content(c));
    else if (n == "author") {
      for (const xmlNode* a = c->children; a; a = a->next) {
        if (a->type == XML_ELEMENT_NODE && local_name(a) == "name") set_once(it.author, internal::collapse_spaces(node_content(a)));
      }
    }
  }
  if (it.published.empty()) it.published = it.updated;
  return it;
}

Result<Feed> parse_xml_feed(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return make_error("feed too large");
  int flags = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  xmlDocPtr doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "feed.xml", nullptr, flags);
  if (doc == nullptr) return make_error("not well-formed XML");
  const xmlNode* root = xmlDocGetRootElement(doc);
  Feed feed;
  if (root == nullptr) {
    xmlFreeDoc(doc);
    return make_error("empty XML document");
  }
  std::string_view rn = local_name(root);
  if (rn == "feed") {
    feed.kind = "atom";
    feed.language = internal::language_code(prop(root, "lang"));
    for (const xmlNode* c = root->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (local_name(c) == "title") set_once(feed.title, internal::collapse_spaces(node_content(c)));
      if (local_name(c) == "entry") feed.items.push_back(atom_entry(c));
    }
    feed.link = atom_link(root);
  } else if (rn == "rss" || rn == "RDF") {
    feed.kind = "rss";
    // RSS 2.0: rss/channel/item; RSS 1.0 (RDF): items are siblings of channel.
    std::vector<const xmlNode*> containers{root};
    for (const xmlNode* c = root->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && local_name(c) == "channel") containers.push_back(c);
    }
    for (const xmlNode* container : containers) {
      for (const xmlNode* c = container->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        std::string_view n = local_name(c);
        if (n == "item") feed.items.push_back(rss_item(c));
        if (container != root && n == "title") set_once(feed.title, internal::collapse_spaces(node_content(c)));
        if (container != root && n == "link") set_once(feed.link, node_content(c));
        if (container != root && n == "language") set_once(feed.language, internal::language_code(node_content(c)));
      }
    }
  } else {
    // `rn` points into the document's dictionary: build the message before freeing it.
    std::string message = "XML document is not RSS or Atom (root <" + std::string(rn) + ">)";
    xmlFreeDoc(doc);
    return make_error(std::move(message));
  }
  xmlFreeDoc(doc);
  return feed;
}

std::string json_str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<Feed> parse_json_feed(std::string_view bytes) {
  nlohmann::json j = nlohmann::json::parse(bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object() || json_str(j, "version").find("jsonfeed.org") == std::string::npos) {
    return make_error("not a JSON Feed");
  }
  Feed feed;
  feed.kind = "json";
  feed.title = json_str(j, "title");
  feed.link = json_str(j, "home_page_url");
  feed.language = internal::language_code(json_str(j, "language"));
  auto items = j.find("items");
  if (items == j.end() || !items->is_array()) return feed;
  for (const auto& x : *items) {
    if (!x.is_object()) continue;
    FeedItem it;
    it.id = json_str(x, "id");
    it.title = internal::collapse_spaces(json_str(x, "title"));
    it.link = json_str(x, "url");
    it.published = date_of(json_str(x, "date_published"));
    it.updated = date_of(json_str(x, "date_modified"));
    it.content = json_str(x, "content_html");
    if (it.content.empty()) it.content = json_str(x, "content_text");
    it.summary = json_str(x, "summary");
    auto authors = x.find("authors");
    if (authors == x.end()) authors = x.find("author");
    if (authors != x.end()) {
      const nlohmann::json& a = authors->is_array() && !authors->empty() ? authors->front() : *authors;
      if (a.is_object()) it.author = json_str(a, "name");
    }
    feed.items.push_back(std::move(it));
  }
  return feed;
}

}  // namespace

bool looks_like_feed(std::string_view first_bytes) {
  std::string head = internal::ascii_lower(first_bytes.substr(0, 2048));
  if (head.find("jsonfeed.org/version") != std::string::npos) return true;
  std::size_t lt = head.find('<');
  while (lt != std::string::npos) {
    std::string_view rest = std::string_view(head).substr(lt + 1);
    if (rest.starts_with("rss") || rest.starts_with("feed") || rest.starts_with("rdf:rdf")) return true;
    if (!rest.starts_with("?") && !rest.starts_with("!")) return false;  // another root element
    lt = head.find('<', lt + 1);
  }
  return false;
}

Result<Feed> parse_feed(std::string_view bytes) {
  std::string_view t = internal::trim(bytes);
  if (t.starts_with("\xEF\xBB\xBF")) t.remove_prefix(3);
  if (t.starts_with("{")) return parse_json_feed(t);
  return parse_xml_feed(bytes);
}

void read_feed(std::string_view name, std::string bytes, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats) {
  auto feed = parse_feed(bytes);
  if (!feed) {
    internal::skip_file(stats, diagnostics, name, "malformed", feed.error().message);
    return;
  }
  for (std::size_t i = 0; i < feed->items.size(); ++i) {
    FeedItem& item = feed->items[i];
    std::string source = std::string(name) + "#" + std::to_string(i + 1);
    std::string html = !item.content.empty() ? item.content : item.summary;
    if (internal::trim(html).empty()) {
      internal::skip_record(stats, diagnostics, source, "no text", "feed item has no content or summary");
      continue;
    }
    ExtractOptions extract;
    extract.main_content = false;
    extract.max_bytes = options.max_record_bytes;
    Diagnostics local;
    ExtractedPage page = extract_html(source, std::move(html), extract, local);
    if (!page.ok) {
      internal::skip_record(stats, diagnostics, source, "no text", "feed item has no text");
      continue;
    }
    ArticleMeta& m = page.article.meta;
    m.title = item.title;
    m.url = item.link;
    m.published = item.published;
    m.updated = item.updated;
    m.author = item.author;
    m.outlet = feed->title;
    m.language = feed->language;
    m.doc_id = item.id;
    internal::emit(sink, stats, std::move(page.article));
  }
}

}  // namespace precis::ingest
