// The story-clustering evaluation (../shared/EVAL.md §4): feed every document of a labelled set
// to precis's streaming duplicate index and story clusterer as one stream in date order, and score
// the stories against the gold topics with B-cubed precision/recall/F1 (Bagga & Baldwin 1998) and
// the adjusted Rand index (Hubert & Arabie 1985).
//
// Data sets (under eval::shared_data_dir()):
//   news_clustering_gold/labels.tsv   DUC 2003 + 2004 task-2 documents pooled; columns dataset,
//       path (relative to the data dir), doc_id, cluster, date. A document listed under two topics
//       is fed once and is correct in either (EVAL.md): the gold relation "same topic" holds when
//       the label sets intersect. For B-cubed that relation is used directly (extended B-cubed of
//       Amigó et al. 2009 with one predicted cluster per item); for ARI, which needs a partition,
//       each such document takes the label most common among its predicted story-mates.
//   wikiref220_clustering/labels.tsv  columns file, topic; documents in docs/. They carry no dates,
//       so they are fed in the order of labels.tsv with no time information.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/base/result.h"
#include "precis/cluster/story_clusterer.h"
#include "precis/dedup/duplicate_index.h"

namespace precis::harness {

struct ClusteringScores {
  double precision = 0, recall = 0, f1 = 0;  // B-cubed
  double ari = 0;
  std::size_t items = 0, predicted_clusters = 0, gold_clusters = 0;
};

// B-cubed over items with gold label sets (an item is correct with any of its labels) and one
// predicted cluster each. `gold[i]` must be non-empty. Sizes must match (else all zero).
ClusteringScores score_clustering(const std::vector<std::vector<std::string>>& gold,
                                  const std::vector<std::uint32_t>& predicted);

// Adjusted Rand index of two partitions given as labels per item.
double adjusted_rand_index(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

struct ClusteringEvalOptions {
  std::string data_dir;             // default eval::shared_data_dir()
  std::uint64_t shuffle_seed = 0;   // 0: feed in date order (doc id breaks ties); else shuffle within each day
  cluster::ClusterOptions cluster;
  dedup::DuplicateOptions dedup;
  bool use_duplicates = true;       // copies join their original's story
  bool per_story = false;           // fill DatasetReport::per_story (error analysis)
  std::string assignments_path;     // when set, writes "dataset<TAB>doc<TAB>date<TAB>story<TAB>gold labels" per item
  // Piles: what a user who digests a folder of the week's news meets. Each pile draws
  // `pile_topics` gold topics of one part of news_clustering_gold (DUC 2003: the tuning part;
  // DUC 2004) and 1 to `pile_max_docs` of each topic's documents (uniformly), strips their dates
  // (so time cannot separate the topics) and feeds them in a random order. Few articles per story,
  // many stories, an idf from a hundred documents: the small-batch case the stream does not test.
  // Rows "piles" report the mean scores of `piles` such piles per part (seeds 1..piles). 0: none.
  std::uint32_t piles = 20;
  std::uint32_t pile_topics = 25;
  std::uint32_t pile_max_docs = 4;
};

struct DatasetReport {
  std::string name;
  std::string subset;               // "" for the whole set, else e.g. "duc2003_task2"
  ClusteringScores scores;
  std::size_t duplicates = 0;       // links found by the duplicate index
  double seconds = 0;               // dedup + clustering wall time (reading excluded)
  // With ClusteringEvalOptions::per_story, for the whole set: one line per gold story that is
  // split ("gold <label> <n> docs: recall <largest share> in <k> stories: <story>:<count> ...")
  // and per predicted story that is impure ("story <id> <n> docs: purity <share>: <labels>:<count> ...").
  std::string per_story;
};

// The per-story error analysis described at DatasetReport::per_story. A multi-labelled item
// counts under its first label.
std::string per_story_analysis(const std::vector<std::vector<std::string>>& gold,
                               const std::vector<std::uint32_t>& predicted);

struct ClusteringEvalReport {
  std::vector<DatasetReport> rows;
  double read_seconds = 0;
};

// Runs the evaluation on every data set that exists; fails when none does.
Result<ClusteringEvalReport> evaluate_clustering(const ClusteringEvalOptions& options, Diagnostics& diagnostics);

std::string format_clustering_report(const ClusteringEvalReport& report);

}  // namespace precis::harness
