// The averaged perceptron name tagger.
//
// Model. Tags are IOB2 over PER, ORG, LOC, MISC (9 classes). Each word gets a score per class
// from the sum of the weights of its active features; a sentence's classes are the best legal
// sequence (I-X only after B-X or I-X) under those scores and the history features, found by
// second-order Viterbi (entity_perceptron.h; greedy left-to-right decoding, Ratinov & Roth 2009,
// remains an option: it was 1.4-2.4 F1 points worse on the development halves).
//
// Training (Collins 2002): the structured perceptron -- decode each sentence with the current
// weights, and when the path is wrong add the gold path's features and subtract the predicted
// path's; the returned weights are the averages over all steps. Each pass is an ensemble: several
// perceptrons trained with different sentence orders (in parallel threads), whose weights are
// averaged into one table, so tagging costs the same as with one.
//
// Two passes (Krishnan & Manning 2006): the second pass adds, for every capitalised word, how the
// first pass labelled the same word elsewhere in the document; on the training documents those
// first-pass labels come from 4 jackknife folds, so they are as noisy as at tagging time.
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
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "precis/base/files.h"
#include "precis/base/shared_data.h"
#include "precis/facts/entity_features.h"
#include "precis/facts/entity_perceptron.h"
#include "precis/facts/gazetteer.h"
#include "precis/facts/name_refine.h"
#include "precis/facts/word_clusters.h"

namespace precis::facts {
namespace {

constexpr std::uint32_t kFeatureVersion = 7;
constexpr char kMagic[8] = {'P', 'R', 'C', 'S', 'N', 'E', 'R', '2'};
constexpr int kJackknifeFolds = 4;
constexpr int kMaxEnsemble = 16;

using Sentences = std::vector<std::vector<std::string_view>>;

std::vector<std::vector<NameSpan>> decode_document(const WeightTable& table, EntityDecoder decoder,
                                                   const DocumentFeatures& feats, const Sentences& sentences,
                                                   const DocumentHistory& history) {
  const auto classes = decode_document_classes(table, decoder, feats, sentences, history);
  std::vector<std::vector<NameSpan>> out(sentences.size());
  for (std::size_t i = 0; i < sentences.size(); ++i) out[i] = spans_of_classes(classes[i]);
  return out;
}

// Runs job(0) .. job(count - 1), on up to hardware_concurrency() threads; each job writes only
// its own outputs, so the result does not depend on the scheduling. Falls back to running the
// jobs here when no thread can be started.
template <class Job>
void run_jobs(std::size_t count, const Job& job) {
  const std::size_t workers = std::min<std::size_t>(count, std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t j = next++; j < count; j = next++) job(j);
  };
  std::vector<std::thread> threads;
  try {
    for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(work);
  } catch (const std::system_error&) {
    // Fewer threads: the others and this one take the remaining jobs.
  }
  work();
  for (std::thread& t : threads) t.join();
}

// Seed of ensemble member m (member 0 uses the options' seed).
std::uint64_t member_seed(const TrainOptions& options, int m) { return options.seed + 7919u * static_cast<std::uint64_t>(m); }

void write_table(std::ostream& out, const WeightTable& table) {
  std::uint64_t count = table.index.size();
  out.write(reinterpret_cast<const char*>(&count), sizeof count);
  for (const auto& [key, row] : table.index) {
    out.write(reinterpret_cast<const char*>(&key), sizeof key);
    out.write(reinterpret_cast<const char*>(&table.weights[static_cast<std::size_t>(row) * kTagClasses]),
              sizeof(float) * kTagClasses);
  }
}

Result<WeightTable> read_table(std::ifstream& in, const std::string& path) {
  std::uint64_t count = 0;
  in.read(reinterpret_cast<char*>(&count), sizeof count);
  if (!in || count > (1u << 24)) return make_error(path + " is corrupt (feature count)");
  WeightTable table;
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
  EntityDecoder decoder = EntityDecoder::kGreedy;
  WeightTable first;
  WeightTable second;
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
    std::vector<TrainItem> items;
    for (std::size_t d = 0; d < n; ++d) {
      if (!keep(d)) continue;
      for (std::size_t i = 0; i < words[d].size(); ++i) items.push_back(TrainItem{&words[d][i], &gold[d][i], &f[d][i]});
    }
    return items;
  };
  auto model = std::make_shared<Model>();
  model->decoder = options.decoder;
  model->clusters = clusters == nullptr ? 0 : clusters->fingerprint();
  const int members = std::clamp(options.ensemble, 1, kMaxEnsemble);
  const int folds = n >= static_cast<std::size_t>(kJackknifeFolds) ? kJackknifeFolds : 1;
  // First pass: the ensemble members on all documents and, for the second pass's training input,
  // one perceptron per jackknife fold on the other folds -- all independent, so trained at once.
  const std::vector<TrainItem> all_items = items_of(feats, [](std::size_t) { return true; });
  std::vector<std::vector<TrainItem>> fold_items;
  if (folds > 1) {
    for (int fold = 0; fold < folds; ++fold) {
      fold_items.push_back(items_of(feats, [&](std::size_t d) { return static_cast<int>(d % folds) != fold; }));
    }
  }
  std::vector<WeightTable> first(members), partial(fold_items.size());
  run_jobs(first.size() + partial.size(), [&](std::size_t j) {
    if (j < first.size()) first[j] = train_table(all_items, options, member_seed(options, static_cast<int>(j)));
    else partial[j - first.size()] = train_table(fold_items[j - first.size()], options, options.seed);
  });
  model->first = members == 1 ? std::move(first[0]) : merge_tables(first);
  // Jackknifed first-pass output on the training documents, for the second pass.
  std::vector<DocumentFeatures> second = feats;
  for (std::size_t d = 0; d < n; ++d) {
    const WeightTable& table = folds == 1 ? model->first : partial[d % folds];
    const DocumentHistory history = document_history(words[d]);
    add_consistency_features(words[d], decode_document(table, options.decoder, feats[d], words[d], history), second[d]);
  }
  const std::vector<TrainItem> second_items = items_of(second, [](std::size_t) { return true; });
  std::vector<WeightTable> last(members);
  run_jobs(last.size(), [&](std::size_t j) {
    last[j] = train_table(second_items, options, member_seed(options, static_cast<int>(j)));
  });
  model->second = members == 1 ? std::move(last[0]) : merge_tables(last);
  EntityTagger tagger;
  tagger.model_ = model;
  return tagger;
}

std::vector<std::vector<NameSpan>> EntityTagger::tag_document(const Sentences& sentences) const {
  std::vector<std::vector<NameSpan>> out;
  if (model_ == nullptr) {
    out = tag_with_rules(sentences, Gazetteer::system());
  } else {
    DocumentFeatures feats = static_features(sentences, Gazetteer::system(), clusters_for(model_->clusters));
    // The history keys depend only on the words: hashed once for both passes.
    const DocumentHistory history = document_history(sentences);
    auto first = decode_document(model_->first, model_->decoder, feats, sentences, history);
    add_consistency_features(sentences, first, feats);
    out = decode_document(model_->second, model_->decoder, feats, sentences, history);
  }
  if (refine_) {
    for (std::size_t i = 0; i < out.size() && i < sentences.size(); ++i) refine_name_spans(sentences[i], out[i]);
  }
  return out;
}

std::string EntityTagger::description() const {
  if (model_ == nullptr) return "rules+gazetteer";
  return "two-pass averaged perceptron (" + std::to_string(model_->first.index.size()) + " + " +
         std::to_string(model_->second.index.size()) + " features)";
}

Result<bool> EntityTagger::save(const std::string& path) const {
  if (model_ == nullptr) return make_error("the rule tagger has no model to save");
  std::ostringstream out(std::ios::binary);
  std::uint32_t version = kFeatureVersion, classes = kTagClasses;
  out.write(kMagic, sizeof kMagic);
  out.write(reinterpret_cast<const char*>(&version), sizeof version);
  out.write(reinterpret_cast<const char*>(&classes), sizeof classes);
  out.write(reinterpret_cast<const char*>(&model_->clusters), sizeof model_->clusters);
  const std::uint32_t decoder = static_cast<std::uint32_t>(model_->decoder);
  out.write(reinterpret_cast<const char*>(&decoder), sizeof decoder);
  write_table(out, model_->first);
  write_table(out, model_->second);
  return write_file_atomically(path, out.str());
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
  std::uint32_t decoder = 0;
  in.read(reinterpret_cast<char*>(&decoder), sizeof decoder);
  if (!in) return make_error(path + " is truncated");
  if (decoder > static_cast<std::uint32_t>(EntityDecoder::kViterbi)) return make_error(path + " names an unknown decoder");
  model->decoder = static_cast<EntityDecoder>(decoder);
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
  const std::string dir = user_cache_dir();
  return dir.empty() ? "" : dir + "/entities-v" + std::to_string(kFeatureVersion) + ".model";
}

std::string shared_data_root() { return precis::shared_data_dir(); }

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
      // Best effort (save creates the folder): a read-only home only costs retraining next time.
      if (!cache.empty()) (void)trained.save(cache);
      return trained;
    }
    return EntityTagger::rule_based();
  }();
  return tagger;
}

}  // namespace precis::facts
