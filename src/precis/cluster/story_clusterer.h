// StoryClusterer: incremental, time-aware grouping of a news stream into stories.
//
// Call add() once per article in arrival order (annotated: tokens with stem, is_word,
// is_stopword; sentences; meta.published as ISO 8601, read in UTC by precis::parse_iso_hours — articles without a date
// take the latest date seen), then flush() at the end of the stream. Articles wait up to
// `delay_hours` of stream time before they are placed (delayed assignment, on by default): add()
// returns kPending for a waiting article, else the story it joined, a new one or an open one.
// story_of() gives every article's story (placing any that still wait). Articles are numbered by
// arrival from 0; stories from 0 in order of creation.
//
// Two open stories whose centroids converge (cosine >= `merge_similarity`) are merged: the newer
// id is folded into the older one (union-find), so story_of() of earlier articles may later name
// the older id. add() returns the story as it stands after the article's own merges; ask
// story_of() at the end of a stream for the final grouping.
//
// A story is open while it keeps receiving articles; after its window without one it closes
// and no later article can join it (its memory is released). The window is `window_hours`,
// stretched for large stories (a story that has drawn many articles tends to run for weeks):
// window_hours * min(max_window_factor, 1 + articles / window_growth_articles). A new development of a story that
// is still open joins it when its content is close enough to the story's centroid.
//
// `same_story_as` forces the article into the story of an earlier article (pass the original of
// an exact or near copy from dedup::DuplicateIndex): copies always join their original's story,
// even a closed one, which is then reopened.
//
// Determinism: the result depends only on the articles and their order (ties go to the older
// story). Cost per article is bounded by the options, not by the length of the stream.
// Thread safety: none; one clusterer per stream.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "precis/cluster/sparse.h"
#include "precis/corpus/article.h"

namespace precis::cluster {

struct ClusterOptions {
  double window_hours = 240;            // a story closes after this long without a new article
  double join_similarity = 0.13;        // cosine with the story centroid needed to join it
  double small_story_factor = 0.8;      // a one-article story needs join_similarity * this (to 1 at 5)
  bool unit_members = true;             // each member adds a unit-length vector to the centroid
  double merge_similarity = 0.35;       // centroid cosine at which two open stories merge (0: never)
  std::uint32_t merge_candidates = 8;   // after a join, this many best candidates are tried for a merge
  double window_growth_articles = 0;    // articles per extra window length (0: fixed window)
  double max_window_factor = 1;         // cap on the stretched window, in window_hours
  std::uint32_t lead_sentences = 3;     // the lead's terms count double (news puts the event first)
  double name_weight = 3.0;             // capitalised words inside a sentence (names) count this much
  std::uint32_t member_vectors = 0;     // latest members kept per story for nearest-member similarity
  std::uint32_t max_centroid_terms = 400;  // centroid terms kept per story (highest weight)
  std::uint32_t query_terms = 24;       // an article's top terms used to find candidate stories
  std::uint32_t max_candidates = 64;    // candidate stories scored in full per article
  std::uint32_t max_open_stories = 50'000;  // beyond this, the least recently updated close early
  // A story silent for longer than its window is dormant, not closed, for `dormant_hours` more:
  // a new development may still revive it, but only at `dormant_factor` times the join bar, and never
  // through a merge (0 hours: closed at the window). Tuned on the DUC 2003 part of news_clustering_gold.
  double dormant_hours = 1440;
  double dormant_factor = 2.5;
  double bigram_weight = 0;             // adjacent content-word pairs as extra terms, this weight (0: off)
  // Idf prior for small batches: for name terms (written capitalised mid-sentence in at least half
  // the documents that contain them) the stream is taken to hold this many extra documents without
  // them, so with a handful of articles a name shared by two of them is still rare
  // (idf = log((N + 1 + prior) / (df + 0.5))); the effect fades once N is well above it.
  double idf_prior_documents = 4;
  // Splits: single-pass clustering can seed a story with an article that two neighbouring events
  // share and then feed both events into it. When a story reaches 6, 8, 12, 16, 24, ... articles
  // (up to `split_max_articles`), its members are divided in two by 2-means; if the two halves'
  // centroids have cosine below `split_similarity` and each half has `split_min_articles`, the
  // story splits (the half with the earliest article keeps the id). 0: never split.
  double split_similarity = 0.2;         // tuned on the DUC 2003 part of news_clustering_gold
  std::uint32_t split_min_articles = 3;
  std::uint32_t split_max_articles = 64;  // members are remembered up to this size only
  // Bursts (Kleinberg 2002; Fung et al. 2005): a term used now far more often than over the whole
  // stream names the current event ("Mitch" in a week of hurricane news), a term whose burst has
  // faded is background ("hurricane" three weeks after the last storm). Each term's weight in an
  // article is multiplied by ((recent df + 1) / (expected recent df + 1)) ^ `burst_weight`, clamped
  // to [0.5, 3], where recent counts decay with `burst_half_life_hours` and the expectation is the
  // recent document count times the term's share of all documents so far. Undated streams are
  // unaffected (nothing decays, so recent = long-run). 0: off. Tuned on the DUC 2003 part.
  double burst_weight = 0.125;
  double burst_half_life_hours = 72;
  // Delayed assignment (Yang, Pierce & Carbonell 1998's retrospective step, bounded): articles
  // wait until the stream is `delay_hours` past the oldest waiting one (or `delay_max_articles`
  // wait), then the waiting articles are grouped among themselves (average link over unit tf-idf
  // vectors, cosine >= `delay_link_similarity`). Each group whose first article is older than half
  // the delay joins a story or starts one as a unit, scored with the group's centroid, at the
  // story's bar times `delay_group_factor` (a single article: the plain bar); newer groups wait on
  // and are regrouped with what follows. Latency per article: at most `delay_hours` of stream time.
  // add() returns kPending for a waiting article. 0: off. Tuned on the DUC 2003 part.
  double delay_hours = 48;
  std::uint32_t delay_max_articles = 256;
  double delay_link_similarity = 0.3;
  double delay_group_factor = 1.4;
};

struct ClusterStats {
  std::size_t open_stories = 0;
  std::size_t posting_entries = 0;   // term -> story entries of the candidate index
  std::size_t centroid_terms = 0;    // summed over open stories
  std::size_t vocabulary = 0;        // terms with a document frequency
  std::uint32_t stories = 0;         // created so far
  std::uint32_t merges = 0;          // stories folded into another
  std::uint32_t splits = 0;          // stories divided in two
};

struct StoryInfo {
  std::uint32_t id = 0;
  std::uint32_t articles = 0;
  double first_hours = 0;  // hours since 1970 of the first and latest article
  double last_hours = 0;
  bool open = false;
};

class StoryClusterer {
 public:
  static constexpr std::uint32_t kPending = 0xffffffffu;  // add()'s answer for an article still waiting
  explicit StoryClusterer(const ClusterOptions& options = {});
  std::uint32_t add(const Article& article, std::optional<std::uint32_t> same_story_as = std::nullopt);
  // Places every waiting article now (delayed assignment; a no-op otherwise). Call it at the end of
  // a stream; story_of() calls it too when asked about a waiting article.
  void flush();
  // The story of an earlier article (by arrival index), after merges and splits; nullopt for an
  // unknown index. Asked about an article that is still waiting, it first places every waiting
  // article (flush()), so each article always has a story; mid-stream that cuts their delay short.
  std::optional<std::uint32_t> story_of(std::uint32_t article);
  // The story that `story` has been merged into (itself when never merged or unknown).
  std::uint32_t resolve(std::uint32_t story) const;
  std::uint32_t size() const { return static_cast<std::uint32_t>(story_of_.size()); }
  ClusterStats stats() const;
  // The open stories, in order of id.
  std::vector<StoryInfo> open_stories() const;

 private:
  using TermVector = SparseVector;  // sorted by term (sparse.h)
  struct Story {
    std::uint32_t id = 0;
    std::uint32_t articles = 0;
    double first_hours = 0;
    double last_hours = 0;
    std::unordered_map<std::uint32_t, float> centroid;  // term -> summed tf weight of members
    std::vector<TermVector> recent;  // unit tf-idf vectors of the latest members (ring buffer)
    std::uint32_t recent_next = 0;
    // Squared tf-idf norm of the centroid: kept up to date as members arrive, recomputed in full
    // when idf has drifted (see centroid_norm).
    mutable double norm_sq = 0;
    mutable std::uint32_t norm_documents = 0;
    mutable bool norm_valid = false;
    // Members while the story is small enough to split (cleared beyond split_max_articles).
    struct Member {
      std::uint32_t article = 0;
      double hours = 0;
      TermVector doc;          // tf weights, as weigh() gave them
      bool in_centroid = true;  // false: a copy that did not add to the centroid
      std::int64_t follows = -1;  // the article it copies, or -1
    };
    std::vector<Member> members;
    bool members_complete = true;  // false once members were dropped (too large, or reopened)
    std::uint32_t next_split_check = 6;
  };
  struct Waiting {  // an article held back by delayed assignment
    std::uint32_t index = 0;
    double hours = 0;
    TermVector counts;           // as vectorize() gave them
    mutable TermVector doc;      // weighed when placed
    std::vector<std::uint32_t> names;
    std::int64_t follows = -1;  // the article it copies, or -1
  };
  void count_document(const TermVector& doc, const std::vector<std::uint32_t>& names);
  double centroid_norm(const Story& story) const;
  std::vector<std::pair<double, std::uint32_t>> rank_candidates(const TermVector& weights) const;
  std::uint32_t place_copy(std::uint32_t index, double hours, const TermVector& doc, std::uint32_t original);
  std::uint32_t place_article(std::uint32_t index, double hours, const TermVector& doc);
  // Of the ranked candidates (with their similarities `sims`, same order), the one whose
  // similarity exceeds its own bar (join_threshold × `bar_factor`, × dormant_factor when
  // dormant at `hours`) by the largest margin; ties to the lower id.
  std::optional<std::uint32_t> pick_story(const std::vector<std::pair<double, std::uint32_t>>& ranked,
                                          const std::vector<double>& sims, double hours, double bar_factor) const;
  std::uint32_t start_story(double hours);  // a new open story, empty; returns its id
  void place_group(const std::vector<const Waiting*>& group);
  void place_waiting(double before);
  void check_split(std::uint32_t story);
  double unit_scale(const TermVector& doc) const;
  TermVector vectorize(const Article& article, std::vector<std::uint32_t>& names);  // term counts
  TermVector weigh(const TermVector& counts) const;  // log tf times burst factor
  TermVector unit_tfidf(const TermVector& doc) const;
  double similarity(const TermVector& doc, const TermVector& unit, const Story& story) const;
  double centroid_similarity(const Story& a, const Story& b) const;
  double expiry(const Story& story) const;
  double active_until(const Story& story) const;
  double join_threshold(const Story& story) const;
  void merge_into(Story& keep, std::uint32_t gone);
  void try_merges(std::uint32_t story, const std::vector<std::pair<double, std::uint32_t>>& candidates);
  void absorb(Story& story, const TermVector& doc, double hours, bool update_centroid);
  void add_to_centroid(Story& story, const TermVector& doc);
  void remember(Story& story, std::uint32_t article, double hours, const TermVector& doc, bool in_centroid,
                std::int64_t follows);
  void try_split(std::uint32_t story);
  void close_until(double now_hours);
  void close(std::uint32_t story);
  void prune(Story& story);
  double idf(std::uint32_t term) const;
  double recent_documents() const;  // the decayed document count as of last_hours_
  double burst_factor(std::uint32_t term, double recent_documents) const;
  void count_burst(const TermVector& doc);

  ClusterOptions options_;
  std::vector<std::uint32_t> story_of_;                   // article -> story
  std::unordered_map<std::uint32_t, Story> open_;         // story id -> open story
  std::set<std::pair<double, std::uint32_t>> by_update_;  // (expiry hours, story) of open stories
  std::vector<std::uint32_t> merged_into_;                // story -> story it was merged into (itself: none)
  std::uint32_t merges_ = 0;
  std::uint32_t splits_ = 0;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> postings_;  // term -> open stories
  std::unordered_map<std::uint32_t, std::uint32_t> df_;   // term -> documents containing it
  std::unordered_map<std::uint32_t, std::uint32_t> name_df_;  // term -> documents using it as a name
  std::uint32_t documents_ = 0;
  // Burst counts: per term its decayed document count and the hour it was last brought up to date;
  // the same for all documents. One entry per vocabulary term, like df_.
  struct Decayed {
    float count = 0;
    double hours = 0;
  };
  std::unordered_map<std::uint32_t, Decayed> recent_df_;
  Decayed recent_documents_;
  std::vector<Waiting> waiting_;  // delayed assignment, in arrival order
  double waiting_since_ = 0;      // hours of the oldest waiting article
  std::uint32_t next_story_ = 0;
  double last_hours_ = 0;
  bool has_time_ = false;
};

}  // namespace precis::cluster
