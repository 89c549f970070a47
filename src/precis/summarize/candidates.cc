#include "precis/summarize/candidates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <string_view>
#include <unordered_set>

namespace precis::summarize {
namespace {

constexpr std::array<std::string_view, 22> kPronounStarts = {
    "he", "she", "they", "it", "his", "her", "their", "its", "him", "them", "this", "that", "these",
    "those", "we", "our", "i", "such", "there", "here", "both", "another"};
// Openers that point back at an earlier sentence ("Again, the Israeli leader ..." repeats what the
// reader has not been shown).
constexpr std::array<std::string_view, 29> kConnectiveStarts = {
    "but", "and", "or", "so", "yet", "however", "also", "still", "meanwhile", "instead", "moreover",
    "then", "thus", "therefore", "nevertheless", "besides", "furthermore", "otherwise", "later", "nor",
    "again", "similarly", "likewise", "nonetheless", "consequently", "hence", "accordingly",
    "additionally", "afterwards"};
constexpr std::array<std::string_view, 12> kSpeechVerbs = {
    "said", "says", "say", "told", "according", "added", "asked", "stated", "declared", "announced",
    "wrote", "explained"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Openings that refer to something the previous sentence named: "The two had differed ...",
// "In the other, Joe Lockhart ...", "Three days earlier, Shepard ...".
bool points_back(const Article& article, const Sentence& sentence) {
  std::string_view w[4];
  int n = 0;
  for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count && n < 4; ++t) {
    if (article.tokens[t].is_word) w[n++] = article.tokens[t].lower;
  }
  if (n < 3) return false;
  static constexpr std::array<std::string_view, 8> kBack = {"two", "three", "four", "latter", "former",
                                                            "other", "pair", "same"};
  // "The two ...", "The latter ..."; "In the other, ..." (a preposition, then the same).
  if (w[0] == "the" && in(kBack, w[1])) return true;
  if ((w[0] == "in" || w[0] == "of" || w[0] == "for" || w[0] == "at") && w[1] == "the" && in(kBack, w[2])) {
    return true;
  }
  // "Three days earlier," / "Two weeks later": counted from a day the reader has not been given.
  static constexpr std::array<std::string_view, 6> kUnits = {"hours", "days", "weeks", "months", "years", "minutes"};
  if (in(kUnits, w[1]) && (w[2] == "earlier" || w[2] == "later")) return true;
  return false;
}

// A discourse adverb set off by commas inside the sentence or closing it ("Former President de
// Klerk, meanwhile, plans ...", "That is a self-fulfilling strategy, however.") contrasts the
// sentence with one the reader has not been shown, as a leading "However," does.
bool points_back_inside(const Article& article, const Sentence& sentence) {
  static constexpr std::array<std::string_view, 5> kAdverbs = {"however", "though", "meanwhile", "nevertheless",
                                                               "nonetheless"};
  const std::string_view text = article.text;
  bool first = true;
  for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count; ++t) {
    const Token& tok = article.tokens[t];
    if (!tok.is_word) continue;
    if (first) {  // a leading one is the connective rule's
      first = false;
      continue;
    }
    if (!in(kAdverbs, tok.lower)) continue;
    std::size_t before = tok.span.begin;
    while (before > sentence.span.begin && text[before - 1] == ' ') --before;
    std::size_t after = tok.span.end;
    while (after < sentence.span.end && text[after] == ' ') ++after;
    const bool comma_before = before > sentence.span.begin && text[before - 1] == ',';
    const bool set_off_after = after < sentence.span.end && (text[after] == ',' || text[after] == '.');
    if (comma_before && set_off_after) return true;
  }
  return false;
}

// "... haven't." / "... didn't.": the verb is in a sentence the reader has not been shown.
bool ends_on_left_out_verb(std::string_view text, std::size_t end) {
  // `end` is just past the final punctuation; look at the word before it.
  std::size_t stop = end > 0 ? end - 1 : 0;
  std::string_view body = text.substr(0, stop);
  return body.ends_with("n't") || body.ends_with("n\xE2\x80\x99t");
}

// A line of a table: four or more numbers, and at least two words in five a number.
bool mostly_numbers(const Article& article, const Sentence& sentence) {
  std::uint32_t words = 0, numbers = 0;
  for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count; ++t) {
    const Token& tok = article.tokens[t];
    if (!tok.is_word) continue;
    ++words;
    if (std::any_of(tok.lower.begin(), tok.lower.end(), [](char c) { return c >= '0' && c <= '9'; })) ++numbers;
  }
  return numbers >= 4 && numbers * 5 >= words * 2;
}

}  // namespace

std::uint32_t count_words(std::string_view text) {
  std::uint32_t n = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

bool is_part_of_quotation(std::string_view text) {
  return std::count(text.begin(), text.end(), '"') % 2 == 1 ||
         std::count(text.begin(), text.end(), '(') != std::count(text.begin(), text.end(), ')');
}

Rejection check_standalone(const Article& article, const Sentence& sentence, const CandidateOptions& options) {
  std::string_view text = article.sentence_text(sentence);
  std::uint32_t words = count_words(text);
  if (words < options.min_words) return Rejection::kTooShort;
  if (words > options.max_words) return Rejection::kTooLong;
  // Strip closing quotes and brackets to find the final punctuation.
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == '"' || text[end - 1] == '\'' || text[end - 1] == ')' || text[end - 1] == ' ')) --end;
  if (end == 0) return Rejection::kNoEnding;
  char last = text[end - 1];
  if (last == '?') return Rejection::kQuestion;
  if (last != '.' && last != '!') return Rejection::kNoEnding;
  if (options.require_standalone && mostly_numbers(article, sentence)) return Rejection::kTableRow;
  if (!options.require_standalone || !article.reads_as_english()) return Rejection::kNone;
  if (ends_on_left_out_verb(text, end)) return Rejection::kEllipsis;
  if (points_back_inside(article, sentence)) return Rejection::kPointsBackInside;
  if (options.whole_quotations && is_part_of_quotation(text)) return Rejection::kPartOfQuotation;

  // The first word token, lower-cased.
  std::string_view first;
  bool opens_with_quote = !text.empty() && (text[0] == '"' || text[0] == '\'');
  for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count; ++t) {
    if (article.tokens[t].is_word) {
      first = article.tokens[t].lower;
      break;
    }
  }
  // Inside an opening quotation the pronoun is the speaker's own ("We lost everything," said ...);
  // the quotation rule below decides those.
  if (!opens_with_quote && in(kPronounStarts, first)) return Rejection::kPronounStart;
  if (!opens_with_quote && in(kConnectiveStarts, first)) return Rejection::kConnectiveStart;
  if (!opens_with_quote && points_back(article, sentence)) return Rejection::kPronounStart;
  // "..., he said." leaves the speaker unresolved just as a leading "He" does.
  {
    std::uint32_t last_words[2] = {0, 0};
    int found = 0;
    for (std::uint32_t t = sentence.first_token + sentence.token_count; t > sentence.first_token && found < 2; --t) {
      if (article.tokens[t - 1].is_word) last_words[found++] = t - 1;
    }
    if (found == 2 && in(kSpeechVerbs, article.tokens[last_words[0]].lower) &&
        in(kPronounStarts, article.tokens[last_words[1]].lower)) {
      return Rejection::kPronounStart;
    }
  }
  // A quotation whose speaker is only a pronoun ('"...," he told reporters.') needs context too.
  if (opens_with_quote) {
    const Token* previous = nullptr;
    for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count; ++t) {
      const Token& tok = article.tokens[t];
      if (!tok.is_word) continue;
      if (previous && in(kSpeechVerbs, tok.lower) && in(kPronounStarts, previous->lower)) return Rejection::kPronounStart;
      previous = &tok;
    }
  }
  if (opens_with_quote) {
    bool has_speaker = false;
    for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count; ++t) {
      if (in(kSpeechVerbs, article.tokens[t].lower)) {
        has_speaker = true;
        break;
      }
    }
    if (!has_speaker) return Rejection::kUnattributedQuote;
  }
  return Rejection::kNone;
}

namespace {

// Sentences that name someone by surname alone ("McLeod said 40,000 East Timorese were killed")
// when the story introduces that name in full elsewhere ("Australian historian Ross McLeod") and
// the name is not one most articles use (Pinochet, Netanyahu: every reader of the story knows
// them). Taken out of its article, such a sentence leaves the reader asking who that is.
//   name        a capitalised word of 3+ letters with a lower-case letter (not "AOL", "U.N."),
//               never written in lower case in the story ("Bank" is also "bank");
//   introduced  right after another capitalised word that is no stopword, no courtesy title and
//               not the sentence's first word ("historian Ross McLeod", "Prime Minister Hariri";
//               not "Mr. McLeod", "Late Monday"; "Bulent Ecevit" opening a sentence is not bare,
//               but counts as no introduction, since "Late Monday" looks the same);
//   bare        neither introduced nor followed by another capitalised word ("Hariri Foundation");
//   a person    somewhere beside a speech verb or after a courtesy title ("McLeod said", "Mr.
//               McLeod"), and never after "in", "to", "on", ... ("in Japan", "on Monday").
// Returns, per article and sentence, whether the sentence names someone it does not introduce.
std::vector<std::vector<bool>> unintroduced_names(const std::vector<const Article*>& articles,
                                                  const std::vector<bool>& skip) {
  struct NameUse {
    std::uint32_t introduced = 0;
    bool person = false;      // seen beside a speech verb or after a courtesy title
    bool place = false;       // seen after "in", "to", "from", "on", ... ("in Japan", "on Monday")
    bool lower_case = false;  // also written in lower case ("Bank" and "bank")
    std::uint32_t articles = 0;  // counted articles using it in any form
    std::uint32_t last_article = UINT32_MAX;
  };
  std::unordered_map<std::string, NameUse> names;
  auto capitalised = [](const Article& a, const Token& t) {
    return t.is_word && t.span.begin < a.text.size() && a.text[t.span.begin] >= 'A' && a.text[t.span.begin] <= 'Z';
  };
  static const std::unordered_set<std::string> kCalendar = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
      "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"};
  auto is_name = [&](const Article& a, const Token& t) {
    if (!capitalised(a, t) || t.is_stopword || t.lower.size() < 3 || kCalendar.count(t.lower)) return false;
    // A lower-case letter as written: "McLeod", not "AOL" or "U.N.".
    return std::string_view(a.text).substr(t.span.begin, t.span.end - t.span.begin).find_first_of(
               "abcdefghijklmnopqrstuvwxyz") != std::string_view::npos;
  };
  static const std::unordered_set<std::string> kCourtesy = {"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr."};
  // The word tokens of a sentence, into a buffer reused across sentences.
  auto words_of = [](const Article& a, const Sentence& s, std::vector<std::uint32_t>& w) {
    w.clear();
    for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count && t < a.tokens.size(); ++t) {
      if (a.tokens[t].is_word) w.push_back(t);
    }
  };
  std::vector<std::uint32_t> w;
  static const std::unordered_set<std::string> kPlacePrepositions = {"in", "to", "from", "on", "at", "into", "across",
                                                                      "near", "outside", "inside", "throughout"};
  static const std::unordered_set<std::string> kSpeech = {"said", "says", "say", "told", "added", "asked", "according",
                                                          "wrote", "testified", "argued", "insisted"};
  enum Use { kNotName, kIntroduced, kBare, kInName };
  auto use_at = [&](const Article& a, std::size_t i) {
    const Token& t = a.tokens[w[i]];
    if (!is_name(a, t)) return kNotName;
    if (i > 0) {
      const Token& p = a.tokens[w[i - 1]];
      // The word before must not open the sentence: "Late Monday" is no name, while "Ross McLeod"
      // at the head of a sentence is usually written out in full elsewhere too.
      if (capitalised(a, p) && !p.is_stopword && kCourtesy.count(p.lower) == 0) return i >= 2 ? kIntroduced : kInName;
    }
    if (i + 1 < w.size() && capitalised(a, a.tokens[w[i + 1]])) return kInName;
    return kBare;
  };
  // Family names come first in Chinese, Korean and Vietnamese names ("Zha Jianguo", "Kim
  // Dae-jung"): a name followed by a given name that the story never writes otherwise introduces
  // the family name too. given_after[(family, given)] counts such pairs, name_uses[given] every
  // use of the given name.
  std::map<std::pair<std::string, std::string>, std::uint32_t> given_after;
  std::unordered_map<std::string, std::uint32_t> name_uses;
  std::uint32_t documents = 0;
  for (std::uint32_t ai = 0; ai < articles.size(); ++ai) {
    const Article& a = *articles[ai];
    const bool counts = !(ai < skip.size() && skip[ai]);
    documents += counts;
    for (const Sentence& s : a.sentences) {
      words_of(a, s, w);
      for (std::size_t i = 0; i < w.size(); ++i) {
        const Use use = use_at(a, i);
        if (use == kNotName) continue;
        ++name_uses[a.tokens[w[i]].lower];
        if (i + 1 < w.size() && is_name(a, a.tokens[w[i + 1]]) && a.tokens[w[i + 1]].span.begin == a.tokens[w[i]].span.end + 1) {
          ++given_after[{a.tokens[w[i]].lower, a.tokens[w[i + 1]].lower}];
        }
        NameUse& n = names[a.tokens[w[i]].lower];
        if (use == kIntroduced) ++n.introduced;
        if ((i + 1 < w.size() && kSpeech.count(a.tokens[w[i + 1]].lower)) ||
            (i > 0 && (kSpeech.count(a.tokens[w[i - 1]].lower) || kCourtesy.count(a.tokens[w[i - 1]].lower)))) {
          n.person = true;
        }
        if (i > 0 && kPlacePrepositions.count(a.tokens[w[i - 1]].lower)) n.place = true;
        if (counts && n.last_article != ai) {
          ++n.articles;
          n.last_article = ai;
        }
      }
    }
  }
  if (names.empty()) return {};
  for (const auto& [pair, count] : given_after) {
    auto uses = name_uses.find(pair.second);
    if (uses != name_uses.end() && uses->second == count) names[pair.first].introduced += count;
  }
  for (const Article* a : articles) {
    for (const Token& t : a->tokens) {
      if (t.is_word && t.span.begin < a->text.size() && a->text[t.span.begin] >= 'a' && a->text[t.span.begin] <= 'z') {
        auto it = names.find(t.lower);
        if (it != names.end()) it->second.lower_case = true;
      }
    }
  }
  std::vector<std::vector<bool>> out(articles.size());
  for (std::uint32_t ai = 0; ai < articles.size(); ++ai) {
    const Article& a = *articles[ai];
    out[ai].assign(a.sentences.size(), false);
    std::vector<std::string_view> introduced_here, bare_here;
    for (std::uint32_t si = 0; si < a.sentences.size(); ++si) {
      words_of(a, a.sentences[si], w);
      introduced_here.clear();
      bare_here.clear();
      for (std::size_t i = 0; i < w.size(); ++i) {
        const Use use = use_at(a, i);
        if (use == kIntroduced) introduced_here.push_back(a.tokens[w[i]].lower);
        if (use == kBare) bare_here.push_back(a.tokens[w[i]].lower);
      }
      for (std::string_view name : bare_here) {
        if (std::find(introduced_here.begin(), introduced_here.end(), name) != introduced_here.end()) continue;
        auto it = names.find(std::string(name));
        if (it == names.end()) continue;
        const NameUse& n = it->second;
        if (n.introduced == 0 || !n.person || n.place || n.lower_case) continue;
        if (2 * n.articles >= documents) continue;  // most articles use it: known
        out[ai][si] = true;
        break;
      }
    }
  }
  return out;
}

}  // namespace

CandidateSet build_candidates(const std::vector<const Article*>& articles, const std::vector<bool>& skip,
                              const CandidateOptions& options) {
  CandidateSet out;
  ConceptTable& table = out.table;
  auto concept_id = [&](const std::string& key) {
    auto [it, inserted] = table.concept_ids.try_emplace(key, static_cast<std::uint32_t>(table.concept_weight.size()));
    if (inserted) {
      table.concept_weight.push_back(0);
      table.concept_lead.push_back(0);
      table.concept_stats.emplace_back();
    }
    return it->second;
  };
  auto unigram_id = [&](const std::string& key) {
    auto [it, inserted] = table.unigram_ids.try_emplace(key, static_cast<std::uint32_t>(table.unigram_weight.size()));
    if (inserted) {
      table.unigram_weight.push_back(0);
      table.unigram_stats.emplace_back();
    }
    return it->second;
  };

  std::vector<std::vector<bool>> unintroduced;
  if (options.require_standalone && options.introduced_names) {
    bool english = true;
    for (const Article* a : articles) english = english && a->reads_as_english();
    if (english) unintroduced = unintroduced_names(articles, skip);
  }
  std::vector<std::uint32_t> words;
  std::string key;
  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    const Article& article = *articles[a];
    bool counts = !(a < skip.size() && skip[a]);
    if (counts) ++table.documents;
    out.sentence_unigrams.emplace_back(article.sentences.size());
    std::unordered_set<std::uint32_t> seen_concepts;
    std::unordered_set<std::uint32_t> seen_lead;
    std::unordered_set<std::uint32_t> seen_unigrams;
    std::unordered_set<std::uint32_t> seen_lead_unigrams;
    const double sentences = static_cast<double>(std::max<std::size_t>(1, article.sentences.size()));
    // A word's shape, for the capitalisation and number features.
    auto capitalised = [&](std::size_t i) {
      if (i == 0) return false;
      const Token& t = article.tokens[words[i]];
      if (t.span.begin >= article.text.size()) return false;
      unsigned char c = static_cast<unsigned char>(article.text[t.span.begin]);
      return c >= 'A' && c <= 'Z';
    };
    auto numeric = [&](std::size_t i) {
      for (char c : article.tokens[words[i]].lower) {
        if (c >= '0' && c <= '9') return true;
      }
      return false;
    };
    for (std::uint32_t s = 0; s < article.sentences.size(); ++s) {
      const Sentence& sentence = article.sentences[s];
      Candidate candidate;
      candidate.article = a;
      candidate.sentence = s;
      std::string_view text = article.sentence_text(sentence);
      candidate.words = count_words(text);
      candidate.bytes = static_cast<std::uint32_t>(text.size());
      words.clear();
      for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count; ++t) {
        if (article.tokens[t].is_word) words.push_back(t);
      }
      for (std::size_t i = 0; i < words.size(); ++i) {
        const Token& tok = article.tokens[words[i]];
        if (!tok.is_stopword) {
          std::uint32_t id = unigram_id(tok.stem);
          candidate.unigrams.push_back(id);
          if (counts) {
            ConceptStats& st = table.unigram_stats[id];
            st.tf += 1;
            if (capitalised(i)) st.capitalised += 1;
            if (numeric(i)) st.numeric += 1;
            if (seen_unigrams.insert(id).second) {
              table.unigram_weight[id] += 1;
              st.position_sum += s / sentences;
              if (s == 0) st.first_df += 1;
            }
            if (s < options.lead_sentences && seen_lead_unigrams.insert(id).second) st.lead_df += 1;
          }
        }
        if (i + 1 < words.size()) {
          const Token& next = article.tokens[words[i + 1]];
          if (tok.is_stopword && next.is_stopword) continue;
          key.assign(tok.stem);
          key.push_back(' ');
          key.append(next.stem);
          std::uint32_t id = concept_id(key);
          candidate.concepts.push_back(id);
          if (counts) {
            ConceptStats& st = table.concept_stats[id];
            st.tf += 1;
            st.stopwords = (tok.is_stopword || next.is_stopword) ? 1 : 0;
            if (capitalised(i) || capitalised(i + 1)) st.capitalised += 1;
            if (numeric(i) || numeric(i + 1)) st.numeric += 1;
            if (seen_concepts.insert(id).second) {
              table.concept_weight[id] += 1;
              st.position_sum += s / sentences;
              if (s == 0) st.first_df += 1;
            }
            if (s < options.lead_sentences && seen_lead.insert(id).second) {
              table.concept_lead[id] += 1;
              st.lead_df += 1;
            }
          }
        }
      }
      std::sort(candidate.concepts.begin(), candidate.concepts.end());
      candidate.concepts.erase(std::unique(candidate.concepts.begin(), candidate.concepts.end()), candidate.concepts.end());
      std::sort(candidate.unigrams.begin(), candidate.unigrams.end());
      candidate.unigrams.erase(std::unique(candidate.unigrams.begin(), candidate.unigrams.end()), candidate.unigrams.end());
      out.sentence_unigrams[a][s] = candidate.unigrams;
      if (check_standalone(article, sentence, options) != Rejection::kNone) continue;
      if (!unintroduced.empty() && unintroduced[a][s]) continue;
      out.candidates.push_back(std::move(candidate));
    }
  }
  return out;
}

}  // namespace precis::summarize
