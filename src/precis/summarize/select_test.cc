// Selection: the ILP finds the true optimum (checked against brute force on small random
// instances), the greedy never beats it, and neither ever exceeds the budget.
#include "precis/summarize/select.h"

#include <gtest/gtest.h>

#include <random>

namespace precis::summarize {
namespace {

struct Instance {
  CandidateSet set;
  std::vector<double> value;
};

Instance random_instance(std::mt19937& rng, int sentences, int concepts) {
  Instance in;
  std::uniform_int_distribution<int> words(5, 30);
  std::uniform_int_distribution<int> pick_concept(0, concepts - 1);
  std::uniform_int_distribution<int> per_sentence(1, 6);
  std::uniform_real_distribution<double> weight(0.5, 5.0);
  for (int c = 0; c < concepts; ++c) in.value.push_back(weight(rng));
  for (int s = 0; s < sentences; ++s) {
    Candidate c;
    c.sentence = static_cast<std::uint32_t>(s);
    c.words = static_cast<std::uint32_t>(words(rng));
    c.bytes = c.words * 6;
    int k = per_sentence(rng);
    for (int i = 0; i < k; ++i) c.concepts.push_back(static_cast<std::uint32_t>(pick_concept(rng)));
    std::sort(c.concepts.begin(), c.concepts.end());
    c.concepts.erase(std::unique(c.concepts.begin(), c.concepts.end()), c.concepts.end());
    in.set.candidates.push_back(std::move(c));
  }
  return in;
}

double brute_force_optimum(const Instance& in, double budget) {
  std::size_t n = in.set.candidates.size();
  double best = 0;
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    double cost = 0;
    std::vector<std::uint32_t> chosen;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (mask & (1u << i)) {
        cost += in.set.candidates[i].words;
        chosen.push_back(i);
      }
    }
    if (cost <= budget) best = std::max(best, coverage_value(in.set, in.value, chosen));
  }
  return best;
}

double cost(const Instance& in, const std::vector<std::uint32_t>& chosen) {
  double total = 0;
  for (std::uint32_t i : chosen) total += in.set.candidates[i].words;
  return total;
}

TEST(Select, IlpEqualsBruteForceOptimum) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 40; ++trial) {
    Instance in = random_instance(rng, 12, 15);
    SelectOptions options;
    options.budget = 50;
    options.solver = Solver::kIlp;
    auto chosen = select_sentences(in.set, in.value, options);
    EXPECT_LE(cost(in, chosen), options.budget);
    EXPECT_NEAR(coverage_value(in.set, in.value, chosen), brute_force_optimum(in, options.budget), 1e-6) << "trial " << trial;
  }
}

TEST(Select, GreedyNeverBeatsIlpAndStaysInBudget) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 40; ++trial) {
    Instance in = random_instance(rng, 60, 40);
    SelectOptions options;
    options.budget = 100;
    options.solver = Solver::kGreedy;
    auto greedy = select_sentences(in.set, in.value, options);
    options.solver = Solver::kIlp;
    auto ilp = select_sentences(in.set, in.value, options);
    EXPECT_LE(cost(in, greedy), options.budget);
    EXPECT_LE(cost(in, ilp), options.budget);
    EXPECT_GE(coverage_value(in.set, in.value, ilp) + 1e-9, coverage_value(in.set, in.value, greedy));
  }
}

TEST(Select, SentencesLongerThanTheBudgetAreNeverChosen) {
  Instance in;
  in.value = {10.0};
  Candidate c;
  c.words = 120;
  c.concepts = {0};
  in.set.candidates.push_back(c);
  SelectOptions options;
  options.budget = 100;
  EXPECT_TRUE(select_sentences(in.set, in.value, options).empty());
}

TEST(Select, ConceptsCountOnceSoRepetitionIsNotRewarded) {
  // Two sentences with the same concepts and a third with different ones: the best pair is one
  // of the first two plus the third, never the two repeats.
  Instance in;
  in.value = {5.0, 5.0, 4.0};
  for (int i = 0; i < 2; ++i) {
    Candidate c;
    c.sentence = static_cast<std::uint32_t>(i);
    c.words = 10;
    c.concepts = {0, 1};
    in.set.candidates.push_back(c);
  }
  Candidate other;
  other.sentence = 2;
  other.words = 10;
  other.concepts = {2};
  in.set.candidates.push_back(other);
  SelectOptions options;
  options.budget = 20;
  auto chosen = select_sentences(in.set, in.value, options);
  ASSERT_EQ(chosen.size(), 2u);
  EXPECT_TRUE(std::find(chosen.begin(), chosen.end(), 2u) != chosen.end());
}

}  // namespace
}  // namespace precis::summarize
