// The engine: the stages of precis in order, as plain functions over values.
//
//   read (ingest) -> boilerplate model over the batch -> per article: remove boilerplate,
//   normalise, annotate (paragraphs, sentences, tokens, stems) -> arrival order -> copies and
//   rewrites -> stories (stories.h) -> ranking -> per reported story: summarize (rank, select,
//   order, cite), headline, key facts.
//
// The engine never prints: counts and problems come back in DigestResult.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/cluster/story_clusterer.h"
#include "precis/corpus/article.h"
#include "precis/corpus/story.h"
#include "precis/dedup/duplicate_index.h"
#include "precis/facts/facts.h"
#include "precis/fetch/url_reader.h"
#include "precis/ingest/reader.h"
#include "precis/summarize/summarizer.h"

namespace precis::engine {

struct DigestOptions {
  ingest::ReadOptions read;
  fetch::UrlReadOptions urls;  // for http(s) URLs among the paths: feeds and pages
  summarize::SummaryOptions summary;
  bool remove_boilerplate = true;
  std::string language;  // force a language for every article ("" = detect per article)

  // Stories. one_story: everything read is one story (the user grouped the articles already;
  // also the evaluation protocol). Otherwise the articles are clustered into stories.
  bool one_story = false;
  dedup::DuplicateOptions dedup;
  cluster::ClusterOptions cluster;
  std::uint32_t max_stories = 0;     // report (summarize) only the best-ranked N stories; 0 = all
  std::uint32_t min_articles = 1;    // stories with fewer articles are not reported
  double half_life_days = 3;         // recency in the ranking (see rank_score); 0 = size only

  // Key facts per reported story (facts/facts.h).
  bool facts = true;
  facts::FactsOptions facts_options;

  // Threads for the stages that work article by article (cleaning, annotation) and story by
  // story (summary, facts): 0 = one per hardware thread, 1 = the calling thread only. The
  // result is the same for every value.
  unsigned threads = 0;
};

struct DigestResult {
  std::vector<Article> articles;  // ArticleId.value == index + 1
  // The reported stories, best-ranked first; ids are ranks from 1 over all stories found.
  std::vector<Story> stories;
  std::vector<facts::StoryFacts> facts;  // parallel to `stories`; empty when facts are off
  std::vector<std::uint32_t> story_of;   // per article (by index): its story's id; 0 = not reported
  std::uint32_t stories_found = 0;       // before max_stories / min_articles
  Diagnostics diagnostics;
  ingest::ReadStats read_stats;
  fetch::UrlReadStats url_stats;  // when URLs were given
  std::uint32_t empty_articles = 0;  // read but with no text left after cleaning
  // Per article (by index): its index in the input (the RawArticles given, or the order read).
  // Equal to the article's index unless empty articles were dropped before it.
  std::vector<std::uint32_t> input_index;
};

// What reading the inputs gave, before any digesting.
struct ReadResult {
  std::vector<RawArticle> articles;
  Diagnostics diagnostics;
  ingest::ReadStats read_stats;
  fetch::UrlReadStats url_stats;
};

// Reads `paths` as digest_paths does (files, folders, "-" for stdin, http(s) URLs), in order.
ReadResult read_inputs(const std::vector<std::string>& paths, const DigestOptions& options);

// Reads `paths` ("-" is stdin; http:// and https:// URLs are fetched: a feed with the pages it
// links, or one page) and digests everything read: read_inputs, then digest_articles.
DigestResult digest_paths(const std::vector<std::string>& paths, const DigestOptions& options);

// Whether an article's figures, dates and names count as a source's for a story's facts: a
// rewrite repeats its original's facts in other words, so it is no independent source (and an
// undated rewrite would make its original's figures look undated).
inline bool is_fact_source(const Article& article) { return !article.rewrite_of; }

// Digests articles already read (tests, evaluation harnesses, the server).
DigestResult digest_articles(std::vector<RawArticle> raw, const DigestOptions& options);

// A page title without the site name that <title> tags append: "NASA adds five companies to
// lunar lander program - SpaceNews.com" -> "NASA adds five companies to lunar lander program".
// The part after the last " | ", " - ", " – " or " — " goes when, letters and digits only and
// lower-cased, it is the outlet's name, or the host's name without its last label ("News Nation"
// on newsnation.in), or the host's first label ("Entermedia" on entermedia.co.kr); otherwise the
// title is returned unchanged ("Opinion | ...", "... | Editorial").
std::string strip_site_suffix(std::string_view title, std::string_view outlet, std::string_view host);

// The text layer for a batch: boilerplate removal (using repetition across the batch),
// normalisation and annotation; titles lose a site-name suffix (strip_site_suffix), and an
// article that names no outlet is credited to its address's host. Articles left without
// sentences are dropped with a diagnostic;
// `input_index`, when given, receives each kept article's index in `raw`.
std::vector<Article> prepare_articles(std::vector<RawArticle> raw, const DigestOptions& options,
                                      Diagnostics& diagnostics, std::vector<std::uint32_t>* input_index = nullptr);

// The simple batch marking of exact and near-exact copies used by the summary evaluation (DUC
// clusters are one story and carry no rewrites): an article whose sentences mostly repeat an
// earlier, longer article's gets duplicate_of set to it. Returns the number of duplicates.
// The digest itself uses link_copies (stories.h), which also finds rewrites.
std::uint32_t mark_duplicates(std::vector<Article>& articles);

// Orders a summary sentence's citations: originals, then rewrites, then copies (each group in its
// given order). The first citation, the sentence shown, moves to the original only when the
// original has the very same sentence.
void originals_first(const std::vector<Article>& articles, SummarySentence& sentence);

// Builds one story from `members` (indices into `articles`) and summarizes it: counts, dates,
// summary with citations (originals first), headline.
Story make_story(std::uint32_t story_id, const std::vector<Article>& articles,
                 const std::vector<std::uint32_t>& members, const summarize::SummaryOptions& options);

}  // namespace precis::engine
