// The summarizer's large-story path: the one-scan attribution equals the per-sentence one, and a
// sampled story still yields unchanged source sentences cited by every article that reports them.
#include "precis/summarize/summarizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "precis/text/annotate.h"
#include "precis/text/normalize.h"

namespace precis::summarize {
namespace {

Article annotated(const std::string& text, std::uint32_t id, const std::string& date) {
  Article a;
  a.id = ArticleId{id};
  a.meta.published = date;
  a.text = text::normalize(text).text;
  a.original = a.text;
  a.to_original = OffsetMap::identity(static_cast<std::uint32_t>(a.text.size()));
  text::AnnotateOptions options;
  options.language = "en";
  text::annotate(a, options);
  return a;
}

const char* kSentences[] = {
    "The Velmar harbour ferry sank in a winter storm on Sunday night with forty passengers aboard.",
    "Coast guard boats rescued thirty passengers from the cold water near the northern pier.",
    "The harbour master closed the port to all traffic until the storm had passed the island.",
    "Investigators from the maritime board will examine the ferry's engine and its cargo doors.",
    "Families of the missing passengers gathered at the ferry terminal waiting for news of them.",
    "The ferry company said the vessel had passed a safety inspection only three months ago.",
};

std::vector<Article> story(std::size_t n) {
  std::vector<Article> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string text;
    for (std::size_t k = 0; k < 4; ++k) text += std::string(kSentences[(i + k) % 6]) + " ";
    out.push_back(annotated(text, static_cast<std::uint32_t>(i + 1), "2026-01-" + std::to_string(10 + i % 9)));
  }
  return out;
}

TEST(Summarizer, OneScanAttributionEqualsPerSentenceAttribution) {
  std::vector<Article> articles = story(7);
  std::vector<const Article*> pointers;
  for (const Article& a : articles) pointers.push_back(&a);
  CandidateSet set = build_candidates(pointers, std::vector<bool>(pointers.size(), false), CandidateOptions{});
  std::vector<std::pair<std::uint32_t, std::uint32_t>> places = {{0, 0}, {3, 2}, {6, 1}};
  for (double threshold : {0.0, 0.3, 0.6, 0.95}) {
    auto all = attribute_all(pointers, places, threshold);
    ASSERT_EQ(all.size(), places.size());
    for (std::size_t q = 0; q < places.size(); ++q) {
      auto one = attribute(pointers, set, places[q].first, places[q].second, threshold);
      ASSERT_EQ(all[q].size(), one.size()) << q << " at " << threshold;
      for (std::size_t k = 0; k < one.size(); ++k) {
        EXPECT_EQ(all[q][k].article, one[k].article);
        EXPECT_EQ(all[q][k].sentence, one[k].sentence);
      }
    }
  }
}

TEST(Summarizer, SampledStoryKeepsSourceSentencesAndCitesEveryArticle) {
  std::vector<Article> articles = story(12);
  std::vector<const Article*> pointers;
  for (const Article& a : articles) pointers.push_back(&a);
  SummaryOptions options;
  options.max_words = 40;
  options.max_sample_articles = 4;
  std::vector<SummarySentence> sampled = summarize(pointers, options);
  ASSERT_FALSE(sampled.empty());
  for (const SummarySentence& s : sampled) {
    bool found = false;
    for (const char* source : kSentences) found = found || s.text == source;
    EXPECT_TRUE(found) << s.text;
    // Each sentence occurs in 8 of the 12 articles: all of them are cited, not only the sample's.
    EXPECT_EQ(s.citations.size(), 8u) << s.text;
  }
  options.max_sample_articles = 0;
  std::vector<SummarySentence> full = summarize(pointers, options);
  ASSERT_FALSE(full.empty());
  EXPECT_EQ(full[0].citations.size(), 8u);
}

std::vector<std::string> texts(const std::vector<SummarySentence>& summary) {
  std::vector<std::string> out;
  for (const SummarySentence& s : summary) out.push_back(s.text);
  return out;
}

// The exact solver stops on a work count, not a clock: the same story gives the same summary on
// an idle machine and under load, at every limit (a tiny one stops mid-search).
TEST(Summarizer, IlpSelectionDoesNotDependOnMachineLoad) {
  std::vector<Article> articles = story(9);
  std::vector<const Article*> pointers;
  for (const Article& a : articles) pointers.push_back(&a);
  for (std::uint32_t limit : {1u, 5u, 400u, 0u}) {
    SummaryOptions options;
    options.max_words = 45;
    options.ilp_work_limit = limit;
    std::vector<std::string> idle = texts(summarize(pointers, options));
    ASSERT_FALSE(idle.empty());
    std::atomic<bool> stop{false};
    std::vector<std::thread> busy;
    for (int k = 0; k < 2; ++k) {
      busy.emplace_back([&] {
        volatile std::uint64_t x = 0;
        while (!stop.load(std::memory_order_relaxed)) x = x + 1;
      });
    }
    for (int run = 0; run < 5; ++run) EXPECT_EQ(texts(summarize(pointers, options)), idle) << "limit " << limit;
    stop = true;
    for (std::thread& t : busy) t.join();
  }
}

// A small story in user mode opens with the earliest original's lead, even when the concept
// counts prefer other sentences; evaluation mode is untouched.
TEST(Summarizer, SmallStoryInUserModeKeepsTheEarliestLead) {
  const std::string lead = "The Dorrin council approved a new cable car on Tuesday.";
  const std::string first = lead +
      " Residents of the valley villages said the valley villages need the valley road repaired first."
      " The valley road repairs and the valley villages were the main topic at the public meeting."
      " Critics said the valley road budget for the valley villages was far too small this year.";
  const std::string second =
      "Residents of the valley villages complained again about the valley road at the meeting."
      " The valley road budget for the valley villages will be debated at the public meeting."
      " Engineers said the valley road could be repaired for the valley villages within a year.";
  std::vector<Article> articles;
  articles.push_back(annotated(first, 1, "2026-02-03"));
  articles.push_back(annotated(second, 2, "2026-02-04"));
  std::vector<const Article*> pointers = {&articles[0], &articles[1]};
  SummaryOptions options;
  options.max_words = 35;
  options.lead_first_max_articles = 0;
  std::vector<std::string> plain = texts(summarize(pointers, options));
  ASSERT_FALSE(plain.empty());
  ASSERT_EQ(std::find(plain.begin(), plain.end(), lead), plain.end()) << "the case no longer tests anything";
  options.lead_first_max_articles = 3;
  std::vector<std::string> user = texts(summarize(pointers, options));
  ASSERT_FALSE(user.empty());
  EXPECT_EQ(user.front(), lead);
  // Two counted articles exceed a limit of one: nothing forced.
  options.lead_first_max_articles = 1;
  EXPECT_EQ(texts(summarize(pointers, options)), plain);
  // Evaluation mode ignores the rule.
  options.fill_budget = true;
  options.lead_first_max_articles = 0;
  std::vector<std::string> eval_plain = texts(summarize(pointers, options));
  options.lead_first_max_articles = 3;
  EXPECT_EQ(texts(summarize(pointers, options)), eval_plain);
}

}  // namespace
}  // namespace precis::summarize
