// ISO 8601 parsing (see iso_time.h). Days from the civil date follow Howard Hinnant's
// "chrono-Compatible Low-Level Date Algorithms" (days_from_civil), exact for every Gregorian date.
#include "precis/base/iso_time.h"

#include <cstddef>

namespace precis {
namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::optional<double> parse_iso_hours(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  int y, m, d;
  if (!read_digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !read_digits(s, 5, 2, m) || s[7] != '-' ||
      !read_digits(s, 8, 2, d) || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
    return std::nullopt;
  }
  double hours = 24.0 * static_cast<double>(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
  if (s.size() == 10) return hours;
  int hh, mm;
  if (s.size() < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !read_digits(s, 11, 2, hh) ||
      s[13] != ':' || !read_digits(s, 14, 2, mm) || hh > 23 || mm > 59) {
    return std::nullopt;
  }
  double seconds = 0;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    int ss;
    if (!read_digits(s, pos + 1, 2, ss) || ss > 60) return std::nullopt;  // 60: a leap second
    seconds = ss;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      double scale = 0.1;
      std::size_t first = pos;
      for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10) seconds += (s[pos] - '0') * scale;
      if (pos == first) return std::nullopt;
    }
  }
  hours += hh + mm / 60.0 + seconds / 3600.0;
  if (pos == s.size()) return hours;
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) return hours;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  const bool east = s[pos] == '+';
  int oh, om = 0;
  if (!read_digits(s, pos + 1, 2, oh) || oh > 23) return std::nullopt;
  std::size_t rest = pos + 3;
  if (rest < s.size()) {
    if (s[rest] == ':') ++rest;
    if (!read_digits(s, rest, 2, om) || om > 59 || rest + 2 != s.size()) return std::nullopt;
  }
  const double offset = oh + om / 60.0;
  return east ? hours - offset : hours + offset;
}

}  // namespace precis
