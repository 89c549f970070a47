#include "precis/eval/rouge.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "precis/eval/duc_dataset.h"

namespace precis::eval {
namespace {

RougeSummary lines(std::vector<std::string> v) { return RougeSummary{std::move(v)}; }

RougeOptions plain() {
  RougeOptions o;
  o.max_n = 2;
  o.stem = false;
  o.resamples = 0;
  return o;
}

// ---------------------------------------------------------------- hand-computed cases

TEST(RougeTokens, LowerCasesSplitsPunctuationAndDropsHyphens) {
  EXPECT_EQ(rouge_tokens("The U.S.-led talks' end, 1998!", false),
            (std::vector<std::string>{"the", "u", "s", "led", "talks", "end", "1998"}));
  EXPECT_EQ(rouge_tokens("caf\xc3\xa9 x", false), (std::vector<std::string>{"caf", "x"}));
}

TEST(RougeTokens, StemsOnlyTokensLongerThanThreeBytes) {
  EXPECT_EQ(rouge_tokens("ponies cats sized ies", true),
            (std::vector<std::string>{"poni", "cat", "size", "ies"}));
  StemExceptions exceptions{{"children", "child"}};
  EXPECT_EQ(rouge_tokens("children", true, &exceptions), (std::vector<std::string>{"child"}));
}

TEST(Rouge, ClipsNgramCounts) {
  // Peer "the the the cat": unigram hits vs model "the cat sat": the (clipped to 1) + cat = 2.
  auto s = score_summary(lines({"the the the cat"}), {lines({"the cat sat"})}, plain());
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].recall, 0.66667);   // 2/3
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].precision, 0.5);   // 2/4
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].f, 0.57143);        // 2PR/(P+R) on the rounded values
  EXPECT_DOUBLE_EQ(s["ROUGE-2"].recall, 0.5);       // "the cat" of {"the cat","cat sat"}
  EXPECT_DOUBLE_EQ(s["ROUGE-2"].precision, 0.33333);
}

TEST(Rouge, AveragesOverModelsBySummingCounts) {
  // Model A "a b c d" (4 unigrams), model B "a x" (2). Peer "a b": hits 2 + 1 = 3 of 6.
  auto s = score_summary(lines({"a b"}), {lines({"a b c d"}), lines({"a x"})}, plain());
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].recall, 0.5);
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].precision, 0.75);  // 3 / (2 peer unigrams * 2 models)
  RougeOptions best = plain();
  best.best_model = true;
  auto b = score_summary(lines({"a b"}), {lines({"a b c d"}), lines({"a x"})}, best);
  EXPECT_DOUBLE_EQ(b["ROUGE-1"].recall, 0.5);  // both models give 0.5; the first is kept
  EXPECT_DOUBLE_EQ(b["ROUGE-1"].precision, 1.0);
}

TEST(Rouge, WordLimitCountsRawWhitespaceFields) {
  RougeOptions o = plain();
  o.word_limit = 3;
  // "x -- y" is three words for the cut although "--" yields no token: peer keeps "x", "y".
  auto s = score_summary(lines({"x -- y z"}), {lines({"x y z"})}, o);
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].recall, 0.66667);
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].precision, 1.0);
  // The cut spans sentences and also applies to the model: "a b" + "c".
  auto t = score_summary(lines({"a b", "c d"}), {lines({"a b c d e"})}, o);
  EXPECT_DOUBLE_EQ(t["ROUGE-1"].recall, 1.0);
}

TEST(Rouge, ByteLimitIgnoresJoiningSpaces) {
  RougeOptions o = plain();
  o.byte_limit = 5;
  // "ab" (2 bytes) + "cdxyz" cut to 3 bytes -> "ab cdx"; the model "ab cdx" is cut alike.
  auto s = score_summary(lines({"ab", "cdxyz"}), {lines({"ab cdxq"})}, o);
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].recall, 0.5);  // model "ab cdxq" -> first 5 bytes "ab cd"
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].precision, 0.5);
}

TEST(Rouge, SkipBigramsWithUnigrams) {
  RougeOptions o = plain();
  o.max_n = 0;
  o.skip_distance = 1;
  // Model "a b c": unigrams a, b (the last is never counted) + pairs ab, ac, bc = 5.
  // Peer "a c b": unigrams a, c + pairs ac, ab, cb = 5. Common: a, ab, ac = 3.
  auto s = score_summary(lines({"a c b"}), {lines({"a b c"})}, o);
  ASSERT_TRUE(s.count("ROUGE-SU1"));
  EXPECT_DOUBLE_EQ(s["ROUGE-SU1"].recall, 0.6);
  EXPECT_DOUBLE_EQ(s["ROUGE-SU1"].precision, 0.6);
  o.skip_distance = 0;  // plain bigrams + unigrams: model a, b, ab, bc; peer a, c, ac, cb -> a
  EXPECT_DOUBLE_EQ(score_summary(lines({"a c b"}), {lines({"a b c"})}, o)["ROUGE-SU0"].recall, 0.25);
}

TEST(Rouge, LcsUnionOverPeerSentences) {
  RougeOptions o = plain();
  o.max_n = 0;
  o.lcs = true;
  // Model sentence "a b c d e"; peer sentences "a b x" and "d e": union LCS = a b d e = 4 of 5.
  auto s = score_summary(lines({"a b x", "d e"}), {lines({"a b c d e"})}, o);
  EXPECT_DOUBLE_EQ(s["ROUGE-L"].recall, 0.8);
  EXPECT_DOUBLE_EQ(s["ROUGE-L"].precision, 0.8);
}

TEST(Rouge, BootstrapOfConstantScoresIsThatConstant) {
  RougeOptions o = plain();
  o.max_n = 1;
  o.resamples = 100;
  std::vector<RougeTopic> topics;
  for (int i = 0; i < 5; ++i) topics.push_back({"t" + std::to_string(i), lines({"a b"}), {lines({"a c"})}});
  auto r = evaluate(topics, o);
  const auto* m = r.find("ROUGE-1");
  ASSERT_NE(m, nullptr);
  EXPECT_DOUBLE_EQ(m->average.score.recall, 0.5);
  EXPECT_DOUBLE_EQ(m->average.recall_ci.low, 0.5);
  EXPECT_DOUBLE_EQ(m->average.recall_ci.high, 0.5);
  EXPECT_EQ(m->per_topic.size(), 5u);
}

TEST(Rouge, EmptyInputsScoreZeroWithoutCrashing) {
  auto s = score_summary(lines({}), {}, plain());
  EXPECT_DOUBLE_EQ(s["ROUGE-1"].recall, 0);
  auto t = score_summary(lines({"", "   "}), {lines({"--"})}, rouge_options_bytes665());
  EXPECT_DOUBLE_EQ(t["ROUGE-L"].f, 0);
  EXPECT_TRUE(evaluate({}, plain()).metrics.size() == 2);
}

// ---------------------------------------------------------------- reproduction of ROUGE-1.5.5

struct Printed {
  double value, low, high;
};

// "<system> <metric> Average_<X>: v (95%-conf.int. a - b)" -> key "system|metric|X".
std::map<std::string, Printed> read_rouge_output(const std::string& path) {
  std::map<std::string, Printed> out;
  std::ifstream in(path);
  std::string line;
  static const std::regex pattern(
      R"(^(\S+) (ROUGE-\S+) Average_([RPF]): ([0-9.]+) \(95%-conf\.int\. ([0-9.]+) - ([0-9.]+)\))");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, pattern)) {
      out[m[1].str() + "|" + m[2].str() + "|" + m[3].str()] =
          Printed{std::stod(m[4]), std::stod(m[5]), std::stod(m[6])};
    }
  }
  return out;
}

void check_reproduction(const std::string& out_file, const RougeOptions& base_options, bool all_metrics) {
  const std::string root = shared_data_dir() + "/duc2004_task2";
  if (!std::filesystem::exists(root + "/" + out_file)) {
    GTEST_SKIP() << "DUC 2004 data absent (" << root << "); set PRECIS_SHARED_DATA to run";
  }
  // ROUGE-1.5.5 consults WordNet's exception lists before stemming; without them ROUGE-1 is off
  // by about 0.004. They come from Debian's wordnet-base (scripts/install-deps.sh).
  auto exceptions = load_wordnet_exceptions();
  ASSERT_TRUE(exceptions) << exceptions.error().message << " (install wordnet-base)";
  RougeOptions options = base_options;
  options.stem_exceptions = &*exceptions;
  auto expected = read_rouge_output(root + "/" + out_file);
  ASSERT_FALSE(expected.empty());
  auto dataset = load_duc_dataset(root);
  ASSERT_TRUE(dataset) << dataset.error().message;
  ASSERT_EQ(dataset->systems.size(), 13u);
  double max_average = 0, max_interval = 0;
  std::size_t compared = 0;
  for (const auto& system : dataset->systems) {
    auto topics = rouge_topics_for_system(*dataset, system);
    ASSERT_TRUE(topics) << topics.error().message;
    ASSERT_EQ(topics->size(), 50u);
    RougeResult result = evaluate(*topics, options, system);
    for (const auto& metric : result.metrics) {
      const bool headline = metric.name == "ROUGE-1" || metric.name == "ROUGE-2" || metric.name == "ROUGE-4";
      if (!all_metrics && !headline) continue;
      const std::pair<char, std::pair<double, RougeInterval>> parts[] = {
          {'R', {metric.average.score.recall, metric.average.recall_ci}},
          {'P', {metric.average.score.precision, metric.average.precision_ci}},
          {'F', {metric.average.score.f, metric.average.f_ci}}};
      for (const auto& [letter, got] : parts) {
        auto it = expected.find(system + "|" + metric.name + "|" + letter);
        ASSERT_NE(it, expected.end()) << system << " " << metric.name << " " << letter;
        double d = std::fabs(got.first - it->second.value);
        max_average = std::max(max_average, d);
        max_interval = std::max({max_interval, std::fabs(got.second.low - it->second.low),
                                 std::fabs(got.second.high - it->second.high)});
        if (letter == 'R' && headline) {
          EXPECT_NEAR(got.first, it->second.value, 0.0005) << system << " " << metric.name;
        }
        // The scorer is exact, so hold it to every printed digit (averages and bounds).
        EXPECT_NEAR(got.first, it->second.value, 1e-9) << system << " " << metric.name << " " << letter;
        EXPECT_NEAR(got.second.low, it->second.low, 1e-9) << system << " " << metric.name << " " << letter;
        EXPECT_NEAR(got.second.high, it->second.high, 1e-9) << system << " " << metric.name << " " << letter;
        ++compared;
      }
    }
  }
  std::printf("[ rouge ] %s: %zu averages compared, max |diff| %.5f (averages), %.5f (95%% bounds)\n",
              out_file.c_str(), compared, max_average, max_interval);
}

TEST(RougeReproduction, Duc2004Words100MatchesRouge155) {
  check_reproduction("reproduced/rouge_l100_n4_m_x.out", rouge_options_words100(), true);
}

TEST(RougeReproduction, Duc2004Bytes665MatchesRouge155) {
  check_reproduction("reproduced/rouge_b665_a_c95_m_n4_w1.2.out", rouge_options_bytes665(), true);
}

// published/rouge.res holds every per-topic score (ROUGE's -d) of the 100-word setting.
TEST(RougeReproduction, Duc2004PerTopicScoresMatchPublishedRougeRes) {
  const std::string root = shared_data_dir() + "/duc2004_task2";
  const std::string res = root + "/published/rouge.res";
  if (!std::filesystem::exists(res)) {
    GTEST_SKIP() << "DUC 2004 data absent (" << root << "); set PRECIS_SHARED_DATA to run";
  }
  auto exceptions = load_wordnet_exceptions();
  ASSERT_TRUE(exceptions) << exceptions.error().message << " (install wordnet-base)";
  RougeOptions options = rouge_options_words100();
  options.stem_exceptions = &*exceptions;
  options.resamples = 0;
  // "<sys> <metric> Eval <topic>.<sys> R:r P:p F:f" -> key "sys|metric|topic".
  std::map<std::string, RougeScore> expected;
  std::ifstream in(res);
  std::string line;
  static const std::regex pattern(
      R"(^(\S+) (ROUGE-\S+) Eval ([^.\s]+)\.\S+ R:([0-9.]+) P:([0-9.]+) F:([0-9.]+))");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, pattern)) {
      expected[m[1].str() + "|" + m[2].str() + "|" + m[3].str()] =
          RougeScore{std::stod(m[4]), std::stod(m[5]), std::stod(m[6])};
    }
  }
  ASSERT_EQ(expected.size(), 13u * 50u * 4u);
  auto dataset = load_duc_dataset(root);
  ASSERT_TRUE(dataset);
  std::size_t compared = 0;
  for (const auto& system : dataset->systems) {
    auto topics = rouge_topics_for_system(*dataset, system);
    ASSERT_TRUE(topics);
    for (const auto& metric : evaluate(*topics, options, system).metrics) {
      for (const auto& [topic, got] : metric.per_topic) {
        auto it = expected.find(system + "|" + metric.name + "|" + topic);
        ASSERT_NE(it, expected.end()) << system << " " << metric.name << " " << topic;
        EXPECT_NEAR(got.recall, it->second.recall, 1e-9) << system << " " << metric.name << " " << topic;
        EXPECT_NEAR(got.precision, it->second.precision, 1e-9) << system << " " << metric.name << " " << topic;
        EXPECT_NEAR(got.f, it->second.f, 1e-9) << system << " " << metric.name << " " << topic;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, expected.size());
}

}  // namespace
}  // namespace precis::eval
