// Property: every sentence and token found in normalised text maps back to the input, and the
// input substring, normalised on its own, gives the same text (up to spaces and hyphens, which
// depend on context: a drop capital is only repaired at a paragraph start, a line-end hyphen is
// judged against the whole document). This is what `precis sentences --offsets` prints.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "precis/text/normalize.h"
#include "precis/text/sentence_splitter.h"
#include "precis/text/test_text_gen.h"
#include "precis/text/tokenizer.h"

namespace precis::text {
namespace {

std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '-') out.push_back(c);
  }
  return out;
}

void check_round_trip(const std::string& input) {
  Normalized n = normalize(input);
  std::vector<ByteSpan> spans = split_sentences(n.text);
  for (ByteSpan t : tokenize(n.text)) spans.push_back(t);
  for (ByteSpan s : spans) {
    ASSERT_LE(s.end, n.text.size());
    ByteSpan source = n.map.to_source(s);
    ASSERT_LE(source.begin, source.end);
    ASSERT_LE(source.end, input.size());
    std::string renormalised = normalize(slice(input, source)).text;
    ASSERT_EQ(squeeze(renormalised), squeeze(slice(n.text, s)))
        << "input: " << ::testing::PrintToString(input) << "\nspan text: " << slice(n.text, s);
  }
}

TEST(RoundTrip, TestDataFiles) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(PRECIS_SOURCE_DIR) / "tests" / "data" / "text";
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    check_round_trip(buffer.str());
    ++files;
  }
  EXPECT_GE(files, 2u);
}

TEST(RoundTrip, SentencesCiteExactInput) {
  std::string input = "``The pier is\nclosed,'' she said.  Ships   wait.\n\n\xe2\x80\x9cWhy?\xe2\x80\x9d";
  Normalized n = normalize(input);
  auto spans = split_sentences(n.text);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(slice(input, n.map.to_source(spans[0])), "``The pier is\nclosed,'' she said.");
  EXPECT_EQ(slice(input, n.map.to_source(spans[1])), "Ships   wait.");
  EXPECT_EQ(slice(input, n.map.to_source(spans[2])), "\xe2\x80\x9cWhy?\xe2\x80\x9d");
}

TEST(RoundTripProperty, RandomText) {
  std::mt19937 rng(424242);
  for (int round = 0; round < 1500; ++round) {
    std::string input = round % 4 == 0 ? testing_support::random_bytes(rng, 1 + round % 80)
                                       : testing_support::random_text(rng, 1 + round % 40);
    ASSERT_NO_FATAL_FAILURE(check_round_trip(input));
  }
}

}  // namespace
}  // namespace precis::text
