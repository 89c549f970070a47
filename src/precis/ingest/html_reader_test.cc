#include <gtest/gtest.h>

#include "precis/ingest/reader.h"
#include "precis/ingest/test_util.h"

namespace precis::ingest {
namespace {

using testing::collect;
using testing::data_path;
using testing::expect_round_trip;
using testing::read_file;

std::vector<RawArticle> read(const std::string& bytes, Diagnostics& diagnostics) {
  return collect([&](const ArticleSink& sink) { read_html("page.html", bytes, sink, diagnostics); });
}

TEST(HtmlReader, ASiteNameWrittenAsAnAddressReadsAsItsHost) {
  // Found on a real page: og:site_name "https://www.cbsnews.com/" was shown as the outlet.
  Diagnostics diagnostics;
  auto address = read("<html><head><meta property=\"og:site_name\" content=\"https://www.Portmerry.example/\">"
                      "<title>Tide gauge fixed</title></head><body><article><p>The tide gauge at the harbour "
                      "mouth works again after a month, the council said.</p></article></body></html>",
                      diagnostics);
  ASSERT_EQ(address.size(), 1u);
  EXPECT_EQ(address[0].meta.outlet, "portmerry.example");
  // A page that names no outlet leaves it empty here: a feed may still name it (the engine then
  // falls back on the address's host; PrepareArticles.CreditsAPageThatNamesNoOutletToItsHost).
  auto bare = read("<html><head><title>Ferry fares rise</title>"
                   "<link rel=\"canonical\" href=\"https://www.brinmoor-news.example/2023/fares\">"
                   "</head><body><article><p>Fares on the Brinmoor ferry rise by a tenth in May, the operator "
                   "said on Tuesday.</p></article></body></html>",
                   diagnostics);
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_EQ(bare[0].meta.outlet, "");
}

TEST(HtmlReader, MetadataAndVisibleText) {
  Diagnostics diagnostics;
  std::string bytes = read_file(data_path("html/festival.html"));
  auto articles = read(bytes, diagnostics);
  ASSERT_EQ(articles.size(), 1u);
  const RawArticle& a = articles[0];
  EXPECT_EQ(a.meta.title, "Lantern festival draws record crowd");
  EXPECT_EQ(a.meta.outlet, "The Portmerry Post");
  EXPECT_EQ(a.meta.url, "https://post.example/2023/09/lantern-festival");
  EXPECT_EQ(a.meta.published, "2023-09-14T18:30:00+02:00");
  EXPECT_EQ(a.meta.language, "en");
  EXPECT_EQ(a.meta.format, SourceFormat::kHtml);
  EXPECT_EQ(a.original, bytes);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(a.body,
            "More than 40,000 people walked along the river on Saturday night for the lantern festival, "
            "organisers said \xE2\x80\x94 twice as many as last year.\n\n"
            "Stalls sold caf\xC3\xA9 au lait & roasted chestnuts until two in the morning. Police reported no "
            "incidents.\n\nFirst item of a list\n\nSecond item");
  expect_round_trip(a, true);
  // An entity maps to its whole reference.
  std::size_t at = a.body.find("\xC3\xA9");
  ByteSpan src = a.body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 2)});
  EXPECT_EQ(slice(a.original, src), "&eacute;");
  // A span across inline markup maps over the markup.
  at = a.body.find("until two");
  std::size_t end = a.body.find("morning.") + 8;
  src = a.body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end)});
  EXPECT_EQ(slice(a.original, src), "until <b>two in the morning</b>.");
}

TEST(HtmlReader, TitleFallsBackToTitleElementThenH1AndBadDateIsReported) {
  Diagnostics diagnostics;
  auto a = read("<html><head><title> Plain  title </title><meta name=\"date\" content=\"soon\"></head>"
                "<body><p>Body text here.</p></body></html>",
                diagnostics);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].meta.title, "Plain title");
  EXPECT_EQ(a[0].meta.published, "");
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].message, "'published' is not a date: \"soon\"");
  diagnostics.clear();
  a = read("<h1>Only a heading</h1><p>And a <time datetime=\"2020-02-29\">day</time>.</p>", diagnostics);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].meta.title, "Only a heading");
  EXPECT_EQ(a[0].meta.published, "2020-02-29");
  EXPECT_EQ(a[0].body, "And a day.");  // the h1 that is the title is not body text
}

TEST(HtmlReader, DeclaredLegacyCharsetIsConvertedAndMapped) {
  std::string bytes = "<html><head><meta charset=\"windows-1252\"></head><body><p>Cr\xE8me br\xFBl\xE9"
                      "e \x96 \x93quoted\x94.</p></body></html>";
  Diagnostics diagnostics;
  auto a = read(bytes, diagnostics);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].body, "Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e \xE2\x80\x93 \xE2\x80\x9Cquoted\xE2\x80\x9D.");
  std::size_t at = a[0].body.find("br");
  ByteSpan src = a[0].body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 8)});
  EXPECT_EQ(slice(a[0].original, src), "br\xFBl\xE9" "e");
  expect_round_trip(a[0], true);
}

TEST(HtmlReader, EmptyAndScriptOnlyPagesAreSkipped) {
  Diagnostics diagnostics;
  ReadStats stats;
  auto a = collect([&](const ArticleSink& sink) {
    read_html("s.html", "<html><script>x()</script><nav>Menu</nav></html>", ReadOptions{}, sink, diagnostics, stats);
  });
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(stats.skipped_by_reason["empty"], 1u);
}

// Byline and time-stamp lines inside the article are metadata, not body; a byline names the
// author when the page's metadata does not. Prose that happens to open with "By" stays.
TEST(HtmlReader, BylineAndTimeLinesLeaveTheBody) {
  const std::string page =
      "<html><head><title>Tram line approved</title></head><body><article>"
      "<h1>Tram line approved</h1>"
      "<p>By Hanna Voss, Staff Writer</p>"
      "<p><time datetime=\"2031-11-06T07:30\">Nov. 6, 2031, 7:30 a.m.</time></p>"
      "<p>Shopkeepers on Mill Street said on Friday they would fight the tram line that the council "
      "approved late on Thursday, saying a dedicated lane would remove 120 parking spaces.</p>"
      "<p>By Tuesday, the petition had 2,000 names.</p>"
      "<p class=\"dateline\">Updated Nov. 7, 2031</p>"
      "<p>The council said construction would start in spring, with the first trams running within "
      "two years, and that shop deliveries would keep a loading bay on every block.</p>"
      "</article></body></html>";
  Diagnostics diagnostics;
  auto articles = read(page, diagnostics);
  ASSERT_EQ(articles.size(), 1u);
  const RawArticle& a = articles[0];
  EXPECT_EQ(a.meta.author, "Hanna Voss");
  EXPECT_EQ(a.body.find("Shopkeepers on Mill Street"), 0u) << a.body;
  EXPECT_EQ(a.body.find("By Hanna"), std::string::npos) << a.body;
  EXPECT_EQ(a.body.find("7:30"), std::string::npos) << a.body;
  EXPECT_EQ(a.body.find("Updated"), std::string::npos) << a.body;
  EXPECT_NE(a.body.find("By Tuesday, the petition had 2,000 names."), std::string::npos) << a.body;
  EXPECT_NE(a.body.find("loading bay on every block."), std::string::npos) << a.body;
  expect_round_trip(a, true);
}

// A page's own author metadata wins over the byline line.
TEST(HtmlReader, MetadataAuthorWinsOverByline) {
  const std::string page =
      "<html><head><meta name=\"author\" content=\"Ola Brandt\"></head><body><article>"
      "<p>By The Courier Staff</p>"
      "<p>The harbour master said on Monday that the northern pier would close for repairs for six "
      "weeks, and that ferries would use the southern berth until the work is done.</p>"
      "</article></body></html>";
  Diagnostics diagnostics;
  auto articles = read(page, diagnostics);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].meta.author, "Ola Brandt");
  EXPECT_EQ(articles[0].body.find("By The Courier"), std::string::npos) << articles[0].body;
}

// The parser's fixtures (tests/data/html/, also used by html_dom_gumbo_test.cc) through the
// whole reader: main text, metadata, and a body that maps back to the file.
TEST(HtmlReader, ParserFixtureArticle) {
  Diagnostics diagnostics;
  std::string bytes = read_file(std::string(PRECIS_SOURCE_DIR) + "/tests/data/html/article_basic.html");
  ASSERT_FALSE(bytes.empty());
  auto articles = read(bytes, diagnostics);
  ASSERT_EQ(articles.size(), 1u);
  const RawArticle& a = articles[0];
  EXPECT_EQ(a.meta.title, "Harbour council approves tidal lantern festival");
  EXPECT_EQ(a.meta.author, "Ilse Varrow");
  EXPECT_EQ(a.meta.outlet, "The Brinmoor Gazette");
  EXPECT_EQ(a.meta.url, "https://gazette.example/2031/04/02/lantern-festival?ref=home&src=feed");
  EXPECT_EQ(a.meta.language, "en");
  // The byline line ("By Ilse Varrow · 2 April 2031") is metadata: the body opens with the text.
  EXPECT_EQ(a.body.find("BRINMOOR \xE2\x80\x94 The harbour council voted 7\xE2\x80\x93" "2 on Tuesday"), 0u)
      << a.body;
  EXPECT_EQ(a.body.find("Ilse Varrow"), std::string::npos) << a.body;
  EXPECT_NE(a.body.find("Organisers expect around 4\xE2\x80\xAF" "000 visitors & forty stalls."), std::string::npos);
  EXPECT_NE(a.body.find("Stalls open at 6\xC2\xA0p.m. each night."), std::string::npos);
  EXPECT_NE(a.body.find("Residents can comment on the route until 20 April."), std::string::npos);
  for (std::string_view boilerplate : {"Home", "Sea wall reopens", "All rights reserved", "not text", "Subscribe",
                                       "Photo: Staff"}) {
    EXPECT_EQ(a.body.find(boilerplate), std::string::npos) << boilerplate;
  }
  expect_round_trip(a, true);
  // A reference maps to the whole "&...;" in the file, plain text byte for byte.
  std::size_t at = a.body.find("\xE2\x80\x94");
  ByteSpan src = a.body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 3)});
  EXPECT_EQ(slice(a.original, src), "&mdash;");
  at = a.body.find("sealed LED lights");
  src = a.body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 17)});
  EXPECT_EQ(slice(a.original, src), "sealed LED lights");
}

TEST(HtmlReader, BrokenMarkupAndDeepNestingDoNotCrash) {
  Diagnostics diagnostics;
  auto a = read("<p>Unclosed <b>bold <i>italic &amp &copy2020 &#xZZ; &#99999999; text", diagnostics);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(a[0].body.starts_with("Unclosed bold italic & \xC2\xA9" "2020")) << a[0].body;
  for (std::uint32_t i = 0; i < a[0].body.size(); ++i) {
    ByteSpan src = a[0].body_to_original.to_source(ByteSpan{i, i + 1});
    EXPECT_LE(src.end, a[0].original.size());
  }
  std::size_t at = a[0].body.find("italic");
  ByteSpan src = a[0].body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 6)});
  EXPECT_EQ(slice(a[0].original, src), "italic");
  std::string deep;
  for (int i = 0; i < 30000; ++i) deep += "<div>";
  deep += "deep";
  diagnostics.clear();
  ReadStats stats;
  collect([&](const ArticleSink& sink) { read_html("deep.html", deep, ReadOptions{}, sink, diagnostics, stats); });
  EXPECT_EQ(stats.skipped_by_reason["malformed"], 1u);
}

}  // namespace
}  // namespace precis::ingest
