#include "precis/text/tokenizer.h"

#include <gtest/gtest.h>

#include <random>

#include "precis/text/test_text_gen.h"

namespace precis::text {
namespace {

std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  for (ByteSpan t : tokenize(text)) out.emplace_back(slice(text, t));
  return out;
}

using Strings = std::vector<std::string>;

TEST(Tokenizer, WordsKeepInnerPunctuation) {
  EXPECT_EQ(tokens("U.S. don't 3.5 $1.2 well-known"), (Strings{"U.S.", "don't", "3.5", "$1.2", "well-known"}));
  EXPECT_EQ(tokens("end. (a,b)"), (Strings{"end", ".", "(", "a", ",", "b", ")"}));
  EXPECT_EQ(tokens("'quoted' -dash- 5%"), (Strings{"'", "quoted", "'", "-", "dash", "-", "5%"}));
}

TEST(Tokenizer, WordTokens) {
  EXPECT_TRUE(is_word_token("abc"));
  EXPECT_TRUE(is_word_token("$5"));
  EXPECT_FALSE(is_word_token("--"));
  EXPECT_FALSE(is_word_token("\xe2\x80\x94"));
}

TEST(TokenizerProperty, SpansOrderedNonEmptyNoWhitespace) {
  std::mt19937 rng(5);
  for (int round = 0; round < 3000; ++round) {
    std::string text = round % 3 == 0 ? testing_support::random_bytes(rng, 1 + round % 64)
                                      : testing_support::random_text(rng, 1 + round % 50);
    std::uint32_t previous_end = 0;
    for (ByteSpan t : tokenize(text)) {
      ASSERT_LT(t.begin, t.end);
      ASSERT_LE(t.end, text.size());
      ASSERT_GE(t.begin, previous_end);
      for (std::uint32_t i = t.begin; i < t.end; ++i) {
        ASSERT_NE(text[i], ' ');
        ASSERT_NE(text[i], '\n');
      }
      previous_end = t.end;
    }
  }
}

}  // namespace
}  // namespace precis::text
