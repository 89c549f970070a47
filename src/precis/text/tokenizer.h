// Word and punctuation tokens.
//
// tokenize() returns the spans of the tokens of `text` in order: words and single punctuation
// marks. A word is a run of letters, digits and combining marks, and keeps the inner characters
// that belong to it: apostrophes between letters ("don't", "O'Brien"), hyphens between letters or
// digits ("well-known", "COVID-19"), periods and commas between digits ("3.5", "1,000"), periods
// in dotted abbreviations including the final one ("U.S.", "e.g."), a leading currency sign
// before a digit ("$1.2", "€30") and a trailing '%' after a digit ("3.5%"). Every other
// non-space code point is a token of its own; whitespace is never part of a token. Invalid
// UTF-8 bytes are single tokens.
//
// Thread safety: pure function, thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "precis/base/span.h"

namespace precis::text {

std::vector<ByteSpan> tokenize(std::string_view text);

// True when `token` contains a letter or digit.
bool is_word_token(std::string_view token);

}  // namespace precis::text
