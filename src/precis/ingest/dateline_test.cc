// Wire datelines: the publication date they give (dateline_date, and the text and HTML readers
// using it), and the dateline cut from a web page's first body paragraph when a byline and a time
// line come before it (text::remove_boilerplate on what extract_html gives). Fictional texts.
#include <gtest/gtest.h>

#include "precis/ingest/html_extract.h"
#include "precis/ingest/reader.h"
#include "precis/text/boilerplate.h"

namespace precis::ingest {
namespace {

TEST(DatelineDate, ExplicitYear) {
  EXPECT_EQ(dateline_date("PORT AVEN, Nov. 3, 2026 (MP) \xE2\x80\x94 The ferry resumed."), "2026-11-03");
  EXPECT_EQ(dateline_date("LUSK, 14 March 2025 \xE2\x80\x93 Fishermen protested."), "2025-03-14");
  EXPECT_EQ(dateline_date("NEW AVEN, Conn., Sept. 9, 2024 (MP) _ The council met."), "2024-09-09");
}

TEST(DatelineDate, YearFromAnotherFullDate) {
  EXPECT_EQ(dateline_date("PORT AVEN, Nov. 3 (MP) \xE2\x80\x94 The ferry, idle since Oct. 1, 2026, sailed."),
            "2026-11-03");
  // A January story that mentions late December: the nearer year wins.
  EXPECT_EQ(dateline_date("LUSK, Jan. 2 (MP) \xE2\x80\x94 The storm of December 30, 2025 closed the port."),
            "2026-01-02");
  EXPECT_EQ(dateline_date("LUSK, Jan. 2 (MP) \xE2\x80\x94 Figures released 2025-12-30 show a rise."), "2026-01-02");
}

TEST(DatelineDate, NoYearOrNoDateline) {
  EXPECT_EQ(dateline_date("PORT AVEN, Nov. 3 (MP) \xE2\x80\x94 The ferry resumed on Tuesday."), "");
  EXPECT_EQ(dateline_date("PORT AVEN (MP) \xE2\x80\x94 The ferry resumed on Nov. 3, 2026."), "");
  EXPECT_EQ(dateline_date("The ferry resumed, Nov. 3, 2026 \xE2\x80\x94 said the operator."), "");
  EXPECT_EQ(dateline_date("PORT AVEN, Feb. 30, 2026 (MP) \xE2\x80\x94 An impossible day."), "");
  EXPECT_EQ(dateline_date(""), "");
}

TEST(DatelineDate, AfterBylineAndTimeLine) {
  EXPECT_EQ(dateline_date("By Mara Quill\n\nUpdated 10:42 a.m.\n\nPORT AVEN, Nov. 3, 2026 (MP) \xE2\x80\x94 The ferry."),
            "2026-11-03");
}

TEST(DatelineDate, TextReaderDatesAWireStory) {
  std::vector<RawArticle> out;
  Diagnostics diagnostics;
  read_text("wire.txt",
            "Ferry back in service\n\nPORT AVEN, Nov. 3 (MP) \xE2\x80\x94 The harbour ferry carried passengers again "
            "on Tuesday, five weeks after it was withdrawn on Sept. 29, 2026 for repairs.\n",
            [&](RawArticle&& a) { out.push_back(std::move(a)); }, diagnostics);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].meta.published, "2026-11-03");
  out.clear();
  read_text("undated.txt", "PORT AVEN, Nov. 3 (MP) \xE2\x80\x94 The harbour ferry carried passengers again.\n",
            [&](RawArticle&& a) { out.push_back(std::move(a)); }, diagnostics);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].meta.published, "");
}

const char* kWirePage = R"(<!doctype html><html><head><title>Ferry back in service</title></head><body>
<article><h1>Ferry back in service</h1>
<p>Mara Quill</p>
<p>Nov. 3, 2026 10:42</p>
<p>PORT AVEN, Nov. 3 (MP) &mdash; The harbour ferry carried its first passengers in five weeks on Tuesday, after
engineers replaced a propeller shaft that had kept it in dry dock since Sept. 29.</p>
<p>The operator said the full timetable of twelve daily crossings would return on Monday, and that season
tickets would be extended by five weeks.</p>
</article></body></html>)";

TEST(DatelineCut, WebPageWithBylineAndTimeLine) {
  Diagnostics diagnostics;
  ExtractedPage page = extract_html("wire.html", kWirePage, ExtractOptions{}, diagnostics);
  ASSERT_TRUE(page.ok);
  EXPECT_EQ(page.article.meta.published, "2026-11-03") << page.article.body;  // dateline, year from the text
  text::BoilerplateModel model;
  model.add(page.article);
  text::CleanBody clean = text::remove_boilerplate(page.article, model);
  EXPECT_EQ(clean.text.find("PORT AVEN"), std::string::npos) << clean.text;
  std::size_t story = clean.text.find("The harbour ferry carried");
  ASSERT_NE(story, std::string::npos) << clean.text;
  EXPECT_TRUE(story == 0 || clean.text.substr(story - 2, 2) == "\n\n") << "the paragraph starts after the cut:\n"
                                                                        << clean.text;
  bool dateline_reported = false;
  for (const auto& v : clean.removed) {
    if (v.kind == text::LineKind::kDateline) {
      dateline_reported = true;
      EXPECT_EQ(page.article.body.substr(v.span.begin, 9), "PORT AVEN");
    }
  }
  EXPECT_TRUE(dateline_reported);
}

TEST(DatelineCut, NotCutDeepInTheStory) {
  RawArticle a;
  a.body =
      "The harbour ferry carried its first passengers in five weeks on Tuesday, the operator said in a statement.\n\n"
      "LUSK, Nov. 3 (MP) \xE2\x80\x94 On the island, shops reopened for the day visitors.";
  text::BoilerplateModel model;
  text::CleanBody clean = text::remove_boilerplate(a, model);
  EXPECT_NE(clean.text.find("LUSK, Nov. 3"), std::string::npos) << clean.text;
}

}  // namespace
}  // namespace precis::ingest
