// The HTTP API and web page over a Newsroom (docs/http_api.md is the reference):
//
//   GET  /                         the digest as one HTML page (the stored rendition)
//   GET  /digest.{json,md,html,txt}  the digest in that format
//   GET  /stories/{id}             one story as a page
//   GET  /search?q=...             search results as a page (every page has a search box)
//   GET  /articles/{id}            one stored article as a page
//   GET  /api/stories              the stories: id, headline, counts, dates
//   GET  /api/stories/{id}         one story as in the JSON digest, with its articles (each with
//                                  its store_id, the id for /api/articles)
//   GET  /api/articles/{id}        one stored article: metadata and cleaned-before-digest body
//   GET  /api/articles/{id}/original  the bytes the article was read from
//   POST /api/articles             add articles (JSONL/JSON, HTML or text body): stored at once
//                                  (202), digested in the background; ?wait=true waits (201)
//   GET  /api/search?q=...&limit=N  full-text search of the stored articles
//   GET  /api/health               liveness and counts
//
// Responses of /api are JSON; errors are {"error": "..."} with 400, 404, 413, 415 or 500.
// Successful GETs carry an ETag; If-None-Match with it answers 304 without a body.
// Handlers parse, call the Newsroom, and render; the server never prints (its caller may log
// each request through `on_request`).
//
// Thread safety: start() once, stop() from any thread. Requests are served by a pool of
// threads; the Newsroom serialises what must be serial. Digests of posted articles run on one
// background thread (Refresher); destroying the server waits for a digest in progress.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "precis/base/result.h"
#include "precis/server/newsroom.h"
#include "precis/server/refresher.h"

namespace precis::server {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback by default; "0.0.0.0" serves every interface
  int port = 8080;                 // 0 picks a free port (see bound_port())
  std::uint64_t max_post_bytes = 64ull << 20;
  // Called after each request with method, target (the path and query as sent, "/search?q=fire")
  // and status: for an access log on stderr.
  std::function<void(const std::string& method, const std::string& target, int status)> on_request;
  // Posted articles are stored at once and digested in the background: one digest once posts
  // have paused for `refresh.settle`, or `refresh.max_settle` after the first; failed digests are
  // tried again (see Refresher).
  Refresher::Options refresh;
  // Called after each background digest (for a log line on stderr); on the digest's thread.
  std::function<void(const RefreshReport&)> on_refresh;
  // POST /api/articles?wait=true answers 202 (digest pending) when the digest takes longer.
  std::chrono::milliseconds max_post_wait{600000};
};

// The JSON of GET /api/search for `hits` of `query` (precis search --format json prints it too).
std::string search_json(const std::string& query, const std::vector<store::SearchHit>& hits);

class HttpServer {
 public:
  HttpServer(Newsroom& newsroom, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the port. Fails when the address is taken or invalid.
  Result<int> bind();
  // Serves until stop(); blocks the calling thread. Returns false when serving failed. A stale
  // store (Newsroom::stale) is digested in the background as serving begins.
  bool serve();
  void stop();
  // The background digests: running, pending, the last one's outcome.
  RefreshStatus refresh_status() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis::server
