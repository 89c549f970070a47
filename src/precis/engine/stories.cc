#include "precis/engine/stories.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "precis/base/iso_time.h"

namespace precis::engine {

std::vector<std::uint32_t> arrival_order(const std::vector<Article>& articles) {
  std::vector<std::pair<double, std::uint32_t>> dated;
  std::vector<std::uint32_t> undated;
  for (std::uint32_t i = 0; i < articles.size(); ++i) {
    std::optional<double> hours = parse_iso_hours(articles[i].meta.published);
    if (hours) {
      dated.emplace_back(*hours, i);
    } else {
      undated.push_back(i);
    }
  }
  std::stable_sort(dated.begin(), dated.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::uint32_t> order;
  order.reserve(articles.size());
  for (const auto& [hours, i] : dated) order.push_back(i);
  order.insert(order.end(), undated.begin(), undated.end());
  return order;
}

std::uint32_t link_copies(std::vector<Article>& articles, const std::vector<std::uint32_t>& order,
                          const dedup::DuplicateOptions& options) {
  for (Article& a : articles) {
    a.duplicate_of.reset();
    a.rewrite_of.reset();
    a.duplicate_similarity = 0;
    a.rewrite_similarity = 0;
    a.copy_kind = CopyKind::kOriginal;
  }
  dedup::DuplicateIndex index(options);
  std::uint32_t linked = 0;
  for (std::uint32_t arrival = 0; arrival < order.size(); ++arrival) {
    Article& article = articles[order[arrival]];
    std::optional<dedup::DuplicateLink> link = index.add(article);
    if (!link || link->original >= arrival || link->matched >= arrival) continue;
    ++linked;
    if (link->kind == dedup::DuplicateLink::Kind::kRewrite) {
      article.rewrite_of = articles[order[link->original]].id;
      article.rewrite_similarity = link->similarity;
      article.copy_kind = CopyKind::kRewrite;
      continue;
    }
    // A copy points at the first version of its own text: the article it matched, or what that
    // one copies. (The group's root may be an article that this text rewrote, not copied.)
    const Article& matched = articles[order[link->matched]];
    article.duplicate_of = matched.duplicate_of ? *matched.duplicate_of : matched.id;
    article.duplicate_similarity = link->similarity;
    article.copy_kind =
        link->kind == dedup::DuplicateLink::Kind::kExact ? CopyKind::kExact : CopyKind::kNearCopy;
  }
  return linked;
}

std::vector<std::vector<std::uint32_t>> group_stories(const std::vector<Article>& articles,
                                                      const std::vector<std::uint32_t>& order,
                                                      const cluster::ClusterOptions& options) {
  // Arrival index of every article, to pass an original's arrival index as same_story_as.
  std::vector<std::uint32_t> arrival_of(articles.size(), 0);
  for (std::uint32_t k = 0; k < order.size(); ++k) arrival_of[order[k]] = k;
  cluster::StoryClusterer clusterer(options);
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    const Article& a = articles[order[k]];
    std::optional<ArticleId> original = a.duplicate_of ? a.duplicate_of : a.rewrite_of;
    std::optional<std::uint32_t> same;
    if (original && original->value >= 1 && original->value <= articles.size()) {
      std::uint32_t target = arrival_of[original->value - 1];
      if (target < k) same = target;
    }
    clusterer.add(a, same);
  }
  clusterer.flush();  // articles still waiting for delayed assignment (ClusterOptions::delay_hours)
  std::map<std::uint32_t, std::vector<std::uint32_t>> by_story;  // first-created story first
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    std::optional<std::uint32_t> story = clusterer.story_of(k);
    by_story[story ? clusterer.resolve(*story) : 0].push_back(order[k]);
  }
  std::vector<std::vector<std::uint32_t>> groups;
  groups.reserve(by_story.size());
  for (auto& [id, members] : by_story) groups.push_back(std::move(members));
  std::stable_sort(groups.begin(), groups.end(), [&](const auto& x, const auto& y) {
    return arrival_of[x.front()] < arrival_of[y.front()];
  });
  return groups;
}

double rank_score(std::uint32_t articles, double story_last_hours, double newest_hours, double half_life_days) {
  double score = static_cast<double>(articles);
  if (half_life_days <= 0 || std::isnan(story_last_hours) || std::isnan(newest_hours)) return score;
  double age_days = std::max(0.0, newest_hours - story_last_hours) / 24.0;
  return score * std::exp2(-age_days / half_life_days);
}

}  // namespace precis::engine
