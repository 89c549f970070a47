// The HTTP API on loopback: a server on a free port over an in-memory store, a cpp-httplib client.
#include "precis/server/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace precis::server {
namespace {

using json = nlohmann::json;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class HttpApi : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::Store::open(":memory:");
    ASSERT_TRUE(store.has_value());
    engine::DigestOptions options;
    options.max_stories = 0;
    newsroom_ = std::make_unique<Newsroom>(std::move(*store), options);
    ServerOptions server_options;
    server_options.port = 0;
    server_options.max_post_bytes = 1 << 20;
    server_options.on_request = [this](const std::string&, const std::string&, int) { ++requests_; };
    server_options.refresh.settle = refresh_delay_;
    server_options.on_refresh = [this](const RefreshReport& r) { refresh_ok_ = r.ok; };
    before_serving();
    server_ = std::make_unique<HttpServer>(*newsroom_, server_options);
    auto port = server_->bind();
    ASSERT_TRUE(port.has_value()) << port.error().message;
    port_ = *port;
    thread_ = std::thread([this] { server_->serve(); });
  }
  void TearDown() override {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  httplib::Client client() { return httplib::Client("127.0.0.1", port_); }
  virtual void before_serving() {}
  // GET /api/health until the digest is current (or `seconds` passed); its last answer.
  json health_when_current(int seconds = 120) {
    auto c = client();
    json h;
    for (int i = 0; i < seconds * 20; ++i) {
      auto r = c.Get("/api/health");
      if (!r) break;
      h = json::parse(r->body);
      if (h["digest"]["state"] == "current") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return h;
  }

  std::unique_ptr<Newsroom> newsroom_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::chrono::milliseconds refresh_delay_{20};
  std::atomic<bool> refresh_ok_{false};
};

TEST_F(HttpApi, AnEmptyStoreAnswersWithAPageAndEmptyLists) {
  auto c = client();
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("No stories yet"), std::string::npos);
  auto stories = c.Get("/api/stories");
  ASSERT_TRUE(stories);
  EXPECT_EQ(stories->status, 200);
  EXPECT_TRUE(json::parse(stories->body)["stories"].empty());
  auto digest = c.Get("/digest.json");
  ASSERT_TRUE(digest);
  EXPECT_EQ(digest->status, 404);
  EXPECT_TRUE(json::parse(digest->body).contains("error"));
  EXPECT_GE(requests_.load(), 2) << "each request reaches the log hook";
}

TEST_F(HttpApi, PostedArticlesBecomeStoriesArticlesAndPages) {
  auto c = client();
  // Two HTML pages and a text file of the demo's harbour fire, posted one by one.
  for (const char* file : {"examples/harbour-fire/port-aven-gazette-local.html", "examples/harbour-fire/meridian-press-wire.txt",
                           "examples/harbour-fire/harbourwatch-rewrite.txt"}) {
    std::string body = slurp(file);
    ASSERT_FALSE(body.empty()) << file;
    std::string type = std::string(file).ends_with(".html") ? "text/html" : "text/plain";
    auto res = c.Post((std::string("/api/articles?wait=true&source=") + file).c_str(), body, type.c_str());
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    auto j = json::parse(res->body);
    EXPECT_EQ(j["added"], 1);
  }
  auto same = c.Post("/api/articles?source=examples/harbour-fire/meridian-press-wire.txt",
                     slurp("examples/harbour-fire/meridian-press-wire.txt"), "text/plain");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 200) << "a repeat is no new article";
  EXPECT_EQ(json::parse(same->body)["already_stored"], 1);
  EXPECT_EQ(json::parse(same->body)["digest"], "current") << "and asks for no digest";

  auto list = c.Get("/api/stories");
  ASSERT_TRUE(list);
  auto stories = json::parse(list->body)["stories"];
  ASSERT_EQ(stories.size(), 1u) << list->body;
  EXPECT_EQ(stories[0]["articles"], 3);
  EXPECT_EQ(stories[0]["href"], "/api/stories/1");

  auto one = c.Get("/api/stories/1");
  ASSERT_TRUE(one);
  ASSERT_EQ(one->status, 200);
  auto story = json::parse(one->body);
  EXPECT_EQ(story["articles"].size(), 3u);
  ASSERT_FALSE(story["story"]["summary"].empty());
  std::map<int, int> store_id;
  for (const auto& a : story["articles"]) store_id[a["id"].get<int>()] = a["store_id"].get<int>();
  // Every citation's span, read from the stored original bytes, is the sentence's source.
  for (const auto& sentence : story["story"]["summary"]) {
    bool shown = true;  // the first citation is the sentence shown; the others say the same in other words
    for (const auto& cite : sentence["citations"]) {
      ASSERT_TRUE(store_id.count(cite["article"].get<int>()));
      auto original = c.Get(("/api/articles/" + std::to_string(store_id[cite["article"].get<int>()]) + "/original").c_str());
      ASSERT_TRUE(original);
      ASSERT_EQ(original->status, 200);
      std::size_t start = cite["start"], end = cite["end"];
      ASSERT_LE(end, original->body.size());
      ASSERT_GT(end, start);
      // The cited bytes hold the sentence's words (markup aside, for the HTML page).
      std::string cited = original->body.substr(start, end - start);
      std::string text = sentence["text"];
      std::string last_word = text.substr(text.rfind(' ') + 1);
      last_word = last_word.substr(0, last_word.find_first_of(".,\"'"));
      if (shown) {
        EXPECT_NE(cited.find(last_word), std::string::npos) << cited << " | " << text;
      }
      shown = false;
    }
  }
  auto article = c.Get("/api/articles/1");
  ASSERT_TRUE(article);
  auto a = json::parse(article->body);
  EXPECT_EQ(a["source"], "examples/harbour-fire/port-aven-gazette-local.html");
  EXPECT_EQ(a["format"], "html");
  EXPECT_FALSE(a["title"].is_null());

  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("<h1>"), std::string::npos);
  EXPECT_NE(page->body.find("<nav class=\"credit\">precis: 3 articles stored, 3 digested at "), std::string::npos)
      << page->body.substr(0, 800);
  EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
  auto found = c.Get("/api/search?q=Marsh%20%22two%20berths%22&limit=5");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  auto hits = json::parse(found->body)["hits"];
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0]["story"], 1);
  EXPECT_NE(hits[0]["snippet"].get<std::string>().find("**"), std::string::npos);
  auto no_query = c.Get("/api/search");
  ASSERT_TRUE(no_query);
  EXPECT_EQ(no_query->status, 400);
  auto bad_limit = c.Get("/api/search?q=fire&limit=-3");
  ASSERT_TRUE(bad_limit);
  EXPECT_EQ(bad_limit->status, 400);
  auto md = c.Get("/digest.md");
  ASSERT_TRUE(md);
  EXPECT_EQ(md->body.rfind("# ", 0), 0u);

  // Revalidation: the page's ETag sent back gives 304 and no body until the digest changes.
  const std::string tag = page->get_header_value("ETag");
  ASSERT_FALSE(tag.empty());
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-cache");
  auto head = c.Head("/");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->get_header_value("ETag"), tag) << "HEAD tells the tag without the page";
  EXPECT_TRUE(head->body.empty());
  auto again = c.Get("/", {{"If-None-Match", tag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto other = c.Get("/", {{"If-None-Match", "\"0000000000000000\""}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  EXPECT_EQ(other->body, page->body);
  auto posted = c.Post("/api/articles?wait=true", slurp("examples/lisburg-tram/meridian-press-tram.txt"), "text/plain");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  auto changed = c.Get("/", {{"If-None-Match", tag}});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200) << "a new digest is a new page";
  EXPECT_NE(changed->get_header_value("ETag"), tag);
}

TEST_F(HttpApi, BadRequestsGetAReasonAndTheRightStatus) {
  auto c = client();
  auto missing = c.Get("/api/stories/7");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_TRUE(json::parse(missing->body).contains("error"));
  auto unknown = c.Get("/nowhere");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto bad_wait = c.Post("/api/articles?wait=later", "A line of text.", "text/plain");
  ASSERT_TRUE(bad_wait);
  EXPECT_EQ(bad_wait->status, 400);
  auto type = c.Post("/api/articles", "\x89PNG", "image/png");
  ASSERT_TRUE(type);
  EXPECT_EQ(type->status, 415);
  auto nothing = c.Post("/api/articles", "{not json\n", "application/x-ndjson");
  ASSERT_TRUE(nothing);
  EXPECT_EQ(nothing->status, 400);
  auto j = json::parse(nothing->body);
  EXPECT_FALSE(j["diagnostics"].empty()) << "the reader's diagnostic is passed on";
  EXPECT_EQ(j["diagnostics"][0]["source"], "POST /api/articles:1");
  auto big = c.Post("/api/articles", std::string(2 << 20, 'a'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(newsroom_->article_count(), 0u);
}

TEST_F(HttpApi, ReadsAreServedWhileArticlesArePosted) {
  std::string jsonl;
  for (int i = 0; i < 12; ++i) {
    json record{{"title", "Ferry Solvik aground, day " + std::to_string(i)},
                {"maintext", "The harbour ferry Solvik stayed aground near Kessel Point on day " + std::to_string(i) +
                                 ", the coast guard said. Salvage crews pumped fuel from its tanks."},
                {"date_publish", "2026-11-0" + std::to_string(1 + i % 9)},
                {"source_domain", "outlet" + std::to_string(i) + ".example"}};
    jsonl += record.dump() + "\n";
  }
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::thread reader([&] {
    auto c = client();
    while (!done) {
      auto r = c.Get("/api/stories");
      if (!r || r->status != 200 || json::parse(r->body, nullptr, false).is_discarded()) ++failures;
    }
  });
  auto c = client();
  auto posted = c.Post("/api/articles?wait=1", jsonl, "application/x-ndjson");
  done = true;
  reader.join();
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 201) << posted->body;
  EXPECT_EQ(json::parse(posted->body)["added"], 12);
  EXPECT_EQ(failures.load(), 0);
  auto list = c.Get("/api/stories");
  ASSERT_TRUE(list);
  EXPECT_EQ(json::parse(list->body)["stories"][0]["articles"], 12);
}

std::string ferry_record(int i) {
  return json{{"title", "Ferry Solvik aground, report " + std::to_string(i)},
              {"maintext", "The harbour ferry Solvik stayed aground near Kessel Point, the coast guard said in report " +
                               std::to_string(i) + ". Salvage crews pumped fuel from its tanks."},
              {"date_publish", "2026-11-0" + std::to_string(1 + i % 9)},
              {"source_domain", "outlet" + std::to_string(i) + ".example"}}
             .dump();
}

TEST_F(HttpApi, SearchAndArticlePagesForReaders) {
  auto c = client();
  for (const char* file : {"examples/harbour-fire/meridian-press-wire.txt", "examples/harbour-fire/harbourwatch-rewrite.txt"}) {
    auto res = c.Post((std::string("/api/articles?wait=true&source=") + file).c_str(), slurp(file), "text/plain");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
  }
  auto home = c.Get("/");
  ASSERT_TRUE(home);
  EXPECT_NE(home->body.find("<form class=\"search\" action=\"/search\""), std::string::npos) << "a search box on the page";

  auto found = c.Get("/search?q=berths");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200);
  EXPECT_NE(found->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(found->body.find("<h1>2 articles for berths</h1>"), std::string::npos) << found->body;
  EXPECT_NE(found->body.find("<mark>Berths</mark>"), std::string::npos) << found->body;
  EXPECT_NE(found->body.find("<a href=\"/articles/1\">"), std::string::npos);
  EXPECT_NE(found->body.find("<a href=\"/stories/1\">story 1</a>"), std::string::npos);
  EXPECT_NE(found->body.find("value=\"berths\""), std::string::npos) << "the query stays in the box";

  auto hostile = c.Get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  ASSERT_TRUE(hostile);
  EXPECT_EQ(hostile->status, 200);
  EXPECT_EQ(hostile->body.find("<script>"), std::string::npos) << "the query is escaped";
  EXPECT_NE(hostile->body.find("0 articles for &lt;script&gt;"), std::string::npos);
  auto empty = c.Get("/search");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 200);
  EXPECT_NE(empty->body.find("<h1>Search</h1>"), std::string::npos);

  auto article = c.Get("/articles/1");
  ASSERT_TRUE(article);
  ASSERT_EQ(article->status, 200);
  EXPECT_NE(article->body.find("<h1>Fire guts warehouse at Port Aven container terminal, nine hurt</h1>"),
            std::string::npos)
      << article->body.substr(0, 1500);
  EXPECT_NE(article->body.find("<a href=\"/stories/1\">story 1</a>"), std::string::npos);
  EXPECT_NE(article->body.find("<a href=\"/api/articles/1/original\">original</a>"), std::string::npos);
  EXPECT_NE(article->body.find("two berths"), std::string::npos);
  auto missing = c.Get("/articles/99");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("<h1>No article 99</h1>"), std::string::npos);

  // A story on a page of its own: the block of the digest page, headline as <h1>, citations and
  // sources inside; the second story too (an <h2> on the digest page).
  auto tram = c.Post("/api/articles?wait=true&source=tram.txt", slurp("examples/lisburg-tram/meridian-press-tram.txt"),
                     "text/plain");
  ASSERT_TRUE(tram);
  ASSERT_EQ(tram->status, 201) << tram->body;
  auto stories = json::parse(c.Get("/api/stories")->body)["stories"];
  ASSERT_EQ(stories.size(), 2u);
  for (const auto& row : stories) {
    const std::string id = std::to_string(row["id"].get<int>());
    EXPECT_EQ(row["page"], "/stories/" + id);
    auto page = c.Get(("/stories/" + id).c_str());
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    const std::string headline = row["headline"];
    EXPECT_NE(page->body.find("<title>"), std::string::npos);
    EXPECT_NE(page->body.find("<article id=\"story-" + id + "\">"), std::string::npos);
    EXPECT_EQ(page->body.find("<h2>"), std::string::npos) << "the headline is the page's <h1>";
    EXPECT_NE(page->body.find("<h1>"), std::string::npos);
    EXPECT_NE(page->body.find("href=\"#s" + id + "-1\""), std::string::npos) << "citations link to the sources";
    EXPECT_NE(page->body.find("<li id=\"s" + id + "-1\">"), std::string::npos);
    EXPECT_EQ(page->body.find("<article id=\"story-", page->body.find("</article>")), std::string::npos)
        << "one story only";
  }
  auto no_story = c.Get("/stories/99");
  ASSERT_TRUE(no_story);
  EXPECT_EQ(no_story->status, 404);
}

// `curl --data-binary @file URL` sends application/x-www-form-urlencoded; cpp-httplib refuses such
// bodies over 8 KB (413) and parses smaller ones as form fields. A posted file is an article
// whatever the client calls it, and its text never sets request parameters.
TEST_F(HttpApi, ABodyPostedAsAFormIsReadAsArticlesAtAnySize) {
  std::string text = "Ferry Solvik aground near Kessel Point\n\n";
  for (int i = 0; text.size() < 20000; ++i) {
    text += "The coast guard said on day " + std::to_string(i) +
            " that salvage crews had pumped fuel from the tanks of the ferry Solvik&source=x.\n\n";
  }
  auto c = client();
  auto res = c.Post("/api/articles?wait=true", text, "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body.substr(0, 300);
  auto stored = c.Get("/api/articles/1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(json::parse(stored->body)["source"], "POST /api/articles") << "the body set no parameter";
  auto form = c.Post("/api/articles", "a=1", "multipart/form-data; boundary=x");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415) << form->body;
}

// Posts answer at once (202) and a burst of them is digested once, in the background.
class HttpApiBackground : public HttpApi {
 protected:
  HttpApiBackground() { refresh_delay_ = std::chrono::milliseconds(1500); }
};

TEST_F(HttpApiBackground, PostsAnswerAtOnceAndABurstIsDigestedOnce) {
  auto c = client();
  for (int i = 0; i < 4; ++i) {
    auto res = c.Post("/api/articles", ferry_record(i), "application/x-ndjson");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 202) << res->body;
    auto j = json::parse(res->body);
    EXPECT_EQ(j["added"], 1);
    EXPECT_EQ(j["digest"], "pending");
    EXPECT_EQ(j["articles_stored"], i + 1);
  }
  auto h = json::parse(c.Get("/api/health")->body);
  EXPECT_NE(h["digest"]["state"], "current") << h.dump();
  EXPECT_EQ(h["articles"], 4);
  h = health_when_current();
  ASSERT_EQ(h["digest"]["state"], "current") << h.dump();
  EXPECT_EQ(h["digest"]["refreshes"], 1) << "four posts within the delay: one digest";
  EXPECT_EQ(h["articles_digested"], 4);
  EXPECT_TRUE(h["digest"]["last_refresh"]["ok"].get<bool>());
  EXPECT_EQ(h["digest"]["last_refresh"]["articles"], 4);
  EXPECT_TRUE(refresh_ok_.load());
  auto list = json::parse(c.Get("/api/stories")->body)["stories"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["articles"], 4);

  // A post that waits gets the digest that holds its article.
  auto waited = c.Post("/api/articles?wait=true", ferry_record(4), "application/x-ndjson");
  ASSERT_TRUE(waited);
  EXPECT_EQ(waited->status, 201) << waited->body;
  EXPECT_EQ(json::parse(waited->body)["digest"], "current");
  EXPECT_EQ(json::parse(c.Get("/api/stories")->body)["stories"][0]["articles"], 5);
  EXPECT_EQ(server_->refresh_status().refreshes, 2u);
}

// Articles stored while no server ran (an add whose digest never happened) are digested when
// serving begins.
class HttpApiStaleStore : public HttpApi {
 protected:
  void before_serving() override {
    std::vector<RawArticle> articles;
    for (int i = 0; i < 3; ++i) {
      RawArticle a;
      a.meta.source = "stale-" + std::to_string(i) + ".txt";
      a.body = "Ferry Solvik aground near Kessel Point, the coast guard said in report " + std::to_string(i) +
               ". Salvage crews pumped fuel from its tanks.";
      a.original = a.body;
      a.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(a.body.size()));
      articles.push_back(std::move(a));
    }
    auto stored = newsroom_->store_articles(std::move(articles));
    ASSERT_TRUE(stored.has_value());
    ASSERT_EQ(stored->stored.added, 3u);
    ASSERT_FALSE(stored->refreshed);
    auto stale = newsroom_->stale();
    ASSERT_TRUE(stale.has_value());
    ASSERT_TRUE(*stale);
  }
};

TEST_F(HttpApiStaleStore, AStaleStoreIsDigestedWhenServingBegins) {
  json h = health_when_current();
  ASSERT_EQ(h["digest"]["state"], "current") << h.dump();
  EXPECT_EQ(h["articles_digested"], 3);
  auto list = json::parse(client().Get("/api/stories")->body)["stories"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["articles"], 3);
}

}  // namespace
}  // namespace precis::server
