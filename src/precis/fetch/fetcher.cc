// Fetcher: libcurl's easy interface with the limits and politeness rules of fetcher.h.
// robots.txt follows RFC 9309 (Robots Exclusion Protocol): groups by user-agent, longest
// matching rule wins, Allow wins ties, "$" and "*" wildcards are honoured; an unreachable or
// 4xx robots.txt allows everything, as the RFC says, while a 5xx disallows the host for this run.
#include "precis/fetch/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "precis/base/files.h"
#include "precis/base/hash.h"

namespace precis::fetch {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The charset parameter of a Content-Type value, lower-case, unquoted; "" when absent.
std::string charset_of(std::string_view content_type) {
  std::string type = lower(content_type);
  std::size_t at = type.find("charset=");
  if (at == std::string::npos) return "";
  std::string cs = type.substr(at + 8);
  cs = cs.substr(0, cs.find_first_of("; "));
  cs.erase(std::remove(cs.begin(), cs.end(), '"'), cs.end());
  return cs;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct Transfer {
  Response* response;
  std::uint64_t limit;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->response->body.size() + n > t->limit) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->response->body.append(data, n);
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* r = static_cast<Response*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {  // a new response (after a redirect): forget the old headers
    r->etag.clear(), r->last_modified.clear(), r->content_type.clear();
  }
  std::size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string key = lower(trim(line.substr(0, colon)));
    std::string value(trim(line.substr(colon + 1)));
    if (key == "etag") r->etag = value;
    if (key == "last-modified") r->last_modified = value;
    if (key == "content-type") r->content_type = value;
  }
  return size * count;
}

// Does `pattern` (robots.txt path with * and $) match the start of `path`? Returns match length.
bool robots_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return false;
  std::size_t p = 0, s = 0, star_p = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size()) return true;  // prefix match
    if (pattern[p] == '$' && p + 1 == pattern.size()) return s == path.size();
    if (pattern[p] == '*') {
      star_p = ++p;
      star_s = s;
      continue;
    }
    if (s < path.size() && pattern[p] == path[s]) {
      ++p, ++s;
      continue;
    }
    if (star_p != std::string_view::npos && star_s < path.size()) {
      p = star_p;
      s = ++star_s;
      continue;
    }
    return false;
  }
}

struct CurlInit {
  CurlInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

bool is_url(std::string_view text) {
  std::string l = lower(text.substr(0, 8));
  return l.starts_with("http://") || l.starts_with("https://");
}

std::string origin_of(std::string_view url) {
  if (!is_url(url)) return {};
  std::size_t scheme_end = url.find("://") + 3;
  std::size_t path = url.find_first_of("/?#", scheme_end);
  return lower(url.substr(0, path == std::string_view::npos ? url.size() : path));
}

bool robots_allows(std::string_view rules, std::string_view user_agent, std::string_view path, double* crawl_delay) {
  std::string token = lower(user_agent.substr(0, user_agent.find_first_of("/ ")));
  // Collect the rules of the best group: our token, else "*".
  struct Rule {
    bool allow;
    std::string pattern;
  };
  std::vector<Rule> mine, star;
  double mine_delay = 0, star_delay = 0;
  bool have_mine = false;
  std::vector<std::string> agents;
  bool in_rules = false;
  std::size_t at = 0;
  while (at <= rules.size()) {
    std::size_t eol = rules.find('\n', at);
    std::string_view line = rules.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
    at = eol == std::string_view::npos ? rules.size() + 1 : eol + 1;
    line = trim(line.substr(0, line.find('#')));
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = lower(trim(line.substr(0, colon)));
    std::string value(trim(line.substr(colon + 1)));
    if (key == "user-agent") {
      if (in_rules) agents.clear(), in_rules = false;
      agents.push_back(lower(value));
      continue;
    }
    if (key != "allow" && key != "disallow" && key != "crawl-delay") continue;
    in_rules = true;
    for (const std::string& a : agents) {
      bool is_mine = !token.empty() && a == token;
      if (!is_mine && a != "*") continue;
      if (is_mine) have_mine = true;
      if (key == "crawl-delay") {
        double d = std::atof(value.c_str());
        (is_mine ? mine_delay : star_delay) = std::clamp(d, 0.0, 60.0);
      } else if (!value.empty()) {
        (is_mine ? mine : star).push_back({key == "allow", value});
      }
    }
  }
  const std::vector<Rule>& group = have_mine ? mine : star;
  if (crawl_delay) *crawl_delay = have_mine ? mine_delay : star_delay;
  std::size_t best = 0;
  bool allowed = true;
  for (const Rule& r : group) {
    if (!robots_match(r.pattern, path)) continue;
    if (r.pattern.size() > best || (r.pattern.size() == best && r.allow)) {
      best = r.pattern.size();
      allowed = r.allow;
    }
  }
  return allowed;
}

Fetcher::Fetcher(FetchOptions options) : options_(std::move(options)) { static CurlInit init; }

Fetcher::~Fetcher() = default;

void Fetcher::wait_for(Host& host) {
  auto interval = std::chrono::milliseconds(
      std::max<long>(options_.min_host_interval_ms, static_cast<long>(host.crawl_delay * 1000)));
  if (host.requested) {
    auto next = host.last_request + interval;
    auto now = std::chrono::steady_clock::now();
    if (next > now) std::this_thread::sleep_for(next - now);
  }
  host.requested = true;
  host.last_request = std::chrono::steady_clock::now();
}

Response Fetcher::transfer(const std::string& url, const Cached* validators) {
  Response r;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    r.error = "cannot initialise libcurl";
    return r;
  }
  Transfer t{&r, options_.max_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  if (validators) {
    if (!validators->etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + validators->etag).c_str());
    if (!validators->last_modified.empty()) {
      headers = curl_slist_append(headers, ("If-Modified-Since: " + validators->last_modified).c_str());
    }
  }
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, options_.max_redirects);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  char* effective = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  r.final_url = effective ? effective : url;
  if (rc != CURLE_OK) {
    if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
      r.error = "response larger than " + std::to_string(options_.max_bytes) + " bytes";
    } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
      r.error = "more than " + std::to_string(options_.max_redirects) + " redirects";
    } else {
      r.error = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
    }
    r.body.clear();
  }
  r.charset = charset_of(r.content_type);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return r;
}

Response Fetcher::get(const std::string& url) {
  Response r;
  std::string origin = origin_of(url);
  if (origin.empty()) {
    r.error = "not an http(s) URL";
    return r;
  }
  Host& host = hosts_[origin];
  if (options_.obey_robots && !host.robots_loaded) {
    host.robots_loaded = true;
    wait_for(host);
    Response robots = transfer(origin + "/robots.txt", nullptr);
    if (robots.error.empty() && robots.status / 100 == 2) {
      host.robots = std::move(robots.body);
    } else if (robots.error.empty() && robots.status >= 500) {
      host.robots = "User-agent: *\nDisallow: /\n";  // RFC 9309: server error -> assume full disallow
    }
    robots_allows(host.robots, options_.user_agent, "/", &host.crawl_delay);
  }
  if (options_.obey_robots && !host.robots.empty()) {
    std::size_t path_at = url.find_first_of("/?#", url.find("://") + 3);
    std::string path = path_at == std::string::npos ? "/" : url.substr(path_at);
    if (path.starts_with("?") || path.starts_with("#")) path = "/" + path;
    if (!robots_allows(host.robots, options_.user_agent, path, nullptr)) {
      r.error = "disallowed by robots.txt";
      return r;
    }
  }
  const Cached* validators = cached(url);
  wait_for(host);
  r = transfer(url, validators);
  if (r.error.empty() && r.status == 304 && validators != nullptr) {
    r.not_modified = true;
    r.body = validators->body;
    if (r.content_type.empty()) r.content_type = validators->content_type;
    if (r.charset.empty()) r.charset = charset_of(r.content_type);
  } else if (r.error.empty() && r.status == 200 && (!r.etag.empty() || !r.last_modified.empty())) {
    remember(url, Cached{r.etag, r.last_modified, r.body, r.content_type});
  }
  return r;
}

// Disk cache: <cache_dir>/<hash64(url) in hex>.http holding "precis-http-cache 1", the URL, ETag,
// Last-Modified and Content-Type, one per line, then the body. The URL line guards against hash
// collisions; header values never hold line breaks (on_header trims them).
namespace {
constexpr std::string_view kCacheMagic = "precis-http-cache 1";

std::filesystem::path cache_file(const std::string& dir, const std::string& url) {
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.http", static_cast<unsigned long long>(hash64(url)));
  return std::filesystem::path(dir) / name;
}
}  // namespace

const Fetcher::Cached* Fetcher::cached(const std::string& url) {
  auto it = cache_.find(url);
  if (it != cache_.end()) return &it->second;
  if (options_.cache_dir.empty()) return nullptr;
  std::ifstream in(cache_file(options_.cache_dir, url), std::ios::binary);
  if (!in) return nullptr;
  std::string magic, stored_url;
  Cached entry;
  if (!std::getline(in, magic) || magic != kCacheMagic || !std::getline(in, stored_url) || stored_url != url ||
      !std::getline(in, entry.etag) || !std::getline(in, entry.last_modified) ||
      !std::getline(in, entry.content_type)) {
    return nullptr;
  }
  std::ostringstream body;
  body << in.rdbuf();
  entry.body = std::move(body).str();
  if (entry.body.size() > options_.max_bytes) return nullptr;
  return &(cache_[url] = std::move(entry));
}

void Fetcher::remember(const std::string& url, Cached entry) {
  Cached& stored = cache_[url] = std::move(entry);
  if (options_.cache_dir.empty()) return;
  std::string bytes = std::string(kCacheMagic) + '\n' + url + '\n' + stored.etag + '\n' + stored.last_modified + '\n' +
                      stored.content_type + '\n';
  bytes += stored.body;
  // Best effort: a cache that cannot be written only costs a full fetch next time.
  (void)write_file_atomically(cache_file(options_.cache_dir, url).string(), bytes);
}

}  // namespace precis::fetch
