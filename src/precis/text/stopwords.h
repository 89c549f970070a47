// Stopword lists (function words) per language.
//
// libstemmer ships none, so precis carries its own compact lists, written for this project:
// English (about 170 words) and short function-word lists for de, fr, es, it, pt, nl, sv, da, no,
// fi, ru. Every other language has no list: is_stopword() returns false for all its words, so
// term weighting then falls back on document frequency alone (has_stopwords() tells which
// languages have a list).
//
// Thread safety: the lists are immutable after first use; thread-safe.
#pragma once

#include <string_view>

namespace precis::text {

// `lower_word` must be lower-cased (to_lower). Unknown language: false.
bool is_stopword(std::string_view language, std::string_view lower_word);

bool has_stopwords(std::string_view language);

}  // namespace precis::text
