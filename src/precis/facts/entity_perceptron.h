// The averaged perceptron behind EntityTagger (internal to the facts module): the weight table,
// greedy and Viterbi decoding over IOB2 classes, and training. See entity_tagger.cc for the
// model as a whole and entity_features.h for the features.
//
// Thread safety: a frozen WeightTable is read-only; decoding with it is thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "precis/facts/entity_features.h"
#include "precis/facts/entity_tagger.h"

namespace precis::facts {

// One perceptron: feature hash -> row of kTagClasses weights. `index` is the growable map used
// while training; freeze() adds an open-addressing copy (linear probing over a power-of-two
// array, keys are already uniform hashes) that tagging reads: a tagged word looks up ~100
// features, most of them absent, and the flat probe is several times faster than the node map.
struct WeightTable {
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  std::vector<float> weights;
  // Key and row side by side: a probe touches one cache line, not two.
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t row = 0;  // row + 1; 0 = empty slot
  };
  std::vector<Slot> slots;
  std::uint64_t mask = 0;

  // Builds the flat probe array from `index` (tagging reads only that). `min_capacity` reserves
  // room for rows added later by row_for().
  void freeze(std::size_t min_capacity = 16);
  // The row of `key`, added (zero weights) when absent; keeps the probe array current (training).
  std::uint32_t row_for(std::uint64_t key);
  // The key's kTagClasses weights, or null when the key has none.
  const float* row_of(std::uint64_t key) const;
  // s[c] = sum of the weights of `features` for class c.
  void score(const std::vector<std::uint64_t>& features, std::array<double, kTagClasses>& s) const;
};

inline const float* WeightTable::row_of(std::uint64_t key) const {
  if (slots.empty()) {
    auto it = index.find(key);
    return it == index.end() ? nullptr : &weights[static_cast<std::size_t>(it->second) * kTagClasses];
  }
  for (std::uint64_t at = key & mask;; at = (at + 1) & mask) {
    const Slot& slot = slots[at];
    if (slot.row == 0) return nullptr;
    if (slot.key == key) return &weights[static_cast<std::size_t>(slot.row - 1) * kTagClasses];
  }
}

// The mean of several tables (an ensemble of linear models whose scores are averaged is the one
// linear model with the averaged weights). Frozen.
WeightTable merge_tables(const std::vector<WeightTable>& tables);

// Scores of one sentence for exact decoding. The score of classes c_0 .. c_{n-1} is
//   sum_i unary[i][c_i] + pair[i][c_{i-1} + 1][c_i] + triple[c_{i-2} + 1][c_{i-1} + 1][c_i]
// with c_{-1} = c_{-2} = -1 (before the sentence).
struct SentenceScores {
  using Row = std::array<double, kTagClasses>;
  std::vector<Row> unary;
  std::vector<std::array<Row, kTagClasses + 1>> pair;
  std::array<std::array<Row, kTagClasses + 1>, kTagClasses + 1> triple{};
};

// The highest-scoring class sequence among the legal IOB2 ones (I-X only after B-X or I-X; not
// first), by second-order Viterbi. Ties go to the lower class number. Empty for an empty sentence.
std::vector<int> viterbi_decode(const SentenceScores& scores);

// Classes of one sentence's words. `feats` are the static features (entity_features.h), history
// features are added here.
std::vector<int> decode_sentence(const WeightTable& table, EntityDecoder decoder,
                                 const std::vector<std::vector<std::uint64_t>>& feats,
                                 const std::vector<std::string_view>& words);

// The history keys of a document's words (word_history_keys()), hashed once per distinct word
// and shared by both passes: keys[index[s][i]] are those of word i of sentence s.
struct DocumentHistory {
  std::vector<WordHistoryKeys> keys;
  std::vector<std::vector<std::uint32_t>> index;
};
DocumentHistory document_history(const std::vector<std::vector<std::string_view>>& sentences);

// Classes of every sentence of a document, exactly as decode_sentence() on each sentence; `history`
// is document_history(sentences). The Viterbi scores that depend only on the word and the previous
// class are summed once per distinct word, those of the previous two classes once per call.
std::vector<std::vector<int>> decode_document_classes(const WeightTable& table, EntityDecoder decoder,
                                                      const DocumentFeatures& feats,
                                                      const std::vector<std::vector<std::string_view>>& sentences,
                                                      const DocumentHistory& history);

// One training sentence (pointers into the caller's data, which must outlive training).
struct TrainItem {
  const std::vector<std::string_view>* words;
  const std::vector<int>* gold;
  const std::vector<std::vector<std::uint64_t>>* feats;
};

// Averaged perceptron training (Collins 2002) with `options.decoder` deciding both the decoder
// and the update: greedy = per-word updates along the greedy path; Viterbi = per-sentence updates
// of the difference between the gold and the Viterbi path's features. `seed` shuffles the
// sentence order each epoch. Frozen. Deterministic for a given seed.
WeightTable train_table(const std::vector<TrainItem>& items, const TrainOptions& options, std::uint64_t seed);

}  // namespace precis::facts
