#include <gtest/gtest.h>

#include "precis/ingest/reader.h"
#include "precis/ingest/test_util.h"

namespace precis::ingest {
namespace {

using testing::collect;
using testing::data_path;
using testing::expect_round_trip;
using testing::read_file;

std::vector<RawArticle> read(const std::string& name, const std::string& bytes, Diagnostics& diagnostics,
                             ReadStats& stats) {
  return collect([&](const ArticleSink& sink) { read_text(name, bytes, ReadOptions{}, sink, diagnostics, stats); });
}

TEST(TextReader, TitleLineBecomesTitleAndLeavesTheBody) {
  Diagnostics diagnostics;
  ReadStats stats;
  std::string bytes = read_file(data_path("text/harbour_bridge.txt"));
  auto articles = read("harbour_bridge.txt", bytes, diagnostics, stats);
  ASSERT_EQ(articles.size(), 1u);
  const RawArticle& a = articles[0];
  EXPECT_EQ(a.meta.title, "Harbour Bridge Reopens After Repairs");
  EXPECT_EQ(a.meta.source, "harbour_bridge.txt");
  EXPECT_EQ(a.meta.format, SourceFormat::kText);
  EXPECT_TRUE(a.body.starts_with("The old harbour bridge"));
  EXPECT_EQ(a.body.find("Harbour Bridge Reopens"), std::string::npos);
  EXPECT_EQ(a.original, bytes);
  // Three paragraphs, hard line breaks kept inside them.
  EXPECT_NE(a.body.find("City engineers said\nthe steel deck"), std::string::npos);
  EXPECT_NE(a.body.find("below.\n\nMayor"), std::string::npos);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(stats.articles, 1u);
  expect_round_trip(a, false);
  // A sentence's span gives back exactly the sentence in the file.
  std::size_t at = a.body.find("Traffic");
  std::size_t end = a.body.find("hour.") + 5;
  ByteSpan src = a.body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end)});
  EXPECT_EQ(slice(a.original, src), "Traffic\nwas light in the first hour.");
}

TEST(TextReader, NoTitleWhenFirstLineIsASentenceAndCrLfIsNormalised) {
  Diagnostics diagnostics;
  ReadStats stats;
  std::string bytes = read_file(data_path("text/crlf_no_title.txt"));
  auto articles = read("crlf.txt", bytes, diagnostics, stats);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].meta.title, "");
  EXPECT_EQ(articles[0].body, "The council met on Monday.\nIt voted to close the market early.\n\nNo one objected.");
  expect_round_trip(articles[0], false);
}

TEST(TextReader, Latin1FileIsDetectedAndMapsToFileBytes) {
  // Written at test time: ISO-8859-1 bytes for "é" (E9) and "ü" (FC).
  std::string bytes =
      "Le caf\xE9 du port a rouvert ses portes lundi matin apr\xE8s des travaux. Les habitants "
      "\xE9taient nombreux \xE0 la f\xEAte. Le propri\xE9taire a remerci\xE9 les ouvriers et la "
      "mairie pour leur patience pendant les r\xE9parations du b\xE2timent.";
  Diagnostics diagnostics;
  ReadStats stats;
  auto articles = read("latin1.txt", bytes, diagnostics, stats);
  ASSERT_EQ(articles.size(), 1u);
  const RawArticle& a = articles[0];
  EXPECT_NE(a.body.find("caf\xC3\xA9 du port"), std::string::npos) << a.body;
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_NE(diagnostics[0].message.find("decoded as ISO-8859-1"), std::string::npos) << diagnostics[0].message;
  // "café" in the body (5 bytes) maps to the 4 bytes of the file.
  std::size_t at = a.body.find("caf\xC3\xA9");
  ByteSpan src = a.body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 5)});
  EXPECT_EQ(slice(a.original, src), "caf\xE9");
  expect_round_trip(a, false);
}

TEST(TextReader, DetectedCharsetIsReportedByItsIanaName) {
  // Written at test time: windows-1252 bytes (0x80 euro sign, 0x93/0x94 curly quotes, 0x96 en
  // dash), which ICU calls "ibm-5348_P100-1997" internally.
  std::string bytes;
  for (int i = 0; i < 6; ++i) {
    bytes += "The emergency fund will pay \x80" "250 to each family \x96 the mayor called it \x93" "a first step\x94 "
             "and said more help would follow before the winter. ";
  }
  Diagnostics diagnostics;
  ReadStats stats;
  auto articles = read("cp1252.txt", bytes, diagnostics, stats);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_NE(articles[0].body.find("\xE2\x82\xAC" "250"), std::string::npos) << articles[0].body;
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_NE(diagnostics[0].message.find("decoded as windows-1252"), std::string::npos) << diagnostics[0].message;
  EXPECT_EQ(diagnostics[0].message.find("ibm-"), std::string::npos) << diagnostics[0].message;
}

std::string utf16le(std::u16string_view text, bool bom) {
  std::string out = bom ? "\xFF\xFE" : "";
  for (char16_t c : text) {
    out.push_back(static_cast<char>(c & 0xFF));
    out.push_back(static_cast<char>(c >> 8));
  }
  return out;
}

TEST(TextReader, Utf16WithAndWithoutBom) {
  for (bool bom : {true, false}) {
    std::string bytes = utf16le(u"Gr\u00FC\u00DFe aus Bremen.\n\nDer Hafen ist offen.", bom);
    Diagnostics diagnostics;
    ReadStats stats;
    auto articles = read("utf16.txt", bytes, diagnostics, stats);
    ASSERT_EQ(articles.size(), 1u) << "bom=" << bom;
    const RawArticle& a = articles[0];
    EXPECT_EQ(a.body, "Gr\xC3\xBC\xC3\x9F" "e aus Bremen.\n\nDer Hafen ist offen.");
    std::size_t at = a.body.find("Hafen");
    ByteSpan src = a.body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 5)});
    EXPECT_EQ(slice(a.original, src), utf16le(u"Hafen", false));
    EXPECT_EQ(src.begin, (bom ? 2u : 0u) + 2u * 23u);
  }
}

TEST(TextReader, InvalidUtf8InMostlyUtf8TextIsRepairedAndReported) {
  std::string bytes = "Caf\xC3\xA9 prices rose \xFF\xFE by a third. Na\xC3\xAFve buyers paid \xC3 more.";
  Diagnostics diagnostics;
  ReadStats stats;
  auto articles = read("bad.txt", bytes, diagnostics, stats);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_NE(articles[0].body.find("rose \xEF\xBF\xBD by"), std::string::npos);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].message, "invalid UTF-8 repaired (2 sequences)");
  expect_round_trip(articles[0], false);
}

TEST(TextReader, BinaryAndEmptyFilesAreSkippedWithReasons) {
  Diagnostics diagnostics;
  ReadStats stats;
  std::string binary("\x7F" "ELF\x02\x01\x01\x00\x00\x00\x00\x00", 12);
  EXPECT_TRUE(read("prog", binary, diagnostics, stats).empty());
  EXPECT_TRUE(read("blank.txt", " \n\n\t \n", diagnostics, stats).empty());
  EXPECT_TRUE(read("zero.txt", "", diagnostics, stats).empty());
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0].source, "prog");
  EXPECT_EQ(diagnostics[0].message, "binary file skipped");
  EXPECT_EQ(stats.skipped_files, 3u);
  EXPECT_EQ(stats.skipped_by_reason["binary"], 1u);
  EXPECT_EQ(stats.skipped_by_reason["empty"], 2u);
  EXPECT_TRUE(is_binary(std::string("abc\0def", 7)));
  EXPECT_FALSE(is_binary("plain words\n"));
}

TEST(TextReader, TooLargeFileIsSkipped) {
  Diagnostics diagnostics;
  ReadStats stats;
  ReadOptions options;
  options.max_file_bytes = 10;
  auto articles = collect([&](const ArticleSink& sink) {
    read_text("big.txt", "This text is longer than ten bytes.", options, sink, diagnostics, stats);
  });
  EXPECT_TRUE(articles.empty());
  EXPECT_EQ(stats.skipped_by_reason["too large"], 1u);
}

}  // namespace
}  // namespace precis::ingest
