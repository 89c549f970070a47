// UTF-8 helpers: validation, decoding one code point, and repair with an offset map.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "precis/base/offset_map.h"

namespace precis::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at text[pos]; sets *length to the number of bytes used (1 for an invalid
// byte, which decodes as kReplacement). Rejects overlong forms, surrogates and values > U+10FFFF.
char32_t decode(std::string_view text, std::size_t pos, std::size_t* length);

// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string& out, char32_t cp);

bool is_valid(std::string_view text);

struct Repaired {
  std::string text;         // valid UTF-8
  OffsetMap map;            // text -> input
  std::size_t invalid_sequences = 0;
};

// Replaces each invalid byte sequence by U+FFFD. Valid input comes back unchanged with an
// identity map.
Repaired repair(std::string_view input);

}  // namespace precis::utf8
