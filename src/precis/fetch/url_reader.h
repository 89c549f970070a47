// URLs in, RawArticles out: what `precis digest URL...` and `precis extract URL` read.
//
// For every http(s) URL given, read_urls fetches it politely (fetcher.h: User-Agent, timeouts,
// size limit, capped redirects, gzip, robots.txt, per-host spacing, conditional requests) and
// looks at what came back:
//   a feed (RSS 2.0/RDF, Atom 1.0, JSON Feed; by Content-Type, else by sniffing the body):
//       parsed with ingest::parse_feed; the pages its items link to (relative links resolved
//       against the feed's final URL, duplicates dropped, at most max_pages_per_feed of them, in
//       feed order) are fetched and extracted as pages. A page that lacks a title, date, author,
//       outlet or language takes the feed item's (or the feed's). A page that cannot be fetched
//       or read gives a diagnostic; when the item carries its full text (content:encoded, Atom
//       <content>, content_html), that text becomes the article instead, if use_item_content
//       is set.
//   an HTML page (Content-Type text/html or application/xhtml+xml, else sniffed): extracted with
//       ingest::extract_html, the charset from the BOM, else the HTTP header, else <meta>.
//   anything else: skipped with a diagnostic (reason "unsupported content").
// meta.source is the URL as requested (the feed item's resolved link for linked pages); meta.url
// the page's canonical URL, else the final URL after redirects.
//
// Errors: nothing the network or the input does makes read_urls throw or stop; every failure is
// a Diagnostic whose source is the URL, counted in UrlReadStats::skipped_by_reason:
//   "not a url", "fetch failed" (transport error, timeout, redirect loop, too large, robots.txt,
//   HTTP status other than 2xx/304), "unsupported content", "malformed" (a feed that does not
//   parse), "no text" (a page with nothing readable), "duplicate link", "too many links".
// Thread safety: reentrant; one call uses one Fetcher, which is not shared (the overload taking a
// Fetcher uses the caller's, so its robots.txt, host spacing and validators carry over).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/fetch/fetcher.h"
#include "precis/ingest/html_extract.h"
#include "precis/ingest/reader.h"

namespace precis::fetch {

struct UrlReadOptions {
  // Network limits and politeness: user_agent, connect_timeout_ms, timeout_ms (per request),
  // max_bytes (per response), max_redirects, min_host_interval_ms, obey_robots, cache_dir.
  FetchOptions fetch;
  // A feed's linked pages fetched at most (the rest are counted as "too many links"). 0: none
  // (the items' own text is used, as for a feed file).
  std::size_t max_pages_per_feed = 30;
  // When a linked page cannot be fetched or read, use the item's own full text (not its summary).
  bool use_item_content = true;
  // Page extraction (ingest::ExtractOptions): main content or all text, and the preset.
  bool html_main_content = true;
  ingest::ExtractionFocus html_focus = ingest::ExtractionFocus::kBalanced;
};

struct UrlReadStats {
  std::uint64_t urls = 0;          // URLs given
  std::uint64_t requests = 0;      // fetches made (given URLs and linked pages)
  std::uint64_t not_modified = 0;  // of which answered 304 (the remembered body was used)
  std::uint64_t feeds = 0;         // responses read as feeds
  std::uint64_t pages = 0;         // responses read as HTML pages
  std::uint64_t articles = 0;      // articles handed to the sink
  std::uint64_t from_feed_items = 0;  // of which from a feed item's own text (page unreadable)
  std::uint64_t skipped = 0;       // URLs and links that gave no article
  std::map<std::string, std::uint64_t> skipped_by_reason;
};

// Reads every URL in order, calling `sink` once per article in input order (a feed's articles in
// item order). Appends to `diagnostics` and adds to `stats` (neither is cleared).
void read_urls(const std::vector<std::string>& urls, const UrlReadOptions& options, const ingest::ArticleSink& sink,
               Diagnostics& diagnostics, UrlReadStats& stats);
// The same with the caller's Fetcher (options.fetch is then ignored: the Fetcher has its own).
void read_urls(const std::vector<std::string>& urls, const UrlReadOptions& options, Fetcher& fetcher,
               const ingest::ArticleSink& sink, Diagnostics& diagnostics, UrlReadStats& stats);

// What a response holds, from its Content-Type, else its first bytes (see the file comment).
enum class ContentKind { kFeed, kHtml, kOther };
ContentKind content_kind(const Response& response);

// One page URL fetched with `fetcher` and extracted (what `precis extract URL` prints):
// page.article.meta.source is `url`, meta.url the canonical or final URL. On failure (cannot
// fetch, a feed, not HTML, no text) page.ok is false and a diagnostic says why.
ingest::ExtractedPage fetch_page(const std::string& url, const UrlReadOptions& options, Fetcher& fetcher,
                                 Diagnostics& diagnostics);

// `reference` (an href) resolved against `base` (an absolute http(s) URL), RFC 3986 §5.2 for
// the cases links use: absolute, scheme-relative ("//host/x"), absolute path, relative path with
// "." and ".." segments, query-only and fragment-only. The fragment is dropped. "" when `base` is
// not an http(s) URL or the reference has another scheme (mailto:, javascript:, ...).
std::string resolve_url(std::string_view base, std::string_view reference);

}  // namespace precis::fetch
