#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "precis/ingest/reader.h"
#include "precis/ingest/test_util.h"

namespace precis::ingest {
namespace {

using testing::collect;
using testing::data_path;
using testing::expect_round_trip;
using testing::read_file;

std::vector<RawArticle> read(const std::string& name, const std::string& bytes, Diagnostics& diagnostics,
                             ReadStats& stats, const ReadOptions& options = {}) {
  return collect([&](const ArticleSink& sink) { read_sgml(name, bytes, options, sink, diagnostics, stats); });
}

TEST(SgmlReader, TwoDocsWithParagraphsHeadlineDatesAndAnnotation) {
  Diagnostics diagnostics;
  ReadStats stats;
  std::string bytes = read_file(data_path("sgml/two_docs.sgml"));
  auto a = read("two.sgml", bytes, diagnostics, stats);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(a[0].meta.source, "two.sgml#XIE20030512.0101");
  EXPECT_EQ(a[0].meta.doc_id, "XIE20030512.0101");
  EXPECT_EQ(a[0].meta.outlet, "Xinhua");
  EXPECT_EQ(a[0].meta.published, "2003-05-12");
  EXPECT_EQ(a[0].meta.title, "Ferry service resumes after storm");
  EXPECT_EQ(a[0].meta.format, SourceFormat::kSgml);
  EXPECT_EQ(a[0].body,
            "Ferry service between the two islands resumed on Monday, the port authority said, three days after a "
            "storm damaged the main pier.\n\nRepairs to the pier will take & cost more than expected.");
  EXPECT_EQ(a[1].meta.outlet, "New York Times");
  EXPECT_EQ(a[1].meta.published, "2003-05-13T09:40:00");
  EXPECT_EQ(a[1].meta.title, "");
  EXPECT_EQ(a[1].body, "The orchestra announced its new season on Tuesday.\n\nTickets go on sale in June.");
  // Several <DOC>s: original is each DOC element, not the whole file.
  EXPECT_TRUE(a[0].original.starts_with("<DOC>"));
  EXPECT_TRUE(a[1].original.ends_with("</DOC>"));
  EXPECT_NE(bytes.find(a[1].original), std::string::npos);
  for (const RawArticle& article : a) expect_round_trip(article, true);
  EXPECT_EQ(stats.articles, 2u);
}

TEST(SgmlReader, IndentedParagraphsWireCodesAndDateFromDateTime) {
  Diagnostics diagnostics;
  ReadStats stats;
  std::string bytes = read_file(data_path("sgml/APW20010203.0042"));
  auto a = read("APW20010203.0042", bytes, diagnostics, stats);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].original, bytes);  // one DOC: the whole file
  EXPECT_EQ(a[0].meta.published, "2001-02-03T14:05:00");
  EXPECT_EQ(a[0].meta.outlet, "Associated Press");
  EXPECT_EQ(a[0].body,
            "By A. WRITER\n\nRIVERTON (AP) _ A flour mill that had stood idle for a decade reopened on Saturday, "
            "bringing forty jobs back to the town.\n\nThe owners said they would hire more staff in the spring.");
  expect_round_trip(a[0], true);
  std::size_t at = a[0].body.find("The owners");
  std::size_t end = a[0].body.size();
  ByteSpan src = a[0].body_to_original.to_source(ByteSpan{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end)});
  EXPECT_EQ(slice(a[0].original, src), "The owners said they would hire more staff\nin the spring.");
}

TEST(SgmlReader, DateFromDocnoAndBadInput) {
  Diagnostics diagnostics;
  ReadStats stats;
  auto a = read("x", "<DOC><DOCNO>NYT19990101.0001</DOCNO><TEXT>Text one.</TEXT></DOC>", diagnostics, stats);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].meta.published, "1999-01-01");
  a = read("y", "no docs here", diagnostics, stats);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(stats.skipped_by_reason["malformed"], 1u);
  a = read("z", "<DOC><DOCNO>A1</DOCNO><DATE>someday</DATE><TEXT> </TEXT></DOC><DOC><TEXT>Unterminated", diagnostics,
           stats);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].meta.source, "z#2");
  EXPECT_EQ(a[0].body, "Unterminated");
  EXPECT_EQ(stats.skipped_by_reason["empty"], 1u);
  ReadOptions small;
  small.max_record_bytes = 40;
  a = read("w", "<DOC><TEXT>short</TEXT></DOC>\n<DOC><TEXT>this document is rather longer than forty</TEXT></DOC>",
           diagnostics, stats, small);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(stats.skipped_by_reason["record too large"], 1u);
}

// Real DUC files, when the evaluation data is present: counts and fields only.
std::string shared_data() {
  if (const char* env = std::getenv("PRECIS_SHARED_DATA")) return env;
  return std::string(PRECIS_SOURCE_DIR) + "/../shared/data";
}

TEST(SgmlReader, RealDucDocuments) {
  std::string root = shared_data();
  if (!std::filesystem::exists(root + "/duc2004_task2/docs")) GTEST_SKIP() << "no DUC data under " << root;
  for (const char* set : {"duc2004_task2", "duc2003_task2"}) {
    Diagnostics diagnostics;
    ReadStats stats;
    std::size_t with_date = 0, with_outlet = 0, with_paragraphs = 0, docs = 0;
    read_paths({root + "/" + set + "/docs"}, ReadOptions{},
               [&](RawArticle&& a) {
                 ++docs;
                 EXPECT_EQ(a.meta.format, SourceFormat::kSgml);
                 EXPECT_FALSE(a.meta.doc_id.empty());
                 EXPECT_EQ(a.original.find("<DOC>") != std::string::npos, true);
                 with_date += a.meta.published.size() >= 10;
                 with_outlet += !a.meta.outlet.empty();
                 with_paragraphs += a.body.find("\n\n") != std::string::npos;
                 EXPECT_EQ(a.body.find('<'), std::string::npos) << a.meta.source;
                 EXPECT_EQ(a.body.find("&UR;"), std::string::npos) << a.meta.source;
                 ASSERT_EQ(a.body_to_original.size(), a.body.size());
                 ByteSpan all = a.body_to_original.to_source(ByteSpan{0, static_cast<std::uint32_t>(a.body.size())});
                 EXPECT_LE(all.end, a.original.size());
               },
               diagnostics, stats);
    std::size_t expected = std::string(set) == "duc2004_task2" ? 500 : 298;
    EXPECT_EQ(docs, expected) << set;
    EXPECT_EQ(stats.files, expected) << set;
    EXPECT_EQ(with_date, expected) << set;
    EXPECT_EQ(with_outlet, expected) << set;
    if (std::string(set) == "duc2003_task2") {
      EXPECT_GT(with_paragraphs, expected * 9 / 10);
    }
    EXPECT_EQ(stats.skipped_files + stats.skipped_records, 0u) << set;
  }
}

}  // namespace
}  // namespace precis::ingest
