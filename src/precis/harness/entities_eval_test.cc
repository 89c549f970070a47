// Tests of the entity and facts-sample evaluations. The CoNLL and DUC parts need ../shared/data
// and skip without it; the span scoring is checked on data written here.
#include "precis/harness/entities_eval.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "precis/eval/duc_dataset.h"

namespace precis::harness {
namespace {

TEST(EntitiesEval, ScoresExactSpansPerType) {
  // Fictional sentence; the rule tagger finds "Alma Korsgaard" (PER) and "Eskelund" (LOC after
  // "in"). Gold also holds an ORG it misses.
  facts::LabeledDocument doc;
  doc.sentences.push_back(facts::LabeledSentence{
      {"Alma", "Korsgaard", "of", "Northwind", "Relief", "Agency", "arrived", "in", "Eskelund", "."},
      {"B-PER", "I-PER", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-LOC", "O"}});
  EntityEvalReport report = score_entities(facts::EntityTagger::rule_based(), {doc});
  EXPECT_EQ(report.types[0].gold, 1u);
  EXPECT_EQ(report.types[1].gold, 1u);
  EXPECT_EQ(report.types[2].gold, 1u);
  EXPECT_EQ(report.micro.gold, 3u);
  EXPECT_LE(report.micro.correct, report.micro.predicted);
  EXPECT_EQ(report.types[2].correct, 1u);  // Eskelund
}

TEST(EntitiesEval, ConllTestTarget) {
  const std::string dev = facts::conll_dev_path(), test = facts::conll_test_path();
  if (!std::filesystem::exists(dev) || !std::filesystem::exists(test)) {
    GTEST_SKIP() << "CoNLL-2003 data absent (" << test << "); set PRECIS_SHARED_DATA";
  }
  EntityEvalOptions options;
  auto report = evaluate_entities(options);
  ASSERT_TRUE(report) << report.error().message;
  std::printf("%s", format_entity_table(*report).c_str());
  std::printf("trained in %.1f s, tagged in %.1f s\n", report->train_seconds, report->tag_seconds);
  // Floors just under the measured scores (docs/decisions/entities.md): a regression fails here.
  EXPECT_GE(report->types[0].f1(), 0.87);  // PER
  EXPECT_GE(report->types[1].f1(), 0.76);  // ORG (below the 0.80 target; see the decision record)
  EXPECT_GE(report->types[2].f1(), 0.85);  // LOC
  EXPECT_GE(report->micro.f1(), 0.83);
}

TEST(FactsSample, DucAnnotations) {
  const std::string annotations = std::string(PRECIS_SOURCE_DIR) + "/tests/data/facts_annotations.tsv";
  const std::string data = eval::shared_data_dir();
  if (!std::filesystem::exists(data + "/duc2004_task2")) GTEST_SKIP() << "DUC 2004 data absent under " << data;
  auto report = evaluate_facts_sample(annotations, data);
  ASSERT_TRUE(report) << report.error().message;
  for (const FactsSampleScore* s : {&report->figures, &report->dates}) {
    std::printf("%-7s annotated %3zu found %3zu (recall %.3f) extracted %3zu right %3zu (precision %.3f)\n",
                s->kind.c_str(), s->annotated, s->found, s->recall(), s->extracted, s->right, s->precision());
  }
  for (const std::string& m : report->misses) std::printf("  miss: %s\n", m.c_str());
  for (const std::string& m : report->extras) std::printf("  extra: %s\n", m.c_str());
  EXPECT_GE(report->figures.annotated, 30u);
  EXPECT_GE(report->dates.annotated, 20u);
  // Clock times, numbering ("No. 1", "Category 5") and units such as mph, inches and cents were the
  // causes of the misses and extras before 2026-11 (recall 0.79, precision 0.71).
  EXPECT_GE(report->figures.recall(), 0.9);
  EXPECT_GE(report->figures.precision(), 0.9);
  EXPECT_GE(report->dates.recall(), 0.85);
  EXPECT_GE(report->dates.precision(), 0.9);
}

}  // namespace
}  // namespace precis::harness
