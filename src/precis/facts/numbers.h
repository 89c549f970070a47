// Figures in running text: numbers (digits or words) with their qualifier, scale, unit, range
// and the noun they count.
//
//   "more than 3,000 U.S. troops"   value 3000, qualifier "more than", counted "troops"
//   "$1.2 billion"                  value 1.2e9, unit "USD"
//   "3.5%" / "3.5 percent"          value 3.5, unit "%"
//   "two dozen sites"               value 24, counted "sites"
//   "a two- to five-year timeline"  value 2, value_high 5, unit "year", counted "timeline"
//   "between 40 and 50 people"      value 40, value_high 50, counted "people"
//   "the damage at $12 million"     value 1.2e7, unit "USD", measured "damage"
//
// Four-digit numbers 1800..2100 standing alone (no unit, scale, separator or counted plural) are
// taken for years and reported with is_year set, so that callers can leave them to the dates.
// Ordinals ("3rd"), clock times ("3:30") and numbers inside words ("COVID-19") are not figures.
//
// Thread safety: pure functions, thread-safe. Never fails: any byte string is valid input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/span.h"

namespace precis::facts {

struct FigureMatch {
  ByteSpan span;                  // in the text given to find_figures: qualifier .. counted noun
  double value = 0;
  std::optional<double> value_high;
  std::string unit;
  std::string counted;
  // For an amount with a unit and nothing counted: the noun it measures, lower-case as written:
  // "damage" in "put the damage at $12 million", "traffic" in "traffic could fall 3.5%", "loans"
  // in "$2 billion in loans"; "" when none is found.
  std::string measured;
  std::string qualifier;
  bool is_year = false;
};

std::vector<FigureMatch> find_figures(std::string_view text);

// The value of a number written in words: "seven" 7, "twenty-five" 25, "three hundred" 300,
// "two dozen" 24, "a dozen" 12, "half a million" 5e5, "1.2 million" 1.2e6. Words are separated by
// spaces. nullopt when the text is not entirely a number.
std::optional<double> parse_number_words(std::string_view words);

// "3,000" 3000, "3.5" 3.5, "1,234.5" 1234.5 (commas must group thousands); nullopt otherwise.
std::optional<double> parse_decimal(std::string_view digits);

}  // namespace precis::facts
