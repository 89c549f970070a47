// Stories: from a batch of annotated articles to ranked groups, one per event.
//
//   arrival order (publication date, then input order) -> copies and rewrites (dedup::DuplicateIndex)
//   -> stories (cluster::StoryClusterer; copies always join their original's story) -> ranking.
//
// The batch is replayed as the stream it would have been: articles in publication order, so the
// earliest version of a text becomes the original and a story's first article founds it. Articles
// without a date keep their input order and come after the dated ones (the clusterer gives them the
// latest date seen).
#pragma once

#include <cstdint>
#include <vector>

#include "precis/cluster/story_clusterer.h"
#include "precis/corpus/article.h"
#include "precis/dedup/duplicate_index.h"

namespace precis::engine {

// Indices into `articles` in arrival order: dated articles by time (ties: input order), then the
// undated ones in input order.
std::vector<std::uint32_t> arrival_order(const std::vector<Article>& articles);

// Sets duplicate_of / rewrite_of, their similarities and copy_kind on every article (overwriting
// what was there), feeding `order` through a DuplicateIndex. Returns the number of articles linked.
std::uint32_t link_copies(std::vector<Article>& articles, const std::vector<std::uint32_t>& order,
                          const dedup::DuplicateOptions& options);

// Groups the articles into stories with a StoryClusterer fed in `order`; copies and rewrites are
// forced into their original's story. Each group lists indices into `articles` in arrival order;
// groups come in order of their first article.
std::vector<std::vector<std::uint32_t>> group_stories(const std::vector<Article>& articles,
                                                      const std::vector<std::uint32_t>& order,
                                                      const cluster::ClusterOptions& options);

// How a story ranks against the others: its article count, halved for every `half_life_days` that
// its latest article is older than `newest_hours` (the newest article of the batch, hours since
// 1970). half_life_days <= 0, or an undated story, ranks by size alone.
double rank_score(std::uint32_t articles, double story_last_hours, double newest_hours, double half_life_days);

}  // namespace precis::engine
