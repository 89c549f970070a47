// EntityTagger: finds names of people, organisations, places (and other names, MISC) in
// tokenised sentences.
//
// Two implementations behind one value type:
//   rules       capitalisation runs classified by the gazetteer (gazetteer.h), titles ("Mr.",
//               "President") and organisation words ("Bank", "Ministry", "Inc."). Works on any
//               machine, needs no data; modest accuracy (see docs/decisions/entities.md).
//   perceptron  a two-pass averaged structured perceptron (Collins 2002) over IOB2 tags with
//               word, shape, affix, context, gazetteer and document features, decoded by Viterbi
//               (or greedily, Ratinov & Roth 2009), each pass an ensemble of perceptrons trained
//               with different sentence orders. Trained by train() on labelled documents -- in
//               precis, the CoNLL-2003 development set, the only labelled data we may use -- and
//               cached as a binary file.
//
// default_entity_tagger() picks, once per process: the model file named by $PRECIS_ENTITY_MODEL,
// else the cache file (cache_model_path()), else a model trained now from the CoNLL development set
// under shared_data_dir() (a few seconds; then written to the cache), else the rules.
//
// Thread safety: a constructed EntityTagger is immutable and tag_document() is thread-safe.
// Copies share the model.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/result.h"
#include "precis/facts/conll.h"

namespace precis::facts {

class Gazetteer;

// How a sentence's classes are chosen (entity_perceptron.h): greedily left to right, or the best
// legal sequence by second-order Viterbi (trained as a structured perceptron).
enum class EntityDecoder : std::uint32_t { kGreedy = 0, kViterbi = 1 };

struct TrainOptions {
  int epochs = 6;
  std::uint64_t seed = 20031;  // sentence order shuffling
  // Viterbi with the structured perceptron beat greedy by 1.4-2.4 F1 points on both halves of the
  // development set (docs/decisions/entities.md).
  EntityDecoder decoder = EntityDecoder::kViterbi;
  // Perceptrons per pass, trained with different sentence orders (seeds seed, seed + 7919, ...) on
  // up to hardware_concurrency() threads, whose weights are averaged; 1..16. Five gained ~0.4 ORG F1
  // on both development halves over one, at ~2.3x the training time.
  int ensemble = 5;
  // Word-class features from default_word_clusters() (word_clusters.h), when there are any. Off by
  // default: they helped on one CoNLL dev half, hurt on the other and on test
  // (docs/decisions/entities.md).
  bool word_clusters = false;
};

class EntityTagger {
 public:
  // The rule + gazetteer tagger over Gazetteer::system().
  EntityTagger();

  static EntityTagger rule_based();
  // Trains the perceptron on `documents` (IOB2 tags). Deterministic for given options (the
  // ensemble's threads do not change the result).
  static EntityTagger train(const std::vector<LabeledDocument>& documents, const TrainOptions& options = {});
  // Loads a model written by save(). Fails on a missing, truncated or foreign file.
  static Result<EntityTagger> load(const std::string& path);
  // Writes the model (atomically: temporary file + rename). Fails for the rule tagger.
  Result<bool> save(const std::string& path) const;

  bool is_trained() const { return model_ != nullptr; }
  // Whether tag_document applies refine_name_spans (name_refine.h) to the tagger's names: on by
  // default; `precis eval entities --no-refine` measures the tagger alone.
  void set_refine(bool refine) { refine_ = refine; }
  std::string description() const;  // "rules+gazetteer" or "perceptron (N features)"

  // Names in each sentence of one document (a document lets the tagger use how the same word is
  // written elsewhere in it). Words are tokens as CoNLL-2003 writes them ("St.", "Brigid", "'s");
  // empty sentences give no names.
  std::vector<std::vector<NameSpan>> tag_document(
      const std::vector<std::vector<std::string_view>>& sentences) const;

  struct Model;  // defined in entity_tagger.cc

 private:
  std::shared_ptr<const Model> model_;
  bool refine_ = true;
};

// Rule tagger for one document (entity_rules.cc).
std::vector<std::vector<NameSpan>> tag_with_rules(const std::vector<std::vector<std::string_view>>& sentences,
                                                  const Gazetteer& gazetteer);

// Where the default tagger caches its model: $XDG_CACHE_HOME/precis or $HOME/.cache/precis, file
// "entities-v<feature version>.model"; "" when neither variable is set.
std::string cache_model_path();

// Where the shared data sets live: $PRECIS_SHARED_DATA, else <source root>/../shared/data
// (the facts module's copy of eval::shared_data_dir(), which it cannot depend on).
std::string shared_data_root();

// The CoNLL-2003 development set under the shared data directory (may not exist).
std::string conll_dev_path();
std::string conll_test_path();

// The process-wide default tagger (see the file comment). Never fails: the rules are the floor.
const EntityTagger& default_entity_tagger();

}  // namespace precis::facts
