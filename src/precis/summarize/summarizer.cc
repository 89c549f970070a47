#include "precis/summarize/summarizer.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace precis::summarize {
namespace {

double cosine(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) { ++common; ++i; ++j; }
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return static_cast<double>(common) / std::sqrt(static_cast<double>(a.size()) * static_cast<double>(b.size()));
}

// Articles in reading order: by publication date when known, then input order.
bool earlier(const Article& a, std::uint32_t ia, const Article& b, std::uint32_t ib) {
  const std::string& da = a.meta.published;
  const std::string& db = b.meta.published;
  if (!da.empty() && !db.empty() && da != db) return da < db;
  if (da.empty() != db.empty()) return !da.empty();
  return ia < ib;
}

}  // namespace

std::vector<Citation> attribute(const std::vector<const Article*>& articles, const CandidateSet& set,
                                std::uint32_t article_index, std::uint32_t sentence_index, double threshold) {
  const Article& source = *articles[article_index];
  const Sentence& sentence = source.sentences[sentence_index];
  const std::vector<std::uint32_t>& stems = set.sentence_unigrams[article_index][sentence_index];
  std::vector<Citation> out;
  out.push_back(Citation{source.id, sentence_index, source.original_span(sentence.span)});
  std::vector<std::pair<std::uint32_t, Citation>> others;
  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    if (a == article_index) continue;
    const Article& other = *articles[a];
    double best = 0;
    std::uint32_t best_sentence = 0;
    for (std::uint32_t s = 0; s < other.sentences.size(); ++s) {
      double sim = cosine(stems, set.sentence_unigrams[a][s]);
      if (sim > best) {
        best = sim;
        best_sentence = s;
      }
    }
    if (best >= threshold) {
      others.emplace_back(a, Citation{other.id, best_sentence, other.original_span(other.sentences[best_sentence].span)});
    }
  }
  std::sort(others.begin(), others.end(), [&](const auto& x, const auto& y) {
    return earlier(*articles[x.first], x.first, *articles[y.first], y.first);
  });
  for (auto& [a, c] : others) out.push_back(c);
  return out;
}

std::vector<SummarySentence> summarize(const std::vector<const Article*>& articles, const SummaryOptions& options) {
  std::vector<SummarySentence> summary;
  if (articles.empty()) return summary;
  std::vector<bool> skip(articles.size(), false);
  // Copies and rewrites repeat an original: cited, but neither candidates nor independent evidence.
  for (std::size_t i = 0; i < articles.size(); ++i) {
    skip[i] = articles[i]->duplicate_of.has_value() || articles[i]->rewrite_of.has_value();
  }

  CandidateSet set = build_candidates(articles, skip, options.candidates);
  if (set.candidates.empty()) {
    // Nothing passed the stand-alone rules: relax them rather than return nothing.
    CandidateOptions relaxed = options.candidates;
    relaxed.require_standalone = false;
    relaxed.min_words = 4;
    set = build_candidates(articles, skip, relaxed);
  }
  // Drop candidates from duplicate articles and repeated sentences: each content once.
  {
    // Earliest source first, so that a sentence repeated by later copies is shown from the original.
    std::stable_sort(set.candidates.begin(), set.candidates.end(), [&](const Candidate& x, const Candidate& y) {
      if (x.article == y.article) return x.sentence < y.sentence;
      return earlier(*articles[x.article], x.article, *articles[y.article], y.article);
    });
    std::unordered_set<std::string_view> seen;
    std::vector<Candidate> kept;
    for (Candidate& c : set.candidates) {
      const Article& a = *articles[c.article];
      if (skip[c.article]) continue;
      if (!seen.insert(a.sentence_text(a.sentences[c.sentence])).second) continue;
      kept.push_back(std::move(c));
    }
    set.candidates = std::move(kept);
  }

  // Concept values: document frequency, counting only concepts that recur across documents when
  // the story has several (Gillick & Favre keep concepts in at least 3 documents for 10-document
  // sets); a single article falls back to raw frequency.
  double min_df = options.min_concept_df;
  if (min_df <= 0) {
    std::uint32_t docs = set.table.documents;
    min_df = docs >= 8 ? 3 : (docs >= 3 ? 2 : 1);
  }
  std::vector<double> value(set.table.concept_weight.size(), 0);
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (set.table.concept_weight[i] >= min_df) {
      value[i] = set.table.concept_weight[i] + options.lead_weight * set.table.concept_lead[i];
    }
  }
  if (min_df == 1) {
    // One document: value concepts by how often they occur in it.
    std::fill(value.begin(), value.end(), 0);
    for (const Candidate& c : set.candidates) {
      for (std::uint32_t id : c.concepts) value[id] += 1;
    }
  }

  if (options.unigram_weight > 0) {
    // Content words as concepts too, after the bigrams: ids offset by the bigram count.
    std::uint32_t offset = static_cast<std::uint32_t>(value.size());
    value.resize(offset + set.table.unigram_weight.size(), 0);
    for (std::size_t i = 0; i < set.table.unigram_weight.size(); ++i) {
      if (set.table.unigram_weight[i] >= min_df) value[offset + i] = options.unigram_weight * set.table.unigram_weight[i];
    }
    for (Candidate& c : set.candidates) {
      for (std::uint32_t u : c.unigrams) c.concepts.push_back(offset + u);
    }
  }

  if (options.position_weight > 0) {
    double lead = std::max<double>(1, options.candidates.lead_sentences);
    for (Candidate& c : set.candidates) c.bonus = options.position_weight * std::max(0.0, 1.0 - c.sentence / lead);
  }

  SelectOptions select;
  select.solver = options.solver;
  select.max_candidates = options.max_candidates;
  select.budget_in_bytes = options.max_bytes > 0;
  select.budget = options.max_bytes > 0 ? options.max_bytes : options.max_words;
  if (select.budget <= 0) select.budget = 1e9;
  if (options.fill_budget) select.budget *= (1.0 + options.fill_slack);
  std::vector<std::uint32_t> chosen = select_sentences(set, value, select);

  // Evaluation protocol: fill the budget. The words left over go to the candidate with the best
  // gain, placed last so that the scorer's cut falls on it and not on the chosen sentences.
  std::int64_t filler = -1;
  if (options.fill_budget) {
    std::vector<char> covered(value.size(), 0);
    double used = 0;
    for (std::uint32_t i : chosen) {
      used += select.budget_in_bytes ? set.candidates[i].bytes : set.candidates[i].words;
      for (std::uint32_t id : set.candidates[i].concepts) covered[id] = 1;
    }
    double best = 0;
    for (std::uint32_t i = 0; i < set.candidates.size(); ++i) {
      if (std::find(chosen.begin(), chosen.end(), i) != chosen.end()) continue;
      double gain = 0;
      for (std::uint32_t id : set.candidates[i].concepts) {
        if (!covered[id]) gain += value[id];
      }
      if (gain > best) {
        best = gain;
        filler = i;
      }
    }
    if (used >= select.budget) filler = -1;
  }

  // Order: source date, then position in the article.
  std::sort(chosen.begin(), chosen.end(), [&](std::uint32_t x, std::uint32_t y) {
    const Candidate& cx = set.candidates[x];
    const Candidate& cy = set.candidates[y];
    if (cx.article != cy.article) return earlier(*articles[cx.article], cx.article, *articles[cy.article], cy.article);
    return cx.sentence < cy.sentence;
  });
  if (filler >= 0) chosen.push_back(static_cast<std::uint32_t>(filler));
  for (std::uint32_t i : chosen) {
    const Candidate& c = set.candidates[i];
    const Article& a = *articles[c.article];
    SummarySentence s;
    s.text = std::string(a.sentence_text(a.sentences[c.sentence]));
    s.citations = attribute(articles, set, c.article, c.sentence, options.attribution_threshold);
    summary.push_back(std::move(s));
  }
  return summary;
}

}  // namespace precis::summarize
