// Candidate rules: which sentences can stand alone in a summary.
#include "precis/summarize/candidates.h"

#include <gtest/gtest.h>

#include "precis/text/annotate.h"
#include "precis/text/normalize.h"

namespace precis::summarize {
namespace {

Article annotated(const std::string& text) {
  Article a;
  a.text = text::normalize(text).text;
  text::AnnotateOptions options;
  options.language = "en";
  text::annotate(a, options);
  return a;
}

Rejection verdict(const std::string& sentence) {
  Article a = annotated(sentence);
  EXPECT_EQ(a.sentences.size(), 1u) << sentence;
  return check_standalone(a, a.sentences[0], CandidateOptions{});
}

TEST(Candidates, PlainNewsSentenceIsACandidate) {
  EXPECT_EQ(verdict("The port authority said on Tuesday that berths 6 and 7 would stay closed until Monday."), Rejection::kNone);
}

TEST(Candidates, UnresolvedPronounOrConnectiveAtTheStartIsRejected) {
  EXPECT_EQ(verdict("He said the warehouse had been inspected twice in the past year by officials."), Rejection::kPronounStart);
  EXPECT_EQ(verdict("But the fire service said the cause was still under investigation by experts."), Rejection::kConnectiveStart);
  EXPECT_EQ(verdict("Again, the port director refused to say when the two berths would reopen."), Rejection::kConnectiveStart);
  EXPECT_EQ(verdict("Similarly, the union said its members would not return until the inquiry ended."), Rejection::kConnectiveStart);
}

TEST(Candidates, OpeningsThatPointBackAreRejected) {
  EXPECT_EQ(verdict("The two had differed over the harbour budget for most of the past year, officials said."),
            Rejection::kPronounStart);
  EXPECT_EQ(verdict("In the other, the port director told reporters that the berths would stay closed."),
            Rejection::kPronounStart);
  EXPECT_EQ(verdict("Three days earlier, the union had warned the port about faulty lighting in the warehouse."),
            Rejection::kPronounStart);
  // Counted from a day the sentence names, or a count that introduces its own noun: fine.
  EXPECT_EQ(verdict("Three days after the fire, the port reopened two berths to container traffic on Friday."),
            Rejection::kNone);
  EXPECT_EQ(verdict("Two firefighters were treated for smoke inhalation at the scene on Tuesday night."),
            Rejection::kNone);
}

TEST(Candidates, QuotationWithoutANamedSpeakerIsRejected) {
  EXPECT_EQ(verdict("\"We lost everything in the warehouse and we do not know why,\" he told reporters."), Rejection::kPronounStart);
  EXPECT_EQ(verdict("\"We lost everything in the warehouse and nobody can tell us why it happened.\""), Rejection::kUnattributedQuote);
  EXPECT_EQ(verdict("\"We lost everything in the warehouse,\" said Mara Lind, who runs a shipping agency."), Rejection::kNone);
}

TEST(Candidates, TrailingPronounSpeakerIsRejected) {
  EXPECT_EQ(verdict("Only 15 of the workers were able to leave the building before the roof fell, he said."), Rejection::kPronounStart);
}

TEST(Candidates, ShapeRules) {
  EXPECT_EQ(verdict("Fire at the port."), Rejection::kTooShort);
  EXPECT_EQ(verdict("Why did the warehouse burn for six hours before the engines could reach it?"), Rejection::kQuestion);
}

TEST(Candidates, CountWordsLikeRouge) {
  EXPECT_EQ(count_words("  two  words "), 2u);
  EXPECT_EQ(count_words("U.S. officials , said"), 4u);
  EXPECT_EQ(count_words(""), 0u);
}

TEST(Candidates, ConceptsAreBigramsWithDocumentFrequency) {
  Article a = annotated("Fire crews fought the warehouse fire for six hours on Tuesday night.");
  Article b = annotated("The warehouse fire destroyed baled cotton worth millions of dollars.");
  std::vector<const Article*> articles = {&a, &b};
  CandidateSet set = build_candidates(articles, {false, false}, CandidateOptions{});
  ASSERT_EQ(set.table.documents, 2u);
  // "warehouse fire" occurs in both articles.
  bool found = false;
  for (const auto& [key, id] : set.table.concept_ids) {
    if (set.table.concept_weight[id] == 2) found = true;
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(set.sentence_unigrams.size(), 2u);
}

}  // namespace
}  // namespace precis::summarize
