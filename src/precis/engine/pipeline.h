// The engine: the stages of precis in order, as plain functions over values.
//
//   read (ingest) -> boilerplate model over the batch -> per article: remove boilerplate,
//   normalise, annotate (paragraphs, sentences, tokens, stems) -> duplicates -> stories ->
//   per story: summarize (rank, select, order, cite).
//
// The engine never prints: counts and problems come back in DigestResult.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/corpus/article.h"
#include "precis/corpus/story.h"
#include "precis/ingest/reader.h"
#include "precis/summarize/summarizer.h"

namespace precis::engine {

struct DigestOptions {
  ingest::ReadOptions read;
  summarize::SummaryOptions summary;
  bool remove_boilerplate = true;
  std::string language;  // force a language for every article ("" = detect per article)
};

struct DigestResult {
  std::vector<Article> articles;  // ArticleId.value == index + 1
  std::vector<Story> stories;
  Diagnostics diagnostics;
  ingest::ReadStats read_stats;
  std::uint32_t empty_articles = 0;  // read but with no text left after cleaning
};

// Reads `paths` ("-" is stdin) and digests everything read as one story.
DigestResult digest_paths(const std::vector<std::string>& paths, const DigestOptions& options);

// Digests articles already read (tests, evaluation harnesses, the server).
DigestResult digest_articles(std::vector<RawArticle> raw, const DigestOptions& options);

// The text layer for a batch: boilerplate removal (using repetition across the batch),
// normalisation and annotation. Articles left without sentences are dropped with a diagnostic.
std::vector<Article> prepare_articles(std::vector<RawArticle> raw, const DigestOptions& options,
                                      Diagnostics& diagnostics);

// Marks exact and near-exact copies: an article whose sentences mostly repeat an earlier, longer
// article's gets duplicate_of set to it. Returns the number of duplicates.
std::uint32_t mark_duplicates(std::vector<Article>& articles);

// Builds one story from all `articles` and summarizes it.
Story make_story(std::uint32_t story_id, const std::vector<Article>& articles,
                 const std::vector<std::uint32_t>& members, const summarize::SummaryOptions& options);

}  // namespace precis::engine
