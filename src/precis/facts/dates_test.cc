// The calendar words shared by every facts extractor (dates.h).
#include "precis/facts/dates.h"

#include <gtest/gtest.h>

namespace precis::facts {
namespace {

TEST(CalendarWords, MonthsWithAbbreviationsPeriodsAndPossessives) {
  EXPECT_EQ(month_number("january"), 1);
  EXPECT_EQ(month_number("sept."), 9);
  EXPECT_EQ(month_number("sep"), 9);
  EXPECT_EQ(month_number("july's"), 7);
  EXPECT_EQ(month_number("july\xE2\x80\x99s"), 7);
  EXPECT_EQ(month_number("may"), 5);
  EXPECT_EQ(month_number("jane"), 0);
  EXPECT_EQ(month_number(""), 0);
  EXPECT_EQ(month_number("."), 0);
}

TEST(CalendarWords, Weekdays) {
  EXPECT_EQ(weekday_number("monday"), 0);
  EXPECT_EQ(weekday_number("sunday's"), 6);
  EXPECT_EQ(weekday_number("sundays"), -1);
  EXPECT_EQ(weekday_number("'s"), -1);
}

TEST(CalendarWords, CalendarNamesLeaveOutMayAndMar) {
  EXPECT_TRUE(is_calendar_name("sunday"));
  EXPECT_TRUE(is_calendar_name("march"));
  EXPECT_TRUE(is_calendar_name("oct."));
  EXPECT_FALSE(is_calendar_name("may"));
  EXPECT_FALSE(is_calendar_name("mar"));
  EXPECT_FALSE(is_calendar_name("mar."));
  EXPECT_FALSE(is_calendar_name("clinton"));
}

}  // namespace
}  // namespace precis::facts
