// A learnt concept model: how likely a story's concept (stemmed bigram or content-word stem) is
// to appear in a human summary of the story, from what the story says about it.
//
// Supervised concept weighting after Li, Qian & Liu (2013, "Using Supervised Bigram-based ILP
// for Extractive Summarization") and Hong & Nenkova (2014, RegSum): instead of valuing a concept
// by its raw document frequency, a model trained on stories with human summaries predicts the
// share of the summaries that contain it, from its document frequency, its presence in the
// articles' leads and first sentences, its term frequency, where it first occurs, whether it holds
// a stopword, a capitalised word (names) or a number. The model is a logistic regression with
// soft labels (the share of references that hold the concept), one for bigrams and one for
// unigrams, fitted by Newton's method with a small ridge term: eleven weights each, so it trains
// in well under a second and needs no tuning of learning rates.
//
// Where the model comes from: `precis eval summaries` trains it at run time from DUC 2003
// (../shared/data/duc2003_task2, the tuning set) and caches it as
// ~/.cache/precis/concepts-v<kConceptModelVersion>.model. Nothing learnt is committed. Without
// ../shared and without the cache, the summarizer has no model and values concepts by document
// frequency (the unsupervised method of Gillick & Favre 2009), which is also what it does for
// stories of fewer than three articles, where the features say little.
//
// Thread safety: a ConceptModel is immutable after construction; share it freely.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "precis/base/result.h"
#include "precis/corpus/article.h"
#include "precis/summarize/candidates.h"

namespace precis::summarize {

inline constexpr int kConceptModelVersion = 1;
inline constexpr int kConceptFeatures = 11;
using ConceptFeatures = std::array<double, kConceptFeatures>;

enum class ConceptKind { kBigram, kUnigram };

// The features of concept `id` (a bigram id or a unigram id, by `kind`) of a story's table.
ConceptFeatures concept_features(const ConceptTable& table, ConceptKind kind, std::uint32_t id);

struct ConceptExample {
  ConceptFeatures features{};
  double label = 0;  // share of reference summaries that contain the concept, in [0, 1]
};

// The concept keys of a reference summary, made as build_candidates makes them (stemmed word
// bigrams unless both words are stopwords; content-word stems).
struct ReferenceConcepts {
  std::unordered_set<std::string> bigrams;
  std::unordered_set<std::string> unigrams;
};
ReferenceConcepts reference_concepts(const Article& reference);

// Appends one example per concept of `set` with document frequency >= min_df, labelled by the
// share of `references` holding it. Stories of fewer than three counted articles add nothing.
void add_training_examples(const CandidateSet& set, const std::vector<ReferenceConcepts>& references, double min_df,
                           std::vector<ConceptExample>& bigrams, std::vector<ConceptExample>& unigrams);

class ConceptModel {
 public:
  // Fits both regressions. Fails when either example list is empty.
  static Result<ConceptModel> train(const std::vector<ConceptExample>& bigrams,
                                    const std::vector<ConceptExample>& unigrams, double ridge = 1.0);
  // Reads what serialize() wrote; fails on any other text (wrong version, wrong count, not numbers).
  static Result<ConceptModel> parse(std::string_view text);
  std::string serialize() const;

  // Probability that a reference summary holds the concept.
  double probability(ConceptKind kind, const ConceptFeatures& features) const;

 private:
  ConceptFeatures bigram_weights_{};
  ConceptFeatures unigram_weights_{};
};

// ~/.cache/precis/concepts-v<version>.model ($XDG_CACHE_HOME honoured); "" when no home is known.
std::string concept_model_cache_path();
// Writes the model there (creating the folder). Returns false when it cannot.
bool save_cached_concept_model(const ConceptModel& model);
// The cached model, or nullptr when there is none or it does not parse. Reads the file each call.
std::shared_ptr<const ConceptModel> load_cached_concept_model();

// Trains a model when no cached one exists; returns nullptr when it cannot (no training data).
// harness::train_default_concept_model (harness/summary_eval.h) is the one that trains on DUC
// 2003; it lives above the engine because it needs the reading and text pipeline.
using ConceptModelTrainer = std::function<std::shared_ptr<const ConceptModel>()>;

// The model for user-facing digests, decided once per process (the first call decides; later
// calls return the same pointer and ignore `trainer`): the cache file (concept_model_cache_path(),
// a read of a few hundred bytes, well under a millisecond), else `trainer()` when given
// (training on DUC 2003 reads its 298 articles: 2.5 s in Release on a loaded 2-core machine; the
// trainer should write the cache, so that it happens once per machine), else nullptr, which
// means document-frequency concept values. Thread-safe: concurrent first callers wait for the one that decides.
std::shared_ptr<const ConceptModel> default_concept_model(const ConceptModelTrainer& trainer = {});

}  // namespace precis::summarize
