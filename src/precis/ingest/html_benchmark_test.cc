// Main-text extraction quality on the article extraction benchmark (EVAL.md §3): precis must
// reach shingle F1 >= 0.96 (trafilatura 2.0: 0.958). Skipped when ../shared/data is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "precis/eval/extraction_eval.h"
#include "precis/ingest/html_extract.h"

namespace precis::ingest {
namespace {

eval::ExtractionScores run(const eval::ExtractionBenchmark& bench, ExtractionFocus focus) {
  std::map<std::string, std::string> predicted;
  ExtractOptions options;
  options.focus = focus;
  for (const std::string& id : bench.ids) {
    auto html = read_file_bytes(bench.html_path(id));
    if (!html) continue;
    Diagnostics diagnostics;
    options.url = bench.urls.count(id) ? bench.urls.at(id) : std::string();
    ExtractedPage page = extract_html(id, std::move(*html), options, diagnostics);
    if (page.ok) predicted[id] = page.article.body;
  }
  return eval::score_extraction(bench, predicted, 0);
}

TEST(HtmlBenchmark, MainTextF1AtLeast096) {
  std::string root = eval::default_extraction_benchmark_dir();
  if (!std::filesystem::exists(root + "/ground-truth.json")) {
    GTEST_SKIP() << "article extraction benchmark not found under " << root << " (set PRECIS_SHARED_DATA)";
  }
  auto bench = eval::load_extraction_benchmark(root);
  ASSERT_TRUE(bench) << bench.error().message;
  eval::ExtractionScores balanced = run(*bench, ExtractionFocus::kBalanced);
  std::printf("balanced: F1 %.4f P %.4f R %.4f\n", balanced.f1, balanced.precision, balanced.recall);
  EXPECT_GE(balanced.f1, 0.96);
  // The presets trade as promised.
  eval::ExtractionScores precise = run(*bench, ExtractionFocus::kPrecision);
  eval::ExtractionScores recall = run(*bench, ExtractionFocus::kRecall);
  std::printf("precision: F1 %.4f P %.4f R %.4f\nrecall: F1 %.4f P %.4f R %.4f\n", precise.f1, precise.precision,
              precise.recall, recall.f1, recall.precision, recall.recall);
  EXPECT_GT(precise.precision, balanced.precision);
  EXPECT_GT(recall.recall, balanced.recall);
}

}  // namespace
}  // namespace precis::ingest
