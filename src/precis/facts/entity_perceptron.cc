// Averaged perceptron over IOB2 classes: greedy and exact (second-order Viterbi) decoding and
// training.
//
// Greedy (Ratinov & Roth 2009): left to right, the best class allowed after the previous one,
// fed back as the history features of the next word; trained with a perceptron update at every
// wrong word, along the predicted path.
//
// Viterbi (Collins 2002, "Discriminative training methods for hidden Markov models"): the history
// features (entity_features.h) depend on at most the two previous classes, so a sentence's score
// decomposes into per-word unary scores (static features), pair scores (previous class, alone and
// with the word and its shape) and a triple score (the two previous classes), and the best legal
// sequence is found exactly by dynamic programming over (previous class, class) states:
// 10 x 9 states, 9^3 moves per word. Training is the structured perceptron: decode the whole
// sentence, and when the path differs from gold add the gold path's features and subtract the
// predicted path's. Both average the weights over all steps (the "lazy" timestamp trick keeps
// that O(updates)), which generalises far better than the last weights.
#include "precis/facts/entity_perceptron.h"

#include <algorithm>
#include <limits>
#include <random>

#include "precis/facts/gazetteer.h"

namespace precis::facts {

void WeightTable::freeze(std::size_t min_capacity) {
  std::size_t capacity = 16;
  while (capacity < min_capacity) capacity *= 2;
  while (capacity < index.size() * 2) capacity *= 2;
  slot_keys.assign(capacity, 0);
  slot_rows.assign(capacity, 0);
  mask = capacity - 1;
  for (const auto& [key, row] : index) {
    std::uint64_t at = key & mask;
    while (slot_rows[at] != 0) at = (at + 1) & mask;
    slot_keys[at] = key;
    slot_rows[at] = row + 1;
  }
}

std::uint32_t WeightTable::row_for(std::uint64_t key) {
  if ((index.size() + 1) * 2 > slot_rows.size()) freeze(std::max<std::size_t>(1024, slot_rows.size() * 2));
  std::uint64_t at = key & mask;
  for (; slot_rows[at] != 0; at = (at + 1) & mask) {
    if (slot_keys[at] == key) return slot_rows[at] - 1;
  }
  const auto row = static_cast<std::uint32_t>(index.size());
  index.emplace(key, row);
  weights.resize(weights.size() + kTagClasses, 0.0f);
  slot_keys[at] = key;
  slot_rows[at] = row + 1;
  return row;
}

const float* WeightTable::row_of(std::uint64_t key) const {
  if (slot_rows.empty()) {
    auto it = index.find(key);
    return it == index.end() ? nullptr : &weights[static_cast<std::size_t>(it->second) * kTagClasses];
  }
  for (std::uint64_t at = key & mask;; at = (at + 1) & mask) {
    const std::uint32_t row = slot_rows[at];
    if (row == 0) return nullptr;
    if (slot_keys[at] == key) return &weights[static_cast<std::size_t>(row - 1) * kTagClasses];
  }
}

void WeightTable::score(const std::vector<std::uint64_t>& features, std::array<double, kTagClasses>& s) const {
  s.fill(0);
  for (std::uint64_t key : features) {
    const float* w = row_of(key);
    if (w == nullptr) continue;
    for (int c = 0; c < kTagClasses; ++c) s[c] += w[c];
  }
}

WeightTable merge_tables(const std::vector<WeightTable>& tables) {
  WeightTable merged;
  if (tables.empty()) {
    merged.freeze();
    return merged;
  }
  const float scale = 1.0f / static_cast<float>(tables.size());
  for (const WeightTable& t : tables) {
    // Rows in key order would need a sort; row order only affects the file layout, and the
    // tables' own row order is deterministic, so appending in it keeps the result deterministic.
    std::vector<std::pair<std::uint32_t, std::uint64_t>> rows;
    rows.reserve(t.index.size());
    for (const auto& [key, row] : t.index) rows.emplace_back(row, key);
    std::sort(rows.begin(), rows.end());
    for (const auto& [row, key] : rows) {
      auto [it, inserted] = merged.index.emplace(key, static_cast<std::uint32_t>(merged.weights.size() / kTagClasses));
      if (inserted) merged.weights.resize(merged.weights.size() + kTagClasses, 0.0f);
      float* to = &merged.weights[static_cast<std::size_t>(it->second) * kTagClasses];
      const float* from = &t.weights[static_cast<std::size_t>(row) * kTagClasses];
      for (int c = 0; c < kTagClasses; ++c) to[c] += scale * from[c];
    }
  }
  merged.freeze();
  return merged;
}

std::vector<int> viterbi_decode(const SentenceScores& scores) {
  const std::size_t n = scores.unary.size();
  if (n == 0) return {};
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  constexpr int kStates = kTagClasses + 1;  // previous class + 1 (0 = before the sentence)
  using Grid = std::array<std::array<double, kTagClasses>, kStates>;
  using Back = std::array<std::array<std::int8_t, kTagClasses>, kStates>;
  std::vector<Back> back(n);
  Grid delta;
  for (auto& row : delta) row.fill(kNone);
  for (int c = 0; c < kTagClasses; ++c) {
    if (!tag_allowed(0, c)) continue;
    delta[0][c] = scores.unary[0][c] + scores.pair[0][0][c] + scores.triple[0][0][c];
  }
  for (std::size_t i = 1; i < n; ++i) {
    Grid next;
    for (auto& row : next) row.fill(kNone);
    for (int p = 0; p < kTagClasses; ++p) {
      for (int c = 0; c < kTagClasses; ++c) {
        if (!tag_allowed(p, c)) continue;
        double best = kNone;
        int best_p2 = -1;
        for (int p2 = 0; p2 < kStates; ++p2) {  // p2 = class two back + 1
          if (delta[p2][p] == kNone) continue;
          const double v = delta[p2][p] + scores.triple[p2][p + 1][c];
          if (v > best) {
            best = v;
            best_p2 = p2;
          }
        }
        if (best_p2 < 0) continue;
        next[p + 1][c] = best + scores.pair[i][p + 1][c] + scores.unary[i][c];
        back[i][p + 1][c] = static_cast<std::int8_t>(best_p2);
      }
    }
    delta = next;
  }
  int best_state = 0, best_c = 0;
  double best = kNone;
  for (int s = 0; s < kStates; ++s) {
    for (int c = 0; c < kTagClasses; ++c) {
      if (delta[s][c] > best) {
        best = delta[s][c];
        best_state = s;
        best_c = c;
      }
    }
  }
  std::vector<int> tags(n, 0);
  tags[n - 1] = best_c;
  int state = best_state;  // class of word i - 1, + 1
  for (std::size_t i = n - 1; i >= 1; --i) {
    tags[i - 1] = state - 1;
    const int prev_state = back[i][state][tags[i]];
    state = prev_state;
  }
  return tags;
}

namespace {

// History keys of one sentence: per word, per previous class + 1, the three keys of
// history_keys(); and the fixed table of pair keys.
using WordHistory = std::array<std::array<std::uint64_t, 3>, kTagClasses + 1>;

std::vector<WordHistory> sentence_history(const std::vector<std::string_view>& words) {
  std::vector<WordHistory> out(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string lower = ascii_lower(words[i]);
    const std::string shape = word_shape(words[i], true);
    for (int p = -1; p < kTagClasses; ++p) out[i][p + 1] = history_keys(p, lower, shape);
  }
  return out;
}

const std::array<std::array<std::uint64_t, kTagClasses + 1>, kTagClasses + 1>& pair_keys() {
  static const auto keys = [] {
    std::array<std::array<std::uint64_t, kTagClasses + 1>, kTagClasses + 1> k{};
    for (int p2 = -1; p2 < kTagClasses; ++p2) {
      for (int p = -1; p < kTagClasses; ++p) k[p2 + 1][p + 1] = history_pair_key(p2, p);
    }
    return k;
  }();
  return keys;
}

void add_row(const float* w, SentenceScores::Row& to) {
  if (w == nullptr) return;
  for (int c = 0; c < kTagClasses; ++c) to[c] += w[c];
}

void fill_scores(const WeightTable& table, const std::vector<std::vector<std::uint64_t>>& feats,
                 const std::vector<WordHistory>& history, SentenceScores& scores) {
  const std::size_t n = history.size();
  scores.unary.resize(n);
  scores.pair.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i < feats.size()) table.score(feats[i], scores.unary[i]);
    else scores.unary[i].fill(0);
    for (int p = 0; p <= kTagClasses; ++p) {
      auto& row = scores.pair[i][p];
      row.fill(0);
      for (std::uint64_t key : history[i][p]) add_row(table.row_of(key), row);
    }
  }
  const auto& pk = pair_keys();
  for (int p2 = 0; p2 <= kTagClasses; ++p2) {
    for (int p = 0; p <= kTagClasses; ++p) {
      scores.triple[p2][p].fill(0);
      add_row(table.row_of(pk[p2][p]), scores.triple[p2][p]);
    }
  }
}

int best_allowed(int prev, const std::array<double, kTagClasses>& s) {
  int best = 0;
  double best_score = -1e300;
  for (int c = 0; c < kTagClasses; ++c) {
    if (!tag_allowed(prev < 0 ? 0 : prev, c)) continue;
    if (s[c] > best_score) {
      best_score = s[c];
      best = c;
    }
  }
  return best;
}

std::vector<int> decode_greedy(const WeightTable& table, const std::vector<std::vector<std::uint64_t>>& feats,
                               const std::vector<std::string_view>& words) {
  std::vector<int> tags(words.size(), 0);
  std::vector<std::uint64_t> f;
  std::array<double, kTagClasses> s{};
  for (std::size_t i = 0; i < words.size() && i < feats.size(); ++i) {
    f = feats[i];
    const int prev = i >= 1 ? tags[i - 1] : -1;
    add_history_features(f, prev, i >= 2 ? tags[i - 2] : -1, words[i]);
    table.score(f, s);
    tags[i] = best_allowed(prev, s);
  }
  return tags;
}

// Weights being learnt, with the running sums for averaging.
class Learner {
 public:
  void update(std::uint64_t key, int cls, float delta) {
    const std::uint32_t row = table_.row_for(key);
    if (totals_.size() < table_.weights.size()) {
      totals_.resize(table_.weights.size(), 0.0);
      stamps_.resize(table_.weights.size(), 0);
    }
    const std::size_t k = static_cast<std::size_t>(row) * kTagClasses + cls;
    totals_[k] += static_cast<double>(step_ - stamps_[k]) * table_.weights[k];
    stamps_[k] = step_;
    table_.weights[k] += delta;
  }
  void tick() { ++step_; }
  const WeightTable& current() const { return table_; }

  // The averaged weights, without rows that ended at zero; frozen.
  WeightTable averaged() const {
    WeightTable out;
    const double steps = static_cast<double>(std::max<std::uint64_t>(step_, 1));
    std::vector<std::pair<std::uint32_t, std::uint64_t>> rows;
    rows.reserve(table_.index.size());
    for (const auto& [key, row] : table_.index) rows.emplace_back(row, key);
    std::sort(rows.begin(), rows.end());  // insertion order: deterministic for a given seed
    for (const auto& [row, key] : rows) {
      std::array<float, kTagClasses> avg{};
      bool any = false;
      for (int c = 0; c < kTagClasses; ++c) {
        const std::size_t k = static_cast<std::size_t>(row) * kTagClasses + c;
        const double total = totals_[k] + static_cast<double>(step_ - stamps_[k]) * table_.weights[k];
        avg[c] = static_cast<float>(total / steps);
        any = any || avg[c] != 0.0f;
      }
      if (!any) continue;
      out.index.emplace(key, static_cast<std::uint32_t>(out.weights.size() / kTagClasses));
      out.weights.insert(out.weights.end(), avg.begin(), avg.end());
    }
    out.freeze();
    return out;
  }

 private:
  WeightTable table_;
  std::vector<double> totals_;
  std::vector<std::uint64_t> stamps_;
  std::uint64_t step_ = 0;
};

void train_greedy_sentence(Learner& learner, const TrainItem& item) {
  const auto& words = *item.words;
  std::vector<int> tags(words.size(), 0);
  std::vector<std::uint64_t> f;
  std::array<double, kTagClasses> s{};
  for (std::size_t i = 0; i < words.size() && i < item.feats->size(); ++i) {
    learner.tick();
    f = (*item.feats)[i];
    const int prev = i >= 1 ? tags[i - 1] : -1;
    add_history_features(f, prev, i >= 2 ? tags[i - 2] : -1, words[i]);
    learner.current().score(f, s);
    const int best = best_allowed(prev, s);
    const int gold = (*item.gold)[i];
    if (best != gold) {
      for (std::uint64_t key : f) {
        learner.update(key, gold, 1.0f);
        learner.update(key, best, -1.0f);
      }
    }
    tags[i] = best;
  }
}

void train_viterbi_sentence(Learner& learner, const TrainItem& item, const std::vector<WordHistory>& history,
                            SentenceScores& scores) {
  learner.tick();
  fill_scores(learner.current(), *item.feats, history, scores);
  const std::vector<int> pred = viterbi_decode(scores);
  const std::vector<int>& gold = *item.gold;
  if (pred == gold) return;
  const auto& pk = pair_keys();
  auto at = [](const std::vector<int>& tags, std::size_t i, int back) {
    return static_cast<int>(i) - back < 0 ? -1 : tags[i - back];
  };
  for (std::size_t i = 0; i < pred.size(); ++i) {
    const int g = gold[i], p = pred[i];
    const int g1 = at(gold, i, 1), p1 = at(pred, i, 1);
    const int g2 = at(gold, i, 2), p2 = at(pred, i, 2);
    if (g != p && i < item.feats->size()) {
      for (std::uint64_t key : (*item.feats)[i]) {
        learner.update(key, g, 1.0f);
        learner.update(key, p, -1.0f);
      }
    }
    if (g != p || g1 != p1) {
      for (std::uint64_t key : history[i][g1 + 1]) learner.update(key, g, 1.0f);
      for (std::uint64_t key : history[i][p1 + 1]) learner.update(key, p, -1.0f);
    }
    if (g != p || g1 != p1 || g2 != p2) {
      learner.update(pk[g2 + 1][g1 + 1], g, 1.0f);
      learner.update(pk[p2 + 1][p1 + 1], p, -1.0f);
    }
  }
}

}  // namespace

std::vector<int> decode_sentence(const WeightTable& table, EntityDecoder decoder,
                                 const std::vector<std::vector<std::uint64_t>>& feats,
                                 const std::vector<std::string_view>& words) {
  if (decoder == EntityDecoder::kGreedy) return decode_greedy(table, feats, words);
  SentenceScores scores;
  fill_scores(table, feats, sentence_history(words), scores);
  return viterbi_decode(scores);
}

WeightTable train_table(const std::vector<TrainItem>& items, const TrainOptions& options, std::uint64_t seed) {
  Learner learner;
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::vector<WordHistory>> history;
  if (options.decoder == EntityDecoder::kViterbi) {
    history.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) history[i] = sentence_history(*items[i].words);
  }
  SentenceScores scores;
  std::mt19937_64 rng(seed);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t idx : order) {
      if (options.decoder == EntityDecoder::kViterbi) {
        train_viterbi_sentence(learner, items[idx], history[idx], scores);
      } else {
        train_greedy_sentence(learner, items[idx]);
      }
    }
  }
  return learner.averaged();
}

}  // namespace precis::facts
