// Date expressions: a token scanner with one rule per expression family (see dates.h). Rules
// are tried in a fixed order at each token, and the first that matches consumes its tokens.
// Calendar arithmetic is Howard Hinnant's days_from_civil / civil_from_days
// (http://howardhinnant.github.io/date_algorithms.html), exact over the proleptic Gregorian
// calendar.
#include "precis/facts/dates.h"

#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "precis/facts/gazetteer.h"
#include "precis/text/tokenizer.h"

namespace precis::facts {

long days_from_civil(const CivilDay& d) {
  long y = d.year - (d.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (d.month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + d.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDay civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return CivilDay{year, month, day};
}

int weekday(const CivilDay& d) {
  long z = days_from_civil(d);  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(((z % 7) + 7 + 3) % 7);
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

bool valid_day(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

std::string to_iso(const CivilDay& d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buffer;
}

std::optional<CivilDay> parse_iso_day(std::string_view t) {
  auto digits = [&](std::size_t pos, std::size_t n) -> int {
    if (pos + n > t.size()) return -1;
    int v = 0;
    for (std::size_t k = pos; k < pos + n; ++k) {
      if (t[k] < '0' || t[k] > '9') return -1;
      v = v * 10 + (t[k] - '0');
    }
    return v;
  };
  int y = -1, m = -1, d = -1;
  if (t.size() >= 10 && t[4] == '-' && t[7] == '-') {
    y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (t.size() > 10 && t[10] != 'T' && t[10] != ' ') return std::nullopt;
  } else if (t.size() == 8) {
    y = digits(0, 4), m = digits(4, 2), d = digits(6, 2);
  }
  if (y < 0 || m < 0 || d < 0 || !valid_day(y, m, d)) return std::nullopt;
  return CivilDay{y, m, d};
}

namespace {

// First month of a season's name (meteorological seasons, northern hemisphere), or 0.
int season_start(std::string_view word) {
  if (word == "spring") return 3;
  if (word == "summer") return 6;
  if (word == "fall" || word == "autumn") return 9;
  if (word == "winter") return 12;
  return 0;
}

struct Tok {
  ByteSpan span;
  std::string_view text;
  std::string lower;
  bool capital = false;
};


// `w` without its possessive ending: "july's" -> "july".
std::string without_possessive(std::string w) {
  w.resize(w.size() - possessive_length(w));
  return w;
}

int month_of(const Tok& t) { return t.capital ? month_number(t.lower) : 0; }

int weekday_of(const Tok& t) { return t.capital ? weekday_number(t.lower) : -1; }

// A small integer token ("3", "3rd", "21st"); -1 otherwise.
int small_int(std::string_view t, int max) {
  std::size_t k = 0;
  int v = 0;
  while (k < t.size() && t[k] >= '0' && t[k] <= '9' && k < 4) v = v * 10 + (t[k++] - '0');
  if (k == 0) return -1;
  std::string_view rest = t.substr(k);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return -1;
  return v >= 1 && v <= max ? v : -1;
}

int year_of(std::string_view t) {
  if (t.size() != 4) return -1;
  int v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v >= 1800 && v <= 2100 ? v : -1;
}

CivilDay add_days(const CivilDay& d, long n) { return civil_from_days(days_from_civil(d) + n); }
CivilDay month_end(int y, int m) { return CivilDay{y, m, days_in_month(y, m)}; }
void shift_month(int& y, int& m, int delta) {
  int index = y * 12 + (m - 1) + delta;
  y = index / 12;
  m = index % 12 + 1;
}
// Last day of the season that starts in `start_month` of `year` (a season spans three months).
CivilDay season_end(int year, int start_month) {
  int y = year, m = start_month;
  shift_month(y, m, 2);
  return month_end(y, m);
}

struct Scanner {
  std::vector<Tok> toks;
  std::optional<CivilDay> pub;
  std::vector<DateMatch> out;

  const Tok* at(std::size_t i) const { return i < toks.size() ? &toks[i] : nullptr; }
  std::string_view lower(std::size_t i) const { return i < toks.size() ? std::string_view(toks[i].lower) : ""; }
  std::string_view before(std::size_t i) const { return i > 0 ? std::string_view(toks[i - 1].lower) : ""; }

  void emit(std::size_t first, std::size_t end, CivilDay b, CivilDay e, DateKind kind, bool relative, double conf) {
    if (!valid_day(b.year, b.month, b.day) || !valid_day(e.year, e.month, e.day) || e < b) return;
    DateMatch m;
    m.span = ByteSpan{toks[first].span.begin, toks[end - 1].span.end};
    m.begin = b;
    m.end = e;
    m.kind = kind;
    m.is_relative = relative;
    m.confidence = conf;
    out.push_back(m);
  }

  // Skips an abbreviation period token glued to an abbreviated month ("Feb" "."); after a full
  // name ("in early June.") the period ends the sentence and is not part of the date.
  std::size_t after_month(std::size_t i) const {
    const std::string& w = toks[i].lower;
    const bool abbreviated = w.size() <= 4 && w != "may" && w != "june" && w != "july";
    if (abbreviated && i + 1 < toks.size() && toks[i + 1].text == "." && toks[i + 1].span.begin == toks[i].span.end) {
      return i + 2;
    }
    return i + 1;
  }

  // Tries every rule at token i; returns the end token of a match or i when none matched.
  std::size_t try_at(std::size_t i) {
    const Tok& t = toks[i];
    if (auto iso = parse_iso_day(t.text); iso && t.text.size() >= 10) {
      emit(i, i + 1, *iso, *iso, DateKind::kDay, false, 0.95);
      return i + 1;
    }
    if (int m = month_of(t); m > 0) return month_rule(i, m);
    if (int d = small_int(t.text, 31); d > 0) {
      std::size_t j = i + 1;
      if (const Tok* mt = at(j); mt != nullptr && month_of(*mt) > 0 && mt->lower.size() >= 3) {
        int m = month_of(*mt);
        std::size_t k = after_month(j);
        if (const Tok* yt = at(k); yt != nullptr && year_of(yt->text) > 0) {
          CivilDay day{year_of(yt->text), m, d};
          emit(i, k + 1, day, day, DateKind::kDay, false, 0.95);
          return k + 1;
        }
        if (pub) return emit_partial(i, k, m, d);
        return k;
      }
    }
    if (int w = weekday_of(t); w >= 0 && pub) return weekday_rule(i, w);
    if (pub) {
      if (std::size_t e = relative_rule(i); e != i) return e;
    }
    if (int y = year_of(t.text); y > 0) {
      static const char* kYearCues[] = {"in", "since", "by", "until", "from", "during", "before", "after", "early",
                                        "late", "mid", "of", "through", "between", "and"};
      bool cued = false;
      for (const char* c : kYearCues) cued = cued || before(i) == c;
      std::string_view next = lower(i + 1);
      // "its 1982 war", "the 2000 election": a determiner, the year, then a singular noun (a
      // plural would make it a count: "the 2000 troops").
      static const char* kDeterminers[] = {"the", "its", "their", "his", "her", "our", "a"};
      // A possessive determines too: "Israel's 1982 invasion", "Morning Glory's 1996 record".
      bool determined = possessive_length(before(i)) > 0;
      for (const char* c : kDeterminers) determined = determined || before(i) == c;
      auto singular_noun = [&](std::size_t k) {
        if (k >= toks.size()) return false;
        const std::string& w = toks[k].lower;
        return w.size() > 2 && w.back() != 's' && toks[k].text[0] >= 'a' && toks[k].text[0] <= 'z';
      };
      // One capitalised modifier may stand between: "the 1967 Mideast war".
      if (determined && (singular_noun(i + 1) || (i + 1 < toks.size() && toks[i + 1].capital && singular_noun(i + 2)))) {
        cued = true;
      }
      if (cued && next != "%" && next != "percent") {
        emit(i, i + 1, CivilDay{y, 1, 1}, CivilDay{y, 12, 31}, DateKind::kYear, false, 0.8);
        return i + 1;
      }
    }
    return i;
  }

  // The year of a month and day written without one (the phrase starts at token `first`): the
  // publication year, the next one when a future clause points to a day already past ("will meet
  // on Feb. 3" in a November report), the previous one when the day lies over 60 days ahead.
  int yearless_year(std::size_t first, int m, int d) const {
    const int y = pub->year;
    const long ahead = days_from_civil(CivilDay{y, m, std::min(d, days_in_month(y, m))}) - days_from_civil(*pub);
    if (future_context(first_of_phrase(first), false)) return ahead < -7 ? y + 1 : y;
    return ahead > 60 ? y - 1 : y;
  }

  std::size_t emit_partial(std::size_t first, std::size_t end, int m, int d) {
    if (!valid_day(pub->year, m, d) && !(m == 2 && d == 29)) return end;
    CivilDay day{yearless_year(first, m, d), m, std::min(d, days_in_month(pub->year, m))};
    if (!valid_day(day.year, m, d)) return end;
    emit(first, end, day, day, DateKind::kDay, true, 0.85);
    return end;
  }

  std::size_t month_rule(std::size_t i, int m) {
    // "May" alone is too often the verb; it needs a day or a year.
    const bool is_may = toks[i].lower == "may";
    // "July's elections": the possessive names the month as a time, like "in July".
    const bool possessive = possessive_length(toks[i].lower) > 0;
    std::size_t j = possessive ? i + 1 : after_month(i);
    if (const Tok* dt = possessive ? nullptr : at(j); dt != nullptr) {
      // "Dec. 6-20", "Aug. 3 – 9": days of one month.
      int d1 = 0, d2 = 0;
      if (std::size_t r = day_range(j, d1, d2); r != 0) {
        std::size_t k = r;
        if (lower(k) == ",") ++k;
        if (const Tok* yt = at(k); yt != nullptr && year_of(yt->text) > 0) {
          const int y = year_of(yt->text);
          emit(i, k + 1, CivilDay{y, m, d1}, CivilDay{y, m, std::min(d2, days_in_month(y, m))}, DateKind::kRange,
               false, 0.9);
          return k + 1;
        }
        if (!pub || !valid_day(pub->year, m, d1)) return r;
        const int y = yearless_year(i, m, d1);
        emit(i, r, CivilDay{y, m, d1}, CivilDay{y, m, std::min(d2, days_in_month(y, m))}, DateKind::kRange, true, 0.8);
        return r;
      }
      int d = small_int(dt->text, 31);
      if (d > 0) {
        std::size_t k = j + 1;
        if (lower(k) == ",") ++k;
        if (const Tok* yt = at(k); yt != nullptr && year_of(yt->text) > 0) {
          CivilDay day{year_of(yt->text), m, d};
          emit(i, k + 1, day, day, DateKind::kDay, false, 0.95);
          return k + 1;
        }
        if (pub) return emit_partial(i, j + 1, m, d);
        return j + 1;
      }
      std::size_t k = j;
      if (lower(k) == ",") ++k;
      if (const Tok* yt = at(k); yt != nullptr && year_of(yt->text) > 0) {
        int y = year_of(yt->text);
        emit(i, k + 1, CivilDay{y, m, 1}, month_end(y, m), DateKind::kMonth, false, 0.85);
        return k + 1;
      }
    }
    if (is_may || !pub) return i + 1;
    std::string_view cue = before(i);
    if (cue != "in" && cue != "since" && cue != "until" && cue != "by" && cue != "last" && cue != "next" &&
        cue != "early" && cue != "late" && cue != "mid" && cue != "this" && !possessive) {
      return i + 1;
    }
    int y = pub->year;
    if (possessive && cue != "next" && cue != "last" && cue != "this") {
      // "December's games": a month named as an event's time is its nearest occurrence, before
      // or after publication (an October report on December's games means the coming one).
      const long here = days_from_civil(*pub);
      long best = -1;
      for (int cy = pub->year - 1; cy <= pub->year + 1; ++cy) {
        const long mid = (days_from_civil(CivilDay{cy, m, 1}) + days_from_civil(month_end(cy, m))) / 2;
        const long gap = mid > here ? mid - here : here - mid;
        if (best < 0 || gap < best) best = gap, y = cy;
      }
    } else if (cue == "next") {
      if (m <= pub->month) ++y;
    } else if (cue == "last") {
      if (m >= pub->month) --y;
    } else if (cue != "this" && cue != "since" && future_context(first_of_phrase(i), false)) {
      // "will reopen in March", "is due to finish by June": the next such month.
      if (m < pub->month) ++y;
    } else if (cue != "this" && m > pub->month) {
      --y;
    }
    const std::size_t first = (cue == "last" || cue == "next" || cue == "this") ? i - 1 : i;
    emit(first, j, CivilDay{y, m, 1}, month_end(y, m), DateKind::kMonth, true, 0.65);
    return j;
  }

  // Days d1 < d2 of one month at token j: "6-20" (one token) or "6" "-"/"–"/"to" "20". Returns the
  // token after the range, or 0.
  std::size_t day_range(std::size_t j, int& d1, int& d2) const {
    const Tok* t = at(j);
    if (t == nullptr) return 0;
    const std::size_t dash = t->text.find('-');
    if (dash != std::string_view::npos) {
      d1 = small_int(t->text.substr(0, dash), 31);
      d2 = small_int(t->text.substr(dash + 1), 31);
      return d1 > 0 && d2 > d1 ? j + 1 : 0;
    }
    d1 = small_int(t->text, 31);
    const std::string_view sep = lower(j + 1);
    if (d1 <= 0 || (sep != "-" && sep != "\xE2\x80\x93" && sep != "to")) return 0;
    const Tok* e = at(j + 2);
    d2 = e == nullptr ? -1 : small_int(e->text, 31);
    return d2 > d1 ? j + 3 : 0;
  }

  // The first token of the date phrase at i, so that the tense test starts before "in", "by",
  // "on", "early", "late", "mid" ("will reopen in early March").
  std::size_t first_of_phrase(std::size_t i) const {
    std::size_t k = i;
    for (int n = 0; n < 3 && k > 0; ++n) {
      const std::string& w = toks[k - 1].lower;
      if (w != "in" && w != "on" && w != "by" && w != "early" && w != "late" && w != "mid" && w != "-") break;
      --k;
    }
    return k;
  }

  // Whether the clause holding the weekday at token i speaks of the future: "until (at least)"
  // right before the day, or a future marker (will, would, 'll, shall, is due to, plans to, to be,
  // going to, scheduled, expected to, days to go, upcoming) among the few tokens before it in the
  // same clause. News
  // reports mostly tell the past, so anything else keeps the previous such day.
  // `until_is_future`: for weekdays "until Monday" points forward ("closed until Monday"); for
  // months it does not ("remained army chief until March").
  bool future_context(std::size_t i, bool until_is_future = true) const {
    std::size_t k = i;
    while (k > 0 && (toks[k - 1].lower == "on" || toks[k - 1].lower == "least" || toks[k - 1].lower == "at")) --k;
    if (until_is_future && k > 0 &&
        (toks[k - 1].lower == "until" || toks[k - 1].lower == "till" || toks[k - 1].lower == "through")) {
      return true;
    }
    // "would" is the future of reported speech ("said it would publish the plan in March"), the
    // way news mostly uses it.
    static const char* kFuture[] = {"will", "'ll", "\xE2\x80\x99ll", "shall", "would", "due", "plans", "plan", "planned",
                                    "scheduled", "going", "expected", "intends", "set"};
    for (std::size_t n = 0; n < 10 && i > n; ++n) {
      const std::string& w = toks[i - 1 - n].lower;
      // The clause ends at punctuation, including the previous sentence's full stop ("... will
      // be ready. Tickets for the Dec. 6 games went on sale" is not a future clause).
      if (w == "," || w == ";" || w == ":" || w == "." || w == "!" || w == "?" || w == "said" || w == "says" ||
          w == "\"" || w == "\xE2\x80\x9C") {
        break;
      }
      for (const char* f : kFuture) {
        if (w != f) continue;
        // "expected/set/going/due/plans" mark the future only with "to": "is due to", "plans to".
        const bool needs_to = w != "will" && w != "would" && w != "'ll" && w != "\xE2\x80\x99ll" && w != "shall" && w != "scheduled";
        if (!needs_to || lower(i - n) == "to") return true;
      }
      // "with five days to go before the runoffs on Sunday", "the upcoming vote on Sunday" (not
      // "it went off with 4 minutes to go in the countdown Thursday").
      if (w == "to" && lower(i - n) == "go" && (lower(i - n + 1) == "before" || lower(i - n + 1) == "until")) return true;
      if (w == "upcoming") return true;
      // "is to be held on Friday" (not "entitling them to be paid over the summer").
      if (w == "to" && lower(i - n) == "be" && i >= n + 2) {
        const std::string& v = toks[i - 2 - n].lower;
        if (v == "is" || v == "are" || v == "am") return true;
      }
    }
    return false;
  }

  // Whether the weekday at token i follows a present-tense verb of schedule ("starts here Sunday",
  // "opens on Monday", "plays Chelsea Saturday"): news uses the simple present for what is
  // planned, the past for what happened, so such a day is the coming one.
  bool announces(std::size_t i) const {
    static const std::unordered_set<std::string> kScheduled = {
        "starts", "begins", "opens", "closes", "ends", "resumes", "arrives", "leaves", "departs", "returns",
        "meets", "visits", "plays", "faces", "hosts", "travels", "launches", "kicks", "reopens", "premieres",
        "convenes", "expires", "reconvenes", "debuts", "start", "begin", "open", "resume", "meet", "play"};
    std::size_t k = i;
    for (int n = 0; n < 4 && k > 0; ++n) {
      const std::string& w = toks[k - 1].lower;
      if (kScheduled.count(w) != 0) {
        // A bare plural verb ("talks resume Monday") only after a noun, not after "to"/"will"
        // (those are the future markers' business) or "did".
        if (w.back() != 's') {
          const std::string& before = k >= 2 ? toks[k - 2].lower : std::string();
          if (before == "to" || before == "did" || before == "didn't" || before.empty()) return false;
        }
        return true;
      }
      // Skip what may stand between verb and day: "here", "again", "on", "at home", an object.
      if (w == "," || w == "." || w == ";" || w == "said" || w == "was" || w == "were" || w == "had") return false;
      --k;
    }
    return false;
  }

  std::size_t weekday_rule(std::size_t i, int w) {
    const int pub_w = weekday(*pub);
    std::string_view cue = before(i);
    long delta;
    std::size_t first = i;
    double conf = 0.75;
    if (cue == "next") {
      delta = (w - pub_w + 7) % 7;
      if (delta == 0) delta = 7;
      first = i - 1;
      conf = 0.7;
    } else if (cue == "last") {
      delta = -((pub_w - w + 7) % 7);
      if (delta == 0) delta = -7;
      first = i - 1;
      conf = 0.7;
    } else if (cue == "this") {
      // "this Saturday('s match)": the coming one, or today when it is that day.
      delta = (w - pub_w + 7) % 7;
      first = i - 1;
      conf = 0.65;
    } else if (future_context(i) || announces(i)) {
      // "will visit on Thursday", "closed until at least Monday": the next such day.
      delta = (w - pub_w + 7) % 7;
      if (delta == 0) delta = 7;
      conf = 0.7;
    } else {
      delta = -((pub_w - w + 7) % 7);
    }
    CivilDay day = add_days(*pub, delta);
    emit(first, i + 1, day, day, DateKind::kDay, true, conf);
    return i + 1;
  }

  std::size_t relative_rule(std::size_t i) {
    const CivilDay p = *pub;
    std::string_view w = lower(i);
    if (w == "today" || w == "tonight") {
      emit(i, i + 1, p, p, DateKind::kDay, true, 0.8);
      return i + 1;
    }
    if (w == "yesterday") {
      CivilDay d = add_days(p, -1);
      emit(i, i + 1, d, d, DateKind::kDay, true, 0.8);
      return i + 1;
    }
    if (w == "tomorrow") {
      CivilDay d = add_days(p, 1);
      emit(i, i + 1, d, d, DateKind::kDay, true, 0.8);
      return i + 1;
    }
    // "over the summer", "in the spring": the season as a time only after a time preposition and
    // not followed by "of" ("the fall of the council" is no season). Past by default: the latest
    // such season begun by publication; in a future clause the first not yet over.
    if (w == "the") {
      const int start_month = season_start(lower(i + 1));
      const std::string_view cue = before(i);
      if (start_month > 0 && lower(i + 2) != "of" &&
          (cue == "over" || cue == "during" || cue == "in" || cue == "through" || cue == "throughout")) {
        int y = p.year + 1;
        if (future_context(first_of_phrase(i - 1), false)) {
          y = p.year - 1;
          while (season_end(y, start_month) < p) ++y;
        } else {
          while (p < CivilDay{y, start_month, 1}) --y;
        }
        emit(i, i + 2, CivilDay{y, start_month, 1}, season_end(y, start_month), DateKind::kRange, true, 0.55);
        return i + 2;
      }
    }
    // "earlier this month", "later this year".
    if ((w == "earlier" || w == "later") && lower(i + 1) == "this") {
      std::string_view unit = lower(i + 2);
      CivilDay b = p, e = p;
      if (unit == "week") b = add_days(p, -weekday(p)), e = add_days(b, 6);
      else if (unit == "month") b = CivilDay{p.year, p.month, 1}, e = month_end(p.year, p.month);
      else if (unit == "year") b = CivilDay{p.year, 1, 1}, e = CivilDay{p.year, 12, 31};
      else return i;
      if (w == "earlier") e = p;
      else b = p;
      emit(i, i + 3, b, e, DateKind::kRange, true, 0.7);
      return i + 3;
    }
    if (w == "last" || w == "this" || w == "next" || w == "past") {
      // "this year's harvest", "last week's vote": the possessive names the same time.
      const std::string unit = without_possessive(std::string(lower(i + 1)));
      const int dir = w == "last" || w == "past" ? -1 : (w == "next" ? 1 : 0);
      if (unit == "week") {
        CivilDay b, e;
        if (w == "past") b = add_days(p, -7), e = p;
        else b = add_days(p, -weekday(p) + 7 * dir), e = add_days(b, 6);
        emit(i, i + 2, b, e, DateKind::kRange, true, 0.7);
        return i + 2;
      }
      if (unit == "month") {
        int y = p.year, m = p.month;
        shift_month(y, m, dir);
        emit(i, i + 2, CivilDay{y, m, 1}, month_end(y, m), DateKind::kMonth, true, 0.75);
        return i + 2;
      }
      if (unit == "year") {
        int y = p.year + dir;
        emit(i, i + 2, CivilDay{y, 1, 1}, CivilDay{y, 12, 31}, DateKind::kYear, true, 0.8);
        return i + 2;
      }
      if (const int start_month = season_start(unit); start_month > 0) {
        int y = p.year;
        // The season's occurrence: this = the one containing or nearest after Jan of this year;
        // last = the latest that ended before publication; next = the first starting after it.
        if (dir < 0) {
          while (!(season_end(y, start_month) < p)) --y;
        } else if (dir > 0) {
          while (!(p < CivilDay{y, start_month, 1})) ++y;
        } else if (start_month == 12 && p.month <= 2) {
          y -= 1;  // "this winter" in January: the winter that began last December
        }
        emit(i, i + 2, CivilDay{y, start_month, 1}, season_end(y, start_month), DateKind::kRange, true, 0.6);
        return i + 2;
      }
      return i;
    }
    // "three days ago", "2 weeks ago".
    if (lower(i + 2) == "ago") {
      std::optional<double> n;
      if (int v = small_int(toks[i].text, 400); v > 0) n = v;
      static const std::unordered_map<std::string, int> words = {
          {"a", 1}, {"an", 1}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
          {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"several", 3}, {"few", 3}};
      if (auto it = words.find(std::string(w)); !n && it != words.end()) n = it->second;
      if (!n) return i;
      const long count = static_cast<long>(*n);
      std::string unit(lower(i + 1));
      if (!unit.empty() && unit.back() == 's') unit.pop_back();
      if (unit == "day") {
        CivilDay d = add_days(p, -count);
        emit(i, i + 3, d, d, DateKind::kDay, true, 0.75);
      } else if (unit == "week") {
        CivilDay d = add_days(p, -7 * count);
        emit(i, i + 3, add_days(d, -3), add_days(d, 3), DateKind::kRange, true, 0.6);
      } else if (unit == "month") {
        int y = p.year, m = p.month;
        shift_month(y, m, -static_cast<int>(count));
        emit(i, i + 3, CivilDay{y, m, 1}, month_end(y, m), DateKind::kMonth, true, 0.6);
      } else if (unit == "year") {
        int y = p.year - static_cast<int>(count);
        emit(i, i + 3, CivilDay{y, 1, 1}, CivilDay{y, 12, 31}, DateKind::kYear, true, 0.65);
      } else {
        return i;
      }
      return i + 3;
    }
    return i;
  }
};

}  // namespace

std::vector<DateMatch> find_dates(std::string_view text, std::optional<CivilDay> published) {
  Scanner s;
  s.pub = published;
  for (ByteSpan span : text::tokenize(text)) {
    std::string_view t = slice(text, span);
    s.toks.push_back(Tok{span, t, ascii_lower(t), !t.empty() && t[0] >= 'A' && t[0] <= 'Z'});
  }
  std::size_t i = 0;
  while (i < s.toks.size()) {
    const std::size_t before = s.out.size();
    std::size_t end = s.try_at(i);
    // "since <date>": from that date to publication.
    if (s.out.size() > before && published && i > 0 && s.toks[i - 1].lower == "since") {
      DateMatch& m = s.out.back();
      if (m.begin <= *published) {
        m.span.begin = s.toks[i - 1].span.begin;
        m.end = *published;
        m.kind = DateKind::kRange;
        m.is_relative = true;
      }
    }
    i = end > i ? end : i + 1;
  }
  return s.out;
}

std::size_t possessive_length(std::string_view w) {
  if (w.ends_with("'s")) return 2;
  if (w.ends_with("\xE2\x80\x99s")) return 4;
  return 0;
}

int month_number(std::string_view lower) {
  static const std::unordered_map<std::string, int> months = {
      {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3}, {"april", 4},
      {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7}, {"august", 8}, {"aug", 8},
      {"september", 9}, {"sep", 9}, {"sept", 9}, {"october", 10}, {"oct", 10}, {"november", 11},
      {"nov", 11}, {"december", 12}, {"dec", 12}};
  std::string w(lower);
  w.resize(w.size() - possessive_length(w));  // "July's"
  if (!w.empty() && w.back() == '.') w.pop_back();
  auto it = months.find(w);
  return it == months.end() ? 0 : it->second;
}

int weekday_number(std::string_view lower) {
  static const std::unordered_map<std::string, int> days = {{"monday", 0}, {"tuesday", 1}, {"wednesday", 2},
                                                             {"thursday", 3}, {"friday", 4}, {"saturday", 5},
                                                             {"sunday", 6}};
  std::string w(lower);
  w.resize(w.size() - possessive_length(w));  // "Saturday's match"
  auto it = days.find(w);
  return it == days.end() ? -1 : it->second;
}

bool is_calendar_name(std::string_view lower) {
  const int month = month_number(lower);
  if (month == 5 || (month == 3 && lower.starts_with("mar") && !lower.starts_with("march"))) return false;
  return month != 0 || weekday_number(lower) >= 0;
}

}  // namespace precis::facts
