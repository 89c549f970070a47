#include "precis/facts/name_refine.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace precis::facts {
namespace {

struct Case {
  std::vector<std::string_view> words;
  std::vector<NameSpan> spans;
};

std::vector<NameSpan> refine(Case c) {
  refine_name_spans(c.words, c.spans);
  return c.spans;
}

constexpr NameType kPer = NameType::kPerson, kOrg = NameType::kOrganization, kLoc = NameType::kLocation;

TEST(NameRefine, PossessiveAndFacilityWordJoinTheName) {
  // "taken to St. Brigid 's Hospital ." tagged as a place "St. Brigid" and a place "Hospital".
  Case c{{"taken", "to", "St.", "Brigid", "'s", "Hospital", "."}, {{2, 4, kLoc}, {5, 6, kLoc}}};
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{2, 6, kOrg}}));
  // The facility word untagged.
  Case d{{"at", "St.", "Mary", "'s", "Church", "today"}, {{1, 3, kPer}}};
  EXPECT_EQ(refine(d), (std::vector<NameSpan>{{1, 5, kOrg}}));
  // A possessive before anything else stays outside: "Israel 's Labor Party".
  Case e{{"Israel", "'s", "Labor", "Party"}, {{0, 1, kLoc}, {2, 4, kOrg}}};
  EXPECT_EQ(refine(e), (std::vector<NameSpan>{{0, 1, kLoc}, {2, 4, kOrg}}));
}

TEST(NameRefine, HeadWordsDecideTheKind) {
  Case c{{"on", "Mill", "Street", "and", "Harbour", "St.", "near", "the", "Rescue", "Service"},
         {{1, 3, kOrg}, {4, 6, kPer}, {8, 10, kPer}}};
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{1, 3, kLoc}, {4, 6, kLoc}, {8, 10, kOrg}}));
  // A first name before a head-word surname keeps the person (CoNLL test: Jim Courier, Picabo Street).
  Case d{{"Jim", "Courier", "beat", "Picabo", "Street"}, {{0, 2, kPer}, {3, 5, kPer}}};
  EXPECT_EQ(refine(d), (std::vector<NameSpan>{{0, 2, kPer}, {3, 5, kPer}}));
  // "Port Aven" cannot be a person; as an organisation it keeps its kind.
  // "Port Aven" is no person; as an organisation it may be a team ("Port Vale"), and stays one.
  Case e{{"in", "Port", "Aven", "and", "Port", "Vale", "or", "St.", "Louis"}, {{1, 3, kPer}, {4, 6, kOrg}, {7, 9, kOrg}}};
  EXPECT_EQ(refine(e), (std::vector<NameSpan>{{1, 3, kLoc}, {4, 6, kOrg}, {7, 9, kOrg}}));
}

// Islands, straits, rivers, airports are no one's surname: they make a place even after a name
// ("Gabo Island", tagged a person in the Sydney-Hobart reports; "Wye River", an organisation).
// Not "Lake" or "Bay" (Ricki Lake, Michael Bay).
TEST(NameRefine, GeographicHeadsMakeAPlaceEvenAfterAName) {
  Case c{{"off", "Gabo", "Island", "near", "the", "Wye", "River", "and", "Ricki", "Lake"},
         {{1, 3, kPer}, {5, 7, kOrg}, {8, 10, kPer}}};
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{1, 3, kLoc}, {5, 7, kLoc}, {8, 10, kPer}}));
}

TEST(NameRefine, OneWordBeforeCityOrCouncilIsAPlace) {
  Case c{{"Lisburg", "city", "council", "met", ";", "Microsoft", "officials", "and", "Clinton", "aides"},
         {{0, 1, kPer}, {5, 6, kOrg}, {8, 9, kPer}}};
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{0, 1, kLoc}, {5, 6, kOrg}, {8, 9, kPer}}));
}

TEST(NameRefine, TitleBeforeCapitalisedNameMakesAPerson) {
  Case c{{"Chief", "Fire", "Officer", "Helena", "Marsh", "said"}, {{0, 5, kLoc}}};
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{0, 5, kPer}}));
  // Not when the head word names an organisation.
  Case d{{"Chief", "Fire", "Authority"}, {{0, 3, kLoc}}};
  EXPECT_EQ(refine(d), (std::vector<NameSpan>{{0, 3, kOrg}}));
  // A title and one word is no person's name.
  Case e{{"Chief", "Fire"}, {{0, 2, kLoc}}};
  EXPECT_EQ(refine(e), (std::vector<NameSpan>{{0, 2, kLoc}}));
}

TEST(NameRefine, InstitutionWordAndOfJoinTheName) {
  // "Seoul 's Ministry of National Unification" tagged from "National" only.
  Case c{{"Seoul", "'s", "Ministry", "of", "National", "Unification", "said"}, {{0, 1, kLoc}, {4, 6, kLoc}}};
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{0, 1, kLoc}, {2, 6, kOrg}}));
  // Not over another name, and not after a word that names no institution.
  Case d{{"the", "Ministry", "of", "Defence", "and", "Bay", "of", "Biscay"}, {{1, 2, kOrg}, {3, 4, kLoc}, {7, 8, kLoc}}};
  EXPECT_EQ(refine(d), (std::vector<NameSpan>{{1, 2, kOrg}, {3, 4, kLoc}, {7, 8, kLoc}}));
}

TEST(NameRefine, FirstNameBeforeAnInitialJoinsThePerson) {
  Case c{{"Commander", "Europe", "Wesley", "K.", "Clark", "and", "The", "J.", "Smith"},
         {{1, 2, kLoc}, {3, 5, kPer}, {7, 9, kPer}}};
  // "Wesley" joins; "The" is a common word and stays out.
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{1, 2, kLoc}, {2, 5, kPer}, {7, 9, kPer}}));
}

TEST(NameRefine, OfficeBeforeAPersonIsARoleNotAName) {
  Case c{{"U.S.", "Attorney", "Mary", "Jo", "White", "and", "General", "Motors", "Jim", "Lake"},
         {{0, 2, kOrg}, {2, 5, kPer}, {6, 8, kOrg}, {8, 10, kPer}}};
  // "General Motors" ends in no office word and stays.
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{2, 5, kPer}, {6, 8, kOrg}, {8, 10, kPer}}));
}

TEST(NameRefine, NumberingLeavesTheName) {
  Case c{{"the", "Dockworkers", "'", "Union", "No.", "4", "and", "Warehouse", "No.", "3"},
         {{1, 5, kOrg}, {7, 9, kOrg}}};
  // "Union No." -> "Dockworkers ' Union"; "Warehouse No." -> "Warehouse", a common word: gone.
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{1, 4, kOrg}}));
}

TEST(NameRefine, OutOfRangeSpansAreKeptUntouched) {
  Case c{{"Alma"}, {{0, 3, kPer}, {2, 1, kOrg}}};
  EXPECT_EQ(refine(c), (std::vector<NameSpan>{{0, 3, kPer}, {2, 1, kOrg}}));
}

}  // namespace
}  // namespace precis::facts
