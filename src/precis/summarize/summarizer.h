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
#include <memory>
#include <utility>
#include <vector>

#include "precis/corpus/article.h"
#include "precis/corpus/story.h"
#include "precis/summarize/candidates.h"
#include "precis/summarize/concept_model.h"
#include "precis/summarize/select.h"

namespace precis::summarize {

struct SummaryOptions {
  std::uint32_t max_words = 100;  // 0 = no word budget
  std::uint32_t max_bytes = 0;    // 0 = no byte budget; when set it is used instead of words
  // Evaluation protocol: fill the budget and let the scorer cut the last sentence (DUC, ROUGE -l/-b).
  // Off for users: the summary ends on whole sentences inside the budget.
  bool fill_budget = false;
  double fill_slack = 0.0;        // with fill_budget, allowed overshoot as a share of the budget
  bool fill_by_prefix = true;     // with fill_budget, choose the last sentence by the part the scorer keeps
  Solver solver = Solver::kIlp;
  std::uint32_t max_candidates = 60;   // best candidates handed to the solver
  // The exact solver's work limit in simplex iterations (select.h); then the better of incumbent
  // and greedy. Deterministic: the same story gives the same summary whatever the machine's load.
  std::uint32_t ilp_work_limit = 2000;
  // Stories with more counted articles take concepts and candidates from an evenly spaced sample
  // of this many (0 = never sample), so that cost stops growing with the story; citations still
  // cover every article.
  std::uint32_t max_sample_articles = 500;
  CandidateOptions candidates;
  double min_concept_df = 0;        // concepts seen in fewer documents are worth nothing; 0 = auto
  double lead_weight = 0.5;         // extra value per document whose lead sentences hold the concept
  double position_weight = 0;       // value of a document's first sentence, falling to 0 at lead_sentences
  double unigram_weight = 0;        // value of a content-word stem per document containing it (0 = off)
  // User mode (fill_budget off) for small stories: when at most this many articles are counted
  // (not copies, not rewrites), the summary must include the earliest original's lead sentence
  // (its first candidate among the first candidates.lead_sentences), when it fits the budget.
  // News puts the event first, and with one to three articles the concept counts are too thin
  // to find it. 0 = off. Evaluation mode (fill_budget) never forces it.
  std::uint32_t lead_first_max_articles = 3;
  // Two sentences with a content-word cosine of at least this are never both chosen (select.h);
  // 0 = off.
  double max_pair_similarity = 0.5;
  double attribution_threshold = 0.6;  // content-word cosine for "reports the same content"
  // Learnt concept values (concept_model.h): when set and the story has three or more counted
  // articles, a concept is worth the model's probability that a human summary holds it, instead
  // of a blend of that probability (x10) and its document-frequency value (min_concept_df and
  // unigram_weight are then unused). Tuned on DUC 2003 by cross-validation.
  // nullptr (the default) keeps the unsupervised values, so nothing here needs ../shared.
  std::shared_ptr<const ConceptModel> concept_model;
  double model_min_df = 3;            // under the model, concepts in fewer documents are worth nothing
  double model_unigram_weight = 0.5;  // under the model, value of a content-word stem beside bigrams
  double model_min_probability = 0;   // under the model, less likely concepts are worth nothing
  double model_df_share = 0.6;        // under the model, share of the unsupervised value kept beside it
};

// Summarizes the articles of one story. `articles` must outlive the call; duplicates (articles
// with duplicate_of set) are cited but do not count as independent evidence.
std::vector<SummarySentence> summarize(const std::vector<const Article*>& articles, const SummaryOptions& options);

// Cites, for one sentence, every article in `articles` with a sentence of the same content
// (content-word cosine >= threshold, over the stem ids of `set.sentence_unigrams`). The sentence
// itself comes first, then the others by date.
std::vector<Citation> attribute(const std::vector<const Article*>& articles, const CandidateSet& set,
                                std::uint32_t article_index, std::uint32_t sentence_index, double threshold);

// The same citations as attribute(), for several sentences at once, by one scan over every
// sentence of every article (no CandidateSet needed): `sentences` holds (article index, sentence
// index) pairs; the result is parallel to it. Used when the concept table covers only a sample.
std::vector<std::vector<Citation>> attribute_all(const std::vector<const Article*>& articles,
                                                const std::vector<std::pair<std::uint32_t, std::uint32_t>>& sentences,
                                                double threshold);

}  // namespace precis::summarize
