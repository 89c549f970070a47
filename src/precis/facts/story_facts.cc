// extract_story_facts: runs the extractors over every sentence of every article of a story and
// puts the results together.
//
// Entities are merged within the story: organisations and places by their case-folded name;
// people also by surname, so that "Guterres" joins "António Guterres" when exactly one full name
// of the story ends with it (when several do, the most mentioned wins). Roles are the title words
// written just before a name ("U.N. Secretary-General António Guterres") or an appositive after
// it (", the U.N. secretary-general,") that contains a role word.
//
// Quantities: figures with the same unit, counted noun (plural folded) and governing word, said in
// the same words (story_quantities.h), from two or more articles form a QuantityReport; values
// within 0.5% of each other are one reading. Publication dates decide between an update and a
// conflict (facts.h).
//
// The timeline takes, for every sentence with a date of day or month precision and confidence at
// least 0.6, its first such date that is not a possessive ("Tuesday's fire"), else its first;
// events on the same date whose sentences share most of their stems are one event reported by
// several articles.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "precis/base/parallel.h"
#include "precis/facts/dates.h"
#include "precis/facts/entity_tagger.h"
#include "precis/facts/facts.h"
#include "precis/facts/gazetteer.h"
#include "precis/facts/numbers.h"
#include "precis/facts/story_entities.h"
#include "precis/facts/story_quantities.h"
#include "precis/text/abbreviations.h"
#include "precis/text/language.h"
#include "precis/text/stopwords.h"

namespace precis::facts {

const char* entity_kind_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::kPerson: return "person";
    case EntityKind::kOrganization: return "organization";
    case EntityKind::kLocation: return "location";
  }
  return "person";
}

const char* quantity_status_name(QuantityReport::Status status) {
  switch (status) {
    case QuantityReport::Status::kAgree: return "agree";
    case QuantityReport::Status::kUpdate: return "update";
    case QuantityReport::Status::kConflict: return "conflict";
  }
  return "agree";
}

namespace {

Mention make_mention(const Article& a, std::uint32_t sentence, ByteSpan span) {
  Mention m;
  m.article = a.id;
  m.sentence = sentence;
  m.span = span;
  m.original = a.original_span(span);
  m.text = std::string(slice(a.text, span));
  return m;
}

const std::unordered_set<std::string>& role_words() {
  static const std::unordered_set<std::string> s = {
      "president", "vice", "minister", "secretary", "secretary-general", "spokesman", "spokeswoman",
      "spokesperson", "chairman", "chairwoman", "chair", "chief", "executive", "director", "governor",
      "senator", "sen.", "rep.", "gov.", "gen.", "general", "mayor", "ambassador", "commander", "leader",
      "head", "judge", "justice", "prime", "king", "queen", "prince", "official", "officer", "coach",
      "analyst", "professor", "prof.", "economist", "ceo", "founder", "editor", "correspondent",
      "lt.", "col.", "capt.", "adm.", "sgt.", "dr.", "pope", "archbishop", "bishop", "premier",
      "chancellor", "envoy", "negotiator", "lawyer", "attorney", "prosecutor", "police", "representative",
      "deputy", "foreign", "defense", "defence", "finance", "interior", "u.n.", "manager", "owner",
      "candidate", "inspector", "commissioner", "speaker", "dictator", "emperor", "rebel", "colonel",
      "captain", "sergeant", "lieutenant", "admiral", "marshal", "cardinal", "rabbi", "imam", "sheikh",
      "maj.", "brig.", "cmdr.", "investigator"};
  return s;
}

// The tokenizer splits the period off "Dr." and "Gen.", so "dr" is looked up as "dr." too.
bool is_role_word(std::string_view lower) {
  return role_words().count(std::string(lower)) != 0 || role_words().count(std::string(lower) + ".") != 0;
}

// The role written before a name: the run of tokens before it that are capitalised or role
// words (and "of"/"for" inside), kept when it holds a role word.
std::string role_before(const Article& a, std::uint32_t first_token, std::uint32_t sentence_first) {
  std::uint32_t k = first_token;
  bool has_role = false;
  while (k > sentence_first && first_token - k < 5) {
    const Token& t = a.tokens[k - 1];
    std::string_view w = slice(a.text, t.span);
    const bool capital = !w.empty() && w[0] >= 'A' && w[0] <= 'Z';
    const bool role = is_role_word(t.lower);
    const bool joiner = (t.lower == "of" || t.lower == "for") && k - 1 > sentence_first;
    if (!(capital || role || joiner) || t.lower == "mr." || t.lower == "mrs." || t.lower == "ms." || t.lower == "the" ||
        t.lower == "a" || t.lower == "an") {
      break;
    }
    if (!t.is_word && w != "-") break;
    has_role = has_role || role;
    --k;
  }
  while (k < first_token && (a.tokens[k].lower == "of" || a.tokens[k].lower == "for")) ++k;
  // "a spokesman for Salih Idris" is not a role of Idris: a role ends in a role word or a name.
  std::uint32_t end = first_token;
  if (end > k && (a.tokens[end - 1].lower == "of" || a.tokens[end - 1].lower == "for")) return "";
  if (!has_role || k == end) return "";
  std::string role(a.text.substr(a.tokens[k].span.begin, a.tokens[end - 1].span.end - a.tokens[k].span.begin));
  // "Amazon founder Jeff Bezos's Blue Origin": the name is the possessor's, who is not its role.
  if (possessive_length(role) > 0) return "";
  return role;
}

// An appositive role after a name: ", the U.N. secretary-general," (at most 8 tokens).
std::string role_after(const Article& a, std::uint32_t end_token, std::uint32_t sentence_end) {
  if (end_token >= sentence_end || slice(a.text, a.tokens[end_token].span) != ",") return "";
  std::uint32_t k = end_token + 1;
  if (k < sentence_end && (a.tokens[k].lower == "the" || a.tokens[k].lower == "a" || a.tokens[k].lower == "an")) ++k;
  const std::uint32_t start = k;
  bool has_role = false;
  while (k < sentence_end && k - start < 8) {
    std::string_view w = slice(a.text, a.tokens[k].span);
    if (w == "," || w == "." || w == ";") break;
    if (a.tokens[k].lower == "who" || a.tokens[k].lower == "said" || a.tokens[k].lower == "says") return "";
    has_role = has_role || is_role_word(a.tokens[k].lower);
    ++k;
  }
  if (!has_role || k == start || k >= sentence_end) return "";
  std::string_view end = slice(a.text, a.tokens[k].span);
  if (end != "," && end != "." && end != ";") return "";
  // A role names no day and opens no clause: ", the Foreign Office in London confirmed on
  // Wednesday.", ", as the Swiss official claimed earlier Sunday,", ", which is in police
  // custody,", ", Largent would run for speaker instead.", ", had worked for the mayor" are the
  // rest of a sentence.
  // Nor does it hold a pronoun as object or subject: ", hitting him in the head." ("head" is a role
  // word) is what the person did.
  static const std::unordered_set<std::string_view> kClause = {"which", "that", "would", "will", "could", "should",
                                                               "according", "as", "when", "while", "because",
                                                               "had", "has", "have", "was", "is", "were", "are",
                                                               "him", "them", "it", "he", "she", "they", "us", "me"};
  for (std::uint32_t t = start; t < k; ++t) {
    const std::string& w = a.tokens[t].lower;
    if (kClause.count(w) != 0 || month_number(w) != 0 || weekday_number(w) >= 0) return "";
  }
  std::string role(a.text.substr(a.tokens[start].span.begin, a.tokens[k - 1].span.end - a.tokens[start].span.begin));
  if (possessive_length(role) > 0) return "";  // ", Amazon founder Jeff Bezos's," names an owner
  return role;
}

std::string fold(std::string_view s) {
  std::string out = ascii_lower(s);
  out.erase(std::remove(out.begin(), out.end(), '.'), out.end());
  return out;
}

std::string last_word(std::string_view name) {
  std::size_t sp = name.find_last_of(' ');
  return fold(sp == std::string_view::npos ? name : name.substr(sp + 1));
}

std::string fold_counted(std::string counted) {
  if (counted.size() > 4 && counted.compare(counted.size() - 3, 3, "ies") == 0) {
    counted.replace(counted.size() - 3, 3, "y");
  } else if (counted.size() > 3 && counted.back() == 's' && counted[counted.size() - 2] != 's') {
    counted.pop_back();
  }
  return counted;
}

bool same_value(double a, double b) { return std::fabs(a - b) <= 0.005 * std::max(std::fabs(a), std::fabs(b)); }

// The class of the word governing a count: "injuring nine people", "nine people (were) hurt",
// "60 firefighters remained", "including three firefighters". A count that a "when" clause ties
// to one incident ("five people were hurt when the roof collapsed") is a count of that incident,
// so the clause becomes part of the predicate. "" when no such word is next to the figure.
std::string predicate_class(std::string_view w) {
  static const std::unordered_map<std::string, std::string> classes = {
      {"injured", "injured"}, {"injuring", "injured"}, {"injure", "injured"}, {"hurt", "injured"},
      {"hurting", "injured"}, {"wounded", "injured"}, {"wounding", "injured"}, {"killed", "killed"},
      {"killing", "killed"}, {"dead", "killed"}, {"died", "killed"}, {"die", "killed"}, {"death", "killed"}, {"deaths", "killed"},
      {"remained", "remained"}, {"remain", "remained"}, {"remaining", "remained"}, {"still", "remained"},
      {"stayed", "remained"}, {"missing", "missing"}, {"evacuated", "evacuated"}, {"evacuating", "evacuated"},
      {"arrested", "arrested"}, {"arresting", "arrested"}, {"detained", "arrested"}, {"rescued", "rescued"},
      {"rescuing", "rescued"}, {"displaced", "displaced"}, {"including", "including"}, {"among", "including"}};
  auto it = classes.find(std::string(w));
  return it == classes.end() ? "" : it->second;
}

std::string figure_predicate(const Article& a, const Sentence& s, ByteSpan span) {
  const std::uint32_t begin = s.first_token, end = std::min<std::uint32_t>(s.first_token + s.token_count,
                                                                            static_cast<std::uint32_t>(a.tokens.size()));
  std::uint32_t ft = end, lt = end;
  for (std::uint32_t t = begin; t < end; ++t) {
    if (ft == end && a.tokens[t].span.begin >= span.begin) ft = t;
    if (a.tokens[t].span.end <= span.end) lt = t;
  }
  if (ft == end || lt == end) return "";
  std::string cls;
  std::uint32_t after = lt + 1;
  static const std::unordered_set<std::string> kSkip = {"were", "was", "are", "is", "have", "has", "had", "been",
                                                        "be", "now", "reportedly", "also", "all", "who", "being"};
  for (std::uint32_t t = lt + 1; t < end && t <= lt + 4 && cls.empty(); ++t) {
    cls = predicate_class(a.tokens[t].lower);
    after = t + 1;
    if (cls.empty() && kSkip.count(a.tokens[t].lower) == 0) break;
  }
  // Before the figure: "injuring nine people", "the death toll rose to 19 people".
  for (std::uint32_t t = ft; cls.empty() && t > begin && ft - t < 4; --t) {
    std::string_view w = slice(a.text, a.tokens[t - 1].span);
    if (w == "," || w == ";" || w == ".") break;
    cls = predicate_class(a.tokens[t - 1].lower);
    after = lt + 1;
  }
  if (cls.empty()) return "";
  for (std::uint32_t t = after; t < end && t < after + 6; ++t) {
    std::string_view w = slice(a.text, a.tokens[t].span);
    if (w == "," || w == ";" || w == ".") break;
    if (a.tokens[t].lower == "when") {
      std::uint32_t stop = t + 1;
      while (stop < end && stop < t + 8) {
        std::string_view x = slice(a.text, a.tokens[stop].span);
        if (x == "," || x == ";" || x == "." || a.tokens[stop].lower == "as") break;
        ++stop;
      }
      cls += ", " + std::string(a.text.substr(a.tokens[t].span.begin, a.tokens[stop - 1].span.end - a.tokens[t].span.begin));
      break;
    }
  }
  return cls;
}

struct ArticleInfo {
  const Article* article;
  std::optional<CivilDay> published;
  std::string published_iso;
  std::size_t order;  // publication order
};

// A sentence as the tagger's training data (CoNLL-2003) writes it: an abbreviation keeps its
// period ("St.", "Dr.", "Gen.", initials "J."), where precis's tokenizer splits it off, and a
// possessive "'s" is a word of its own, where the tokenizer keeps "Brigid's" whole. Without this
// the model meets "St" and "Brigid's", which it has never seen, and tags "St" a place and
// "Brigid's Hospital" a person. `token[i]` is the token word i comes from.
struct TaggerWords {
  std::vector<std::string_view> words;
  std::vector<ByteSpan> spans;
  std::vector<std::uint32_t> token;
};

TaggerWords tagger_words(const Article& a, const Sentence& s) {
  TaggerWords out;
  const std::uint32_t end = std::min<std::uint32_t>(s.first_token + s.token_count, static_cast<std::uint32_t>(a.tokens.size()));
  for (std::uint32_t t = s.first_token; t < end; ++t) {
    ByteSpan span = a.tokens[t].span;
    std::string_view w = slice(a.text, span);
    const bool initial = w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z';
    // Not the sentence's own full stop, and not "Sen": in "... said Hun Sen. Events ..." the
    // splitter took the Cambodian name for the title and did not end the sentence.
    if (t + 2 < end && a.tokens[t + 1].span.begin == span.end && slice(a.text, a.tokens[t + 1].span) == "." &&
        a.tokens[t].lower != "sen" &&
        (initial || text::classify_abbreviation("en", a.tokens[t].lower) != text::AbbreviationKind::kNone)) {
      // "St" + "." -> "St."; the period token is consumed with it.
      span.end = a.tokens[t + 1].span.end;
      out.words.push_back(slice(a.text, span));
      out.spans.push_back(span);
      out.token.push_back(t);
      ++t;
      continue;
    }
    if (const std::size_t possessive = possessive_length(w); possessive > 0 && w.size() > possessive + 1) {
      ByteSpan head{span.begin, span.end - static_cast<std::uint32_t>(possessive)};
      ByteSpan tail{head.end, span.end};
      out.words.push_back(slice(a.text, head));
      out.spans.push_back(head);
      out.token.push_back(t);
      out.words.push_back(slice(a.text, tail));
      out.spans.push_back(tail);
      out.token.push_back(t);
      continue;
    }
    out.words.push_back(w);
    out.spans.push_back(span);
    out.token.push_back(t);
  }
  return out;
}

// Names of the article. One-word names of unknown type (MISC from the rule tagger, e.g. a
// sentence-initial "Korsgaard") go to `tentative`: they join a story entity of the same name or
// surname, and are dropped otherwise.
void collect_entities(const Article& a, const EntityTagger& tagger, std::vector<Entity>& raw,
                      std::vector<Entity>& tentative) {
  std::vector<TaggerWords> prepared;
  std::vector<std::vector<std::string_view>> sentences;
  prepared.reserve(a.sentences.size());
  sentences.reserve(a.sentences.size());
  for (const Sentence& s : a.sentences) {
    prepared.push_back(tagger_words(a, s));
    sentences.push_back(prepared.back().words);
  }
  auto tagged = tagger.tag_document(sentences);
  for (std::uint32_t si = 0; si < a.sentences.size() && si < tagged.size(); ++si) {
    const Sentence& s = a.sentences[si];
    const TaggerWords& tw = prepared[si];
    for (const NameSpan& n : tagged[si]) {
      if (n.end <= n.begin || n.end > tw.words.size()) continue;
      const bool is_tentative = n.type == NameType::kMisc;
      if (is_tentative && n.end - n.begin != 1) continue;
      // "Kopp Thursday", "Intermediate People's Court Monday": a weekday after a name is the
      // sentence's date, not part of the name.
      std::size_t word_end = n.end;
      {
        std::vector<std::string_view> words(tw.words.begin() + n.begin, tw.words.begin() + n.end);
        word_end -= internal::trailing_weekdays(words);
      }
      std::uint32_t first = tw.token[n.begin];
      const std::uint32_t last = tw.token[word_end - 1];
      ByteSpan span{tw.spans[n.begin].begin, tw.spans[word_end - 1].end};
      // "Fire investigator Oskar Lind", "Police spokesman Ali Reza": one capitalised word before a
      // lower-case role word and a person's name modifies the role; it names no one. A possessive
      // does name someone: "Luzhkov's spokesman Mikhail Solomentsev".
      if (n.type == NameType::kPerson && first == last && last + 2 < s.first_token + s.token_count &&
          possessive_length(slice(a.text, a.tokens[last].span)) == 0) {
        const Token& next = a.tokens[last + 1];
        std::string_view next_word = slice(a.text, next.span);
        const bool lower_role = !next_word.empty() && next_word[0] >= 'a' && next_word[0] <= 'z' && is_role_word(next.lower);
        bool person_follows = false;
        for (const NameSpan& other : tagged[si]) {
          if (other.type == NameType::kPerson && other.begin < tw.token.size() && tw.token[other.begin] == last + 2) {
            person_follows = true;
          }
        }
        if (lower_role && person_follows) continue;
      }
      {
        // "Although Anwar", "If Xu": a sentence's capitalised first word taken into the name.
        std::vector<std::string_view> lower;
        for (std::uint32_t k = first; k <= last; ++k) lower.push_back(a.tokens[k].lower);
        if (const std::size_t drop = internal::leading_function_words(lower); drop > 0) {
          first += static_cast<std::uint32_t>(drop);
          span.begin = a.tokens[first].span.begin;
        }
      }
      // A possessive is not part of the name: "Hun Sen's" -> "Hun Sen".
      std::string_view whole = slice(a.text, span);
      if (const std::size_t possessive = possessive_length(whole); possessive > 0 && whole.size() > possessive + 1) {
        span.end -= static_cast<std::uint32_t>(possessive);
      }
      // Role words the tagger took into a person's name ("Chief Fire Officer Helena Marsh",
      // "Maj. Gen. Arno Vell") are the role, not the name: split at the last role word, so that
      // the mention merges with "Helena Marsh, Chief Fire Officer".
      std::uint32_t name_first = first;
      std::string inner_role;
      // A courtesy or academic title is neither name nor role: "Mr. Arafat" is "Arafat".
      if (n.type == NameType::kPerson) {
        auto courtesy = [](const std::string& w) {
          return w == "mr" || w == "mrs" || w == "ms" || w == "dr" || w == "prof" || w == "rev" || w == "mr." ||
                 w == "mrs." || w == "ms." || w == "dr." || w == "prof." || w == "rev.";
        };
        std::uint32_t k = first;
        while (k < last && courtesy(a.tokens[k].lower)) {
          ++k;
          if (k < last && slice(a.text, a.tokens[k].span) == ".") ++k;
        }
        if (k > first && k <= last) {
          name_first = k;
          span.begin = a.tokens[k].span.begin;
        }
      }
      const std::uint32_t after_courtesy = name_first;
      if (n.type == NameType::kPerson && last > name_first) {
        for (std::uint32_t k = name_first; k < last; ++k) {
          std::string_view w = slice(a.text, a.tokens[k].span);
          if (w == ".") continue;  // the period of "Maj." / "Gen."
          const bool capital = !w.empty() && w[0] >= 'A' && w[0] <= 'Z';
          if (!capital) break;
          if (is_role_word(a.tokens[k].lower)) name_first = k + 1;
        }
        while (name_first < last && slice(a.text, a.tokens[name_first].span) == ".") ++name_first;
        if (name_first > after_courtesy) {
          inner_role = std::string(a.text.substr(a.tokens[after_courtesy].span.begin,
                                                 a.tokens[name_first - 1].span.end - a.tokens[after_courtesy].span.begin));
          span.begin = a.tokens[name_first].span.begin;
          // The tagger may have left the first role word out ("Chief" before "Fire Officer").
          std::string before = role_before(a, after_courtesy, s.first_token);
          if (!before.empty()) inner_role = before + " " + inner_role;
        }
      }
      Entity e;
      e.kind = n.type == NameType::kPerson ? EntityKind::kPerson
                                            : (n.type == NameType::kOrganization ? EntityKind::kOrganization
                                                                                  : EntityKind::kLocation);
      EntityMention m;
      m.where = make_mention(a, si, span);
      if (e.kind == EntityKind::kPerson || is_tentative) {
        m.role = !inner_role.empty() ? inner_role : role_before(a, name_first, s.first_token);
        if (m.role.empty()) m.role = role_after(a, last + 1, s.first_token + s.token_count);
      }
      e.name = m.where.text;
      e.mentions.push_back(std::move(m));
      (is_tentative ? tentative : raw).push_back(std::move(e));
    }
  }
}

std::vector<Entity> merge_entities(std::vector<Entity> raw, std::vector<Entity> tentative) {
  // Pass 1: exact folded names per kind.
  std::map<std::pair<int, std::string>, Entity> by_name;
  for (Entity& e : raw) {
    auto key = std::make_pair(static_cast<int>(e.kind), fold(e.name));
    auto [it, inserted] = by_name.try_emplace(key, e);
    if (!inserted) {
      for (auto& m : e.mentions) it->second.mentions.push_back(std::move(m));
    }
  }
  // Pass 1b: one name, one kind. The tagger may call "Israel" a place in most sentences and an
  // organisation in a few: all mentions go to the kind with the most of them (on a tie each kind
  // keeps its own). Weekday and month names are never entities
  // ("Sunday" tagged as a person at the head of a sentence).
  {
    std::map<std::string, std::array<std::size_t, 3>> count_by_name;
    for (auto& [key, e] : by_name) count_by_name[key.second][static_cast<std::size_t>(key.first)] += e.mentions.size();
    for (auto it = by_name.begin(); it != by_name.end();) {
      const auto& counts = count_by_name[it->first.second];
      const std::size_t best = static_cast<std::size_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
      const bool clear = std::count(counts.begin(), counts.end(), counts[best]) == 1;  // a tie moves nothing
      // Nor are a courtesy title on its own ("Ms" before a name the tagger missed), a compass
      // adjective ("Western governments", tagged a place) or, as a place or organisation, another
      // adjective of a proper name ("French", "Belgian", "Palestinian", "Democratic").
      static const std::unordered_set<std::string> kNoNames = {"mr", "mrs", "ms", "dr", "western", "eastern",
                                                               "northern", "southern"};
      const bool adjective = it->first.first != static_cast<int>(EntityKind::kPerson) &&
                             it->first.second.find(' ') == std::string::npos &&
                             Gazetteer::system().is_proper_adjective(it->first.second);
      // "anti-Israel", "pro-Beijing": a name with a prefix is a modifier ("al-Qaida" stays).
      const std::string& folded = it->first.second;
      const bool prefixed = folded.rfind("anti-", 0) == 0 || folded.rfind("pro-", 0) == 0 ||
                            folded.rfind("non-", 0) == 0 || folded.rfind("ex-", 0) == 0 ||
                            folded.rfind("post-", 0) == 0 || folded.rfind("pre-", 0) == 0;
      if (is_calendar_name(folded) || kNoNames.count(folded) != 0 || adjective || prefixed) {
        it = by_name.erase(it);
      } else if (clear && best != static_cast<std::size_t>(it->first.first)) {
        auto target = by_name.find(std::make_pair(static_cast<int>(best), it->first.second));
        for (auto& m : it->second.mentions) target->second.mentions.push_back(std::move(m));
        it = by_name.erase(it);
      } else {
        ++it;
      }
    }
  }
  // Pass 2: one-word person names join the most mentioned multi-word name with that surname.
  std::vector<Entity> merged;
  std::unordered_map<std::string, std::size_t> surname_owner;
  std::vector<std::pair<std::pair<int, std::string>, Entity*>> singles;
  for (auto& [key, e] : by_name) {
    if (e.kind == EntityKind::kPerson && e.name.find(' ') == std::string::npos) {
      singles.emplace_back(key, &e);
      continue;
    }
    merged.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < merged.size(); ++i) {
    if (merged[i].kind != EntityKind::kPerson) continue;
    std::string surname = last_word(merged[i].name);
    auto it = surname_owner.find(surname);
    if (it == surname_owner.end() || merged[it->second].mentions.size() < merged[i].mentions.size()) {
      surname_owner[surname] = i;
    }
  }
  // A one-word name that is no surname of the story but a first name of its people is the most
  // mentioned of them, when that one has at least twice the mentions of any other: "Najib" beside
  // "Najib Razak" (Malay names), "Xu" beside "Xu Wenli" (11 mentions) and "Xu Jin" (2), "Bill"
  // beside "Bill Clinton". With "Mara Lind" and "Mara Olsen" named alike, "Mara" stays on its own.
  struct FirstNameOwner {
    std::size_t best = 0;
    std::size_t best_mentions = 0;
    std::size_t other_mentions = 0;  // the most mentions of any other person with that first name
  };
  std::unordered_map<std::string, FirstNameOwner> first_name_owner;
  for (std::size_t i = 0; i < merged.size(); ++i) {
    if (merged[i].kind != EntityKind::kPerson) continue;
    const std::size_t space = merged[i].name.find(' ');
    if (space == std::string::npos) continue;
    const std::size_t mentions = merged[i].mentions.size();
    auto [it, fresh] = first_name_owner.try_emplace(fold(merged[i].name.substr(0, space)), FirstNameOwner{i, mentions, 0});
    if (fresh) continue;
    FirstNameOwner& o = it->second;
    if (mentions > o.best_mentions) {
      o.other_mentions = o.best_mentions;
      o.best = i;
      o.best_mentions = mentions;
    } else {
      o.other_mentions = std::max(o.other_mentions, mentions);
    }
  }
  // A pronoun the tagger took for a name ("He" opening a sentence) is nobody's first name, though
  // "He Xintong" has one.
  static const std::unordered_set<std::string> kPronouns = {"he", "she", "it", "we", "they", "you", "i", "his", "her"};
  for (auto& [key, e] : singles) {
    auto it = surname_owner.find(key.second);
    if (it == surname_owner.end() && kPronouns.count(key.second) == 0) {
      auto first = first_name_owner.find(key.second);
      if (first != first_name_owner.end() && first->second.best_mentions >= 2 * first->second.other_mentions) {
        it = surname_owner.emplace(key.second, first->second.best).first;
      }
    }
    if (it != surname_owner.end()) {
      for (auto& m : e->mentions) merged[it->second].mentions.push_back(std::move(m));
    } else {
      surname_owner[key.second] = merged.size();
      merged.push_back(std::move(*e));
    }
  }
  // A one-word organisation that is the surname of a person with at least as many mentions is
  // that person ("Clinton" tagged as an organisation beside "Bill Clinton"). Places are left
  // alone: Jordan, Washington and Houston are places and surnames both.
  for (std::size_t i = 0; i < merged.size(); ++i) {
    Entity& e = merged[i];
    if (e.kind != EntityKind::kOrganization || e.mentions.empty() || e.name.find(' ') != std::string::npos) continue;
    auto it = surname_owner.find(fold(e.name));
    if (it == surname_owner.end() || it->second == i) continue;
    Entity& person = merged[it->second];
    if (person.kind != EntityKind::kPerson || person.name.find(' ') == std::string::npos ||
        person.mentions.size() < e.mentions.size()) {
      continue;
    }
    for (auto& m : e.mentions) person.mentions.push_back(std::move(m));
    e.mentions.clear();
  }
  // An acronym is the organisation or place it abbreviates, when the story names exactly one
  // whose initials it is: "IMF" and "International Monetary Fund", "U.S." and "United States",
  // "NATO" and "North Atlantic Treaty Organization" (little words such as "of" have no initial).
  {
    auto acronym = [](const std::string& name) {
      std::string letters;
      for (char c : name) {
        if (c == '.') continue;
        if (c < 'A' || c > 'Z') return std::string();
        letters += c;
      }
      return letters.size() >= 2 && letters.size() <= 6 ? letters : std::string();
    };
    auto words_of = [](const std::string& name) {
      std::vector<std::string_view> out;
      for (std::size_t i = 0; i <= name.size();) {
        const std::size_t e = std::min(name.find(' ', i), name.size());
        out.emplace_back(name.data() + i, e - i);
        i = e + 1;
      }
      return out;
    };
    auto initials = [&](const std::string& name) {
      static const std::unordered_set<std::string_view> kLittle = {"of", "and", "the", "for", "on", "in", "de", "del", "la", "&"};
      std::string out;
      for (std::string_view word : words_of(name)) {
        if (word.empty() || kLittle.count(word) != 0) continue;
        if (word[0] < 'A' || word[0] > 'Z') return std::string();
        out += word[0];
      }
      return out;
    };
    std::unordered_map<std::string, std::vector<std::size_t>> by_initials;
    for (std::size_t i = 0; i < merged.size(); ++i) {
      const Entity& e = merged[i];
      if (e.kind == EntityKind::kPerson || e.mentions.empty() || e.name.find(' ') == std::string::npos) continue;
      const std::string in = initials(e.name);
      if (in.size() >= 2) by_initials[in].push_back(i);
    }
    // Organisations of one initials whose names differ only in word endings are one name written
    // two ways: "Palestine National Council" and "Palestinian National Council". They join the
    // most mentioned form, which leaves the acronym one candidate.
    auto variants = [&](const std::string& a, const std::string& b) {
      const auto x = words_of(a), y = words_of(b);
      if (x.size() != y.size()) return false;
      for (std::size_t k = 0; k < x.size(); ++k) {
        std::size_t common = 0;
        while (common < x[k].size() && common < y[k].size() && x[k][common] == y[k][common]) ++common;
        if (x[k] != y[k] && (common < 5 || common + 3 < std::max(x[k].size(), y[k].size()))) return false;
      }
      return true;
    };
    for (auto& [letters, group] : by_initials) {
      if (group.size() < 2) continue;
      std::size_t best = group.front();
      for (std::size_t g : group) {
        if (merged[g].mentions.size() > merged[best].mentions.size()) best = g;
      }
      // Organisations only: for places the other form is the people ("East Timor", "East Timorese").
      bool all = merged[best].kind == EntityKind::kOrganization;
      for (std::size_t g : group) all = all && merged[g].kind == merged[best].kind && variants(merged[g].name, merged[best].name);
      if (!all) continue;
      for (std::size_t g : group) {
        if (g == best) continue;
        for (auto& m : merged[g].mentions) merged[best].mentions.push_back(std::move(m));
        merged[g].mentions.clear();
      }
      group = {best};
    }
    for (Entity& e : merged) {
      if (e.kind == EntityKind::kPerson || e.mentions.empty()) continue;
      const std::string letters = acronym(e.name);
      auto it = by_initials.find(letters);
      if (letters.empty() || it == by_initials.end() || it->second.size() != 1) continue;
      Entity& full = merged[it->second.front()];
      if (&full == &e) continue;
      for (auto& m : e.mentions) full.mentions.push_back(std::move(m));
      e.mentions.clear();
    }
  }
  merged.erase(std::remove_if(merged.begin(), merged.end(), [](const Entity& e) { return e.mentions.empty(); }),
               merged.end());
  // First entity of each folded name (an index, not a scan per tentative name: a story of
  // hundreds of articles has thousands of both).
  std::unordered_map<std::string, std::size_t> owner_of_name;
  for (std::size_t i = 0; i < merged.size(); ++i) owner_of_name.try_emplace(fold(merged[i].name), i);
  for (Entity& t : tentative) {
    const std::string name = fold(t.name);
    std::size_t owner = merged.size();
    if (auto it = owner_of_name.find(name); it != owner_of_name.end()) owner = it->second;
    if (owner == merged.size()) {
      auto it = surname_owner.find(name);
      if (it != surname_owner.end()) owner = it->second;
    }
    if (owner == merged.size()) continue;
    for (auto& m : t.mentions) merged[owner].mentions.push_back(std::move(m));
  }
  for (Entity& e : merged) {
    std::sort(e.mentions.begin(), e.mentions.end(), [](const EntityMention& a, const EntityMention& b) {
      if (a.where.article != b.where.article) return a.where.article < b.where.article;
      return a.where.span.begin < b.where.span.begin;
    });
    std::map<std::string, int> role_count;
    std::map<std::string, int> form_count;
    std::set<std::uint32_t> articles;
    for (const auto& m : e.mentions) {
      if (!m.role.empty()) role_count[m.role]++;
      articles.insert(m.where.article.value);
      form_count[m.where.text]++;
    }
    // The name is the fullest form ("Xu Wenli", not "Xu"); of forms with as many words, the one
    // written most often ("China Democracy Party" 16 times, not "China Democratic Party" 4
    // times), then the longer. Forms that differ only in case or periods count as one, and the
    // longer is shown ("Calif." beside the "Calif" a sentence's full stop leaves).
    std::map<std::string, int> folded_count;
    for (const auto& [form, count] : form_count) folded_count[fold(form)] += count;
    auto words = [](const std::string& s) { return std::count(s.begin(), s.end(), ' ') + 1; };
    auto better = [&](const std::string& x, const std::string& y) {
      if (words(x) != words(y)) return words(x) > words(y);
      const std::string fx = fold(x), fy = fold(y);
      if (fx != fy) {
        const int cx = folded_count.count(fx) ? folded_count[fx] : 0, cy = folded_count.count(fy) ? folded_count[fy] : 0;
        if (cx != cy) return cx > cy;
      }
      return x.size() > y.size();
    };
    for (const auto& [form, count] : form_count) {
      if (better(form, e.name)) e.name = form;
    }
    e.article_count = static_cast<std::uint32_t>(articles.size());
    std::vector<std::pair<int, std::string>> roles;
    for (auto& [r, c] : role_count) roles.emplace_back(-c, r);
    std::sort(roles.begin(), roles.end());
    for (auto& r : roles) e.roles.push_back(r.second);
  }
  std::stable_sort(merged.begin(), merged.end(), [](const Entity& a, const Entity& b) {
    if (a.mentions.size() != b.mentions.size()) return a.mentions.size() > b.mentions.size();
    return a.name < b.name;
  });
  return merged;
}

// The content-word stems around a figure (up to kContextTokens tokens each side, in its sentence,
// the figure itself left out): what the figure is said about. Numbers, reporting verbs and day and
// month names (dates.h) say nothing about which quantity it is. Each word weighs 1, except the noun the
// amount is of ("the damage at $12 million"), which weighs kOfWeight.
constexpr std::uint32_t kContextTokens = 8;
constexpr std::uint32_t kOfWeight = 2;

internal::FigureContext figure_context(const Article& a, const Mention& where, const std::string& unit) {
  internal::FigureContext out;
  if (where.sentence >= a.sentences.size()) return out;
  const Sentence& s = a.sentences[where.sentence];
  const std::uint32_t begin = s.first_token;
  const std::uint32_t end = std::min<std::uint32_t>(s.first_token + s.token_count, static_cast<std::uint32_t>(a.tokens.size()));
  std::uint32_t first = end, last = begin;  // tokens of the figure
  for (std::uint32_t t = begin; t < end; ++t) {
    if (a.tokens[t].span.begin >= where.span.begin && a.tokens[t].span.end <= where.span.end) {
      first = std::min(first, t);
      last = std::max(last, t + 1);
    }
  }
  if (first == end) return out;
  // "an island 20 miles (32 kilometers) off the coast", "Kindu, 380 kilometers west of Goma": a
  // distance that places something is where it is, not a quantity that sources report; left
  // without words, it is compared with nothing.
  static const std::unordered_set<std::string> kDistance = {"km", "mile", "m", "ft", "yd", "nmi"};
  static const std::unordered_set<std::string> kPlacing = {"off", "from", "outside", "away", "offshore", "inland",
                                                          "upstream", "downstream"};
  if (kDistance.count(unit)) {
    for (std::uint32_t t = last; t < end && t < last + 6; ++t) {
      const std::string& w = a.tokens[t].lower;
      if (kPlacing.count(w)) return out;
      for (const char* compass : {"north", "south", "east", "west"}) {
        if (w.find(compass) != std::string::npos) return out;  // "west-northwest", "north-central"
      }
    }
  }
  static const std::unordered_set<std::string> kSilent = {
      "said", "say", "says", "told", "tell", "according", "reported", "added", "percent", "per", "cent",
      "million", "billion", "trillion", "thousand", "hundred", "year", "years", "today", "yesterday"};
  auto content = [&](std::uint32_t t) {
    const Token& tok = a.tokens[t];
    return tok.is_word && !tok.is_stopword && tok.lower.size() >= 3 && kSilent.count(tok.lower) == 0 &&
           month_number(tok.lower) == 0 && weekday_number(tok.lower) < 0 &&
           std::any_of(tok.lower.begin(), tok.lower.end(), [](unsigned char c) { return std::isalpha(c); });
  };
  auto key = [&](std::uint32_t t) -> const std::string& {
    return a.tokens[t].stem.empty() ? a.tokens[t].lower : a.tokens[t].stem;
  };
  const std::uint32_t from = first > begin + kContextTokens ? first - kContextTokens : begin;
  const std::uint32_t to = std::min(end, last + kContextTokens);
  for (std::uint32_t t = from; t < to; ++t) {
    if ((t < first || t >= last) && content(t)) out.try_emplace(key(t), 1);
  }
  // The noun the amount is of: "the damage at $12 million", "the estimate of the damage to $18.5
  // million", "$2 billion in loans", "30 percent of the vote".
  auto determiner = [&](std::uint32_t t) {
    const std::string& w = a.tokens[t].lower;
    return w == "the" || w == "a" || w == "an" || w == "its" || w == "their" || w == "his" || w == "her";
  };
  static const std::unordered_set<std::string> kBefore = {"at", "of", "to", "by", "from"};
  static const std::unordered_set<std::string> kAfter = {"in", "of"};
  if (first > begin + 1 && kBefore.count(a.tokens[first - 1].lower)) {
    std::uint32_t t = first - 2;
    if (determiner(t) && t > begin) --t;
    if (content(t)) out[key(t)] = kOfWeight;
  }
  if (last + 1 < end && kAfter.count(a.tokens[last].lower)) {
    std::uint32_t t = last + 1;
    if (determiner(t) && t + 1 < end) ++t;
    if (content(t)) out[key(t)] = kOfWeight;
  }
  return out;
}

std::uint32_t shared_weight(const internal::FigureContext& x, const internal::FigureContext& y) {
  std::uint32_t n = 0;
  for (const auto& [w, weight] : x) {
    auto it = y.find(w);
    if (it != y.end()) n += std::min(weight, it->second);
  }
  return n;
}

constexpr double kMaxRatio = 3;
constexpr int kMaxRevisionGap = 8;  // words between a value and the one it revises
constexpr double kMaxRatioGoverned = 10;

std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

namespace internal {

std::vector<std::vector<std::uint32_t>> same_quantity_groups(const std::vector<Figure>& figures,
                                                             const std::vector<std::string>& predicates,
                                                             const std::vector<FigureContext>& contexts,
                                                             const std::set<std::pair<std::uint32_t, std::uint32_t>>& revisions,
                                                             const std::vector<std::vector<std::uint32_t>>& people) {
  // "15 other nations" counts the rest of a set, not the set ("the United States and 15 other
  // nations", "16 nations"): such a count is only one quantity with another "other" count.
  auto complement = [](const Figure& f) {
    const std::string& t = f.where.text;
    for (std::size_t k = t.find("other"); k != std::string::npos; k = t.find("other", k + 1)) {
      const bool starts = k == 0 || t[k - 1] == ' ';
      const bool ends = k + 5 == t.size() || t[k + 5] == ' ' || (t[k + 5] == 's' && k + 6 == t.size());
      if (starts && ends) return true;
    }
    return false;
  };
  std::map<std::tuple<std::string, std::string, std::string, bool>, std::vector<std::uint32_t>> by_key;
  for (std::uint32_t i = 0; i < figures.size(); ++i) {
    const Figure& f = figures[i];
    if (f.counted.empty() && f.unit.empty()) continue;
    by_key[{fold_counted(f.counted), f.unit, i < predicates.size() ? predicates[i] : "", complement(f)}].push_back(i);
  }
  // A value and its revision are said about the same thing: each has the other's words too.
  std::vector<FigureContext> context = contexts;
  for (const auto& [i, j] : revisions) {
    if (i >= context.size() || j >= context.size()) continue;
    for (const auto& [w, weight] : contexts[j]) context[i][w] = std::max(context[i][w], weight);
    for (const auto& [w, weight] : contexts[i]) context[j][w] = std::max(context[j][w], weight);
  }
  std::vector<std::vector<std::uint32_t>> out;
  std::vector<std::uint32_t> parent(figures.size());
  for (std::uint32_t i = 0; i < parent.size(); ++i) parent[i] = i;
  for (const auto& [key, members] : by_key) {
    // Same unit and noun is not yet the same quantity: "two helicopters" and "12 helicopters" are
    // two fleets unless what is said around them is the same. Equal values need a shared weight of
    // 1 (none when a governing word such as "injured" is common to both), different values 3 (1),
    // and values no further apart than a factor of kMaxRatio (kMaxRatioGoverned with a governing
    // word: tolls grow). Two values in one sentence are two things ("fell below $50 billion, from
    // $70 billion"), unless the sentence tells one as the other's revision (`revisions`) or other
    // articles tie them together.
    const bool governed = !std::get<2>(key).empty();
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        const std::uint32_t i = members[x], j = members[y];
        if (i >= context.size() || j >= context.size()) continue;
        const Figure& a = figures[i];
        const Figure& b = figures[j];
        const bool same = same_value(a.value, b.value);
        if (!same) {
          if (a.where.article == b.where.article && a.where.sentence == b.where.sentence) {
            if (revisions.count({std::min(i, j), std::max(i, j)})) parent[find_root(parent, i)] = find_root(parent, j);
            continue;
          }
          const double lo = std::min(std::fabs(a.value), std::fabs(b.value));
          const double hi = std::max(std::fabs(a.value), std::fabs(b.value));
          if (hi > (governed ? kMaxRatioGoverned : kMaxRatio) * lo) continue;
        }
        // "$30 billion in aid" and "$18 billion in new money": amounts of two things.
        if (!a.measured.empty() && !b.measured.empty() && fold_counted(a.measured) != fold_counted(b.measured)) continue;
        // "Xu for 12 years" and "Qin Yongmin ... has spent 10 years in prison": different values in
        // sentences about different people are two people's quantities.
        if (!same && i < people.size() && j < people.size() && !people[i].empty() && !people[j].empty() &&
            std::none_of(people[i].begin(), people[i].end(), [&](std::uint32_t p) {
              return std::binary_search(people[j].begin(), people[j].end(), p);
            })) {
          continue;
        }
        const std::uint32_t needed = governed ? (same ? 0 : 1) : (same ? 1 : 3);
        if (shared_weight(context[i], context[j]) >= needed) parent[find_root(parent, i)] = find_root(parent, j);
      }
    }
    std::map<std::uint32_t, std::vector<std::uint32_t>> components;
    for (std::uint32_t i : members) components[find_root(parent, i)].push_back(i);
    for (auto& [root, group] : components) {
      // One quantity has one value per article, or two when the article tells a revision ("4%,
      // more than the 3.5% forecast"); an article giving two values otherwise, or three, is
      // listing things (Cardoso's 56 percent and Lula's 34 percent "of the vote").
      std::map<std::uint32_t, std::vector<double>> values;
      std::set<std::uint32_t> revising;  // articles that tell a revision within the group
      for (const auto& [i, j] : revisions) {
        if (find_root(parent, i) == root && find_root(parent, j) == root) revising.insert(figures[i].where.article.value);
      }
      bool listing = false;
      for (std::uint32_t i : group) {
        const std::uint32_t article = figures[i].where.article.value;
        std::vector<double>& v = values[article];
        if (std::none_of(v.begin(), v.end(), [&](double x) { return same_value(x, figures[i].value); })) {
          v.push_back(figures[i].value);
        }
        listing = listing || v.size() > 2 || (v.size() == 2 && revising.count(article) == 0);
      }
      // Several values that every article gives alike ("an extra three miles ..., a total of five
      // miles", and its copies) are one text's two numbers, not sources telling different ones.
      bool sources_differ = false;
      for (const auto& [article, v] : values) {
        for (const auto& [other, w] : values) {
          sources_differ = sources_differ || std::any_of(v.begin(), v.end(), [&](double x) {
                             return std::none_of(w.begin(), w.end(), [&](double y) { return same_value(x, y); });
                           });
        }
      }
      std::set<double> distinct_values;
      for (const auto& [article, v] : values) {
        for (double x : v) {
          if (std::none_of(distinct_values.begin(), distinct_values.end(), [&](double y) { return same_value(x, y); })) {
            distinct_values.insert(x);
          }
        }
      }
      if (values.size() >= 2 && !listing && (distinct_values.size() == 1 || sources_differ)) out.push_back(std::move(group));
    }
  }
  return out;
}

}  // namespace internal

namespace {

std::vector<QuantityReport> compare_quantities(const std::vector<Figure>& figures,
                                               const std::vector<std::string>& predicates,
                                               const std::unordered_map<std::uint32_t, const ArticleInfo*>& info,
                                               const std::vector<Entity>& entities) {
  // The people each figure's sentence names (indices into `entities`), sorted.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> people_of_sentence;
  for (std::uint32_t e = 0; e < entities.size(); ++e) {
    if (entities[e].kind != EntityKind::kPerson) continue;
    for (const EntityMention& m : entities[e].mentions) {
      std::vector<std::uint32_t>& p = people_of_sentence[{m.where.article.value, m.where.sentence}];
      if (p.empty() || p.back() != e) p.push_back(e);
    }
  }
  std::vector<std::vector<std::uint32_t>> people;
  people.reserve(figures.size());
  for (const Figure& f : figures) {
    auto it = people_of_sentence.find({f.where.article.value, f.where.sentence});
    people.push_back(it == people_of_sentence.end() ? std::vector<std::uint32_t>{} : it->second);
  }
  std::vector<internal::FigureContext> contexts;
  contexts.reserve(figures.size());
  for (const Figure& f : figures) {
    auto it = info.find(f.where.article.value);
    contexts.push_back(it == info.end() ? internal::FigureContext{} : figure_context(*it->second->article, f.where, f.unit));
  }
  // "raised the estimate to $18.5 million from $12 million", "4%, more than the 3.5% forecast":
  // consecutive figures of one sentence with "from" or "than" between them; the second is the
  // earlier value.
  std::set<std::pair<std::uint32_t, std::uint32_t>> revisions;
  for (std::uint32_t i = 0; i + 1 < figures.size(); ++i) {
    const Figure& a = figures[i];
    const Figure& b = figures[i + 1];
    if (a.where.article != b.where.article || a.where.sentence != b.where.sentence) continue;
    auto it = info.find(a.where.article.value);
    if (it == info.end() || b.where.span.begin < a.where.span.end) continue;
    const Article& article = *it->second->article;
    if (a.where.sentence >= article.sentences.size()) continue;
    const Sentence& s = article.sentences[a.where.sentence];
    const std::uint32_t end = std::min<std::uint32_t>(s.first_token + s.token_count, static_cast<std::uint32_t>(article.tokens.size()));
    int words = 0;
    bool cue = false;
    for (std::uint32_t k = s.first_token; k < end; ++k) {
      const Token& t = article.tokens[k];
      if (t.span.begin < a.where.span.end || t.span.end > b.where.span.begin) continue;
      words += t.is_word;
      cue = cue || t.lower == "from" || t.lower == "than";
    }
    if (cue && words <= kMaxRevisionGap) revisions.insert({i, i + 1});
  }
  std::set<std::uint32_t> old_values;  // the second figure of a revision pair is the earlier value
  for (const auto& [i, j] : revisions) old_values.insert(j);
  std::vector<QuantityReport> out;
  for (std::vector<std::uint32_t>& members : internal::same_quantity_groups(figures, predicates, contexts, revisions, people)) {
    const Figure& first = figures[members.front()];
    QuantityReport q;
    q.counted = fold_counted(first.counted);
    q.unit = first.unit;
    q.predicate = members.front() < predicates.size() ? predicates[members.front()] : "";
    for (std::uint32_t i : members) {
      if (q.measured.empty()) q.measured = figures[i].measured;
    }
    for (std::uint32_t i : members) {
      const Figure& f = figures[i];
      auto it = std::find_if(q.readings.begin(), q.readings.end(), [&](const Reading& r) {
        return same_value(r.value, f.value) && r.value_high.has_value() == f.value_high.has_value() &&
               (!f.value_high || same_value(*r.value_high, *f.value_high));
      });
      if (it == q.readings.end()) {
        q.readings.push_back(Reading{f.value, f.value_high, {}, {}, "", ""});
        it = q.readings.end() - 1;
      }
      it->figures.push_back(i);
      if (std::find(it->articles.begin(), it->articles.end(), f.where.article) == it->articles.end()) {
        it->articles.push_back(f.where.article);
      }
    }
    // Publication order and dates of each reading.
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // min, max publication order
    for (Reading& r : q.readings) {
      std::sort(r.articles.begin(), r.articles.end(), [&](ArticleId a, ArticleId b) {
        return info.at(a.value)->order < info.at(b.value)->order;
      });
      r.first_published = info.at(r.articles.front().value)->published_iso;
      r.last_published = info.at(r.articles.back().value)->published_iso;
    }
    // First told first; in one article, the value a revision starts from ("from $70 billion")
    // before the one it reaches.
    auto is_old = [&](const Reading& r) {
      return std::any_of(r.figures.begin(), r.figures.end(), [&](std::uint32_t i) { return old_values.count(i) > 0; });
    };
    std::sort(q.readings.begin(), q.readings.end(), [&](const Reading& a, const Reading& b) {
      std::size_t oa = info.at(a.articles.front().value)->order, ob = info.at(b.articles.front().value)->order;
      if (oa != ob) return oa < ob;
      if (is_old(a) != is_old(b)) return is_old(a);
      return a.value < b.value;
    });
    if (q.readings.size() == 1) {
      q.status = QuantityReport::Status::kAgree;
    } else {
      // A conflict needs two different articles of the same day (or undated) giving different
      // values, neither of which also gives the other's value: an article that reports both
      // ("4%, more than the 3.5% she had forecast on Tuesday") is telling a revision. Anything
      // else is an update over time.
      auto has = [](const Reading& r, ArticleId a) {
        return std::find(r.articles.begin(), r.articles.end(), a) != r.articles.end();
      };
      bool conflict = false;
      for (std::size_t x = 0; x < q.readings.size() && !conflict; ++x) {
        for (std::size_t y = x + 1; y < q.readings.size() && !conflict; ++y) {
          for (ArticleId a : q.readings[x].articles) {
            for (ArticleId b : q.readings[y].articles) {
              if (a == b || has(q.readings[y], a) || has(q.readings[x], b)) continue;
              const std::string& pa = info.at(a.value)->published_iso;
              const std::string& pb = info.at(b.value)->published_iso;
              if (pa.empty() || pb.empty() || pa == pb) conflict = true;
            }
          }
        }
      }
      q.status = conflict ? QuantityReport::Status::kConflict : QuantityReport::Status::kUpdate;
    }
    out.push_back(std::move(q));
  }
  std::stable_sort(out.begin(), out.end(), [](const QuantityReport& a, const QuantityReport& b) {
    std::size_t fa = 0, fb = 0;
    for (const auto& r : a.readings) fa += r.figures.size();
    for (const auto& r : b.readings) fb += r.figures.size();
    return fa > fb;
  });
  return out;
}

bool has_event_words(const Article& a, const Sentence& s, const std::vector<DateMatch>& dates) {
  static const std::unordered_set<std::string> kTimeWords = {"a.m.", "p.m.", "am", "pm", "at", "on", "gmt", "utc",
                                                             "est", "edt", "cet", "bst", "updated", "published"};
  int words = 0;
  for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count && t < a.tokens.size(); ++t) {
    const Token& tok = a.tokens[t];
    if (!tok.is_word || kTimeWords.count(tok.lower) != 0) continue;
    bool alpha = false;
    for (char c : tok.lower) alpha = alpha || (c >= 'a' && c <= 'z');
    if (!alpha) continue;
    bool in_date = false;
    for (const DateMatch& d : dates) {
      in_date = in_date || (tok.span.begin >= s.span.begin + d.span.begin && tok.span.end <= s.span.begin + d.span.end);
    }
    if (!in_date && ++words >= 2) return true;
  }
  return false;
}

std::set<std::string> stem_set(const Article& a, const Sentence& s) {
  std::set<std::string> out;
  for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count && t < a.tokens.size(); ++t) {
    if (a.tokens[t].is_word && !a.tokens[t].is_stopword) out.insert(a.tokens[t].stem);
  }
  return out;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0;
  for (const auto& x : a) common += b.count(x);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

namespace internal {

std::vector<Entity> merge_story_entities(std::vector<Entity> raw, std::vector<Entity> tentative) {
  return merge_entities(std::move(raw), std::move(tentative));
}

std::size_t trailing_weekdays(const std::vector<std::string_view>& words) {
  std::size_t n = 0;
  while (n + 1 < words.size() && weekday_number(ascii_lower(words[words.size() - 1 - n])) >= 0) ++n;
  return n;
}

std::size_t leading_function_words(const std::vector<std::string_view>& lower_words) {
  static const std::unordered_set<std::string_view> kNeverOpensAName = {
      "although", "though", "if", "like", "unlike", "when", "whenever", "while", "whilst", "as", "but", "and",
      "or", "nor", "after", "before", "because", "since", "until", "unless", "with", "without", "for", "from",
      "by", "at", "in", "on", "of", "to", "into", "the", "a", "that", "this", "these", "those", "once",
      "whether", "where", "how", "what", "why", "despite", "under", "over", "during", "between", "among",
      "against", "about", "so", "then", "yet", "even", "also", "only", "both", "either", "neither", "not",
      "meanwhile", "however", "still", "now", "here", "there", "today", "yesterday", "tomorrow", "every",
      "each", "all", "some", "many", "most", "several", "few", "other", "another", "such", "no", "yes",
      "according", "thus", "hence", "instead", "besides", "moreover", "furthermore", "did", "does", "do",
      "is", "was", "were", "are", "has", "had", "have", "will", "would", "could", "should", "may", "might"};
  std::size_t n = 0;
  while (n + 1 < lower_words.size() && kNeverOpensAName.count(lower_words[n])) ++n;
  return n;
}

void mark_dateline_places(std::vector<Entity>& mentions, const std::vector<std::string>& places) {
  std::set<std::string> folded;
  for (const std::string& p : places) {
    if (!p.empty()) folded.insert(fold(p));
  }
  if (folded.empty()) return;
  for (Entity& e : mentions) {
    if (folded.count(fold(e.name)) != 0) e.kind = EntityKind::kLocation;
  }
}

}  // namespace internal

// Names the tagger found that are no names, seen on web pages ("When" and "Most" opening a
// sentence, "4K" and "USB-C" taken for places, "LC500 Convertible" for a person):
//   - a one-word name that is a stopword of its article's language, or that the story also writes
//     in lower case inside a sentence at least as often as it names it ("Most" beside "most");
//   - a person or place whose name holds a digit (models, formats, sizes).
// Dropped from the story's entities (the figures and dates do not depend on them).
static void drop_unlikely_names(std::vector<Entity>& entities, const std::vector<ArticleInfo>& infos,
                                const std::unordered_map<std::uint32_t, const ArticleInfo*>& info_of) {
  // One-word names, lower-cased -> how often the story writes them all in lower case.
  std::unordered_map<std::string, std::uint32_t> lower_uses;
  for (const Entity& e : entities) {
    if (e.name.find(' ') == std::string::npos) lower_uses.emplace(text::to_lower(e.name), 0);
  }
  for (const ArticleInfo& info : infos) {
    const Article& a = *info.article;
    for (const Token& t : a.tokens) {
      if (!t.is_word || t.span.end > a.text.size()) continue;
      // Written all in lower case ("most"; not "al-Tanf" or "ePA", which are names).
      const std::string_view written = slice(a.text, t.span);
      if (written.empty() || written[0] < 'a' || written[0] > 'z' ||
          std::any_of(written.begin(), written.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        continue;
      }
      auto it = lower_uses.find(t.lower);
      if (it != lower_uses.end()) ++it->second;
    }
  }
  std::erase_if(entities, [&](const Entity& e) {
    if (e.name.find(' ') == std::string::npos) {
      const std::string lower = text::to_lower(e.name);
      std::string language = "en";
      if (!e.mentions.empty()) {
        auto it = info_of.find(e.mentions.front().where.article.value);
        if (it != info_of.end()) language = it->second->article->language;
      }
      if (text::is_stopword(language, lower)) return true;
      if (lower_uses.at(lower) >= e.mentions.size()) return true;
    }
    return e.kind != EntityKind::kOrganization &&
           std::any_of(e.name.begin(), e.name.end(), [](char c) { return c >= '0' && c <= '9'; });
  });
}

StoryFacts extract_story_facts(const std::vector<const Article*>& articles, const FactsOptions& options) {
  StoryFacts facts;
  const EntityTagger& tagger = options.tagger != nullptr ? *options.tagger : default_entity_tagger();
  std::optional<CivilDay> fallback = parse_iso_day(options.fallback_published);
  std::vector<ArticleInfo> infos;
  for (const Article* a : articles) {
    if (a == nullptr || (options.skip_duplicates && a->duplicate_of.has_value())) continue;
    ArticleInfo info{a, parse_iso_day(a->meta.published), "", 0};
    if (info.published) {
      info.published_iso = to_iso(*info.published);
    } else {
      if (!a->meta.published.empty()) {
        facts.diagnostics.push_back(Diagnostic{a->meta.source, "publication date is not ISO 8601: \"" +
                                                                   a->meta.published + "\"; relative dates skipped",
                                               Severity::kInfo});
      }
      info.published = fallback;
      if (fallback) info.published_iso = to_iso(*fallback);
    }
    infos.push_back(info);
  }
  std::vector<std::size_t> by_date(infos.size());
  for (std::size_t i = 0; i < by_date.size(); ++i) by_date[i] = i;
  std::stable_sort(by_date.begin(), by_date.end(), [&](std::size_t a, std::size_t b) {
    return infos[a].published_iso < infos[b].published_iso;
  });
  for (std::size_t rank = 0; rank < by_date.size(); ++rank) infos[by_date[rank]].order = rank;
  std::unordered_map<std::uint32_t, const ArticleInfo*> info_of;
  for (const ArticleInfo& info : infos) info_of[info.article->id.value] = &info;

  std::vector<Entity> raw_entities, tentative_entities;
  struct Dated {
    std::size_t date_index;
    std::size_t info;
  };
  std::vector<Dated> dated_sentences;
  std::vector<std::string> figure_predicates;  // parallel to facts.figures
  // What one article says, found on its own (in parallel when options.threads allows), then
  // gathered in article order, so the result does not depend on the thread count.
  struct Found {
    std::vector<DateMention> dates;
    std::vector<std::size_t> timeline_dates;  // indices into `dates`: each sentence's date on the timeline
    std::vector<Figure> figures;
    std::vector<std::string> predicates;      // parallel to `figures`
    std::vector<Entity> raw, tentative;
  };
  std::vector<Found> found(infos.size());
  parallel_for(infos.size(), options.threads, [&](std::size_t ai) {
    Found& out = found[ai];
    const Article& a = *infos[ai].article;
    for (std::uint32_t si = 0; si < a.sentences.size(); ++si) {
      const Sentence& s = a.sentences[si];
      std::string_view text = a.sentence_text(s);
      std::vector<DateMatch> dates = find_dates(text, infos[ai].published);
      // A sentence that is only a date or time line ("Nov. 3, 2026, 9:05 p.m.") dates nothing.
      // Otherwise its date on the timeline is its first of day or month precision, with confidence
      // >= 0.6, that is not a possessive: in "the number injured in Tuesday's fire rose to 14 on
      // Wednesday", Tuesday names the fire and Wednesday dates the event. A possessive date is
      // taken only when the sentence has no other.
      std::size_t timeline_date = dates.size();
      if (has_event_words(a, s, dates)) {
        std::size_t first_possessive = dates.size();
        for (std::size_t k = 0; k < dates.size(); ++k) {
          const DateMatch& d = dates[k];
          if (d.confidence < 0.6 || (d.kind != DateKind::kDay && d.kind != DateKind::kMonth)) continue;
          std::string_view written = text.substr(d.span.begin, d.span.end - d.span.begin);
          if (possessive_length(written) == 0) {
            timeline_date = k;
            break;
          }
          if (first_possessive == dates.size()) first_possessive = k;
        }
        if (timeline_date == dates.size()) timeline_date = first_possessive;
      }
      for (std::size_t k = 0; k < dates.size(); ++k) {
        const DateMatch& d = dates[k];
        DateMention m;
        m.where = make_mention(a, si, ByteSpan{s.span.begin + d.span.begin, s.span.begin + d.span.end});
        m.iso_begin = to_iso(d.begin);
        m.iso_end = to_iso(d.end);
        m.granularity = d.kind == DateKind::kDay ? DateGranularity::kDay
                        : d.kind == DateKind::kMonth ? DateGranularity::kMonth
                        : d.kind == DateKind::kYear ? DateGranularity::kYear
                                                     : DateGranularity::kRange;
        m.is_relative = d.is_relative;
        m.confidence = d.confidence;
        if (k == timeline_date) out.timeline_dates.push_back(out.dates.size());
        out.dates.push_back(std::move(m));
      }
      for (const FigureMatch& f : find_figures(text)) {
        if (f.is_year) continue;
        bool in_date = false;
        for (const DateMatch& d : dates) {
          in_date = in_date || (f.span.begin < d.span.end && d.span.begin < f.span.end);
        }
        if (in_date) continue;
        Figure fig;
        fig.where = make_mention(a, si, ByteSpan{s.span.begin + f.span.begin, s.span.begin + f.span.end});
        fig.value = f.value;
        fig.value_high = f.value_high;
        fig.unit = f.unit;
        fig.counted = f.counted;
        fig.measured = f.measured;
        fig.qualifier = f.qualifier;
        out.predicates.push_back(figure_predicate(a, s, fig.where.span));
        out.figures.push_back(std::move(fig));
      }
    }
    // The name taggers know English (trained on English news, with English gazetteers): on German
    // text they took capitalised nouns for places ("Patienten", "Einrichtungen"). Other languages
    // get no names rather than wrong ones; "und" (too short to tell) is tried as English.
    if (a.reads_as_english()) {
      collect_entities(a, tagger, out.raw, out.tentative);
    }
  });
  for (std::size_t ai = 0; ai < found.size(); ++ai) {
    Found& f = found[ai];
    for (std::size_t k : f.timeline_dates) dated_sentences.push_back(Dated{facts.dates.size() + k, ai});
    std::move(f.dates.begin(), f.dates.end(), std::back_inserter(facts.dates));
    std::move(f.figures.begin(), f.figures.end(), std::back_inserter(facts.figures));
    std::move(f.predicates.begin(), f.predicates.end(), std::back_inserter(figure_predicates));
    std::move(f.raw.begin(), f.raw.end(), std::back_inserter(raw_entities));
    std::move(f.tentative.begin(), f.tentative.end(), std::back_inserter(tentative_entities));
    f = Found{};
  }
  std::vector<std::string> places;  // from every article, copies included: a wire copy keeps its dateline
  for (const Article* a : articles) {
    if (a != nullptr && !a->meta.dateline_place.empty()) places.push_back(a->meta.dateline_place);
  }
  internal::mark_dateline_places(raw_entities, places);
  internal::mark_dateline_places(tentative_entities, places);
  facts.entities = merge_entities(std::move(raw_entities), std::move(tentative_entities));
  drop_unlikely_names(facts.entities, infos, info_of);
  facts.quantities = compare_quantities(facts.figures, figure_predicates, info_of, facts.entities);

  // Timeline.
  std::stable_sort(dated_sentences.begin(), dated_sentences.end(), [&](const Dated& x, const Dated& y) {
    const DateMention& a = facts.dates[x.date_index];
    const DateMention& b = facts.dates[y.date_index];
    if (a.iso_begin != b.iso_begin) return a.iso_begin < b.iso_begin;
    return infos[x.info].order < infos[y.info].order;
  });
  std::vector<std::set<std::string>> event_stems;
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> events_of_dates;  // same dates only
  for (const Dated& d : dated_sentences) {
    const DateMention& dm = facts.dates[d.date_index];
    const Article& a = *infos[d.info].article;
    const Sentence& s = a.sentences[dm.where.sentence];
    std::set<std::string> stems = stem_set(a, s);
    bool merged = false;
    std::vector<std::size_t>& same_dates = events_of_dates[{dm.iso_begin, dm.iso_end}];
    for (std::size_t e : same_dates) {
      TimelineEvent& ev = facts.timeline[e];
      if (jaccard(event_stems[e], stems) >= 0.5) {
        if (ev.source.article != a.id) ev.also.push_back(make_mention(a, dm.where.sentence, s.span));
        merged = true;
        break;
      }
    }
    if (merged) continue;
    TimelineEvent ev;
    ev.iso_begin = dm.iso_begin;
    ev.iso_end = dm.iso_end;
    ev.confidence = dm.confidence;
    ev.sentence = std::string(a.sentence_text(s));
    ev.date = dm.where;
    ev.source = make_mention(a, dm.where.sentence, s.span);
    same_dates.push_back(facts.timeline.size());
    facts.timeline.push_back(std::move(ev));
    event_stems.push_back(std::move(stems));
  }
  if (facts.timeline.size() > options.max_timeline_events) {
    // Keep the best-attested, most confident events, then restore date order.
    std::vector<std::size_t> idx(facts.timeline.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) {
      const auto& a = facts.timeline[x];
      const auto& b = facts.timeline[y];
      if (a.also.size() != b.also.size()) return a.also.size() > b.also.size();
      return a.confidence > b.confidence;
    });
    idx.resize(options.max_timeline_events);
    std::sort(idx.begin(), idx.end());
    std::vector<TimelineEvent> kept;
    for (std::size_t i : idx) kept.push_back(std::move(facts.timeline[i]));
    facts.timeline = std::move(kept);
  }
  return facts;
}

}  // namespace precis::facts
