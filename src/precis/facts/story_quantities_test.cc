#include "precis/facts/story_quantities.h"

#include <gtest/gtest.h>

namespace precis::facts::internal {
namespace {

Figure figure(std::uint32_t article, std::uint32_t sentence, double value, std::string counted, std::string unit = "") {
  Figure f;
  f.where.article = ArticleId{article};
  f.where.sentence = sentence;
  f.value = value;
  f.counted = std::move(counted);
  f.unit = std::move(unit);
  return f;
}

FigureContext words(std::initializer_list<const char*> ws) {
  FigureContext c;
  for (const char* w : ws) c[w] = 1;
  return c;
}

using Groups = std::vector<std::vector<std::uint32_t>>;

TEST(SameQuantity, SameNounIsNotEnough) {
  // "Two helicopters searched the bay" / "The navy owns 12 helicopters": two fleets.
  std::vector<Figure> f = {figure(1, 0, 2, "helicopters"), figure(2, 0, 12, "helicopters")};
  std::vector<FigureContext> c = {words({"search", "bay"}), words({"navi", "own"})};
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}), Groups{});
}

TEST(SameQuantity, DifferentValuesNeedMoreSharedWordsThanEqualOnes) {
  std::vector<Figure> f = {figure(1, 0, 40, "sailors"), figure(2, 0, 40, "sailors"), figure(3, 0, 50, "sailors")};
  // One shared word: enough for the same value (an agreement), not for a different one.
  std::vector<FigureContext> c = {words({"winch", "safeti"}), words({"winch", "race"}), words({"winch", "gale"})};
  EXPECT_EQ(same_quantity_groups(f, {"", "", ""}, c, {}), (Groups{{0, 1}}));
  // Three shared words tie the update in.
  c[0] = words({"winch", "safeti", "race"});
  c[2] = words({"winch", "safeti", "race"});
  EXPECT_EQ(same_quantity_groups(f, {"", "", ""}, c, {}), (Groups{{0, 1, 2}}));
}

TEST(SameQuantity, GoverningWordNeedsOneSharedWordForAnUpdate) {
  // "12 people had died" / "19 people had died since Oct. 29" (killed).
  std::vector<Figure> f = {figure(1, 0, 12, "people"), figure(2, 0, 19, "people")};
  std::vector<FigureContext> c = {words({"die", "minist"}), words({"die", "agenc"})};
  EXPECT_EQ(same_quantity_groups(f, {"killed", "killed"}, c, {}), (Groups{{0, 1}}));
  // Different governing words are different quantities.
  EXPECT_EQ(same_quantity_groups(f, {"killed", "injured"}, c, {}), Groups{});
  // Nothing in common: not linked, even with the same governing word.
  c[1] = words({"agenc"});
  EXPECT_EQ(same_quantity_groups(f, {"killed", "killed"}, c, {}), Groups{});
}

TEST(SameQuantity, ValuesFarApartAreDifferentQuantities) {
  std::vector<Figure> f = {figure(1, 0, 25, "", "mile"), figure(2, 0, 1172, "", "mile")};
  std::vector<FigureContext> c = {words({"coast", "island", "honduran"}), words({"coast", "island", "honduran"})};
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}), Groups{});
  f[1].value = 30;  // within a factor of 3
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}), (Groups{{0, 1}}));
  // With a governing word tolls may grow up to tenfold: 300 killed, then 2,900.
  std::vector<Figure> g = {figure(1, 0, 300, "people"), figure(2, 0, 2900, "people"), figure(3, 0, 3100, "people")};
  std::vector<FigureContext> d = {words({"hurrican"}), words({"hurrican"}), words({"hurrican"})};
  EXPECT_EQ(same_quantity_groups(g, {"killed", "killed", "killed"}, d, {}), (Groups{{0, 1, 2}}));
  g[0].value = 200;  // 2,900 / 200 > 10
  EXPECT_EQ(same_quantity_groups(g, {"killed", "killed", "killed"}, d, {}), (Groups{{1, 2}}));
}

TEST(SameQuantity, TwoValuesOfOneSentenceAreLinkedOnlyAsARevision) {
  // Article 2: "raised the estimate of the damage to $18.5 million from $12 million";
  // article 1: "put the damage at $12 million".
  std::vector<Figure> f = {figure(1, 3, 12e6, "", "USD"), figure(2, 5, 18.5e6, "", "USD"), figure(2, 5, 12e6, "", "USD")};
  FigureContext damage_at;
  damage_at["damag"] = 2;
  damage_at["preliminari"] = 1;
  FigureContext damage_to;
  damage_to["damag"] = 2;
  damage_to["insur"] = 1;
  damage_to["estim"] = 1;
  std::vector<FigureContext> c = {damage_at, damage_to, words({"first", "figur"})};
  // Without the revision, article 2's $12 million shares nothing with article 1's.
  EXPECT_EQ(same_quantity_groups(f, {"", "", ""}, c, {}), Groups{});
  // As a revision the pair is linked and shares its words, so the old value meets article 1's.
  EXPECT_EQ(same_quantity_groups(f, {"", "", ""}, c, {{1, 2}}), (Groups{{0, 1, 2}}));
}

TEST(SameQuantity, TwoValuesOfOneSentenceAreNotLinkedByTheirWords) {
  // "foreign reserves have fallen below $50 billion, from $70 billion" told without a revision
  // pair, in one article, and nothing else: not one quantity reported by two sources.
  std::vector<Figure> f = {figure(1, 0, 50, "", "USD"), figure(1, 0, 70, "", "USD")};
  std::vector<FigureContext> c = {words({"foreign", "reserv", "fallen"}), words({"foreign", "reserv", "fallen"})};
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}), Groups{});
}

TEST(SameQuantity, AnArticleListingThreeValuesIsNotOneQuantity) {
  std::vector<Figure> f = {figure(1, 0, 10, "states"), figure(1, 1, 19, "states"), figure(1, 2, 21, "states"),
                           figure(2, 0, 10, "states")};
  FigureContext same = words({"ban", "law", "pass"});
  std::vector<FigureContext> c = {same, same, same, same};
  EXPECT_EQ(same_quantity_groups(f, {"", "", "", ""}, c, {}), Groups{});
}

TEST(SameQuantity, AnArticleGivingTwoValuesWithoutARevisionIsListingThings) {
  // "Cardoso took 56 percent of the vote ... Lula took 34 percent", and a second report of 56.
  std::vector<Figure> f = {figure(1, 0, 56, "", "%"), figure(1, 1, 34, "", "%"), figure(2, 0, 56, "", "%")};
  FigureContext vote = words({"vote", "elect", "presid"});
  std::vector<FigureContext> c = {vote, vote, vote};
  EXPECT_EQ(same_quantity_groups(f, {"", "", ""}, c, {}), Groups{});
}

TEST(SameQuantity, ValuesThatEveryArticleGivesAlikeAreNotSourcesThatDiffer) {
  // "raised to 5 miles from 3 miles", in an article and its copy.
  std::vector<Figure> f = {figure(1, 0, 5, "", "mile"), figure(1, 0, 3, "", "mile"), figure(2, 0, 5, "", "mile"),
                           figure(2, 0, 3, "", "mile")};
  FigureContext same = words({"endeavour", "debri", "shuttl"});
  std::vector<FigureContext> c = {same, same, same, same};
  const std::set<std::pair<std::uint32_t, std::uint32_t>> revisions = {{0, 1}, {2, 3}};
  EXPECT_EQ(same_quantity_groups(f, {"", "", "", ""}, c, revisions), Groups{});
  // When a third article gives only the old value, the sources do differ: an update.
  f.push_back(figure(3, 0, 3, "", "mile"));
  c.push_back(same);
  EXPECT_EQ(same_quantity_groups(f, {"", "", "", "", ""}, c, revisions), (Groups{{0, 1, 2, 3, 4}}));
}

}  // namespace
}  // namespace precis::facts::internal

namespace precis::facts::internal {
namespace {

TEST(SameQuantity, ACountOfTheOthersIsNotTheCountOfAll) {
  // "The United States and 15 other nations plan to begin building the station" / "The station,
  // involving 16 nations, ...": one set counted two ways, not an update from 15 to 16.
  std::vector<Figure> f = {figure(1, 0, 15, "nations"), figure(2, 0, 16, "nations"), figure(3, 0, 14, "nations")};
  f[0].where.text = "15 other nations";
  f[1].where.text = "16 nations";
  f[2].where.text = "14 other nations";
  std::vector<FigureContext> c = {words({"station", "build", "space"}), words({"station", "build", "space"}),
                                  words({"station", "build", "space"})};
  EXPECT_EQ(same_quantity_groups(f, {"", "", ""}, c, {}), (Groups{{0, 2}}));
}

TEST(SameQuantity, DifferentValuesAboutDifferentPeopleAreNotLinked) {
  // "All have spent time in prison, Xu for 12 years" / "Qin Yongmin ... has spent 10 years in
  // prison and labor camps": two people's terms, not an update from 12 to 10.
  std::vector<Figure> f = {figure(1, 0, 12, "", "year"), figure(2, 0, 10, "", "year")};
  std::vector<FigureContext> c = {words({"spent", "prison", "time", "labor"}), words({"spent", "prison", "time", "labor"})};
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}, {{0}, {1}}), Groups{});
  // The same person in both ("Gray said about 56 sailors", "AMSA spokesman David Gray said about
  // 50"), or nobody named in one of them: linked as before.
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}, {{0}, {0, 1}}), (Groups{{0, 1}}));
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}, {{0}, {}}), (Groups{{0, 1}}));
}

TEST(SameQuantity, AmountsOfDifferentThingsAreNeverLinked) {
  // "$30 billion in aid" / "$30 billion in loans", said alike otherwise.
  std::vector<Figure> f = {figure(1, 0, 30e9, "", "USD"), figure(2, 0, 30e9, "", "USD")};
  f[0].measured = "aid";
  f[1].measured = "loans";
  std::vector<FigureContext> c = {words({"imf", "brazil", "rescu"}), words({"imf", "brazil", "rescu"})};
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}), Groups{});
  // The same noun, singular or plural, or one side unknown: linked.
  f[1].measured = "aids";
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}), (Groups{{0, 1}}));
  f[1].measured = "";
  EXPECT_EQ(same_quantity_groups(f, {"", ""}, c, {}), (Groups{{0, 1}}));
}

}  // namespace
}  // namespace precis::facts::internal
