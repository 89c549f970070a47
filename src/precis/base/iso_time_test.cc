#include "precis/base/iso_time.h"

#include <gtest/gtest.h>

namespace precis {
namespace {

TEST(IsoTime, DateOnly) {
  EXPECT_EQ(*parse_iso_hours("1970-01-01"), 0.0);
  EXPECT_EQ(*parse_iso_hours("1970-01-02"), 24.0);
  EXPECT_EQ(*parse_iso_hours("1969-12-31"), -24.0);
  // 2000 is a leap year: 10957 days from the epoch to 2000-01-01, 11016 to 2000-03-01.
  EXPECT_EQ(*parse_iso_hours("2000-01-01"), 24.0 * 10957);
  EXPECT_EQ(*parse_iso_hours("2000-03-01"), 24.0 * (10957 + 31 + 29));
  EXPECT_EQ(*parse_iso_hours("  2000-03-01\n"), 24.0 * (10957 + 31 + 29));
}

TEST(IsoTime, DateTime) {
  EXPECT_EQ(*parse_iso_hours("1970-01-01T05:30"), 5.5);
  EXPECT_EQ(*parse_iso_hours("1970-01-01 05:30"), 5.5);
  EXPECT_DOUBLE_EQ(*parse_iso_hours("1970-01-01T05:30:36"), 5.51);
  EXPECT_DOUBLE_EQ(*parse_iso_hours("1970-01-01T00:00:59"), 59.0 / 3600);
}

TEST(IsoTime, Utc) {
  EXPECT_EQ(*parse_iso_hours("1970-01-01T05:30:00Z"), 5.5);
  EXPECT_EQ(*parse_iso_hours("1970-01-01T05:30Z"), 5.5);
}

TEST(IsoTime, OffsetsGiveUtc) {
  EXPECT_EQ(*parse_iso_hours("1970-01-01T05:30:00+02:00"), 3.5);
  EXPECT_EQ(*parse_iso_hours("1970-01-01T05:30:00-02:00"), 7.5);
  EXPECT_EQ(*parse_iso_hours("1970-01-01T05:30:00+0530"), 0.0);
  EXPECT_EQ(*parse_iso_hours("1970-01-01T05:30:00-0030"), 6.0);
  EXPECT_EQ(*parse_iso_hours("1970-01-01T05:30+01"), 4.5);
  // Crossing midnight backwards.
  EXPECT_EQ(*parse_iso_hours("1970-01-02T01:00:00+03:00"), 22.0);
}

TEST(IsoTime, FractionalSeconds) {
  EXPECT_DOUBLE_EQ(*parse_iso_hours("1970-01-01T00:00:01.5"), 1.5 / 3600);
  EXPECT_DOUBLE_EQ(*parse_iso_hours("1970-01-01T00:00:01,25Z"), 1.25 / 3600);
  EXPECT_DOUBLE_EQ(*parse_iso_hours("1970-01-01T01:00:00.000000+01:00"), 0.0);
}

TEST(IsoTime, GarbageIsNullopt) {
  for (const char* bad : {"", "yesterday", "2004", "2004-13-01", "2004-00-10", "2004-02-30", "2003-02-29",
                          "2004-11-31", "04-11-02", "2004/11/02", "2004-11-02T", "2004-11-02T25:00",
                          "2004-11-02T12:60", "2004-11-02T12", "2004-11-02T12:00:61", "2004-11-02T12:00:00.",
                          "2004-11-02T12:00:00 GMT", "2004-11-02T12:00:00+2", "2004-11-02T12:00:00+02:0",
                          "2004-11-02T12:00:00+02:00x", "2004-11-02T12:00:00ZZ", "2004-11-02x", "2004-1a-02"}) {
    EXPECT_FALSE(parse_iso_hours(bad).has_value()) << bad;
  }
  EXPECT_TRUE(parse_iso_hours("2004-02-29").has_value());
}

TEST(IsoTime, DaysFromCivil) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1600, 1, 1), -135140);
}

}  // namespace
}  // namespace precis
