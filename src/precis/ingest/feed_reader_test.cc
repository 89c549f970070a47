#include <gtest/gtest.h>

#include "precis/ingest/reader.h"
#include "precis/ingest/test_util.h"

namespace precis::ingest {
namespace {

using testing::collect;
using testing::data_path;
using testing::read_file;

TEST(FeedReader, Rss) {
  auto feed = parse_feed(read_file(data_path("web/feed.rss")));
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->kind, "rss");
  EXPECT_EQ(feed->title, "The Portmerry Post");
  EXPECT_EQ(feed->language, "en");
  ASSERT_EQ(feed->items.size(), 3u);
  EXPECT_EQ(feed->items[0].link, "https://post.example/2023/10/bridge");
  EXPECT_EQ(feed->items[0].published, "2023-10-03T09:15:00+01:00");
  EXPECT_EQ(feed->items[0].author, "Ada Quill");
  EXPECT_NE(feed->items[0].content.find("six weeks"), std::string::npos);
}

TEST(FeedReader, RssFileAsArticles) {
  Diagnostics diagnostics;
  ReadStats stats;
  auto articles = collect([&](const ArticleSink& sink) {
    read_paths({data_path("web/feed.rss")}, ReadOptions{}, sink, diagnostics, stats);
  });
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].meta.title, "Harbour bridge reopens after repairs");
  EXPECT_EQ(articles[0].meta.outlet, "The Portmerry Post");
  EXPECT_EQ(articles[0].meta.author, "Ada Quill");
  EXPECT_EQ(articles[0].body,
            "The harbour bridge reopened on Tuesday after six weeks of repairs, the council said.\n\n"
            "Ferries return to their winter timetable.");
  // An escaped-HTML description is decoded once as XML, then read as HTML.
  EXPECT_EQ(articles[1].body, "The Saturday market will move into the old & drafty corn exchange for the winter.");
  EXPECT_EQ(stats.skipped_records, 1u);  // the empty item
}

TEST(FeedReader, Atom) {
  auto feed = parse_feed(read_file(data_path("web/feed.atom")));
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->kind, "atom");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].link, "https://courier.example/harvest");
  EXPECT_EQ(feed->items[0].published, "2023-09-30T16:45:00Z");
  EXPECT_EQ(feed->items[0].updated, "2023-10-01T08:00:00Z");
  EXPECT_EQ(feed->items[0].author, "Bram Stile");
}

TEST(FeedReader, JsonFeed) {
  auto feed = parse_feed(read_file(data_path("web/feed.json")));
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->kind, "json");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].published, "2023-08-12T10:00:00+02:00");
  EXPECT_EQ(feed->items[0].author, "Cy Marlow");
  Diagnostics diagnostics;
  ReadStats stats;
  auto articles = collect([&](const ArticleSink& sink) {
    read_paths({data_path("web/feed.json")}, ReadOptions{}, sink, diagnostics, stats);
  });
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].meta.url, "https://notes.example/7");
}

TEST(FeedReader, GarbageIsAnErrorNotACrash) {
  EXPECT_FALSE(parse_feed("<html><body>no feed</body></html>"));
  EXPECT_FALSE(parse_feed("{\"version\": 1}"));
  EXPECT_FALSE(parse_feed(""));
  // External entities are not fetched or expanded.
  auto feed = parse_feed("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                         "<rss><channel><item><title>&x;</title></item></channel></rss>");
  ASSERT_TRUE(feed);
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].title.find("root"), std::string::npos);
}

}  // namespace
}  // namespace precis::ingest
