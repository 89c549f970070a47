#include "precis/base/utf8.h"

#include <gtest/gtest.h>

namespace precis::utf8 {
namespace {

TEST(Utf8, ValidTextIsUnchanged) {
  Repaired r = repair("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
  EXPECT_EQ(r.invalid_sequences, 0u);
  EXPECT_TRUE(r.map.is_identity());
}

TEST(Utf8, InvalidBytesBecomeOneReplacementPerRun) {
  std::string in = "ab\xFF\xFE" "cd";
  Repaired r = repair(in);
  EXPECT_EQ(r.invalid_sequences, 1u);
  EXPECT_EQ(r.text, "ab\xEF\xBF\xBD" "cd");
  EXPECT_EQ(r.map.to_source(ByteSpan{2, 5}), (ByteSpan{2, 4}));
  EXPECT_EQ(r.map.to_source(ByteSpan{5, 7}), (ByteSpan{4, 6}));
  EXPECT_TRUE(is_valid(r.text));
}

TEST(Utf8, RejectsOverlongAndSurrogates) {
  EXPECT_FALSE(is_valid("\xC0\xAF"));
  EXPECT_FALSE(is_valid("\xED\xA0\x80"));
  EXPECT_TRUE(is_valid("\xF0\x9F\x98\x80"));
}

TEST(Utf8, TruncatedSequenceAtEnd) {
  Repaired r = repair("ok\xE2\x80");
  EXPECT_TRUE(is_valid(r.text));
  EXPECT_EQ(r.invalid_sequences, 1u);
}

}  // namespace
}  // namespace precis::utf8
