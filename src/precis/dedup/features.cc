// Token-level features for duplicate detection. Word shingles (Broder et al. 1997, "Syntactic
// clustering of the Web") catch copies; sets of content stems catch rewrites, whose wording
// changes but whose names, numbers and most content words stay.
#include "precis/dedup/features.h"

#include <algorithm>
#include <string>

#include "precis/base/hash.h"

namespace precis::dedup {
namespace {

constexpr std::uint64_t kSeparator = 0x9e3779b97f4a7c15ULL;

std::uint64_t mix(std::uint64_t h, std::uint64_t x) {
  h ^= x + kSeparator + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}

}  // namespace

std::uint64_t exact_key(const Article& article) {
  std::uint64_t h = 0x243f6a8885a308d3ULL;
  for (const Token& t : article.tokens) {
    if (t.is_word) h = mix(h, hash64(t.lower));
  }
  return h;
}

std::vector<std::uint64_t> word_shingles(const Article& article, std::uint32_t k) {
  k = std::max<std::uint32_t>(1, k);
  std::vector<std::uint64_t> words;
  words.reserve(article.tokens.size());
  for (const Token& t : article.tokens) {
    if (t.is_word) words.push_back(hash64(t.lower));
  }
  std::vector<std::uint64_t> out;
  if (words.empty()) return out;
  if (words.size() < k) k = static_cast<std::uint32_t>(words.size());
  out.reserve(words.size() - k + 1);
  for (std::size_t i = 0; i + k <= words.size(); ++i) {
    std::uint64_t h = 0x13198a2e03707344ULL;
    for (std::uint32_t j = 0; j < k; ++j) h = mix(h, words[i + j]);
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::uint64_t sentence_key(const Article& article, const Sentence& sentence) {
  std::uint64_t h = 0xa4093822299f31d0ULL;
  bool any = false;
  std::size_t end = std::min<std::size_t>(article.tokens.size(),
                                          static_cast<std::size_t>(sentence.first_token) + sentence.token_count);
  for (std::size_t i = sentence.first_token; i < end; ++i) {
    const Token& t = article.tokens[i];
    if (!t.is_word) continue;
    h = mix(h, hash64(t.lower));
    any = true;
  }
  return any ? h : 0;
}

std::vector<std::uint32_t> content_terms(const Article& article, std::uint32_t first_token, std::uint32_t count) {
  std::vector<std::uint32_t> out;
  std::size_t end = std::min<std::size_t>(article.tokens.size(), static_cast<std::size_t>(first_token) + count);
  for (std::size_t i = first_token; i < end; ++i) {
    const Token& t = article.tokens[i];
    if (!t.is_word || t.is_stopword) continue;
    const std::string& s = t.stem.empty() ? t.lower : t.stem;
    out.push_back(static_cast<std::uint32_t>(hash64(s, 7)));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint64_t> article_terms(const Article& article) {
  std::vector<std::uint64_t> out;
  out.reserve(article.tokens.size());
  for (const Token& t : article.tokens) {
    if (!t.is_word || t.is_stopword) continue;
    out.push_back(hash64(t.stem.empty() ? t.lower : t.stem, 11));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace precis::dedup
