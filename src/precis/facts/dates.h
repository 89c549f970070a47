// Date expressions in running text, resolved against the article's publication date.
//
//   absolute   "2004-11-02", "Nov. 2, 2004", "2 November 2004", "November 2004", "in 1998"
//   partial    "Feb. 3", "on Feb. 3" (year of publication; the previous year when that day would
//              fall more than ~2 months after publication), "in January" (the latest January not
//              after the publication month)
//   weekdays   "on Tuesday", "Tuesday" (the latest such day not after publication: news reports
//              the past; "next Tuesday" goes forward)
//   relative   "today", "yesterday", "tomorrow", "tonight", "last/this/next week|month|year",
//              "earlier this month|week|year", "last summer|winter|spring|fall|autumn",
//              "N days|weeks|months|years ago", "since Oct. 7" (from then to publication)
//
// Each result is an inclusive range of calendar days in ISO 8601 and a confidence in 0..1:
// explicit full dates 0.95; explicit month+day or month+year 0.85; a bare year 0.8; weekdays and
// relative expressions 0.6-0.8 (depending on how exact the rule is). Without a publication date,
// only expressions that name their year are resolved; the rest are skipped.
//
// Thread safety: pure functions, thread-safe. Never fails: any byte string is valid input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/span.h"

namespace precis::facts {

struct CivilDay {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend constexpr auto operator<=>(const CivilDay&, const CivilDay&) = default;
};

enum class DateKind { kDay, kMonth, kYear, kRange };

struct DateMatch {
  ByteSpan span;  // in the text given to find_dates
  CivilDay begin, end;
  DateKind kind = DateKind::kDay;
  bool is_relative = false;
  double confidence = 0;
};

// `published`: the article's publication day, when known.
std::vector<DateMatch> find_dates(std::string_view text, std::optional<CivilDay> published);

// "2004-11-02", "2004-11-02T14:05:00Z", "20041102" -> the day; nullopt when not a valid date.
std::optional<CivilDay> parse_iso_day(std::string_view text);
std::string to_iso(const CivilDay& day);  // "2004-11-02"

// The length in bytes of a possessive ending of `w` ("'s" or "’s"), 0 when there is none. The one
// possessive test of precis::facts ("July's", "Brigid's", "Hun Sen's").
std::size_t possessive_length(std::string_view w);

// Calendar words, the one list for all of precis::facts. `lower` is ASCII lower case; a final
// period ("oct.") and a possessive ("july's", "sunday's") are allowed.
int month_number(std::string_view lower);    // 1..12 for "january", "jan", "jan.", "sept", ...; else 0
int weekday_number(std::string_view lower);  // 0 (Monday) .. 6 for "monday" ... "sunday"; else -1
// A month or weekday name that is never anything else: not "may" (a verb, a surname) nor "mar"
// (a verb). The name taggers and the entity lists leave these out of names.
bool is_calendar_name(std::string_view lower);

// Day arithmetic (proleptic Gregorian): days since 1970-01-01 and back; weekday 0 = Monday.
long days_from_civil(const CivilDay& day);
CivilDay civil_from_days(long days);
int weekday(const CivilDay& day);
int days_in_month(int year, int month);
bool valid_day(int year, int month, int day);

}  // namespace precis::facts
