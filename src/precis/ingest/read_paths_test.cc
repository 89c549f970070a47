#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>

#include "precis/ingest/reader.h"
#include "precis/ingest/test_util.h"

namespace precis::ingest {
namespace {

using testing::data_path;
using testing::TempDir;
using testing::write_file;

struct ReadResult {
  std::vector<RawArticle> articles;
  Diagnostics diagnostics;
  ReadStats stats;
};

ReadResult run(const std::vector<std::string>& paths, ReadOptions options = {}) {
  ReadResult r;
  read_paths(paths, options, [&](RawArticle&& a) { r.articles.push_back(std::move(a)); }, r.diagnostics, r.stats);
  return r;
}

bool has_message(const Diagnostics& diagnostics, std::string_view text) {
  for (const Diagnostic& d : diagnostics) {
    if (d.message.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(ReadPaths, DirectoryIsSortedRecursiveSkipsHiddenAndCountsReasons) {
  ReadResult r = run({data_path("tree")});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_TRUE(r.articles[0].meta.source.ends_with("tree/a/1.txt"));
  EXPECT_TRUE(r.articles[1].meta.source.ends_with("tree/b/2.txt"));
  EXPECT_EQ(r.stats.files, 2u);
  EXPECT_EQ(r.stats.articles, 2u);
  // a/blob is binary (sniffed), b/empty.txt is empty, b/picture.png is not an article.
  EXPECT_EQ(r.stats.skipped_files, 3u);
  EXPECT_EQ(r.stats.skipped_by_reason["binary"], 1u);
  EXPECT_EQ(r.stats.skipped_by_reason["empty"], 1u);
  EXPECT_EQ(r.stats.skipped_by_reason["not an article"], 1u);
  EXPECT_TRUE(has_message(r.diagnostics, "skipped 1 files that are not articles (.png 1)"));
}

TEST(ReadPaths, ProjectFilesAreSkippedWhileWalkingButReadWhenNamed) {
  TempDir dir;
  std::filesystem::create_directories(dir.path("corpus/story"));
  write_file(dir.path("corpus/README.md"), "# Demo corpus\n\nThese folders hold fictional articles for the demo.\n");
  write_file(dir.path("corpus/LICENSE"), "Permission is granted to copy these files freely.\n");
  write_file(dir.path("corpus/story/readme-first.txt"), "The council met on Monday to approve the new budget.\n");
  write_file(dir.path("corpus/story/wire.txt"), "The council approved the budget on Monday after a long debate.\n");
  ReadResult r = run({dir.path("corpus")});
  ASSERT_EQ(r.articles.size(), 2u);  // "readme-first.txt" is an article: only the whole stem counts
  EXPECT_TRUE(r.articles[0].meta.source.ends_with("story/readme-first.txt"));
  EXPECT_EQ(r.stats.skipped_by_reason["not an article"], 2u);
  EXPECT_TRUE(has_message(r.diagnostics, "skipped 2 files that are not articles (LICENSE 1, README 1)"));

  ReadResult named = run({dir.path("corpus/README.md")});
  ASSERT_EQ(named.articles.size(), 1u);
  EXPECT_EQ(named.stats.skipped_files, 0u);
}

TEST(ReadPaths, MissingPathAndEveryFormatByExtensionOrContent) {
  ReadResult r = run({"/nonexistent/precis/file.txt", data_path("html/festival.html"), data_path("sgml/APW20010203.0042"),
               data_path("jsonl/feed.jsonl"), data_path("jsonl/one.json")});
  EXPECT_EQ(r.stats.skipped_by_reason["missing"], 1u);
  EXPECT_EQ(r.diagnostics[0].source, "/nonexistent/precis/file.txt");
  EXPECT_EQ(r.diagnostics[0].message, "no such file or directory");
  ASSERT_EQ(r.articles.size(), 6u);
  EXPECT_EQ(r.articles[0].meta.format, SourceFormat::kHtml);
  EXPECT_EQ(r.articles[1].meta.format, SourceFormat::kSgml);  // no extension: sniffed
  EXPECT_EQ(r.articles[2].meta.format, SourceFormat::kJsonl);
  EXPECT_EQ(r.articles[5].meta.title, "Library extends hours");
  EXPECT_EQ(r.stats.files, 4u);
}

TEST(ReadPaths, SymlinkLoopIsReportedOnceAndDirectoryReadOnce) {
  TempDir dir;
  std::filesystem::create_directories(dir.path("root/sub"));
  write_file(dir.path("root/sub/story.txt"), "A short story about a loop.");
  ASSERT_EQ(symlink("..", dir.path("root/sub/up").c_str()), 0);         // loop back to root
  ASSERT_EQ(symlink("sub", dir.path("root/again").c_str()), 0);         // the same directory twice
  ASSERT_EQ(symlink("nowhere", dir.path("root/dangling").c_str()), 0);  // a dangling link
  ReadResult r = run({dir.path("root")});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.stats.skipped_by_reason["symlink loop"], 1u);
  EXPECT_EQ(r.stats.skipped_by_reason["missing"], 1u);
  int loops = 0;
  for (const Diagnostic& d : r.diagnostics) loops += d.message.starts_with("symlink loop");
  EXPECT_EQ(loops, 1);
}

TEST(ReadPaths, UnreadableFileIsReported) {
  if (geteuid() == 0) GTEST_SKIP() << "running as root: permissions do not stop reading";
  TempDir dir;
  write_file(dir.path("secret.txt"), "Hidden words.");
  chmod(dir.path("secret.txt").c_str(), 0);
  ReadResult r = run({dir.path("secret.txt")});
  EXPECT_TRUE(r.articles.empty());
  EXPECT_EQ(r.stats.skipped_by_reason["unreadable"], 1u);
}

std::string gzip(const std::string& data) {
  std::string out(compressBound(data.size()) + 64, '\0');
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

TEST(ReadPaths, CompressedJsonlAndTextAreStreamed) {
  TempDir dir;
  std::string jsonl = "{\"text\": \"First record.\"}\n{\"text\": \"Second record.\"}\n";
  write_file(dir.path("feed.jsonl.gz"), gzip(jsonl) + gzip("{\"text\": \"Third, from a second gzip member.\"}\n"));
  write_file(dir.path("feed2.jsonl.zst"), zstd(jsonl));
  write_file(dir.path("note.txt.zst"), zstd("Title Line\n\nA compressed text file."));
  write_file(dir.path("truncated.jsonl.gz"), gzip(jsonl).substr(0, 30));
  ReadResult r = run({dir.path()});
  ASSERT_EQ(r.articles.size(), 6u) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
  EXPECT_EQ(r.articles[0].body, "First record.");
  EXPECT_TRUE(r.articles[0].meta.source.ends_with("feed.jsonl.gz:1"));
  EXPECT_EQ(r.articles[2].body, "Third, from a second gzip member.");
  EXPECT_EQ(r.articles[3].body, "First record.");
  EXPECT_EQ(r.articles[5].meta.title, "Title Line");
  EXPECT_EQ(r.articles[5].body, "A compressed text file.");
  EXPECT_TRUE(has_message(r.diagnostics, "gzip")) << "truncated file not reported";
}

TEST(ReadPaths, TooLargeFileIsSkippedButJsonlIsStreamed) {
  TempDir dir;
  write_file(dir.path("big.txt"), std::string(2000, 'a'));
  std::string jsonl;
  for (int i = 0; i < 100; ++i) jsonl += "{\"text\": \"Record number " + std::to_string(i) + ".\"}\n";
  write_file(dir.path("many.jsonl"), jsonl);
  ReadOptions options;
  options.max_file_bytes = 1000;
  ReadResult r = run({dir.path()}, options);
  EXPECT_EQ(r.articles.size(), 100u);
  EXPECT_EQ(r.stats.skipped_by_reason["too large"], 1u);
}

TEST(ReadPaths, SniffFormat) {
  EXPECT_EQ(sniff_format("a.txt", "<html>"), SourceFormat::kText);
  EXPECT_EQ(sniff_format("a.jsonl.gz", ""), SourceFormat::kJsonl);
  EXPECT_EQ(sniff_format("x", "\n<DOC>\n<DOCNO> X </DOCNO>"), SourceFormat::kSgml);
  EXPECT_EQ(sniff_format("x", "  <!DOCTYPE html><html>"), SourceFormat::kHtml);
  EXPECT_EQ(sniff_format("x", "{\"a\": 1}\n{\"a\": 2}"), SourceFormat::kJsonl);
  EXPECT_EQ(sniff_format("x", "{\n  \"a\": 1\n}"), SourceFormat::kJson);
  EXPECT_EQ(sniff_format("x", "[{}]"), SourceFormat::kJson);
  EXPECT_EQ(sniff_format("x", "Just words."), SourceFormat::kText);
}

}  // namespace
}  // namespace precis::ingest
