// Internal to boilerplate.cc: lines, segments, fingerprints, the dateline parser and the
// per-segment features. Not a public API; only boilerplate*.cc include it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "precis/text/boilerplate.h"

namespace precis::text::boilerplate_detail {

struct Line {
  std::uint32_t begin = 0, end = 0;            // in the body, without '\n'
  std::uint32_t text_begin = 0, text_end = 0;  // trimmed of spaces
  bool blank = true;
  std::uint32_t paragraph = 0;
};

struct Segment {
  std::uint32_t first = 0, last = 0;  // line indices, inclusive
  std::uint32_t paragraph = 0;
  std::string text;                   // its lines joined by one space, trimmed
};

// Lines of `body` split on '\n'; paragraphs are runs of non-blank lines.
std::vector<Line> split_lines(std::string_view body);
// Lines grouped into segments: a hard-wrapped paragraph of prose is one segment.
std::vector<Segment> build_segments(std::string_view body, const std::vector<Line>& lines);
// Case-, punctuation- and digit-insensitive fingerprint; 0 for text without letters or digits.
std::uint64_t fingerprint(std::string_view text);
// Length in bytes of a wire dateline prefix at the start of `line` (with the spaces after its
// separator), or 0. Equal to line.size() when the line is only a dateline. When it is not 0 and
// `place_end` is given, *place_end is the length of the place the dateline opens with ("PORT AVEN"
// in "PORT AVEN, Nov. 3 (MP) — ").
std::size_t parse_dateline(std::string_view line, std::size_t* place_end = nullptr);

struct Features {
  std::size_t words = 0;
  double prose = 0.0;        // sentence shape strength p in [0, 1]
  double shape = 0.0;        // non-prose shape score, capped at 0.7
  double evidence[12] = {};  // per LineKind
  bool has_digit = false;
  bool is_sentence = false;  // starts like and ends like a sentence, >= 3 words
  bool label_value = false;  // "Label: value" shape, <= 8 words
};

// `title` and `outlet` (either may be empty) let a repeated headline or the outlet's own tagline count.
Features compute_features(const Segment& segment, std::string_view title, std::string_view outlet);

std::string lower(std::string_view s);
std::string_view trim(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);

}  // namespace precis::text::boilerplate_detail
