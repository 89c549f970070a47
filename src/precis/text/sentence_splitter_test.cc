#include "precis/text/sentence_splitter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "precis/text/test_text_gen.h"

namespace precis::text {
namespace {

std::vector<std::string> split(std::string_view text, const std::string& language = "en") {
  SentenceSplitOptions options;
  options.language = language;
  std::vector<std::string> out;
  for (ByteSpan s : split_sentences(text, options)) out.emplace_back(slice(text, s));
  return out;
}

using Strings = std::vector<std::string>;

TEST(SentenceSplitter, EmptyInput) {
  EXPECT_TRUE(split("").empty());
  EXPECT_TRUE(split("   \n\n  ").empty());
}

TEST(SentenceSplitter, AbbreviationProof) {
  EXPECT_EQ(split("Exports to the U.S. rose sharply. Gen. Ada Moor agreed."),
            (Strings{"Exports to the U.S. rose sharply.", "Gen. Ada Moor agreed."}));
  EXPECT_EQ(split("It opened on Oct. 7 at 5 p.m. near gate No. 3. Sales rose 3.5% in a day."),
            (Strings{"It opened on Oct. 7 at 5 p.m. near gate No. 3.", "Sales rose 3.5% in a day."}));
  EXPECT_EQ(split("J. R. R. Tolkien wrote it. Nobody disputes that."),
            (Strings{"J. R. R. Tolkien wrote it.", "Nobody disputes that."}));
}

TEST(SentenceSplitter, QuotesAndBrackets) {
  EXPECT_EQ(split("He left.\" She stayed."), (Strings{"He left.\"", "She stayed."}));
  EXPECT_EQ(split("\"He left,\" she said. \"Why?\" he asked."), (Strings{"\"He left,\" she said.", "\"Why?\" he asked."}));
  EXPECT_EQ(split("It rained (as forecast.) The match went on."), (Strings{"It rained (as forecast.)", "The match went on."}));
  EXPECT_EQ(split("It rained (as forecast.) and the match went on."), (Strings{"It rained (as forecast.) and the match went on."}));
}

TEST(SentenceSplitter, UrlsEmailsNumbers) {
  EXPECT_EQ(split("See www.example.org/a.html for more. Mail x.y@example.org. Done."),
            (Strings{"See www.example.org/a.html for more.", "Mail x.y@example.org.", "Done."}));
  EXPECT_EQ(split("It cost $100.00. It was cheap."), (Strings{"It cost $100.00.", "It was cheap."}));
}

TEST(SentenceSplitter, Ellipses) {
  EXPECT_EQ(split("He said . . . nothing. Then he left."), (Strings{"He said . . . nothing.", "Then he left."}));
  EXPECT_EQ(split("It ended.... Then silence."), (Strings{"It ended....", "Then silence."}));
  EXPECT_EQ(split("It ended. . . . Then silence."), (Strings{"It ended.", ". . . Then silence."}));
}

TEST(SentenceSplitter, ParagraphsAreHardBreaks) {
  EXPECT_EQ(split("A headline\n\nThe story starts. It goes on\n \nNext paragraph"),
            (Strings{"A headline", "The story starts.", "It goes on", "Next paragraph"}));
  // A single line break is only whitespace.
  EXPECT_EQ(split("The harbour is\nclosed. Ships wait."), (Strings{"The harbour is\nclosed.", "Ships wait."}));
}

TEST(SentenceSplitter, ListsAndBullets) {
  EXPECT_EQ(split("1. First item 2. Second item"), (Strings{"1. First item", "2. Second item"}));
  EXPECT_EQ(split("\xe2\x80\xa2 Milk \xe2\x80\xa2 Bread"), (Strings{"\xe2\x80\xa2 Milk", "\xe2\x80\xa2 Bread"}));
}

TEST(SentenceSplitter, IntroductoryPhraseKeepsTimeAbbreviation) {
  EXPECT_EQ(split("At 6 a.m. Mr. Vale left. He returned at 9 p.m. Mrs. Vale was asleep."),
            (Strings{"At 6 a.m. Mr. Vale left.", "He returned at 9 p.m.", "Mrs. Vale was asleep."}));
}

TEST(SentenceSplitter, OtherLanguagesAndScripts) {
  EXPECT_EQ(split("Der Bau kostet z.B. 5 Mio. Euro. Das ist viel.", "de"),
            (Strings{"Der Bau kostet z.B. 5 Mio. Euro.", "Das ist viel."}));
  EXPECT_EQ(split("M. Dupont est arriv\xc3\xa9. Il pleuvait.", "fr"),
            (Strings{"M. Dupont est arriv\xc3\xa9.", "Il pleuvait."}));
  // Chinese full stops split without spaces.
  EXPECT_EQ(split("\xe4\xbb\x8a\xe5\xa4\xa9\xe4\xb8\x8b\xe9\x9b\xa8\xe3\x80\x82\xe6\x98\x8e\xe5\xa4\xa9\xe6\x99\xb4\xe3\x80\x82"),
            (Strings{"\xe4\xbb\x8a\xe5\xa4\xa9\xe4\xb8\x8b\xe9\x9b\xa8\xe3\x80\x82", "\xe6\x98\x8e\xe5\xa4\xa9\xe6\x99\xb4\xe3\x80\x82"}));
}

TEST(SentenceSplitter, ParagraphSpans) {
  std::string text = "One. Two.\n\n  Three\n\n";
  auto paragraphs = split_paragraphs(text);
  ASSERT_EQ(paragraphs.size(), 2u);
  EXPECT_EQ(slice(text, paragraphs[0]), "One. Two.");
  EXPECT_EQ(slice(text, paragraphs[1]), "Three");
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

TEST(SentenceSplitterProperty, SpansAreTrimmedOrderedAndCoverAllText) {
  std::mt19937 rng(99);
  for (int round = 0; round < 3000; ++round) {
    std::string text = round % 4 == 0 ? testing_support::random_bytes(rng, 1 + round % 101)
                                      : testing_support::random_text(rng, 1 + round % 80);
    auto spans = split_sentences(text);
    auto paragraphs = split_paragraphs(text);
    std::uint32_t previous_end = 0;
    std::size_t covered = 0;
    for (ByteSpan s : spans) {
      ASSERT_LT(s.begin, s.end);
      ASSERT_LE(s.end, text.size());
      ASSERT_GE(s.begin, previous_end);
      ASSERT_FALSE(is_space_byte(text[s.begin]));
      ASSERT_FALSE(is_space_byte(text[s.end - 1]));
      // Inside one paragraph.
      bool inside = false;
      for (ByteSpan p : paragraphs) inside = inside || (p.begin <= s.begin && s.end <= p.end);
      ASSERT_TRUE(inside);
      covered += s.size();
      previous_end = s.end;
    }
    // Every byte outside the spans is whitespace (ASCII or Unicode spaces).
    std::size_t non_space_outside = 0;
    std::size_t k = 0;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
      while (k < spans.size() && spans[k].end <= pos) ++k;
      bool in_span = k < spans.size() && spans[k].contains(static_cast<std::uint32_t>(pos));
      if (!in_span && !is_space_byte(text[pos]) && static_cast<unsigned char>(text[pos]) < 0x80) ++non_space_outside;
    }
    ASSERT_EQ(non_space_outside, 0u) << ::testing::PrintToString(text);
    (void)covered;
  }
}

TEST(SentenceSplitterProperty, FastAndLinear) {
  std::mt19937 rng(3);
  std::string text;
  while (text.size() < (4u << 20)) text += testing_support::random_text(rng, 200);
  // Pathological shapes: long runs of dots, markers and abbreviations.
  text += std::string(1 << 20, '.');
  for (int i = 0; i < 100000; ++i) text += " U.S.";
  auto start = std::chrono::steady_clock::now();
  auto spans = split_sentences(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(spans.empty());
  EXPECT_LT(seconds, 20.0) << text.size() << " bytes took " << seconds << " s";
}

}  // namespace
}  // namespace precis::text
