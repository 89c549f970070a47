// Web addresses: the little precis needs of them.
#pragma once

#include <string>
#include <string_view>

namespace precis {

// "https://www.NYTimes.com:443/2019/11/18/x.html" -> "nytimes.com": the host, lower-cased (ASCII),
// without "www." or a port; "" when `url` has no scheme (a file path, a bare word).
inline std::string host_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#:"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  std::string host(rest);
  for (char& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

}  // namespace precis
