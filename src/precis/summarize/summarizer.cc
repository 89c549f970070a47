#include "precis/summarize/summarizer.h"

#include <algorithm>
#include <cctype>
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

std::vector<std::vector<Citation>> attribute_all(const std::vector<const Article*>& articles,
                                                const std::vector<std::pair<std::uint32_t, std::uint32_t>>& sentences,
                                                double threshold) {
  // Each query sentence's distinct content stems; a map from stem to the queries holding it.
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> holders;
  std::vector<double> query_size(sentences.size(), 0);
  std::vector<std::string_view> stems;
  auto distinct_stems = [&](const Article& a, const Sentence& s) {
    stems.clear();
    for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count && t < a.tokens.size(); ++t) {
      if (a.tokens[t].is_word && !a.tokens[t].is_stopword) stems.emplace_back(a.tokens[t].stem);
    }
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  };
  for (std::uint32_t q = 0; q < sentences.size(); ++q) {
    const Article& a = *articles[sentences[q].first];
    distinct_stems(a, a.sentences[sentences[q].second]);
    query_size[q] = static_cast<double>(stems.size());
    for (std::string_view stem : stems) holders[stem].push_back(q);
  }
  std::vector<std::vector<std::pair<std::uint32_t, Citation>>> others(sentences.size());
  std::vector<double> best(sentences.size());
  std::vector<std::uint32_t> best_sentence(sentences.size());
  std::vector<std::uint32_t> common(sentences.size());
  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    const Article& other = *articles[a];
    std::fill(best.begin(), best.end(), 0.0);
    std::fill(best_sentence.begin(), best_sentence.end(), 0);
    for (std::uint32_t s = 0; s < other.sentences.size(); ++s) {
      distinct_stems(other, other.sentences[s]);
      if (stems.empty()) continue;
      std::fill(common.begin(), common.end(), 0);
      bool any = false;
      for (std::string_view stem : stems) {
        auto it = holders.find(stem);
        if (it == holders.end()) continue;
        any = true;
        for (std::uint32_t q : it->second) ++common[q];
      }
      if (!any) continue;
      for (std::uint32_t q = 0; q < sentences.size(); ++q) {
        if (query_size[q] == 0) continue;
        double sim = common[q] / std::sqrt(query_size[q] * static_cast<double>(stems.size()));
        if (sim > best[q]) {
          best[q] = sim;
          best_sentence[q] = s;
        }
      }
    }
    for (std::uint32_t q = 0; q < sentences.size(); ++q) {
      if (a == sentences[q].first || best[q] < threshold) continue;
      const Sentence& hit = other.sentences[best_sentence[q]];
      others[q].emplace_back(a, Citation{other.id, best_sentence[q], other.original_span(hit.span)});
    }
  }
  std::vector<std::vector<Citation>> out(sentences.size());
  for (std::uint32_t q = 0; q < sentences.size(); ++q) {
    const Article& source = *articles[sentences[q].first];
    const Sentence& sentence = source.sentences[sentences[q].second];
    out[q].push_back(Citation{source.id, sentences[q].second, source.original_span(sentence.span)});
    std::sort(others[q].begin(), others[q].end(), [&](const auto& x, const auto& y) {
      return earlier(*articles[x.first], x.first, *articles[y.first], y.first);
    });
    for (auto& [a, c] : others[q]) out[q].push_back(c);
  }
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

  // Large stories: concepts and candidates come from an evenly spaced sample of the counted
  // articles, which bounds the concept table, the candidate pool and the solver's program
  // however many articles report the story. A concept that matters recurs across articles, so a
  // sample of a thousand finds it; attribution still scans every article.
  std::vector<const Article*> basis = articles;
  std::vector<bool> basis_skip = skip;
  std::vector<std::uint32_t> basis_index(articles.size());
  for (std::uint32_t i = 0; i < basis_index.size(); ++i) basis_index[i] = i;
  bool sampled = false;
  {
    std::vector<std::uint32_t> counted;
    for (std::uint32_t i = 0; i < articles.size(); ++i) {
      if (!skip[i]) counted.push_back(i);
    }
    const std::size_t cap = options.max_sample_articles;
    if (cap > 0 && counted.size() > cap) {
      sampled = true;
      basis.clear();
      basis_index.clear();
      for (std::size_t k = 0; k < cap; ++k) {
        std::uint32_t i = counted[k * counted.size() / cap];
        basis.push_back(articles[i]);
        basis_index.push_back(i);
      }
      basis_skip.assign(basis.size(), false);
    }
  }
  CandidateSet set = build_candidates(basis, basis_skip, options.candidates);
  if (set.candidates.empty()) {
    // Nothing passed the stand-alone rules: relax them rather than return nothing.
    CandidateOptions relaxed = options.candidates;
    relaxed.require_standalone = false;
    relaxed.min_words = 4;
    set = build_candidates(basis, basis_skip, relaxed);
  }
  // From here on candidates index `articles` (sentence_unigrams keeps the basis' indexing).
  for (Candidate& c : set.candidates) c.article = basis_index[c.article];
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

  const bool learnt = options.concept_model != nullptr && set.table.documents >= 3;
  if (learnt) {
    // Values on a 0-10 scale: only ratios matter to the selection, but GLPK's tolerances are
    // absolute.
    const ConceptModel& model = *options.concept_model;
    for (std::size_t i = 0; i < value.size(); ++i) {
      value[i] = 0;
      if (set.table.concept_weight[i] < options.model_min_df) continue;
      double p = model.probability(ConceptKind::kBigram, concept_features(set.table, ConceptKind::kBigram, static_cast<std::uint32_t>(i)));
      if (p < options.model_min_probability) continue;
      double unsupervised = set.table.concept_weight[i] + options.lead_weight * set.table.concept_lead[i];
      value[i] = (1 - options.model_df_share) * 10 * p + options.model_df_share * unsupervised;
    }
    if (options.model_unigram_weight > 0) {
      std::uint32_t offset = static_cast<std::uint32_t>(value.size());
      value.resize(offset + set.table.unigram_weight.size(), 0);
      for (std::size_t i = 0; i < set.table.unigram_weight.size(); ++i) {
        if (set.table.unigram_weight[i] < options.model_min_df) continue;
        double p = model.probability(ConceptKind::kUnigram, concept_features(set.table, ConceptKind::kUnigram, static_cast<std::uint32_t>(i)));
        if (p >= options.model_min_probability) value[offset + i] = 10 * options.model_unigram_weight * p;
      }
      for (Candidate& c : set.candidates) {
        for (std::uint32_t u : c.unigrams) c.concepts.push_back(offset + u);
      }
    }
  } else if (options.unigram_weight > 0) {
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

  // Small stories in user mode: the earliest original's lead is a must-include. A bonus above the
  // value of every concept together makes both solvers take it whenever it fits.
  if (!options.fill_budget && options.lead_first_max_articles > 0) {
    std::int64_t first_article = -1;
    std::uint32_t counted = 0;
    for (std::uint32_t i = 0; i < articles.size(); ++i) {
      if (skip[i]) continue;
      ++counted;
      if (first_article < 0 || earlier(*articles[i], i, *articles[first_article], static_cast<std::uint32_t>(first_article))) {
        first_article = i;
      }
    }
    if (first_article >= 0 && counted <= options.lead_first_max_articles) {
      Candidate* lead = nullptr;
      for (Candidate& c : set.candidates) {
        if (c.article != first_article || c.sentence >= std::max<std::uint32_t>(1, options.candidates.lead_sentences)) continue;
        if (lead == nullptr || c.sentence < lead->sentence) lead = &c;
      }
      if (lead != nullptr) {
        double total = 1;
        for (double v : value) total += std::max(0.0, v);
        for (const Candidate& c : set.candidates) total += std::max(0.0, c.bonus);
        lead->bonus += total;
      }
    }
  }

  SelectOptions select;
  select.solver = options.solver;
  select.max_candidates = options.max_candidates;
  select.work_limit = options.ilp_work_limit;
  select.max_pair_similarity = options.max_pair_similarity;
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
    // Only the part before the cut is scored, so the filler is chosen by the concepts of that
    // prefix, not of the whole sentence.
    const double remaining = select.budget - used;
    const bool has_unigrams = value.size() > set.table.concept_weight.size();
    const auto unigram_offset = static_cast<std::uint32_t>(set.table.concept_weight.size());
    std::string key;
    std::vector<std::uint32_t> touched;
    auto prefix_gain = [&](const Candidate& c) {
      const Article& a = *articles[c.article];
      const Sentence& sentence = a.sentences[c.sentence];
      std::string_view text = a.sentence_text(sentence);
      std::size_t cut = text.size();
      if (select.budget_in_bytes) {
        cut = std::min<std::size_t>(cut, static_cast<std::size_t>(std::max(0.0, remaining)));
      } else {
        std::uint32_t words = 0;
        bool in_word = false;
        for (std::size_t b = 0; b < text.size(); ++b) {
          bool space = std::isspace(static_cast<unsigned char>(text[b])) != 0;
          if (space && in_word && ++words >= remaining) { cut = b; break; }
          in_word = !space;
        }
      }
      const std::uint32_t limit = sentence.span.begin + static_cast<std::uint32_t>(cut);
      double gain = 0;
      touched.clear();
      auto add = [&](std::uint32_t id) {
        if (id >= value.size() || covered[id]) return;
        covered[id] = 1;  // provisionally, so a concept repeated in the prefix counts once
        touched.push_back(id);
        gain += value[id];
      };
      const Token* previous = nullptr;
      for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count; ++t) {
        const Token& tok = a.tokens[t];
        if (!tok.is_word) continue;
        if (tok.span.end > limit) break;
        if (has_unigrams && !tok.is_stopword) {
          auto it = set.table.unigram_ids.find(tok.stem);
          if (it != set.table.unigram_ids.end()) add(unigram_offset + it->second);
        }
        if (previous && !(previous->is_stopword && tok.is_stopword)) {
          key.assign(previous->stem);
          key.push_back(' ');
          key.append(tok.stem);
          auto it = set.table.concept_ids.find(key);
          if (it != set.table.concept_ids.end()) add(it->second);
        }
        previous = &tok;
      }
      for (std::uint32_t id : touched) covered[id] = 0;
      return gain;
    };
    double best = 0;
    std::vector<std::vector<std::uint32_t>> chosen_words;
    if (options.max_pair_similarity > 0) {
      for (std::uint32_t c : chosen) chosen_words.push_back(content_word_set(set.candidates[c]));
    }
    for (std::uint32_t i = 0; i < set.candidates.size(); ++i) {
      if (std::find(chosen.begin(), chosen.end(), i) != chosen.end()) continue;
      if (!chosen_words.empty()) {
        const std::vector<std::uint32_t> words = content_word_set(set.candidates[i]);
        if (std::any_of(chosen_words.begin(), chosen_words.end(), [&](const std::vector<std::uint32_t>& c) {
              return set_similarity(c, words) >= options.max_pair_similarity;
            })) {
          continue;
        }
      }
      double gain = options.fill_by_prefix ? prefix_gain(set.candidates[i]) : 0;
      if (!options.fill_by_prefix) {
        for (std::uint32_t id : set.candidates[i].concepts) {
          if (!covered[id]) gain += value[id];
        }
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
  std::vector<std::vector<Citation>> scanned;
  if (sampled) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> places;
    for (std::uint32_t i : chosen) places.emplace_back(set.candidates[i].article, set.candidates[i].sentence);
    scanned = attribute_all(articles, places, options.attribution_threshold);
  }
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const Candidate& c = set.candidates[chosen[k]];
    const Article& a = *articles[c.article];
    SummarySentence s;
    s.text = std::string(a.sentence_text(a.sentences[c.sentence]));
    s.citations = sampled ? std::move(scanned[k]) : attribute(articles, set, c.article, c.sentence, options.attribution_threshold);
    summary.push_back(std::move(s));
  }
  return summary;
}

}  // namespace precis::summarize
