// Random text for the property tests of the text layer (test-only header).
#pragma once

#include <random>
#include <string>

#include "precis/base/utf8.h"

namespace precis::text::testing_support {

// Text built from words, punctuation, whitespace, typographic and invisible characters,
// combining marks, other scripts, abbreviations and raw invalid bytes.
inline std::string random_text(std::mt19937& rng, std::size_t pieces) {
  static const char* const kPieces[] = {
      "the", "The", "council", "U.S.", "Mr.", "Gen.", "p.m.", "No.", "3.5%", "$1.2", "J.", "R.", "e.g.", "Inc.",
      "word", "A", "I", "T", "he", "gov-", "ernment", "well-", "known", "1.", "2)", "a.", "b.", "...", ". . .",
      "\xe2\x80\xa6", ".", ".", ".", "!", "?", ",", ";", ":", "\"", "'", "(", ")", "[", "]", "``", "''", "-", "--",
      " ", " ", " ", " ", " ", "\n", "\n\n", "\r\n", "\t", "\xc2\xa0", "\xc2\xad", "\xe2\x80\x8b", "\xef\xbb\xbf",
      "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x99", "\xe2\x80\x94", "\xcc\x81", "e\xcc\x81", "\xc3\xa9",
      "\xe6\x9d\xb1\xe4\xba\xac", "\xe3\x80\x82", "\xd0\x9c\xd0\xbe\xd1\x81", "\xe2\x80\xa2", "\xe2\x81\x83",
      "\xff", "\xc3", "\xe2\x80", "\x01", "\x7f", "\xe2\x80\xa8", "\xe2\x80\xa9", "www.x.example", "a@b.example",
      "Image:", "May", "7,", "2015", "\xf0\x9f\x98\x80", "\xe2\x80\x8d", "\xc2\x85", "\x0b"};
  constexpr std::size_t kCount = sizeof(kPieces) / sizeof(kPieces[0]);
  std::uniform_int_distribution<std::size_t> pick(0, kCount - 1);
  std::string out;
  for (std::size_t i = 0; i < pieces; ++i) out += kPieces[pick(rng)];
  return out;
}

// Arbitrary bytes.
inline std::string random_bytes(std::mt19937& rng, std::size_t size) {
  std::uniform_int_distribution<int> byte(0, 255);
  std::string out;
  for (std::size_t i = 0; i < size; ++i) out.push_back(static_cast<char>(byte(rng)));
  return out;
}

}  // namespace precis::text::testing_support
