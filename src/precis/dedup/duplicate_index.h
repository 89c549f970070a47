// DuplicateIndex: finds, for each article of a stream, the earlier article it copies or rewrites.
//
// Call add() once per article in arrival order (after the text layer: tokens with lower, stem,
// is_word, is_stopword; sentences; meta.published). Each call returns the link to the earliest
// known version when the article is
//   kExact     the same words in the same order (case, spacing and punctuation ignored);
//   kNearCopy  most of its sentences appear word for word in the earlier article (trimmed,
//              extended or lightly edited wire copies: updated figures, an added paragraph);
//   kRewrite   its sentences align with the earlier article's sentences by their content terms
//              though the wording differs (synonyms, reordering, splits and merges, filler).
// `original` is the root of the group: a copy of a copy points at the first version. Articles are
// numbered by arrival, from 0.
//
// How (see duplicate_index.cc): an exact-key table, then MinHash + LSH over content stems for
// candidates, then a verification by sentence alignment against the few best candidates.
// Memory is bounded: articles older than `window_hours` (by meta.published in UTC as
// precis::parse_iso_hours reads it, else by arrival) or
// beyond `max_live_articles` leave the index, so the cost per article stays flat over a stream
// of any length. Copies published further apart than the window are not linked.
// Thread safety: none; one index per stream.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

#include "precis/corpus/article.h"
#include "precis/dedup/minhash.h"

namespace precis::dedup {

struct DuplicateOptions {
  MinHashOptions minhash;              // over content stems
  LshOptions lsh;                      // bands * rows == minhash.hashes
  double min_candidate_jaccard = 0.12; // estimated content-stem Jaccard below which a candidate is dropped
  std::uint32_t max_verified = 6;      // candidates verified by alignment, best estimated Jaccard first
  double near_copy_sentence_share = 0.6;  // share of sentences repeated word for word
  double rewrite_coverage = 0.6;       // share of content terms in sentences aligned with the original
  double sentence_match = 0.55;        // containment of a sentence's terms for it to align
  std::uint32_t min_terms = 8;         // articles with fewer content terms are only matched exactly
  double window_hours = 24.0 * 7;      // how long an article stays in the index
  std::uint32_t max_live_articles = 200'000;
};

struct DuplicateLink {
  enum class Kind { kExact, kNearCopy, kRewrite };
  std::uint32_t article = 0;   // arrival index of the new article
  std::uint32_t original = 0;  // arrival index of the group's first version
  std::uint32_t matched = 0;   // arrival index of the article it was matched against
  double similarity = 0.0;     // 1.0 exact; sentence share (near copy) or aligned coverage (rewrite)
  Kind kind = Kind::kExact;
};

const char* kind_name(DuplicateLink::Kind kind);

// Alignment of a new article's sentences with an earlier article's (exposed for tests and the
// rewrite benchmark).
struct AlignmentScore {
  double sentence_share = 0.0;  // share of the new article's sentences found word for word
  double coverage = 0.0;        // share of its content terms in aligned sentences
};

struct IndexStats {
  std::size_t live_articles = 0;
  std::size_t lsh_entries = 0;
  std::size_t exact_keys = 0;
  std::size_t stored_terms = 0;  // sentence terms kept for verification
};

class DuplicateIndex {
 public:
  explicit DuplicateIndex(const DuplicateOptions& options = {});
  std::optional<DuplicateLink> add(const Article& article);
  std::uint32_t size() const { return next_; }  // articles added so far
  IndexStats stats() const;

 private:
  struct Profile {
    std::vector<std::uint64_t> sentence_keys;           // sorted, duplicate-free
    std::vector<std::vector<std::uint32_t>> sentences;  // content terms per sentence
    std::size_t terms = 0;
  };
  struct Entry {
    std::uint32_t id = 0;
    std::uint32_t root = 0;
    double hours = 0;
    std::uint64_t exact = 0;
    bool stored = true;  // false: a placeholder for an article without words
    Signature signature;
    Profile profile;
  };
  struct ExactSlot {
    std::uint32_t root = 0;  // the group's first version
    std::uint32_t last = 0;  // the latest live article with this key
  };
  void evict(double now_hours);
  const Entry* find(std::uint32_t id) const;

  DuplicateOptions options_;
  MinHasher hasher_;
  LshIndex lsh_;
  std::deque<Entry> live_;                               // arrival order; front is oldest
  std::unordered_map<std::uint64_t, ExactSlot> exact_;  // exact key -> group (live only)
  std::uint32_t next_ = 0;
  double last_hours_ = 0;
  std::vector<std::uint32_t> scratch_;
  // Signatures of live articles, contiguous, slot id % ring_slots_ (ring_slots_ > live articles):
  // the candidate filter reads one signature per LSH candidate, thousands per article, and a flat
  // array keeps that a single memory access instead of a chain through the entry.
  std::vector<std::uint32_t> ring_;
  std::size_t ring_slots_ = 0;
  void ring_store(std::uint32_t id, const Signature& signature);
};

// Builds the profile-free alignment score of `copy` against `original` directly (slow path, for
// tests and benchmarks).
AlignmentScore align_articles(const Article& copy, const Article& original, double sentence_match = 0.55);

}  // namespace precis::dedup
