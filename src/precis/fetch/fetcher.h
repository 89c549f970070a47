// Polite HTTP(S) fetching for `precis digest URL` and `precis extract URL`.
//
// One Fetcher per run. Every request: a descriptive User-Agent, connect and total timeouts, a size
// limit (the transfer stops when the body passes it), at most max_redirects redirects (a loop
// fails at the cap), gzip/deflate accepted and decoded. Politeness: robots.txt is fetched once per
// host and obeyed (the group for our product token, else "*"; longest Allow/Disallow prefix wins;
// Crawl-delay raises the per-host interval), and requests to one host are spaced by at least
// min_host_interval_ms. Conditional requests: the ETag and Last-Modified of every 200 response are
// remembered with its body; a later get() of the same URL sends If-None-Match / If-Modified-Since
// and a 304 returns the remembered body with not_modified set. With cache_dir set, the validators
// and body are also kept on disk (one file per URL, named by its hash), so that conditional
// requests work across runs; an unreadable or unwritable cache is ignored (the request is then
// unconditional), never an error.
// Thread safety: a Fetcher is not thread-safe (one per thread). The functions are reentrant.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace precis::fetch {

struct FetchOptions {
  std::string user_agent = "precis/0.1 (news digest; +https://github.com/precis)";
  long connect_timeout_ms = 10000;
  long timeout_ms = 30000;
  std::uint64_t max_bytes = 16ull << 20;
  long max_redirects = 5;
  long min_host_interval_ms = 1000;
  bool obey_robots = true;
  std::string cache_dir;  // "" (default): validators are remembered for this Fetcher's life only
};

struct Response {
  long status = 0;                 // HTTP status of the last response (0: no response)
  std::string body;                // decoded (gzip undone)
  std::string final_url;           // after redirects
  std::string content_type;        // as sent
  std::string charset;             // from Content-Type, lower-case; "" when absent
  std::string etag, last_modified;
  bool not_modified = false;       // 304: body is the remembered one
  std::string error;               // transport or policy failure ("" when a response arrived)
  bool ok() const { return error.empty() && (status / 100 == 2 || not_modified); }
  std::string error_message() const { return !error.empty() ? error : "HTTP status " + std::to_string(status); }
};

// True for http:// and https:// URLs.
bool is_url(std::string_view text);

// "https://a.example:8080/x" -> "https://a.example:8080"; "" when not a URL.
std::string origin_of(std::string_view url);

// Whether robots.txt `rules` allow `path` for `user_agent` (product token matched
// case-insensitively); also returns the applicable Crawl-delay in seconds (0 when none).
bool robots_allows(std::string_view rules, std::string_view user_agent, std::string_view path, double* crawl_delay);

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {});
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  Response get(const std::string& url);

 private:
  struct Cached {
    std::string etag, last_modified, body, content_type;
  };
  struct Host {
    bool robots_loaded = false;
    std::string robots;
    double crawl_delay = 0;
    std::chrono::steady_clock::time_point last_request{};
    bool requested = false;
  };
  Response transfer(const std::string& url, const Cached* validators);
  const Cached* cached(const std::string& url);
  void remember(const std::string& url, Cached entry);
  void wait_for(Host& host);

  FetchOptions options_;
  std::map<std::string, Host> hosts_;
  std::map<std::string, Cached> cache_;
};

}  // namespace precis::fetch
