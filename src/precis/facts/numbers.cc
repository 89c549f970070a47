// Figure extraction: a left-to-right scan over tokens (text/tokenizer.h). At each token that
// starts a number (digits, or number words), the scanner reads: the qualifier just before, the
// number and its scale words, a range ("to", "-", "between .. and"), the unit, and the counted
// noun (the first plural noun of the short run of content words that follows, "of the" skipped).
// This is the "quantity + head noun" pattern of news numerals; a parser would do better on long
// noun phrases, at a cost precis does not need for "how many of what".
#include "precis/facts/numbers.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "precis/facts/dates.h"
#include "precis/facts/gazetteer.h"
#include "precis/text/tokenizer.h"

namespace precis::facts {
namespace {

const std::unordered_map<std::string, double>& small_numbers() {
  static const std::unordered_map<std::string, double> m = {
      {"zero", 0},      {"one", 1},        {"two", 2},        {"three", 3},     {"four", 4},
      {"five", 5},      {"six", 6},        {"seven", 7},      {"eight", 8},     {"nine", 9},
      {"ten", 10},      {"eleven", 11},    {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
      {"fifteen", 15},  {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
      {"twenty", 20},   {"thirty", 30},    {"forty", 40},     {"fifty", 50},    {"sixty", 60},
      {"seventy", 70},  {"eighty", 80},    {"ninety", 90}};
  return m;
}

const std::unordered_map<std::string, double>& scales() {
  static const std::unordered_map<std::string, double> m = {
      {"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12},
      {"dozen", 12},    {"bn", 1e9},       {"mln", 1e6},     {"hundreds", 1e2}, {"thousands", 1e3},
      {"millions", 1e6}, {"billions", 1e9}, {"dozens", 12}};
  return m;
}

struct UnitWord {
  const char* unit;
  bool is_currency;
};

const std::unordered_map<std::string, UnitWord>& unit_words() {
  static const std::unordered_map<std::string, UnitWord> m = {
      {"percent", {"%", false}},  {"pct", {"%", false}},       {"%", {"%", false}},
      {"dollars", {"USD", true}}, {"dollar", {"USD", true}},   {"euros", {"EUR", true}},
      {"euro", {"EUR", true}},    {"pounds", {"GBP", true}},   {"yen", {"JPY", true}},
      {"yuan", {"CNY", true}},    {"rupees", {"INR", true}},   {"km", {"km", false}},     {"kms", {"km", false}},
      {"kilometers", {"km", false}}, {"kilometres", {"km", false}}, {"miles", {"mile", false}},
      {"mile", {"mile", false}},  {"meters", {"m", false}},    {"metres", {"m", false}},
      {"tons", {"t", false}},     {"tonnes", {"t", false}},    {"kg", {"kg", false}},
      {"kilograms", {"kg", false}}, {"years", {"year", false}}, {"year", {"year", false}},
      {"months", {"month", false}}, {"month", {"month", false}}, {"weeks", {"week", false}},
      {"week", {"week", false}},  {"days", {"day", false}},    {"day", {"day", false}},
      {"hours", {"hour", false}}, {"hour", {"hour", false}},   {"minutes", {"minute", false}},
      {"acres", {"acre", false}}, {"hectares", {"ha", false}}, {"barrels", {"barrel", false}},
      {"degrees", {"degree", false}}, {"mph", {"mph", false}}, {"kph", {"kph", false}},
      {"km/h", {"kph", false}}, {"inches", {"inch", false}}, {"inch", {"inch", false}},
      {"feet", {"ft", false}},    {"foot", {"ft", false}},     {"yards", {"yd", false}},
      {"centimeters", {"cm", false}}, {"centimetres", {"cm", false}}, {"cm", {"cm", false}},
      {"millimeters", {"mm", false}}, {"millimetres", {"mm", false}}, {"mm", {"mm", false}},
      {"meter", {"m", false}},    {"metre", {"m", false}},     {"kilometer", {"km", false}},
      {"kilometre", {"km", false}}, {"ounces", {"oz", false}}, {"gallons", {"gallon", false}},
      {"liters", {"l", false}},   {"litres", {"l", false}},    {"cents", {"cent", false}},
      {"cent", {"cent", false}},  {"dlrs", {"USD", true}},     {"dlr", {"USD", true}},
      {"baht", {"THB", true}},    {"rupiah", {"IDR", true}},   {"ringgit", {"MYR", true}},
      {"rubles", {"RUB", true}},  {"roubles", {"RUB", true}},  {"shekels", {"ILS", true}},
      {"rupee", {"INR", true}},   {"knots", {"knot", false}},  {"knot", {"knot", false}},
      {"seconds", {"second", false}}, {"nmi", {"nmi", false}}};  // not "second": an ordinal
  return m;
}

const std::unordered_set<std::string>& stop_words() {
  static const std::unordered_set<std::string> s = {
      "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but",
      "was", "were", "is", "are", "be", "been", "had", "has", "have", "will", "would", "could", "said",
      "that", "this", "these", "those", "who", "which", "than", "as", "more", "less", "per", "each",
      "its", "their", "his", "her", "our", "over", "into", "about", "after", "before", "since", "last",
      "next", "ago", "so", "far", "also", "not", "no", "it", "they", "he", "she", "we", "when", "where",
      "times"};
  return s;
}

const std::unordered_set<std::string>& irregular_plurals() {
  static const std::unordered_set<std::string> s = {"people", "children", "men", "women", "police", "staff",
                                                    "personnel", "cattle", "feet", "teeth", "mice", "data"};
  return s;
}

// Words after a number that make it a time of day ("5 p.m.", "0900 GMT"), not a quantity.
bool is_clock_word(const std::string& w) {
  static const std::unordered_set<std::string> s = {"a.m.", "p.m.", "a.m", "p.m", "am", "pm", "o'clock", "gmt",
                                                    "utc", "edt", "est", "cdt", "cst", "mdt", "mst", "pdt",
                                                    "pst", "bst", "cet", "cest", "jst"};
  return s.count(w) != 0;
}

// Capitalised words before a number that are not labels: months and weekdays belong to dates,
// and sentence-opening function words ("The 3 men", "Only 3") still introduce a count.
bool is_calendar_word(const std::string& w) { return month_number(w) != 0 || weekday_number(w) >= 0; }

struct Tok {
  ByteSpan span;
  std::string_view text;
  std::string lower;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A digit-form token: optional currency sign, digits (commas/period), optional '%'.
struct DigitNumber {
  double value = 0;
  std::string unit;
  bool has_separator = false;
  std::size_t digits = 0;
  std::string suffix_word;  // "5-year" -> "year"
};

// Spaces that group thousands in SI and French style: "4 000" with a no-break (U+00A0), narrow
// no-break (U+202F), thin (U+2009) or figure (U+2007) space, the ones text::normalize keeps (as
// U+202F) between a digit and three digits.
constexpr std::string_view kGroupSpaces[] = {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89", "\xE2\x80\x87"};

std::optional<DigitNumber> parse_digit_token(std::string_view t) {
  // A token joined across group spaces (find_figures) is read as if they were commas.
  std::string grouped;
  for (std::string_view g : kGroupSpaces) {
    if (t.find(g) == std::string_view::npos) continue;
    if (grouped.empty()) grouped = std::string(t);
    for (std::size_t k = grouped.find(g); k != std::string::npos; k = grouped.find(g, k + 1)) grouped.replace(k, g.size(), ",");
  }
  if (!grouped.empty()) t = grouped;
  DigitNumber n;
  std::size_t i = 0;
  struct Sign {
    const char* bytes;
    const char* unit;
  };
  static const Sign signs[] = {{"US$", "USD"}, {"$", "USD"}, {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"},
                               {"\xC2\xA5", "JPY"}};
  for (const Sign& s : signs) {
    std::string_view b(s.bytes);
    if (t.substr(0, b.size()) == b) {
      n.unit = s.unit;
      i = b.size();
      break;
    }
  }
  if (i >= t.size() || !is_digit(t[i])) return std::nullopt;
  std::size_t j = i;
  while (j < t.size() && (is_digit(t[j]) || t[j] == ',' || t[j] == '.')) ++j;
  std::string_view number = t.substr(i, j - i);
  while (!number.empty() && (number.back() == '.' || number.back() == ',')) number.remove_suffix(1);
  auto v = parse_decimal(number);
  if (!v) return std::nullopt;
  n.value = *v;
  n.has_separator = number.find_first_of(",.") != std::string_view::npos;
  for (char c : number) n.digits += is_digit(c);
  std::string_view rest = t.substr(i + number.size());
  if (rest == "%") {
    if (!n.unit.empty()) return std::nullopt;
    n.unit = "%";
  } else if (rest.size() > 1 && rest[0] == '-') {
    n.suffix_word = ascii_lower(rest.substr(1));
    if (n.suffix_word[0] < 'a' || n.suffix_word[0] > 'z') return std::nullopt;  // "1975-79", "3-1"
  } else if (!n.unit.empty() && n.unit != "%" && (rest == "bn" || rest == "b" || rest == "m" || rest == "mn" || rest == "k" ||
                                                    rest == "tn" || rest == "trn")) {
    // British and web style for money: "£3bn", "$5m", "€2.5tn" (never without a currency sign:
    // "5m" is five metres).
    n.value *= rest[0] == 'b' ? 1e9 : rest[0] == 'm' ? 1e6 : rest[0] == 'k' ? 1e3 : 1e12;
  } else if (!rest.empty() && rest != ".") {
    return std::nullopt;  // "3rd", "1990s", "5km": not plain figures
  }
  return n;
}

}  // namespace

std::optional<double> parse_decimal(std::string_view s) {
  if (s.empty() || !is_digit(s[0]) || s.size() > 40) return std::nullopt;
  std::size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (dot != std::string_view::npos && (frac.empty() || frac.find_first_not_of("0123456789") != std::string_view::npos)) {
    return std::nullopt;
  }
  std::string digits;
  if (whole.find(',') != std::string_view::npos) {
    // Groups of three after a first group of one to three digits.
    std::size_t group_start = 0;
    bool first = true;
    while (true) {
      std::size_t comma = whole.find(',', group_start);
      std::size_t len = (comma == std::string_view::npos ? whole.size() : comma) - group_start;
      if (first ? (len < 1 || len > 3) : len != 3) return std::nullopt;
      first = false;
      if (comma == std::string_view::npos) break;
      group_start = comma + 1;
    }
  }
  for (char c : whole) {
    if (is_digit(c)) digits += c;
    else if (c != ',') return std::nullopt;
  }
  if (!frac.empty()) {
    digits += '.';
    digits += frac;
  }
  char* end = nullptr;
  double v = std::strtod(digits.c_str(), &end);
  if (end == nullptr || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<double> parse_number_words(std::string_view words) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : words) {
    if (c == ' ' || c == '-') {
      if (!current.empty()) parts.push_back(ascii_lower(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(ascii_lower(current));
  if (parts.empty() || parts.size() > 12) return std::nullopt;
  double total = 0, group = 0;
  bool any = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    auto sm = small_numbers().find(p);
    auto sc = scales().find(p);
    if (sm != small_numbers().end()) {
      group += sm->second;
      any = true;
    } else if ((p == "a" || p == "an") && i + 1 < parts.size() && scales().count(parts[i + 1]) != 0) {
      group += 1;
      any = true;
    } else if (p == "half" && i + 2 < parts.size() && parts[i + 1] == "a" && scales().count(parts[i + 2]) != 0) {
      group += 0.5;
      ++i;
      any = true;
    } else if (p == "and" && any) {
      continue;
    } else if (sc != scales().end() && any) {
      double s = sc->second;
      if (s >= 1e3) {
        total += (group == 0 ? 1 : group) * s;
        group = 0;
      } else {
        group = (group == 0 ? 1 : group) * s;
      }
    } else if (auto d = parse_decimal(p); d && i + 1 < parts.size()) {
      group += *d;
      any = true;
    } else {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  return total + group;
}

namespace {

// A number starting at token i: digits or words, with scale words. Returns the end token.
struct NumberAt {
  double value = 0;
  std::size_t end = 0;
  std::string unit;
  bool from_digits = false;
  bool has_separator = false;
  bool has_scale = false;
  std::size_t digits = 0;
  std::string suffix_word;
};

// A fraction typed as "1-2", "3-4", "1/2" one space after a whole number (token `j`): its value,
// and in `*end` the token after it; 0 when there is none. Single digits only, numerator below
// denominator, so "3-2" scores and "7-2" votes stay out.
double typed_fraction(const std::vector<Tok>& toks, std::size_t j, std::size_t* end) {
  if (j == 0 || j >= toks.size() || toks[j].span.begin != toks[j - 1].span.end + 1) return 0;
  auto digit = [](std::string_view t) { return t.size() == 1 && t[0] >= '1' && t[0] <= '9' ? t[0] - '0' : 0; };
  int a = 0, b = 0;
  std::string_view t = toks[j].text;
  if (t.size() == 3 && (t[1] == '-' || t[1] == '/')) {
    a = digit(t.substr(0, 1));
    b = digit(t.substr(2, 1));
    *end = j + 1;
  } else if (j + 2 < toks.size() && (toks[j + 1].text == "-" || toks[j + 1].text == "/") &&
             toks[j + 1].span.begin == toks[j].span.end && toks[j + 2].span.begin == toks[j + 1].span.end) {
    a = digit(t);
    b = digit(toks[j + 2].text);
    *end = j + 3;
  }
  if (a == 0 || b == 0 || a >= b || (b != 2 && b != 3 && b != 4 && b != 8)) return 0;
  if (*end < toks.size() && toks[*end].span.begin == toks[*end - 1].span.end) return 0;  // "1-2-3"
  return static_cast<double>(a) / b;
}

bool is_word(std::string_view w);

// Where a run of one or two capitalised words starting at `k` ends, when its last word is a
// nationality in -ese ("Chinese", "East Timorese"), which is its own plural; 0 otherwise.
std::size_t ese_nationality_end(const std::vector<Tok>& toks, std::size_t k) {
  std::size_t r = k;
  while (r < toks.size() && r < k + 2 && is_word(toks[r].text) && toks[r].text[0] >= 'A' && toks[r].text[0] <= 'Z') {
    if (toks[r].lower.size() > 5 && toks[r].lower.ends_with("ese")) return r + 1;
    ++r;
  }
  return 0;
}

std::optional<NumberAt> number_at(const std::vector<Tok>& toks, std::size_t i) {
  if (i >= toks.size()) return std::nullopt;
  NumberAt n;
  std::size_t j = i;
  if (i > 0 && (toks[i - 1].text == ":" || toks[i - 1].text == "/") && toks[i - 1].span.end == toks[i].span.begin) {
    return std::nullopt;  // the minutes of "3:30", the day of "11/02"
  }
  if (auto d = parse_digit_token(toks[i].text)) {
    // Clock times "3:30" and scores "3-1" stay out; ratios too.
    if (i + 2 < toks.size() && toks[i + 1].text == ":" && !toks[i + 2].text.empty() && is_digit(toks[i + 2].text[0]) &&
        toks[i + 1].span.begin == toks[i].span.end) {
      return std::nullopt;
    }
    n.value = d->value;
    n.unit = d->unit;
    n.from_digits = true;
    n.has_separator = d->has_separator;
    n.digits = d->digits;
    n.suffix_word = d->suffix_word;
    j = i + 1;
    // AP's typed fractions: "7 1-2 hours" is 7.5 hours, "2 3-4 percent" 2.75 percent (also "1/2").
    if (n.suffix_word.empty() && !n.has_separator && n.unit.empty() && n.value == std::floor(n.value)) {
      if (std::size_t end = 0; double f = typed_fraction(toks, j, &end)) {
        n.value += f;
        j = end;
      }
    }
  } else {
    // Number words, possibly hyphenated ("twenty-five", "five-year").
    std::string words;
    std::size_t k = i;
    double best = 0;
    std::size_t best_end = i;
    std::string best_suffix;
    while (k < toks.size() && k < i + 8) {
      std::string w = toks[k].lower;
      std::string suffix;
      std::size_t hy = w.find('-');
      if (hy != std::string::npos) {
        // "twenty-five" is a number; "five-year" is a number with a unit word.
        std::string head = w.substr(0, hy), tail = w.substr(hy + 1);
        if (small_numbers().count(head) != 0 && small_numbers().count(tail) == 0) {
          w = head;
          suffix = tail;
        }
      }
      std::string candidate = words.empty() ? w : words + " " + w;
      auto v = parse_number_words(candidate);
      if (!v || w == "and") {  // "and" joins ("one hundred and five"), never ends ("one and only")
        // "half a million", "a hundred": a prefix that is not yet a number may still become one.
        const bool number_word = small_numbers().count(w) != 0 || scales().count(w) != 0 || w == "a" ||
                                 w == "an" || w == "half" || w == "and";
        if (!number_word || !suffix.empty()) break;
        words = candidate;
        ++k;
        continue;
      }
      words = candidate;
      best = *v;
      best_end = k + 1;
      best_suffix = suffix;
      if (!suffix.empty()) break;
      ++k;
    }
    if (best_end == i) return std::nullopt;
    // A lone "one" is usually a pronoun ("one of them" is still a figure, handled by "of").
    // "one mile", "one ton" are measures: a unit word after it makes it a figure.
    // So is "one East Timorese": a nationality in -ese names a person.
    if (best_end == i + 1 && toks[i].lower == "one" && best_suffix.empty() &&
        (i + 1 >= toks.size() || unit_words().count(toks[i + 1].lower) == 0) && ese_nationality_end(toks, i + 1) == 0) {
      return std::nullopt;
    }
    n.value = best;
    n.suffix_word = best_suffix;
    j = best_end;
    n.has_scale = words.find(' ') != std::string::npos;
  }
  // Scale words after digits: "1.2 billion", "$5 bn".
  if (n.from_digits && n.suffix_word.empty()) {
    while (j < toks.size()) {
      auto sc = scales().find(toks[j].lower);
      if (sc == scales().end() || toks[j].lower == "dozens") break;
      n.value *= sc->second;
      n.has_scale = true;
      ++j;
    }
  }
  n.end = j;
  return n;
}

std::string qualifier_before(const std::vector<Tok>& toks, std::size_t i, std::size_t* start) {
  *start = i;
  auto lw = [&](std::size_t back) -> std::string_view {
    return i >= back ? std::string_view(toks[i - back].lower) : std::string_view();
  };
  struct Q {
    const char* a;
    const char* b;
    const char* c;
    const char* name;
  };
  static const Q three[] = {{"as", "many", "as", "up to"}, {"as", "much", "as", "up to"}, {"as", "few", "as", "at least"}};
  for (const Q& q : three) {
    if (lw(3) == q.a && lw(2) == q.b && lw(1) == q.c) {
      *start = i - 3;
      return q.name;
    }
  }
  static const Q two[] = {{"more", "than", "", "more than"}, {"less", "than", "", "less than"},
                          {"fewer", "than", "", "less than"}, {"at", "least", "", "at least"},
                          {"up", "to", "", "up to"},         {"at", "most", "", "at most"},
                          {"an", "estimated", "", "about"},  {"close", "to", "", "nearly"}};
  for (const Q& q : two) {
    if (lw(2) == q.a && lw(1) == q.b) {
      *start = i - 2;
      return q.name;
    }
  }
  static const std::unordered_map<std::string, std::string> one = {
      {"about", "about"},   {"around", "about"}, {"approximately", "about"}, {"roughly", "about"},
      {"some", "about"},    {"nearly", "nearly"}, {"almost", "nearly"},      {"over", "more than"},
      {"under", "less than"}, {"exactly", ""}};
  auto it = one.find(std::string(lw(1)));
  // "to hand over two suspects": "over" is the verb's particle, not "more than" ("take over",
  // "sign over" are left alone: "sign over 200 free agents" is more than 200).
  static const std::unordered_set<std::string_view> kTakesOver = {
      "hand", "hands", "handed", "handing", "turn", "turns", "turned", "turning"};
  if (it != one.end() && it->first == "over" && kTakesOver.count(lw(2)) != 0) return "";
  if (it != one.end()) {
    *start = i - 1;
    return it->second;
  }
  return "";
}

bool is_word(std::string_view w) {
  if (w.empty() || !((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z'))) return false;
  for (unsigned char c : w) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '\'' || c >= 0x80)) return false;
  }
  return true;
}

bool looks_plural(const std::string& w) {
  // Not a possessive ("two of the country's"), a pronoun ("15 argued themselves out") nor
  // "times", a multiplier or a frequency ("five times", "rose 130 times"), which counts nothing.
  if (w == "times" || w.ends_with("'s") || w.ends_with("selves")) return false;
  return irregular_plurals().count(w) != 0 || (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's');
}

bool is_capitalised_word(const Tok& t) { return is_word(t.text) && t.text[0] >= 'A' && t.text[0] <= 'Z'; }

// Numbers that are not quantities although they look like one:
//   times of day     "5 p.m.", "0900 GMT", "eleven o'clock" (h:mm is already no number);
//   numbering        "No. 3", "Warehouse No. 3", "Nos. 3", "#3";
//   labels           a number right after a capitalised word inside a sentence: "a Category 5
//                    storm", "Flight 800", "Windows 95", "Chapter 11". A count after a name is
//                    written with a separator, scale or unit ("Boeing's 2,000 jobs"), and months,
//                    weekdays and sentence-opening words ("Only 3 people") are not labels.
bool is_time_or_label(const std::vector<Tok>& toks, std::size_t i, const NumberAt& n) {
  if (n.end < toks.size() && n.suffix_word.empty() && is_clock_word(toks[n.end].lower)) return true;
  if (i == 0) return false;
  std::size_t p = i - 1;
  if (toks[p].text == "." && p > 0) --p;  // "No ." when the tokenizer splits the period
  const std::string& prev = toks[p].lower;
  const bool split_period = p + 1 < i;
  // "No. 3" / "no. 3" / "Nos. 3" / "#3"; a bare lower-case "no 3" is too rare to tell apart.
  const bool numbering = prev == "#" || prev == "no." || prev == "nos." ||
                         ((prev == "no" || prev == "nos") && (split_period || is_capitalised_word(toks[p])));
  if (numbering) return n.from_digits;
  if (!n.from_digits || n.has_separator || n.has_scale || !n.unit.empty() || !n.suffix_word.empty()) return false;
  // A unit after it makes it a measure, not a label: "arriving in Hobart 2 days later".
  if (n.end < toks.size() && unit_words().count(toks[n.end].lower) != 0) return false;
  const Tok& before = toks[i - 1];
  if (!is_capitalised_word(before) || before.span.end == toks[i].span.begin) return false;
  if (stop_words().count(before.lower) != 0 || is_calendar_word(before.lower) || is_clock_word(before.lower)) return false;
  // Inside a sentence: the word before the label word is a word or number, not a sentence start.
  if (i < 2) return false;
  const Tok& before2 = toks[i - 2];
  const bool inside = is_word(before2.text) || (!before2.text.empty() && is_digit(before2.text[0]));
  return inside;
}

// "three-way talks", "a one-sided vote", "a one-off payment": the number word describes how, not
// how many, and nothing is counted.
bool is_manner_compound(const NumberAt& n) {
  const std::string& w = n.suffix_word;
  if (w == "way" || w == "sided" || w == "handed") return true;
  return n.value == 1 && (w == "off" || w == "time");
}

// What an amount with a unit and nothing counted measures: the noun it is of. Tokens [first, last)
// are the figure. "" when no pattern fits. In this order:
//   FIGURE in|of NOUN             "$2 billion in loans", "30 percent of the vote", "the loss of
//                                 2,300 tonnes of cotton"
//   NOUN at|of|to FIGURE          "put the damage at $12 million", "a loan of $2 billion",
//                                 "the estimate of the damage to $18.5 million"
//   NOUN [could|was expected to|...] VERB [by] FIGURE
//                                 "container traffic could fall 3.5%", "the index rose 2 percent"
//   a|an|the FIGURE NOUN          "a $30 billion fund", "a 50 percent stake"
std::string measured_noun(const std::vector<Tok>& toks, std::size_t first, std::size_t last, const std::string& unit) {
  static const std::unordered_set<std::string> kChange = {
      "rose", "rise", "rises", "rising", "fell", "fall", "falls", "falling", "dropped", "drop", "drops",
      "climbed", "climb", "climbs", "gained", "gain", "gains", "lost", "lose", "loses", "grew", "grow",
      "grows", "shrank", "shrink", "slipped", "slip", "slips", "jumped", "jump", "jumps", "plunged",
      "plunge", "declined", "decline", "declines", "increased", "increase", "increases", "decreased",
      "decrease", "surged", "surge", "tumbled", "tumble", "soared", "soar", "edged", "slid", "slide",
      "sank", "sink", "eased", "ease", "advanced", "expanded", "contracted", "shed"};
  static const std::unordered_set<std::string> kAux = {
      "could", "would", "will", "may", "might", "can", "should", "to", "expected", "forecast", "likely",
      "was", "were", "is", "are", "be", "been", "has", "have", "had", "also", "already", "then", "sharply",
      "about", "nearly", "almost", "only", "just", "further", "by"};
  static const std::unordered_set<std::string> kNotNoun = {
      "rose", "fell", "cut", "raised", "reached", "hit", "put", "set", "totalled", "totaled", "valued",
      "worth", "estimated", "priced", "up", "down", "rise", "fall", "increase", "decrease", "amounting",
      "compared", "year", "years", "month", "months", "week", "weeks", "day", "days", "some", "all",
      "total", "figure", "sum", "amount", "estimate", "level", "one", "first", "second", "third",
      "fallen", "risen", "grown", "shrunk", "sunk", "below", "above", "due",
      // idioms after "in": "in exchange for", "in return", "in addition", ...
      "exchange", "return", "addition", "part", "order", "case", "fact", "turn", "time", "advance",
      "response", "place", "line", "effect", "terms", "spite", "favor", "favour",
      // common irregular verbs: "of covered storage went up in flames"
      "went", "came", "took", "gave", "made", "got", "saw", "began", "became", "left", "kept", "held",
      "brought", "stood", "ran", "told", "found", "paid", "sold", "spent", "won", "led", "met", "sent",
      "built", "burnt", "goes", "remain", "remains", "stay", "stays", "includes"};
  static const std::unordered_set<std::string> kDeterminer = {"the", "a", "an", "its", "their", "his", "her", "our",
                                                               "this", "that"};
  auto noun = [&](std::size_t r) {
    const Tok& t = toks[r];
    // Capitalised words are names ("Boeing's"), except the sentence's first ("Rates rose 2 percent").
    return is_word(t.text) && (r == 0 || !(t.text[0] >= 'A' && t.text[0] <= 'Z')) && t.lower.size() >= 3 &&
           stop_words().count(t.lower) == 0 && kNotNoun.count(t.lower) == 0 && kChange.count(t.lower) == 0 &&
           kAux.count(t.lower) == 0 && !t.lower.ends_with("ed") && !t.lower.ends_with("ly") &&
           !t.lower.ends_with("ing") && t.lower.find('-') == std::string::npos;
  };
  // "winds at 120 kph", "a spacecraft at 44 miles per second": "at" gives a rate or a speed
  // something moves at; only a sum or a share is "of" what stands before "at".
  const bool money_or_share = unit == "%" || (unit.size() == 3 && unit[0] >= 'A' && unit[0] <= 'Z');
  if (last + 1 < toks.size() && (toks[last].lower == "in" || toks[last].lower == "of")) {
    // "$18 billion in new money", "$3.8 billion in actual savings": the last word of a short run.
    std::size_t r = last + 1;
    if (kDeterminer.count(toks[r].lower) && r + 1 < toks.size()) ++r;
    // The head is the last noun of the run; a word that is no noun after one ends it ("of covered
    // storage went up": storage).
    std::size_t head = toks.size();
    for (std::size_t k = r; k < toks.size() && k < r + 3 && is_word(toks[k].text) && stop_words().count(toks[k].lower) == 0;
         ++k) {
      if (noun(k)) {
        head = k;
      } else if (head < toks.size()) {
        break;
      }
    }
    if (head < toks.size()) return toks[head].lower;
  }
  if (first >= 2 && ((toks[first - 1].lower == "at" && money_or_share) || toks[first - 1].lower == "of" ||
                      toks[first - 1].lower == "to")) {
    std::size_t r = first - 2;
    if (noun(r)) return toks[r].lower;
  }
  {
    std::size_t r = first;
    int skipped = 0;
    while (r > 0 && kAux.count(toks[r - 1].lower) && skipped < 4) --r, ++skipped;
    if (r > 0 && kChange.count(toks[r - 1].lower)) {
      std::size_t v = r - 1;
      std::size_t k = v;
      int aux = 0;
      while (k > 0 && kAux.count(toks[k - 1].lower) && aux < 4) --k, ++aux;
      if (k > 0 && noun(k - 1)) return toks[k - 1].lower;
    }
  }
  if (first >= 1 && kDeterminer.count(toks[first - 1].lower) && last < toks.size() && noun(last)) {
    // "a $30 billion rescue fund": the head is the last noun of a short run.
    std::size_t r = last;
    while (r + 1 < toks.size() && r < last + 2 && noun(r + 1)) ++r;
    return toks[r].lower;
  }
  return "";
}

}  // namespace

std::vector<FigureMatch> find_figures(std::string_view text) {
  std::vector<Tok> toks;
  auto all_digits = [](std::string_view w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  for (ByteSpan s : text::tokenize(text)) {
    // "4 000 visitors" with a group space: one number, not 4 and 000 (three digits after one
    // group space, after a number of at most three digits or an earlier group).
    if (!toks.empty() && all_digits(slice(text, s)) && s.size() == 3) {
      Tok& last = toks.back();
      const std::string_view gap = text.substr(last.span.end, s.begin - last.span.end);
      const bool group_space = std::find(std::begin(kGroupSpaces), std::end(kGroupSpaces), gap) != std::end(kGroupSpaces);
      const std::string_view head = last.text.substr(0, std::min(last.text.size(), last.text.find_first_of("\xC2\xE2")));
      if (group_space && !head.empty() && head.size() <= 3 && (all_digits(head) || (head.size() > 1 && head[0] == '$' && all_digits(head.substr(1))))) {
        last.span.end = s.end;
        last.text = slice(text, last.span);
        last.lower = ascii_lower(last.text);
        continue;
      }
    }
    toks.push_back(Tok{s, slice(text, s), ascii_lower(slice(text, s))});
  }
  std::vector<FigureMatch> out;
  std::size_t i = 0, previous_end = 0;
  while (i < toks.size()) {
    bool between = i > 0 && toks[i - 1].lower == "between";
    auto n = number_at(toks, i);
    if (!n) {
      ++i;
      continue;
    }
    if (is_time_or_label(toks, i, *n) || is_manner_compound(*n)) {
      i = n->end;
      continue;
    }
    FigureMatch m;
    std::size_t start = i;
    m.qualifier = between ? "" : qualifier_before(toks, i, &start);
    if (between) start = i - 1;
    m.value = n->value;
    m.unit = n->unit;
    if (m.unit.empty() && m.qualifier.empty() && !between && i > 0 && (toks[i - 1].lower == "dlrs" || toks[i - 1].lower == "dlr")) {
      m.unit = "USD";  // wire style "dlrs 5 million"
      start = i - 1;
    }
    // A qualifier or currency word already inside the previous figure stays there.
    if (start < previous_end) start = previous_end;
    std::size_t j = n->end;
    std::string unit_word = n->suffix_word;
    // Range: "X to Y", "X - Y", "X- to Y-", "between X and Y".
    {
      std::size_t k = j;
      if (k < toks.size() && toks[k].text == "-" && k + 1 < toks.size() && toks[k + 1].lower == "to") ++k;
      if (k < toks.size() && (toks[k].lower == "to" || toks[k].text == "-" || (between && toks[k].lower == "and"))) {
        if (auto hi = number_at(toks, k + 1); hi && hi->value > m.value && (n->from_digits == hi->from_digits)) {
          m.value_high = hi->value;
          if (!n->has_scale && hi->has_scale && m.value < 1000) {
            // "1 to 2 million": the scale applies to both ends.
            double scale = hi->value;
            while (scale >= 1000) scale /= 1000;
            // Not when it would reach the high end ("2 to 2 million" stays 2 .. 2e6).
            if (scale > 0 && hi->value / scale >= 1000 && m.value * (hi->value / scale) < hi->value) {
              m.value *= hi->value / scale;
            }
          }
          if (m.unit.empty()) m.unit = hi->unit;
          if (!hi->suffix_word.empty()) unit_word = hi->suffix_word;
          j = hi->end;
        }
      }
    }
    // Unit words after the number.
    if (unit_word.empty() && j < toks.size()) {
      std::string w = toks[j].lower;
      if (w == "per" && j + 1 < toks.size() && toks[j + 1].lower == "cent") {
        m.unit = "%";
        j += 2;
      } else if (auto u = unit_words().find(w); u != unit_words().end() && (m.unit.empty() || !u->second.is_currency)) {
        if (m.unit.empty()) m.unit = u->second.unit;
        ++j;
      } else if (w == "nautical" && j + 1 < toks.size() &&
                 (toks[j + 1].lower == "miles" || toks[j + 1].lower == "mile") && m.unit.empty()) {
        m.unit = "nmi";  // "30 nautical miles" (1,852 m), not statute miles
        j += 2;
      }
    }
    // "£3bn over three years", "spread over five days": before a span of time "over" is "during"
    // (news writes "more than" for a longer time), so it is no qualifier.
    // "went on for over 20 hours", "with just over three years to go" are more than.
    static const std::unordered_set<std::string_view> kOverIsMore = {"for",  "just",   "something", "slightly",
                                                                     "well", "little", "only"};
    static const std::unordered_set<std::string_view> kSpans = {"year", "month", "week", "day", "hour", "minute", "decade"};
    if (m.qualifier == "more than" && start + 1 == i && toks[start].lower == "over" && unit_word.empty() &&
        !(start > 0 && kOverIsMore.count(toks[start - 1].lower) != 0) && kSpans.count(m.unit) != 0) {
      m.qualifier.clear();
      start = i;
    }
    bool counted_in_suffix = false;
    if (!unit_word.empty()) {
      auto u = unit_words().find(unit_word);
      if (u == unit_words().end()) u = unit_words().find(unit_word + "s");
      if (unit_word == "third" || unit_word == "thirds" || unit_word == "quarter" || unit_word == "quarters") {
        // "two-thirds", "three-quarters": a fraction.
        m.value /= unit_word[0] == 't' ? 3.0 : 4.0;
        if (m.value_high) *m.value_high /= unit_word[0] == 't' ? 3.0 : 4.0;
        m.unit = "fraction";
      } else if (u != unit_words().end()) {
        if (m.unit.empty()) m.unit = u->second.unit;
      } else if (unit_word.find('-') == std::string::npos) {
        // "122-seat assembly", "two-party opposition": the suffix is what is counted.
        m.counted = unit_word;
        counted_in_suffix = true;
      } else if (m.unit.empty()) {
        // "75-year-old": an age in years; "630-nautical-mile": a distance.
        std::string unit = unit_word;
        if (unit.ends_with("-old")) unit.resize(unit.size() - 4);
        if (unit == "nautical-mile" || unit == "nautical-miles") unit = "nmi";
        auto known = unit_words().find(unit);
        if (known == unit_words().end()) known = unit_words().find(unit + "s");
        m.unit = known != unit_words().end() ? known->second.unit : unit_word;
      }
    }
    // Counted noun: skip "of the", then the first plural in a short run of content words.
    std::size_t k = counted_in_suffix ? toks.size() : j;
    if (k < toks.size() && toks[k].lower == "of") {
      ++k;
      if (k < toks.size() && (toks[k].lower == "the" || toks[k].lower == "its" || toks[k].lower == "their")) ++k;
    }
    std::size_t run_end = k;
    while (run_end < toks.size() && run_end < k + 3 && is_word(toks[run_end].text) &&
           stop_words().count(toks[run_end].lower) == 0) {
      ++run_end;
    }
    std::size_t head = run_end;
    auto capitalised = [&](std::size_t r) { return toks[r].text[0] >= 'A' && toks[r].text[0] <= 'Z'; };
    // Capitalised plurals are names ("3 Kings"), except nationalities and party members, which
    // are counted like any noun: "two Libyans", "40 Democrats", "three Israelis".
    auto people_word = [&](std::size_t r) {
      const std::string& w = toks[r].lower;
      return w.size() > 4 && (w.ends_with("ans") || w.ends_with("ats") ||
                              (w.ends_with("is") && !w.ends_with("sis") && !w.ends_with("iis")));
    };
    for (std::size_t r = k; r < run_end; ++r) {
      if (looks_plural(toks[r].lower) && (!capitalised(r) || (r == k && people_word(r)))) {
        head = r;
        break;
      }
    }
    if (head == run_end && run_end > k && (m.value == 1 || !unit_word.empty()) && !capitalised(k)) {
      head = k;  // "one person", "a two-year timeline"
    }
    if (head == run_end && unit_word.empty()) {
      // Nationalities in -ese are their own plural: "one East Timorese", "200 Chinese" (a plural
      // noun after it was found above: "two Chinese companies" counts the companies).
      if (std::size_t r = ese_nationality_end(toks, k); r != 0) head = r - 1;
    }
    if (counted_in_suffix) {
      // already set from the suffix
    } else if (head < run_end) {
      m.counted = capitalised(head) ? std::string(toks[head].text) : toks[head].lower;  // "Libyans"
      j = head + 1;
    }
    // A year, also before a plural when a determiner says it names one: "the 2002 games", "Utah's
    // 2002 Olympics", "its 1996 elections" ("2000 people" stays a count).
    static const std::unordered_set<std::string_view> kYearDeterminer = {"the", "its", "their", "his", "her", "this",
                                                                          "that", "next", "last", "our", "whose"};
    const bool determined = i > 0 && (kYearDeterminer.count(toks[i - 1].lower) != 0 || toks[i - 1].lower.ends_with("'s"));
    m.is_year = n->from_digits && n->digits == 4 && !n->has_separator && !n->has_scale && m.unit.empty() &&
                m.qualifier.empty() && !m.value_high && m.value >= 1800 && m.value <= 2100 &&
                (m.counted.empty() || !looks_plural(m.counted) || determined);
    if (m.is_year) m.counted.clear(), j = n->end;
    if (!m.is_year && m.counted.empty() && !m.unit.empty()) m.measured = measured_noun(toks, start, j, m.unit);
    m.span = ByteSpan{toks[start].span.begin, toks[j - 1].span.end};
    out.push_back(std::move(m));
    i = j;
    previous_end = j;
  }
  return out;
}

}  // namespace precis::facts
