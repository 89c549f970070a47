#include "precis/base/hash.h"

#include <xxhash.h>

namespace precis {

std::uint64_t hash64(std::string_view bytes, std::uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

}  // namespace precis
