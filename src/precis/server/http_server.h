// The HTTP API and web page over a Newsroom (docs/http_api.md is the reference):
//
//   GET  /                         the digest as one HTML page (the stored rendition)
//   GET  /digest.{json,md,html,txt}  the digest in that format
//   GET  /api/stories              the stories: id, headline, counts, dates
//   GET  /api/stories/{id}         one story as in the JSON digest, with its articles (each with
//                                  its store_id, the id for /api/articles)
//   GET  /api/articles/{id}        one stored article: metadata and cleaned-before-digest body
//   GET  /api/articles/{id}/original  the bytes the article was read from
//   POST /api/articles             add articles (JSONL/JSON, HTML or text body); re-digests
//   GET  /api/search?q=...&limit=N  full-text search of the stored articles
//   GET  /api/health               liveness and counts
//
// Responses of /api are JSON; errors are {"error": "..."} with 400, 404, 413, 415 or 500.
// Handlers parse, call the Newsroom, and render; the server never prints (its caller may log
// each request through `on_request`).
//
// Thread safety: start() once, stop() from any thread. Requests are served by a pool of
// threads; the Newsroom serialises what must be serial.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "precis/base/result.h"
#include "precis/server/newsroom.h"

namespace precis::server {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback by default; "0.0.0.0" serves every interface
  int port = 8080;                 // 0 picks a free port (see bound_port())
  std::uint64_t max_post_bytes = 64ull << 20;
  // Called after each request with method, path, status (for an access log on stderr).
  std::function<void(const std::string& method, const std::string& path, int status)> on_request;
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
  // Serves until stop(); blocks the calling thread. Returns false when serving failed.
  bool serve();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis::server
