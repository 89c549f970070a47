// Clustering metrics on hand-made partitions, and the news_clustering_gold run (skipped without data).
#include "precis/harness/clustering_eval.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "precis/eval/duc_dataset.h"

namespace precis::harness {
namespace {

TEST(ClusteringScores, PerfectAndMergedAndSplit) {
  std::vector<std::vector<std::string>> gold{{"a"}, {"a"}, {"b"}, {"b"}};
  auto perfect = score_clustering(gold, {0, 0, 1, 1});
  EXPECT_DOUBLE_EQ(perfect.f1, 1.0);
  EXPECT_DOUBLE_EQ(perfect.ari, 1.0);
  auto merged = score_clustering(gold, {0, 0, 0, 0});
  EXPECT_DOUBLE_EQ(merged.precision, 0.5);
  EXPECT_DOUBLE_EQ(merged.recall, 1.0);
  auto split = score_clustering(gold, {0, 1, 2, 3});
  EXPECT_DOUBLE_EQ(split.precision, 1.0);
  EXPECT_DOUBLE_EQ(split.recall, 0.5);
  EXPECT_NEAR(split.ari, 0.0, 1e-12);
}

TEST(ClusteringScores, TwoLabelsAreCorrectInEither) {
  // Item 2 is listed under both topics: with either group it is right.
  std::vector<std::vector<std::string>> gold{{"a"}, {"a"}, {"a", "b"}, {"b"}};
  EXPECT_DOUBLE_EQ(score_clustering(gold, {0, 0, 0, 1}).precision, 1.0);
  EXPECT_DOUBLE_EQ(score_clustering(gold, {0, 0, 1, 1}).precision, 1.0);
  EXPECT_DOUBLE_EQ(score_clustering(gold, {0, 0, 1, 1}).ari, 1.0);
}

TEST(ClusteringEval, NewsClusteringGold) {
  std::string root = eval::shared_data_dir();
  if (!std::filesystem::exists(root + "/news_clustering_gold/labels.tsv")) {
    GTEST_SKIP() << "../shared/data/news_clustering_gold not found (set PRECIS_SHARED_DATA)";
  }
  ClusteringEvalOptions options;
  options.data_dir = root;
  Diagnostics diagnostics;
  auto report = evaluate_clustering(options, diagnostics);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_FALSE(report->rows.empty());
  const DatasetReport& all = report->rows.front();
  EXPECT_EQ(all.name, "news_clustering_gold");
  EXPECT_EQ(all.scores.items, 741u);
  // Issue 5 targets B-cubed F1 >= 0.95; precis reaches 0.866 in date order (0.84-0.85 shuffled
  // within days). This floor catches regressions; raise it as the clusterer improves.
  EXPECT_GE(all.scores.f1, 0.85);
  // Shuffling arrivals within a day changes little.
  options.shuffle_seed = 7;
  auto shuffled = evaluate_clustering(options, diagnostics);
  ASSERT_TRUE(shuffled);
  EXPECT_NEAR(shuffled->rows.front().scores.f1, all.scores.f1, 0.05);
}

}  // namespace
}  // namespace precis::harness
