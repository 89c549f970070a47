// Engine: arrival order, copy and rewrite links, stories, ranking and citation order, on the
// demo corpus (two events, with copies and a rewrite) and on hand-made articles.
#include "precis/engine/stories.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "precis/engine/pipeline.h"

namespace precis::engine {
namespace {

RawArticle raw(std::string body, std::string published, std::string source) {
  RawArticle r;
  r.meta.source = std::move(source);
  r.meta.published = std::move(published);
  r.meta.language = "en";
  r.original = body;
  r.body = std::move(body);
  r.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(r.body.size()));
  return r;
}

const Article* by_suffix(const DigestResult& r, const std::string& suffix) {
  for (const Article& a : r.articles) {
    const std::string& s = a.meta.source;
    if (s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) return &a;
  }
  return nullptr;
}

TEST(ArrivalOrder, DatedByTimeThenUndatedInInputOrder) {
  Diagnostics d;
  std::vector<RawArticle> in;
  in.push_back(raw("Undated first. It has two sentences.", "", "a"));
  in.push_back(raw("Late article here. Second sentence.", "2026-11-04T10:00:00Z", "b"));
  in.push_back(raw("Early article here. Second sentence.", "2026-11-04T11:00:00+02:00", "c"));
  in.push_back(raw("Undated second. It has two sentences.", "not a date", "d"));
  std::vector<Article> articles = prepare_articles(std::move(in), DigestOptions{}, d);
  ASSERT_EQ(articles.size(), 4u);
  // c is 09:00 UTC, before b at 10:00 UTC: the zone offset counts.
  EXPECT_EQ(arrival_order(articles), (std::vector<std::uint32_t>{2, 1, 0, 3}));
}

TEST(RankScore, SizeHalvedPerHalfLife) {
  EXPECT_DOUBLE_EQ(rank_score(8, 100.0, 100.0, 3), 8.0);
  EXPECT_DOUBLE_EQ(rank_score(8, 100.0 - 72.0, 100.0, 3), 4.0);  // 3 days older: half
  EXPECT_DOUBLE_EQ(rank_score(8, 100.0 - 72.0, 100.0, 0), 8.0);  // recency off
  EXPECT_DOUBLE_EQ(rank_score(8, std::nan(""), 100.0, 3), 8.0);  // undated: size only
}

class DemoCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    DigestOptions options;
    options.facts = false;
    result_ = new DigestResult(digest_paths({"examples/harbour-fire", "examples/lisburg-tram"}, options));
  }
  static void TearDownTestSuite() { delete result_; }
  static DigestResult* result_;
};
DigestResult* DemoCorpus::result_ = nullptr;

TEST_F(DemoCorpus, CopiesAndRewritesAreLinked) {
  const DigestResult& r = *result_;
  const Article* herald = by_suffix(r, "coastal-herald-copy.html");
  const Article* valley = by_suffix(r, "aven-valley-news-copy.txt");
  const Article* watch = by_suffix(r, "harbourwatch-rewrite.txt");
  const Article* courier = by_suffix(r, "lisburg-courier.html");
  ASSERT_TRUE(herald && valley && watch && courier);
  // The Aven Valley News copy repeats the wire text that the Herald (dated) published first.
  ASSERT_TRUE(valley->duplicate_of.has_value());
  EXPECT_TRUE(valley->copy_kind == CopyKind::kExact || valley->copy_kind == CopyKind::kNearCopy);
  EXPECT_FALSE(valley->rewrite_of.has_value());
  ASSERT_TRUE(watch->rewrite_of.has_value());
  EXPECT_EQ(watch->copy_kind, CopyKind::kRewrite);
  EXPECT_FALSE(watch->duplicate_of.has_value());
  EXPECT_GT(watch->rewrite_similarity, 0.5);
  // An original report is neither.
  EXPECT_EQ(courier->copy_kind, CopyKind::kOriginal);
  // Nobody points at a copy: links go to a first version.
  for (const Article& a : r.articles) {
    if (a.duplicate_of) {
      EXPECT_FALSE(r.articles[a.duplicate_of->value - 1].duplicate_of) << a.meta.source;
    }
  }
}

TEST_F(DemoCorpus, OneStoryPerEvent) {
  const DigestResult& r = *result_;
  ASSERT_GE(r.stories.size(), 2u);
  for (const Story& s : r.stories) {
    bool fire = false, tram = false;
    for (ArticleId id : s.articles) {
      const std::string& src = r.articles[id.value - 1].meta.source;
      fire |= src.find("harbour-fire") != std::string::npos;
      tram |= src.find("lisburg-tram") != std::string::npos;
    }
    EXPECT_FALSE(fire && tram) << "story " << s.id << " mixes the two events";
  }
  // And each event is one story: the local feature (Port Aven Gazette) and the reaction piece
  // (Lisburg Courier) share the event's names though not its wording.
  std::set<std::uint32_t> fire_stories, tram_stories;
  for (std::size_t i = 0; i < r.articles.size(); ++i) {
    const std::string& src = r.articles[i].meta.source;
    (src.find("harbour-fire") != std::string::npos ? fire_stories : tram_stories).insert(r.story_of[i]);
  }
  EXPECT_EQ(fire_stories.size(), 1u);
  EXPECT_EQ(tram_stories.size(), 1u);
  // A copy is always in its original's story.
  for (std::size_t i = 0; i < r.articles.size(); ++i) {
    const Article& a = r.articles[i];
    std::optional<ArticleId> o = a.duplicate_of ? a.duplicate_of : a.rewrite_of;
    if (o) {
      EXPECT_EQ(r.story_of[i], r.story_of[o->value - 1]) << a.meta.source;
    }
  }
}

TEST_F(DemoCorpus, StoriesRankedAndCounted) {
  const DigestResult& r = *result_;
  EXPECT_EQ(r.stories_found, r.stories.size());
  for (std::size_t k = 1; k < r.stories.size(); ++k) EXPECT_GE(r.stories[k - 1].rank_score, r.stories[k].rank_score);
  const Story& top = r.stories.front();
  EXPECT_NE(r.articles[top.articles.front().value - 1].meta.source.find("harbour-fire"), std::string::npos)
      << "the fire has the most articles";
  EXPECT_GE(top.duplicate_articles, 1u);
  EXPECT_GE(top.rewrite_articles, 1u);
  EXPECT_LE(top.outlets, top.articles.size());
  EXPECT_FALSE(top.summary.empty());
}

TEST_F(DemoCorpus, CitationsListOriginalsBeforeCopies) {
  const DigestResult& r = *result_;
  auto rank = [&](ArticleId id) {
    const Article& a = r.articles[id.value - 1];
    return a.duplicate_of ? 2 : a.rewrite_of ? 1 : 0;
  };
  std::size_t checked = 0;
  for (const Story& s : r.stories) {
    for (const SummarySentence& sentence : s.summary) {
      // The sentence shown is never from a copy or rewrite: the summarizer skips them as candidates.
      EXPECT_EQ(rank(sentence.citations.front().article), 0) << sentence.text;
      for (std::size_t i = 2; i < sentence.citations.size(); ++i) {
        EXPECT_LE(rank(sentence.citations[i - 1].article), rank(sentence.citations[i].article));
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 0u);
}

TEST(OneStory, KeepsEverythingTogether) {
  DigestOptions options;
  options.facts = false;
  options.one_story = true;
  DigestResult r = digest_paths({"examples/harbour-fire", "examples/lisburg-tram"}, options);
  ASSERT_EQ(r.stories.size(), 1u);
  EXPECT_EQ(r.stories.front().articles.size(), r.articles.size());
}

TEST(MaxStories, ReportsOnlyTheBest) {
  DigestOptions options;
  options.facts = false;
  options.max_stories = 1;
  DigestResult r = digest_paths({"examples/harbour-fire", "examples/lisburg-tram"}, options);
  ASSERT_EQ(r.stories.size(), 1u);
  EXPECT_GE(r.stories_found, 2u);
  std::set<std::uint32_t> reported;
  for (std::uint32_t s : r.story_of) reported.insert(s);
  EXPECT_TRUE(reported.count(0)) << "articles of unreported stories have story 0";
  EXPECT_TRUE(reported.count(r.stories.front().id));
}

TEST(PrepareArticles, KeepsTheDatelinePlace) {
  Diagnostics d;
  std::vector<RawArticle> in;
  in.push_back(raw("PORT AVEN, Nov. 3 (MP) \xE2\x80\x94 Fire crews fought the blaze at the quay for hours.", "2026-11-03", "wire"));
  in.push_back(raw("Fire crews fought the blaze at the quay for hours on Tuesday night.", "2026-11-03", "local"));
  std::vector<Article> a = prepare_articles(std::move(in), DigestOptions{}, d);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].meta.dateline_place, "PORT AVEN");
  EXPECT_EQ(a[0].text.rfind("Fire crews", 0), 0u) << "the dateline is still cut from the text";
  EXPECT_EQ(a[1].meta.dateline_place, "");
}

TEST(PrepareArticles, CreditsAPageThatNamesNoOutletToItsHost) {
  // Found digesting real web pages: a page without og:site_name was listed under its file name
  // ("702d1da6...html.gz — Trump's Made-for-TV Trade War") and counted as an outlet of its own.
  Diagnostics d;
  std::vector<RawArticle> in;
  in.push_back(raw("The north quay reopened on Monday after repairs to the sea wall.", "2026-01-01", "a.html"));
  in[0].meta.url = "https://www.Brinmoor-News.example:8443/2026/01/quay?ref=rss#top";
  in.push_back(raw("The ferry timetable changes in May, the operator said on Tuesday.", "2026-01-02", "b.html"));
  in[1].meta.url = "https://brinmoor-news.example/2026/01/ferry";
  in[1].meta.outlet = "The Brinmoor News";
  in[1].meta.title = "Ferry timetable changes - The Brinmoor News";
  in.push_back(raw("Lantern makers opened their workshops to visitors on Saturday.", "2026-01-03", "c.txt"));
  std::vector<Article> a = prepare_articles(std::move(in), DigestOptions{}, d);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].meta.outlet, "brinmoor-news.example");
  EXPECT_EQ(a[1].meta.outlet, "The Brinmoor News") << "a named outlet is kept";
  EXPECT_EQ(a[1].meta.title, "Ferry timetable changes") << "and its name leaves the title";
  EXPECT_EQ(a[2].meta.outlet, "") << "no address, no outlet";
}

TEST(StripSiteSuffix, TheSiteNameAfterATitleGoes) {
  // Found on real pages: headlines and source lists read "... - SpaceNews.com", "... | ZDNet".
  EXPECT_EQ(strip_site_suffix("NASA adds five companies to lunar lander program - SpaceNews.com", "SpaceNews.com", "spacenews.com"),
            "NASA adds five companies to lunar lander program");
  EXPECT_EQ(strip_site_suffix("Best tech gadgets of 2019 | ZDNet", "ZDNet", "zdnet.com"), "Best tech gadgets of 2019");
  EXPECT_EQ(strip_site_suffix("Investigating WeWork \xE2\x80\x93 TechCrunch", "TechCrunch", ""), "Investigating WeWork");
  EXPECT_EQ(strip_site_suffix("An oxygen bar in Delhi? - News Nation", "newsnation.in", "newsnation.in"), "An oxygen bar in Delhi?");
  EXPECT_EQ(strip_site_suffix("Meal prep | The Beachbody Blog", "the beachbody blog", ""), "Meal prep");
  EXPECT_EQ(strip_site_suffix("A drama review - Entermedia", "entermedia.co.kr", "entermedia.co.kr"), "A drama review");
  // Kept: a section before the title, a label that is not the site, a dash inside the title.
  EXPECT_EQ(strip_site_suffix("Opinion | Republicans Are Following Trump", "WSJ", "wsj.com"), "Opinion | Republicans Are Following Trump");
  EXPECT_EQ(strip_site_suffix("Hong Kong: a city on the brink | Editorial", "the Guardian", "theguardian.com"),
            "Hong Kong: a city on the brink | Editorial");
  EXPECT_EQ(strip_site_suffix("Take C.A.R.E. - comwrap auf der DMEXCO 2018", "blog.comwrap.com", "blog.comwrap.com"),
            "Take C.A.R.E. - comwrap auf der DMEXCO 2018");
  EXPECT_EQ(strip_site_suffix("Ferry fares rise", "The Brinmoor News", ""), "Ferry fares rise");
  EXPECT_EQ(strip_site_suffix("", "", ""), "");
}

TEST(OriginalsFirst, ShownSentenceMovesToTheOriginalOnlyWhenIdentical) {
  Diagnostics d;
  std::vector<RawArticle> in;
  in.push_back(raw("The bridge reopened on Monday after repairs. Traffic was light.", "2026-01-01", "orig"));
  in.push_back(raw("The bridge reopened on Monday after repairs. Traffic was light.", "2026-01-02", "copy"));
  in.push_back(raw("On Monday the bridge was reopened after repair work. Few cars came.", "2026-01-03", "rewrite"));
  std::vector<Article> a = prepare_articles(std::move(in), DigestOptions{}, d);
  ASSERT_EQ(a.size(), 3u);
  a[1].duplicate_of = a[0].id;
  a[2].rewrite_of = a[0].id;
  SummarySentence s;
  s.text = std::string(a[1].sentence_text(a[1].sentences[0]));
  s.citations = {Citation{a[1].id, 0, {}}, Citation{a[2].id, 0, {}}, Citation{a[0].id, 0, {}}};
  originals_first(a, s);
  ASSERT_EQ(s.citations.size(), 3u);
  EXPECT_EQ(s.citations[0].article, a[0].id) << "the original shows the identical sentence";
  EXPECT_EQ(s.citations[1].article, a[2].id) << "then rewrites";
  EXPECT_EQ(s.citations[2].article, a[1].id) << "then copies";
  // A shown sentence from a rewrite stays: the original's wording differs.
  SummarySentence t;
  t.text = std::string(a[2].sentence_text(a[2].sentences[0]));
  t.citations = {Citation{a[2].id, 0, {}}, Citation{a[0].id, 0, {}}};
  originals_first(a, t);
  EXPECT_EQ(t.citations[0].article, a[2].id);
}

}  // namespace
}  // namespace precis::engine
