// Text normalisation with an offset map back to the input.
//
// normalize() turns the body text a reader produced into the canonical form every later stage
// works on, and returns a map from each output byte to the input bytes it came from, so that a
// sentence found in the normalised text can be cited in the input (SentencePiece's normalizer
// does the same).
//
// What it does, in order:
//   1. Decodes UTF-8 (each invalid byte becomes U+FFFD) and removes control characters, soft
//      hyphens (U+00AD) and zero-width/format characters (U+200B..U+200F, U+2060, U+FEFF);
//      maps NBSP and the other Unicode spaces to ' ', typographic quotes to ASCII ' and ", and
//      the DUC/TREC quote pairs `` and '' to ". CR LF, CR, VT, FF, NEL and U+2028 are line
//      breaks; U+2029 is a paragraph break.
//   2. Unicode NFC (ICU).
//   3. Layout: whitespace runs inside a line become one space; a line that is blank (or only
//      spaces) separates paragraphs, written as exactly "\n\n"; the single hard line breaks
//      inside a paragraph are joined with a space (or kept as "\n" when
//      join_hard_line_breaks is false); a word hyphenated at a line end is rejoined (see
//      below); a drop capital split from its word at a paragraph start ("T he", "T\nhe") is
//      repaired. Leading and trailing whitespace is dropped.
//
// Line-end hyphenation ("gov-\nernment"): the hyphen is kept ("well-\nknown" -> "well-known")
// when the right part starts with a capital or digit, when the document itself spells the
// hyphenated compound elsewhere, or when the left part is a common compound-forming word or
// prefix ("well", "self", "non", ...) and the document does not spell the joined word elsewhere;
// otherwise the parts are joined.
//
// Drop capitals: a paragraph that starts with a lone capital letter followed by a space or line
// break and a lower-case letter is joined ("T he council" -> "The council"), except for the
// letters that are words on their own in the major Latin-script languages (A, I, O, E, Y, U,
// and accented À Á É Ó Ú); "A man" stays.
//
// normalize(normalize(x).text).text == normalize(x).text for every input.
//
// Thread safety: pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "precis/base/offset_map.h"

namespace precis::text {

struct NormalizeOptions {
  bool join_hard_line_breaks = true;
};

struct Normalized {
  std::string text;  // valid UTF-8, NFC
  OffsetMap map;     // text -> input
};

Normalized normalize(std::string_view input, const NormalizeOptions& options = {});

}  // namespace precis::text
