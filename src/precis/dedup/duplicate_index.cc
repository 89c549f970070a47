// Streaming duplicate detection: exact keys, MinHash/LSH candidates, sentence-alignment checks.
//
// Why three steps. An exact key (the article's words in order) settles verbatim copies in O(1).
// Everything else needs a similarity, and comparing each article with every earlier one is
// quadratic; MinHash over the article's content stems with banded LSH (Broder 1997; Indyk &
// Motwani 1998) proposes the few earlier articles whose term sets overlap strongly, in time
// independent of how many articles the index holds. Term-set similarity alone cannot tell a
// rewrite from another report of the same event (both share the event's names), so the candidates
// are verified by aligning sentences, as plagiarism detectors do (Clough & Stevenson 2011; the
// "sentence alignment" of Barzilay & Elhadad 2003): a rewrite's sentences each find one sentence
// (or two adjacent ones, for merges) of the original that contains most of their content terms,
// while an independent report shares only scattered terms. Sentences repeated word for word mark
// a near copy; aligned content marks a rewrite.
//
// Stream order decides which version is the original: the first one seen. Chains collapse to the
// root, so every member of a group points at the same first version.
#include "precis/dedup/duplicate_index.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "precis/base/iso_time.h"
#include "precis/dedup/features.h"

namespace precis::dedup {
namespace {

std::size_t intersect(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++both, ++i, ++j;
    }
  }
  return both;
}

struct ProfileView {
  const std::vector<std::uint64_t>* keys;                    // sorted
  const std::vector<std::vector<std::uint32_t>>* sentences;  // content terms per sentence
};

AlignmentScore align(const ProfileView& copy, const std::vector<std::uint64_t>& copy_keys_in_order,
                     const ProfileView& original, double sentence_match) {
  AlignmentScore score;
  std::size_t keyed = 0, repeated = 0;
  for (std::uint64_t k : copy_keys_in_order) {
    if (k == 0) continue;
    ++keyed;
    repeated += std::binary_search(original.keys->begin(), original.keys->end(), k);
  }
  score.sentence_share = keyed ? static_cast<double>(repeated) / static_cast<double>(keyed) : 0.0;
  const auto& os = *original.sentences;
  std::vector<std::size_t> inter(os.size());
  std::size_t total = 0, aligned = 0;
  for (const auto& terms : *copy.sentences) {
    if (terms.empty()) continue;
    total += terms.size();
    std::size_t best = 0;
    for (std::size_t o = 0; o < os.size(); ++o) {
      inter[o] = intersect(terms, os[o]);
      best = std::max(best, inter[o]);
      // A merged sentence draws on two adjacent sentences of the original.
      if (o > 0) best = std::max(best, std::min(terms.size(), inter[o] + inter[o - 1]));
    }
    if (static_cast<double>(best) >= sentence_match * static_cast<double>(terms.size())) aligned += terms.size();
  }
  score.coverage = total ? static_cast<double>(aligned) / static_cast<double>(total) : 0.0;
  return score;
}

void build_profile(const Article& article, std::vector<std::uint64_t>& keys_in_order,
                   std::vector<std::uint64_t>& keys_sorted, std::vector<std::vector<std::uint32_t>>& sentences,
                   std::size_t& terms) {
  keys_in_order.clear();
  sentences.clear();
  terms = 0;
  for (const Sentence& s : article.sentences) {
    keys_in_order.push_back(sentence_key(article, s));
    sentences.push_back(content_terms(article, s.first_token, s.token_count));
    terms += sentences.back().size();
  }
  keys_sorted = keys_in_order;
  std::sort(keys_sorted.begin(), keys_sorted.end());
  keys_sorted.erase(std::unique(keys_sorted.begin(), keys_sorted.end()), keys_sorted.end());
  if (!keys_sorted.empty() && keys_sorted.front() == 0) keys_sorted.erase(keys_sorted.begin());
}

}  // namespace

const char* kind_name(DuplicateLink::Kind kind) {
  switch (kind) {
    case DuplicateLink::Kind::kExact: return "exact";
    case DuplicateLink::Kind::kNearCopy: return "near-copy";
    case DuplicateLink::Kind::kRewrite: return "rewrite";
  }
  return "?";
}

AlignmentScore align_articles(const Article& copy, const Article& original, double sentence_match) {
  std::vector<std::uint64_t> ck, cs, ok, os;
  std::vector<std::vector<std::uint32_t>> ct, ot;
  std::size_t n = 0;
  build_profile(copy, ck, cs, ct, n);
  build_profile(original, ok, os, ot, n);
  return align(ProfileView{&cs, &ct}, ck, ProfileView{&os, &ot}, sentence_match);
}

DuplicateIndex::DuplicateIndex(const DuplicateOptions& options)
    : options_(options), hasher_(options.minhash), lsh_(options.lsh) {}

const DuplicateIndex::Entry* DuplicateIndex::find(std::uint32_t id) const {
  if (live_.empty() || id < live_.front().id || id > live_.back().id) return nullptr;
  // Every article has an entry (a placeholder when it has no words), so ids in live_ are
  // contiguous and the lookup is O(1); it runs once per LSH candidate, thousands of times an article.
  const Entry& e = live_[id - live_.front().id];
  return e.id == id && e.stored ? &e : nullptr;
}

void DuplicateIndex::evict(double now_hours) {
  while (!live_.empty() &&
         (live_.size() > options_.max_live_articles || now_hours - live_.front().hours > options_.window_hours)) {
    Entry& e = live_.front();
    if (!e.stored) {
      live_.pop_front();
      continue;
    }
    if (!e.signature.empty()) lsh_.erase(e.id, e.signature);
    auto it = exact_.find(e.exact);
    if (it != exact_.end() && it->second.last == e.id) exact_.erase(it);
    live_.pop_front();
  }
}

void DuplicateIndex::ring_store(std::uint32_t id, const Signature& signature) {
  const std::size_t stride = hasher_.size();
  if (signature.size() != stride) return;
  if (live_.size() + 1 > ring_slots_) {
    std::size_t slots = std::max<std::size_t>(1024, 2 * ring_slots_);
    std::vector<std::uint32_t> grown(slots * stride);
    for (const Entry& e : live_) {
      if (e.signature.size() == stride) std::copy(e.signature.begin(), e.signature.end(), grown.begin() + static_cast<std::ptrdiff_t>((e.id % slots) * stride));
    }
    ring_ = std::move(grown);
    ring_slots_ = slots;
  }
  std::copy(signature.begin(), signature.end(), ring_.begin() + static_cast<std::ptrdiff_t>((id % ring_slots_) * stride));
}

IndexStats DuplicateIndex::stats() const {
  IndexStats s;
  s.live_articles = live_.size();
  s.lsh_entries = lsh_.entries();
  s.exact_keys = exact_.size();
  for (const Entry& e : live_) {
    s.live_articles -= !e.stored;
    s.stored_terms += e.profile.terms + e.profile.sentence_keys.size();
  }
  return s;
}

std::optional<DuplicateLink> DuplicateIndex::add(const Article& article) {
  const std::uint32_t id = next_++;
  double hours = last_hours_;
  if (auto h = parse_iso_hours(article.meta.published)) hours = std::max(*h, last_hours_ - options_.window_hours);
  last_hours_ = std::max(last_hours_, hours);
  evict(last_hours_);

  Entry entry;
  entry.id = id;
  entry.root = id;
  entry.hours = hours;
  entry.exact = exact_key(article);
  std::optional<DuplicateLink> link;
  bool has_words = std::any_of(article.tokens.begin(), article.tokens.end(), [](const Token& t) { return t.is_word; });
  if (!has_words) {
    entry.stored = false;  // keeps ids contiguous in live_; never a candidate, never keyed
    live_.push_back(std::move(entry));
    return std::nullopt;
  }

  if (auto it = exact_.find(entry.exact); it != exact_.end()) {
    link = DuplicateLink{id, it->second.root, it->second.last, 1.0, DuplicateLink::Kind::kExact};
    entry.root = it->second.root;
  }

  std::vector<std::uint64_t> terms = article_terms(article);
  std::vector<std::uint64_t> keys_in_order;
  build_profile(article, keys_in_order, entry.profile.sentence_keys, entry.profile.sentences, entry.profile.terms);
  if (!link && terms.size() >= options_.min_terms) {
    entry.signature = hasher_.sign(terms);
    lsh_.candidates(entry.signature, scratch_);
    std::vector<std::pair<double, const Entry*>> ranked;
    std::vector<std::pair<std::size_t, std::uint32_t>> passing;  // (equal positions, id)
    const std::size_t stride = entry.signature.size();
    const std::uint32_t* own = entry.signature.data();
    // Equal positions needed for the estimated Jaccard to reach min_candidate_jaccard.
    const auto need = static_cast<std::size_t>(std::ceil(options_.min_candidate_jaccard * static_cast<double>(stride) - 1e-9));
    const std::uint32_t first_live = live_.empty() ? 0 : live_.front().id;
    for (std::uint32_t c : scratch_) {
      // LSH entries leave with their article, so every candidate is live; the check is cheap insurance.
      if (c < first_live || ring_slots_ == 0 || stride != hasher_.size()) continue;
      const std::uint32_t* theirs = ring_.data() + (c % ring_slots_) * stride;
      std::size_t equal = 0;
      for (std::size_t k = 0; k < stride; ++k) equal += own[k] == theirs[k];
      if (equal < need || equal == 0) continue;
      passing.emplace_back(equal, c);
    }
    // Best estimate first, then the earlier article; only the few verified are looked up.
    auto by_estimate = [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; };
    std::size_t keep = std::min<std::size_t>(passing.size(), options_.max_verified);
    std::partial_sort(passing.begin(), passing.begin() + static_cast<std::ptrdiff_t>(keep), passing.end(), by_estimate);
    for (std::size_t k = 0; k < keep; ++k) {
      if (const Entry* e = find(passing[k].second)) {
        ranked.emplace_back(static_cast<double>(passing[k].first) / static_cast<double>(stride), e);
      }
    }
    double best = 0;
    ProfileView mine{&entry.profile.sentence_keys, &entry.profile.sentences};
    for (const auto& [j, e] : ranked) {
      AlignmentScore s = align(mine, keys_in_order, ProfileView{&e->profile.sentence_keys, &e->profile.sentences},
                               options_.sentence_match);
      DuplicateLink candidate{id, e->root, e->id, 0.0, DuplicateLink::Kind::kRewrite};
      if (s.sentence_share >= options_.near_copy_sentence_share) {
        candidate.kind = e->exact == entry.exact ? DuplicateLink::Kind::kExact : DuplicateLink::Kind::kNearCopy;
        candidate.similarity = candidate.kind == DuplicateLink::Kind::kExact ? 1.0 : s.sentence_share;
      } else if (s.coverage >= options_.rewrite_coverage) {
        candidate.similarity = s.coverage;
      } else {
        continue;
      }
      // Prefer copies over rewrites, then the higher similarity.
      double rank = candidate.similarity + (candidate.kind == DuplicateLink::Kind::kRewrite ? 0.0 : 1.0);
      if (rank > best) {
        best = rank;
        link = candidate;
      }
    }
    if (link) entry.root = link->original;
  }
  // Remember the key (the latest holder keeps it alive in the window); index the terms for LSH
  // unless there were too few (such articles are matched exactly only).
  auto [slot, inserted] = exact_.try_emplace(entry.exact, ExactSlot{entry.root, id});
  if (!inserted) slot->second.last = id;
  if (!entry.signature.empty()) {
    lsh_.insert(id, entry.signature);
    ring_store(id, entry.signature);
  }
  live_.push_back(std::move(entry));
  return link;
}

}  // namespace precis::dedup
