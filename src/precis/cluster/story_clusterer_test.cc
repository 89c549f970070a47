// StoryClusterer: topics separate, copies join their original, windows close stories, the result
// is deterministic, and memory stays bounded over a long stream. Token-level synthetic articles.
#include "precis/cluster/story_clusterer.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <tuple>

namespace precis::cluster {
namespace {

// An article of 8 sentences of 10 words, each word from `next_word()` (token level only).
template <typename NextWord>
Article article_of(const std::string& date, NextWord next_word) {
  Article a;
  a.meta.published = date;
  a.text = " ";
  for (int s = 0; s < 8; ++s) {
    Sentence sentence;
    sentence.first_token = static_cast<std::uint32_t>(a.tokens.size());
    for (int w = 0; w < 10; ++w) {
      Token t;
      t.is_word = true;
      t.span = ByteSpan{0, 0};
      t.lower = next_word();
      t.stem = t.lower;
      a.tokens.push_back(t);
    }
    sentence.token_count = 10;
    a.sentences.push_back(sentence);
  }
  return a;
}

// An article about `topic`: most words from the topic's vocabulary, some shared filler.
Article make(std::mt19937_64& rng, int topic, const std::string& date) {
  return article_of(date, [&] {
    bool shared = rng() % 4 == 0;
    return shared ? "common" + std::to_string(rng() % 300) : "t" + std::to_string(topic) + "w" + std::to_string(rng() % 30);
  });
}

// An article whose sentences alternate between two topics' vocabularies: it belongs to both.
Article make_bridge(std::mt19937_64& rng, int a, int b, const std::string& date) {
  Article x = make(rng, a, date);
  Article y = make(rng, b, date);
  for (std::size_t s = 1; s < x.sentences.size(); s += 2) {
    for (std::uint32_t t = 0; t < x.sentences[s].token_count; ++t) {
      x.tokens[x.sentences[s].first_token + t] = y.tokens[y.sentences[s].first_token + t];
    }
  }
  return x;
}

// Options placing each article as it arrives (no delayed assignment), so add() answers at once.
ClusterOptions immediate() {
  ClusterOptions o;
  o.delay_hours = 0;
  return o;
}

std::string day(int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "2004-%02d-%02d", 1 + (d / 28) % 12, 1 + d % 28);
  return buf;
}

TEST(StoryClusterer, SeparatesTopicsAndIsDeterministic) {
  auto run = [](const ClusterOptions& options) {
    std::mt19937_64 rng(5);
    StoryClusterer c(options);
    std::vector<std::uint32_t> out;
    std::vector<int> topics;
    for (int i = 0; i < 300; ++i) {
      int topic = static_cast<int>(rng() % 6);
      topics.push_back(topic);
      c.add(make(rng, topic, day(i / 30)));
    }
    c.flush();
    for (std::uint32_t i = 0; i < c.size(); ++i) out.push_back(*c.story_of(i));
    return std::make_pair(out, topics);
  };
  for (const ClusterOptions& options : {immediate(), ClusterOptions{}}) {
    auto [a, topics] = run(options);
    auto [b, topics2] = run(options);
    EXPECT_EQ(a, b);
    // Every pair of articles is in the same story exactly when it has the same topic.
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      for (std::size_t j = i + 1; j < a.size(); ++j) wrong += (a[i] == a[j]) != (topics[i] == topics[j]);
    }
    EXPECT_EQ(wrong, 0u) << "delay " << options.delay_hours;
  }
}

TEST(StoryClusterer, CopiesJoinTheirOriginalEvenAcrossTopicsAndWindows) {
  std::mt19937_64 rng(9);
  ClusterOptions options = immediate();
  options.window_hours = 48;
  options.dormant_hours = 0;  // closed at the window
  StoryClusterer c(options);
  std::uint32_t s0 = c.add(make(rng, 1, "2004-01-01"));
  std::uint32_t s1 = c.add(make(rng, 2, "2004-01-01"));
  EXPECT_NE(s0, s1);
  // Forced: an article whose words belong to topic 2 but is declared a copy of article 0.
  EXPECT_EQ(c.add(make(rng, 2, "2004-01-02"), 0u), s0);
  // Ten days later story s0 has closed: a same-topic article starts a new story, a copy reopens s0.
  std::uint32_t later = c.add(make(rng, 1, "2004-01-12"));
  EXPECT_NE(later, s0);
  EXPECT_EQ(c.add(make(rng, 1, "2004-01-12"), 0u), s0);
  EXPECT_EQ(*c.story_of(0), s0);
  EXPECT_FALSE(c.story_of(99));
}

// An article made of the given words, each `repeat` times, in sentences of ten.
Article words_article(const std::vector<std::string>& words, int repeat, const std::string& date) {
  Article a;
  a.meta.published = date;
  a.text = " ";
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& w : words) {
      if (a.tokens.size() % 10 == 0) {
        Sentence sentence;
        sentence.first_token = static_cast<std::uint32_t>(a.tokens.size());
        a.sentences.push_back(sentence);
      }
      Token t;
      t.is_word = true;
      t.span = ByteSpan{0, 0};
      t.lower = t.stem = w;
      a.tokens.push_back(t);
      ++a.sentences.back().token_count;
    }
  }
  return a;
}

std::vector<std::string> vocab(const std::string& prefix, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

// Two halves of one story start apart (no shared word); articles covering both pull the first
// half's centroid towards the second until the two merge, and story_of() then names the older id
// for every article. Without merging they stay apart. Unrelated stories seed the idf.
TEST(StoryClusterer, ConvergingStoriesMerge) {
  auto run = [](double merge) {
    ClusterOptions options = immediate();
    options.merge_similarity = merge;
    StoryClusterer c(options);
    for (int k = 0; k < 6; ++k) c.add(words_article(vocab("other" + std::to_string(k) + "x", 20), 1, "2004-01-01"));
    std::vector<std::string> a = vocab("alpha", 20), b = vocab("beta", 20), both = a;
    both.insert(both.end(), b.begin(), b.end());
    std::uint32_t first = c.add(words_article(a, 1, "2004-01-02"));
    std::uint32_t second = c.add(words_article(b, 1, "2004-01-02"));
    EXPECT_NE(first, second);
    for (int k = 0; k < 3; ++k) c.add(words_article(both, 1, "2004-01-03"));
    return std::make_tuple(first, second, *c.story_of(6), *c.story_of(7), c.stats().merges);
  };
  auto [first, second, s6, s7, merges] = run(0.35);
  EXPECT_EQ(s6, s7);
  EXPECT_EQ(s6, std::min(first, second));
  EXPECT_GE(merges, 1u);
  auto [f2, s2, t6, t7, none] = run(0.0);
  EXPECT_NE(t6, t7);
  EXPECT_EQ(none, 0u);
}

// The window is measured in UTC with seconds: 47 hours later (by the +02:00 offset) the story is
// still open; one second past 48 hours it has closed.
TEST(StoryClusterer, WindowUsesZoneOffsetsAndSeconds) {
  ClusterOptions options = immediate();
  options.window_hours = 48;
  options.dormant_hours = 0;
  std::mt19937_64 rng(3);
  StoryClusterer open_story(options);
  std::uint32_t s = open_story.add(make(rng, 1, "2004-01-01T00:00:00Z"));
  EXPECT_EQ(open_story.add(make(rng, 1, "2004-01-03T01:00:00+02:00")), s);
  StoryClusterer closed(options);
  std::uint32_t t = closed.add(make(rng, 1, "2004-01-01T00:00:00Z"));
  EXPECT_NE(closed.add(make(rng, 1, "2004-01-03T00:00:01Z")), t);
}

// A story silent past its window is dormant: a close follow-up (the same vocabulary) revives it,
// a looser one (under a third of its words) does not, though it would have joined an active
// story; after the dormant period nothing revives it.
TEST(StoryClusterer, DormantStoriesReviveOnlyAtAHigherBar) {
  ClusterOptions options = immediate();
  options.window_hours = 48;
  options.dormant_hours = 240;
  options.dormant_factor = 2.5;
  std::vector<std::string> core = vocab("core", 30);
  auto loose = [&](int salt) {
    std::vector<std::string> w(core.begin(), core.begin() + 9);
    for (int k = 0; k < 21; ++k) w.push_back("x" + std::to_string(salt) + "w" + std::to_string(k));
    return w;
  };
  auto seed = [&](StoryClusterer& c) {
    for (int k = 0; k < 6; ++k) c.add(words_article(vocab("other" + std::to_string(k) + "x", 20), 1, "2004-01-01"));
    return c.add(words_article(core, 2, "2004-01-01"));
  };
  StoryClusterer active(options);
  std::uint32_t a = seed(active);
  EXPECT_EQ(active.add(words_article(loose(1), 1, "2004-01-02")), a);  // active: the usual bar
  StoryClusterer dormant(options);
  std::uint32_t d = seed(dormant);
  EXPECT_NE(dormant.add(words_article(loose(2), 1, "2004-01-06")), d);  // dormant: not enough
  EXPECT_EQ(dormant.add(words_article(core, 1, "2004-01-07")), d);      // dormant: revived
  StoryClusterer closed(options);
  std::uint32_t e = seed(closed);
  EXPECT_NE(closed.add(words_article(core, 1, "2004-01-20")), e);       // past window + dormancy
}

TEST(StoryClusterer, EmptyAndUndatedArticlesAreSafe) {
  StoryClusterer c(immediate());
  Article empty;
  std::uint32_t a = c.add(empty);
  std::uint32_t b = c.add(empty);
  EXPECT_NE(a, b);  // nothing to compare: each starts a story
  EXPECT_EQ(c.size(), 2u);
}

// 20,000 articles over 200 days with 2,000 topics (each lives a few days): open stories, postings
// and centroid terms must stay bounded by what the window holds, not grow with the stream.
TEST(StoryClusterer, StreamMemoryIsBoundedByTheWindow) {
  ClusterOptions options;
  options.window_hours = 72;
  options.dormant_hours = 0;
  StoryClusterer c(options);
  std::mt19937_64 rng(3);
  std::size_t max_open = 0, max_postings = 0, max_terms = 0;
  for (int i = 0; i < 20000; ++i) {
    int d = i / 100;
    int topic = d * 10 + static_cast<int>(rng() % 10);  // 10 fresh topics a day
    c.add(make(rng, topic, day(d)));
    if (i % 500 == 0) {
      ClusterStats s = c.stats();
      max_open = std::max(max_open, s.open_stories);
      max_postings = std::max(max_postings, s.posting_entries);
      max_terms = std::max(max_terms, s.centroid_terms);
    }
  }
  ClusterStats s = c.stats();
  EXPECT_GT(s.stories, 1000u);
  // 72 h hold ~4 days of 10 topics (plus stragglers); postings at most ~3x live terms + slack.
  EXPECT_LE(max_open, 80u);
  EXPECT_LE(max_terms, max_open * 2 * options.max_centroid_terms);
  EXPECT_LE(max_postings, 3 * max_terms + 8192);
}

}  // namespace
}  // namespace precis::cluster

namespace precis::cluster {
namespace {

// Two events fed through one story seeded by an article about both: single-pass clustering keeps
// them together (each new article is close enough to the mixed centroid); the 2-means split check
// divides the story, copies follow their original, and story_of() reports the final grouping.
TEST(StoryClusterer, SplitsAStoryThatHoldsTwoEvents) {
  auto run = [](double split) {
    std::mt19937_64 rng(11);
    ClusterOptions options;
    options.split_similarity = split;
    StoryClusterer c(options);
    std::vector<int> topic;
    c.add(make_bridge(rng, 1, 2, "2004-03-01"));
    topic.push_back(0);
    for (int i = 0; i < 16; ++i) {
      c.add(make(rng, 1 + i % 2, day(60 + i / 4)));
      topic.push_back(1 + i % 2);
    }
    // A copy of article 1 (topic 1) declared as such.
    c.add(make(rng, 1, day(64)), 1u);
    topic.push_back(1);
    return std::make_tuple(std::move(c), topic);
  };
  auto [merged, topic] = run(0);
  std::set<std::uint32_t> stories;
  for (std::uint32_t i = 0; i < merged.size(); ++i) stories.insert(*merged.story_of(i));
  ASSERT_EQ(stories.size(), 1u) << "the fixture must defeat plain single-pass clustering";
  EXPECT_EQ(merged.stats().splits, 0u);

  auto [split, topic2] = run(0.2);
  EXPECT_GE(split.stats().splits, 1u);
  for (std::uint32_t i = 1; i < split.size(); ++i) {
    for (std::uint32_t j = i + 1; j < split.size(); ++j) {
      EXPECT_EQ(*split.story_of(i) == *split.story_of(j), topic2[i] == topic2[j]) << i << " " << j;
    }
  }
  // The story of the earliest article keeps its id.
  EXPECT_EQ(*split.story_of(0), 0u);
}

TEST(StoryClusterer, ACoherentStoryNeverSplits) {
  std::mt19937_64 rng(12);
  ClusterOptions options = immediate();
  options.split_similarity = 0.2;
  StoryClusterer c(options);
  std::uint32_t first = c.add(make(rng, 3, day(10)));
  for (int i = 0; i < 80; ++i) EXPECT_EQ(c.add(make(rng, 3, day(10 + i / 10))), first);
  EXPECT_EQ(c.stats().splits, 0u);
}

// An article drawing its words from groups of `prefix` + 0..11, group g with probability shares[g].
Article make_from(std::mt19937_64& rng, const std::vector<std::pair<std::string, int>>& groups,
                  const std::string& date) {
  int total = 0;
  for (const auto& [prefix, share] : groups) total += share;
  return article_of(date, [&] {
    int pick = static_cast<int>(rng() % static_cast<std::uint64_t>(total));
    std::size_t g = 0;
    while (pick >= groups[g].second) pick -= groups[g++].second;
    return groups[g].first + std::to_string(rng() % 12);
  });
}

std::string at_hour(int hour) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2004-05-%02dT%02d:00:00Z", 1 + hour / 24, hour % 24);
  return buf;
}

// Two storms three weeks apart (fictional): both use the storm vocabulary ("bg", `shared` tenths of
// their words), each has its own names ("ea", "eb"); unrelated news runs throughout. Storm A's
// story stays open (follow-ups on days 8 and 15), so storm B's first article (day 22) meets it with
// the shared vocabulary alone. Events: 1 storm A, 2 storm B, 0 other news.
struct StormStream {
  StoryClusterer clusterer;
  std::vector<int> event;
};

StormStream storm_stream(double burst, int shared, bool dated) {
  std::mt19937_64 rng(21);
  ClusterOptions options = immediate();
  options.burst_weight = burst;
  options.split_similarity = 0;  // splits are tested above; here only the join decision counts
  StormStream out{StoryClusterer(options), {}};
  auto add = [&](int e, int hour) {
    std::vector<std::pair<std::string, int>> groups;
    if (e == 1) groups = {{"bg", shared}, {"ea", 10 - shared}};
    if (e == 2) groups = {{"bg", shared}, {"eb", 10 - shared}};
    if (e == 0) groups = {{"f" + std::to_string(rng() % 6) + "w", 1}};
    out.clusterer.add(make_from(rng, groups, dated ? at_hour(hour) : ""));
    out.event.push_back(e);
  };
  for (int h = 0; h < 25 * 24; h += 2) {
    if (h < 48 && h % 4 == 0) add(1, h);
    if (h == 8 * 24 || h == 15 * 24) add(1, h);
    if (h >= 22 * 24 && h < 24 * 24 && h % 6 == 0) add(2, h);
    if (h % 8 == 0) add(0, h);
  }
  return out;
}

std::set<std::uint32_t> stories_of(StormStream& s, int e) {
  std::set<std::uint32_t> out;
  for (std::uint32_t i = 0; i < s.clusterer.size(); ++i) {
    if (s.event[i] == e) out.insert(*s.clusterer.story_of(i));
  }
  return out;
}

// With burst weights the storm words, quiet for a week, weigh less than storm B's fresh names,
// and B starts its own story; without them B joins A. (On this fixture the default weight, 0.125,
// is too weak to separate them; 0.5 is used to show the mechanism.)
TEST(StoryClusterer, BurstWeightsSeparateNeighbouringEvents) {
  StormStream plain = storm_stream(0, 4, true);
  ASSERT_EQ(stories_of(plain, 1), stories_of(plain, 2)) << "the fixture must defeat plain clustering";
  StormStream s = storm_stream(0.5, 4, true);
  std::set<std::uint32_t> a = stories_of(s, 1), b = stories_of(s, 2);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_NE(*a.begin(), *b.begin());
  for (std::uint32_t i = 0; i < s.clusterer.size(); ++i) {
    if (s.event[i] == 0) {
      EXPECT_TRUE(!a.count(*s.clusterer.story_of(i)) && !b.count(*s.clusterer.story_of(i))) << i;
    }
  }
}

// Without dates nothing decays: recent counts equal the stream's, every factor is 1, and the
// grouping is that of burst weight 0.
TEST(StoryClusterer, BurstWeightsLeaveUndatedStreamsAlone) {
  StormStream plain = storm_stream(0, 4, false), burst = storm_stream(0.5, 4, false);
  for (std::uint32_t i = 0; i < plain.clusterer.size(); ++i) {
    EXPECT_EQ(*plain.clusterer.story_of(i), *burst.clusterer.story_of(i)) << i;
  }
}

// Two neighbouring events (fictional): a one-article story on event A (day 1), then event B, one
// article on day 4 and six on day 5. Both use the shared vocabulary ("bg", `shared` tenths of
// their words); each has its own names ("ea", "eb"); unrelated news runs throughout. Placed one by
// one, B's first article meets A's one-article story at the small-story bar, joins it, and draws
// the rest of B after it. Delayed, B's articles of days 4 and 5 are grouped first, and the group's
// centroid, at the group bar, does not join A. Events: 1 A, 2 B, 0 other news.
std::vector<std::uint32_t> neighbour_stream(const ClusterOptions& options, int shared, std::vector<int>& event) {
  std::mt19937_64 rng(33);
  StoryClusterer c(options);
  event.clear();
  auto add = [&](int e, int hour) {
    std::vector<std::pair<std::string, int>> groups;
    if (e == 1) groups = {{"bg", shared}, {"ea", 20 - shared}};
    if (e == 2) groups = {{"bg", shared}, {"eb", 20 - shared}};
    if (e == 0) groups = {{"f" + std::to_string(event.size() % 8) + "w", 1}};
    c.add(make_from(rng, groups, at_hour(hour)));
    event.push_back(e);
  };
  for (int h = 0; h < 8 * 24; h += 4) {
    if (h % 12 == 0) add(0, h);
    if (h == 24) add(1, h);
    if (h == 3 * 24 + 20) add(2, h);
    if (h >= 4 * 24 + 8 && h < 4 * 24 + 8 + 6 * 4) add(2, h);
  }
  c.flush();
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.size(); ++i) out.push_back(*c.story_of(i));
  return out;
}

TEST(StoryClusterer, DelayedGroupsKeepANeighbouringEventOutOfAOneArticleStory) {
  std::vector<int> event;
  auto story = [&](const std::vector<std::uint32_t>& s, int e) {
    std::set<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (event[i] == e) out.insert(s[i]);
    }
    return out;
  };
  std::vector<std::uint32_t> now = neighbour_stream(immediate(), 6, event);
  ASSERT_EQ(story(now, 1), story(now, 2)) << "the fixture must defeat one-by-one placement";
  std::vector<std::uint32_t> later = neighbour_stream(ClusterOptions{}, 6, event);  // delayed by default
  std::set<std::uint32_t> a = story(later, 1), b = story(later, 2), other = story(later, 0);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_NE(*a.begin(), *b.begin());
  EXPECT_FALSE(other.count(*a.begin()) || other.count(*b.begin()));
}

// Waiting articles: add() answers kPending until the stream has moved `delay_hours` past them (or
// `delay_max_articles` wait); a copy of a waiting article follows it; story_of() and flush() place
// whatever still waits, so every article ends with a story.
TEST(StoryClusterer, DelayedAssignmentPlacesEveryArticle) {
  std::mt19937_64 rng(4);
  ClusterOptions options;
  options.delay_hours = 48;
  StoryClusterer c(options);
  EXPECT_EQ(c.add(make(rng, 1, at_hour(0))), StoryClusterer::kPending);
  EXPECT_EQ(c.add(make(rng, 2, at_hour(1))), StoryClusterer::kPending);
  EXPECT_EQ(c.add(make(rng, 2, at_hour(2)), 0u), StoryClusterer::kPending);  // declared a copy of article 0
  EXPECT_EQ(c.add(make(rng, 1, at_hour(30))), StoryClusterer::kPending);
  c.add(make(rng, 1, at_hour(50)));  // 48 hours past the first: the groups begun before hour 26 are placed
  ASSERT_TRUE(c.story_of(0) && c.story_of(1));
  EXPECT_EQ(*c.story_of(2), *c.story_of(0));
  EXPECT_NE(*c.story_of(1), *c.story_of(0));
  std::uint32_t late = *c.story_of(4);  // still waiting: story_of() places it (and whatever waits)
  EXPECT_EQ(late, *c.story_of(0));
  EXPECT_EQ(*c.story_of(3), *c.story_of(0));
  EXPECT_FALSE(c.story_of(99));

  ClusterOptions few;
  few.delay_max_articles = 3;
  StoryClusterer undated(few);  // no dates: only the count bounds the wait
  EXPECT_EQ(undated.add(make(rng, 1, "")), StoryClusterer::kPending);
  EXPECT_EQ(undated.add(make(rng, 1, "")), StoryClusterer::kPending);
  std::uint32_t third = undated.add(make(rng, 1, ""));
  EXPECT_NE(third, StoryClusterer::kPending);
  EXPECT_EQ(*undated.story_of(0), third);
  undated.flush();
  EXPECT_EQ(undated.size(), 3u);
}

}  // namespace
}  // namespace precis::cluster
