// The extraction scorer: hand-computed cases, and reproduction of the benchmark's published
// figures from the extractor outputs it ships (skipped when ../shared/data is absent).
#include "precis/eval/extraction_eval.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

namespace precis::eval {
namespace {

TEST(ExtractionEval, TokensFollowPythonWordClass) {
  EXPECT_EQ(benchmark_tokens("Hello, wörld_1 — 42%"), (std::vector<std::string>{"Hello", "wörld_1", "42"}));
  EXPECT_TRUE(benchmark_tokens(" ,;").empty());
}

TEST(ExtractionEval, ShinglesCountedAndNormalised) {
  // Truth: a b c d e -> shingles abcd, bcde. Prediction: a b c d x -> abcd, bcdx.
  ShingleMatch m = shingle_match("a b c d e", "a b c d x");
  EXPECT_DOUBLE_EQ(m.tp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.fp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.fn, 1.0 / 3);
  // Short texts make one shorter shingle.
  ShingleMatch same = shingle_match("one two", "one two");
  EXPECT_DOUBLE_EQ(same.tp, 1.0);
  ShingleMatch empty = shingle_match("", "");
  EXPECT_EQ(empty.tp + empty.fp + empty.fn, 0.0);
}

TEST(ExtractionEval, AggregateUsesMeanPrecisionAndRecall) {
  std::vector<ShingleMatch> pages = {{0.5, 0.5, 0.0}, {0.5, 0.0, 0.5}, {1.0, 0.0, 0.0}};
  ExtractionScores s = aggregate_extraction(pages, 0);
  EXPECT_DOUBLE_EQ(s.precision, (0.5 + 1.0 + 1.0) / 3);
  EXPECT_DOUBLE_EQ(s.recall, (1.0 + 0.5 + 1.0) / 3);
  EXPECT_DOUBLE_EQ(s.f1, 2 * s.precision * s.recall / (s.precision + s.recall));
  EXPECT_DOUBLE_EQ(s.accuracy, 1.0 / 3);
}

TEST(ExtractionEval, ReproducesPublishedFigures) {
  std::string root = default_extraction_benchmark_dir();
  if (!std::filesystem::exists(root + "/ground-truth.json")) {
    GTEST_SKIP() << "article extraction benchmark not found under " << root << " (set PRECIS_SHARED_DATA)";
  }
  auto bench = load_extraction_benchmark(root);
  ASSERT_TRUE(bench) << bench.error().message;
  ASSERT_EQ(bench->ids.size(), 181u);
  int checked = 0;
  for (const auto& [system, published] : published_extraction_scores()) {
    std::string path = root + "/output/" + system + ".json";
    if (!std::filesystem::exists(path)) continue;
    auto predicted = load_extraction_output(path);
    ASSERT_TRUE(predicted) << predicted.error().message;
    ExtractionScores s = score_extraction(*bench, *predicted, 0);
    EXPECT_NEAR(s.f1, published.f1, 0.0005) << system;
    EXPECT_NEAR(s.precision, published.precision, 0.0005) << system;
    EXPECT_NEAR(s.recall, published.recall, 0.0005) << system;
    EXPECT_NEAR(s.accuracy, published.accuracy, 0.0005) << system;
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

}  // namespace
}  // namespace precis::eval
