// Charset handling for the text and HTML readers: bytes of unknown encoding -> UTF-8 + OffsetMap.
// Internal to the ingest module.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "precis/base/offset_map.h"

namespace precis::ingest {

struct DecodedText {
  std::string text;             // valid UTF-8, without a byte order mark
  OffsetMap map;                // text -> input bytes
  std::string charset;          // what the input was read as: "UTF-8", "UTF-16LE", "ISO-8859-1", ...
  bool detected = false;        // the charset came from ICU's detector (not a BOM, declaration or UTF-8)
  int confidence = 0;           // the detector's confidence (0..100) when detected
  std::size_t repaired = 0;     // invalid UTF-8 sequences replaced by U+FFFD (0 unless repaired)
};

// Decodes `bytes`:
//   1. a UTF-8, UTF-16 or UTF-32 byte order mark decides;
//   1b. else text (16 bytes or more) whose NUL bytes all sit at odd (even) positions, on at least
//      half of the code units, is UTF-16LE (BE) without a BOM (mostly-Latin text; BOM-less CJK
//      UTF-16 is not recognised);
//   2. else `declared` (an HTML <meta charset>), when ICU knows it and it is not UTF-8;
//   3. else valid UTF-8 is taken as it is (identity map);
//   4. else text that is mostly UTF-8 (at least as many well-formed multi-byte sequences as runs
//      of invalid bytes) is repaired, because a stray bad byte in UTF-8 is likelier than a legacy charset;
//   5. else ICU's detector (ucsdet) picks a charset; with confidence >= kMinConfidence and a
//      conversion without errors, that is the result;
//   6. else UTF-8 with every invalid sequence replaced by U+FFFD (repaired > 0).
DecodedText decode_to_utf8(std::string_view bytes, std::string_view declared = {});

// Converts `bytes` from `charset` with ICU. Returns false (and leaves `out` unspecified) when ICU
// does not know the charset or the bytes are not valid in it.
bool convert_to_utf8(std::string_view bytes, const char* charset, DecodedText& out);

inline constexpr int kMinConfidence = 10;

// "UTF-16LE" or "UTF-16BE" when the first 8 KiB of `bytes` look like BOM-less UTF-16 (see 1b
// above), else nullptr.
const char* utf16_without_bom(std::string_view bytes);

}  // namespace precis::ingest
