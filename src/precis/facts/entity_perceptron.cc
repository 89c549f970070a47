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
//
// Tagging cost. A table lookup is a random access into several MiB, and a word needs ~50 of them
// for its static features plus 3 per previous class for the pair scores, so a document is decoded
// as a whole: the history keys are hashed once per distinct word and shared by both passes,
// the pair scores (which depend only on the word and the previous class) are summed once per
// distinct word, the triple scores once per document, and the lookups are batched with the probe
// slots prefetched ahead. Every score is summed in the same order as sentence by sentence, so
// the decoded classes are bit-for-bit those of decode_sentence().
#include "precis/facts/entity_perceptron.h"

#include <algorithm>
#include <limits>
#include <random>
#include <unordered_map>

#include "precis/facts/gazetteer.h"

namespace precis::facts {

void WeightTable::freeze(std::size_t min_capacity) {
  std::size_t capacity = 16;
  while (capacity < min_capacity) capacity *= 2;
  while (capacity < index.size() * 2) capacity *= 2;
  slots.assign(capacity, Slot{});
  mask = capacity - 1;
  for (const auto& [key, row] : index) {
    std::uint64_t at = key & mask;
    while (slots[at].row != 0) at = (at + 1) & mask;
    slots[at] = Slot{key, row + 1};
  }
}

std::uint32_t WeightTable::row_for(std::uint64_t key) {
  if ((index.size() + 1) * 2 > slots.size()) freeze(std::max<std::size_t>(1024, slots.size() * 2));
  std::uint64_t at = key & mask;
  for (; slots[at].row != 0; at = (at + 1) & mask) {
    if (slots[at].key == key) return slots[at].row - 1;
  }
  const auto row = static_cast<std::uint32_t>(index.size());
  index.emplace(key, row);
  weights.resize(weights.size() + kTagClasses, 0.0f);
  slots[at] = Slot{key, row + 1};
  return row;
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

namespace {

// tag_allowed() as a table (the decoder asks it 81 times a word).
constexpr auto kAllowed = [] {
  std::array<std::array<bool, kTagClasses>, kTagClasses> a{};
  for (int p = 0; p < kTagClasses; ++p) {
    for (int c = 0; c < kTagClasses; ++c) a[p][c] = c == 0 || c % 2 == 1 || p == c || p == c - 1;
  }
  return a;
}();

// Second-order Viterbi over n words; pair_of(i) gives word i's pair rows (see SentenceScores).
// States whose score is -infinity (unreachable) are skipped before the inner loop rather than in
// it; the comparisons, their order and ties are those of the plain triple loop.
template <class PairOf>
std::vector<int> viterbi(std::size_t n, const std::vector<SentenceScores::Row>& unary, const PairOf& pair_of,
                         const decltype(SentenceScores::triple)& triple) {
  if (n == 0) return {};
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  constexpr int kStates = kTagClasses + 1;  // previous class + 1 (0 = before the sentence)
  using Grid = std::array<std::array<double, kTagClasses>, kStates>;
  using Back = std::array<std::array<std::int8_t, kTagClasses>, kStates>;
  std::vector<Back> back(n);
  Grid grids[2];  // this word's and the next word's scores, swapped per word
  Grid* cur = &grids[0];
  Grid* nxt = &grids[1];
  Grid& first = *cur;
  for (auto& row : first) row.fill(kNone);
  {
    const auto& pair0 = pair_of(0);
    for (int c = 0; c < kTagClasses; ++c) {
      if (!kAllowed[0][c]) continue;
      first[0][c] = unary[0][c] + pair0[0][c] + triple[0][0][c];
    }
  }
  for (std::size_t i = 1; i < n; ++i) {
    const auto& pair = pair_of(i);
    const auto& un = unary[i];
    const Grid& delta = *cur;
    Grid& next = *nxt;
    for (auto& row : next) row.fill(kNone);
    for (int p = 0; p < kTagClasses; ++p) {
      std::array<int, kStates> live;  // states p2 (ascending) with delta[p2][p] reachable
      int lives = 0;
      for (int p2 = 0; p2 < kStates; ++p2) {
        if (delta[p2][p] != kNone) live[lives++] = p2;
      }
      if (lives == 0) continue;
      // For every class c at once (one lane per class, branch-free): the best state two back,
      // the first of equals, by the same comparisons in the same order as a loop per class.
      std::array<double, kTagClasses> best;
      std::array<int, kTagClasses> best_p2;
      best.fill(kNone);
      best_p2.fill(-1);
      for (int k = 0; k < lives; ++k) {
        const int p2 = live[k];  // class two back + 1
        const double d = delta[p2][p];
        const auto& t = triple[p2][p + 1];
        for (int c = 0; c < kTagClasses; ++c) {
          const double v = d + t[c];
          const bool better = v > best[c];
          best[c] = better ? v : best[c];
          best_p2[c] = better ? p2 : best_p2[c];
        }
      }
      for (int c = 0; c < kTagClasses; ++c) {
        if (!kAllowed[p][c] || best_p2[c] < 0) continue;
        next[p + 1][c] = best[c] + pair[p + 1][c] + un[c];
        back[i][p + 1][c] = static_cast<std::int8_t>(best_p2[c]);
      }
    }
    std::swap(cur, nxt);
  }
  const Grid& delta = *cur;
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

}  // namespace

std::vector<int> viterbi_decode(const SentenceScores& scores) {
  return viterbi(scores.unary.size(), scores.unary, [&](std::size_t i) -> const auto& { return scores.pair[i]; },
                 scores.triple);
}

namespace {

// History keys of one sentence: per word, per previous class + 1, the three keys of
// history_keys(); and the fixed table of pair keys.
using WordHistory = WordHistoryKeys;

std::vector<WordHistory> sentence_history(const std::vector<std::string_view>& words) {
  std::vector<WordHistory> out(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) out[i] = word_history_keys(words[i]);
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

// rows[i] = table.row_of(keys[i]) for many keys. A lookup in a table of several megabytes is two
// dependent cache misses (the probe slot, then the weights); one at a time, tagging spent most of
// its time waiting for them. Here the slots of the next block of keys are prefetched while this
// block is resolved, and every row found is prefetched before the caller adds it up.
void rows_of(const WeightTable& table, const std::uint64_t* keys, std::size_t count, const float** rows) {
  if (table.slots.empty()) {
    for (std::size_t i = 0; i < count; ++i) rows[i] = table.row_of(keys[i]);
    return;
  }
  constexpr std::size_t kAhead = 64;  // keys whose slots are in flight
  const WeightTable::Slot* slots = table.slots.data();
  for (std::size_t i = 0; i < std::min(count, kAhead); ++i) __builtin_prefetch(&slots[keys[i] & table.mask]);
  for (std::size_t i = 0; i < count; ++i) {
    if (i + kAhead < count) __builtin_prefetch(&slots[keys[i + kAhead] & table.mask]);
    const float* w = table.row_of(keys[i]);
    rows[i] = w;
    if (w != nullptr) {
      __builtin_prefetch(w);
      __builtin_prefetch(w + kTagClasses - 1);
    }
  }
}

// The scores of the previous two classes: the same for every sentence.
void fill_triple(const WeightTable& table, SentenceScores& scores) {
  const auto& pk = pair_keys();
  for (int p2 = 0; p2 <= kTagClasses; ++p2) {
    for (int p = 0; p <= kTagClasses; ++p) {
      scores.triple[p2][p].fill(0);
      add_row(table.row_of(pk[p2][p]), scores.triple[p2][p]);
    }
  }
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
  fill_triple(table, scores);
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

DocumentHistory document_history(const std::vector<std::vector<std::string_view>>& sentences) {
  DocumentHistory out;
  out.index.resize(sentences.size());
  std::size_t words = 0;
  for (const auto& s : sentences) words += s.size();
  // Same bytes, same keys: news text repeats most of its words, so most words are hashed once.
  std::unordered_map<std::string_view, std::uint32_t> seen;
  seen.reserve(words);
  out.keys.reserve(words / 2 + 1);
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    auto& index = out.index[si];
    index.resize(sentences[si].size());
    for (std::size_t i = 0; i < sentences[si].size(); ++i) {
      const std::string_view w = sentences[si][i];
      auto [it, inserted] = seen.emplace(w, static_cast<std::uint32_t>(out.keys.size()));
      if (inserted) out.keys.push_back(word_history_keys(w));
      index[i] = it->second;
    }
  }
  return out;
}

std::vector<std::vector<int>> decode_document_classes(const WeightTable& table, EntityDecoder decoder,
                                                      const DocumentFeatures& feats,
                                                      const std::vector<std::vector<std::string_view>>& sentences,
                                                      const DocumentHistory& history) {
  std::vector<std::vector<int>> out(sentences.size());
  static const std::vector<std::vector<std::uint64_t>> kNoFeatures;
  auto feats_of = [&](std::size_t si) -> const std::vector<std::vector<std::uint64_t>>& {
    return si < feats.size() ? feats[si] : kNoFeatures;
  };
  bool history_fits = history.index.size() == sentences.size();
  for (std::size_t si = 0; history_fits && si < sentences.size(); ++si) {
    history_fits = history.index[si].size() == sentences[si].size();
    for (std::uint32_t k : history.index[si]) history_fits = history_fits && k < history.keys.size();
  }
  if (decoder == EntityDecoder::kGreedy || !history_fits) {
    for (std::size_t si = 0; si < sentences.size(); ++si) {
      out[si] = decode_sentence(table, decoder, feats_of(si), sentences[si]);
    }
    return out;
  }
  // Pair rows per distinct word, summed as fill_scores() sums them: 0, then the rows of the keys
  // "t-1", "t-1w", "t-1s" in that order (the first key is the same for every word, so its row is
  // looked up once), so every double is bit-identical.
  using PairRows = std::array<SentenceScores::Row, kTagClasses + 1>;
  std::vector<PairRows> pair_rows(history.keys.size());
  std::vector<std::uint64_t> keys;
  std::vector<const float*> rows;
  if (!history.keys.empty()) {
    std::array<const float*, kTagClasses + 1> prev_rows{};
    for (int p = 0; p <= kTagClasses; ++p) prev_rows[p] = table.row_of(history.keys[0][p][0]);
    keys.reserve(history.keys.size() * (kTagClasses + 1) * 2);
    for (const WordHistoryKeys& word : history.keys) {
      for (const auto& prev : word) {
        keys.push_back(prev[1]);
        keys.push_back(prev[2]);
      }
    }
    rows.resize(keys.size());
    rows_of(table, keys.data(), keys.size(), rows.data());
    const float* const* at = rows.data();
    for (PairRows& word : pair_rows) {
      for (int p = 0; p <= kTagClasses; ++p) {
        auto& row = word[p];
        row.fill(0);
        add_row(prev_rows[p], row);
        add_row(*at++, row);
        add_row(*at++, row);
      }
    }
  }
  SentenceScores scores;
  fill_triple(table, scores);
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    const std::size_t n = sentences[si].size();
    const auto& f = feats_of(si);
    const auto& index = history.index[si];
    const std::size_t scored = std::min(n, f.size());
    keys.clear();
    for (std::size_t i = 0; i < scored; ++i) keys.insert(keys.end(), f[i].begin(), f[i].end());
    rows.resize(keys.size());
    rows_of(table, keys.data(), keys.size(), rows.data());
    const float* const* at = rows.data();
    scores.unary.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      auto& s = scores.unary[i];
      s.fill(0);  // as WeightTable::score(): the rows in feature order
      if (i >= scored) continue;
      for (std::size_t k = 0; k < f[i].size(); ++k) add_row(*at++, s);
    }
    out[si] = viterbi(n, scores.unary, [&](std::size_t i) -> const PairRows& { return pair_rows[index[i]]; },
                      scores.triple);
  }
  return out;
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
