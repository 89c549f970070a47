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

TEST(EntitiesEval, DevHalvesSplitsDocumentsAlternately) {
  // Five fictional documents of 1..5 sentences: half A (documents 0, 2, 4) has 1 + 3 + 5 = 9
  // sentences, half B (1, 3) 2 + 4 = 6.
  const std::string path = (std::filesystem::temp_directory_path() / "precis_dev_halves.conll").string();
  {
    std::ofstream out(path);
    for (int d = 0; d < 5; ++d) {
      out << "-DOCSTART- -X- -X- O\n\n";
      for (int s = 0; s <= d; ++s) {
        out << "Alma NNP B-NP B-PER\nKorsgaard NNP I-NP I-PER\nvisited VBD B-VP O\n"
            << (s % 2 == 0 ? "Eskelund NNP B-NP B-LOC\n" : "Varden NNP B-NP B-LOC\n") << ". . O O\n\n";
      }
    }
  }
  EntityEvalOptions options;
  options.train_path = path;
  options.train.epochs = 2;
  options.train.ensemble = 1;
  auto reports = evaluate_entities_dev_halves(options);
  ASSERT_TRUE(reports) << reports.error().message;
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[0].train_sentences, 9u);
  EXPECT_EQ((*reports)[0].test_sentences, 6u);
  EXPECT_EQ((*reports)[1].train_sentences, 6u);
  EXPECT_EQ((*reports)[1].test_sentences, 9u);
  EXPECT_EQ((*reports)[0].types[0].gold, 6u);  // one person per sentence of half B
  EXPECT_EQ((*reports)[1].types[2].gold, 9u);  // one place per sentence of half A

  // One document cannot be split.
  {
    std::ofstream out(path);
    out << "Alma NNP B-NP B-PER\n. . O O\n";
  }
  EXPECT_FALSE(evaluate_entities_dev_halves(options));
  std::remove(path.c_str());
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
  // Measured (v7: Viterbi, ensemble of 5): PER 92.36, ORG 82.50, LOC 89.66, micro 88.14.
  EXPECT_GE(report->types[0].f1(), 0.915);  // PER
  EXPECT_GE(report->types[1].f1(), 0.815);  // ORG (the target is 0.80)
  EXPECT_GE(report->types[2].f1(), 0.885);  // LOC
  EXPECT_GE(report->micro.f1(), 0.875);
}

// Scores one annotation file of tests/data against the shared DUC data and prints both scores,
// every miss and every extra (read them with ctest -V).
Result<FactsSampleReport> score_sample(const std::string& file, const std::string& data) {
  auto report = evaluate_facts_sample(std::string(PRECIS_SOURCE_DIR) + "/tests/data/" + file, data);
  if (!report) return report;
  for (const FactsSampleScore* s : {&report->figures, &report->dates}) {
    std::printf("%-7s annotated %3zu found %3zu (recall %.3f) extracted %3zu right %3zu (precision %.3f)\n",
                s->kind.c_str(), s->annotated, s->found, s->recall(), s->extracted, s->right, s->precision());
  }
  for (const std::string& m : report->misses) std::printf("  miss: %s\n", m.c_str());
  for (const std::string& m : report->extras) std::printf("  extra: %s\n", m.c_str());
  return report;
}

TEST(FactsSample, DucAnnotations) {
  const std::string data = eval::shared_data_dir();
  if (!std::filesystem::exists(data + "/duc2004_task2")) GTEST_SKIP() << "DUC 2004 data absent under " << data;
  auto report = score_sample("facts_annotations.tsv", data);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_GE(report->figures.annotated, 30u);
  EXPECT_GE(report->dates.annotated, 20u);
  // Clock times, numbering ("No. 1", "Category 5") and units such as mph, inches and cents were the
  // causes of the misses and extras before 2026-11 (recall 0.79, precision 0.71).
  EXPECT_GE(report->figures.recall(), 0.9);
  EXPECT_GE(report->figures.precision(), 0.9);
  EXPECT_GE(report->dates.recall(), 0.85);
  EXPECT_GE(report->dates.precision(), 0.9);
}

// The held-out sample: annotated after the extractors were last changed, never used to fix them,
// so its scores are the honest ones (DucAnnotations above is the sample the fixes came from).
TEST(FactsSample, HeldOutDucAnnotations) {
  const std::string data = eval::shared_data_dir();
  if (!std::filesystem::exists(data + "/duc2004_task2")) GTEST_SKIP() << "DUC 2004 data absent under " << data;
  auto report = score_sample("facts_annotations_heldout.tsv", data);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->documents, 3u);
  // Measured 2026-11-27 on first sight: figures 10/12 found (0.833), 10/11 right (0.909); dates
  // 15/22 (0.682), 15/19 (0.789). Misses: present tense as future ("decides Monday"), "this week"
  // in a Sunday paper, "over the summer", "December's Games" read as past, the range "Dec. 6-20",
  // baht, and "year-and-a-half". The fixes that followed (seasons after "the", possessive months,
  // day ranges, currencies) give 11/12, 11/11; 18/22, 18/22; this sample is no longer unseen
  // (HeldOutDucAnnotations2 is). Floors just under the current numbers.
  EXPECT_GE(report->figures.recall(), 0.9);
  EXPECT_GE(report->figures.precision(), 0.95);
  EXPECT_GE(report->dates.recall(), 0.8);
  EXPECT_GE(report->dates.precision(), 0.8);
}

// The second held-out sample, annotated after the fixes the first one led to (seasons after "the",
// possessive months, day ranges, more currencies, clause ends for the tense test).
TEST(FactsSample, HeldOutDucAnnotations2) {
  const std::string data = eval::shared_data_dir();
  if (!std::filesystem::exists(data + "/duc2004_task2")) GTEST_SKIP() << "DUC 2004 data absent under " << data;
  auto report = score_sample("facts_annotations_heldout2.tsv", data);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->documents, 3u);
  // Measured 2026-11-27 on first sight: figures 30/37 found (0.811), 30/39 right (0.769); dates
  // 18/27 (0.667), 18/22 (0.818). Misses: "This year's" (possessive), "was 1974" (a year without
  // a cue word), "kms", "two Libyans" (capitalised noun not counted), "one mile", "this
  // Saturday's", present tense as future ("starts here Sunday"); "since 1901" resolves to the span
  // 1901 to publication and "200-year-old" has the unit "year-old", two conventions that differ
  // from the annotation. Extras: ".357 magnum" (twice) and "Two" in a book title.
  // Then general rules for those misses (golden cases dates/this_weekday_and_schedule.json and
  // numbers/people_and_one_unit.json): possessive "this year's", "this Saturday('s)", present
  // tense of schedule, "kms", "one mile", counted nationalities. Since then (no longer unseen):
  // figures 33/37 (0.892), 33/40 (0.825); dates 23/27 (0.852), 23/26 (0.885). After sample 3's
  // fixes ("-year-old" in years) figures 37/37, 37/40. Floors just under.
  EXPECT_GE(report->figures.recall(), 0.97);
  EXPECT_GE(report->figures.precision(), 0.9);
  EXPECT_GE(report->dates.recall(), 0.83);
  EXPECT_GE(report->dates.precision(), 0.86);
}

}  // namespace

// The third held-out sample, annotated after the fixes the second one led to, before precis was
// run on its documents.
TEST(FactsSample, HeldOutDucAnnotations3) {
  const std::string data = eval::shared_data_dir();
  if (!std::filesystem::exists(data + "/duc2004_task2")) GTEST_SKIP() << "DUC 2004 data absent under " << data;
  auto report = score_sample("facts_annotations_heldout3.tsv", data);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->documents, 3u);
  // Measured 2026-11-27 on first sight: figures 14/24 found (0.583), 14/23 right (0.609); dates
  // 13 annotated, 10 found (0.769), 10/10 right. Misses: nautical miles, knots and seconds had no
  // unit, "-year-old" had the unit "year-old", "Hobart 2 days" was taken for a label, years after
  // a possessive or before a capitalised modifier ("Israel's 1982 invasion", "the 1967 Mideast
  // war") were not dates, AP's "7 1-2 hours", "one East Timorese". Extra: "three-way". General
  // rules for the first five (golden cases numbers/sailing_units_and_ages.json,
  // dates/possessive_years.json), then AP's typed fractions (numbers/ap_fractions.json); since
  // then (no longer unseen) figures 23/24, 23/24 and dates 13/13, 13/13. Floors just under.
  EXPECT_GE(report->figures.recall(), 0.95);
  EXPECT_GE(report->figures.precision(), 0.95);
  EXPECT_GE(report->dates.recall(), 0.99);
  EXPECT_GE(report->dates.precision(), 0.99);
}

}  // namespace precis::harness
