// End-to-end tests of `precis digest` and `precis sentences`: the real binary on the demo corpus
// and on the test fixtures, checking the contracts users rely on (exit codes, citations that
// point at the exact source bytes, diagnostics on stderr, stdout only for results).
#include <gtest/gtest.h>

#include <array>
#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

CliRun run(const std::string& args, const std::string& stdin_file = "") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("precis_e2e_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string out_path = (dir / "out").string();
  std::string err_path = (dir / "err").string();
  std::string cmd = std::string(PRECIS_CLI) + " " + args + " >" + out_path + " 2>" + err_path;
  if (!stdin_file.empty()) cmd += " <" + stdin_file;
  else cmd += " </dev/null";
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  return r;
}

// Letters and digits only, lower-cased: what survives any normalisation.
std::string skeleton(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
    else if (c >= 0x80) out.push_back(static_cast<char>(c));
  }
  return out;
}

TEST(CliDigest, DemoCorpusGivesCitedMarkdown) {
  CliRun r = run("digest examples/harbour-fire");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("# ", 0), 0u) << "Markdown starts with the headline";
  EXPECT_NE(r.out.find("[1]"), std::string::npos);
  EXPECT_NE(r.out.find("**Sources**"), std::string::npos);
  EXPECT_NE(r.err.find("read "), std::string::npos) << "counts go to stderr";
}

// Cleaning, summaries and facts run on several threads; the digest must not depend on how many.
TEST(CliDigest, TheDigestIsTheSameOnOneThreadAndOnMany) {
  const std::string inputs = "examples/ tests/data/text tests/data/html";
  CliRun one = run("digest -q -j 1 --stories 0 --format json " + inputs);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  CliRun many = run("digest -q -j 4 --stories 0 --format json " + inputs);
  ASSERT_EQ(many.exit_code, 0) << many.err;
  EXPECT_GT(one.out.size(), 10000u);
  EXPECT_EQ(one.out, many.out);
  CliRun all_cores = run("digest -q --stories 0 --format md " + inputs);
  CliRun md_one = run("digest -q -j 1 --stories 0 --format md " + inputs);
  EXPECT_EQ(all_cores.out, md_one.out);
  // One story: its articles' facts are found in parallel, and gathered in article order.
  CliRun story_one = run("digest -q -j 1 --one-story --format json " + inputs);
  CliRun story_many = run("digest -q -j 4 --one-story --format json " + inputs);
  ASSERT_EQ(story_one.exit_code, 0) << story_one.err;
  EXPECT_GT(nlohmann::json::parse(story_one.out)["stories"][0]["facts"]["figures"].size(), 20u);
  EXPECT_EQ(story_one.out, story_many.out);
  CliRun facts_one = run("facts -q -j 1 --format json " + inputs);
  CliRun facts_many = run("facts -q -j 4 --format json " + inputs);
  ASSERT_EQ(facts_one.exit_code, 0) << facts_one.err;
  EXPECT_EQ(facts_one.out, facts_many.out);
}

TEST(CliDigest, JsonCitationsPointAtSourceBytes) {
  CliRun r = run("digest --one-story --format json --words 150 examples/harbour-fire");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["stories"].size(), 1u);
  const auto& story = j["stories"][0];
  ASSERT_FALSE(story["summary"].empty());
  std::size_t words = 0;
  std::size_t checked = 0;
  for (const auto& sentence : story["summary"]) {
    std::string text = sentence["text"];
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (!std::isspace(static_cast<unsigned char>(text[i])) && (i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])))) ++words;
    }
    ASSERT_FALSE(sentence["citations"].empty());
    // Every citation into a plain-text file must point at the sentence's exact bytes there.
    for (const auto& citation : sentence["citations"]) {
      const auto& article = j["articles"][citation["article"].get<int>() - 1];
      if (article["format"] != "text") continue;
      std::string file = slurp(article["source"]);
      std::size_t start = citation["start"], end = citation["end"];
      ASSERT_LE(end, file.size());
      if (&citation == &sentence["citations"][0]) {
        EXPECT_EQ(skeleton(file.substr(start, end - start)), skeleton(text)) << text;
      }
      ++checked;
    }
  }
  EXPECT_LE(words, 150u);
  EXPECT_GT(checked, 0u) << "at least one summary sentence comes from a plain-text file";
}

TEST(CliDigest, TextFormatIsOneSentencePerLine) {
  CliRun r = run("digest --format text tests/data/corpus");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.find('['), std::string::npos) << "no citation markers in text output";
}

TEST(CliDigest, StdinDash) {
  std::string file;
  for (const auto& e : std::filesystem::directory_iterator("tests/data/corpus")) {
    if (e.path().extension() == ".txt") { file = e.path().string(); break; }
  }
  ASSERT_FALSE(file.empty());
  CliRun r = run("digest --format text -", file);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.out.empty());
}

TEST(CliDigest, MissingPathIsReportedAndTheRunGoesOn) {
  CliRun r = run("digest tests/data/corpus /nonexistent/precis/path");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("/nonexistent/precis/path"), std::string::npos) << r.err;
  EXPECT_FALSE(r.out.empty());
}

TEST(CliDigest, NothingUsableExitsOne) {
  CliRun r = run("digest /nonexistent/precis/path");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty());
}

TEST(CliDigest, WrongInvocationExitsTwo) {
  EXPECT_EQ(run("digest --format yaml examples/harbour-fire").exit_code, 2);
  EXPECT_EQ(run("no-such-command").exit_code, 2);
  EXPECT_EQ(run("--help").exit_code, 0);
}

TEST(CliDigest, SeveralStoriesRankedWithFactsAndCredit) {
  CliRun r = run("digest --format json examples/harbour-fire examples/lisburg-tram");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["stories"].size(), 2u);
  EXPECT_NE(r.err.find(" stories"), std::string::npos) << r.err;
  for (const auto& story : j["stories"]) {
    EXPECT_FALSE(story["summary"].empty());
    EXPECT_TRUE(story["facts"].is_object());
  }
  // --stories caps what is shown and says so on stderr.
  CliRun one = run("digest --stories 1 --format json examples/harbour-fire examples/lisburg-tram");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(nlohmann::json::parse(one.out)["stories"].size(), 1u);
  EXPECT_NE(one.err.find("--stories 0"), std::string::npos) << one.err;
  // --one-story puts everything in one.
  CliRun all = run("digest --one-story --no-facts --format json examples/harbour-fire examples/lisburg-tram");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  auto k = nlohmann::json::parse(all.out);
  ASSERT_EQ(k["stories"].size(), 1u);
  EXPECT_EQ(k["stories"][0]["articles"].size(), k["articles"].size());
  EXPECT_TRUE(k["stories"][0]["facts"].is_null());
}

TEST(CliDigest, JoinSimilaritySetsHowReadilyArticlesShareAStory) {
  auto stories = [](const std::string& flag) {
    CliRun r = run("digest --no-facts --stories 0 --format json " + flag + " tests/data examples");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out)["stories_found"].get<int>() : -1;
  };
  const int by_default = stories("");
  EXPECT_EQ(stories("--join-similarity 0.13"), by_default) << "0.13 is the default";
  EXPECT_LT(stories("--join-similarity 0.05"), by_default);
  EXPECT_GT(stories("--join-similarity 0.3"), by_default);
  EXPECT_EQ(run("digest --join-similarity 1.5 examples").exit_code, 2);
}

TEST(CliDigest, HtmlPageToFile) {
  namespace fs = std::filesystem;
  fs::path out = fs::temp_directory_path() / ("precis_e2e_html_" + std::to_string(::getpid()) + ".html");
  CliRun r = run("digest --format html -o " + out.string() + " examples/harbour-fire");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << "the page goes to the file, not stdout";
  std::string html = slurp(out.string());
  fs::remove(out);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("class=\"cite\""), std::string::npos);
}

}  // namespace

namespace {

TEST(CliDigest, SingleTextFileOffsetsAreExact) {
  const std::string path = "examples/harbour-fire/meridian-press-wire.txt";
  CliRun r = run("digest --format json " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::string file = slurp(path);
  const auto& summary = j["stories"][0]["summary"];
  ASSERT_FALSE(summary.empty());
  for (const auto& sentence : summary) {
    const auto& c = sentence["citations"][0];
    std::size_t start = c["start"], end = c["end"];
    ASSERT_LE(end, file.size());
    EXPECT_EQ(skeleton(file.substr(start, end - start)), skeleton(sentence["text"])) << sentence["text"];
  }
}

TEST(CliFacts, AgreesWithTheDigestOnTheDemoFire) {
  // `precis facts` reads the fire's articles as the digest does: rewrites repeat their original's
  // figures and are no sources (an undated rewrite once made the damage estimate "differ").
  CliRun r = run("facts --rules --format json examples/harbour-fire");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  bool damage = false;
  for (const auto& q : j["quantities"]) {
    if (q.value("measured", "") != "damage") continue;
    damage = true;
    EXPECT_EQ(q["status"], "update") << q.dump();
    ASSERT_EQ(q["readings"].size(), 2u) << q.dump();
    EXPECT_EQ(q["readings"][0]["value"], 12000000.0);
    EXPECT_EQ(q["readings"][0]["first_published"].get<std::string>().substr(0, 10), "2026-11-03");
    EXPECT_EQ(q["readings"][1]["value"], 18500000.0);
  }
  EXPECT_TRUE(damage) << r.out;
}

// "Fire investigator Oskar Lind": the capitalised word before a lower-case role word and a name
// modifies the role. The learnt tagger (after "Chief Fire Officer Rena Holt" earlier in the text)
// had tagged "Fire" as a person. A possessive ("Varn's spokesman") still names someone.
TEST(CliFacts, AWordBeforeARoleAndANameIsNoPerson) {
  CliRun r = run("facts --format json tests/data/text/depot_fire_roles.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  bool lind = false;
  std::size_t varn = 0;
  for (const auto& e : j["entities"]) {
    EXPECT_NE(e["name"], "Fire") << e.dump();
    if (e["name"] == "Oskar Lind") {
      lind = true;
      EXPECT_EQ(e["roles"][0], "Fire investigator") << e.dump();
    }
    if (e["name"] == "Dessa Varn") varn = e["mentions"].size();
  }
  EXPECT_TRUE(lind) << r.out;
  EXPECT_EQ(varn, 2u) << "'Mayor Dessa Varn' and the possessive 'Varn's'";
}

}  // namespace

// The README shows the real output of `make run`, and docs/example-digest.json the real JSON:
// both must be what this build prints (regenerate them when the output changes on purpose).
TEST(CliDigest, ReadmeAndJsonExampleAreTheRealOutput) {
  CliRun md = run("digest examples/harbour-fire examples/lisburg-tram");
  ASSERT_EQ(md.exit_code, 0) << md.err;
  const std::string readme = slurp("README.md");
  const std::size_t begin = readme.find("```markdown\n");
  ASSERT_NE(begin, std::string::npos);
  const std::size_t end = readme.find("\n```\n", begin);
  ASSERT_NE(end, std::string::npos);
  std::string shown = readme.substr(begin + 12, end - begin - 12);
  std::string printed = md.out;
  while (!printed.empty() && printed.back() == '\n') printed.pop_back();
  EXPECT_EQ(shown, printed) << "README.md's demo block is stale";
  CliRun json = run("digest --format json examples/harbour-fire examples/lisburg-tram");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(slurp("docs/example-digest.json")), nlohmann::json::parse(json.out))
      << "docs/example-digest.json is stale";
}
