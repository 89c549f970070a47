#include "precis/eval/sbd.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "precis/eval/duc_dataset.h"

namespace precis::eval {
namespace {

namespace fs = std::filesystem;

TEST(SbdScorer, BoundaryScores) {
  BoundaryScore s = score_boundaries({10, 20, 30, 40}, {10, 25, 30});
  EXPECT_EQ(s.gold, 4u);
  EXPECT_EQ(s.predicted, 3u);
  EXPECT_EQ(s.correct, 2u);
  EXPECT_DOUBLE_EQ(s.precision(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.recall(), 0.5);
  EXPECT_NEAR(s.f1(), 2 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5), 1e-12);
  BoundaryScore empty = score_boundaries({}, {});
  EXPECT_EQ(empty.f1(), 0.0);
}

TEST(SbdScorer, SameSentencesStripsWhitespace) {
  EXPECT_TRUE(same_sentences({"A b.", " C d. "}, {"A b. ", "C d."}));
  EXPECT_FALSE(same_sentences({"A b.", "C d."}, {"A b. C d."}));
  EXPECT_FALSE(same_sentences({"A b."}, {"A c."}));
}

TEST(SbdScorer, CodePointOffsets) {
  EXPECT_EQ(code_point_offset("abc", 2), 2u);
  EXPECT_EQ(code_point_offset("\xc3\xa9t\xc3\xa9", 3), 2u);  // "été": byte 3 is code point 2
  EXPECT_EQ(code_point_offset("\xe2\x80\x94x", 4), 2u);
}

TEST(SbdScorer, SplitForEvalReturnsInputSubstrings) {
  std::string input = "\xe2\x80\x9cHe left.\xe2\x80\x9d  She stayed.";
  auto sentences = split_for_eval(input);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0].text, "\xe2\x80\x9cHe left.\xe2\x80\x9d");
  EXPECT_EQ(sentences[1].text, "She stayed.");
  EXPECT_EQ(input.substr(sentences[1].begin, sentences[1].end - sentences[1].begin), "She stayed.");
}

// Tiny self-written data sets in both formats, to test the evaluators end to end.
TEST(SbdScorer, EvaluatorsOnTinyFiles) {
  fs::path dir = fs::temp_directory_path() / ("precis_sbd_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream golden(dir / "golden.jsonl");
    golden << R"({"id": 1, "rule": "simple", "text": "One two. Three four.", "sentences": ["One two.", "Three four."]})" "\n";
    golden << R"({"id": 2, "rule": "wrong on purpose", "text": "Mr. Vale left.", "sentences": ["Mr.", "Vale left."]})" "\n";
    std::ofstream gum(dir / "gum.jsonl");
    // Code point spans: "Café opened." is 12 code points.
    gum << R"({"doc_id": "d1", "text": "Café opened. It was busy.", "sentences": ["Café opened.", "It was busy."], "sentence_spans": [[0, 12], [13, 25]]})" "\n";
    gum << R"({"doc_id": "d2", "text": "Gen. Moor spoke. Yes.", "sentences": ["Gen.", "Moor spoke.", "Yes."], "sentence_spans": [[0, 4], [5, 16], [17, 21]]})" "\n";
  }
  auto golden = evaluate_golden_rules((dir / "golden.jsonl").string());
  ASSERT_TRUE(golden) << golden.error().message;
  EXPECT_EQ(golden->cases, 2u);
  EXPECT_EQ(golden->exact, 1u);
  ASSERT_EQ(golden->failures.size(), 1u);
  EXPECT_EQ(golden->failures[0].id, "2");
  auto gum = evaluate_gum((dir / "gum.jsonl").string());
  ASSERT_TRUE(gum) << gum.error().message;
  EXPECT_EQ(gum->cases, 2u);
  EXPECT_EQ(gum->boundaries.gold, 5u);
  EXPECT_EQ(gum->boundaries.predicted, 4u);
  EXPECT_EQ(gum->boundaries.correct, 4u);
  ASSERT_EQ(gum->failures.size(), 1u);
  EXPECT_EQ(gum->failures[0].detail, "missed");
  EXPECT_FALSE(evaluate_gum((dir / "absent.jsonl").string()));
  fs::remove_all(dir);
}

TEST(SbdData, GoldenRulesTarget) {
  std::string path = shared_data_dir() + "/sbd_golden_rules_en/golden_rules_en.jsonl";
  if (!fs::exists(path)) GTEST_SKIP() << "evaluation data absent: " << path;
  auto report = evaluate_golden_rules(path);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->cases, 48u);
  EXPECT_GE(report->exact, 47u);
}

TEST(SbdData, GumNewsTarget) {
  std::string path = shared_data_dir() + "/sbd_gum_news/gum_news_sbd.jsonl";
  if (!fs::exists(path)) GTEST_SKIP() << "evaluation data absent: " << path;
  auto report = evaluate_gum(path);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->boundaries.gold, 765u);
  EXPECT_GE(report->boundaries.f1(), 0.98);
}

}  // namespace
}  // namespace precis::eval
