// HTTP routes over the Newsroom (cpp-httplib, Debian's libcpp-httplib). Each handler parses the
// request, calls the Newsroom, and writes JSON (nlohmann) or a stored rendition.
#include "precis/server/http_server.h"

#include <httplib.h>

#include <cctype>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>
#include <utility>

#include "precis/base/hash.h"
#include "precis/ingest/reader.h"
#include "precis/render/render.h"
#include "precis/server/refresher.h"

namespace precis::server {
namespace {

using json = nlohmann::json;

constexpr const char* kJsonType = "application/json; charset=utf-8";

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(2, ' ', false, json::error_handler_t::replace) + "\n", kJsonType);
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, json{{"error", message}});
}

json nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

const char* content_type_of(SourceFormat f) {
  switch (f) {
    case SourceFormat::kHtml: return "text/html; charset=utf-8";
    case SourceFormat::kJson:
    case SourceFormat::kJsonl: return "application/json; charset=utf-8";
    case SourceFormat::kSgml:
    case SourceFormat::kText: return "text/plain; charset=utf-8";
  }
  return "text/plain; charset=utf-8";
}

json diagnostics_json(const Diagnostics& diagnostics) {
  json out = json::array();
  for (const Diagnostic& d : diagnostics) {
    out.push_back({{"source", d.source}, {"message", d.message}, {"severity", render::severity_name(d.severity)}});
  }
  return out;
}

// The id in a route's first capture, or 0 when it does not fit.
std::uint32_t id_of(const httplib::Request& req) {
  const std::string s = req.matches[1];
  if (s.empty() || s.size() > 9) return 0;
  return static_cast<std::uint32_t>(std::stoul(s));
}

// A posted body as articles, by its Content-Type (sniffed from the bytes when it names no format
// precis reads).
enum class PostKind { kJsonl, kJson, kHtml, kText, kFeed, kSgml, kUnsupported };

PostKind post_kind(const std::string& content_type, std::string_view body, const std::string& name) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type == "application/x-ndjson" || type == "application/jsonl" || type == "application/jsonlines" ||
      type == "application/json-lines") {
    return PostKind::kJsonl;
  }
  if (type == "application/json") return PostKind::kJson;
  if (type == "text/html" || type == "application/xhtml+xml") return PostKind::kHtml;
  if (type == "application/rss+xml" || type == "application/atom+xml" || type == "application/feed+json") {
    return PostKind::kFeed;
  }
  if (type == "text/plain") return PostKind::kText;
  if (!type.empty() && type != "application/octet-stream" && type != "application/x-www-form-urlencoded") {
    return PostKind::kUnsupported;
  }
  std::string_view head = body.substr(0, 4096);
  if (ingest::looks_like_feed(head)) return PostKind::kFeed;
  switch (ingest::sniff_format(name, head)) {
    case SourceFormat::kHtml: return PostKind::kHtml;
    case SourceFormat::kSgml: return PostKind::kSgml;
    case SourceFormat::kJson: return PostKind::kJson;
    case SourceFormat::kJsonl: return PostKind::kJsonl;
    case SourceFormat::kText: return PostKind::kText;
  }
  return PostKind::kText;
}

}  // namespace

std::string search_json(const std::string& query, const std::vector<store::SearchHit>& hits) {
  json out = json::array();
  for (const store::SearchHit& h : hits) {
    out.push_back({{"article", h.article.value},
                   {"title", nullable(h.title)},
                   {"outlet", nullable(h.outlet)},
                   {"published", nullable(h.published)},
                   {"source", h.source},
                   {"snippet", h.snippet},
                   {"story", h.story ? json(h.story) : json(nullptr)},
                   {"href", "/api/articles/" + std::to_string(h.article.value)}});
  }
  return json{{"query", query}, {"hits", out}}.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

struct HttpServer::Impl {
  Newsroom& newsroom;
  ServerOptions options;
  Refresher refresher;  // before http: destroyed after the server stopped taking posts
  httplib::Server http;

  Impl(Newsroom& n, ServerOptions o)
      : newsroom(n),
        options(std::move(o)),
        refresher(n, options.refresh, options.on_refresh) {
    routes();
  }

  void routes() {
    http.set_payload_max_length(options.max_post_bytes);
    // Every successful GET (and HEAD) carries an ETag (a hash of its body); a client that sends it back in
    // If-None-Match gets 304 and no body: polling the page (hundreds of KB) or /api/stories costs
    // a few bytes while the digest is unchanged. Cache-Control: no-cache makes browsers ask each
    // time instead of showing a stale digest.
    http.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
      if ((req.method != "GET" && req.method != "HEAD") || res.status != 200) return;
      char tag[24];
      std::snprintf(tag, sizeof tag, "\"%016llx\"", static_cast<unsigned long long>(hash64(res.body)));
      res.set_header("ETag", tag);
      res.set_header("Cache-Control", "no-cache");
      const std::string asked = req.get_header_value("If-None-Match");
      if (!asked.empty() && (asked == tag || asked == "*" || asked.find(tag) != std::string::npos)) {
        res.status = 304;
        res.body.clear();
        res.headers.erase("Content-Length");  // already counted for the body; a 304 has none
        res.headers.erase("Content-Type");
      }
    });
    http.Get("/", [this](const httplib::Request&, httplib::Response& res) { page(res); });
    http.Get(R"(/digest\.(json|md|html|txt))", [this](const httplib::Request& req, httplib::Response& res) {
      std::string ext = req.matches[1];
      digest(res, ext == "txt" ? "text" : ext);
    });
    http.Get("/search", [this](const httplib::Request& req, httplib::Response& res) { search_page(req, res); });
    http.Get(R"(/stories/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      story_page(res, id_of(req));
    });
    http.Get(R"(/articles/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      article_page(res, id_of(req));
    });
    http.Get("/api/health", [this](const httplib::Request&, httplib::Response& res) { health(res); });
    http.Get("/api/stories", [this](const httplib::Request&, httplib::Response& res) { story_list(res); });
    http.Get(R"(/api/stories/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      story(res, id_of(req));
    });
    http.Get(R"(/api/articles/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      article(res, id_of(req), false);
    });
    http.Get(R"(/api/articles/(\d+)/original)", [this](const httplib::Request& req, httplib::Response& res) {
      article(res, id_of(req), true);
    });
    // The body is read here, not by cpp-httplib: it treats application/x-www-form-urlencoded (what
    // `curl --data-binary @file` sends) as a form, refusing bodies over 8 KB and parsing smaller
    // ones into request parameters. A posted body is articles whatever it is called.
    http.Post("/api/articles",
              [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                if (req.is_multipart_form_data()) {
                  return send_error(res, 415,
                                    "multipart forms are not read: post the file itself (curl --data-binary @FILE)");
                }
                std::string body;
                bool read = reader([&](const char* data, std::size_t n) {
                  if (body.size() + n > options.max_post_bytes) return false;
                  body.append(data, n);
                  return true;
                });
                if (!read) {
                  bool too_large = res.status == 413 || body.size() >= options.max_post_bytes;
                  return send_error(res, too_large ? 413 : 400,
                                    too_large ? "the body is larger than the server accepts ("
                                                    + std::to_string(options.max_post_bytes) + " bytes)"
                                              : "the body could not be read");
                }
                add(req, body, res);
              });
    http.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) { search(req, res); });
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      std::string message = res.status == 404   ? "no such resource: " + req.path
                            : res.status == 413 ? "the body is larger than the server accepts"
                                                : "malformed request";
      send_error(res, res.status, message);
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string message = "internal error";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        message += std::string(": ") + e.what();
      } catch (...) {
      }
      send_error(res, 500, message);
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      if (options.on_request) options.on_request(req.method, req.target.empty() ? req.path : req.target, res.status);
    });
  }

  void page(httplib::Response& res) {
    auto html = newsroom.rendition("html");
    if (!html) return send_error(res, 500, html.error().message);
    if (!*html) {
      res.set_content(
          "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>precis</title>\n</head>\n"
          "<body>\n<h1>No stories yet</h1>\n<p>The store holds no articles. Add some with "
          "<code>precis add --db FILE PATH...</code> or <code>POST /api/articles</code>.</p>\n</body>\n</html>\n",
          "text/html; charset=utf-8");
      return;
    }
    std::string page = std::move(**html);
    std::size_t body = page.find("<body>\n");
    if (body != std::string::npos) page.insert(body + 7, page_header());
    res.set_content(page, "text/html; charset=utf-8");
  }

  // What the served page shows above the digest: the store's counts, the other formats, and the
  // stories' headlines linked to their place on the page (the stored page has no contents).
  std::string page_header() {
    auto rows = newsroom.stories();
    std::string out = nav_line(false, "");
    if (rows && rows->size() > 1) {
      out += "\n<ol>\n";
      for (const store::StoryRow& r : *rows) {
        out += "<li><a href=\"#story-" + std::to_string(r.id) + "\">" + render::escape_html(r.headline) + "</a> (" +
               std::to_string(r.articles) + ")</li>\n";
      }
      out += "</ol>\n";
    }
    out += "</nav>\n";
    return out;
  }

  // The line above every page: counts, the other formats, and a search form (`query` filled in).
  std::string nav_line(bool link_home, const std::string& query, const std::string& links = "") {
    auto info = newsroom.digest_info();
    std::string out = "<nav class=\"credit\">";
    out += link_home ? "<a href=\"/\">precis</a>: " : "precis: ";
    out += std::to_string(newsroom.article_count()) + " articles stored";
    if (info && *info) {
      out += ", " + std::to_string((*info)->articles_digested) + " digested at " + render::escape_html((*info)->made);
    }
    out +=
        " · <a href=\"/digest.json\">JSON</a> · <a href=\"/digest.md\">Markdown</a> · "
        "<a href=\"/api/stories\">API</a>" +
        links +
        "\n<form class=\"search\" action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" value=\"" +
        render::escape_html(query) +
        "\" placeholder=\"words or &quot;a phrase&quot;\" aria-label=\"Search the stored articles\"> "
        "<button type=\"submit\">Search</button></form>";
    return out;
  }

  static std::string html_page(const std::string& title, const std::string& content) {
    return render::html_head(title) + content + "</body>\n</html>\n";
  }

  void send_html_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(html_page("precis: " + message, nav_line(true, "") + "</nav>\n<h1>" +
                                                          render::escape_html(message) + "</h1>\n"),
                    "text/html; charset=utf-8");
  }

  // A search snippet ("…words **match** words…") as HTML, the matches in <mark>.
  static std::string snippet_html(const std::string& snippet) {
    std::string out;
    bool marked = false;
    std::size_t at = 0;
    while (true) {
      std::size_t next = snippet.find("**", at);
      std::string part = snippet.substr(at, next == std::string::npos ? std::string::npos : next - at);
      out += marked && next != std::string::npos ? "<mark>" + render::escape_html(part) + "</mark>"
                                                 : render::escape_html(part);
      if (next == std::string::npos) break;
      marked = !marked;
      at = next + 2;
    }
    return out;
  }

  // GET /search?q=: the hits of /api/search as a page, each linked to its article page and story.
  void search_page(const httplib::Request& req, httplib::Response& res) {
    const std::string query = req.get_param_value("q");
    std::string content = nav_line(true, query) + "</nav>\n";
    if (query.empty()) {
      content += "<h1>Search</h1>\n<p>Every word and every \"quoted phrase\" must appear; case and accents are "
                 "ignored; a match in the title weighs more.</p>\n";
      res.set_content(html_page("precis: search", content), "text/html; charset=utf-8");
      return;
    }
    constexpr std::uint32_t kMostHits = 50;
    auto hits = newsroom.search(query, kMostHits);
    if (!hits) return send_html_error(res, 500, hits.error().message);
    content += "<h1>" + std::to_string(hits->size()) + (hits->size() == kMostHits ? "+" : "") +
               (hits->size() == 1 ? " article" : " articles") + " for " + render::escape_html(query) + "</h1>\n";
    if (!hits->empty()) content += "<ol class=\"hits\">\n";
    for (const store::SearchHit& h : *hits) {
      const std::string id = std::to_string(h.article.value);
      content += "<li><a href=\"/articles/" + id + "\">" +
                 render::escape_html(h.title.empty() ? h.source : h.title) + "</a>";
      std::string meta = h.outlet;
      if (!h.published.empty()) meta += (meta.empty() ? "" : ", ") + h.published.substr(0, 10);
      if (!meta.empty()) content += " <span class=\"note\">" + render::escape_html(meta) + "</span>";
      if (h.story) {
        content += " · <a href=\"/stories/" + std::to_string(h.story) + "\">story " + std::to_string(h.story) + "</a>";
      }
      content += "<span class=\"snippet\">" + snippet_html(h.snippet) + "</span></li>\n";
    }
    if (!hits->empty()) content += "</ol>\n";
    res.set_content(html_page("precis: " + query, content), "text/html; charset=utf-8");
  }

  // GET /stories/{id}: one story of the digest page on a page of its own (its <article> block cut
  // from the stored page: the same headline, summary, facts and sources, the citation links
  // inside it).
  void story_page(httplib::Response& res, std::uint32_t id) {
    auto html = newsroom.rendition("html");
    if (!html) return send_html_error(res, 500, html.error().message);
    const std::string open = "<article id=\"story-" + std::to_string(id) + "\">";
    std::size_t begin = *html ? (*html)->find(open) : std::string::npos;
    std::size_t end = begin == std::string::npos ? begin : (*html)->find("</article>\n", begin);
    if (end == std::string::npos) return send_html_error(res, 404, "No story " + std::to_string(id));
    std::string block = (*html)->substr(begin, end + 11 - begin);
    // The block's headline is an <h1> for the first story and an <h2> for the others: an <h1> here.
    std::size_t h2 = block.find("<h2>");
    std::size_t h2_end = h2 == std::string::npos ? h2 : block.find("</h2>", h2);
    if (h2_end != std::string::npos && block.find("<h1>") == std::string::npos) {
      block.replace(h2_end, 5, "</h1>");
      block.replace(h2, 4, "<h1>");
    }
    std::string title = "precis: story " + std::to_string(id);
    if (auto rows = newsroom.stories()) {
      for (const store::StoryRow& r : *rows) {
        if (r.id == id) title = r.headline;
      }
    }
    const std::string sid = std::to_string(id);
    std::string content = nav_line(true, "",
                                   " · <a href=\"/#story-" + sid + "\">in the digest</a> · <a href=\"/api/stories/" +
                                       sid + "\">this story's JSON</a>") +
                          "</nav>\n" + block + render::kDigestFooter;
    res.set_content(html_page(title, content), "text/html; charset=utf-8");
  }

  // GET /articles/{id}: one stored article to read: metadata, its story, its text by paragraph.
  void article_page(httplib::Response& res, std::uint32_t id) {
    auto a = newsroom.article(ArticleId{id});
    if (!a) return send_html_error(res, 500, a.error().message);
    if (!*a) return send_html_error(res, 404, "No article " + std::to_string(id));
    const ArticleMeta& m = (*a)->raw.meta;
    const std::string sid = std::to_string(id);
    std::string content = nav_line(true, "") + "</nav>\n<article>\n<h1>" +
                          render::escape_html(m.title.empty() ? m.source : m.title) + "</h1>\n<p class=\"credit\">";
    std::string meta;
    for (const std::string* field : {&m.outlet, &m.author}) {
      if (!field->empty()) meta += (meta.empty() ? "" : " · ") + render::escape_html(*field);
    }
    if (!m.published.empty()) meta += (meta.empty() ? "" : " · ") + render::escape_html(m.published);
    if (render::is_web_url(m.url)) {
      meta += (meta.empty() ? "" : " · ") + std::string("<a href=\"") + render::escape_html(m.url) + "\">" +
              render::escape_html(m.url) + "</a>";
    }
    meta += (meta.empty() ? "" : " · ") + std::string("added ") + render::escape_html((*a)->added);
    auto story = newsroom.story_of(ArticleId{id});
    if (story && *story) {
      meta += " · <a href=\"/stories/" + std::to_string(*story) + "\">story " + std::to_string(*story) + "</a>";
    }
    content += meta + "<br>source: " + render::escape_html(m.source) + " · <a href=\"/api/articles/" + sid +
               "\">JSON</a> · <a href=\"/api/articles/" + sid + "/original\">original</a></p>\n";
    const std::string& body = (*a)->raw.body;
    std::size_t at = 0;
    while (at < body.size()) {
      std::size_t end = body.find("\n\n", at);
      if (end == std::string::npos) end = body.size();
      std::string paragraph = body.substr(at, end - at);
      if (paragraph.find_first_not_of(" \n\t") != std::string::npos) {
        content += "<p>" + render::escape_html(paragraph) + "</p>\n";
      }
      at = end + 2;
    }
    content += "</article>\n<footer>The article as stored: its text before precis removed boilerplate.</footer>\n";
    res.set_content(html_page(m.title.empty() ? m.source : m.title, content), "text/html; charset=utf-8");
  }

  void digest(httplib::Response& res, const std::string& format) {
    auto body = newsroom.rendition(format);
    if (!body) return send_error(res, 500, body.error().message);
    if (!*body) return send_error(res, 404, "no digest yet: the store holds no articles");
    const char* type = format == "json"   ? kJsonType
                       : format == "html" ? "text/html; charset=utf-8"
                       : format == "md"   ? "text/markdown; charset=utf-8"
                                          : "text/plain; charset=utf-8";
    res.set_content(**body, type);
  }

  void health(httplib::Response& res) {
    auto info = newsroom.digest_info();
    if (!info) return send_error(res, 500, info.error().message);
    json out{{"status", "ok"}, {"articles", newsroom.article_count()}};
    out["digest_made"] = *info ? json((*info)->made) : json(nullptr);
    out["articles_digested"] = *info ? json((*info)->articles_digested) : json(nullptr);
    RefreshStatus status = refresher.status();
    auto stale = newsroom.stale();
    if (!stale) return send_error(res, 500, stale.error().message);
    // current: the digest read every stored article; pending: a digest will begin shortly;
    // refreshing: one runs; stale: articles wait for a digest (the last one failed: it is tried
    // again in retry_in_seconds, or at the next post).
    std::string state = status.refreshing ? "refreshing" : status.pending ? "pending" : *stale ? "stale" : "current";
    json last = nullptr;
    if (status.last) {
      last = {{"ok", status.last->ok},
              {"seconds", status.last->seconds},
              {"stories", status.last->stories},
              {"articles", status.last->articles},
              {"error", nullable(status.last->error)}};
    }
    out["digest"] = {{"state", state},
                     {"refreshes", status.refreshes},
                     {"last_refresh", last},
                     {"retry_in_seconds", status.retry_in ? json(*status.retry_in) : json(nullptr)}};
    send_json(res, 200, out);
  }

  void story_list(httplib::Response& res) {
    auto rows = newsroom.stories();
    if (!rows) return send_error(res, 500, rows.error().message);
    auto info = newsroom.digest_info();
    if (!info) return send_error(res, 500, info.error().message);
    json stories = json::array();
    for (const store::StoryRow& r : *rows) {
      stories.push_back({{"id", r.id},
                         {"rank", r.rank},
                         {"headline", r.headline},
                         {"articles", r.articles},
                         {"originals", r.articles - r.duplicates - r.rewrites},
                         {"duplicates", r.duplicates},
                         {"rewrites", r.rewrites},
                         {"outlets", r.outlets},
                         {"first_published", nullable(r.first_published)},
                         {"last_published", nullable(r.last_published)},
                         {"rank_score", r.rank_score},
                         {"href", "/api/stories/" + std::to_string(r.id)},
                         {"page", "/stories/" + std::to_string(r.id)}});
    }
    json out{{"stories", stories}};
    out["digest_made"] = *info ? json((*info)->made) : json(nullptr);
    out["articles_digested"] = *info ? json((*info)->articles_digested) : json(0);
    send_json(res, 200, out);
  }

  // The story's object from the stored JSON digest, with the articles it lists (made with the
  // digest: Snapshot::story_documents).
  void story(httplib::Response& res, std::uint32_t id) {
    auto document = newsroom.story_document(id);
    if (!document) return send_error(res, 500, document.error().message);
    if (!*document) return send_error(res, 404, "no story " + std::to_string(id));
    res.set_content(**document, kJsonType);
  }

  void article(httplib::Response& res, std::uint32_t id, bool original) {
    auto a = newsroom.article(ArticleId{id});
    if (!a) return send_error(res, 500, a.error().message);
    if (!*a) return send_error(res, 404, "no article " + std::to_string(id));
    const RawArticle& raw = (*a)->raw;
    if (original) {
      res.set_content(raw.original, content_type_of(raw.meta.format));
      return;
    }
    const ArticleMeta& m = raw.meta;
    send_json(res, 200,
              json{{"id", id},
                   {"added", (*a)->added},
                   {"source", m.source},
                   {"doc_id", nullable(m.doc_id)},
                   {"format", render::format_name(m.format)},
                   {"title", nullable(m.title)},
                   {"outlet", nullable(m.outlet)},
                   {"url", nullable(m.url)},
                   {"published", nullable(m.published)},
                   {"updated", nullable(m.updated)},
                   {"author", nullable(m.author)},
                   {"language", nullable(m.language)},
                   {"body", raw.body},
                   {"original_bytes", raw.original.size()},
                   {"original_href", "/api/articles/" + std::to_string(id) + "/original"}});
  }

  void search(const httplib::Request& req, httplib::Response& res) {
    std::string query = req.get_param_value("q");
    if (query.empty()) return send_error(res, 400, "no query: use /api/search?q=words+or+%22a+phrase%22");
    std::uint32_t limit = 20;
    if (req.has_param("limit")) {
      const std::string l = req.get_param_value("limit");
      if (l.empty() || l.size() > 4 || l.find_first_not_of("0123456789") != std::string::npos) {
        return send_error(res, 400, "limit must be a number from 1 to 1000");
      }
      limit = static_cast<std::uint32_t>(std::stoul(l));
      if (limit == 0 || limit > 1000) return send_error(res, 400, "limit must be a number from 1 to 1000");
    }
    auto hits = newsroom.search(query, limit);
    if (!hits) return send_error(res, 500, hits.error().message);
    res.set_content(search_json(query, *hits), kJsonType);
  }

  void add(const httplib::Request& req, const std::string& body, httplib::Response& res) {
    if (body.empty()) return send_error(res, 400, "the body is empty: post articles as JSON Lines, JSON, HTML or text");
    std::string name = req.has_param("source") ? req.get_param_value("source") : "POST /api/articles";
    PostKind kind = post_kind(req.get_header_value("Content-Type"), body, name);
    if (kind == PostKind::kUnsupported) {
      return send_error(res, 415,
                        "unsupported Content-Type '" + req.get_header_value("Content-Type") +
                            "': use application/x-ndjson, application/json, text/html, text/plain or a feed type");
    }
    std::vector<RawArticle> articles;
    Diagnostics diagnostics;
    ingest::ReadStats stats;
    ingest::ReadOptions read;
    auto sink = [&](RawArticle&& a) { articles.push_back(std::move(a)); };
    switch (kind) {
      case PostKind::kJsonl: {
        std::istringstream in(body);
        ingest::read_jsonl(name, in, read, sink, diagnostics, stats);
        break;
      }
      case PostKind::kJson: ingest::read_json(name, body, read, sink, diagnostics, stats); break;
      case PostKind::kHtml: ingest::read_html(name, body, read, sink, diagnostics, stats); break;
      case PostKind::kFeed: ingest::read_feed(name, body, read, sink, diagnostics, stats); break;
      case PostKind::kSgml: ingest::read_sgml(name, body, read, sink, diagnostics, stats); break;
      case PostKind::kText:
      case PostKind::kUnsupported: ingest::read_text(name, body, read, sink, diagnostics, stats); break;
    }
    if (articles.empty()) {
      return send_json(res, 400,
                       json{{"error", "no article could be read from the body"}, {"diagnostics", diagnostics_json(diagnostics)}});
    }
    bool wait = false;
    if (req.has_param("wait")) {
      const std::string w = req.get_param_value("wait");
      if (w == "1" || w == "true" || w == "yes") {
        wait = true;
      } else if (!(w == "0" || w == "false" || w == "no")) {
        return send_error(res, 400, "wait must be true or false");
      }
    }
    auto outcome = newsroom.store_articles(std::move(articles), std::move(diagnostics));
    if (!outcome) return send_error(res, 500, outcome.error().message);
    json ids = json::array();
    for (ArticleId a : outcome->stored.ids) ids.push_back(a.value);
    json out{{"read", outcome->read},
             {"added", outcome->stored.added},
             {"already_stored", outcome->stored.already_stored},
             {"article_ids", ids},
             {"articles_stored", outcome->articles_stored},
             {"stories", outcome->stories},
             {"digest", "current"},
             {"diagnostics", diagnostics_json(outcome->diagnostics)}};
    auto stale = newsroom.stale();
    if (!stale) return send_error(res, 500, stale.error().message);
    if (!*stale) return send_json(res, outcome->stored.added > 0 ? 201 : 200, out);
    // The articles are stored; the digest that takes them in runs in the background (202), or,
    // with ?wait=true, before the answer (201, with the new digest's story count).
    std::uint64_t ticket = refresher.request();
    if (!wait) {
      out["digest"] = "pending";
      return send_json(res, 202, out);
    }
    auto report = refresher.wait(ticket, options.max_post_wait);
    if (!report) {
      out["digest"] = "pending";
      return send_json(res, 202, out);
    }
    if (!report->ok) {
      out["error"] = "the articles are stored, but the digest failed: " + report->error;
      out["digest"] = "stale";
      return send_json(res, 500, out);
    }
    out["stories"] = report->stories;
    send_json(res, outcome->stored.added > 0 ? 201 : 200, out);
  }
};

HttpServer::HttpServer(Newsroom& newsroom, ServerOptions options)
    : impl_(std::make_unique<Impl>(newsroom, std::move(options))) {}

HttpServer::~HttpServer() { stop(); }

Result<int> HttpServer::bind() {
  const ServerOptions& o = impl_->options;
  if (o.port == 0) {
    int port = impl_->http.bind_to_any_port(o.host);
    if (port < 0) return make_error("cannot listen on " + o.host + ": no free port");
    return port;
  }
  if (!impl_->http.bind_to_port(o.host, o.port)) {
    return make_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                      " (in use, or not an address of this machine)");
  }
  return o.port;
}

bool HttpServer::serve() {
  // A store left stale (articles stored by an add whose digest failed or was interrupted, or by a
  // server stopped before its digest ran) is digested in the background as serving begins.
  auto stale = impl_->newsroom.stale();
  if (stale && *stale) impl_->refresher.request();
  return impl_->http.listen_after_bind();
}

RefreshStatus HttpServer::refresh_status() const { return impl_->refresher.status(); }

void HttpServer::stop() {
  if (impl_) impl_->http.stop();
}

}  // namespace precis::server
