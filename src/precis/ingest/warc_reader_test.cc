#include <gtest/gtest.h>
#include <zlib.h>

#include <sstream>

#include "precis/ingest/reader.h"
#include "precis/ingest/test_util.h"

namespace precis::ingest {
namespace {

using testing::collect;

std::string record(const std::string& type, const std::string& uri, const std::string& block) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2023-10-03T10:00:00Z\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block +
         "\r\n\r\n";
}

std::string page(const std::string& text) {
  return "<html><head><title>T</title></head><body><nav>Home | News</nav><article><p>" + text +
         "</p><p>A second paragraph, long enough to count as prose in the article body.</p></article></body></html>";
}

std::string archive() {
  std::string html = page("The lantern festival drew a record crowd along the river on Saturday night.");
  std::string chunked = page("Chunked transfer coding is undone before extraction, as this sentence shows.");
  std::ostringstream c;
  c << std::hex << chunked.size() << "\r\n" << chunked << "\r\n0\r\n\r\n";
  return record("warcinfo", "", "software: test\r\n") +
         record("request", "https://post.example/a", "GET /a HTTP/1.1\r\n\r\n") +
         record("response", "https://post.example/a",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html) +
         record("response", "https://post.example/missing", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n" + html) +
         record("response", "https://post.example/img", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG") +
         record("response", "https://post.example/b",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + c.str());
}

std::string gzip_member(const std::string& data) {
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

void expect_two_articles(const std::vector<RawArticle>& articles) {
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].meta.url, "https://post.example/a");
  EXPECT_EQ(articles[0].body.substr(0, 24), "The lantern festival dre");
  EXPECT_EQ(articles[0].body.find("Home"), std::string::npos);
  EXPECT_EQ(articles[1].meta.url, "https://post.example/b");
  EXPECT_EQ(articles[1].body.substr(0, 26), "Chunked transfer coding is");
}

TEST(WarcReader, ResponsesBecomeArticles) {
  std::istringstream in(archive());
  Diagnostics diagnostics;
  ReadStats stats;
  auto articles = collect([&](const ArticleSink& sink) { read_warc("a.warc", in, ReadOptions{}, sink, diagnostics, stats); });
  expect_two_articles(articles);
  EXPECT_TRUE(diagnostics.empty());
}

TEST(WarcReader, GzipMemberPerRecordThroughReadPaths) {
  std::string raw = archive();
  // Split at record starts and compress each record as its own gzip member (as CC-NEWS does).
  std::string gz;
  std::size_t at = 0;
  while (at < raw.size()) {
    std::size_t next = raw.find("WARC/1.0\r\n", at + 1);
    if (next == std::string::npos) next = raw.size();
    gz += gzip_member(raw.substr(at, next - at));
    at = next;
  }
  std::string path = ::testing::TempDir() + "/crawl.warc.gz";
  testing::write_file(path, gz);
  Diagnostics diagnostics;
  ReadStats stats;
  auto articles = collect([&](const ArticleSink& sink) { read_paths({path}, ReadOptions{}, sink, diagnostics, stats); });
  expect_two_articles(articles);
}

TEST(WarcReader, LargeRecordSkippedAndTruncationReported) {
  ReadOptions options;
  options.max_record_bytes = 200;
  std::istringstream in(archive());
  Diagnostics diagnostics;
  ReadStats stats;
  auto articles = collect([&](const ArticleSink& sink) { read_warc("a.warc", in, options, sink, diagnostics, stats); });
  EXPECT_TRUE(articles.empty());
  EXPECT_EQ(stats.skipped_by_reason["record too large"], 3u);  // the three HTML responses
  std::string cut = archive();
  cut.resize(cut.size() - 100);
  std::istringstream in2(cut);
  articles = collect([&](const ArticleSink& sink) { read_warc("b.warc", in2, ReadOptions{}, sink, diagnostics, stats); });
  EXPECT_EQ(articles.size(), 1u);
  EXPECT_EQ(stats.skipped_by_reason["malformed"], 1u);
  std::istringstream junk("not a warc at all\n");
  articles = collect([&](const ArticleSink& sink) { read_warc("c.warc", junk, ReadOptions{}, sink, diagnostics, stats); });
  EXPECT_TRUE(articles.empty());
}

}  // namespace
}  // namespace precis::ingest
