// Fuzz target for the offset map decoder (base/offset_map.h), which reads what the store saved:
// a damaged database must give an error, never a crash or an unbounded allocation. Beyond "does
// not crash": a map that decodes re-encodes to bytes that decode to the same map, and never holds
// more derived bytes than the bound it was decoded with.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "precis/base/offset_map.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  constexpr std::uint32_t kBound = 1 << 16;
  auto map = precis::OffsetMap::decode(bytes, kBound);
  if (!map) return 0;
  if (map->size() > kBound) std::abort();
  auto again = precis::OffsetMap::decode(map->encode(), kBound);
  if (!again || !(*again == *map)) std::abort();
  for (std::uint32_t i = 0; i < map->size() && i < 64; ++i) {
    precis::ByteSpan s = map->to_source(precis::ByteSpan{i, map->size()});
    if (s.end < s.begin) std::abort();
  }
  return 0;
}
