// Incremental story clustering: single-pass centroid clustering with a time window, as in the
// Topic Detection and Tracking systems (Allan, Papka & Lavrenko 1998, "On-line new event detection
// and tracking"; Yang, Pierce & Carbonell 1998).
//
// Each article becomes a tf-idf vector of its content stems (log tf; the lead sentences count
// double because news writing states the event first). Document frequencies grow with the stream,
// so idf is always that of the articles seen so far — no second pass, no look-ahead. The article
// joins the open story whose centroid is most cosine-similar, if that similarity reaches
// `join_similarity`; otherwise it starts a story. Stories close after `window_hours` of silence
// (TDD systems' time window: an event that has gone quiet for a month is over, and a new event
// with similar vocabulary — the next election — must not join it).
//
// Three refinements address the single-pass method's main error, splitting a story in two:
//  * every member adds a unit-length vector to its story's centroid, so one long article does not
//    drag the centroid away from the story's shared core;
//  * a one-article story joins at a lower bar (`small_story_factor`), rising to `join_similarity`
//    at five articles: a single document is a noisy centroid, and early in a stream idf is noisy
//    too, so true follow-ups score lower against it than against a many-article centroid;
//  * when an article has joined a story, the other candidate stories are compared centroid to
//    centroid, and any at `merge_similarity` or above is folded into the older one (union-find over
//    story ids: story_of() resolves to the surviving id). Centroid-to-centroid cosines average out
//    the noise of single documents, so two halves of one story converge as they grow.
// Stories may also be given a longer window as they grow (`window_growth_articles`); on DUC 2003+
// 2004 that lost more precision than it gained recall, so it is off by default.
//
// Burst weights (`burst_weight`; Kleinberg 2002, "Bursty and hierarchical structure in streams";
// Fung, Yu, Yu & Lu 2005, "Parameter free bursty events detection in text streams"): neighbouring
// events share their background words (hurricane, Caribbean; Yugoslavia, Milosevic), and what tells
// them apart is which words are in a burst when the article arrives. A term's weight in an article
// is scaled by how much more often it has been used in the last few days (counts decaying with
// `burst_half_life_hours`) than its share of the whole stream predicts: the names of the current
// event gain, words of a burst that has faded lose. The factor is taken at arrival and stays in the
// member's vector, so it costs one hash lookup per term and one decayed counter per vocabulary term.
//
// Delayed assignment (`delay_hours`): see story_clusterer_delay.cc.
//
// Bounded cost: candidate stories come from an inverted index (term -> open stories) probed with
// the article's highest-weighted terms, and only the best `max_candidates` are scored in full.
// Centroids keep their `max_centroid_terms` heaviest terms. The index is cleaned lazily: closed
// stories and dropped terms stay in posting lists until a rebuild, which happens when the lists
// hold twice the live entries, so its cost is amortised O(1) per article.
#include "precis/cluster/story_clusterer.h"

#include <algorithm>
#include <cmath>

#include "precis/base/hash.h"
#include "precis/base/iso_time.h"

namespace precis::cluster {
StoryClusterer::StoryClusterer(const ClusterOptions& options) : options_(options) {}

std::uint32_t StoryClusterer::resolve(std::uint32_t story) const {
  while (story < merged_into_.size() && merged_into_[story] != story) story = merged_into_[story];
  return story;
}

double StoryClusterer::join_threshold(const Story& story) const {
  // A one-article story's "centroid" is a single noisy document: its cosine with a true follow-up
  // is lower than that of a many-article centroid, which averages the noise away.
  double grown = std::min(1.0, (static_cast<double>(story.articles) - 1.0) / 4.0);
  double factor = options_.small_story_factor + (1.0 - options_.small_story_factor) * std::max(0.0, grown);
  return options_.join_similarity * factor;
}

double StoryClusterer::active_until(const Story& story) const {
  double factor = 1.0;
  if (options_.window_growth_articles > 0) {
    factor = std::min(std::max(1.0, options_.max_window_factor),
                      1.0 + static_cast<double>(story.articles) / options_.window_growth_articles);
  }
  return story.last_hours + options_.window_hours * factor;
}

double StoryClusterer::expiry(const Story& story) const {
  return active_until(story) + std::max(0.0, options_.dormant_hours);
}

double StoryClusterer::centroid_norm(const Story& story) const {
  // Idf moves as the stream grows, so a norm computed with older idf drifts; a full recompute
  // once the document count has grown by 3% (idf then moves by at most log 1.03) keeps the error far below the join margins while the
  // per-article cost stays proportional to the article's own terms, not to the centroid's.
  if (!story.norm_valid || documents_ > story.norm_documents + story.norm_documents / 32) {
    double sum = 0;
    for (auto [term, w] : story.centroid) {
      double x = w * idf(term);
      sum += x * x;
    }
    story.norm_sq = sum;
    story.norm_documents = documents_;
    story.norm_valid = true;
  }
  return story.norm_sq > 0 ? std::sqrt(story.norm_sq) : 0.0;
}

double StoryClusterer::centroid_similarity(const Story& a, const Story& b) const {
  const Story& small = a.centroid.size() <= b.centroid.size() ? a : b;
  const Story& large = &small == &a ? b : a;
  double dot = 0;
  for (auto [term, w] : small.centroid) {
    auto it = large.centroid.find(term);
    if (it == large.centroid.end()) continue;
    double i = idf(term);
    dot += static_cast<double>(w) * it->second * i * i;
  }
  double na = centroid_norm(a), nb = centroid_norm(b);
  return dot > 0 && na > 0 && nb > 0 ? dot / (na * nb) : 0.0;
}

void StoryClusterer::merge_into(Story& keep, std::uint32_t gone_id) {
  Story& gone = open_.at(gone_id);
  by_update_.erase({expiry(keep), keep.id});
  by_update_.erase({expiry(gone), gone_id});
  keep.articles += gone.articles;
  keep.first_hours = std::min(keep.first_hours, gone.first_hours);
  keep.last_hours = std::max(keep.last_hours, gone.last_hours);
  for (auto [term, w] : gone.centroid) {
    auto [it, inserted] = keep.centroid.try_emplace(term, 0.0f);
    it->second += w;
    if (inserted) postings_[term].push_back(keep.id);
  }
  for (TermVector& m : gone.recent) {
    if (keep.recent.size() < options_.member_vectors) keep.recent.push_back(std::move(m));
  }
  if (keep.members_complete && gone.members_complete && keep.articles <= options_.split_max_articles) {
    for (Story::Member& m : gone.members) keep.members.push_back(std::move(m));
    std::sort(keep.members.begin(), keep.members.end(),
              [](const Story::Member& x, const Story::Member& y) { return x.article < y.article; });
  } else {
    keep.members.clear();
    keep.members_complete = false;
  }
  keep.norm_valid = false;
  prune(keep);
  merged_into_[gone_id] = keep.id;
  ++merges_;
  open_.erase(gone_id);
  by_update_.insert({expiry(keep), keep.id});
}

void StoryClusterer::try_merges(std::uint32_t story, const std::vector<std::pair<double, std::uint32_t>>& candidates) {
  if (options_.merge_similarity <= 0) return;
  // Only the candidates sharing most of the article's top terms: a centroid comparison costs
  // O(max_centroid_terms), and the stories worth merging are the ones the article nearly joined.
  std::uint32_t tried = 0;
  for (auto [neg, c] : candidates) {
    if (tried >= options_.merge_candidates) break;
    if (c != story) ++tried;
    if (c == story || !open_.count(c) || !open_.count(story)) continue;
    // A dormant story is revived only by an article that clears its higher bar, never by a merge:
    // centroid-to-centroid similarity of two long stories on neighbouring events is high.
    if (last_hours_ > active_until(open_.at(c))) continue;
    if (centroid_similarity(open_.at(story), open_.at(c)) < options_.merge_similarity) continue;
    // The older story keeps its id.
    std::uint32_t keep = std::min(story, c), gone = std::max(story, c);
    merge_into(open_.at(keep), gone);
    story = keep;
  }
}

namespace {

// `count` as of `hours`, halving every `half_life` hours since `since`.
double decay(double count, double since, double hours, double half_life) {
  if (hours <= since || half_life <= 0) return count;
  return count * std::exp2(-(hours - since) / half_life);
}

}  // namespace

double StoryClusterer::recent_documents() const {
  return decay(recent_documents_.count, recent_documents_.hours, last_hours_, options_.burst_half_life_hours);
}

double StoryClusterer::burst_factor(std::uint32_t term, double documents) const {
  if (options_.burst_weight <= 0 || documents_ == 0) return 1.0;
  const double half_life = options_.burst_half_life_hours;
  auto it = recent_df_.find(term);
  double recent = it == recent_df_.end() ? 0.0 : decay(it->second.count, it->second.hours, last_hours_, half_life);
  auto d = df_.find(term);
  double share = (d == df_.end() ? 0.0 : d->second) / static_cast<double>(documents_);
  // +1 on both sides: a term seen once recently is not a burst, and a new term is neutral (1).
  double ratio = (recent + 1.0) / (documents * share + 1.0);
  return std::clamp(std::pow(ratio, options_.burst_weight), 0.5, 3.0);
}

void StoryClusterer::count_burst(const TermVector& doc) {
  if (options_.burst_weight <= 0) return;
  const double half_life = options_.burst_half_life_hours;
  for (auto [term, w] : doc) {
    Decayed& d = recent_df_[term];
    d.count = static_cast<float>(decay(d.count, d.hours, last_hours_, half_life) + 1.0);
    d.hours = last_hours_;
  }
  recent_documents_.count = static_cast<float>(recent_documents() + 1.0);
  recent_documents_.hours = last_hours_;
}

double StoryClusterer::idf(std::uint32_t term) const {
  auto it = df_.find(term);
  double df = it == df_.end() ? 0.0 : it->second;
  double prior = 0;
  if (options_.idf_prior_documents > 0 && df > 0) {
    // Only names: a common word's rarity among a few articles says nothing, a shared name's does.
    auto n = name_df_.find(term);
    if (n != name_df_.end() && 2.0 * n->second >= df) prior = options_.idf_prior_documents;
  }
  return std::log((documents_ + 1.0 + prior) / (df + 0.5));
}

StoryClusterer::TermVector StoryClusterer::vectorize(const Article& article, std::vector<std::uint32_t>& names) {
  names.clear();
  std::unordered_map<std::uint32_t, float> tf;
  for (std::size_t s = 0; s < article.sentences.size(); ++s) {
    const Sentence& sentence = article.sentences[s];
    float weight = s < options_.lead_sentences ? 2.0f : 1.0f;
    bool first = true;
    std::uint64_t previous = 0;  // hash of the previous content word when adjacent, else 0
    std::size_t end = std::min<std::size_t>(article.tokens.size(),
                                            static_cast<std::size_t>(sentence.first_token) + sentence.token_count);
    for (std::size_t i = sentence.first_token; i < end; ++i) {
      const Token& t = article.tokens[i];
      if (!t.is_word) {
        previous = 0;
        continue;
      }
      bool sentence_start = first;
      first = false;
      if (t.is_stopword) {
        previous = 0;
        continue;
      }
      const std::string& s_ = t.stem.empty() ? t.lower : t.stem;
      if (s_.size() < 2) {
        previous = 0;
        continue;
      }
      char c0 = t.span.begin < article.text.size() ? article.text[t.span.begin] : 'a';
      bool name = !sentence_start && c0 >= 'A' && c0 <= 'Z';
      std::uint64_t h = hash64(s_, 3);
      tf[static_cast<std::uint32_t>(h)] += weight * (name ? static_cast<float>(options_.name_weight) : 1.0f);
      if (name) names.push_back(static_cast<std::uint32_t>(h));
      // Adjacent content words ("war crimes", "Anwar Ibrahim") name the event more precisely than
      // either word: two stories about one country share its words, not its phrases.
      if (previous != 0 && options_.bigram_weight > 0) {
        std::uint64_t pair = (previous * 0x9e3779b97f4a7c15ULL) ^ (h + 0x632be59bd9b4e019ULL);
        tf[static_cast<std::uint32_t>(pair >> 32) | 1u] += weight * static_cast<float>(options_.bigram_weight);
      }
      previous = h;
    }
  }
  TermVector v(tf.begin(), tf.end());  // raw counts; weigh() turns them into weights
  std::sort(v.begin(), v.end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return v;
}

StoryClusterer::TermVector StoryClusterer::weigh(const TermVector& counts) const {
  // Burst factors are taken as the article is placed and stay in its vector (and so in the centroid).
  TermVector v;
  v.reserve(counts.size());
  const double documents = recent_documents();  // once per article, not per term
  for (auto [term, count] : counts) {
    v.emplace_back(term, static_cast<float>((1.0 + std::log(count)) * burst_factor(term, documents)));
  }
  return v;
}

StoryClusterer::TermVector StoryClusterer::unit_tfidf(const TermVector& doc) const {
  TermVector v;
  v.reserve(doc.size());
  double norm = 0;
  for (auto [term, w] : doc) {
    double x = w * idf(term);
    v.emplace_back(term, static_cast<float>(x));
    norm += x * x;
  }
  if (norm > 0) {
    float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (auto& [term, w] : v) w *= inv;
  }
  return v;
}

double StoryClusterer::similarity(const TermVector& doc, const TermVector& unit, const Story& story) const {
  double dot = 0, doc_norm = 0;
  for (auto [term, w] : doc) {
    double i = idf(term);
    double dw = w * i;
    doc_norm += dw * dw;
    auto it = story.centroid.find(term);
    if (it != story.centroid.end()) dot += dw * it->second * i;
  }
  double story_norm = centroid_norm(story);
  double best = dot > 0 && doc_norm > 0 && story_norm > 0 ? dot / (std::sqrt(doc_norm) * story_norm) : 0.0;
  // Nearest member: a story drifts, and its newest development is closest to its latest articles.
  if (!story.recent.empty()) {
    for (const TermVector& m : story.recent) {
      best = std::max(best, sparse_dot(unit, m));
    }
  }
  return best;
}

void StoryClusterer::prune(Story& story) {
  if (story.centroid.size() <= 2 * static_cast<std::size_t>(options_.max_centroid_terms)) return;
  std::vector<std::pair<double, std::uint32_t>> ranked;
  ranked.reserve(story.centroid.size());
  for (auto [term, w] : story.centroid) ranked.emplace_back(-w * idf(term), term);
  std::nth_element(ranked.begin(), ranked.begin() + options_.max_centroid_terms, ranked.end());
  ranked.resize(options_.max_centroid_terms);
  std::unordered_map<std::uint32_t, float> kept;
  kept.reserve(ranked.size());
  double norm_sq = 0;
  for (auto [neg, term] : ranked) {
    kept.emplace(term, story.centroid[term]);
    norm_sq += neg * neg;
  }
  story.centroid = std::move(kept);
  story.norm_sq = norm_sq;  // the kept terms' weights, at today's idf
  story.norm_documents = documents_;
  story.norm_valid = true;
}

void StoryClusterer::absorb(Story& story, const TermVector& doc, double hours, bool update_centroid) {
  by_update_.erase({expiry(story), story.id});
  story.last_hours = std::max(story.last_hours, hours);
  story.first_hours = std::min(story.first_hours, hours);
  ++story.articles;
  by_update_.insert({expiry(story), story.id});
  if (!update_centroid) return;
  if (options_.member_vectors > 0) {
    if (story.recent.size() < options_.member_vectors) {
      story.recent.push_back(unit_tfidf(doc));
    } else {
      story.recent[story.recent_next] = unit_tfidf(doc);
      story.recent_next = (story.recent_next + 1) % options_.member_vectors;
    }
  }
  add_to_centroid(story, doc);
}

double StoryClusterer::unit_scale(const TermVector& doc) const {
  // Each member counts once, whatever its length: its tf weights are scaled to a unit tf-idf
  // vector (idf as of its arrival), so long articles do not pull the centroid their way.
  if (!options_.unit_members) return 1.0;
  double norm = 0;
  for (auto [term, w] : doc) {
    double x = w * idf(term);
    norm += x * x;
  }
  return norm > 0 ? 1.0 / std::sqrt(norm) : 1.0;
}

void StoryClusterer::add_to_centroid(Story& story, const TermVector& doc) {
  float scale = static_cast<float>(unit_scale(doc));
  for (auto [term, w] : doc) {
    auto [it, inserted] = story.centroid.try_emplace(term, 0.0f);
    double before = it->second;
    it->second += w * scale;
    if (story.norm_valid) {
      double i = idf(term);
      story.norm_sq += (static_cast<double>(it->second) * it->second - before * before) * i * i;
    }
    if (inserted) postings_[term].push_back(story.id);
  }
  prune(story);
}

void StoryClusterer::remember(Story& story, std::uint32_t article, double hours, const TermVector& doc,
                              bool in_centroid, std::int64_t follows) {
  if (options_.split_similarity <= 0 || !story.members_complete) return;
  if (story.articles > options_.split_max_articles) {
    story.members.clear();
    story.members.shrink_to_fit();
    story.members_complete = false;
    return;
  }
  story.members.push_back(Story::Member{article, hours, doc, in_centroid, follows});
}

namespace {

double sparse_dot(const std::vector<std::pair<std::uint32_t, float>>& a,
                  const std::unordered_map<std::uint32_t, double>& b) {
  double d = 0;
  for (auto [term, w] : a) {
    auto it = b.find(term);
    if (it != b.end()) d += w * it->second;
  }
  return d;
}

double map_norm(const std::unordered_map<std::uint32_t, double>& m) {
  double n = 0;
  for (const auto& [term, w] : m) n += w * w;
  return std::sqrt(n);
}

}  // namespace

void StoryClusterer::try_split(std::uint32_t id) {
  Story& story = open_.at(id);
  story.next_split_check = std::max(story.articles + 2, story.articles * 3 / 2);
  if (!story.members_complete || story.members.size() != story.articles) return;
  // Unit tf-idf vectors (today's idf) of the members that shaped the centroid.
  std::vector<std::size_t> index;  // into story.members
  std::vector<TermVector> unit;
  for (std::size_t m = 0; m < story.members.size(); ++m) {
    if (!story.members[m].in_centroid) continue;
    index.push_back(m);
    unit.push_back(unit_tfidf(story.members[m].doc));
  }
  std::size_t n = unit.size();
  std::size_t min_part = std::max<std::uint32_t>(1, options_.split_min_articles);
  if (n < 2 * min_part) return;
  using Centroid = std::unordered_map<std::uint32_t, double>;
  auto sum_of = [&](const std::vector<int>& part, int which) {
    Centroid c;
    for (std::size_t i = 0; i < n; ++i) {
      if (part[i] != which) continue;
      for (auto [term, w] : unit[i]) c[term] += w;
    }
    return c;
  };
  // Seeds: the member farthest from the whole, then the member farthest from that one.
  std::vector<int> part(n, 0);
  Centroid all = sum_of(part, 0);
  std::size_t a = 0, b = 0;
  double low = 2;
  for (std::size_t i = 0; i < n; ++i) {
    double d = sparse_dot(unit[i], all);
    if (d < low) low = d, a = i;
  }
  Centroid seed_a;
  for (auto [term, w] : unit[a]) seed_a[term] = w;
  low = 2;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == a) continue;
    double d = sparse_dot(unit[i], seed_a);
    if (d < low) low = d, b = i;
  }
  Centroid ca = std::move(seed_a), cb;
  for (auto [term, w] : unit[b]) cb[term] = w;
  for (int round = 0; round < 10; ++round) {
    double na = map_norm(ca), nb = map_norm(cb);
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      double sa = na > 0 ? sparse_dot(unit[i], ca) / na : 0, sb = nb > 0 ? sparse_dot(unit[i], cb) / nb : 0;
      int p = sb > sa ? 1 : 0;
      if (p != part[i]) part[i] = p, changed = true;
    }
    if (round > 0 && !changed) break;
    ca = sum_of(part, 0);
    cb = sum_of(part, 1);
  }
  std::size_t size_b = static_cast<std::size_t>(std::count(part.begin(), part.end(), 1));
  if (size_b < min_part || n - size_b < min_part) return;
  double na = map_norm(ca), nb = map_norm(cb);
  double dot = 0;
  for (const auto& [term, w] : ca) {
    auto it = cb.find(term);
    if (it != cb.end()) dot += w * it->second;
  }
  double cosine = na > 0 && nb > 0 ? dot / (na * nb) : 1.0;
  if (cosine >= options_.split_similarity) return;

  // Every member's side: centroid members as 2-means said, copies with their original (or,
  // when the original is not a member, with the nearer half).
  std::vector<int> side(story.members.size(), -1);
  std::unordered_map<std::uint32_t, int> side_of_article;
  for (std::size_t i = 0; i < n; ++i) {
    side[index[i]] = part[i];
    side_of_article[story.members[index[i]].article] = part[i];
  }
  for (std::size_t m = 0; m < story.members.size(); ++m) {
    if (side[m] >= 0) continue;
    const Story::Member& member = story.members[m];
    auto it = member.follows >= 0 ? side_of_article.find(static_cast<std::uint32_t>(member.follows))
                                  : side_of_article.end();
    if (it != side_of_article.end()) {
      side[m] = it->second;
    } else {
      TermVector u = unit_tfidf(member.doc);
      side[m] = sparse_dot(u, cb) / std::max(nb, 1e-12) > sparse_dot(u, ca) / std::max(na, 1e-12) ? 1 : 0;
    }
    side_of_article[member.article] = side[m];
  }
  // The half holding the earliest member keeps the id.
  int keep_side = side[0];
  std::vector<Story::Member> members = std::move(story.members);
  by_update_.erase({expiry(story), id});
  Story fresh;
  fresh.id = next_story_++;
  merged_into_.push_back(fresh.id);
  auto rebuild = [&](Story& s, int which) {
    s.centroid.clear();
    s.recent.clear();
    s.recent_next = 0;
    s.members.clear();
    s.articles = 0;
    s.norm_valid = false;
    bool first = true;
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (side[m] != which) continue;
      Story::Member& member = members[m];
      if (first || member.hours < s.first_hours) s.first_hours = member.hours;
      if (first || member.hours > s.last_hours) s.last_hours = member.hours;
      first = false;
      ++s.articles;
      if (member.in_centroid) add_to_centroid(s, member.doc);
      story_of_[member.article] = s.id;
      s.members.push_back(std::move(member));
    }
    s.members_complete = true;
    s.next_split_check = std::max(s.articles + 2, s.articles * 3 / 2);
  };
  rebuild(story, keep_side);
  rebuild(fresh, 1 - keep_side);
  by_update_.insert({expiry(story), id});
  auto [it, ok] = open_.emplace(fresh.id, std::move(fresh));
  by_update_.insert({expiry(it->second), it->first});
  ++splits_;
}

void StoryClusterer::close(std::uint32_t story) {
  auto it = open_.find(story);
  if (it == open_.end()) return;
  by_update_.erase({expiry(it->second), story});
  open_.erase(it);
}

void StoryClusterer::close_until(double now_hours) {
  while (!by_update_.empty() && (now_hours > by_update_.begin()->first ||
                                 open_.size() > options_.max_open_stories)) {
    close(by_update_.begin()->second);
  }
}

std::vector<std::pair<double, std::uint32_t>> StoryClusterer::rank_candidates(const TermVector& weights) const {
  // Candidates: open stories sharing the heaviest terms.
  std::vector<std::pair<double, std::uint32_t>> query;
  query.reserve(weights.size());
  for (auto [term, w] : weights) query.emplace_back(-w * idf(term), term);
  std::sort(query.begin(), query.end());
  if (query.size() > options_.query_terms) query.resize(options_.query_terms);
  std::unordered_map<std::uint32_t, double> partial;
  for (auto [neg, term] : query) {
    auto it = postings_.find(term);
    if (it == postings_.end()) continue;
    for (std::uint32_t s : it->second) partial[s] += -neg;
  }
  std::vector<std::pair<double, std::uint32_t>> ranked;
  for (auto [s, score] : partial) {
    if (open_.count(s)) ranked.emplace_back(-score, s);
  }
  std::sort(ranked.begin(), ranked.end());
  if (ranked.size() > options_.max_candidates) ranked.resize(options_.max_candidates);
  return ranked;
}

std::uint32_t StoryClusterer::place_copy(std::uint32_t index, double hours, const TermVector& doc,
                                         std::uint32_t original) {
  std::uint32_t target = resolve(story_of_[original]);
  if (!open_.count(target)) {
    // A copy of an article whose story has closed reopens that story.
    Story reopened;
    reopened.id = target;
    reopened.first_hours = hours;
    reopened.last_hours = hours;
    reopened.members_complete = false;  // its earlier members are gone
    auto [it, ok] = open_.emplace(target, std::move(reopened));
    by_update_.insert({expiry(it->second), target});
  }
  bool shapes = open_[target].centroid.empty();
  absorb(open_[target], doc, hours, shapes);
  remember(open_[target], index, hours, doc, shapes, static_cast<std::int64_t>(original));
  return target;
}

std::uint32_t StoryClusterer::place_article(std::uint32_t index, double hours, const TermVector& doc) {
  std::vector<std::pair<double, std::uint32_t>> ranked = rank_candidates(doc);
  TermVector unit = unit_tfidf(doc);
  std::vector<double> sims;
  sims.reserve(ranked.size());
  for (auto [neg, s] : ranked) sims.push_back(similarity(doc, unit, open_.at(s)));
  std::optional<std::uint32_t> chosen = pick_story(ranked, sims, hours, 1.0);
  if (chosen) {
    absorb(open_.at(*chosen), doc, hours, true);
    remember(open_.at(*chosen), index, hours, doc, true, -1);
    // The story has moved towards its new member: a split-off part of it may now be close.
    try_merges(*chosen, ranked);
    return resolve(*chosen);
  }
  const std::uint32_t id = start_story(hours);
  Story& story = open_.at(id);
  absorb(story, doc, hours, true);
  remember(story, index, hours, doc, true, -1);
  return id;
}

std::optional<std::uint32_t> StoryClusterer::pick_story(const std::vector<std::pair<double, std::uint32_t>>& ranked,
                                                        const std::vector<double>& sims, double hours,
                                                        double bar_factor) const {
  // Margin over the story's own threshold decides, so a small story with its lower bar competes
  // fairly with a large one.
  std::optional<std::uint32_t> chosen;
  double best = 0;
  for (std::size_t k = 0; k < ranked.size() && k < sims.size(); ++k) {
    const std::uint32_t s = ranked[k].second;
    const Story& story = open_.at(s);
    double need = join_threshold(story) * bar_factor;
    if (hours > active_until(story)) need *= options_.dormant_factor;
    if (sims[k] < need) continue;
    double margin = sims[k] / need;
    if (!chosen || margin > best || (margin == best && s < *chosen)) {
      best = margin;
      chosen = s;
    }
  }
  return chosen;
}

std::uint32_t StoryClusterer::start_story(double hours) {
  Story story;
  story.id = next_story_++;
  story.first_hours = hours;
  story.last_hours = hours;
  merged_into_.push_back(story.id);
  auto [it, ok] = open_.emplace(story.id, std::move(story));
  by_update_.insert({expiry(it->second), it->first});
  return it->first;
}

void StoryClusterer::check_split(std::uint32_t story) {
  if (options_.split_similarity <= 0) return;
  std::uint32_t now = resolve(story);
  auto it = open_.find(now);
  if (it != open_.end() && it->second.members_complete && it->second.articles >= it->second.next_split_check &&
      it->second.articles <= options_.split_max_articles) {
    try_split(now);
  }
}

void StoryClusterer::count_document(const TermVector& doc, const std::vector<std::uint32_t>& names) {
  // An article counts in document frequencies after it has been placed.
  for (auto [term, w] : doc) ++df_[term];
  for (std::uint32_t term : names) ++name_df_[term];
  ++documents_;
}

std::uint32_t StoryClusterer::add(const Article& article, std::optional<std::uint32_t> same_story_as) {
  const bool delayed = options_.delay_hours > 0;
  std::optional<double> published = parse_iso_hours(article.meta.published);
  double hours = published ? *published : last_hours_;
  // The waiting articles are placed as of their own time, before the clock moves on.
  if (delayed && !waiting_.empty() && hours - waiting_since_ >= options_.delay_hours) {
    place_waiting(hours - options_.delay_hours / 2);
  }
  if (published) {
    if (!has_time_ || hours > last_hours_) last_hours_ = hours;
    has_time_ = true;
  }
  const auto index = static_cast<std::uint32_t>(story_of_.size());
  if (!delayed) close_until(last_hours_);
  std::vector<std::uint32_t> names;
  TermVector counts = vectorize(article, names);
  std::optional<std::uint32_t> original;
  if (same_story_as && *same_story_as < index) original = *same_story_as;
  std::uint32_t chosen = kPending;
  if (delayed) {
    if (waiting_.empty() || hours < waiting_since_) waiting_since_ = hours;
    waiting_.push_back(Waiting{index, hours, std::move(counts), {}, std::move(names),
                               original ? static_cast<std::int64_t>(*original) : -1});
  } else {
    TermVector doc = weigh(counts);
    chosen = original ? place_copy(index, hours, doc, *original) : place_article(index, hours, doc);
    count_document(doc, names);
    count_burst(doc);
  }
  story_of_.push_back(chosen);
  if (delayed) {
    if (waiting_.size() >= std::max<std::uint32_t>(1, options_.delay_max_articles)) flush();
  } else {
    check_split(chosen);
  }
  // Lazy cleaning of the candidate index (see the file comment).
  if ((story_of_.size() & 1023u) == 0) {
    std::size_t live = 0, held = 0;
    for (const auto& [id, s] : open_) live += s.centroid.size();
    for (const auto& [term, list] : postings_) held += list.size();
    if (held > 2 * live + 4096) {
      postings_.clear();
      std::vector<std::uint32_t> ids;
      for (const auto& [id, s] : open_) ids.push_back(id);
      std::sort(ids.begin(), ids.end());
      for (std::uint32_t id : ids) {
        for (const auto& [term, w] : open_.at(id).centroid) postings_[term].push_back(id);
      }
    }
  }
  return story_of_.back() == kPending ? kPending : resolve(story_of_.back());
}

std::optional<std::uint32_t> StoryClusterer::story_of(std::uint32_t article) {
  if (article >= story_of_.size()) return std::nullopt;
  if (story_of_[article] == kPending) flush();
  return resolve(story_of_[article]);
}

ClusterStats StoryClusterer::stats() const {
  ClusterStats s;
  s.open_stories = open_.size();
  for (const auto& [term, list] : postings_) s.posting_entries += list.size();
  for (const auto& [id, story] : open_) s.centroid_terms += story.centroid.size();
  s.vocabulary = df_.size();
  s.stories = next_story_;
  s.merges = merges_;
  s.splits = splits_;
  return s;
}

std::vector<StoryInfo> StoryClusterer::open_stories() const {
  std::vector<StoryInfo> out;
  for (const auto& [id, s] : open_) out.push_back(StoryInfo{id, s.articles, s.first_hours, s.last_hours, true});
  std::sort(out.begin(), out.end(), [](const StoryInfo& a, const StoryInfo& b) { return a.id < b.id; });
  return out;
}

}  // namespace precis::cluster
