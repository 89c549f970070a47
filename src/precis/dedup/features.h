// The features that duplicate detection compares, computed from an annotated Article's tokens.
//
// All features ignore case, punctuation and whitespace (they use Token::lower of word tokens), so
// a copy that was re-wrapped, re-punctuated or re-cased still matches. Numbers are kept (a
// changed figure changes the shingles); stems are used only for the content terms, where
// inflection should not matter.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <vector>

#include "precis/corpus/article.h"

namespace precis::dedup {

// The exact-duplicate key: a hash of the article's lower-cased word tokens in order. Two articles
// with the same words in the same order (whatever their spacing, punctuation or case) share it.
std::uint64_t exact_key(const Article& article);

// Hashes of every run of `k` consecutive word tokens (lower-cased, across sentence boundaries),
// sorted and duplicate-free. An article with fewer than k words gives one shingle of all its words.
std::vector<std::uint64_t> word_shingles(const Article& article, std::uint32_t k = 3);

// The hash of one sentence's lower-cased word tokens (0 when it has none).
std::uint64_t sentence_key(const Article& article, const Sentence& sentence);

// Content terms of a token range: stems of word tokens that are not stopwords, hashed (32 bits),
// sorted and duplicate-free. Numbers count as content terms.
std::vector<std::uint32_t> content_terms(const Article& article, std::uint32_t first_token, std::uint32_t count);

// Content terms of the whole article, as 64-bit hashes for MinHash (sorted, duplicate-free).
std::vector<std::uint64_t> article_terms(const Article& article);

}  // namespace precis::dedup
