// read_urls against a local HTTP server on loopback (cpp-httplib) serving self-written fixtures:
// feeds (RSS, Atom, JSON Feed) linking good, missing, slow and non-HTML pages, a page given
// directly, a redirect loop, a non-feed non-HTML response, a page in ISO-8859-1 whose charset is
// only in the HTTP header, and the on-disk validator cache.
#include "precis/fetch/url_reader.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

namespace precis::fetch {
namespace {

const char* kStoryPage = R"(<!doctype html><html lang="en"><head><title>Harbour ferry resumes | Aven Gazette</title>
<meta property="og:title" content="Harbour ferry resumes after repairs">
<meta property="article:published_time" content="2026-03-04T08:15:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour ferry resumes after repairs</h1>
<p>The harbour ferry between Port Aven and the island of Lusk carried its first passengers in six weeks on
Tuesday, after engineers replaced a worn propeller shaft that had kept the boat in dry dock since January.</p>
<p>The operator said the timetable would return to twelve crossings a day from Monday, and that season
tickets would be extended by the six weeks lost to the repairs.</p></article>
<footer>Copyright Aven Gazette</footer></body></html>)";

// No title, date or author of its own: those must come from the feed item.
const char* kBarePage = R"(<html><body><div class="content">
<p>Volunteers planted four hundred oak saplings along the river path on Saturday, finishing a project that
the town council had postponed twice because of flooding in the autumn.</p>
<p>The council said the trees would be watered through the summer by the same volunteers, who have formed a
society to look after the path.</p></div></body></html>)";

std::string rss_feed(int port) {
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  return R"(<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Aven Gazette</title><language>en-gb</language>
<item><title>Missing story</title><link>)" + base + R"(/gone</link></item>
<item><title>Slow story</title><link>/slow</link></item>
<item><title>Oak saplings planted</title><link>bare</link><pubDate>Sat, 07 Mar 2026 10:00:00 +0000</pubDate>
<dc:creator>Mara Quill</dc:creator></item>
<item><title>Ferry again</title><link>/story#comments</link></item>
</channel></rss>)";
}

class UrlReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Get("/feed.xml", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(rss_feed(port_), "application/rss+xml");
    });
    // A feed served with a vague type: found by sniffing. Its one page is a 404, but the item
    // carries its full text.
    server_.Get("/atom", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"(<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Lusk Weekly</title><entry><title>Lighthouse repainted</title><link href="/gone"/>
<id>tag:lusk,2026:1</id><updated>2026-02-01T09:00:00Z</updated><author><name>Ivo Brand</name></author>
<content type="html">&lt;p&gt;The lighthouse on Lusk Point was repainted red and white this week by a crew of four.&lt;/p&gt;</content>
</entry></feed>)",
                      "text/xml");
    });
    server_.Get("/feed.json", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"version":"https://jsonfeed.org/version/1.1","title":"Aven Gazette JSON",
"items":[{"id":"1","url":"/story","title":"Ferry"},{"id":"2","url":"/data.bin","title":"Data"}]})",
                      "application/feed+json");
    });
    server_.Get("/story", [this](const httplib::Request&, httplib::Response& res) {
      ++story_hits_;
      res.set_content(kStoryPage, "text/html; charset=utf-8");
    });
    server_.Get("/bare", [](const httplib::Request&, httplib::Response& res) { res.set_content(kBarePage, "text/html"); });
    server_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content(kStoryPage, "text/html");
    });
    server_.Get("/latin1", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><body><p>Le caf\xE9 du port a rouvert ses portes samedi apr\xE8s trois mois de "
                      "travaux, pour le plus grand plaisir des p\xEA" "cheurs du quai.</p></body></html>",
                      "text/html; charset=ISO-8859-1");
    });
    server_.Get("/cached", [this](const httplib::Request& req, httplib::Response& res) {
      ++cached_hits_;
      if (req.get_header_value("If-None-Match") == "\"c1\"") {
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"c1\"");
      res.set_content(kStoryPage, "text/html; charset=utf-8");
    });
    server_.Get("/loop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    server_.Get("/data.bin", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "image/png");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    options_.fetch.timeout_ms = 800;
    options_.fetch.connect_timeout_ms = 800;
    options_.fetch.max_redirects = 3;
    options_.fetch.min_host_interval_ms = 0;
  }
  void TearDown() override {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  std::vector<RawArticle> read(const std::vector<std::string>& urls) {
    std::vector<RawArticle> out;
    read_urls(urls, options_, [&](RawArticle&& a) { out.push_back(std::move(a)); }, diagnostics_, stats_);
    return out;
  }
  bool has_diagnostic(const std::string& source, const std::string& part) const {
    for (const Diagnostic& d : diagnostics_) {
      if (d.source == source && d.message.find(part) != std::string::npos) return true;
    }
    return false;
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  UrlReadOptions options_;
  Diagnostics diagnostics_;
  UrlReadStats stats_;
  std::atomic<int> story_hits_{0}, cached_hits_{0};
};

TEST_F(UrlReaderTest, FeedLinksAreFetchedAndFailuresReported) {
  auto articles = read({url("/feed.xml")});
  ASSERT_EQ(articles.size(), 2u);
  // The bare page takes the item's title, date and author, and the feed's name and language.
  const RawArticle& bare = articles[0];
  EXPECT_EQ(bare.meta.source, url("/bare"));
  EXPECT_EQ(bare.meta.url, url("/bare"));
  EXPECT_EQ(bare.meta.title, "Oak saplings planted");
  EXPECT_EQ(bare.meta.published, "2026-03-07T10:00:00Z");
  EXPECT_EQ(bare.meta.author, "Mara Quill");
  EXPECT_EQ(bare.meta.outlet, "Aven Gazette");
  EXPECT_EQ(bare.meta.language, "en");
  EXPECT_NE(bare.body.find("four hundred oak saplings"), std::string::npos);
  // The story keeps its own title and date; the fragment of its link is dropped; no menu text.
  const RawArticle& story = articles[1];
  EXPECT_EQ(story.meta.source, url("/story"));
  EXPECT_EQ(story.meta.title, "Harbour ferry resumes after repairs");
  EXPECT_EQ(story.meta.published, "2026-03-04T08:15:00Z");
  EXPECT_NE(story.body.find("propeller shaft"), std::string::npos);
  EXPECT_EQ(story.body.find("Home"), std::string::npos);
  EXPECT_EQ(story.original, kStoryPage);
  // The 404 and the slow page: a diagnostic each, no article, counted.
  EXPECT_TRUE(has_diagnostic(url("/gone"), "404")) << diagnostics_.size();
  EXPECT_TRUE(has_diagnostic(url("/slow"), "cannot fetch"));
  EXPECT_EQ(stats_.feeds, 1u);
  EXPECT_EQ(stats_.pages, 2u);
  EXPECT_EQ(stats_.requests, 5u);
  EXPECT_EQ(stats_.articles, 2u);
  EXPECT_EQ(stats_.skipped_by_reason["fetch failed"], 2u);
}

TEST_F(UrlReaderTest, PageCapAndDuplicateLinks) {
  options_.max_pages_per_feed = 1;
  auto articles = read({url("/feed.xml")});
  EXPECT_TRUE(articles.empty());  // the one page allowed is the 404
  EXPECT_EQ(stats_.skipped_by_reason["too many links"], 3u);
  EXPECT_EQ(stats_.requests, 2u);
}

TEST_F(UrlReaderTest, SniffedAtomFallsBackOnItemContent) {
  auto articles = read({url("/atom")});
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].meta.title, "Lighthouse repainted");
  EXPECT_EQ(articles[0].meta.author, "Ivo Brand");
  EXPECT_EQ(articles[0].meta.outlet, "Lusk Weekly");
  EXPECT_EQ(articles[0].meta.url, url("/gone"));
  EXPECT_EQ(articles[0].body, "The lighthouse on Lusk Point was repainted red and white this week by a crew of four.");
  EXPECT_EQ(stats_.from_feed_items, 1u);
  EXPECT_TRUE(has_diagnostic(url("/gone"), "using the feed item's text"));
  options_.use_item_content = false;
  EXPECT_TRUE(read({url("/atom")}).empty());
}

TEST_F(UrlReaderTest, JsonFeedSkipsNonHtmlLinks) {
  auto articles = read({url("/feed.json")});
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].meta.title, "Harbour ferry resumes after repairs");
  EXPECT_EQ(stats_.skipped_by_reason["unsupported content"], 1u);
  EXPECT_TRUE(has_diagnostic(url("/data.bin"), "image/png"));
}

TEST_F(UrlReaderTest, PageLoopAndOtherContent) {
  auto articles = read({url("/story"), url("/loop"), url("/data.bin"), "ftp://127.0.0.1/x", url("/latin1")});
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].meta.source, url("/story"));
  EXPECT_EQ(articles[0].meta.format, SourceFormat::kHtml);
  EXPECT_TRUE(has_diagnostic(url("/loop"), "redirects"));
  EXPECT_TRUE(has_diagnostic(url("/data.bin"), "neither a feed nor an HTML page"));
  EXPECT_TRUE(has_diagnostic("ftp://127.0.0.1/x", "not an http(s) URL"));
  // Charset from the HTTP header only (no BOM, no <meta>).
  EXPECT_NE(articles[1].body.find("Le caf\xC3\xA9 du port"), std::string::npos) << articles[1].body;
  EXPECT_NE(articles[1].body.find("p\xC3\xAA" "cheurs"), std::string::npos);
  EXPECT_EQ(stats_.urls, 5u);
  EXPECT_EQ(stats_.skipped, 3u);
}

TEST_F(UrlReaderTest, ValidatorsPersistInCacheDir) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("precis_url_cache_" + std::to_string(port_) + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  options_.fetch.cache_dir = dir.string();
  ASSERT_EQ(read({url("/cached")}).size(), 1u);
  EXPECT_EQ(stats_.not_modified, 0u);
  auto again = read({url("/cached")});  // a new Fetcher: only the disk remembers the ETag
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(stats_.not_modified, 1u);
  EXPECT_EQ(again[0].meta.title, "Harbour ferry resumes after repairs");
  EXPECT_EQ(cached_hits_.load(), 2);
  std::filesystem::remove_all(dir);
}

TEST_F(UrlReaderTest, FetchPageForExtract) {
  Fetcher fetcher(options_.fetch);
  ingest::ExtractedPage page = fetch_page(url("/story"), options_, fetcher, diagnostics_);
  ASSERT_TRUE(page.ok);
  EXPECT_EQ(page.article.meta.source, url("/story"));
  EXPECT_EQ(page.article.meta.url, url("/story"));
  EXPECT_FALSE(page.blocks.empty());
  EXPECT_FALSE(fetch_page(url("/feed.xml"), options_, fetcher, diagnostics_).ok);
  EXPECT_TRUE(has_diagnostic(url("/feed.xml"), "is a feed"));
  EXPECT_FALSE(fetch_page(url("/loop"), options_, fetcher, diagnostics_).ok);
  EXPECT_FALSE(fetch_page(url("/data.bin"), options_, fetcher, diagnostics_).ok);
  EXPECT_EQ(diagnostics_.size(), 3u);
}

TEST(ResolveUrl, Rfc3986Cases) {
  const char* base = "http://a.example/b/c/d;p?q";
  EXPECT_EQ(resolve_url(base, "g"), "http://a.example/b/c/g");
  EXPECT_EQ(resolve_url(base, "./g"), "http://a.example/b/c/g");
  EXPECT_EQ(resolve_url(base, "g/"), "http://a.example/b/c/g/");
  EXPECT_EQ(resolve_url(base, "/g"), "http://a.example/g");
  EXPECT_EQ(resolve_url(base, "//g.example/x"), "http://g.example/x");
  EXPECT_EQ(resolve_url(base, "?y"), "http://a.example/b/c/d;p?y");
  EXPECT_EQ(resolve_url(base, "g?y#s"), "http://a.example/b/c/g?y");
  EXPECT_EQ(resolve_url(base, "#s"), "http://a.example/b/c/d;p?q");
  EXPECT_EQ(resolve_url(base, ".."), "http://a.example/b/");
  EXPECT_EQ(resolve_url(base, "../../../g"), "http://a.example/g");
  EXPECT_EQ(resolve_url(base, "https://x.example/y"), "https://x.example/y");
  EXPECT_EQ(resolve_url("https://x.example", "y"), "https://x.example/y");
  EXPECT_EQ(resolve_url(base, "mailto:a@b.example"), "");
  EXPECT_EQ(resolve_url(base, "javascript:void(0)"), "");
  EXPECT_EQ(resolve_url("not a url", "g"), "");
}

}  // namespace
}  // namespace precis::fetch
