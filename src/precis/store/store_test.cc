#include "precis/store/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace precis::store {
namespace {

RawArticle article(std::string source, std::string body, std::string title = "A title") {
  RawArticle a;
  a.meta.source = std::move(source);
  a.meta.title = std::move(title);
  a.meta.outlet = "The Harbour Gazette";
  a.meta.url = "https://example.org/a";
  a.meta.published = "2026-03-02T08:00:00Z";
  a.meta.language = "en";
  a.meta.format = SourceFormat::kHtml;
  a.original = "<p>" + body + "</p>";
  a.body = std::move(body);
  for (std::uint32_t i = 0; i < a.body.size(); ++i) a.body_to_original.append(i + 3, i + 4);
  return a;
}

Store open_memory() {
  auto s = Store::open(":memory:");
  EXPECT_TRUE(s.has_value()) << s.error().message;
  return std::move(*s);
}

TEST(Store, ArticlesComeBackAsTheyWereAdded) {
  Store store = open_memory();
  RawArticle a = article("a.html", "Fire closes two berths at the port.");
  a.meta.author = "Mara Lind";
  a.meta.dateline_place = "PORT AVEN";
  a.meta.doc_id = "APW1";
  a.meta.updated = "2026-03-02T09:00:00Z";
  auto report = store.add({a, article("b.html", "A second text.")});
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->added, 2u);
  ASSERT_EQ(report->ids.size(), 2u);
  EXPECT_EQ(report->ids[0].value, 1u);
  EXPECT_EQ(report->ids[1].value, 2u);

  auto all = store.recent_articles(0);
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);
  const RawArticle& back = (*all)[0].raw;
  EXPECT_EQ(back.meta.source, a.meta.source);
  EXPECT_EQ(back.meta.title, a.meta.title);
  EXPECT_EQ(back.meta.outlet, a.meta.outlet);
  EXPECT_EQ(back.meta.url, a.meta.url);
  EXPECT_EQ(back.meta.published, a.meta.published);
  EXPECT_EQ(back.meta.updated, a.meta.updated);
  EXPECT_EQ(back.meta.author, a.meta.author);
  EXPECT_EQ(back.meta.language, a.meta.language);
  EXPECT_EQ(back.meta.dateline_place, a.meta.dateline_place);
  EXPECT_EQ(back.meta.doc_id, a.meta.doc_id);
  EXPECT_EQ(back.meta.format, SourceFormat::kHtml);
  EXPECT_EQ(back.original, a.original);
  EXPECT_EQ(back.body, a.body);
  EXPECT_TRUE(back.body_to_original == a.body_to_original);

  auto one = store.article(ArticleId{2});
  ASSERT_TRUE(one.has_value() && one->has_value());
  EXPECT_EQ((*one)->raw.body, "A second text.");
  EXPECT_FALSE((*one)->added.empty());
  auto none = store.article(ArticleId{3});
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
}

TEST(Store, TheSameSourceAndBodyIsStoredOnce) {
  Store store = open_memory();
  ASSERT_TRUE(store.add({article("a.html", "One text."), article("b.html", "Two text.")}));
  auto again = store.add({article("a.html", "One text."), article("a.html", "One text, updated."),
                          article("c.html", "One text.")});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->already_stored, 1u);
  EXPECT_EQ(again->added, 2u);  // a changed text under the same source, and the same text elsewhere
  EXPECT_EQ(store.article_count(), 4u);
  ASSERT_EQ(again->ids.size(), 2u);
  EXPECT_EQ(again->ids[0].value, 3u);
  EXPECT_EQ(again->ids[1].value, 4u);
}

TEST(Store, TheDigestSnapshotIsReplacedAsAWhole) {
  Store store = open_memory();
  ASSERT_TRUE(store.add({article("a.html", "One text."), article("b.html", "Two text.")}));
  auto none = store.digest_info();
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());

  Snapshot snap;
  snap.articles_digested = 2;
  snap.articles_stored = 2;
  Story s;
  s.id = 1;
  s.headline = "Fire at the port";
  s.articles = {ArticleId{1}, ArticleId{2}};
  s.outlets = 2;
  s.first_published = "2026-03-02";
  s.last_published = "2026-03-03";
  s.rank_score = 2;
  SummarySentence sentence;
  sentence.text = "One text.";
  sentence.citations = {Citation{ArticleId{1}, 0, ByteSpan{3, 12}}, Citation{ArticleId{2}, 0, ByteSpan{3, 12}}};
  s.summary = {sentence};
  snap.stories = {s};
  snap.renditions = {{"json", "{}"}, {"md", "# Fire"}};
  snap.digest_articles = {ArticleId{2}, ArticleId{1}};
  snap.story_documents = {{1, "{\"story\": 1}"}};
  snap.facts.figures.push_back({1, ArticleId{1}, ByteSpan{3, 8}, "two berths", 2, std::nullopt, "", "berths", "", ""});
  snap.facts.entities.push_back({1, "Helena Marsh", "person", "Chief Fire Officer", 3, 2});
  snap.facts.quantities.push_back({1, "", "USD", "damage", "", "update",
                                   {{12e6, std::nullopt, {ArticleId{1}}, "2026-03-02", "2026-03-02"},
                                    {18.5e6, std::nullopt, {ArticleId{1}, ArticleId{2}}, "2026-03-03", "2026-03-03"}}});
  snap.facts.timeline.push_back({1, "2026-03-02", "2026-03-02", ArticleId{2}, ByteSpan{3, 12}, "One text.", 1});
  ASSERT_TRUE(store.save_digest(snap));
  auto document = store.story_document(1);
  ASSERT_TRUE(document.has_value() && document->has_value());
  EXPECT_EQ(**document, "{\"story\": 1}");
  EXPECT_FALSE(store.story_document(2)->has_value());
  auto numbers = store.digest_articles();
  ASSERT_TRUE(numbers.has_value());
  ASSERT_EQ(numbers->size(), 2u);
  EXPECT_EQ((*numbers)[0].value, 2u);

  auto rows = store.stories();
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].headline, "Fire at the port");
  EXPECT_EQ((*rows)[0].articles, 2u);
  EXPECT_EQ((*rows)[0].last_published, "2026-03-03");
  auto md = store.rendition("md");
  ASSERT_TRUE(md.has_value() && md->has_value());
  EXPECT_EQ(**md, "# Fire");
  auto info = store.digest_info();
  ASSERT_TRUE(info.has_value() && info->has_value());
  EXPECT_EQ((*info)->articles_digested, 2u);
  EXPECT_EQ((*info)->articles_stored, 2u);

  snap.stories.clear();
  snap.story_documents.clear();
  snap.facts = {};
  snap.renditions = {{"json", "{\"stories\": []}"}};
  ASSERT_TRUE(store.save_digest(snap));
  EXPECT_FALSE(store.story_document(1)->has_value());
  EXPECT_TRUE(store.stories()->empty());
  EXPECT_FALSE(store.rendition("md")->has_value());
}

TEST(Store, ASnapshotCitingAnUnknownArticleIsRefusedAndTheOldOneKept) {
  Store store = open_memory();
  ASSERT_TRUE(store.add({article("a.html", "One text.")}));
  Snapshot good;
  good.articles_digested = 1;
  Story s;
  s.id = 1;
  s.headline = "Kept";
  s.articles = {ArticleId{1}};
  good.stories = {s};
  ASSERT_TRUE(store.save_digest(good));
  Snapshot bad = good;
  bad.stories[0].headline = "Lost";
  bad.stories[0].articles = {ArticleId{7}};
  ASSERT_FALSE(store.save_digest(bad).has_value());
  bad.stories[0].articles = {ArticleId{1}};
  bad.facts.entities.push_back({9, "Of no story", "person", "", 1, 1});
  ASSERT_FALSE(store.save_digest(bad).has_value()) << "facts of a story the snapshot does not hold";
  bad.facts = {};
  bad.stories[0].articles = {ArticleId{7}};
  auto saved = store.save_digest(bad);
  ASSERT_FALSE(saved.has_value());
  EXPECT_NE(saved.error().message.find("FOREIGN KEY"), std::string::npos) << saved.error().message;
  ASSERT_EQ(store.stories()->size(), 1u);
  EXPECT_EQ((*store.stories())[0].headline, "Kept");
}

TEST(Store, RecentArticlesAreThoseOfTheLastDaysBeforeTheNewest) {
  Store store = open_memory();
  auto dated = [](std::string source, std::string published) {
    RawArticle a = article(std::move(source), "Text of " + published + ".");
    a.meta.published = std::move(published);
    return a;
  };
  ASSERT_TRUE(store.add({dated("old.html", "2026-10-01"), dated("week.html", "2026-11-20T23:00:00-05:00"),
                         dated("undated.html", ""), dated("day-before.html", "2026-11-26"),
                         dated("newest.html", "2026-11-27T08:00:00Z")}));
  auto ids = [&](std::uint32_t days) {
    std::vector<std::uint32_t> out;
    auto recent = store.recent_articles(days);
    EXPECT_TRUE(recent.has_value());
    for (const StoredArticle& a : *recent) out.push_back(a.id.value);
    return out;
  };
  EXPECT_EQ(ids(0), (std::vector<std::uint32_t>{1, 2, 3, 4, 5}));
  // The undated article was added just now, so it is recent by the clock.
  EXPECT_EQ(ids(1), (std::vector<std::uint32_t>{3, 5}));
  EXPECT_EQ(ids(2), (std::vector<std::uint32_t>{3, 4, 5}));
  EXPECT_EQ(ids(8), (std::vector<std::uint32_t>{2, 3, 4, 5}));
  EXPECT_EQ(ids(100), (std::vector<std::uint32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ((*store.recent_articles(2))[1].raw.meta.source, "day-before.html");
}

TEST(Store, SearchFindsArticlesByWordsAndPhrasesBestFirst) {
  Store store = open_memory();
  ASSERT_TRUE(store.add({article("a.html", "Firefighters fought the warehouse fire at Kessel Quay for six hours.",
                                 "Warehouse fire at Kessel Quay"),
                         article("b.html", "The council approved the tram line. A fire drill was held.", "Tram line"),
                         article("c.html", "Crews at Kessel Quay said the Quay would reopen.", "Port reopens")}));
  auto ids = [&](std::string_view query) {
    std::vector<std::uint32_t> out;
    auto hits = store.search(query, 10);
    EXPECT_TRUE(hits.has_value()) << hits.error().message;
    if (hits) {
      for (const SearchHit& h : *hits) out.push_back(h.article.value);
    }
    return out;
  };
  EXPECT_EQ(ids("fire"), (std::vector<std::uint32_t>{1, 2})) << "the title match ranks first";
  EXPECT_EQ(ids("FIRE kessel"), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(ids("\"kessel quay\" reopen"), (std::vector<std::uint32_t>{3}));
  EXPECT_EQ(ids("\"quay kessel\""), (std::vector<std::uint32_t>{}));
  // Query syntax is not interpreted: these would be FTS5 errors or operators.
  EXPECT_EQ(ids("fire-drill"), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(ids("NOT fire"), (std::vector<std::uint32_t>{}));
  EXPECT_EQ(ids("title:tram \"unclosed"), (std::vector<std::uint32_t>{}));
  EXPECT_TRUE(ids("   ").empty());
  auto hits = store.search("six hours", 10);
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_NE((*hits)[0].snippet.find("**six**"), std::string::npos) << (*hits)[0].snippet;
  EXPECT_EQ((*hits)[0].title, "Warehouse fire at Kessel Quay");
  EXPECT_EQ((*hits)[0].story, 0u) << "no digest yet";
  EXPECT_EQ(store.search("fire", 1)->size(), 1u);
}

class StoreFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("precis_store_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(StoreFile, ArticlesSurviveReopening) {
  std::string path = (dir_ / "news.db").string();
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    ASSERT_TRUE(store->add({article("a.html", "Kept across runs.")}));
  }
  auto store = Store::open(path);
  ASSERT_TRUE(store.has_value()) << store.error().message;
  EXPECT_EQ(store->article_count(), 1u);
  EXPECT_EQ((*store->recent_articles(0))[0].raw.body, "Kept across runs.");
}

TEST_F(StoreFile, AFileThatIsNoPrecisDatabaseIsRefusedWithAReason) {
  std::string text = (dir_ / "notes.txt").string();
  std::ofstream(text) << "These are notes, not a database. They are long enough to fill a header page of a file.";
  auto s = Store::open(text);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("notes.txt"), std::string::npos) << s.error().message;

  std::string missing_dir = (dir_ / "no" / "such" / "dir" / "news.db").string();
  auto m = Store::open(missing_dir);
  ASSERT_FALSE(m.has_value());
  EXPECT_NE(m.error().message.find("cannot open"), std::string::npos) << m.error().message;
}

}  // namespace
}  // namespace precis::store
