#include "precis/server/newsroom.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "precis/render/render.h"

namespace precis::server {
namespace {

Newsroom memory_newsroom(engine::DigestOptions options = {}) {
  auto store = store::Store::open(":memory:");
  EXPECT_TRUE(store.has_value()) << store.error().message;
  options.max_stories = 0;
  return Newsroom(std::move(*store), options);
}

TEST(Newsroom, AddingDigestsEverythingStoredAndEachArticleIsStoredOnce) {
  Newsroom newsroom = memory_newsroom();
  auto first = newsroom.add_paths({"examples/harbour-fire"});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->read, 7u);
  EXPECT_EQ(first->stored.added, 7u);
  EXPECT_TRUE(first->refreshed);
  EXPECT_EQ(first->stories, 1u);

  auto again = newsroom.add_paths({"examples/harbour-fire"});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->stored.added, 0u);
  EXPECT_EQ(again->stored.already_stored, 7u);
  EXPECT_FALSE(again->refreshed) << "nothing new: the digest is not made again";

  auto second = newsroom.add_paths({"examples/lisburg-tram"});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->stored.added, 3u);
  EXPECT_EQ(second->articles_stored, 10u);
  EXPECT_EQ(second->stories, 2u);
  ASSERT_EQ(second->stored.ids.size(), 3u);
  EXPECT_EQ(second->stored.ids[0].value, 8u);

  // The facts are rows too, with store ids and the stable story ids.
  store::Snapshot snap;
  {
    engine::DigestOptions o;
    o.max_stories = 0;
    engine::DigestResult r = engine::digest_paths({"examples/harbour-fire"}, o);
    std::vector<ArticleId> ids;
    for (std::uint32_t i = 1; i <= 7; ++i) ids.push_back(ArticleId{i + 3});  // as if stored after 3 others
    snap = make_snapshot(r, ids);
  }
  ASSERT_FALSE(snap.facts.figures.empty());
  ASSERT_FALSE(snap.facts.entities.empty());
  ASSERT_FALSE(snap.facts.timeline.empty());
  bool damage_update = false;
  for (const store::QuantityRow& q : snap.facts.quantities) {
    if (q.unit == "USD" && q.status == "update") {
      damage_update = true;
      ASSERT_EQ(q.readings.size(), 2u);
      EXPECT_DOUBLE_EQ(q.readings[0].value, 12e6);
      EXPECT_DOUBLE_EQ(q.readings[1].value, 18.5e6);
    }
  }
  EXPECT_TRUE(damage_update) << "the demo's damage estimate rises from $12 million to $18.5 million";
  for (const store::FigureRow& f : snap.facts.figures) {
    EXPECT_GE(f.article.value, 4u);
    EXPECT_LE(f.article.value, 10u);
  }
  bool marsh = false;
  for (const store::EntityRow& e : snap.facts.entities) marsh |= e.name == "Helena Marsh" && e.kind == "person";
  EXPECT_TRUE(marsh);

  // The stored digest is the digest of all articles read at once.
  engine::DigestOptions options;
  options.max_stories = 0;
  engine::DigestResult direct = engine::digest_paths({"examples/harbour-fire", "examples/lisburg-tram"}, options);
  auto md = newsroom.rendition("md");
  ASSERT_TRUE(md.has_value() && md->has_value());
  EXPECT_EQ(**md, render::to_markdown(direct));
  auto rows = newsroom.stories();
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].headline, direct.stories[0].headline);
  EXPECT_EQ((*rows)[0].articles, direct.stories[0].articles.size());
}

// Citations in the snapshot point at store ids, and the stored article's original bytes hold the
// cited sentence, also when the digest skipped an article with no text (and numbered on).
TEST(Newsroom, SnapshotCitationsUseStoreIdsWhenAnEmptyArticleIsSkipped) {
  Newsroom newsroom = memory_newsroom();
  RawArticle empty;
  empty.meta.source = "empty.txt";
  empty.original = "   ";
  empty.body = "";
  RawArticle a;
  a.meta.source = "a.txt";
  a.meta.published = "2026-11-03";
  a.original = "The harbour ferry Solvik ran aground near Kessel Point on Monday, the coast guard said.";
  a.body = a.original;
  a.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(a.body.size()));
  RawArticle b = a;
  b.meta.source = "b.txt";
  b.original = "Coast guard officers said the harbour ferry Solvik ran aground near Kessel Point on Monday.";
  b.body = b.original;
  auto outcome = newsroom.add_articles({empty, a, b});
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_EQ(outcome->stored.added, 3u);
  bool skipped = false;
  for (const Diagnostic& d : outcome->diagnostics) skipped |= d.source == "empty.txt";
  EXPECT_TRUE(skipped) << "the skipped article is reported";

  auto story_json = nlohmann::json::parse(**newsroom.rendition("json"));
  ASSERT_EQ(story_json["articles"].size(), 2u) << "the digest numbers the two kept articles 1 and 2";

  // Through the store: stories table and citations use ids 2 and 3.
  auto rows = newsroom.stories();
  ASSERT_TRUE(rows.has_value());
  ASSERT_FALSE(rows->empty());
  EXPECT_EQ((*rows)[0].articles, 2u);
  engine::DigestOptions options;
  engine::DigestResult result = engine::digest_articles({empty, a, b}, options);
  ASSERT_EQ(result.input_index.size(), 2u);
  EXPECT_EQ(result.input_index[0], 1u);
  store::Snapshot snap = make_snapshot(result, {ArticleId{1}, ArticleId{2}, ArticleId{3}});
  ASSERT_EQ(snap.digest_articles.size(), 2u);
  EXPECT_EQ(snap.digest_articles[0].value, 2u);
  EXPECT_EQ(snap.digest_articles[1].value, 3u);
  ASSERT_FALSE(snap.stories.empty());
  for (ArticleId id : snap.stories[0].articles) EXPECT_GE(id.value, 2u);
  for (const SummarySentence& s : snap.stories[0].summary) {
    for (const Citation& c : s.citations) {
      auto stored = newsroom.article(c.article);
      ASSERT_TRUE(stored.has_value() && stored->has_value());
      std::string cited = (*stored)->raw.original.substr(c.original.begin, c.original.size());
      EXPECT_NE(cited.find("Solvik"), std::string::npos) << cited;
    }
  }
}

TEST(Newsroom, AWindowDigestsOnlyTheRecentArticles) {
  auto store = store::Store::open(":memory:");
  ASSERT_TRUE(store.has_value());
  engine::DigestOptions options;
  options.max_stories = 0;
  Newsroom newsroom(std::move(*store), options, 2);
  // The harbour fire is dated 2026-11-03/04, the tram story 2026-11-06: two days keep the tram
  // and the articles without a date (added just now).
  auto outcome = newsroom.add_paths({"examples/harbour-fire", "examples/lisburg-tram"});
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_EQ(outcome->articles_stored, 10u);
  auto numbers = newsroom.digest_articles();
  ASSERT_TRUE(numbers.has_value());
  std::uint32_t dated_fire = 0, undated = 0;
  for (std::uint32_t id = 1; id <= 10; ++id) {
    auto a = newsroom.article(ArticleId{id});
    ASSERT_TRUE(a.has_value() && a->has_value());
    const std::string& published = (*a)->raw.meta.published;
    bool digested = std::find(numbers->begin(), numbers->end(), ArticleId{id}) != numbers->end();
    if (published.empty()) {
      ++undated;
      EXPECT_TRUE(digested) << id;
    } else {
      EXPECT_EQ(digested, published.substr(0, 10) >= "2026-11-05") << id << " " << published;
      dated_fire += published.substr(0, 10) < "2026-11-05";
    }
  }
  EXPECT_GT(dated_fire, 0u);
  auto info = newsroom.digest_info();
  ASSERT_TRUE(info.has_value() && info->has_value());
  EXPECT_EQ((*info)->articles_digested, 10 - dated_fire);
  EXPECT_EQ(numbers->size(), 10 - dated_fire);
}

// Articles stored after the saved digest read its articles (a digest that failed, or another
// process's add) make the next add digest again even when it brings nothing new.
TEST(Newsroom, AnAddDigestsAgainWhenTheSavedDigestIsOlderThanTheArticles) {
  auto dir = std::filesystem::temp_directory_path() / ("precis_newsroom_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "news.db").string();
  engine::DigestOptions options;
  options.max_stories = 0;
  {
    auto store = store::Store::open(path);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    Newsroom newsroom(std::move(*store), options);
    ASSERT_TRUE(newsroom.add_paths({"examples/harbour-fire"}));
  }
  {
    // Another writer stores articles without digesting.
    auto store = store::Store::open(path);
    ASSERT_TRUE(store.has_value());
    engine::ReadResult read = engine::read_inputs({"examples/lisburg-tram"}, options);
    ASSERT_TRUE(store->add(read.articles));
  }
  auto store = store::Store::open(path);
  ASSERT_TRUE(store.has_value());
  Newsroom newsroom(std::move(*store), options);
  auto outcome = newsroom.add_paths({"examples/harbour-fire"});
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_EQ(outcome->stored.added, 0u);
  EXPECT_TRUE(outcome->refreshed);
  EXPECT_EQ(outcome->stories, 2u);
  auto again = newsroom.add_paths({"examples/harbour-fire"});
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->refreshed);
  std::filesystem::remove_all(dir);
}

std::vector<ArticleId> ids(std::initializer_list<std::uint32_t> values) {
  std::vector<ArticleId> out;
  for (std::uint32_t v : values) out.push_back(ArticleId{v});
  return out;
}

TEST(AssignStoryIds, AStoryKeepsItsIdWhileItKeepsMostOfItsArticles) {
  std::map<std::uint32_t, std::vector<ArticleId>> previous = {
      {4, ids({1, 2, 3})}, {7, ids({4, 5})}, {9, ids({6, 7, 8, 9})}, {12, ids({10})}};
  std::uint32_t next = 13;
  // New ranking: story 9 grew (rank 1); story 4 kept 2 of its 3 articles; 7 split 1-1 (no
  // majority: both halves are new); 12's article fell out of the window; one story is new.
  auto got = assign_story_ids({ids({6, 7, 8, 9, 11}), ids({1, 2}), ids({3, 4}), ids({5}), ids({12, 13})}, previous,
                              ids({1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13}), next);
  EXPECT_EQ(got, (std::vector<std::uint32_t>{9, 4, 13, 14, 15}));
  EXPECT_EQ(next, 16u);
}

TEST(AssignStoryIds, TheLargerPartOfAMergeOrSplitKeepsTheIdAndIdsAreNeverReused) {
  std::map<std::uint32_t, std::vector<ArticleId>> previous = {{1, ids({1, 2, 3})}, {2, ids({4, 5, 6, 7})}};
  std::uint32_t next = 3;
  // Both old stories merged: the one sharing more articles gives its id.
  auto merged = assign_story_ids({ids({1, 2, 3, 4, 5, 6, 7})}, previous, ids({1, 2, 3, 4, 5, 6, 7}), next);
  EXPECT_EQ(merged, (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(next, 3u);
  // A retired id (1) is not given again to a new story.
  auto fresh = assign_story_ids({ids({8})}, {{2, ids({1, 2, 3, 4, 5, 6, 7})}}, ids({8}), next);
  EXPECT_EQ(fresh, (std::vector<std::uint32_t>{3}));
  EXPECT_EQ(next, 4u);
}

TEST(Newsroom, StoryIdsStayTheSameWhenNewsArrives) {
  Newsroom newsroom = memory_newsroom();
  ASSERT_TRUE(newsroom.add_paths({"examples/lisburg-tram"}));
  auto before = newsroom.stories();
  ASSERT_TRUE(before.has_value());
  ASSERT_EQ(before->size(), 1u);
  std::uint32_t tram = (*before)[0].id;
  // The larger harbour fire story arrives and ranks first; the tram story keeps its id.
  ASSERT_TRUE(newsroom.add_paths({"examples/harbour-fire"}));
  auto after = newsroom.stories();
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[0].rank, 1u);
  EXPECT_NE((*after)[0].id, tram) << "the new story gets a new id";
  EXPECT_EQ((*after)[1].id, tram);
  EXPECT_EQ((*after)[1].rank, 2u);
  // The renditions use the same ids.
  auto json = nlohmann::json::parse(**newsroom.rendition("json"));
  EXPECT_EQ(json["stories"][1]["id"], tram);
  auto document = newsroom.story_document(tram);
  ASSERT_TRUE(document.has_value() && document->has_value());
  EXPECT_NE((**document).find("Lisburg"), std::string::npos);
  for (const auto& a : json["articles"]) {
    EXPECT_TRUE(a["story"] == tram || a["story"] == (*after)[0].id) << a.dump();
  }
}

TEST(Newsroom, RefreshOfAnEmptyStoreGivesAnEmptyDigest) {
  Newsroom newsroom = memory_newsroom();
  auto stories = newsroom.refresh();
  ASSERT_TRUE(stories.has_value()) << stories.error().message;
  EXPECT_EQ(*stories, 0u);
  auto json = newsroom.rendition("json");
  ASSERT_TRUE(json.has_value() && json->has_value());
  EXPECT_TRUE(nlohmann::json::parse(**json)["stories"].empty());
}

}  // namespace
}  // namespace precis::server
