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

TEST(ClusteringScores, PerStoryAnalysisListsSplitsAndImpurity) {
  // Gold a: items 0-2, split 2 + 1; gold b: items 3-4, merged with a's third item into story 7.
  std::vector<std::vector<std::string>> gold{{"a"}, {"a"}, {"a"}, {"b"}, {"b"}};
  std::vector<std::uint32_t> predicted{5, 5, 7, 7, 7};
  std::string report = per_story_analysis(gold, predicted);
  EXPECT_NE(report.find("gold a 3 docs: recall 0.67 in 2: 5:2 7:1"), std::string::npos) << report;
  EXPECT_EQ(report.find("gold b"), std::string::npos) << report;  // b is whole
  EXPECT_NE(report.find("story 7 3 docs: purity 0.67 in 2: b:2 a:1"), std::string::npos) << report;
  EXPECT_EQ(report.find("story 5"), std::string::npos) << report;  // pure
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
  // Issue 5 targets B-cubed F1 >= 0.95; precis reaches 0.895 in date order (0.874-0.882 shuffled
  // within days). This floor catches regressions; raise it as the clusterer improves.
  EXPECT_GE(all.scores.f1, 0.885);
  // Piles (a folder of the week's news, undated): one row per part of the pooled set, each the
  // mean of 20 piles of 25 topics x 1-4 documents (about 62 documents a pile).
  std::size_t piles = 0;
  for (const DatasetReport& row : report->rows) {
    if (row.name != "piles") continue;
    ++piles;
    EXPECT_TRUE(row.subset == "duc2003_task2" || row.subset == "duc2004_task2") << row.subset;
    EXPECT_GE(row.scores.gold_clusters, 25u);
    EXPECT_GT(row.scores.items, 25u);
    EXPECT_LT(row.scores.items, 100u);
    EXPECT_GE(row.scores.f1, 0.88) << row.subset;  // 0.9088 / 0.9048 when added; a floor against regressions
  }
  EXPECT_EQ(piles, 2u);
  // Shuffling arrivals within a day changes little. Without story splits seed 7 moved F1 by 0.051
  // (a revived dormant story took in a neighbouring event); the split check undoes such merges, and
  // seeds 1 / 7 / 42 now move F1 by 0.021 / 0.013 / 0.017. The bound is 0.03: order sensitivity
  // above that is a regression.
  options.shuffle_seed = 7;
  auto shuffled = evaluate_clustering(options, diagnostics);
  ASSERT_TRUE(shuffled);
  EXPECT_NEAR(shuffled->rows.front().scores.f1, all.scores.f1, 0.03);
}

}  // namespace
}  // namespace precis::harness
