// summarize(): a story's articles in, a cited extractive summary out.
//
// Steps, in order: candidates (sentences that can stand alone) -> concept values (document
// frequency of stemmed bigrams, thresholded) -> selection under the budget (select.h) ->
// order (source date, then position in the article) -> attribution (every article that reports
// the same content is cited, the earliest first).
//
// Every summary sentence is an unchanged sentence of the cleaned source text; nothing is rewritten.
#pragma once

#include <cstdint>
#include <vector>

#include "precis/corpus/article.h"
#include "precis/corpus/story.h"
#include "precis/summarize/candidates.h"
#include "precis/summarize/select.h"

namespace precis::summarize {

struct SummaryOptions {
  std::uint32_t max_words = 100;  // 0 = no word budget
  std::uint32_t max_bytes = 0;    // 0 = no byte budget; when set it is used instead of words
  // Evaluation protocol: fill the budget and let the scorer cut the last sentence (DUC, ROUGE -l/-b).
  // Off for users: the summary ends on whole sentences inside the budget.
  bool fill_budget = false;
  double fill_slack = 0.0;        // with fill_budget, allowed overshoot as a share of the budget
  Solver solver = Solver::kIlp;
  std::uint32_t max_candidates = 200;  // best candidates handed to the solver
  CandidateOptions candidates;
  double min_concept_df = 0;        // concepts seen in fewer documents are worth nothing; 0 = auto
  double lead_weight = 0.5;         // extra value per document whose lead sentences hold the concept
  double position_weight = 0;       // value of a document's first sentence, falling to 0 at lead_sentences
  double unigram_weight = 0;        // value of a content-word stem per document containing it (0 = off)
  double attribution_threshold = 0.6;  // content-word cosine for "reports the same content"
};

// Summarizes the articles of one story. `articles` must outlive the call; duplicates (articles
// with duplicate_of set) are cited but do not count as independent evidence.
std::vector<SummarySentence> summarize(const std::vector<const Article*>& articles, const SummaryOptions& options);

// Cites, for one sentence, every article in `articles` with a sentence of the same content
// (content-word cosine >= threshold, over the stem ids of `set.sentence_unigrams`). The sentence
// itself comes first, then the others by date.
std::vector<Citation> attribute(const std::vector<const Article*>& articles, const CandidateSet& set,
                                std::uint32_t article_index, std::uint32_t sentence_index, double threshold);

}  // namespace precis::summarize
