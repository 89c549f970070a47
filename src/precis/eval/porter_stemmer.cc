// Porter (1980) as ROUGE-1.5.5 runs it.
//
// ROUGE's Perl stemmer states every condition as a regular expression over the classes
//   c = [^aeiou], v = [aeiouy], C = c[^aeiouy]*, V = v[aeiou]*
// e.g. "m > 0" is /^(C)?VC/ and "*o" is /^C v [^aeiouwxy]$/. Because a C run can only continue
// with non-vowels and a V run only with a,e,i,o,u, every match is forced to the unique split of the
// word into alternating consonant and vowel runs in which 'y' is a vowel after a consonant and a
// consonant after a vowel — Porter's own definition. So the regexes are evaluated here by counting
// runs (measure()), which is exact and needs no regex engine. A leading 'y' is upper-cased for the
// duration, as ROUGE does, so that it is always a consonant.
//
// Lin's 2004 change to step 4: the list (al|ance|...|ement|...|ize) is tried first, then "ment",
// then "ent" or else "(s|t)ion", each on the word as the previous rule left it.
#include "precis/eval/porter_stemmer.h"

#include <array>
#include <utility>

namespace precis::eval {
namespace {

bool is_aeiou(char ch) { return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u'; }

bool ends_with(const std::string& w, std::string_view suffix) {
  return w.size() >= suffix.size() && std::string_view(w).substr(w.size() - suffix.size()) == suffix;
}

// Porter's consonant test at position i ('y' depends on its left neighbour).
bool is_consonant(std::string_view s, std::size_t i) {
  char ch = s[i];
  if (is_aeiou(ch)) return false;
  if (ch == 'y') return i == 0 ? true : !is_consonant(s, i - 1);
  return true;
}

// m in [C](VC)^m[V].
int measure(std::string_view s) {
  int m = 0;
  bool previous_vowel = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool consonant = is_consonant(s, i);
    if (consonant && previous_vowel) ++m;
    previous_vowel = !consonant;
  }
  return m;
}

// /^(C)?v/: the stem holds a vowel. Equivalent to containing one of a,e,i,o,u,y (lower case; a
// leading y has been upper-cased and is a consonant).
bool has_vowel(std::string_view s) { return s.find_first_of("aeiouy") != std::string_view::npos; }

// /^C v [^aeiouwxy]$/: the whole word is one consonant run, one vowel, one final consonant.
bool is_short_cvc(std::string_view s) {
  if (s.size() < 3) return false;
  if (is_aeiou(s[0])) return false;
  for (std::size_t i = 1; i + 2 < s.size(); ++i) {
    char ch = s[i];
    if (is_aeiou(ch) || ch == 'y') return false;
  }
  char vowel = s[s.size() - 2];
  if (!(is_aeiou(vowel) || vowel == 'y')) return false;
  char last = s.back();
  return !(is_aeiou(last) || last == 'w' || last == 'x' || last == 'y');
}

using Rule = std::pair<std::string_view, std::string_view>;

constexpr std::array<Rule, 21> kStep2 = {{{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},
                                          {"anci", "ance"},   {"izer", "ize"},    {"bli", "ble"},
                                          {"alli", "al"},     {"entli", "ent"},   {"eli", "e"},
                                          {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
                                          {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"},
                                          {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},
                                          {"iviti", "ive"},   {"biliti", "ble"},  {"logi", "log"}}};

constexpr std::array<Rule, 7> kStep3 = {{{"icate", "ic"},
                                         {"ative", ""},
                                         {"alize", "al"},
                                         {"iciti", "ic"},
                                         {"ical", "ic"},
                                         {"ful", ""},
                                         {"ness", ""}}};

constexpr std::array<std::string_view, 16> kStep4 = {"al",  "ance", "ence", "er",  "ic",  "able",
                                                     "ible", "ant", "ement", "ou", "ism", "ate",
                                                     "iti", "ous", "ive",  "ize"};

// A Perl alternation anchored at $ matches at the leftmost position, i.e. the longest suffix.
template <class Array, class Suffix>
const auto* longest_suffix(const std::string& w, const Array& rules, Suffix suffix_of) {
  const typename Array::value_type* best = nullptr;
  for (const auto& rule : rules) {
    std::string_view s = suffix_of(rule);
    if (ends_with(w, s) && (best == nullptr || s.size() > suffix_of(*best).size())) best = &rule;
  }
  return best;
}

void apply_replacement_step(std::string& w, const std::array<Rule, 21>* rules21,
                            const std::array<Rule, 7>* rules7) {
  auto first = [](const Rule& r) { return r.first; };
  const Rule* rule = rules21 ? longest_suffix(w, *rules21, first) : longest_suffix(w, *rules7, first);
  if (rule == nullptr) return;
  std::string_view stem(w.data(), w.size() - rule->first.size());
  if (measure(stem) > 0) w = std::string(stem) + std::string(rule->second);
}

// Strip `suffix_size` bytes if the remaining stem has m > 1.
void strip_if_m_gt_1(std::string& w, std::size_t suffix_size) {
  std::string_view stem(w.data(), w.size() - suffix_size);
  if (measure(stem) > 1) w.resize(stem.size());
}

}  // namespace

std::string porter_stem(std::string_view word) {
  std::string w(word);
  if (w.size() < 3) return w;
  const bool initial_y = w[0] == 'y';
  if (initial_y) w[0] = 'Y';

  // Step 1a.
  if (ends_with(w, "sses")) {
    w.resize(w.size() - 2);
  } else if (ends_with(w, "ies")) {
    w.resize(w.size() - 2);
  } else if (w.size() >= 2 && w.back() == 's' && w[w.size() - 2] != 's') {
    w.pop_back();
  }

  // Step 1b.
  if (ends_with(w, "eed")) {
    if (measure(std::string_view(w.data(), w.size() - 3)) > 0) w.pop_back();
  } else if (ends_with(w, "ed") || ends_with(w, "ing")) {
    std::size_t suffix = ends_with(w, "ed") ? 2 : 3;
    std::string_view stem(w.data(), w.size() - suffix);
    if (has_vowel(stem)) {
      w.resize(stem.size());
      if (ends_with(w, "at") || ends_with(w, "bl") || ends_with(w, "iz")) {
        w += 'e';
      } else if (w.size() >= 2 && w.back() == w[w.size() - 2] && !is_aeiou(w.back()) &&
                 w.back() != 'y' && w.back() != 'l' && w.back() != 's' && w.back() != 'z') {
        w.pop_back();
      } else if (is_short_cvc(w)) {
        w += 'e';
      }
    }
  }

  // Step 1c.
  if (!w.empty() && w.back() == 'y' && has_vowel(std::string_view(w.data(), w.size() - 1))) {
    w.back() = 'i';
  }

  // Steps 2 and 3.
  apply_replacement_step(w, &kStep2, nullptr);
  apply_replacement_step(w, nullptr, &kStep3);

  // Step 4, with Lin's sequential -ement / -ment / -ent rules.
  {
    auto self = [](std::string_view s) { return s; };
    const std::string_view* suffix = longest_suffix(w, kStep4, self);
    if (suffix != nullptr) strip_if_m_gt_1(w, suffix->size());
    if (ends_with(w, "ment")) strip_if_m_gt_1(w, 4);
    if (ends_with(w, "ent")) {
      strip_if_m_gt_1(w, 3);
    } else if (ends_with(w, "sion") || ends_with(w, "tion")) {
      strip_if_m_gt_1(w, 3);  // the s or t stays with the stem
    }
  }

  // Step 5.
  if (!w.empty() && w.back() == 'e') {
    std::string_view stem(w.data(), w.size() - 1);
    int m = measure(stem);
    if (m > 1 || (m == 1 && !is_short_cvc(stem))) w.pop_back();
  }
  if (ends_with(w, "ll") && measure(w) > 1) w.pop_back();

  if (initial_y && !w.empty() && w[0] == 'Y') w[0] = 'y';
  return w;
}

}  // namespace precis::eval
