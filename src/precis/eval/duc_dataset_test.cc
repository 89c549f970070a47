#include "precis/eval/duc_dataset.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <string>

#include <gtest/gtest.h>

namespace precis::eval {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A tiny fictional data set laid out like DUC's task 2.
class DucDatasetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("precis_duc_test_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    write(root_ / "docs/d001t/XYZ001.0001", "<DOC><TEXT>The harbour fire.</TEXT></DOC>");
    write(root_ / "docs/d002t/XYZ002.0001", "<DOC><TEXT>The bridge.</TEXT></DOC>");
    write(root_ / "models/D001.M.100.T.A", "The harbour burned.\nBoats sank.\n");
    write(root_ / "models/d001.m.100.t.b", "Fire at the harbour.\n");
    write(root_ / "models/D002.M.100.T.C", "A bridge opened.\n");
    write(root_ / "peers/d001.SysA", "The harbour burned.\n\nBoats sank.\n");
    write(root_ / "peers/d001.SysB", "Nothing.\n");
    write(root_ / "peers/d002.SysA", "The bridge opened.\n");
    write(root_ / "peers/oddname", "x\n");
    write(root_ / "mine/d001t.precis", "The harbour burned.\n");
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(DucDatasetTest, DiscoversTopicsModelsAndPeers) {
  Diagnostics diagnostics;
  auto ds = load_duc_dataset(root_.string(), &diagnostics);
  ASSERT_TRUE(ds) << ds.error().message;
  ASSERT_EQ(ds->topics.size(), 2u);
  EXPECT_EQ(ds->topics[0].id, "d001");
  EXPECT_EQ(ds->topics[0].document_paths.size(), 1u);
  EXPECT_EQ(ds->topics[0].model_paths.size(), 2u);
  EXPECT_EQ(ds->topics[0].peer_paths.size(), 2u);
  EXPECT_EQ(ds->systems, (std::vector<std::string>{"SysA", "SysB"}));
  EXPECT_EQ(diagnostics.size(), 1u);  // peers/oddname
}

TEST_F(DucDatasetTest, ReadsSummariesAsNonEmptyLines) {
  auto s = read_summary_file((root_ / "peers/d001.SysA").string());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->lines, (std::vector<std::string>{"The harbour burned.", "Boats sank."}));
  EXPECT_FALSE(read_summary_file((root_ / "nope").string()));
}

TEST_F(DucDatasetTest, BuildsRougeUnits) {
  auto ds = load_duc_dataset(root_.string());
  ASSERT_TRUE(ds);
  Diagnostics diagnostics;
  auto a = rouge_topics_for_system(*ds, "SysA", &diagnostics);
  ASSERT_TRUE(a);
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0].models.size(), 2u);
  auto b = rouge_topics_for_system(*ds, "SysB", &diagnostics);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size(), 1u);
  EXPECT_EQ(diagnostics.size(), 1u);  // SysB has no d002
  EXPECT_FALSE(rouge_topics_for_system(*ds, "Nobody"));

  diagnostics.clear();
  auto mine = rouge_topics_for_directory(*ds, (root_ / "mine").string(), ".precis", &diagnostics);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].id, "d001");
  EXPECT_EQ(diagnostics.size(), 1u);  // d002 missing
  auto r = evaluate(*mine, rouge_options_words100());
  EXPECT_GT(r.find("ROUGE-1")->average.score.recall, 0.3);
}

TEST(DucDataset, RejectsANonDataset) {
  EXPECT_FALSE(load_duc_dataset("/nonexistent/precis"));
}

TEST(DucDataset, WordNetExceptionsWhenInstalled) {
  auto e = load_wordnet_exceptions();
  if (!e) GTEST_SKIP() << e.error().message;
  EXPECT_EQ(e->at("children"), "child");
  EXPECT_EQ(e->at("said"), "say");
  EXPECT_FALSE(load_wordnet_exceptions("/nonexistent/precis"));
}

}  // namespace
}  // namespace precis::eval
