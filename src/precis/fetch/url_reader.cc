// read_urls: fetch, decide feed or page, extract (see url_reader.h for the contract).
//
// The kind of a response is decided by its Content-Type first, because servers that send one
// usually mean it, then by sniffing the body, because many feeds are served as text/xml,
// application/xml, text/plain or application/octet-stream, and pages without any type. A feed is
// one level deep: a link in a feed that answers with another feed is not followed further (it
// is "unsupported content" for that link), so a feed cannot make us crawl.
#include "precis/fetch/url_reader.h"

#include <set>
#include <utility>


namespace precis::fetch {
namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

using Kind = ContentKind;

// The media type without parameters, lower case: "text/html; charset=x" -> "text/html".
std::string media_type(std::string_view content_type) {
  return ascii_lower(trim(content_type.substr(0, content_type.find(';'))));
}

}  // namespace

ContentKind content_kind(const Response& r) {
  std::string type = media_type(r.content_type);
  std::string_view head = std::string_view(r.body).substr(0, 2048);
  if (type == "application/rss+xml" || type == "application/atom+xml" || type == "application/feed+json" ||
      type == "application/rdf+xml") {
    return Kind::kFeed;
  }
  if (ingest::looks_like_feed(head)) return Kind::kFeed;
  if (type == "text/html" || type == "application/xhtml+xml") return Kind::kHtml;
  if (type.empty() || type == "text/plain" || type == "application/octet-stream" || type == "text/xml" ||
      type == "application/xml") {
    if (ingest::sniff_format("", head) == SourceFormat::kHtml) return Kind::kHtml;
  }
  return Kind::kOther;
}

namespace {

Kind kind_of(const Response& r) { return content_kind(r); }

ingest::ExtractOptions page_extract_options(const UrlReadOptions& options, const Response& r) {
  ingest::ExtractOptions extract;
  extract.main_content = options.html_main_content;
  extract.focus = options.html_focus;
  extract.http_charset = r.charset;
  extract.url = r.final_url;
  extract.max_bytes = options.fetch.max_bytes;
  return extract;
}

// Removes "." and ".." segments (RFC 3986 §5.2.4) from an absolute path.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t at = 1;  // path starts with '/'
  bool trailing = false;
  while (at <= path.size()) {
    std::size_t slash = path.find('/', at);
    std::string_view seg = path.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
    at = slash == std::string_view::npos ? path.size() + 1 : slash + 1;
    trailing = false;
    if (seg == ".") {
      trailing = true;
    } else if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing = true;
    } else {
      out.push_back(seg);
    }
  }
  std::string result;
  for (std::string_view s : out) {
    result.push_back('/');
    result.append(s);
  }
  if (trailing || result.empty()) result.push_back('/');
  return result;
}

class UrlReader {
 public:
  static std::string not_readable(const Response& r) {
    std::string type = media_type(r.content_type);
    return "neither a feed nor an HTML page (Content-Type " + (type.empty() ? std::string("absent") : type) + ")";
  }

  UrlReader(const UrlReadOptions& options, Fetcher& fetcher, const ingest::ArticleSink& sink, Diagnostics& diagnostics,
            UrlReadStats& stats)
      : options_(options), fetcher_(fetcher), sink_(sink), diagnostics_(diagnostics), stats_(stats) {}

  void read(const std::string& url) {
    ++stats_.urls;
    std::string target(trim(url));
    if (!is_url(target)) {
      skip(target, "not a url", "not an http(s) URL");
      return;
    }
    Response r;
    if (!fetch(target, r)) return;
    switch (kind_of(r)) {
      case Kind::kFeed:
        read_feed(target, r);
        break;
      case Kind::kHtml:
        read_page(target, r, nullptr, nullptr);
        break;
      case Kind::kOther:
        skip(target, "unsupported content", not_readable(r));
        break;
    }
  }

 private:
  bool fetch(const std::string& url, Response& r) {
    ++stats_.requests;
    r = fetcher_.get(url);
    if (r.not_modified) ++stats_.not_modified;
    if (!r.ok()) {
      skip(url, "fetch failed", "cannot fetch: " + r.error_message());
      return false;
    }
    return true;
  }

  void skip(const std::string& source, const std::string& reason, std::string message) {
    ++stats_.skipped;
    ++stats_.skipped_by_reason[reason];
    diagnostics_.push_back(Diagnostic{source, std::move(message), Severity::kWarning});
  }

  void emit(RawArticle&& article) {
    ++stats_.articles;
    if (sink_) sink_(std::move(article));
  }

  // Fills what the page did not say from the feed item and the feed.
  static void fill_from_item(ArticleMeta& m, const ingest::FeedItem& item, const ingest::Feed& feed) {
    auto fill = [](std::string& field, const std::string& value) {
      if (field.empty()) field = value;
    };
    fill(m.title, item.title);
    fill(m.published, item.published);
    fill(m.updated, item.updated);
    fill(m.author, item.author);
    fill(m.doc_id, item.id);
    fill(m.outlet, feed.title);
    if (m.language.empty()) {  // "en-GB" -> "en", as ArticleMeta wants ISO 639-1
      std::string lang = ascii_lower(trim(feed.language));
      m.language = lang.substr(0, lang.find_first_of("-_"));
    }
  }

  ingest::ExtractOptions extract_options(const Response& r) const { return page_extract_options(options_, r); }

  // Extracts one HTML response. Returns false (after a diagnostic, without counting a skip) when
  // the page has no readable text, so that a feed item can fall back on its own content.
  bool read_page(const std::string& source, Response& r, const ingest::FeedItem* item, const ingest::Feed* feed) {
    ++stats_.pages;
    ingest::ExtractOptions extract = extract_options(r);
    ingest::ExtractedPage page = ingest::extract_html(source, std::move(r.body), extract, diagnostics_);
    if (!page.ok) {
      if (item == nullptr) ++stats_.skipped, ++stats_.skipped_by_reason["no text"];
      return false;
    }
    ArticleMeta& m = page.article.meta;
    m.source = source;
    if (m.url.empty()) m.url = r.final_url;
    if (item && feed) fill_from_item(m, *item, *feed);
    emit(std::move(page.article));
    return true;
  }

  void read_feed(const std::string& url, const Response& r) {
    ++stats_.feeds;
    auto feed = ingest::parse_feed(r.body);
    if (!feed) {
      skip(url, "malformed", "not a readable feed: " + feed.error().message);
      return;
    }
    std::set<std::string> seen;
    std::size_t fetched = 0;
    for (std::size_t i = 0; i < feed->items.size(); ++i) {
      const ingest::FeedItem& item = feed->items[i];
      std::string item_source = url + "#" + std::to_string(i + 1);
      std::string link = item.link.empty() ? std::string() : resolve_url(r.final_url, item.link);
      if (link.empty() || options_.max_pages_per_feed == 0) {
        if (options_.max_pages_per_feed > 0 && !item.link.empty()) {
          diagnostics_.push_back(Diagnostic{item_source, "item link is not an http(s) URL: " + item.link,
                                            Severity::kInfo});
        }
        from_item(item_source, item, *feed, link, "item has no link and no text of its own");
        continue;
      }
      if (!seen.insert(link).second) {
        skip(link, "duplicate link", "linked twice from " + url);
        continue;
      }
      if (fetched >= options_.max_pages_per_feed) {
        skip(link, "too many links",
             "not fetched: the feed links more than " + std::to_string(options_.max_pages_per_feed) + " pages");
        continue;
      }
      ++fetched;
      read_linked_page(link, item, *feed);
    }
  }

  void read_linked_page(const std::string& link, const ingest::FeedItem& item, const ingest::Feed& feed) {
    ++stats_.requests;
    Response page = fetcher_.get(link);
    if (page.not_modified) ++stats_.not_modified;
    std::string failure;
    if (!page.ok()) {
      failure = "cannot fetch: " + page.error_message();
    } else if (kind_of(page) != Kind::kHtml) {
      failure = not_readable(page);
    } else {
      if (read_page(link, page, &item, &feed)) return;
      failure = "page has no readable text";
    }
    if (options_.use_item_content && !trim(item.content).empty()) {
      diagnostics_.push_back(Diagnostic{link, failure + "; using the feed item's text", Severity::kWarning});
      from_item(link, item, feed, link, "");
      return;
    }
    std::string reason = !page.ok() ? "fetch failed" : kind_of(page) != Kind::kHtml ? "unsupported content" : "no text";
    skip(link, reason, failure);
  }

  // The item's own text as the article (as ingest::read_feed does for feed files).
  void from_item(const std::string& source, const ingest::FeedItem& item, const ingest::Feed& feed,
                 const std::string& link, const char* no_text_message) {
    const std::string& html = !item.content.empty() ? item.content : item.summary;
    if (trim(html).empty()) {
      if (no_text_message[0]) skip(source, "no text", no_text_message);
      return;
    }
    ingest::ExtractOptions extract;
    extract.main_content = false;  // feed content is the article: no page chrome to remove
    Diagnostics local;
    ingest::ExtractedPage page = ingest::extract_html(source, html, extract, local);
    if (!page.ok) {
      skip(source, "no text", "feed item has no text");
      return;
    }
    ArticleMeta& m = page.article.meta;
    m = ArticleMeta{};
    m.source = source;
    m.url = link;
    m.format = SourceFormat::kHtml;
    fill_from_item(m, item, feed);
    ++stats_.from_feed_items;
    emit(std::move(page.article));
  }

  const UrlReadOptions& options_;
  Fetcher& fetcher_;
  const ingest::ArticleSink& sink_;
  Diagnostics& diagnostics_;
  UrlReadStats& stats_;
};

}  // namespace

std::string resolve_url(std::string_view base, std::string_view reference) {
  base = trim(base);
  reference = trim(reference);
  if (!is_url(base)) return {};
  std::string_view ref = reference.substr(0, reference.find('#'));
  // A scheme: "letter *( letter / digit / + - . ) :" before any '/', '?' or '#'.
  std::size_t colon = ref.find(':');
  if (colon != std::string_view::npos && colon > 0 && ref.find_first_of("/?") > colon) {
    bool scheme = true;
    for (std::size_t i = 0; i < colon; ++i) {
      char c = ref[i];
      bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) scheme = false;
    }
    if (scheme) return is_url(ref) ? std::string(ref) : std::string();
  }
  std::string_view b = base.substr(0, base.find('#'));
  std::size_t scheme_end = b.find("://") + 3;
  std::string scheme(b.substr(0, scheme_end - 3));
  if (ref.starts_with("//")) return scheme + ":" + std::string(ref);
  std::size_t path_at = b.find_first_of("/?", scheme_end);
  std::string authority(b.substr(0, path_at == std::string_view::npos ? b.size() : path_at));
  std::string_view rest = path_at == std::string_view::npos ? std::string_view() : b.substr(path_at);
  std::string_view base_path = rest.substr(0, rest.find('?'));
  std::string_view base_query = rest.substr(base_path.size());
  if (base_path.empty()) base_path = "/";
  if (ref.empty()) return authority + std::string(base_path) + std::string(base_query);
  if (ref.starts_with("?")) return authority + std::string(base_path) + std::string(ref);
  std::string_view ref_path = ref.substr(0, ref.find('?'));
  std::string_view ref_query = ref.substr(ref_path.size());
  std::string merged;
  if (ref_path.starts_with("/")) {
    merged = std::string(ref_path);
  } else {
    merged = std::string(base_path.substr(0, base_path.rfind('/') + 1)) + std::string(ref_path);
  }
  return authority + remove_dot_segments(merged) + std::string(ref_query);
}

ingest::ExtractedPage fetch_page(const std::string& url, const UrlReadOptions& options, Fetcher& fetcher,
                                 Diagnostics& diagnostics) {
  Response r = fetcher.get(url);
  if (!r.ok()) {
    diagnostics.push_back(Diagnostic{url, "cannot fetch: " + r.error_message(), Severity::kError});
    return {};
  }
  switch (content_kind(r)) {
    case ContentKind::kFeed:
      diagnostics.push_back(Diagnostic{url, "is a feed, not a page (read it with read_urls)", Severity::kError});
      return {};
    case ContentKind::kOther:
      diagnostics.push_back(Diagnostic{url, UrlReader::not_readable(r), Severity::kError});
      return {};
    case ContentKind::kHtml:
      break;
  }
  ingest::ExtractedPage page = ingest::extract_html(url, std::move(r.body), page_extract_options(options, r), diagnostics);
  if (page.ok) {
    page.article.meta.source = url;
    if (page.article.meta.url.empty()) page.article.meta.url = r.final_url;
  }
  return page;
}

void read_urls(const std::vector<std::string>& urls, const UrlReadOptions& options, Fetcher& fetcher,
               const ingest::ArticleSink& sink, Diagnostics& diagnostics, UrlReadStats& stats) {
  UrlReader reader(options, fetcher, sink, diagnostics, stats);
  for (const std::string& url : urls) reader.read(url);
}

void read_urls(const std::vector<std::string>& urls, const UrlReadOptions& options, const ingest::ArticleSink& sink,
               Diagnostics& diagnostics, UrlReadStats& stats) {
  Fetcher fetcher(options.fetch);
  read_urls(urls, options, fetcher, sink, diagnostics, stats);
}

}  // namespace precis::fetch
