#include "precis/summarize/select.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <numeric>
#include <queue>
#include <unordered_map>

#include <glpk.h>

namespace precis::summarize {
namespace {

double cost_of(const Candidate& c, const SelectOptions& o) {
  // ROUGE -b does not count the spaces that join sentences, so a sentence costs its own bytes.
  return o.budget_in_bytes ? static_cast<double>(c.bytes) : static_cast<double>(c.words);
}

double gain_of(const Candidate& c, const std::vector<double>& value, const std::vector<char>& covered) {
  double g = c.bonus;
  for (std::uint32_t id : c.concepts) {
    if (!covered[id]) g += value[id];
  }
  return g;
}

// Candidates worth solving over: positive value, fit the budget, best value density first.
std::vector<std::uint32_t> shortlist(const CandidateSet& set, const std::vector<double>& value, const SelectOptions& o) {
  std::vector<char> none(value.size(), 0);
  std::vector<std::pair<double, std::uint32_t>> scored;
  for (std::uint32_t i = 0; i < set.candidates.size(); ++i) {
    const Candidate& c = set.candidates[i];
    double cost = cost_of(c, o);
    if (cost > o.budget || cost <= 0) continue;
    double g = gain_of(c, value, none);
    if (g <= 0) continue;
    scored.emplace_back(g / cost, i);
  }
  std::sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  if (scored.size() > o.max_candidates) scored.resize(o.max_candidates);
  std::vector<std::uint32_t> out;
  out.reserve(scored.size());
  for (auto& s : scored) out.push_back(s.second);
  std::sort(out.begin(), out.end());
  return out;
}

// Pairs of pool positions (p < q) that may not both be chosen.
std::vector<std::pair<std::uint32_t, std::uint32_t>> conflicts(const CandidateSet& set,
                                                               const std::vector<std::uint32_t>& pool,
                                                               const SelectOptions& o) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  if (o.max_pair_similarity <= 0) return out;
  std::vector<std::vector<std::uint32_t>> words;
  words.reserve(pool.size());
  for (std::uint32_t i : pool) words.push_back(content_word_set(set.candidates[i]));
  for (std::uint32_t p = 0; p < pool.size(); ++p) {
    for (std::uint32_t q = p + 1; q < pool.size(); ++q) {
      if (set_similarity(words[p], words[q]) >= o.max_pair_similarity) out.emplace_back(p, q);
    }
  }
  return out;
}

std::vector<std::uint32_t> greedy(const CandidateSet& set, const std::vector<double>& value,
                                  const std::vector<std::uint32_t>& pool, const SelectOptions& o,
                                  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& conflict) {
  std::vector<char> covered(value.size(), 0);
  // Candidates barred by a chosen one (indexed by candidate id through `position`).
  std::unordered_map<std::uint32_t, std::uint32_t> position;
  for (std::uint32_t p = 0; p < pool.size(); ++p) position[pool[p]] = p;
  std::vector<std::vector<std::uint32_t>> rivals(pool.size());
  for (auto [p, q] : conflict) {
    rivals[p].push_back(q);
    rivals[q].push_back(p);
  }
  std::vector<char> blocked(pool.size(), 0);
  // Lazy greedy: upper bounds in a max-heap, re-evaluated on pop.
  using Entry = std::pair<double, std::uint32_t>;
  std::priority_queue<Entry> heap;
  for (std::uint32_t i : pool) {
    const Candidate& c = set.candidates[i];
    heap.emplace(gain_of(c, value, covered) / cost_of(c, o), i);
  }
  std::vector<std::uint32_t> chosen;
  double used = 0;
  while (!heap.empty()) {
    auto [bound, i] = heap.top();
    heap.pop();
    const Candidate& c = set.candidates[i];
    double cost = cost_of(c, o);
    if (used + cost > o.budget || blocked[position[i]]) continue;
    double ratio = gain_of(c, value, covered) / cost;
    if (ratio <= 0) continue;
    if (!heap.empty() && ratio < heap.top().first - 1e-12) {
      heap.emplace(ratio, i);
      continue;
    }
    chosen.push_back(i);
    used += cost;
    for (std::uint32_t id : c.concepts) covered[id] = 1;
    for (std::uint32_t q : rivals[position[i]]) blocked[q] = 1;
  }
  // Best singleton guard.
  double best_single = 0;
  std::uint32_t best_index = 0;
  std::vector<char> none(value.size(), 0);
  for (std::uint32_t i : pool) {
    double g = gain_of(set.candidates[i], value, none);
    if (g > best_single) {
      best_single = g;
      best_index = i;
    }
  }
  if (best_single > coverage_value(set, value, chosen)) return {best_index};
  return chosen;
}

// GLPK's callback: offers the greedy answer as the first incumbent, and stops branch and bound
// after a fixed amount of work. Iteration counts are functions of the program alone, unlike
// GLPK's tm_lim, which is wall-clock and so depends on machine load.
struct SearchControl {
  std::uint32_t limit = 0;     // simplex iterations; 0 = none
  std::vector<double> start;   // 1-based column values of a feasible answer (empty: none)
  bool offered = false;
};

void control_search(glp_tree* tree, void* info) {
  auto* control = static_cast<SearchControl*>(info);
  if (glp_ios_reason(tree) == GLP_IHEUR && !control->offered && !control->start.empty()) {
    // Without an incumbent, branch and bound can prune nothing until it finds one by itself; the
    // greedy answer is usually within a few percent of the optimum and prunes most of the tree.
    control->offered = true;
    glp_ios_heur_sol(tree, control->start.data());
  }
  if (control->limit == 0) return;
  if (static_cast<std::uint32_t>(glp_get_it_cnt(glp_ios_get_prob(tree))) >= control->limit) glp_ios_terminate(tree);
}

// The program handed to GLPK. Three exact reductions keep it small and its search short:
//  - a concept that only one pooled sentence holds is covered exactly when that sentence is
//    chosen: its value moves onto the sentence's own coefficient, with no column or row;
//  - concepts held by exactly the same pooled sentences (the bigrams of one phrase, "prime
//    minister", "minister mahathir", "mahathir mohamad") are covered together: one column, with
//    their summed value, and one row;
//  - concept columns are continuous in [0, 1]: once the sentence columns are integral, the best
//    value of c_k is 1 when a holder is chosen and 0 otherwise, so only sentences are branched on.
struct Program {
  std::vector<double> own_value;                   // per pool position: bonus + sole-holder concepts
  std::vector<std::vector<int>> holders;           // per concept group: pool positions, ascending
  std::vector<double> group_value;                 // per concept group: summed concept value
};

Program build_program(const CandidateSet& set, const std::vector<double>& value, const std::vector<std::uint32_t>& pool) {
  std::unordered_map<std::uint32_t, std::vector<int>> support;  // concept -> pool positions
  std::vector<std::uint32_t> order;                              // concepts by first appearance
  for (std::size_t j = 0; j < pool.size(); ++j) {
    for (std::uint32_t id : set.candidates[pool[j]].concepts) {
      if (value[id] <= 0) continue;
      auto [it, fresh] = support.try_emplace(id);
      if (fresh) order.push_back(id);
      if (it->second.empty() || it->second.back() != static_cast<int>(j)) it->second.push_back(static_cast<int>(j));
    }
  }
  Program program;
  program.own_value.resize(pool.size());
  for (std::size_t j = 0; j < pool.size(); ++j) program.own_value[j] = set.candidates[pool[j]].bonus;
  std::map<std::vector<int>, std::size_t> group_of;
  for (std::uint32_t id : order) {
    std::vector<int>& holders = support[id];
    if (holders.size() == 1) {
      program.own_value[static_cast<std::size_t>(holders[0])] += value[id];
      continue;
    }
    auto [it, fresh] = group_of.try_emplace(holders, program.group_value.size());
    if (fresh) {
      program.holders.push_back(std::move(holders));
      program.group_value.push_back(0);
    }
    program.group_value[it->second] += value[id];
  }
  return program;
}

// GLPK keeps an environment per thread, made on the thread's first call, and frees it only when
// asked (glp_free_env). A thread that solves a program and then ends (a server's worker) would
// leave it behind, 16 KB each time; this frees it when the thread ends.
void free_glpk_environment_at_thread_exit() {
  struct FreeAtExit {
    ~FreeAtExit() { glp_free_env(); }
  };
  thread_local FreeAtExit free_at_exit;
  (void)free_at_exit;
}

std::vector<std::uint32_t> ilp(const CandidateSet& set, const std::vector<double>& value,
                               const std::vector<std::uint32_t>& pool, const SelectOptions& o,
                               const std::vector<std::pair<std::uint32_t, std::uint32_t>>& conflict,
                               const std::vector<std::uint32_t>& fallback) {
  if (pool.empty()) return fallback;
  const Program program = build_program(set, value, pool);
  const int n_s = static_cast<int>(pool.size());
  const int n_c = static_cast<int>(program.group_value.size());
  free_glpk_environment_at_thread_exit();
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MAX);
  glp_add_cols(lp, n_s + n_c);
  for (int j = 0; j < n_s; ++j) {
    glp_set_col_kind(lp, j + 1, GLP_BV);
    glp_set_obj_coef(lp, j + 1, program.own_value[static_cast<std::size_t>(j)]);
  }
  for (int k = 0; k < n_c; ++k) {
    glp_set_col_bnds(lp, n_s + k + 1, GLP_DB, 0, 1);
    glp_set_obj_coef(lp, n_s + k + 1, program.group_value[static_cast<std::size_t>(k)]);
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  int row = 0;
  // Budget.
  glp_add_rows(lp, 1);
  ++row;
  glp_set_row_bnds(lp, row, GLP_UP, 0, o.budget);
  for (int j = 0; j < n_s; ++j) {
    ia.push_back(row); ja.push_back(j + 1); ar.push_back(cost_of(set.candidates[pool[j]], o));
  }
  // c_k <= sum of the s_j that hold k  ->  sum s_j - c_k >= 0
  for (int k = 0; k < n_c; ++k) {
    glp_add_rows(lp, 1);
    ++row;
    glp_set_row_bnds(lp, row, GLP_LO, 0, 0);
    for (int j : program.holders[static_cast<std::size_t>(k)]) { ia.push_back(row); ja.push_back(j + 1); ar.push_back(1); }
    ia.push_back(row); ja.push_back(n_s + k + 1); ar.push_back(-1);
  }
  // s_p + s_q <= 1 for sentences that say the same thing.
  for (auto [p, q] : conflict) {
    glp_add_rows(lp, 1);
    ++row;
    glp_set_row_bnds(lp, row, GLP_UP, 0, 1);
    ia.push_back(row); ja.push_back(static_cast<int>(p) + 1); ar.push_back(1);
    ia.push_back(row); ja.push_back(static_cast<int>(q) + 1); ar.push_back(1);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());

  // The greedy answer as a starting incumbent, in the program's own columns.
  SearchControl control{o.work_limit, {}, false};
  control.start.assign(static_cast<std::size_t>(n_s + n_c) + 1, 0.0);
  for (std::uint32_t i : fallback) {
    auto it = std::lower_bound(pool.begin(), pool.end(), i);
    if (it == pool.end() || *it != i) {  // not a pooled sentence (cannot happen today): no start
      control.start.clear();
      break;
    }
    control.start[static_cast<std::size_t>(it - pool.begin()) + 1] = 1;
  }
  for (int k = 0; k < n_c && !control.start.empty(); ++k) {
    for (int j : program.holders[static_cast<std::size_t>(k)]) {
      if (control.start[static_cast<std::size_t>(j) + 1] > 0) control.start[static_cast<std::size_t>(n_s + k + 1)] = 1;
    }
  }

  // The root relaxation is solved here rather than by GLPK's MIP presolver: the presolver would
  // renumber the columns, and the starting incumbent must be given in the program's own columns.
  glp_smcp simplex;
  glp_init_smcp(&simplex);
  simplex.msg_lev = GLP_MSG_OFF;
  glp_iocp params;
  glp_init_iocp(&params);
  params.msg_lev = GLP_MSG_OFF;
  params.tm_lim = INT_MAX;     // no wall-clock limit: see SearchControl
  params.cov_cuts = GLP_ON;    // the budget row is a knapsack: cover cuts
  params.mir_cuts = GLP_ON;    // mixed-integer rounding cuts: together with cover cuts they
                               // nearly halve the search on the DUC 2004 programs
  params.cb_func = control_search;
  params.cb_info = &control;
  std::vector<std::uint32_t> chosen;
  // GLPK's cut generators print a line or two whatever msg_lev says; the core never prints. The
  // switch is per thread in GLPK's environment, and restored below.
  const int terminal = glp_term_out(GLP_OFF);
  if (glp_simplex(lp, &simplex) == 0 && glp_get_status(lp) == GLP_OPT) {
    int rc = glp_intopt(lp, &params);
    int status = glp_mip_status(lp);
    if ((rc == 0 || rc == GLP_ESTOP) && (status == GLP_OPT || status == GLP_FEAS)) {
      for (int j = 0; j < n_s; ++j) {
        if (glp_mip_col_val(lp, j + 1) > 0.5) chosen.push_back(pool[static_cast<std::size_t>(j)]);
      }
    }
  }
  glp_term_out(terminal);
  glp_delete_prob(lp);
  double cost = 0;
  for (std::uint32_t i : chosen) cost += cost_of(set.candidates[i], o);
  if (cost > o.budget + 1e-6) return fallback;  // never happens with a sound solver; cheap to check
  if (coverage_value(set, value, chosen) + 1e-9 < coverage_value(set, value, fallback)) return fallback;
  return chosen;
}

}  // namespace

std::vector<std::uint32_t> content_word_set(const Candidate& c) {
  std::vector<std::uint32_t> ids = c.unigrams;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

double set_similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) ++common, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return static_cast<double>(common) / std::sqrt(static_cast<double>(a.size()) * static_cast<double>(b.size()));
}

double candidate_similarity(const Candidate& a, const Candidate& b) {
  return set_similarity(content_word_set(a), content_word_set(b));
}

double coverage_value(const CandidateSet& set, const std::vector<double>& value,
                      const std::vector<std::uint32_t>& selection) {
  std::vector<char> covered(value.size(), 0);
  double total = 0;
  for (std::uint32_t i : selection) {
    total += set.candidates[i].bonus;
    for (std::uint32_t id : set.candidates[i].concepts) {
      if (!covered[id]) {
        covered[id] = 1;
        total += value[id];
      }
    }
  }
  return total;
}

std::vector<std::uint32_t> select_sentences(const CandidateSet& set, const std::vector<double>& concept_value,
                                            const SelectOptions& options) {
  std::vector<std::uint32_t> pool = shortlist(set, concept_value, options);
  const auto conflict = conflicts(set, pool, options);
  std::vector<std::uint32_t> greedy_answer = greedy(set, concept_value, pool, options, conflict);
  if (options.solver == Solver::kGreedy) return greedy_answer;
  return ilp(set, concept_value, pool, options, conflict, greedy_answer);
}

}  // namespace precis::summarize
