// The perceptron's decoders and training: Viterbi finds the best legal IOB2 path (checked against
// brute force on random score tables), the weight table grows and merges correctly, and ensemble
// training is deterministic for a fixed seed.
#include "precis/facts/entity_perceptron.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "precis/facts/gazetteer.h"

namespace precis::facts {
namespace {

SentenceScores zero_scores(std::size_t n) {
  SentenceScores s;
  s.unary.assign(n, {});
  s.pair.resize(n);
  for (auto& word : s.pair) {
    for (auto& row : word) row.fill(0);
  }
  for (auto& a : s.triple) {
    for (auto& row : a) row.fill(0);
  }
  return s;
}

double path_score(const SentenceScores& s, const std::vector<int>& tags) {
  double total = 0;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const int p = i >= 1 ? tags[i - 1] : -1;
    const int p2 = i >= 2 ? tags[i - 2] : -1;
    total += s.unary[i][tags[i]] + s.pair[i][p + 1][tags[i]] + s.triple[p2 + 1][p + 1][tags[i]];
  }
  return total;
}

bool legal(const std::vector<int>& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (!tag_allowed(i == 0 ? 0 : tags[i - 1], tags[i])) return false;
  }
  return true;
}

TEST(Viterbi, PrefersBestLegalPathOverGreedyChoice) {
  // Classes: 0 O, 1 B-PER, 2 I-PER, 3 B-ORG, 4 I-ORG. Word 0 leans B-PER (2 vs 1.5 for B-ORG);
  // word 1 strongly wants I-ORG (5), which is illegal after B-PER. Greedy takes B-PER and then
  // must settle for less; the best legal path is B-ORG I-ORG (1.5 + 5).
  SentenceScores s = zero_scores(2);
  s.unary[0][1] = 2.0;
  s.unary[0][3] = 1.5;
  s.unary[1][4] = 5.0;
  s.unary[1][2] = 1.0;
  EXPECT_EQ(viterbi_decode(s), (std::vector<int>{3, 4}));
  // An I- class is never first, however high its score.
  SentenceScores first = zero_scores(1);
  first.unary[0][2] = 9.0;
  first.unary[0][1] = 1.0;
  EXPECT_EQ(viterbi_decode(first), (std::vector<int>{1}));
  EXPECT_TRUE(viterbi_decode(zero_scores(0)).empty());
}

TEST(Viterbi, MatchesBruteForceOnRandomTables) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0.0, 1.0);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 1 + trial % 4;
    SentenceScores s = zero_scores(n);
    for (auto& row : s.unary) {
      for (double& v : row) v = noise(rng);
    }
    for (auto& word : s.pair) {
      for (auto& row : word) {
        for (double& v : row) v = noise(rng);
      }
    }
    for (auto& a : s.triple) {
      for (auto& row : a) {
        for (double& v : row) v = noise(rng);
      }
    }
    double best = -1e300;
    std::vector<int> tags(n, 0);
    std::size_t total = 1;
    for (std::size_t i = 0; i < n; ++i) total *= kTagClasses;
    for (std::size_t code = 0; code < total; ++code) {
      std::size_t c = code;
      for (std::size_t i = 0; i < n; ++i, c /= kTagClasses) tags[i] = static_cast<int>(c % kTagClasses);
      if (legal(tags)) best = std::max(best, path_score(s, tags));
    }
    const std::vector<int> got = viterbi_decode(s);
    ASSERT_EQ(got.size(), n);
    EXPECT_TRUE(legal(got)) << "trial " << trial;
    EXPECT_NEAR(path_score(s, got), best, 1e-9) << "trial " << trial;
  }
}

TEST(PerceptronTable, GrowsAndMerges) {
  WeightTable a;
  for (std::uint64_t key = 1; key <= 5000; ++key) {
    const std::uint32_t row = a.row_for(key * 0x9e3779b97f4a7c15ull);
    a.weights[static_cast<std::size_t>(row) * kTagClasses] = static_cast<float>(key);
  }
  ASSERT_EQ(a.index.size(), 5000u);
  EXPECT_EQ(a.row_for(3 * 0x9e3779b97f4a7c15ull), 2u);  // present: same row, nothing added
  ASSERT_EQ(a.index.size(), 5000u);
  ASSERT_NE(a.row_of(4999 * 0x9e3779b97f4a7c15ull), nullptr);
  EXPECT_EQ(a.row_of(4999 * 0x9e3779b97f4a7c15ull)[0], 4999.0f);
  EXPECT_EQ(a.row_of(12345), nullptr);

  WeightTable b, c;
  const std::uint32_t rb = b.row_for(42), rc = c.row_for(42), rc2 = c.row_for(43);
  b.weights[rb * kTagClasses + 1] = 2.0f;
  c.weights[rc * kTagClasses + 1] = 4.0f;
  c.weights[rc2 * kTagClasses + 0] = 6.0f;
  WeightTable merged = merge_tables({b, c});
  ASSERT_NE(merged.row_of(42), nullptr);
  EXPECT_FLOAT_EQ(merged.row_of(42)[1], 3.0f);  // mean of 2 and 4
  ASSERT_NE(merged.row_of(43), nullptr);
  EXPECT_FLOAT_EQ(merged.row_of(43)[0], 3.0f);  // 6 in one table, absent (0) in the other
}

// A small fictional labelled set: names in fixed frames.
std::vector<LabeledDocument> toy_documents() {
  const char* people[] = {"Alma Korsgaard", "Tomas Velde", "Ines Marrow"};
  const char* orgs[] = {"Northwind Agency", "Velco Group", "Ambra Bank"};
  const char* places[] = {"Eskelund", "Varden", "Mossby"};
  std::vector<LabeledDocument> docs;
  for (int d = 0; d < 6; ++d) {
    LabeledDocument doc;
    for (int i = 0; i < 3; ++i) {
      LabeledSentence s;
      auto add = [&](const std::string& text, const char* type) {
        std::size_t start = 0;
        for (bool first = true;; first = false) {
          const std::size_t sp = text.find(' ', start);
          s.words.push_back(text.substr(start, sp == std::string::npos ? std::string::npos : sp - start));
          s.tags.push_back(type == nullptr ? "O" : std::string(first ? "B-" : "I-") + type);
          if (sp == std::string::npos) break;
          start = sp + 1;
        }
      };
      add(people[(i + d) % 3], "PER");
      add("told", nullptr);
      add(orgs[(i + 2 * d) % 3], "ORG");
      add("staff in", nullptr);
      add(places[(i + d + 1) % 3], "LOC");
      add(".", nullptr);
      doc.sentences.push_back(std::move(s));
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(EntityEnsemble, DeterministicForFixedSeed) {
  const auto docs = toy_documents();
  TrainOptions options;
  options.epochs = 3;
  options.ensemble = 3;
  const auto dir = std::filesystem::temp_directory_path();
  const std::string p1 = (dir / "precis_ensemble_1.model").string();
  const std::string p2 = (dir / "precis_ensemble_2.model").string();
  ASSERT_TRUE(EntityTagger::train(docs, options).save(p1));
  ASSERT_TRUE(EntityTagger::train(docs, options).save(p2));
  const std::string a = file_bytes(p1), b = file_bytes(p2);
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);  // same seed: byte-identical model, whatever the threads did
  options.seed += 1;
  ASSERT_TRUE(EntityTagger::train(docs, options).save(p2));
  EXPECT_NE(file_bytes(p2), a);  // another seed: other sentence orders, other weights
  std::remove(p1.c_str());
  std::remove(p2.c_str());
}

TEST(EntityEnsemble, BothDecodersLearnToyDataAndSurviveSaveLoad) {
  const auto docs = toy_documents();
  for (EntityDecoder decoder : {EntityDecoder::kGreedy, EntityDecoder::kViterbi}) {
    TrainOptions options;
    options.epochs = 4;
    options.decoder = decoder;
    options.ensemble = 2;
    const EntityTagger tagger = EntityTagger::train(docs, options);
    std::vector<std::vector<std::string_view>> words;
    for (const auto& s : docs[1].sentences) words.emplace_back(s.words.begin(), s.words.end());
    const auto spans = tagger.tag_document(words);
    ASSERT_EQ(spans.size(), docs[1].sentences.size());
    for (std::size_t i = 0; i < spans.size(); ++i) EXPECT_EQ(spans[i], spans_from_tags(docs[1].sentences[i].tags));
    const std::string path = (std::filesystem::temp_directory_path() / "precis_decoder.model").string();
    ASSERT_TRUE(tagger.save(path));
    auto loaded = EntityTagger::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->tag_document(words), spans);
    std::remove(path.c_str());
  }
}

TEST(EntityHistory, WordKeysEqualPerClassKeys) {
  // word_history_keys() hashes the lower form and shape once; the keys must be those of
  // history_keys() (the model's features), including for long words (over the stack buffer) and
  // empty or non-ASCII ones.
  const std::string long_word(300, 'Q');
  for (std::string_view w : {std::string_view("Paris"), std::string_view("the"), std::string_view("U.S."),
                             std::string_view("1998"), std::string_view(""), std::string_view("Z\xC3\xBCrich"),
                             std::string_view("McDONALD'S"), std::string_view(long_word)}) {
    const WordHistoryKeys got = word_history_keys(w);
    for (int p = -1; p < kTagClasses; ++p) {
      EXPECT_EQ(got[p + 1], history_keys(p, ascii_lower(w), word_shape(w, true))) << w << " after " << p;
    }
  }
  EXPECT_NE(word_history_keys("Paris")[1], word_history_keys("paris")[1]);  // the shape differs
}

TEST(EntityHistory, DocumentDecodingEqualsSentenceDecoding) {
  // decode_document_classes() (shared history keys, per-word pair rows, batched lookups) must give
  // exactly decode_sentence() on every sentence, on a table with random weights for every feature.
  const auto docs = toy_documents();
  std::vector<std::vector<std::string_view>> sentences;
  for (const auto& d : docs) {
    for (const auto& s : d.sentences) sentences.emplace_back(s.words.begin(), s.words.end());
  }
  sentences.push_back({});  // an empty sentence
  sentences.push_back({"Velco", "Velco", "Velco"});
  const Gazetteer gazetteer;
  const DocumentFeatures feats = static_features(sentences, gazetteer);
  const DocumentHistory history = document_history(sentences);
  ASSERT_EQ(history.index.size(), sentences.size());
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<float> weight(-2.0f, 2.0f);
  WeightTable table;
  auto add = [&](std::uint64_t key) {
    if (rng() % 4 == 0) return;  // some features stay absent
    const std::uint32_t row = table.row_for(key);
    for (int c = 0; c < kTagClasses; ++c) table.weights[static_cast<std::size_t>(row) * kTagClasses + c] = weight(rng);
  };
  for (const auto& s : feats) {
    for (const auto& w : s) {
      for (std::uint64_t key : w) add(key);
    }
  }
  for (const WordHistoryKeys& word : history.keys) {
    for (const auto& prev : word) {
      for (std::uint64_t key : prev) add(key);
    }
  }
  for (int p2 = -1; p2 < kTagClasses; ++p2) {
    for (int p = -1; p < kTagClasses; ++p) add(history_pair_key(p2, p));
  }
  table.freeze();
  for (EntityDecoder decoder : {EntityDecoder::kGreedy, EntityDecoder::kViterbi}) {
    const auto all = decode_document_classes(table, decoder, feats, sentences, history);
    ASSERT_EQ(all.size(), sentences.size());
    bool any_name = false;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
      EXPECT_EQ(all[i], decode_sentence(table, decoder, feats[i], sentences[i])) << "sentence " << i;
      for (int c : all[i]) any_name = any_name || c != 0;
    }
    EXPECT_TRUE(any_name);  // random weights: not every word is O
  }
}

}  // namespace
}  // namespace precis::facts
