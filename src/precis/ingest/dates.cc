// Date normalisation for every reader: many spellings in, ISO 8601 out.
//
// News data spells dates every way: ISO 8601 from feeds and news-please ("2004-11-02T14:05:00Z"),
// RFC 822 from RSS ("Tue, 02 Nov 2004 14:05:00 GMT"), US numeric from DUC ("11/02/1998 15:54:00"),
// compact from TREC ("19981102"), and prose from pages ("November 2, 2004"). The parser reads a
// date, then an optional time, then an optional zone, and validates every field (month 1-12, day
// within the month, year 1800-2200): a string that does not fully parse is not a date, because a
// wrong date silently reorders a timeline. Output keeps what the input knew: a date alone stays a
// date, a time without a zone stays local ("T14:05:00"), a zone is kept as "Z" or "+HH:MM".
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "precis/ingest/reader.h"

namespace precis::ingest {
namespace {

struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  void skip_spaces() {
    while (!done() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  // Reads 1..max_digits digits; exact when min_digits == max_digits.
  std::optional<int> number(int min_digits, int max_digits) {
    int value = 0, count = 0;
    while (!done() && count < max_digits && std::isdigit(static_cast<unsigned char>(s[i]))) {
      value = value * 10 + (s[i] - '0');
      ++i;
      ++count;
    }
    if (count < min_digits) return std::nullopt;
    return value;
  }
  bool consume(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  std::string_view word() {
    std::size_t start = i;
    while (!done() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(start, i - start);
  }
};

int month_from_name(std::string_view word) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  static constexpr const char* kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                          "july",    "august",   "september", "october", "november", "december"};
  if (word.size() < 3) return 0;
  std::string lower;
  for (char c : word) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (int m = 0; m < 12; ++m) {
    if (lower == kFull[m] || lower == kMonths[m] || (m == 8 && lower == "sept")) return m + 1;
  }
  return 0;
}

bool valid_date(int y, int m, int d) {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max_day = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max_day;
}

struct Parsed {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  bool has_zone = false;
  int zone_minutes = 0;
};

// Optional "[T| ]HH:MM[:SS[.fff]] [AM|PM] [Z|+HH:MM|+HHMM|GMT|UTC|EST|...]" up to the end.
bool parse_time_and_zone(Cursor& c, Parsed& p) {
  c.skip_spaces();
  if (c.peek() == ',') {
    c.consume(',');
    c.skip_spaces();
  }
  if (c.done()) return true;
  if (c.peek() == 'T' || c.peek() == 't') c.consume(c.peek());
  c.skip_spaces();
  auto h = c.number(1, 2);
  if (!h || !c.consume(':')) return false;
  auto mi = c.number(2, 2);
  if (!mi) return false;
  int sec = 0;
  if (c.consume(':')) {
    auto s = c.number(2, 2);
    if (!s) return false;
    sec = *s;
    if (c.consume('.') || c.consume(',')) {
      if (!c.number(1, 9)) return false;
    }
  }
  int hour = *h;
  c.skip_spaces();
  std::size_t save = c.i;
  std::string_view ampm = c.word();
  if (ampm == "AM" || ampm == "am" || ampm == "PM" || ampm == "pm") {
    if (hour < 1 || hour > 12) return false;
    hour = hour % 12 + ((ampm[0] == 'P' || ampm[0] == 'p') ? 12 : 0);
    c.skip_spaces();
  } else {
    c.i = save;
  }
  if (hour > 23 || *mi > 59 || sec > 60) return false;
  p.has_time = true;
  p.hour = hour;
  p.minute = *mi;
  p.second = sec == 60 ? 59 : sec;
  if (c.done()) return true;
  char z = c.peek();
  if (z == 'Z' || z == 'z') {
    c.consume(z);
    p.has_zone = true;
  } else if (z == '+' || z == '-') {
    c.consume(z);
    auto zh = c.number(2, 2);
    if (!zh) return false;
    c.consume(':');
    int zm = 0;
    if (!c.done()) {
      auto m = c.number(2, 2);
      if (!m) return false;
      zm = *m;
    }
    if (*zh > 14 || zm > 59) return false;
    p.has_zone = true;
    p.zone_minutes = (z == '-' ? -1 : 1) * (*zh * 60 + zm);
  } else {
    std::string_view name = c.word();
    // North American zones as RFC 822 lists them; anything else is not understood.
    struct Zone { std::string_view name; int minutes; };
    static constexpr Zone kZones[] = {{"GMT", 0},     {"UTC", 0},     {"UT", 0},      {"EST", -300}, {"EDT", -240},
                                      {"CST", -360},  {"CDT", -300},  {"MST", -420},  {"MDT", -360}, {"PST", -480},
                                      {"PDT", -420}};
    bool found = false;
    for (const Zone& zone : kZones) {
      if (name == zone.name) {
        p.has_zone = true;
        p.zone_minutes = zone.minutes;
        found = true;
      }
    }
    if (!found) return false;
  }
  c.skip_spaces();
  return c.done();
}

std::optional<Parsed> parse(std::string_view text) {
  Cursor c{text};
  c.skip_spaces();
  Parsed p;
  // A leading weekday name ("Tue, 02 Nov 2004").
  if (std::isalpha(static_cast<unsigned char>(c.peek()))) {
    std::size_t save = c.i;
    std::string_view w = c.word();
    int month = month_from_name(w);
    if (month != 0) {
      // "November 2, 2004" / "Nov. 2 2004"
      c.consume('.');
      c.skip_spaces();
      auto d = c.number(1, 2);
      if (!d) return std::nullopt;
      c.word();  // "2nd" suffixes
      c.consume(',');
      c.skip_spaces();
      auto y = c.number(4, 4);
      if (!y) return std::nullopt;
      p.year = *y;
      p.month = month;
      p.day = *d;
    } else {
      if (w.size() < 3) return std::nullopt;
      c.consume('.');
      c.consume(',');
      c.skip_spaces();
      (void)save;
    }
  }
  if (p.year == 0) {
    std::size_t start = c.i;
    auto first = c.number(1, 8);
    if (!first) return std::nullopt;
    std::size_t digits = c.i - start;
    if (digits == 8) {  // YYYYMMDD
      p.year = *first / 10000;
      p.month = *first / 100 % 100;
      p.day = *first % 100;
    } else if (digits == 4 && (c.peek() == '-' || c.peek() == '/' || c.peek() == '.')) {  // YYYY-MM-DD
      char sep = c.peek();
      c.consume(sep);
      auto m = c.number(1, 2);
      if (!m || !c.consume(sep)) return std::nullopt;
      auto d = c.number(1, 2);
      if (!d) return std::nullopt;
      p.year = *first;
      p.month = *m;
      p.day = *d;
    } else if (digits <= 2 && (c.peek() == '/' || c.peek() == '-' || c.peek() == '.')) {
      // MM/DD/YYYY (US, as DUC writes it); DD.MM.YYYY with dots (European).
      char sep = c.peek();
      c.consume(sep);
      auto second = c.number(1, 2);
      if (!second || !c.consume(sep)) return std::nullopt;
      auto y = c.number(4, 4);
      if (!y) return std::nullopt;
      p.year = *y;
      if (sep == '.') {
        p.day = *first;
        p.month = *second;
      } else {
        p.month = *first;
        p.day = *second;
      }
    } else if (digits <= 2) {  // "2 November 2004", "02 Nov 2004"
      c.skip_spaces();
      int month = month_from_name(c.word());
      if (month == 0) return std::nullopt;
      c.consume('.');
      c.consume(',');
      c.skip_spaces();
      auto y = c.number(4, 4);
      if (!y) return std::nullopt;
      p.year = *y;
      p.month = month;
      p.day = *first;
    } else {
      return std::nullopt;
    }
  }
  if (!valid_date(p.year, p.month, p.day)) return std::nullopt;
  if (!parse_time_and_zone(c, p)) return std::nullopt;
  return p;
}

}  // namespace

std::string normalize_date(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.size() > 64) return {};
  auto p = parse(text);
  if (!p) return {};
  char buffer[48];
  int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", p->year, p->month, p->day);
  std::string out(buffer, static_cast<std::size_t>(n));
  if (p->has_time) {
    n = std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02d", p->hour, p->minute, p->second);
    out.append(buffer, static_cast<std::size_t>(n));
    if (p->has_zone) {
      if (p->zone_minutes == 0) {
        out.push_back('Z');
      } else {
        int m = p->zone_minutes < 0 ? -p->zone_minutes : p->zone_minutes;
        n = std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", p->zone_minutes < 0 ? '-' : '+', m / 60, m % 60);
        out.append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  return out;
}

}  // namespace precis::ingest
