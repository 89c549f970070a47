// The fetcher against a local HTTP server on loopback (cpp-httplib) serving fixtures: a page with
// validators, gzip, slow, oversized, broken and redirect-looping responses, and robots.txt.
#include "precis/fetch/fetcher.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace precis::fetch {
namespace {

std::string gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

class FetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("User-agent: *\nDisallow: /private\nAllow: /private/open\n", "text/plain");
    });
    server_.Get("/page", [this](const httplib::Request& req, httplib::Response& res) {
      ++page_hits_;
      last_agent_ = req.get_header_value("User-Agent");
      if (req.get_header_value("If-None-Match") == "\"v1\"") {
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"v1\"");
      res.set_content("<p>Caf\xC3\xA9 page</p>", "text/html; charset=UTF-8");
    });
    server_.Get("/gzip", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(gzip("compressed body text"), "text/plain");
    });
    server_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content("late", "text/plain");
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(300000, 'x'), "text/plain");
    });
    server_.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/plain", [](size_t offset, httplib::DataSink& sink) {
        std::string chunk(10000, 'y');
        sink.write(chunk.data(), chunk.size());
        if (offset > 1000000) sink.done();
        return true;
      });
    });
    server_.Get("/loop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    server_.Get("/hop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/page"); });
    server_.Get("/broken", [](const httplib::Request&, httplib::Response& res) {
      res.set_content_provider(1000, "text/plain", [](size_t, size_t, httplib::DataSink& sink) {
        sink.write("only part", 9);
        return false;  // the server gives up mid-body
      });
    });
    server_.Get("/private/secret", [](const httplib::Request&, httplib::Response& res) { res.set_content("no", "text/plain"); });
    server_.Get("/private/open", [](const httplib::Request&, httplib::Response& res) { res.set_content("yes", "text/plain"); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    options_.timeout_ms = 800;
    options_.connect_timeout_ms = 800;
    options_.max_bytes = 100000;
    options_.max_redirects = 3;
    options_.min_host_interval_ms = 0;
  }
  void TearDown() override {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  FetchOptions options_;
  std::atomic<int> page_hits_{0};
  std::string last_agent_;
};

TEST_F(FetcherTest, PageWithCharsetAndConditionalRefetch) {
  Fetcher f(options_);
  Response r = f.get(url("/page"));
  ASSERT_TRUE(r.ok()) << r.error_message();
  EXPECT_EQ(r.body, "<p>Caf\xC3\xA9 page</p>");
  EXPECT_EQ(r.charset, "utf-8");
  EXPECT_EQ(r.etag, "\"v1\"");
  EXPECT_NE(last_agent_.find("precis"), std::string::npos);
  Response again = f.get(url("/page"));
  ASSERT_TRUE(again.ok()) << again.error_message();
  EXPECT_TRUE(again.not_modified);
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, r.body);
  EXPECT_EQ(page_hits_.load(), 2);
}

TEST_F(FetcherTest, GzipIsDecoded) {
  Fetcher f(options_);
  Response r = f.get(url("/gzip"));
  ASSERT_TRUE(r.ok()) << r.error_message();
  EXPECT_EQ(r.body, "compressed body text");
}

TEST_F(FetcherTest, SlowOversizedBrokenAndLoopingFail) {
  Fetcher f(options_);
  Response slow = f.get(url("/slow"));
  EXPECT_FALSE(slow.ok());
  EXPECT_FALSE(slow.error.empty());
  Response big = f.get(url("/big"));
  EXPECT_FALSE(big.ok());
  EXPECT_NE(big.error.find("larger than"), std::string::npos) << big.error;
  Response chunked = f.get(url("/big-chunked"));
  EXPECT_FALSE(chunked.ok());
  EXPECT_NE(chunked.error.find("larger than"), std::string::npos) << chunked.error;
  EXPECT_TRUE(chunked.body.empty());
  Response broken = f.get(url("/broken"));
  EXPECT_FALSE(broken.ok());
  Response loop = f.get(url("/loop"));
  EXPECT_FALSE(loop.ok());
  EXPECT_NE(loop.error.find("redirects"), std::string::npos) << loop.error;
  Response hop = f.get(url("/hop"));
  ASSERT_TRUE(hop.ok()) << hop.error_message();
  EXPECT_EQ(hop.final_url, url("/page"));
  EXPECT_FALSE(f.get("ftp://127.0.0.1/x").ok());
}

TEST_F(FetcherTest, RobotsTxtIsObeyed) {
  Fetcher f(options_);
  Response secret = f.get(url("/private/secret"));
  EXPECT_EQ(secret.error, "disallowed by robots.txt");
  EXPECT_TRUE(f.get(url("/private/open")).ok());
}

TEST_F(FetcherTest, RequestsToOneHostAreSpaced) {
  options_.min_host_interval_ms = 300;
  options_.obey_robots = false;
  Fetcher f(options_);
  auto start = std::chrono::steady_clock::now();
  f.get(url("/gzip"));
  f.get(url("/gzip"));
  f.get(url("/gzip"));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, std::chrono::milliseconds(600));
}

TEST(Robots, Rules) {
  const char* rules = "User-agent: precis\nDisallow: /a\nCrawl-delay: 2\n\nUser-agent: *\nDisallow: /\n";
  double delay = 0;
  EXPECT_FALSE(robots_allows(rules, "precis/0.1 (x)", "/a/b", &delay));
  EXPECT_EQ(delay, 2.0);
  EXPECT_TRUE(robots_allows(rules, "precis/0.1", "/b", nullptr));
  EXPECT_FALSE(robots_allows(rules, "other", "/b", nullptr));
  EXPECT_FALSE(robots_allows("User-agent: *\nDisallow: /*.pdf$\n", "x", "/f.pdf", nullptr));
  EXPECT_TRUE(robots_allows("User-agent: *\nDisallow: /*.pdf$\n", "x", "/f.pdf?x", nullptr));
  EXPECT_TRUE(robots_allows("", "x", "/", nullptr));
  EXPECT_EQ(origin_of("HTTPS://A.example:8080/x?y"), "https://a.example:8080");
}

}  // namespace
}  // namespace precis::fetch
