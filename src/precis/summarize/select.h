// Selection under a budget: which candidates make the summary.
//
// The objective is concept coverage (Gillick & Favre 2009, "A Scalable Global Model for
// Summarization"): maximise the summed value of the distinct concepts the chosen sentences
// contain, subject to a length budget. Each concept counts once however many chosen sentences
// contain it, which is what keeps the summary free of repetition without a separate redundancy
// term.
//
// Two solvers over the same objective:
//   kGreedy  cost-scaled lazy greedy with the best-singleton check; for a monotone submodular
//            objective under a knapsack budget this is within a constant factor of the optimum
//            (Khuller, Moss & Naor 1999; Lin & Bilmes 2010). Linear-ish in the number of
//            candidates, used for large stories and as the ILP's fallback.
//   kIlp     the exact integer program, solved with GLPK's branch and cut. The program is
//            reduced without changing its optimum (concepts that one pooled sentence holds fold
//            into it; concepts that the same sentences hold share one column; concept columns
//            are continuous, so only sentences are branched on), the greedy answer is its first
//            incumbent, and cover and MIR cuts tighten the relaxation. Every DUC 2003 and 2004
//            program is then solved to proven optimality within the work limit (simplex
//            iterations, counted by GLPK, checked between branch-and-bound steps), which is only
//            a guard against pathological input; when it stops the search, the better of the
//            incumbent and the greedy answer is returned. The limit counts work, not time, so
//            the same input gives the same selection on an idle or a loaded machine.
#pragma once

#include <cstdint>
#include <vector>

#include "precis/summarize/candidates.h"

namespace precis::summarize {

enum class Solver { kGreedy, kIlp };

struct SelectOptions {
  double budget = 100;           // in words, or in bytes when budget_in_bytes
  bool budget_in_bytes = false;
  Solver solver = Solver::kIlp;
  std::uint32_t max_candidates = 200;  // best candidates (by value density) handed to the solver
  // ILP only: simplex iterations after which the search stops (0 = no limit). Checked by GLPK's
  // callback, so the last node may overrun it a little; the root relaxation always completes.
  // The DUC programs need at most about 800; the limit bounds the cost of unusual stories.
  std::uint32_t work_limit = 2000;
  // Two sentences whose content words (Candidate::unigrams, as sets) have a cosine of at least
  // this never both make the summary: they say the same thing in different words ("Mahathir fired
  // Anwar on Sept. 2 ..." and "Anwar was fired by Prime Minister Mahathir Mohamad on Sept. 2 ...")
  // and share too few bigrams for the concept objective to notice. 0 = off. A constraint
  // x_i + x_j <= 1 in the program, a block in the greedy (McDonald 2007).
  double max_pair_similarity = 0;
};

// Cosine of the two candidates' content-word sets (each stem once).
double candidate_similarity(const Candidate& a, const Candidate& b);
// The same in two steps, for many comparisons: a candidate's content-word set (sorted, each stem
// once), and the cosine of two such sets.
std::vector<std::uint32_t> content_word_set(const Candidate& c);
double set_similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

// Returns indices into `set.candidates`, in no particular order. `concept_value[c]` is the value of
// covering concept c (0 for concepts that should not count). Never exceeds the budget.
std::vector<std::uint32_t> select_sentences(const CandidateSet& set, const std::vector<double>& concept_value,
                                            const SelectOptions& options);

// The objective value of a selection (sum of values of the distinct concepts covered).
double coverage_value(const CandidateSet& set, const std::vector<double>& concept_value,
                      const std::vector<std::uint32_t>& selection);

}  // namespace precis::summarize
