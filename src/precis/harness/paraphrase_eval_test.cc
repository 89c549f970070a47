// MSRP target (accuracy >= 0.76, trained on train only) and the rewrite benchmark; skipped without data.
#include "precis/harness/paraphrase_eval.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "precis/eval/duc_dataset.h"

namespace precis::harness {
namespace {

TEST(ParaphraseEval, MsrpAccuracyTarget) {
  std::string dir = eval::shared_data_dir() + "/msrp";
  if (!std::filesystem::exists(dir + "/msr_paraphrase_test.txt")) GTEST_SKIP() << dir << " not found";
  Diagnostics diagnostics;
  auto r = evaluate_msrp(dir, {}, diagnostics);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->test_pairs, 1725u);
  EXPECT_GE(r->accuracy, 0.76);
  EXPECT_GT(r->accuracy, r->majority_accuracy);
}

TEST(ParaphraseEval, RewriteBenchmark) {
  std::string dir = eval::shared_data_dir() + "/duc2004_task2";
  if (!std::filesystem::exists(dir + "/docs")) GTEST_SKIP() << dir << " not found";
  if (!std::filesystem::exists(std::string(eval::kWordNetDir) + "/data.noun")) GTEST_SKIP() << "wordnet-base not installed";
  RewriteBenchOptions options;
  options.duc_dir = dir;
  options.sources = 100;
  Diagnostics diagnostics;
  auto r = run_rewrite_benchmark(options, diagnostics);
  ASSERT_TRUE(r) << r.error().message;
  for (const RewriteKindRow& row : r->rows) {
    if (row.kind == "distractors") continue;
    EXPECT_GE(row.recall(), 0.9) << row.kind;
    EXPECT_GE(row.precision(), 0.95) << row.kind;
  }
}

}  // namespace
}  // namespace precis::harness
