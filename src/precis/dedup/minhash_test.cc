// Differential tests: MinHash + LSH against brute-force Jaccard.
#include "precis/dedup/minhash.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

namespace precis::dedup {
namespace {

// Families of sets: each family mutates a base set by a random share of replaced elements, so the
// collection holds pairs across the whole similarity range.
std::vector<std::vector<std::uint64_t>> make_sets(std::uint64_t seed, int families, int per_family) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<std::uint64_t>> sets;
  for (int f = 0; f < families; ++f) {
    std::vector<std::uint64_t> base(40 + rng() % 200);
    for (auto& x : base) x = rng();
    for (int k = 0; k < per_family; ++k) {
      std::vector<std::uint64_t> s = base;
      double replace = std::uniform_real_distribution<double>(0.0, 0.5)(rng);
      for (auto& x : s) {
        if (std::uniform_real_distribution<double>(0, 1)(rng) < replace) x = rng();
      }
      make_set(s);
      sets.push_back(std::move(s));
    }
  }
  return sets;
}

TEST(MinHash, EstimateTracksExactJaccard) {
  auto sets = make_sets(1, 20, 6);
  MinHasher hasher(MinHashOptions{256, 42});
  double worst = 0;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    for (std::size_t j = i + 1; j < sets.size(); ++j) {
      double exact = jaccard(sets[i], sets[j]);
      double est = estimate_jaccard(hasher.sign(sets[i]), hasher.sign(sets[j]));
      worst = std::max(worst, std::abs(exact - est));
    }
  }
  // 256 hashes: standard error <= 0.032; over ~7000 pairs the worst stays under 5 sigma.
  EXPECT_LT(worst, 0.16);
}

TEST(MinHash, EmptySetsMatchOnlyEachOther) {
  MinHasher hasher;
  auto e = hasher.sign({});
  auto x = hasher.sign({1, 2, 3});
  EXPECT_EQ(estimate_jaccard(e, e), 1.0);
  EXPECT_EQ(estimate_jaccard(e, x), 0.0);
  EXPECT_EQ(jaccard({}, {}), 1.0);
}

// The property of DESIGN.md: LSH candidates contain every brute-force pair above the threshold.
// With 32 bands of 2 rows a pair at J >= 0.5 is missed with probability <= 0.75^32 = 1e-4; the
// seeds are fixed, so the test is deterministic, and it checks several seeds to show the margin.
TEST(LshIndex, CandidatesContainEveryPairAboveThreshold) {
  for (std::uint64_t seed : {7u, 8u, 9u}) {
    auto sets = make_sets(seed, 40, 5);
    MinHasher hasher(MinHashOptions{64, seed * 1000 + 1});
    LshIndex lsh(LshOptions{32, 2});
    std::vector<Signature> sigs;
    for (std::uint32_t i = 0; i < sets.size(); ++i) {
      sigs.push_back(hasher.sign(sets[i]));
      lsh.insert(i, sigs.back());
    }
    std::size_t checked = 0;
    std::vector<std::uint32_t> found;
    for (std::uint32_t i = 0; i < sets.size(); ++i) {
      lsh.candidates(sigs[i], found);
      std::set<std::uint32_t> cand(found.begin(), found.end());
      EXPECT_TRUE(cand.count(i));
      for (std::uint32_t j = 0; j < sets.size(); ++j) {
        if (j == i || jaccard(sets[i], sets[j]) < 0.5) continue;
        ++checked;
        EXPECT_TRUE(cand.count(j)) << "seed " << seed << " pair " << i << "," << j << " J="
                                   << jaccard(sets[i], sets[j]);
      }
    }
    EXPECT_GT(checked, 100u);  // the collection really has such pairs
  }
}

TEST(LshIndex, EraseRemovesEntries) {
  MinHasher hasher;
  LshIndex lsh;
  auto a = hasher.sign({1, 2, 3, 4});
  auto b = hasher.sign({1, 2, 3, 5});
  lsh.insert(0, a);
  lsh.insert(1, b);
  EXPECT_EQ(lsh.entries(), 64u);
  lsh.erase(0, a);
  std::vector<std::uint32_t> out;
  lsh.candidates(a, out);
  for (std::uint32_t id : out) EXPECT_NE(id, 0u);
  lsh.erase(1, b);
  EXPECT_EQ(lsh.entries(), 0u);
  lsh.erase(1, b);  // no-op
  EXPECT_EQ(lsh.entries(), 0u);
}

}  // namespace
}  // namespace precis::dedup
