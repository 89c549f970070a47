// DuplicateIndex: copies, rewrites, independent reports, chains, the window, and bounded memory.
// All texts are generated here from a made-up vocabulary (no real article text).
#include "precis/dedup/duplicate_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "precis/dedup/features.h"
#include "precis/text/annotate.h"
#include "precis/text/normalize.h"

namespace precis::dedup {
namespace {

Article make_article(const std::string& body, const std::string& date = "2004-11-02") {
  Article a;
  text::Normalized n = text::normalize(body);
  a.text = n.text;
  a.original = body;
  a.to_original = n.map;
  a.meta.published = date;
  text::annotate(a, text::AnnotateOptions{"en"});
  return a;
}

// A fictional news text: `sentences` sentences over a topic vocabulary, with names and numbers.
struct Generator {
  std::mt19937_64 rng;
  explicit Generator(std::uint64_t seed) : rng(seed) {}
  std::string word(int topic) {
    static const char* syll[] = {"ka", "lo", "mi", "ran", "to", "vel", "su", "dor", "pe", "gin", "tha", "mor"};
    std::string w;
    int n = 2 + static_cast<int>(rng() % 2);
    std::uint64_t r = rng() % 400 + static_cast<std::uint64_t>(topic) * 400;
    for (int i = 0; i < n; ++i) {
      w += syll[(r * (i + 3) + static_cast<std::uint64_t>(i)) % 12];
      r /= 3;
    }
    return w + syll[r % 12];
  }
  std::vector<std::string> sentences(int topic, int count) {
    std::vector<std::string> out;
    for (int s = 0; s < count; ++s) {
      std::string text = "Minister Valdor" + std::to_string(topic) + " said the";
      int words = 8 + static_cast<int>(rng() % 8);
      for (int w = 0; w < words; ++w) text += " " + word(topic);
      text += " in " + std::to_string(1000 + rng() % 9000) + ".";
      out.push_back(text);
    }
    return out;
  }
};

std::string join(const std::vector<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : " ") + x;
  return out;
}

TEST(Features, ExactKeyIgnoresCaseSpacingPunctuation) {
  Article a = make_article("The council met on Tuesday. It voted, 7 to 2.");
  Article b = make_article("the  COUNCIL met on tuesday -- it voted 7 to 2");
  Article c = make_article("The council met on Tuesday. It voted, 7 to 3.");
  EXPECT_EQ(exact_key(a), exact_key(b));
  EXPECT_NE(exact_key(a), exact_key(c));
  EXPECT_FALSE(word_shingles(a).empty());
}

TEST(DuplicateIndex, FindsExactNearCopyAndRewrite) {
  Generator g(3);
  auto base = g.sentences(1, 14);
  auto other_same_topic = g.sentences(1, 12);
  DuplicateIndex index;
  EXPECT_FALSE(index.add(make_article(join(base))));                 // 0: original
  EXPECT_FALSE(index.add(make_article(join(g.sentences(2, 10)))));  // 1: unrelated
  // 2: exact copy, re-cased and re-spaced.
  std::string shouted = join(base);
  for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto exact = index.add(make_article(shouted));
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->kind, DuplicateLink::Kind::kExact);
  EXPECT_EQ(exact->original, 0u);
  // 3: trimmed wire copy with an added sentence.
  auto trimmed = std::vector<std::string>(base.begin(), base.begin() + 10);
  trimmed.push_back("Reporting by a staff writer.");
  auto near = index.add(make_article(join(trimmed)));
  ASSERT_TRUE(near);
  EXPECT_EQ(near->kind, DuplicateLink::Kind::kNearCopy);
  EXPECT_EQ(near->original, 0u);
  // 4: rewrite: every sentence reworded (one content word replaced, order shuffled).
  auto rewritten = base;
  for (auto& s : rewritten) {
    auto pos = s.find(" the ");
    if (pos != std::string::npos) s.insert(pos + 5, "reportedly ");
    auto space = s.rfind(' ', s.find(" in ") - 1);
    if (space != std::string::npos && space > 0) s.replace(space + 1, s.find(" in ") - space - 1, "zurbat");
  }
  std::shuffle(rewritten.begin(), rewritten.end(), g.rng);
  Article rewritten_article = make_article(join(rewritten));
  AlignmentScore direct = align_articles(rewritten_article, make_article(join(base)));
  EXPECT_GT(direct.coverage, 0.8);
  EXPECT_LT(direct.sentence_share, 0.2);
  auto rewrite = index.add(rewritten_article);
  ASSERT_TRUE(rewrite) << direct.coverage << " " << direct.sentence_share << "\n" << join(rewritten);
  EXPECT_EQ(rewrite->kind, DuplicateLink::Kind::kRewrite);
  EXPECT_EQ(rewrite->original, 0u);
  // 5: an independent report on the same topic (same names, different sentences) is not a copy.
  EXPECT_FALSE(index.add(make_article(join(other_same_topic))));
  // 6: a copy of the near copy points at the root.
  auto chain = index.add(make_article(join(trimmed) + " Updated at noon."));
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->original, 0u);
  EXPECT_EQ(chain->matched == 0u || chain->matched == 3u, true);
}

TEST(DuplicateIndex, CopiesOutsideTheWindowAreNotLinked) {
  Generator g(5);
  auto base = join(g.sentences(1, 10));
  DuplicateOptions options;
  options.window_hours = 48;
  DuplicateIndex index(options);
  EXPECT_FALSE(index.add(make_article(base, "2004-11-01")));
  EXPECT_TRUE(index.add(make_article(base, "2004-11-02")));
  EXPECT_FALSE(index.add(make_article(join(g.sentences(3, 10)), "2004-11-20")));
  EXPECT_FALSE(index.add(make_article(base, "2004-11-21")));  // both earlier versions left the window
}

TEST(DuplicateIndex, EmptyAndTinyArticlesAreSafe) {
  DuplicateIndex index;
  Article empty;
  EXPECT_FALSE(index.add(empty));
  EXPECT_FALSE(index.add(make_article("Hi.")));
  auto again = index.add(make_article("hi"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, DuplicateLink::Kind::kExact);
  EXPECT_EQ(index.size(), 3u);
}

// The window is measured in UTC: a copy stamped 2004-11-08T02:00+03:00 is 167 hours after an
// original of 2004-11-01T00:00Z (inside a 168-hour window), though its local clock says 170.
TEST(DuplicateIndex, WindowUsesZoneOffsetsAndSeconds) {
  Generator g(6);
  auto base = join(g.sentences(1, 10));
  DuplicateIndex index;
  EXPECT_FALSE(index.add(make_article(base, "2004-11-01T00:00:00Z")));
  EXPECT_TRUE(index.add(make_article(base, "2004-11-08T02:00:00+03:00")));
  DuplicateIndex late;
  EXPECT_FALSE(late.add(make_article(base, "2004-11-01T00:00:00Z")));
  EXPECT_FALSE(late.add(make_article(base, "2004-11-08T00:00:01Z")));  // one second past the window
}

// A stream of 20,000 token-level articles over 200 days: the index must hold only the window.
Article token_article(std::mt19937_64& rng, int topic, const std::string& date) {
  Article a;
  a.meta.published = date;
  for (int s = 0; s < 6; ++s) {
    Sentence sentence;
    sentence.first_token = static_cast<std::uint32_t>(a.tokens.size());
    for (int w = 0; w < 12; ++w) {
      Token t;
      t.is_word = true;
      t.lower = "t" + std::to_string(topic) + "w" + std::to_string(rng() % 40);
      if (w % 3 == 0) t.lower = "x" + std::to_string(rng() % 100000);
      t.stem = t.lower;
      a.tokens.push_back(t);
    }
    sentence.token_count = 12;
    a.sentences.push_back(sentence);
  }
  return a;
}

TEST(DuplicateIndex, StreamMemoryIsBoundedByTheWindow) {
  DuplicateOptions options;
  options.window_hours = 72;
  DuplicateIndex index(options);
  std::mt19937_64 rng(11);
  std::size_t max_live = 0, max_lsh = 0, max_exact = 0;
  for (int i = 0; i < 20000; ++i) {
    int day = i / 100;  // 100 articles a day
    char date[32];  // room for any two ints, so the compiler sees no truncation
    std::snprintf(date, sizeof date, "2004-%02d-%02d", 1 + day / 28, 1 + day % 28);
    Article a = token_article(rng, i % 50, date);
    index.add(a);
    if (i % 7 == 0) index.add(a);  // exact copies too
    IndexStats s = index.stats();
    max_live = std::max(max_live, s.live_articles);
    max_lsh = std::max(max_lsh, s.lsh_entries);
    max_exact = std::max(max_exact, s.exact_keys);
  }
  // 72 hours hold at most 4 days of ~115 articles.
  EXPECT_LE(max_live, 4u * 115u);
  EXPECT_LE(max_lsh, max_live * 32u);
  EXPECT_LE(max_exact, max_live);
  EXPECT_GT(index.size(), 22000u);
}

}  // namespace
}  // namespace precis::dedup
