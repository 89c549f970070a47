// WordClusters: distributional word classes learnt from unlabelled news text, used as features of
// the name tagger (entity_features.cc). Names seen once in the labelled data share a class with
// many names seen in unlabelled text ("Ajax" with "Feyenoord", "Inc" with "Corp"), which is what
// lets the tagger generalise past its small training set (Ratinov & Roth 2009 report +1-2 F1 on
// CoNLL from Brown clusters).
//
// Method (word_clusters.cc): every lower-cased word seen at least kMinCount times is a vector of
// its left and right neighbours (the 1000 most frequent words), weighted log(1+count) and
// L2-normalised; spherical k-means groups the words into 512 fine classes, and k-means on the 512
// centroids nests them into 128 and 32 coarser classes (a three-level hierarchy playing the role
// of Brown-cluster bit-string prefixes). Each word also records how often it is capitalised in
// the middle of a sentence (a name-likeness prior).
//
// Text: DUC 2003/2004 documents and the WikiRef clustering documents under the shared data folder
// and the CoNLL development words; never the CoNLL test set. Learnt once (a few seconds) and cached
// next to the entity model; without shared data the clusters are empty and the tagger works
// without them.
//
// Thread safety: immutable after construction; lookups are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "precis/base/result.h"

namespace precis::facts {

class WordClusters {
 public:
  static constexpr int kLevels = 3;  // 32, 128, 512 classes
  struct Entry {
    std::uint16_t cls[kLevels] = {0, 0, 0};
    std::uint8_t capitalised = 0;  // 0..4: share of mid-sentence occurrences capitalised, bucketed
  };

  WordClusters() = default;  // no clusters: find() always returns nullptr

  // Learns from raw texts (markup between '<' and '>' is ignored) and pre-tokenised sentences.
  static WordClusters learn(const std::vector<std::string>& texts,
                            const std::vector<std::vector<std::string>>& sentences);
  static Result<WordClusters> load(const std::string& path);
  Result<bool> save(const std::string& path) const;  // atomic (temporary file + rename)

  bool empty() const { return words_.empty(); }
  std::size_t size() const { return words_.size(); }
  // A hash of the contents: models trained with other clusters are not reused.
  std::uint64_t fingerprint() const { return fingerprint_; }
  // The entry of a word (any case; looked up lower-cased), or nullptr when unknown.
  const Entry* find(std::string_view word) const;

 private:
  void compute_fingerprint();
  std::unordered_map<std::string, Entry> words_;
  std::uint64_t fingerprint_ = 0;
};

// Cache file ("word-clusters-v1.bin" beside the entity model), "" without HOME/XDG_CACHE_HOME.
std::string word_clusters_cache_path();

// The process-wide clusters: the cache file, else learnt now from the shared data (then cached),
// else empty. Never fails.
const WordClusters& default_word_clusters();

}  // namespace precis::facts
