// The averaged perceptron name tagger.
//
// Model. Tags are IOB2 over PER, ORG, LOC, MISC (9 classes). Each word gets a score per class
// from the sum of the weights of its active features; the decoder goes left to right and takes
// the best class allowed after the previous one (I-X only after B-X or I-X), feeding its choice
// back as the history features of the next word. Greedy decoding with history features is within
// a fraction of a point of Viterbi for NER (Ratinov & Roth 2009) and is simpler and faster.
//
// Training (Collins 2002): for each word, predict with the current weights (history = the words'
// predicted tags, as at test time); when wrong, add 1 to the gold class's weights of the active
// features and subtract 1 from the predicted class's. The returned weights are the averages over
// all steps (the "lazy" timestamp trick keeps this O(updates)), which generalises far better than
// the last weights.
//
// Features. Static ones (computed once per word): the word and its lower form, shape ("Xxxxx",
// compressed "Xx"), affixes, capitalisation with sentence position, whether the sentence is an
// all-capitals headline, words and shapes in a +-2 window, gazetteer bits of the word and its
// neighbours, whether the lower form is a common English word, and two document features: the
// same word appears in lower case elsewhere in the document (so "Will" is probably not a name),
// and it appears capitalised in the middle of a sentence elsewhere (so a sentence-initial or
// headline word is probably a name). Document context (v5): every capitalised run outside
// headlines pools, per lower-cased word, the words just before and after the run ("shares in",
// "said", numbers as shapes), the run's last word and an organisation-word cue ("Ahold NV");
// each mention of the word then carries the cues of all its mentions, so the first, explicit
// mention informs the bare later ones. And how much of the document is a results table (lines
// of numbers), where place names mostly name teams. Dynamic ones: the previous tag, the two
// previous tags, and the previous tag with the word and with its shape. Features are 64-bit hashes of strings.
#include "precis/facts/entity_tagger.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <unordered_map>

#include "precis/facts/entity_features.h"
#include "precis/facts/gazetteer.h"
#include "precis/facts/word_clusters.h"

namespace precis::facts {
namespace {

constexpr std::uint32_t kFeatureVersion = 6;
constexpr char kMagic[8] = {'P', 'R', 'C', 'S', 'N', 'E', 'R', '2'};
constexpr int kJackknifeFolds = 4;

using Sentences = std::vector<std::vector<std::string_view>>;

// One perceptron: feature hash -> row of kTagClasses weights. `index` is the growable map used
// while training; freeze() adds an open-addressing copy (linear probing over a power-of-two
// array, keys are already uniform hashes) that tagging reads: a tagged word looks up ~100
// features, most of them absent, and the flat probe is several times faster than the node map.
struct Table {
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  std::vector<float> weights;
  std::vector<std::uint64_t> slot_keys;
  std::vector<std::uint32_t> slot_rows;  // row + 1; 0 = empty slot
  std::uint64_t mask = 0;

  void freeze() {
    std::size_t capacity = 16;
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

  const float* row_of(std::uint64_t key) const {
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

  void score(const std::vector<std::uint64_t>& features, std::array<double, kTagClasses>& s) const {
    s.fill(0);
    for (std::uint64_t key : features) {
      const float* w = row_of(key);
      if (w == nullptr) continue;
      for (int c = 0; c < kTagClasses; ++c) s[c] += w[c];
    }
  }
};

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

std::vector<int> decode(const Table& table, const std::vector<std::vector<std::uint64_t>>& feats,
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

std::vector<std::vector<NameSpan>> decode_document(const Table& table, const DocumentFeatures& feats,
                                                   const Sentences& sentences) {
  std::vector<std::vector<NameSpan>> out(sentences.size());
  for (std::size_t i = 0; i < sentences.size(); ++i) out[i] = spans_of_classes(decode(table, feats[i], sentences[i]));
  return out;
}

struct Item {
  const std::vector<std::string_view>* words;
  const std::vector<int>* gold;
  const std::vector<std::vector<std::uint64_t>>* feats;
};

// Averaged perceptron training with greedy decoding (see the file comment).
Table train_table(const std::vector<Item>& items, const TrainOptions& options) {
  Table model;
  std::vector<double> totals;
  std::vector<std::uint64_t> stamps;
  std::uint64_t step = 0;
  auto update = [&](std::uint64_t key, int cls, float delta) {
    auto [it, inserted] = model.index.emplace(key, static_cast<std::uint32_t>(model.index.size()));
    if (inserted) {
      model.weights.resize(model.weights.size() + kTagClasses, 0.0f);
      totals.resize(totals.size() + kTagClasses, 0.0);
      stamps.resize(stamps.size() + kTagClasses, 0);
    }
    std::size_t k = static_cast<std::size_t>(it->second) * kTagClasses + cls;
    totals[k] += static_cast<double>(step - stamps[k]) * model.weights[k];
    stamps[k] = step;
    model.weights[k] += delta;
  };
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::vector<std::uint64_t> f;
  std::array<double, kTagClasses> s{};
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t idx : order) {
      const Item& item = items[idx];
      const auto& words = *item.words;
      std::vector<int> tags(words.size(), 0);
      for (std::size_t i = 0; i < words.size(); ++i) {
        ++step;
        f = (*item.feats)[i];
        const int prev = i >= 1 ? tags[i - 1] : -1;
        add_history_features(f, prev, i >= 2 ? tags[i - 2] : -1, words[i]);
        model.score(f, s);
        const int best = best_allowed(prev, s);
        const int gold = (*item.gold)[i];
        if (best != gold) {
          for (std::uint64_t key : f) {
            update(key, gold, 1.0f);
            update(key, best, -1.0f);
          }
        }
        tags[i] = best;
      }
    }
  }
  // Average, and drop rows that ended at zero.
  Table averaged;
  const double steps = static_cast<double>(std::max<std::uint64_t>(step, 1));
  for (const auto& [key, row] : model.index) {
    std::array<float, kTagClasses> avg{};
    bool any = false;
    for (int c = 0; c < kTagClasses; ++c) {
      std::size_t k = static_cast<std::size_t>(row) * kTagClasses + c;
      double total = totals[k] + static_cast<double>(step - stamps[k]) * model.weights[k];
      avg[c] = static_cast<float>(total / steps);
      any = any || avg[c] != 0.0f;
    }
    if (!any) continue;
    averaged.index.emplace(key, static_cast<std::uint32_t>(averaged.weights.size() / kTagClasses));
    averaged.weights.insert(averaged.weights.end(), avg.begin(), avg.end());
  }
  averaged.freeze();
  return averaged;
}

void write_table(std::ofstream& out, const Table& table) {
  std::uint64_t count = table.index.size();
  out.write(reinterpret_cast<const char*>(&count), sizeof count);
  for (const auto& [key, row] : table.index) {
    out.write(reinterpret_cast<const char*>(&key), sizeof key);
    out.write(reinterpret_cast<const char*>(&table.weights[static_cast<std::size_t>(row) * kTagClasses]),
              sizeof(float) * kTagClasses);
  }
}

Result<Table> read_table(std::ifstream& in, const std::string& path) {
  std::uint64_t count = 0;
  in.read(reinterpret_cast<char*>(&count), sizeof count);
  if (!in || count > (1u << 24)) return make_error(path + " is corrupt (feature count)");
  Table table;
  table.index.reserve(count);
  table.weights.resize(count * kTagClasses);
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t key = 0;
    in.read(reinterpret_cast<char*>(&key), sizeof key);
    in.read(reinterpret_cast<char*>(&table.weights[i * kTagClasses]), sizeof(float) * kTagClasses);
    if (!in) return make_error(path + " is truncated");
    table.index.emplace(key, static_cast<std::uint32_t>(i));
  }
  table.freeze();
  return table;
}

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

}  // namespace

struct EntityTagger::Model {
  Table first;
  Table second;
  // Fingerprint of the word clusters the model was trained with; 0 = none.
  std::uint64_t clusters = 0;
};

namespace {
// The clusters a model needs at tagging time (null when it was trained without them).
const WordClusters* clusters_for(std::uint64_t fingerprint) {
  if (fingerprint == 0) return nullptr;
  return &default_word_clusters();
}
}  // namespace

EntityTagger::EntityTagger() = default;

EntityTagger EntityTagger::rule_based() { return EntityTagger(); }

EntityTagger EntityTagger::train(const std::vector<LabeledDocument>& documents, const TrainOptions& options) {
  const Gazetteer& gazetteer = Gazetteer::system();
  const WordClusters* clusters = options.word_clusters ? &default_word_clusters() : nullptr;
  if (clusters != nullptr && clusters->empty()) clusters = nullptr;
  const std::size_t n = documents.size();
  std::vector<Sentences> words(n);
  std::vector<std::vector<std::vector<int>>> gold(n);
  std::vector<DocumentFeatures> feats(n);
  for (std::size_t d = 0; d < n; ++d) {
    for (const auto& s : documents[d].sentences) {
      words[d].emplace_back(s.words.begin(), s.words.end());
      std::vector<int> classes;
      for (const auto& t : s.tags) classes.push_back(tag_class(t));
      classes.resize(s.words.size(), 0);
      gold[d].push_back(std::move(classes));
    }
    feats[d] = static_features(words[d], gazetteer, clusters);
  }
  auto items_of = [&](const std::vector<DocumentFeatures>& f, auto&& keep) {
    std::vector<Item> items;
    for (std::size_t d = 0; d < n; ++d) {
      if (!keep(d)) continue;
      for (std::size_t i = 0; i < words[d].size(); ++i) items.push_back(Item{&words[d][i], &gold[d][i], &f[d][i]});
    }
    return items;
  };
  auto model = std::make_shared<Model>();
  model->clusters = clusters == nullptr ? 0 : clusters->fingerprint();
  model->first = train_table(items_of(feats, [](std::size_t) { return true; }), options);
  // Jackknifed first-pass output on the training documents, for the second pass.
  std::vector<DocumentFeatures> second = feats;
  const int folds = n >= static_cast<std::size_t>(kJackknifeFolds) ? kJackknifeFolds : 1;
  for (int fold = 0; fold < folds; ++fold) {
    Table partial = folds == 1 ? model->first
                               : train_table(items_of(feats, [&](std::size_t d) { return static_cast<int>(d % folds) != fold; }),
                                             options);
    for (std::size_t d = 0; d < n; ++d) {
      if (static_cast<int>(d % folds) != fold) continue;
      add_consistency_features(words[d], decode_document(partial, feats[d], words[d]), second[d]);
    }
  }
  model->second = train_table(items_of(second, [](std::size_t) { return true; }), options);
  EntityTagger tagger;
  tagger.model_ = model;
  return tagger;
}

std::vector<std::vector<NameSpan>> EntityTagger::tag_document(const Sentences& sentences) const {
  if (model_ == nullptr) return tag_with_rules(sentences, Gazetteer::system());
  DocumentFeatures feats = static_features(sentences, Gazetteer::system(), clusters_for(model_->clusters));
  auto first = decode_document(model_->first, feats, sentences);
  add_consistency_features(sentences, first, feats);
  return decode_document(model_->second, feats, sentences);
}

std::string EntityTagger::description() const {
  if (model_ == nullptr) return "rules+gazetteer";
  return "two-pass averaged perceptron (" + std::to_string(model_->first.index.size()) + " + " +
         std::to_string(model_->second.index.size()) + " features)";
}

Result<bool> EntityTagger::save(const std::string& path) const {
  if (model_ == nullptr) return make_error("the rule tagger has no model to save");
  const std::string tmp = path + ".tmp" + std::to_string(std::random_device{}());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return make_error("cannot write " + tmp);
    std::uint32_t version = kFeatureVersion, classes = kTagClasses;
    out.write(kMagic, sizeof kMagic);
    out.write(reinterpret_cast<const char*>(&version), sizeof version);
    out.write(reinterpret_cast<const char*>(&classes), sizeof classes);
    out.write(reinterpret_cast<const char*>(&model_->clusters), sizeof model_->clusters);
    write_table(out, model_->first);
    write_table(out, model_->second);
    if (!out) {
      std::remove(tmp.c_str());
      return make_error("cannot write " + tmp);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return make_error("cannot rename " + tmp + " to " + path);
  }
  return true;
}

Result<EntityTagger> EntityTagger::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot open " + path);
  char magic[sizeof kMagic];
  std::uint32_t version = 0, classes = 0;
  in.read(magic, sizeof magic);
  in.read(reinterpret_cast<char*>(&version), sizeof version);
  in.read(reinterpret_cast<char*>(&classes), sizeof classes);
  if (!in || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return make_error(path + " is not a precis entity model");
  if (version != kFeatureVersion || classes != kTagClasses) {
    return make_error(path + " was written by another version of precis (features v" + std::to_string(version) + ")");
  }
  auto model = std::make_shared<Model>();
  in.read(reinterpret_cast<char*>(&model->clusters), sizeof model->clusters);
  if (!in) return make_error(path + " is truncated");
  if (model->clusters != 0 && model->clusters != default_word_clusters().fingerprint()) {
    return make_error(path + " was trained with other word clusters");
  }
  auto first = read_table(in, path);
  if (!first) return tl::unexpected(first.error());
  auto second = read_table(in, path);
  if (!second) return tl::unexpected(second.error());
  model->first = std::move(*first);
  model->second = std::move(*second);
  EntityTagger tagger;
  tagger.model_ = model;
  return tagger;
}

std::string cache_model_path() {
  std::string dir = env_or_empty("XDG_CACHE_HOME");
  if (dir.empty()) {
    std::string home = env_or_empty("HOME");
    if (home.empty()) return "";
    dir = home + "/.cache";
  }
  return dir + "/precis/entities-v" + std::to_string(kFeatureVersion) + ".model";
}

std::string shared_data_root() {
  std::string env = env_or_empty("PRECIS_SHARED_DATA");
  if (!env.empty()) return env;
#ifdef PRECIS_SOURCE_DIR
  return std::string(PRECIS_SOURCE_DIR) + "/../shared/data";
#else
  return "../shared/data";
#endif
}

std::string conll_dev_path() { return shared_data_root() + "/conll2003_en/valid.txt"; }
std::string conll_test_path() { return shared_data_root() + "/conll2003_en/test.txt"; }

const EntityTagger& default_entity_tagger() {
  static const EntityTagger tagger = [] {
    std::string explicit_path = env_or_empty("PRECIS_ENTITY_MODEL");
    if (!explicit_path.empty()) {
      auto loaded = EntityTagger::load(explicit_path);
      if (loaded) return *loaded;
    }
    const std::string cache = cache_model_path();
    if (!cache.empty()) {
      auto loaded = EntityTagger::load(cache);
      if (loaded) return *loaded;
    }
    auto docs = read_conll(conll_dev_path());
    if (docs && !docs->empty()) {
      EntityTagger trained = EntityTagger::train(*docs);
      if (!cache.empty()) {
        // Best effort: a read-only home only costs retraining next time.
        std::error_code ignored;
        std::filesystem::create_directories(std::filesystem::path(cache).parent_path(), ignored);
        (void)trained.save(cache);
      }
      return trained;
    }
    return EntityTagger::rule_based();
  }();
  return tagger;
}

}  // namespace precis::facts
