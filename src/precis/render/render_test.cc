// Renderers: structure of Markdown, JSON and HTML on the demo corpus, escaping and link safety.
#include "precis/render/render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace precis::render {
namespace {

class Rendered : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine::DigestOptions options;
    result_ = new engine::DigestResult(engine::digest_paths({"examples/harbour-fire", "examples/lisburg-tram"}, options));
  }
  static void TearDownTestSuite() { delete result_; }
  static engine::DigestResult* result_;
};
engine::DigestResult* Rendered::result_ = nullptr;

TEST_F(Rendered, MarkdownHasCreditSummaryFactsAndSources) {
  std::string md = to_markdown(*result_);
  EXPECT_EQ(md.rfind("# ", 0), 0u);
  EXPECT_NE(md.find(" outlets: "), std::string::npos) << "credit line";
  EXPECT_NE(md.find("cop"), std::string::npos);
  EXPECT_NE(md.find("rewrite of ["), std::string::npos);
  EXPECT_NE(md.find("**Figures**"), std::string::npos);
  EXPECT_NE(md.find("**Sources**"), std::string::npos);
  EXPECT_NE(md.find("\n---\n"), std::string::npos) << "stories are separated";
}

TEST_F(Rendered, JsonCarriesStoriesFactsAndRelations) {
  auto j = nlohmann::json::parse(to_json(*result_));
  EXPECT_EQ(j["precis_version"], "0.2.0");
  ASSERT_GE(j["stories"].size(), 2u);
  EXPECT_EQ(j["stories_found"].get<std::size_t>(), j["stories"].size());
  bool rewrite = false;
  std::size_t datelines = 0;
  for (const auto& a : j["articles"]) {
    ASSERT_TRUE(a.contains("story"));
    ASSERT_TRUE(a.contains("copy_kind"));
    ASSERT_TRUE(a.contains("dateline_place"));
    if (a["dateline_place"] == "PORT AVEN") ++datelines;  // meridian-press-wire.txt's dateline
    if (a["copy_kind"] == "rewrite") {
      rewrite = true;
      EXPECT_TRUE(a["rewrite_of"].is_number());
      EXPECT_TRUE(a["duplicate_of"].is_null());
    }
  }
  EXPECT_TRUE(rewrite);
  EXPECT_GE(datelines, 1u);
  const auto& story = j["stories"][0];
  for (const char* key : {"outlets", "originals", "duplicates", "rewrites", "rank_score", "facts"}) {
    EXPECT_TRUE(story.contains(key)) << key;
  }
  ASSERT_TRUE(story["facts"].is_object());
  EXPECT_FALSE(story["facts"].contains("articles")) << "articles are listed once, at the top";
  EXPECT_FALSE(story["facts"]["figures"].empty());
  EXPECT_EQ(story["sources"].get<std::size_t>(),
            story["originals"].get<std::size_t>() + story["duplicates"].get<std::size_t>() +
                story["rewrites"].get<std::size_t>());
}

TEST_F(Rendered, HtmlIsOnePageWithLinkedCitations) {
  std::string html = to_html(*result_);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("href=\"#s1-1\""), std::string::npos);
  EXPECT_NE(html.find("id=\"s1-1\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("</html>\n"), std::string::npos);
}

TEST(Html, EscapesTextAndDropsUnsafeLinks) {
  RawArticle r;
  r.meta.source = "x.txt";
  r.meta.title = "<b>Bold</b> & \"quoted\"";
  r.meta.url = "javascript:alert(1)";
  r.meta.language = "en";
  r.body = "The <script>alert(1)</script> council met on Monday & voted. It approved the plan by nine votes.";
  r.original = r.body;
  r.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(r.body.size()));
  std::vector<RawArticle> in;
  in.push_back(std::move(r));
  engine::DigestOptions options;
  options.facts = false;
  engine::DigestResult result = engine::digest_articles(std::move(in), options);
  ASSERT_EQ(result.stories.size(), 1u);
  std::string html = to_html(result);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>Bold"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << "only http(s) URLs become links";
}

TEST(Credit, WordsForCopiesAndRewrites) {
  engine::DigestResult result;
  for (std::uint32_t i = 1; i <= 4; ++i) {
    Article a;
    a.id = ArticleId{i};
    a.meta.source = "a" + std::to_string(i);
    result.articles.push_back(a);
  }
  result.articles[1].duplicate_of = ArticleId{1};
  result.articles[2].rewrite_of = ArticleId{1};
  Story s;
  s.id = 1;
  s.headline = "H";
  s.articles = {ArticleId{1}, ArticleId{2}, ArticleId{3}, ArticleId{4}};
  s.duplicate_articles = 1;
  s.rewrite_articles = 1;
  s.outlets = 3;
  s.first_published = "2026-11-03";
  s.last_published = "2026-11-04T10:00:00Z";
  result.stories.push_back(s);
  StoryView view = make_story_view(result, 0);
  EXPECT_EQ(view.credit, "4 articles from 3 outlets: 2 originals, 1 copy, 1 rewrite");
  EXPECT_EQ(view.dates, "first seen 2026-11-03, updated 2026-11-04");
  EXPECT_EQ(relation_note(view, result.articles[1]), "copy of [1]");
  EXPECT_EQ(relation_note(view, result.articles[2]), "rewrite of [1]");
  EXPECT_EQ(relation_note(view, result.articles[3]), "");
}

// A digest of one story made of one article, for the facts views to fill.
engine::DigestResult one_article_story() {
  engine::DigestResult result;
  Article a;
  a.id = ArticleId{1};
  a.meta.source = "a.txt";
  result.articles.push_back(a);
  Story s;
  s.id = 1;
  s.headline = "H";
  s.articles = {ArticleId{1}};
  result.stories.push_back(s);
  return result;
}

TEST(FactsView, DropsOneOffNamesAndTimelineLinesThatDoNotStandAlone) {
  engine::DigestResult result = one_article_story();
  facts::StoryFacts f;
  auto entity = [](std::string name, std::size_t mentions, std::vector<std::string> roles) {
    facts::Entity e;
    e.name = std::move(name);
    e.roles = std::move(roles);
    for (std::size_t i = 0; i < mentions; ++i) {
      facts::EntityMention m;
      m.where.article = ArticleId{1};
      e.mentions.push_back(m);
    }
    return e;
  };
  f.entities.push_back(entity("Helena Marsh", 3, {}));
  f.entities.push_back(entity("Ines Calloway", 1, {"Port director"}));
  f.entities.push_back(entity("St", 1, {}));
  facts::TimelineEvent dated;
  dated.iso_begin = dated.iso_end = "2026-11-03";
  dated.sentence = "Nov. 3, 2026, 9:05 p.m.";
  dated.source.article = ArticleId{1};
  facts::TimelineEvent event = dated;
  event.sentence = "A fire tore through a warehouse on Tuesday.";
  facts::TimelineEvent pronoun = dated;
  pronoun.sentence = "He is to meet the port director on Tuesday.";  // who?
  facts::TimelineEvent quoted = dated;
  quoted.sentence = "\"It was like thunder,\" a docker said on Tuesday.";
  facts::TimelineEvent piece = dated;
  piece.sentence = "The port director said on Tuesday: \"We will reopen the berths.";  // goes on
  f.timeline = {dated, event, pronoun, quoted, piece};
  result.facts.push_back(f);
  StoryView view = make_story_view(result, 0);
  ASSERT_EQ(view.facts.people.size(), 2u);
  EXPECT_EQ(view.facts.people[0][0].text, "Helena Marsh");
  EXPECT_EQ(view.facts.people[1][0].text, "Ines Calloway, Port director");
  ASSERT_EQ(view.facts.timeline.size(), 2u);
  EXPECT_EQ(view.facts.timeline[0][0].text, "2026-11-03: A fire tore through a warehouse on Tuesday.");
  EXPECT_EQ(view.facts.timeline[1][0].text, "2026-11-03: \"It was like thunder,\" a docker said on Tuesday.");
}

// With more events than lines, the digest's timeline spans the story: every day keeps its best
// event (the lead of the latest day's report included), and the lines stay in date order.
TEST(FactsView, AmountsAreLabelledWithWhatTheyMeasure) {
  engine::DigestResult result = one_article_story();
  facts::StoryFacts f;
  auto figure = [](const std::string& text, double value, const std::string& unit, const std::string& measured) {
    facts::Figure fig;
    fig.where.article = ArticleId{1};
    fig.where.text = text;
    fig.value = value;
    fig.unit = unit;
    fig.measured = measured;
    return fig;
  };
  f.figures = {figure("$12 million", 12e6, "USD", "damage"), figure("$18.5 million", 18.5e6, "USD", "damage"),
               figure("3.5%", 3.5, "%", "traffic"), figure("$2 billion in loans", 2e9, "USD", "loans"),
               figure("$40", 40, "USD", "")};
  facts::QuantityReport q;
  q.unit = "USD";
  q.measured = "damage";
  q.status = facts::QuantityReport::Status::kUpdate;
  q.readings = {facts::Reading{12e6, std::nullopt, {0}, {ArticleId{1}}, "2026-11-03", "2026-11-03"},
                facts::Reading{18.5e6, std::nullopt, {1}, {ArticleId{1}}, "2026-11-04", "2026-11-04"}};
  f.quantities = {q};
  result.facts.push_back(f);
  StoryView view = make_story_view(result, 0);
  std::vector<std::string> first;
  for (const auto& line : view.facts.figures) first.push_back(line[0].text);
  ASSERT_EQ(first.size(), 3u);  // "$40", which says nothing of what it is, is left to the JSON
  EXPECT_EQ(first[0], "Damage, updated: $12 million (2026-11-03)");
  EXPECT_EQ(first[1], "Traffic: 3.5%");
  EXPECT_EQ(first[2], "$2 billion in loans");  // the text says it already
}

// Where sources disagree comes before what changed, whatever the order the reports were found in.
TEST(FactsView, DisagreementsComeBeforeUpdates) {
  engine::DigestResult result = one_article_story();
  facts::StoryFacts f;
  auto figure = [](const std::string& text, double value, const std::string& measured) {
    facts::Figure fig;
    fig.where.article = ArticleId{1};
    fig.where.text = text;
    fig.value = value;
    fig.unit = "USD";
    fig.measured = measured;
    return fig;
  };
  f.figures = {figure("$12 million", 12e6, "damage"), figure("$18.5 million", 18.5e6, "damage"),
               figure("$3 million", 3e6, "aid"), figure("$4 million", 4e6, "aid")};
  auto report = [](const std::string& measured, facts::QuantityReport::Status status, double a, double b) {
    facts::QuantityReport q;
    q.unit = "USD";
    q.measured = measured;
    q.status = status;
    const std::uint32_t first = measured == "damage" ? 0 : 2;
    q.readings = {facts::Reading{a, std::nullopt, {first}, {ArticleId{1}}, "2026-11-03", "2026-11-03"},
                  facts::Reading{b, std::nullopt, {first + 1}, {ArticleId{1}}, "2026-11-04", "2026-11-04"}};
    return q;
  };
  f.quantities = {report("damage", facts::QuantityReport::Status::kUpdate, 12e6, 18.5e6),
                  report("aid", facts::QuantityReport::Status::kConflict, 3e6, 4e6)};
  result.facts.push_back(f);
  StoryView view = make_story_view(result, 0);
  ASSERT_GE(view.facts.figures.size(), 2u);
  EXPECT_EQ(view.facts.figures[0][0].text, "Aid, sources differ: $3 million (2026-11-03)");
  EXPECT_EQ(view.facts.figures[1][0].text, "Damage, updated: $12 million (2026-11-03)");
}

// A figure is shown in the words of its sentence, the figure in bold: the whole sentence when it
// is short, kContextWords on each side with "…" otherwise; a figure already on screen in an
// earlier line's words gets no line of its own.
TEST(FactsView, FiguresAreShownInTheirSourceWords) {
  RawArticle r;
  r.meta.source = "fire.txt";
  r.meta.language = "en";
  r.meta.published = "2026-11-03";
  r.body =
      "About 120 firefighters fought the blaze.\n\n"
      "The fire broke out shortly after noon on Tuesday at the warehouse near the quay and spread quickly, "
      "forcing the port authority to close two berths and to divert ships to the northern terminal for the night.\n\n"
      "Officials said 14 people were hurt and 3 engines were damaged.";
  r.original = r.body;
  r.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(r.body.size()));
  std::vector<RawArticle> in;
  in.push_back(std::move(r));
  engine::DigestOptions options;
  engine::DigestResult result = engine::digest_articles(std::move(in), options);
  ASSERT_EQ(result.stories.size(), 1u);
  StoryView view = make_story_view(result, 0);
  std::vector<std::string> lines;
  for (const Line& line : view.facts.figures) {
    std::string text;
    for (const Segment& s : line) text += s.strong ? "**" + s.text + "**" : s.text;
    lines.push_back(text);
  }
  std::vector<std::string> expected = {
      "**About 120 firefighters** fought the blaze.",
      "…quickly, forcing the port authority to close **two berths** and to divert ships to the northern…",
      "Officials said **14 people** were hurt and 3 engines were damaged.",
  };
  EXPECT_EQ(lines, expected) << "\"3 engines\" is on screen in the line of 14 people";
  const std::string md = to_markdown(result);
  EXPECT_NE(md.find("- **About 120 firefighters** fought the blaze. [1]\n"), std::string::npos) << md;
  const std::string html = to_html(result);
  EXPECT_NE(html.find("<li><strong>About 120 firefighters</strong> fought the blaze."), std::string::npos);
}

// Among figures given by as many articles, one that an article gives in its first two sentences
// comes first (news puts the key numbers first; chosen with `precis eval figures` on DUC 2003).
TEST(FactsView, AFigureInAnArticlesFirstSentencesComesFirst) {
  auto article = [](const std::string& source, const std::string& published, const std::string& body) {
    RawArticle r;
    r.meta.source = source;
    r.meta.language = "en";
    r.meta.published = published;
    r.body = body;
    r.original = body;
    r.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(body.size()));
    return r;
  };
  std::vector<RawArticle> in;
  in.push_back(article("quay.txt", "2026-11-03",
                       "The port reopened the north quay on Monday after a week of repairs.\n\n"
                       "Harbour officials said the work had gone faster than planned.\n\n"
                       "Ferries to the islands ran on time again by the afternoon.\n\n"
                       "The port later said it had hired 30 new guards for the terminal."));
  in.push_back(article("cranes.txt", "2026-11-04",
                       "The fire destroyed 12 cranes at the container terminal, the port authority said on Tuesday.\n\n"
                       "Investigators were still looking for the cause of the blaze."));
  engine::DigestOptions options;
  options.one_story = true;
  engine::DigestResult result = engine::digest_articles(std::move(in), options);
  ASSERT_EQ(result.stories.size(), 1u);
  StoryView view = make_story_view(result, 0);
  std::vector<std::string> figures;
  for (const Line& line : view.facts.figures) {
    for (const Segment& seg : line) {
      if (seg.strong) figures.push_back(seg.text);
    }
  }
  ASSERT_EQ(figures.size(), 2u);
  EXPECT_EQ(figures[0], "12 cranes") << "the lead's figure before the fourth sentence's";
  EXPECT_EQ(figures[1], "30 new guards");
}

TEST(FactsView, TimelineKeepsEveryDayBeforeFillingWithTheFirstDays) {
  engine::DigestResult result = one_article_story();
  facts::StoryFacts f;
  auto event = [](const std::string& day, std::uint32_t sentence, const std::string& text) {
    facts::TimelineEvent e;
    e.iso_begin = e.iso_end = day;
    e.sentence = text;
    e.source.article = ArticleId{1};
    e.source.sentence = sentence;
    return e;
  };
  for (std::uint32_t k = 0; k < 9; ++k) {
    f.timeline.push_back(event("2026-11-03", k + 1, "Background event number " + std::to_string(k) + " happened on the first day."));
  }
  f.timeline.push_back(event("2026-11-04", 7, "A quote from the second day, said on Wednesday by a witness."));
  f.timeline.push_back(event("2026-11-04", 0, "The toll rose to 14 on Wednesday, investigators said."));
  facts::TimelineEvent later = event("2026-11-09", 3, "The port authority said the berths would stay closed until Monday.");
  later.also.push_back(facts::Mention{ArticleId{1}, 4, {}, {}, ""});
  f.timeline.push_back(later);
  result.facts.push_back(f);
  StoryView view = make_story_view(result, 0);
  ASSERT_EQ(view.facts.timeline.size(), kMaxTimeline);
  std::vector<std::string> shown;
  for (const auto& line : view.facts.timeline) shown.push_back(line[0].text);
  EXPECT_EQ(shown[0], "2026-11-03: Background event number 0 happened on the first day.");
  EXPECT_EQ(shown[5], "2026-11-03: Background event number 5 happened on the first day.");
  EXPECT_EQ(shown[6], "2026-11-04: The toll rose to 14 on Wednesday, investigators said.");
  EXPECT_EQ(shown[7], "2026-11-09: The port authority said the berths would stay closed until Monday.");
}

}  // namespace
}  // namespace precis::render
