#include "precis/text/normalize.h"

#include <gtest/gtest.h>

#include <random>

#include "precis/base/utf8.h"
#include "precis/text/test_text_gen.h"

namespace precis::text {
namespace {

TEST(Normalize, EmptyAndWhitespaceOnly) {
  EXPECT_EQ(normalize("").text, "");
  EXPECT_EQ(normalize(" \n\n\t \r\n ").text, "");
  EXPECT_EQ(normalize(" \n\n\t \r\n ").map.size(), 0u);
}

TEST(Normalize, JoinHardLineBreaksCanBeOff) {
  NormalizeOptions options;
  options.join_hard_line_breaks = false;
  EXPECT_EQ(normalize("one\ntwo  \n  three\n\nfour", options).text, "one\ntwo\nthree\n\nfour");
  EXPECT_EQ(normalize("one\ntwo  \n  three\n\nfour").text, "one two three\n\nfour");
}

TEST(Normalize, MapPointsAtTheInput) {
  std::string input = "\xe2\x80\x9cHi\xe2\x80\x9d   there\n\n``You''";
  Normalized n = normalize(input);
  ASSERT_EQ(n.text, "\"Hi\" there\n\n\"You\"");
  ASSERT_EQ(n.map.size(), n.text.size());
  // The first quote came from the three bytes of U+201C.
  EXPECT_EQ(n.map.to_source(ByteSpan{0, 1}), (ByteSpan{0, 3}));
  // "there" maps to itself.
  std::size_t at = n.text.find("there");
  ByteSpan src = n.map.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 5)});
  EXPECT_EQ(slice(input, src), "there");
  // The DUC opening quote maps to both backticks.
  std::size_t q = n.text.rfind("\"You");
  EXPECT_EQ(slice(input, n.map.to_source(ByteSpan{static_cast<std::uint32_t>(q), static_cast<std::uint32_t>(q + 1)})), "``");
}

TEST(Normalize, InvalidUtf8BecomesReplacement) {
  Normalized n = normalize("a\xff" "b");
  EXPECT_EQ(n.text, "a\xef\xbf\xbd" "b");
  EXPECT_TRUE(utf8::is_valid(n.text));
  EXPECT_EQ(n.map.to_source(ByteSpan{1, 4}), (ByteSpan{1, 2}));
}

TEST(Normalize, HyphenationUsesDocumentSpelling) {
  // "readmission" is spelt joined elsewhere: join; "x-ray" spelt hyphenated: keep.
  EXPECT_EQ(normalize("the readmission rate and a re-\nadmission").text, "the readmission rate and a readmission");
  EXPECT_EQ(normalize("an x-ray and another x-\nray").text, "an x-ray and another x-ray");
}

TEST(NormalizeProperty, IdempotentOnRandomText) {
  std::mt19937 rng(20240501);
  for (int round = 0; round < 3000; ++round) {
    std::string input = round % 5 == 0 ? testing_support::random_bytes(rng, 1 + round % 97)
                                       : testing_support::random_text(rng, 1 + round % 60);
    Normalized once = normalize(input);
    Normalized twice = normalize(once.text);
    ASSERT_EQ(twice.text, once.text) << "input: " << ::testing::PrintToString(input);
    ASSERT_TRUE(utf8::is_valid(once.text));
    ASSERT_EQ(once.map.size(), once.text.size());
    for (std::uint32_t i = 0; i < once.text.size(); ++i) {
      ASSERT_LE(once.map.source_begin(i), once.map.source_end(i));
      ASSERT_LE(once.map.source_end(i), input.size());
      if (i > 0) {
        ASSERT_LE(once.map.source_begin(i - 1), once.map.source_begin(i));  // monotone
      }
    }
    ASSERT_EQ(once.text.find("\n\n\n"), std::string::npos);
    if (!once.text.empty()) {
      ASSERT_NE(once.text.front(), ' ');
      ASSERT_NE(once.text.back(), ' ');
      ASSERT_NE(once.text.back(), '\n');
    }
  }
}

TEST(NormalizeProperty, LinearTime) {
  std::mt19937 rng(7);
  std::string big;
  while (big.size() < (4u << 20)) big += testing_support::random_text(rng, 200);
  auto start = std::chrono::steady_clock::now();
  Normalized n = normalize(big);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(n.text.empty());
  EXPECT_LT(seconds, 20.0) << "4 MiB took " << seconds << " s";  // generous: debug builds, shared cores
}

}  // namespace
}  // namespace precis::text
