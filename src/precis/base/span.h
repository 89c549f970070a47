// ByteSpan: a half-open range [begin, end) of byte offsets into one string.
#pragma once

#include <cstdint>
#include <string_view>

namespace precis {

struct ByteSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  constexpr std::uint32_t size() const { return end - begin; }
  constexpr bool empty() const { return end <= begin; }
  constexpr bool contains(std::uint32_t offset) const { return offset >= begin && offset < end; }
  friend constexpr bool operator==(ByteSpan, ByteSpan) = default;
};

// The bytes of `text` that `span` covers. The span must lie inside `text`.
inline std::string_view slice(std::string_view text, ByteSpan span) {
  return text.substr(span.begin, span.size());
}

}  // namespace precis
