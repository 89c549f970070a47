#include "precis/summarize/select.h"

#include <algorithm>
#include <climits>
#include <cmath>
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

// Stops branch and bound after a fixed amount of work. Iteration and node counts are functions of
// the program alone, unlike GLPK's tm_lim, which is wall-clock and so depends on machine load.
struct WorkLimit {
  std::uint32_t limit = 0;
};

void stop_after_work(glp_tree* tree, void* info) {
  const auto* work = static_cast<const WorkLimit*>(info);
  if (work->limit == 0) return;
  glp_prob* lp = glp_ios_get_prob(tree);
  if (static_cast<std::uint32_t>(glp_get_it_cnt(lp)) >= work->limit) glp_ios_terminate(tree);
}

std::vector<std::uint32_t> ilp(const CandidateSet& set, const std::vector<double>& value,
                               const std::vector<std::uint32_t>& pool, const SelectOptions& o,
                               const std::vector<std::pair<std::uint32_t, std::uint32_t>>& conflict,
                               const std::vector<std::uint32_t>& fallback) {
  // Concepts present in the pool with positive value.
  // A concept that only one pooled sentence contains is covered exactly when that sentence is
  // chosen: its value moves onto the sentence's own objective coefficient, and the program keeps
  // columns and rows only for concepts shared by two or more sentences. Same optimum, far
  // smaller program.
  std::unordered_map<std::uint32_t, int> occurrences;
  for (std::uint32_t i : pool) {
    for (std::uint32_t id : set.candidates[i].concepts) {
      if (value[id] > 0) ++occurrences[id];
    }
  }
  std::unordered_map<std::uint32_t, int> concept_col;
  std::vector<std::uint32_t> concepts;
  std::vector<double> own_value(pool.size(), 0);
  for (std::size_t j = 0; j < pool.size(); ++j) {
    const Candidate& c = set.candidates[pool[j]];
    own_value[j] = c.bonus;
    for (std::uint32_t id : c.concepts) {
      if (value[id] <= 0) continue;
      if (occurrences[id] == 1) own_value[j] += value[id];
      else if (concept_col.emplace(id, 0).second) concepts.push_back(id);
    }
  }
  if (pool.empty()) return fallback;
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MAX);
  int n_s = static_cast<int>(pool.size());
  int n_c = static_cast<int>(concepts.size());
  glp_add_cols(lp, n_s + n_c);
  for (int j = 0; j < n_s; ++j) {
    glp_set_col_kind(lp, j + 1, GLP_BV);
    glp_set_obj_coef(lp, j + 1, own_value[j]);
  }
  for (int k = 0; k < n_c; ++k) {
    glp_set_col_kind(lp, n_s + k + 1, GLP_BV);
    glp_set_obj_coef(lp, n_s + k + 1, value[concepts[k]]);
    concept_col[concepts[k]] = n_s + k + 1;
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
  // c_k <= sum of s_j containing k  ->  sum s_j - c_k >= 0
  std::vector<std::vector<int>> containing(n_c);
  for (int j = 0; j < n_s; ++j) {
    for (std::uint32_t id : set.candidates[pool[j]].concepts) {
      auto it = concept_col.find(id);
      if (it != concept_col.end()) containing[it->second - n_s - 1].push_back(j + 1);
    }
  }
  for (int k = 0; k < n_c; ++k) {
    glp_add_rows(lp, 1);
    ++row;
    glp_set_row_bnds(lp, row, GLP_LO, 0, 0);
    for (int j : containing[k]) { ia.push_back(row); ja.push_back(j); ar.push_back(1); }
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
  glp_iocp params;
  glp_init_iocp(&params);
  params.presolve = GLP_ON;
  params.msg_lev = GLP_MSG_OFF;
  params.tm_lim = INT_MAX;  // no wall-clock limit: see WorkLimit
  WorkLimit work{o.work_limit};
  params.cb_func = stop_after_work;
  params.cb_info = &work;
  int rc = glp_intopt(lp, &params);
  std::vector<std::uint32_t> chosen;
  int status = glp_mip_status(lp);
  if ((rc == 0 || rc == GLP_ESTOP) && (status == GLP_OPT || status == GLP_FEAS)) {
    for (int j = 0; j < n_s; ++j) {
      if (glp_mip_col_val(lp, j + 1) > 0.5) chosen.push_back(pool[j]);
    }
  }
  glp_delete_prob(lp);
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
