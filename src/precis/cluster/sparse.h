// Sparse term vectors of the story clusterer: (term, weight) pairs sorted by term.
//
// Internal to precis::cluster (story_clusterer.cc and story_clusterer_delay.cc).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace precis::cluster {

using SparseVector = std::vector<std::pair<std::uint32_t, float>>;  // sorted by term

// The dot product of two vectors sorted by term (a merge of the two lists).
inline double sparse_dot(const SparseVector& a, const SparseVector& b) {
  double d = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      d += static_cast<double>(a[i].second) * b[j].second;
      ++i, ++j;
    }
  }
  return d;
}

}  // namespace precis::cluster
