// The learnt concept model: the regression recovers a known relation, the model survives a round
// trip through its file format and rejects anything else, and training examples carry the right
// labels.
#include "precis/summarize/concept_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "precis/text/annotate.h"
#include "precis/text/normalize.h"

namespace precis::summarize {
namespace {

std::vector<ConceptExample> synthetic(double slope, double intercept, int n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<ConceptExample> out;
  for (int i = 0; i < n; ++i) {
    ConceptExample e;
    e.features[0] = 1;
    for (int k = 1; k < kConceptFeatures; ++k) e.features[k] = u(rng);
    e.label = 1.0 / (1.0 + std::exp(-(slope * e.features[1] + intercept)));
    out.push_back(e);
  }
  return out;
}

TEST(ConceptModel, RecoversAKnownLogisticRelation) {
  auto model = ConceptModel::train(synthetic(6, -3, 2000, 1), synthetic(-4, 1, 2000, 2), 1e-3);
  ASSERT_TRUE(model) << model.error().message;
  ConceptFeatures x{};
  x[0] = 1;
  for (double v : {0.1, 0.5, 0.9}) {
    x[1] = v;
    EXPECT_NEAR(model->probability(ConceptKind::kBigram, x), 1 / (1 + std::exp(-(6 * v - 3))), 0.02) << v;
    EXPECT_NEAR(model->probability(ConceptKind::kUnigram, x), 1 / (1 + std::exp(-(-4 * v + 1))), 0.02) << v;
  }
}

TEST(ConceptModel, TrainingNeedsExamples) {
  EXPECT_FALSE(ConceptModel::train({}, synthetic(1, 0, 10, 3)));
  EXPECT_FALSE(ConceptModel::train(synthetic(1, 0, 10, 3), {}));
}

TEST(ConceptModel, SerializeParseRoundTripAndRejects) {
  auto model = ConceptModel::train(synthetic(3, -1, 500, 4), synthetic(2, -2, 500, 5));
  ASSERT_TRUE(model);
  std::string text = model->serialize();
  auto back = ConceptModel::parse(text);
  ASSERT_TRUE(back) << back.error().message;
  ConceptFeatures x{};
  x[0] = 1;
  x[1] = 0.3;
  x[5] = 0.7;
  EXPECT_DOUBLE_EQ(back->probability(ConceptKind::kBigram, x), model->probability(ConceptKind::kBigram, x));
  EXPECT_DOUBLE_EQ(back->probability(ConceptKind::kUnigram, x), model->probability(ConceptKind::kUnigram, x));
  EXPECT_FALSE(ConceptModel::parse(""));
  EXPECT_FALSE(ConceptModel::parse("hello world"));
  std::string wrong_version = text;
  wrong_version.replace(wrong_version.find(' ') + 1, 1, "9");
  EXPECT_FALSE(ConceptModel::parse(wrong_version));
  EXPECT_FALSE(ConceptModel::parse(text.substr(0, text.size() / 2)));
  EXPECT_FALSE(ConceptModel::parse(text + " 1"));
}

Article annotated(const std::string& text, std::uint32_t id) {
  Article a;
  a.id = ArticleId{id};
  a.text = text::normalize(text).text;
  text::AnnotateOptions options;
  options.language = "en";
  text::annotate(a, options);
  return a;
}

TEST(ConceptModel, ExamplesAreLabelledByTheReferences) {
  std::vector<Article> articles = {
      annotated("The harbour ferry sank near Velmar island on Sunday. Rescuers searched the cold water.", 1),
      annotated("Rescuers said the harbour ferry sank in a storm. The coast guard sent two boats.", 2),
      annotated("A harbour ferry sank and the coast guard opened an inquiry. Rescuers found a lifeboat.", 3),
  };
  std::vector<const Article*> pointers;
  for (const Article& a : articles) pointers.push_back(&a);
  CandidateSet set = build_candidates(pointers, {false, false, false}, CandidateOptions{});
  std::vector<ReferenceConcepts> references = {
      reference_concepts(annotated("A harbour ferry sank in a storm.", 10)),
      reference_concepts(annotated("The coast guard searched for survivors.", 11)),
  };
  std::vector<ConceptExample> bigrams, unigrams;
  add_training_examples(set, references, 3, bigrams, unigrams);
  // df >= 3: "harbour ferry", "ferry sank" (bigrams); harbour, ferry, sank, rescuers (unigrams).
  ASSERT_EQ(bigrams.size(), 2u);
  for (const ConceptExample& e : bigrams) {
    EXPECT_DOUBLE_EQ(e.label, 0.5);  // in the first reference only
    EXPECT_DOUBLE_EQ(e.features[1], 1.0);  // every document holds it
  }
  ASSERT_EQ(unigrams.size(), 4u);
  int zero = 0;
  for (const ConceptExample& e : unigrams) zero += e.label == 0 ? 1 : 0;
  EXPECT_EQ(zero, 1);  // "rescuers" is in no reference
  // Fewer than three documents: nothing to learn from.
  pointers.pop_back();
  CandidateSet small = build_candidates(pointers, {false, false}, CandidateOptions{});
  bigrams.clear();
  unigrams.clear();
  add_training_examples(small, references, 1, bigrams, unigrams);
  EXPECT_TRUE(bigrams.empty());
}

}  // namespace
}  // namespace precis::summarize
