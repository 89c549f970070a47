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

// Days from 1970-01-01 of a civil date (Hinnant's algorithm).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
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

std::optional<double> parse_hours(std::string_view iso) {
  int y, m, d;
  if (!digits(iso, 0, 4, y) || iso.size() < 10 || iso[4] != '-' || !digits(iso, 5, 2, m) || iso[7] != '-' ||
      !digits(iso, 8, 2, d) || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  double hours = 24.0 * static_cast<double>(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
  int hh = 0, mm = 0, ss = 0;
  if (iso.size() >= 16 && (iso[10] == 'T' || iso[10] == ' ') && digits(iso, 11, 2, hh) && iso[13] == ':' &&
      digits(iso, 14, 2, mm) && hh < 24 && mm < 60) {
    hours += hh + mm / 60.0;
    std::size_t pos = 16;
    if (iso.size() >= 19 && iso[16] == ':' && digits(iso, 17, 2, ss)) pos = 19;
    hours += ss / 3600.0;
    while (pos < iso.size() && (iso[pos] == '.' || (iso[pos] >= '0' && iso[pos] <= '9'))) ++pos;
    int oh = 0, om = 0;
    if (pos < iso.size() && (iso[pos] == '+' || iso[pos] == '-') && digits(iso, pos + 1, 2, oh)) {
      std::size_t mpos = pos + 3;
      if (mpos < iso.size() && iso[mpos] == ':') ++mpos;
      digits(iso, mpos, 2, om);
      double offset = oh + om / 60.0;
      hours += iso[pos] == '+' ? -offset : offset;
    }
  }
  return hours;
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
  // Ids in live_ are increasing but not contiguous (articles without terms are not stored).
  auto it = std::lower_bound(live_.begin(), live_.end(), id, [](const Entry& e, std::uint32_t v) { return e.id < v; });
  return it != live_.end() && it->id == id ? &*it : nullptr;
}

void DuplicateIndex::evict(double now_hours) {
  while (!live_.empty() &&
         (live_.size() > options_.max_live_articles || now_hours - live_.front().hours > options_.window_hours)) {
    Entry& e = live_.front();
    if (!e.signature.empty()) lsh_.erase(e.id, e.signature);
    auto it = exact_.find(e.exact);
    if (it != exact_.end() && it->second.last == e.id) exact_.erase(it);
    live_.pop_front();
  }
}

IndexStats DuplicateIndex::stats() const {
  IndexStats s;
  s.live_articles = live_.size();
  s.lsh_entries = lsh_.entries();
  s.exact_keys = exact_.size();
  for (const Entry& e : live_) s.stored_terms += e.profile.terms + e.profile.sentence_keys.size();
  return s;
}

std::optional<DuplicateLink> DuplicateIndex::add(const Article& article) {
  const std::uint32_t id = next_++;
  double hours = last_hours_;
  if (auto h = parse_hours(article.meta.published)) hours = std::max(*h, last_hours_ - options_.window_hours);
  last_hours_ = std::max(last_hours_, hours);
  evict(last_hours_);

  Entry entry;
  entry.id = id;
  entry.root = id;
  entry.hours = hours;
  entry.exact = exact_key(article);
  std::optional<DuplicateLink> link;
  bool has_words = std::any_of(article.tokens.begin(), article.tokens.end(), [](const Token& t) { return t.is_word; });
  if (!has_words) return std::nullopt;

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
    for (std::uint32_t c : scratch_) {
      const Entry* e = find(c);
      if (!e) continue;
      double j = estimate_jaccard(entry.signature, e->signature);
      if (j >= options_.min_candidate_jaccard) ranked.emplace_back(j, e);
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second->id < b.second->id;
    });
    if (ranked.size() > options_.max_verified) ranked.resize(options_.max_verified);
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
  if (!entry.signature.empty()) lsh_.insert(id, entry.signature);
  live_.push_back(std::move(entry));
  return link;
}

}  // namespace precis::dedup
