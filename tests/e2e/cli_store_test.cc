// End-to-end tests of `precis add`, `precis show` and `precis serve`: the real binary, a store in
// a temporary folder, and the server on loopback (a free port, found from its start-up line).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class CliStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("precis_e2e_store_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "news.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliRun run(const std::string& args) {
    std::string cmd = std::string(PRECIS_CLI) + " " + args + " >" + (dir_ / "out").string() + " 2>" +
                      (dir_ / "err").string() + " </dev/null";
    int status = std::system(cmd.c_str());
    CliRun r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir_ / "out");
    r.err = slurp(dir_ / "err");
    return r;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliStore, AddStoresOnceAndShowPrintsTheDigestOfEverythingStored) {
  CliRun first = run("add --db " + db_ + " examples/harbour-fire");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(first.out.empty()) << "add writes no results, only counts on stderr";
  EXPECT_NE(first.err.find("7 new, 0 already stored"), std::string::npos) << first.err;
  CliRun second = run("add --db " + db_ + " examples/harbour-fire examples/lisburg-tram");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("3 new, 7 already stored"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("holds 10 articles in 2 stories"), std::string::npos) << second.err;

  CliRun shown = run("show --db " + db_);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  CliRun direct = run("digest -q --stories 0 examples/harbour-fire examples/lisburg-tram");
  ASSERT_EQ(direct.exit_code, 0) << direct.err;
  EXPECT_EQ(shown.out, direct.out) << "the stored digest is the digest of all the stored articles";

  CliRun html = run("show --db " + db_ + " --format html -o " + (dir_ / "digest.html").string());
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_EQ(slurp(dir_ / "digest.html").rfind("<!DOCTYPE html>", 0), 0u);

  CliRun json = run("show --db " + db_ + " --format json");
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(json.out)["stories"].size(), 2u);

  // The facts are tables too: the demo's damage estimate, updated from $12 million to $18.5 million.
  std::string sql =
      "SELECT q.status, r.value FROM quantities q JOIN readings r ON r.story = q.story AND r.quantity = q.position "
      "WHERE q.unit = 'USD' ORDER BY r.position";
  int rc = std::system(("sqlite3 -separator ' ' " + db_ + " \"" + sql + "\" >" + (dir_ / "sql").string()).c_str());
  ASSERT_EQ(rc, 0);
  EXPECT_EQ(slurp(dir_ / "sql"), "update 12000000.0\nupdate 18500000.0\n");
}

TEST_F(CliStore, AddTakesTheJoinBarOfDigest) {
  // The same articles and bar give the same stories as precis digest; a higher bar, more stories.
  CliRun strict = run("add --db " + db_ + " --join-similarity 0.3 tests/data examples");
  ASSERT_EQ(strict.exit_code, 0) << strict.err;
  CliRun direct = run("digest --no-facts --stories 0 --format json --join-similarity 0.3 tests/data examples");
  ASSERT_EQ(direct.exit_code, 0) << direct.err;
  const int stories = nlohmann::json::parse(direct.out)["stories_found"].get<int>();
  EXPECT_NE(strict.err.find("in " + std::to_string(stories) + " stories"), std::string::npos) << strict.err;
  CliRun usual = run("digest --no-facts --stories 0 --format json tests/data examples");
  ASSERT_EQ(usual.exit_code, 0) << usual.err;
  EXPECT_GT(stories, nlohmann::json::parse(usual.out)["stories_found"].get<int>());
}

TEST_F(CliStore, SearchFindsStoredArticlesAndSaysWhenNothingMatches) {
  ASSERT_EQ(run("add -q --db " + db_ + " examples/").exit_code, 0);
  CliRun found = run("search --db " + db_ + " '\"two berths\"' Marsh");
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("(story "), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("**two berths**"), std::string::npos) << found.out;
  EXPECT_EQ(found.out.find("\n\n"), std::string::npos) << "one line of context per hit";
  EXPECT_EQ(found.out.find("Lisburg"), std::string::npos) << "the tram story does not match";
  CliRun json = run("search --db " + db_ + " --format json tram -n 2");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto hits = nlohmann::json::parse(json.out)["hits"];
  EXPECT_EQ(hits.size(), 2u);
  CliRun none = run("search --db " + db_ + " zeppelin");
  EXPECT_EQ(none.exit_code, 3);
  EXPECT_TRUE(none.out.empty());
  EXPECT_NE(none.err.find("0 articles found"), std::string::npos) << none.err;
}

TEST_F(CliStore, FailuresExitNonZeroWithAReason) {
  CliRun none = run("show --db " + db_);
  EXPECT_EQ(none.exit_code, 2) << "a store that does not exist is a wrong invocation";
  std::ofstream(dir_ / "notes.txt") << "not a database, but a long enough line of plain text to fill a page";
  CliRun bad = run("add --db " + (dir_ / "notes.txt").string() + " examples/harbour-fire");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("notes.txt"), std::string::npos) << bad.err;
  CliRun empty = run("add --db " + db_ + " " + (dir_ / "missing-folder").string());
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_NE(empty.err.find("nothing usable was read"), std::string::npos) << empty.err;
  CliRun no_digest = run("show --db " + db_);
  EXPECT_EQ(no_digest.exit_code, 0) << "the empty add made an empty digest: " << no_digest.err;
}

TEST_F(CliStore, ServeAnswersOnLoopbackAndStopsOnSigterm) {
  ASSERT_EQ(run("add -q --db " + db_ + " examples/lisburg-tram").exit_code, 0);
  std::string err_path = (dir_ / "serve.err").string();
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::freopen(err_path.c_str(), "w", stderr);
    std::freopen("/dev/null", "r", stdin);
    ::execl(PRECIS_CLI, PRECIS_CLI, "serve", "--db", db_.c_str(), "--port", "0", "--refresh-delay", "0.2",
            static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  int port = 0;
  std::regex started("on http://127\\.0\\.0\\.1:([0-9]+)/");
  for (int i = 0; i < 200 && port == 0; ++i) {
    std::smatch m;
    std::string err = slurp(err_path);
    if (std::regex_search(err, m, started)) port = std::stoi(m[1]);
    else std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_NE(port, 0) << "no start-up line: " << slurp(err_path);
  httplib::Client c("127.0.0.1", port);
  auto stories = c.Get("/api/stories");
  ASSERT_TRUE(stories);
  EXPECT_EQ(stories->status, 200);
  auto j = nlohmann::json::parse(stories->body);
  ASSERT_EQ(j["stories"].size(), 1u);
  EXPECT_EQ(j["stories"][0]["articles"], 3);
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("Lisburg"), std::string::npos);

  // A posted page is stored at once (202) and digested in the background; health says when.
  std::ifstream html("examples/harbour-fire/port-aven-gazette-local.html", std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(html)), std::istreambuf_iterator<char>());
  auto posted = c.Post("/api/articles?source=port-aven-gazette-local.html", body, "text/html");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 202) << posted->body;
  std::string state;
  for (int i = 0; i < 1200 && state != "current"; ++i) {
    auto h = c.Get("/api/health");
    ASSERT_TRUE(h);
    state = nlohmann::json::parse(h->body)["digest"]["state"];
    if (state != "current") std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(state, "current");
  auto after = nlohmann::json::parse(c.Get("/api/stories")->body);
  EXPECT_EQ(after["stories"].size(), 2u) << "the harbour fire is a story of its own";

  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status)) << "stopped by its signal handler, not killed";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::string log = slurp(err_path);
  EXPECT_NE(log.find("GET /api/stories 200"), std::string::npos) << log;
  // The log shows what was asked, query included (it once showed "POST /api/articles 202" only).
  EXPECT_NE(log.find("POST /api/articles?source=port-aven-gazette-local.html 202"), std::string::npos) << log;
  EXPECT_NE(log.find("digested 4 articles: 2 stories in "), std::string::npos) << log;
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
}

}  // namespace
