#include <gtest/gtest.h>

#include <sstream>

#include "precis/ingest/reader.h"
#include "precis/ingest/test_util.h"

namespace precis::ingest {
namespace {

using testing::collect;
using testing::data_path;
using testing::read_file;

TEST(JsonlReader, FieldsMalformedLinesAndBadDatesWithLineNumbers) {
  std::ifstream in(data_path("jsonl/feed.jsonl"), std::ios::binary);
  Diagnostics diagnostics;
  ReadStats stats;
  auto a = collect([&](const ArticleSink& sink) { read_jsonl("feed.jsonl", in, ReadOptions{}, sink, diagnostics, stats); });
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].meta.source, "feed.jsonl:1");
  EXPECT_EQ(a[0].meta.title, "Dam opens early");
  EXPECT_EQ(a[0].meta.published, "2021-06-01T08:15:00");
  EXPECT_EQ(a[0].meta.outlet, "valley-news.example");  // from the URL
  EXPECT_EQ(a[0].meta.language, "en");
  EXPECT_EQ(a[0].meta.format, SourceFormat::kJsonl);
  EXPECT_EQ(a[0].original, "The new dam opened two weeks early.\nIt will supply power to 9,000 homes.");
  EXPECT_EQ(a[0].body, "The new dam opened two weeks early.\n\nIt will supply power to 9,000 homes.");
  ByteSpan src = a[0].body_to_original.to_source(ByteSpan{37, static_cast<std::uint32_t>(a[0].body.size())});
  EXPECT_EQ(slice(a[0].original, src), "It will supply power to 9,000 homes.");
  EXPECT_EQ(a[1].meta.source, "feed.jsonl:3");
  EXPECT_EQ(a[1].meta.title, "Bridge closed");
  EXPECT_EQ(a[1].meta.outlet, "river.example");
  EXPECT_EQ(a[1].meta.published, "");
  EXPECT_EQ(a[2].meta.source, "feed.jsonl:6");
  EXPECT_EQ(a[2].body, "First paragraph of a listed body.\n\nSecond paragraph.");
  EXPECT_EQ(a[2].meta.published, "2021-06-01T08:00:00Z");
  EXPECT_EQ(a[2].meta.doc_id, "77");
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0].source, "feed.jsonl:2");
  EXPECT_TRUE(diagnostics[0].message.starts_with("malformed JSON")) << diagnostics[0].message;
  EXPECT_EQ(diagnostics[1].source, "feed.jsonl:3");
  EXPECT_EQ(diagnostics[1].message, "'published' is not a date: \"yesterday\"");
  EXPECT_EQ(diagnostics[2].source, "feed.jsonl:5");
  EXPECT_TRUE(diagnostics[2].message.starts_with("no text field"));
  EXPECT_EQ(stats.articles, 3u);
  EXPECT_EQ(stats.skipped_records, 2u);
  EXPECT_EQ(stats.skipped_by_reason["malformed"], 1u);
  EXPECT_EQ(stats.skipped_by_reason["no text"], 1u);
}

TEST(JsonlReader, HugeLineIsSkippedAndReadingGoesOn) {
  // 20 MB line with the record limit lowered to 1 MB.
  std::string data = "{\"text\": \"before\"}\n{\"text\": \"" + std::string(20u << 20, 'x') + "\"}\n{\"text\": \"after\"}";
  std::istringstream in(std::move(data));
  ReadOptions options;
  options.max_record_bytes = 1u << 20;
  Diagnostics diagnostics;
  ReadStats stats;
  auto a = collect([&](const ArticleSink& sink) { read_jsonl("big.jsonl", in, options, sink, diagnostics, stats); });
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].body, "before");
  EXPECT_EQ(a[1].body, "after");
  EXPECT_EQ(a[1].meta.source, "big.jsonl:3");
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].source, "big.jsonl:2");
  EXPECT_EQ(stats.skipped_by_reason["record too large"], 1u);
}

TEST(JsonlReader, JsonDocumentObjectArrayAndJsonLinesInDotJson) {
  Diagnostics diagnostics;
  ReadStats stats;
  auto a = collect([&](const ArticleSink& sink) {
    read_json("one.json", read_file(data_path("jsonl/one.json")), ReadOptions{}, sink, diagnostics, stats);
    read_json("arr.json", R"([{"text": "A."}, 3, {"maintext": "B."}])", ReadOptions{}, sink, diagnostics, stats);
    read_json("lines.json", "{\"text\": \"L1.\"}\n{\"text\": \"L2.\"}\n", ReadOptions{}, sink, diagnostics, stats);
  });
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].meta.title, "Library extends hours");
  EXPECT_EQ(a[0].meta.published, "2004-11-02T14:05:00Z");
  EXPECT_EQ(a[0].meta.source, "one.json");
  EXPECT_EQ(a[1].meta.source, "arr.json[0]");
  EXPECT_EQ(a[2].meta.source, "arr.json[2]");
  EXPECT_EQ(a[4].meta.source, "lines.json:2");
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].source, "arr.json[1]");
}

}  // namespace
}  // namespace precis::ingest
