// ISO 8601 dates and date-times as hours since 1970-01-01T00:00Z: the one parser that dedup's
// window and the story clusterer's time decay both use, so an article has the same time in both.
//
// Accepted (extended format, as feeds, JSON-LD and news-please records write them; surrounding
// whitespace is ignored):
//   2004-11-02                       midnight UTC of that day
//   2004-11-02T14:05 / 14:05:09      'T' or one space between date and time; seconds optional
//   2004-11-02T14:05:09.250          fractional seconds after '.' or ',' (any number of digits)
//   ...Z / ...+02:00 / ...-0530 / ...+02    zone designator; an offset is subtracted to give UTC
// A date-time without a zone is taken as UTC. Anything else (a missing or extra field, a day that
// the month does not have, an hour past 23, trailing text) gives nullopt: the caller decides what
// an undated article means.
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string_view>

namespace precis {

std::optional<double> parse_iso_hours(std::string_view iso);

// Days from 1970-01-01 of a proleptic Gregorian civil date (Hinnant's days_from_civil); no checks.
long long days_from_civil(long long year, unsigned month, unsigned day);

}  // namespace precis
