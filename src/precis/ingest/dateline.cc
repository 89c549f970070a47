// Publication dates from wire datelines ("PORT AVEN, Nov. 3 (MP) — The ferry ...").
//
// A dateline is the place, often a date, and often an agency in brackets, before a dash at the
// start of a story's first paragraph. Its date usually has no year ("Nov. 3"): the wire assumed
// the reader knew it. We give the article a date only when the year is known:
//   1. the dateline names it ("Nov. 3, 2026", "3 November 2026");
//   2. else another full date in the first part of the text fixes it ("... signed on Oct. 30,
//      2026, ..."): of the years Y-1, Y and Y+1 around that date's year Y, the one that puts the
//      dateline's month and day nearest to it, because stories mention dates close to their own
//      (a story datelined Jan. 2 that mentions Dec. 30, 2025 is from 2026).
// We do not use the file's modification time: it records when a file was copied, unpacked or
// checked out, not when the story was written (every file of a fresh git clone has today's
// mtime), and a wrong year silently misplaces a story in a timeline, while a missing date is
// visible and leaves the order to other evidence.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"

namespace precis::ingest {
namespace {

int month_number(std::string_view word) {
  static constexpr const char* kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                          "july",    "august",   "september", "october", "november", "december"};
  std::string w = internal::ascii_lower(word);
  if (w.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kFull[m];
    if (w == full || w == full.substr(0, 3) || (m == 8 && w == "sept")) return m + 1;
  }
  return 0;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct MonthDay {
  int month = 0, day = 0, year = 0;  // year 0: not given
  std::size_t end = 0;               // where the date ended in the text it was read from
};

// Reads "Nov. 3", "November 3, 2026", "Nov 3 2026", "3 November", "3 Nov. 2026" at `at`.
bool read_month_day(std::string_view s, std::size_t at, MonthDay& out) {
  auto skip_spaces = [&](std::size_t i) {
    while (i < s.size() && s[i] == ' ') ++i;
    return i;
  };
  auto read_number = [&](std::size_t& i, int max_digits) {
    std::size_t start = i;
    int value = 0;
    while (i < s.size() && is_digit(s[i]) && i - start < static_cast<std::size_t>(max_digits)) value = value * 10 + (s[i++] - '0');
    if (i == start || (i < s.size() && (is_digit(s[i]) || is_alpha(s[i])))) return -1;
    return value;
  };
  auto read_month = [&](std::size_t& i) {
    std::size_t start = i;
    while (i < s.size() && is_alpha(s[i])) ++i;
    int m = month_number(s.substr(start, i - start));
    if (m && i < s.size() && s[i] == '.') ++i;
    return m;
  };
  auto read_year = [&](std::size_t i, MonthDay& md) {
    std::size_t j = i;
    if (j < s.size() && s[j] == ',') ++j;
    j = skip_spaces(j);
    std::size_t k = j;
    int y = read_number(k, 4);
    if (y >= 1800 && y <= 2200 && k - j == 4) {
      md.year = y;
      md.end = k;
    } else {
      md.end = i;
    }
  };
  std::size_t i = at;
  MonthDay md;
  if (i < s.size() && is_alpha(s[i])) {
    md.month = read_month(i);
    if (!md.month) return false;
    std::size_t j = skip_spaces(i);
    if (j == i) return false;
    md.day = read_number(j, 2);
    if (j < s.size() && (s[j] == 's' || s[j] == 'n' || s[j] == 'r' || s[j] == 't')) return false;  // 3rd: rare in datelines
    read_year(j, md);
  } else {
    md.day = read_number(i, 2);
    std::size_t j = skip_spaces(i);
    if (md.day < 0 || j == i) return false;
    md.month = read_month(j);
    if (!md.month) return false;
    read_year(j, md);
  }
  if (md.day < 1 || md.day > 31) return false;
  out = md;
  return true;
}

// The text before a dateline separator at the start of `line`, or "" when there is none.
std::string_view dateline_head(std::string_view line) {
  line = line.substr(0, 120);
  static constexpr std::string_view kSeparators[] = {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " _ ", " -- ", " - ",
                                                     "\xE2\x80\x94"};
  std::size_t best = std::string_view::npos;
  for (std::string_view sep : kSeparators) best = std::min(best, line.find(sep));
  if (best == std::string_view::npos || best == 0) return {};
  std::string_view head = line.substr(0, best);
  // The place: capitalised words up to the first comma (at most five words, no sentence inside).
  std::size_t comma = head.find(',');
  if (comma == std::string_view::npos || comma == 0) return {};
  std::string_view place = head.substr(0, comma);
  if (!(place[0] >= 'A' && place[0] <= 'Z')) return {};
  int words = 1;
  for (std::size_t i = 0; i < place.size(); ++i) {
    if (place[i] == ' ') {
      ++words;
      if (i + 1 < place.size() && !(place[i + 1] >= 'A' && place[i + 1] <= 'Z')) return {};
    } else if (place[i] == '.' && i + 1 < place.size() && place[i + 1] == ' ' && i > 2) {
      return {};
    }
  }
  return words <= 5 ? head : std::string_view();
}

int days_from_civil(int y, int m, int d) {  // Howard Hinnant's algorithm
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool valid(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// The first full date (with a year) in `text`, as "Month D, YYYY", "D Month YYYY" or ISO.
bool first_full_date(std::string_view text, MonthDay& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool word_start = i == 0 || !(is_alpha(text[i - 1]) || is_digit(text[i - 1]));
    if (!word_start) continue;
    MonthDay md;
    if (is_alpha(text[i]) || is_digit(text[i])) {
      if (read_month_day(text, i, md) && md.year && valid(md.year, md.month, md.day)) {
        out = md;
        return true;
      }
    }
    if (is_digit(text[i]) && i + 10 <= text.size() && text[i + 4] == '-' && text[i + 7] == '-') {
      std::string iso = normalize_date(text.substr(i, 10));
      if (!iso.empty() && (i + 10 == text.size() || !is_digit(text[i + 10]))) {
        out.year = std::atoi(iso.c_str());
        out.month = std::atoi(iso.c_str() + 5);
        out.day = std::atoi(iso.c_str() + 8);
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string dateline_date(std::string_view body) {
  // The first paragraph that opens with a dateline, among the first few (bylines and time lines
  // may come before it).
  std::size_t at = 0;
  MonthDay date;
  bool found = false;
  for (int paragraph = 0; paragraph < 4 && at < body.size() && !found; ++paragraph) {
    std::size_t end = body.find('\n', at);
    std::string_view line = internal::trim(body.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    at = end == std::string_view::npos ? body.size() : end + 1;
    if (line.empty()) {
      --paragraph;
      continue;
    }
    std::string_view head = dateline_head(line);
    if (head.empty()) continue;
    for (std::size_t c = head.find(','); c != std::string_view::npos && !found; c = head.find(',', c + 1)) {
      std::size_t i = c + 1;
      while (i < head.size() && head[i] == ' ') ++i;
      MonthDay md;
      if (read_month_day(head, i, md)) date = md, found = true;
    }
  }
  if (!found) return {};
  if (date.year == 0) {
    MonthDay reference;
    if (!first_full_date(body.substr(0, 20000), reference)) return {};
    int target = days_from_civil(reference.year, reference.month, reference.day);
    int best_distance = INT32_MAX;
    for (int y = reference.year - 1; y <= reference.year + 1; ++y) {
      if (!valid(y, date.month, date.day)) continue;
      int distance = std::abs(days_from_civil(y, date.month, date.day) - target);
      if (distance < best_distance) best_distance = distance, date.year = y;
    }
    if (date.year == 0) return {};
  }
  if (!valid(date.year, date.month, date.day)) return {};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", date.year, date.month, date.day);
  return out;
}

}  // namespace precis::ingest
