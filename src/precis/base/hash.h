// 64-bit hashing (xxHash3) for shingles, exact-duplicate keys and line repetition counts.
#pragma once

#include <cstdint>
#include <string_view>

namespace precis {

std::uint64_t hash64(std::string_view bytes, std::uint64_t seed = 0);

}  // namespace precis
