#include <gtest/gtest.h>

#include "precis/ingest/reader.h"

namespace precis::ingest {
namespace {

TEST(NormalizeDate, CommonFormsBecomeIso) {
  EXPECT_EQ(normalize_date("2004-11-02"), "2004-11-02");
  EXPECT_EQ(normalize_date("2004-11-02T14:05:00Z"), "2004-11-02T14:05:00Z");
  EXPECT_EQ(normalize_date("2004-11-02T14:05:00.123+05:30"), "2004-11-02T14:05:00+05:30");
  EXPECT_EQ(normalize_date("2004-11-02T14:05-0800"), "2004-11-02T14:05:00-08:00");
  EXPECT_EQ(normalize_date(" 1998-11-02 14:05 "), "1998-11-02T14:05:00");
  EXPECT_EQ(normalize_date("11/02/1998"), "1998-11-02");
  EXPECT_EQ(normalize_date("11/23/1998 15:54:00"), "1998-11-23T15:54:00");
  EXPECT_EQ(normalize_date("19981102"), "1998-11-02");
  EXPECT_EQ(normalize_date("Tue, 02 Nov 2004 14:05:00 GMT"), "2004-11-02T14:05:00Z");
  EXPECT_EQ(normalize_date("Tue, 2 Nov 2004 09:05:00 EST"), "2004-11-02T09:05:00-05:00");
  EXPECT_EQ(normalize_date("November 2, 2004"), "2004-11-02");
  EXPECT_EQ(normalize_date("Sept. 30, 2001, 4:10 PM"), "2001-09-30T16:10:00");
  EXPECT_EQ(normalize_date("2 November 2004"), "2004-11-02");
  EXPECT_EQ(normalize_date("2004/02/29"), "2004-02-29");
  EXPECT_EQ(normalize_date("24.12.2020"), "2020-12-24");
}

TEST(NormalizeDate, NonDatesAreEmpty) {
  for (const char* text : {"", "yesterday", "2004-13-01", "2003-02-29", "31/31/2000", "1234", "2004-11-02 25:00",
                           "2004-11-02T14:05:00 Mars time", "November", "0000-01-01", "99999999999"}) {
    EXPECT_EQ(normalize_date(text), "") << text;
  }
}

}  // namespace
}  // namespace precis::ingest
