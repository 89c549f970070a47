// StoryClusterer, delayed assignment: grouping the waiting articles and placing the groups.
//
// Delayed assignment (`delay_hours`; the retrospective half of Yang, Pierce & Carbonell 1998,
// bounded in time): one article is a noisy query, and a one-article story a noisy target, so a new
// event whose first report shares background words with a one-article story of a neighbouring event
// joins it and draws the rest of its coverage after it (a Kosovo massacre story seeded on 1 October
// took in the Holbrooke talks of 4-5 October). Articles therefore wait up to `delay_hours` of
// stream time; the waiting ones are grouped among themselves by average link (Voorhees 1986) over
// unit tf-idf vectors, and each group whose first article is older than half the delay is placed
// as a unit: its centroid is the query, at `delay_group_factor` times the story's bar (a group
// centroid scores higher than any one member against the same story, so the bar rises with it).
// Newer groups wait on and are regrouped with the next arrivals, so a group is not cut at an
// arbitrary batch boundary. Document frequencies and burst counts take in an article when it is
// placed, as in the one-by-one path, so with every group a single article the result is that of
// immediate placement. Cost: the waiting set is bounded by `delay_max_articles` (m); grouping costs
// O(m^2) cosines and O(m^3) comparisons per batch, at most about twice per article.
#include "precis/cluster/story_clusterer.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace precis::cluster {
namespace {

// Average-link agglomeration (Voorhees 1986) of unit vectors: merges the two groups with the
// highest mean pairwise cosine while it reaches `threshold`. Returns each item's group as the index
// of one of its members. O(n^2) cosines, O(n^3) comparisons: n is bounded by delay_max_articles.
std::vector<std::size_t> average_link(const std::vector<SparseVector>& unit, double threshold) {
  const std::size_t m = unit.size();
  std::vector<double> sim(m * m, 0.0);
  for (std::size_t a = 0; a < m; ++a) {
    for (std::size_t b = a + 1; b < m; ++b) sim[a * m + b] = sim[b * m + a] = sparse_dot(unit[a], unit[b]);
  }
  std::vector<std::size_t> size(m, 1), root(m);
  for (std::size_t a = 0; a < m; ++a) root[a] = a;
  std::vector<bool> alive(m, true);
  for (;;) {
    double top = -1;
    std::size_t ta = 0, tb = 0;
    for (std::size_t a = 0; a < m; ++a) {
      if (!alive[a]) continue;
      for (std::size_t b = a + 1; b < m; ++b) {
        if (alive[b] && sim[a * m + b] > top) top = sim[a * m + b], ta = a, tb = b;
      }
    }
    if (top < threshold || top < 0) break;
    // Lance-Williams update for average link: the merged group's mean similarity to each other one.
    for (std::size_t c = 0; c < m; ++c) {
      if (!alive[c] || c == ta || c == tb) continue;
      double v = (size[ta] * sim[ta * m + c] + size[tb] * sim[tb * m + c]) / static_cast<double>(size[ta] + size[tb]);
      sim[ta * m + c] = sim[c * m + ta] = v;
    }
    size[ta] += size[tb];
    alive[tb] = false;
    for (std::size_t a = 0; a < m; ++a) {
      if (root[a] == tb) root[a] = ta;
    }
  }
  return root;
}

}  // namespace

void StoryClusterer::place_group(const std::vector<const Waiting*>& group) {
  // The group's centroid, built as a story's would be (unit members; copies do not shape it).
  for (const Waiting* w : group) w->doc = weigh(w->counts);  // burst factors as of placement
  Story probe;
  std::uint32_t shaping = 0;
  double hours = group.front()->hours;
  for (const Waiting* w : group) {
    hours = std::min(hours, w->hours);
    if (w->follows >= 0) continue;
    ++shaping;
    float scale = static_cast<float>(unit_scale(w->doc));
    for (auto [term, x] : w->doc) probe.centroid[term] += x * scale;
  }
  TermVector weights(probe.centroid.begin(), probe.centroid.end());
  std::sort(weights.begin(), weights.end());
  std::vector<std::pair<double, std::uint32_t>> ranked = rank_candidates(weights);
  std::vector<double> sims;
  sims.reserve(ranked.size());
  for (auto [neg, s] : ranked) sims.push_back(centroid_similarity(probe, open_.at(s)));
  const std::optional<std::uint32_t> chosen =
      pick_story(ranked, sims, hours, shaping >= 2 ? options_.delay_group_factor : 1.0);
  const std::uint32_t id = chosen ? *chosen : start_story(hours);
  for (const Waiting* w : group) {
    Story& story = open_.at(id);
    bool shapes = w->follows < 0 || story.centroid.empty();
    absorb(story, w->doc, w->hours, shapes);
    remember(story, w->index, w->hours, w->doc, shapes, w->follows);
    story_of_[w->index] = id;
  }
  for (const Waiting* w : group) {
    count_document(w->doc, w->names);
    count_burst(w->doc);
  }
  if (chosen) try_merges(id, ranked);
  check_split(id);
}

void StoryClusterer::place_waiting(double before) {
  std::vector<Waiting> batch = std::move(waiting_);
  waiting_.clear();
  if (batch.empty()) return;
  close_until(waiting_since_);
  const std::size_t n = batch.size();
  std::unordered_map<std::uint32_t, std::size_t> position;  // arrival index -> batch position
  for (std::size_t i = 0; i < n; ++i) position[batch[i].index] = i;
  // Average-link grouping of the articles that are not copies of a waiting article.
  std::vector<std::size_t> items;
  std::vector<TermVector> unit;
  for (std::size_t i = 0; i < n; ++i) {
    if (batch[i].follows >= 0) continue;  // copies follow their original (below)
    items.push_back(i);
    unit.push_back(unit_tfidf(weigh(batch[i].counts)));
  }
  const std::size_t m = items.size();
  std::vector<std::size_t> root = average_link(unit, options_.delay_link_similarity);
  // Groups by batch position; copies of waiting articles join their original's group.
  std::vector<std::size_t> group_of(n, n);
  for (std::size_t a = 0; a < m; ++a) group_of[items[a]] = items[root[a]];
  for (std::size_t i = 0; i < n; ++i) {
    if (group_of[i] != n || batch[i].follows < 0) continue;
    auto it = position.find(static_cast<std::uint32_t>(batch[i].follows));
    if (it != position.end() && it->second < i) group_of[i] = group_of[it->second];
  }
  // Place in order of each group's first article; copies of placed articles as they come.
  std::unordered_map<std::size_t, std::vector<const Waiting*>> groups;
  for (std::size_t i = 0; i < n; ++i) {
    if (group_of[i] != n) groups[group_of[i]].push_back(&batch[i]);
  }
  // A group whose first article is not older than `before` waits on, to be regrouped with what comes.
  std::set<std::size_t> placed, kept;
  for (auto& [g, members] : groups) {
    double first = members.front()->hours;
    for (const Waiting* w : members) first = std::min(first, w->hours);
    if (first >= before) kept.insert(g);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (group_of[i] != n && kept.count(group_of[i])) continue;
    if (group_of[i] == n) {
      if (batch[i].follows >= 0) {
        auto original = static_cast<std::uint32_t>(batch[i].follows);
        batch[i].doc = weigh(batch[i].counts);
        story_of_[batch[i].index] = place_copy(batch[i].index, batch[i].hours, batch[i].doc, original);
        count_document(batch[i].doc, batch[i].names);
        count_burst(batch[i].doc);
        check_split(story_of_[batch[i].index]);
      }
      continue;
    }
    if (!placed.insert(group_of[i]).second) continue;
    place_group(groups[group_of[i]]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (group_of[i] == n || !kept.count(group_of[i])) continue;
    if (waiting_.empty() || batch[i].hours < waiting_since_) waiting_since_ = batch[i].hours;
    waiting_.push_back(std::move(batch[i]));
  }
}

void StoryClusterer::flush() { place_waiting(std::numeric_limits<double>::infinity()); }

}  // namespace precis::cluster
