// Story and Summary: groups of articles about one event, and what precis says about them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "precis/corpus/article.h"

namespace precis {

// A place in one article where a summary sentence's content is reported.
struct Citation {
  ArticleId article;
  std::uint32_t sentence = 0;  // index into Article::sentences
  ByteSpan original;           // into Article::original
};

struct SummarySentence {
  std::string text;               // the sentence as it stands in the cleaned text of `citations[0]`
  std::vector<Citation> citations;  // the first is the sentence shown; the others report the same
};

struct Story {
  std::uint32_t id = 0;
  std::string headline;
  std::vector<ArticleId> articles;
  std::vector<SummarySentence> summary;
  std::uint32_t duplicate_articles = 0;  // articles whose text repeats another's (exact or near copies)
  std::uint32_t rewrite_articles = 0;    // articles that rewrite another in other words
  std::uint32_t outlets = 0;             // distinct outlets (or sources when the outlet is unknown)
  std::string first_published;  // ISO 8601, earliest known article date
  std::string last_published;
  double rank_score = 0;        // what the stories are ordered by (size and recency; see engine)
};

}  // namespace precis
