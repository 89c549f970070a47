#include "precis/facts/story_entities.h"

#include <gtest/gtest.h>

#include <string>

#include "precis/facts/gazetteer.h"

namespace precis::facts::internal {
namespace {

// One raw entity per mention, as the extractor produces them.
Entity mention(const std::string& name, EntityKind kind, std::uint32_t article, std::uint32_t at = 0) {
  Entity e;
  e.name = name;
  e.kind = kind;
  EntityMention m;
  m.where.article = ArticleId{article};
  m.where.span = ByteSpan{at, at + static_cast<std::uint32_t>(name.size())};
  m.where.text = name;
  e.mentions.push_back(m);
  return e;
}

const Entity* find(const std::vector<Entity>& entities, const std::string& name, EntityKind kind) {
  for (const Entity& e : entities) {
    if (e.name == name && e.kind == kind) return &e;
  }
  return nullptr;
}

TEST(StoryEntities, FunctionWordsNeverOpenAName) {
  EXPECT_EQ(leading_function_words({"although", "anwar"}), 1u);
  EXPECT_EQ(leading_function_words({"if", "xu", "wenli"}), 1u);
  EXPECT_EQ(leading_function_words({"like", "wang"}), 1u);
  EXPECT_EQ(leading_function_words({"and", "the", "hague"}), 2u);
  EXPECT_EQ(leading_function_words({"an", "jun"}), 0u);  // An is a Chinese surname
  EXPECT_EQ(leading_function_words({"anwar", "ibrahim"}), 0u);
  EXPECT_EQ(leading_function_words({"de", "klerk"}), 0u);
  EXPECT_EQ(leading_function_words({"al", "gore"}), 0u);
  EXPECT_EQ(leading_function_words({"the"}), 0u);  // the last word always stays
  EXPECT_EQ(leading_function_words({}), 0u);
}

TEST(StoryEntities, AFirstNameAloneJoinsItsOnlyPerson) {
  std::vector<Entity> raw;
  raw.push_back(mention("Najib Razak", EntityKind::kPerson, 1));
  raw.push_back(mention("Najib", EntityKind::kPerson, 2));
  raw.push_back(mention("Najib", EntityKind::kPerson, 3));
  // Two people named Mara: "Mara" alone stays on its own, and is not merged into another
  // one-word name ("Abel", which sorts before it and is added to the list first).
  raw.push_back(mention("Mara Lind", EntityKind::kPerson, 1));
  raw.push_back(mention("Mara Olsen", EntityKind::kPerson, 2));
  raw.push_back(mention("Mara", EntityKind::kPerson, 3));
  raw.push_back(mention("Abel", EntityKind::kPerson, 3));
  // "He" opening a sentence, tagged as a name, is not He Xintong.
  raw.push_back(mention("He Xintong", EntityKind::kPerson, 6));
  raw.push_back(mention("He", EntityKind::kPerson, 7));
  // A surname wins over a first name: "Lind" is Mara Lind's surname.
  raw.push_back(mention("Lind Berg", EntityKind::kPerson, 4));
  raw.push_back(mention("Lind", EntityKind::kPerson, 5));
  // A family name written first: "Xu" is Xu Wenli, named far more often than Xu Jin.
  for (std::uint32_t k = 0; k < 4; ++k) raw.push_back(mention("Xu Wenli", EntityKind::kPerson, 8 + k));
  raw.push_back(mention("Xu Jin", EntityKind::kPerson, 8));
  raw.push_back(mention("Xu", EntityKind::kPerson, 9));
  auto merged = merge_story_entities(raw, {});
  const Entity* xu = find(merged, "Xu Wenli", EntityKind::kPerson);
  ASSERT_NE(xu, nullptr);
  EXPECT_EQ(xu->mentions.size(), 5u);
  EXPECT_EQ(find(merged, "Xu", EntityKind::kPerson), nullptr);
  const Entity* najib = find(merged, "Najib Razak", EntityKind::kPerson);
  ASSERT_NE(najib, nullptr);
  EXPECT_EQ(najib->mentions.size(), 3u);
  EXPECT_EQ(find(merged, "Najib", EntityKind::kPerson), nullptr);
  const Entity* mara = find(merged, "Mara", EntityKind::kPerson);
  ASSERT_NE(mara, nullptr);
  EXPECT_EQ(mara->mentions.size(), 1u);
  const Entity* abel = find(merged, "Abel", EntityKind::kPerson);
  ASSERT_NE(abel, nullptr);
  EXPECT_EQ(abel->mentions.size(), 1u);
  const Entity* lind = find(merged, "Mara Lind", EntityKind::kPerson);
  ASSERT_NE(lind, nullptr);
  EXPECT_EQ(lind->mentions.size(), 2u);
  const Entity* he = find(merged, "He Xintong", EntityKind::kPerson);
  ASSERT_NE(he, nullptr);
  EXPECT_EQ(he->mentions.size(), 1u);
}

TEST(StoryEntities, AnAcronymJoinsTheNameItAbbreviates) {
  std::vector<Entity> raw;
  raw.push_back(mention("International Monetary Fund", EntityKind::kOrganization, 1));
  raw.push_back(mention("IMF", EntityKind::kOrganization, 2));
  raw.push_back(mention("IMF", EntityKind::kOrganization, 3));
  raw.push_back(mention("United States", EntityKind::kLocation, 1));
  raw.push_back(mention("U.S.", EntityKind::kLocation, 2));
  raw.push_back(mention("North Atlantic Treaty Organization", EntityKind::kOrganization, 1));
  raw.push_back(mention("NATO", EntityKind::kOrganization, 4));
  // Two names with the initials "AP": the acronym stays on its own.
  raw.push_back(mention("Associated Press", EntityKind::kOrganization, 1));
  raw.push_back(mention("Alliance Party", EntityKind::kOrganization, 2));
  raw.push_back(mention("AP", EntityKind::kOrganization, 3));
  // A person's initials are not an organisation's name.
  raw.push_back(mention("Mara Lind", EntityKind::kPerson, 1));
  raw.push_back(mention("ML", EntityKind::kOrganization, 5));
  auto merged = merge_story_entities(raw, {});
  const Entity* imf = find(merged, "International Monetary Fund", EntityKind::kOrganization);
  ASSERT_NE(imf, nullptr);
  EXPECT_EQ(imf->mentions.size(), 3u);
  EXPECT_EQ(imf->article_count, 3u);
  EXPECT_EQ(find(merged, "IMF", EntityKind::kOrganization), nullptr);
  const Entity* us = find(merged, "United States", EntityKind::kLocation);
  ASSERT_NE(us, nullptr);
  EXPECT_EQ(us->mentions.size(), 2u);
  EXPECT_EQ(find(merged, "U.S.", EntityKind::kLocation), nullptr);
  EXPECT_EQ(find(merged, "NATO", EntityKind::kOrganization), nullptr);
  EXPECT_NE(find(merged, "AP", EntityKind::kOrganization), nullptr);
  EXPECT_NE(find(merged, "ML", EntityKind::kOrganization), nullptr);
}

// One name written two ways ("Palestine" / "Palestinian") is one candidate for its acronym, and
// one organisation; names that differ in more than an ending stay apart.
TEST(StoryEntities, NamesDifferingInAWordEndingAreOneForTheirAcronym) {
  std::vector<Entity> raw;
  raw.push_back(mention("Palestinian National Council", EntityKind::kOrganization, 1));
  raw.push_back(mention("Palestinian National Council", EntityKind::kOrganization, 2));
  raw.push_back(mention("Palestine National Council", EntityKind::kOrganization, 3));
  raw.push_back(mention("PNC", EntityKind::kOrganization, 4));
  raw.push_back(mention("PNC", EntityKind::kOrganization, 5));
  raw.push_back(mention("Alliance Party", EntityKind::kOrganization, 1));
  raw.push_back(mention("Allied Press", EntityKind::kOrganization, 2));
  raw.push_back(mention("AP", EntityKind::kOrganization, 3));
  raw.push_back(mention("East Timor", EntityKind::kLocation, 1));
  raw.push_back(mention("East Timorese", EntityKind::kLocation, 2));
  raw.push_back(mention("East Timorese", EntityKind::kLocation, 3));
  auto merged = merge_story_entities(raw, {});
  EXPECT_NE(find(merged, "East Timor", EntityKind::kLocation), nullptr);  // a place and its people
  const Entity* pnc = find(merged, "Palestinian National Council", EntityKind::kOrganization);
  ASSERT_NE(pnc, nullptr);
  EXPECT_EQ(pnc->mentions.size(), 5u);
  EXPECT_EQ(find(merged, "Palestine National Council", EntityKind::kOrganization), nullptr);
  EXPECT_EQ(find(merged, "PNC", EntityKind::kOrganization), nullptr);
  EXPECT_NE(find(merged, "Alliance Party", EntityKind::kOrganization), nullptr);  // "Allied" is no ending of it
  EXPECT_NE(find(merged, "Allied Press", EntityKind::kOrganization), nullptr);
  EXPECT_NE(find(merged, "AP", EntityKind::kOrganization), nullptr);
}

TEST(StoryEntities, OneNameTakesTheKindOfMostOfItsMentions) {
  std::vector<Entity> raw;
  for (std::uint32_t a = 1; a <= 4; ++a) raw.push_back(mention("Israel", EntityKind::kLocation, a));
  raw.push_back(mention("Israel", EntityKind::kOrganization, 5));
  raw.push_back(mention("Israel", EntityKind::kOrganization, 6));
  auto merged = merge_story_entities(raw, {});
  const Entity* place = find(merged, "Israel", EntityKind::kLocation);
  ASSERT_NE(place, nullptr);
  EXPECT_EQ(place->mentions.size(), 6u);
  EXPECT_EQ(place->article_count, 6u);
  EXPECT_EQ(find(merged, "Israel", EntityKind::kOrganization), nullptr);
}

// "Port Aven's Kessel Quay" reads like a company to the tagger; the wire copy's dateline
// ("PORT AVEN, Nov. 3 (MP) —") says it is a place.
TEST(StoryEntities, DatelinePlacesArePlaces) {
  const std::vector<Entity> raw = {mention("Port Aven", EntityKind::kOrganization, 1),
                                   mention("Port Aven", EntityKind::kOrganization, 2),
                                   mention("Aven Port Authority", EntityKind::kOrganization, 2)};
  ASSERT_NE(find(merge_story_entities(raw, {}), "Port Aven", EntityKind::kOrganization), nullptr);
  std::vector<Entity> marked = raw;
  mark_dateline_places(marked, {"PORT AVEN", ""});
  auto merged = merge_story_entities(marked, {});
  EXPECT_EQ(find(merged, "Port Aven", EntityKind::kOrganization), nullptr);
  EXPECT_NE(find(merged, "Port Aven", EntityKind::kLocation), nullptr);
  EXPECT_NE(find(merged, "Aven Port Authority", EntityKind::kOrganization), nullptr) << "only the whole name";
  std::vector<Entity> untouched = raw;
  mark_dateline_places(untouched, {});
  EXPECT_NE(find(merge_story_entities(untouched, {}), "Port Aven", EntityKind::kOrganization), nullptr);
  // A tie between kinds would leave two entities of one name; as places they are one.
  std::vector<Entity> tie = {mention("Kessel", EntityKind::kOrganization, 1), mention("Kessel", EntityKind::kPerson, 2)};
  mark_dateline_places(tie, {"KESSEL"});
  auto two = merge_story_entities(tie, {});
  std::size_t places = 0;
  for (const Entity& e : two) places += e.name == "Kessel" && e.kind == EntityKind::kLocation;
  EXPECT_EQ(places, 1u);
  const Entity* kessel = find(two, "Kessel", EntityKind::kLocation);
  ASSERT_NE(kessel, nullptr);
  EXPECT_EQ(kessel->mentions.size(), 2u);
  EXPECT_EQ(kessel->article_count, 2u);
}

TEST(StoryEntities, CalendarWordsAreNotEntities) {
  std::vector<Entity> raw = {mention("Sunday", EntityKind::kPerson, 1), mention("Dec.", EntityKind::kOrganization, 2),
                             mention("Theresa May", EntityKind::kPerson, 3), mention("May", EntityKind::kPerson, 4)};
  auto merged = merge_story_entities(raw, {});
  EXPECT_EQ(find(merged, "Sunday", EntityKind::kPerson), nullptr);
  EXPECT_EQ(find(merged, "Dec.", EntityKind::kOrganization), nullptr);
  const Entity* may = find(merged, "Theresa May", EntityKind::kPerson);
  ASSERT_NE(may, nullptr);
  EXPECT_EQ(may->mentions.size(), 2u);  // "May" is a surname here, not the month
}

TEST(StoryEntities, TitlesCompassWordsAndPrefixedWordsAreNotEntities) {
  std::vector<Entity> raw = {mention("Ms", EntityKind::kLocation, 1), mention("Western", EntityKind::kLocation, 2),
                             mention("Western", EntityKind::kLocation, 3), mention("Western Sahara", EntityKind::kLocation, 4)};
  auto merged = merge_story_entities(raw, {});
  EXPECT_EQ(find(merged, "Ms", EntityKind::kLocation), nullptr);
  EXPECT_EQ(find(merged, "Western", EntityKind::kLocation), nullptr);
  EXPECT_NE(find(merged, "Western Sahara", EntityKind::kLocation), nullptr);
  // A prefixed name modifies something ("anti-Israel violence"); "al-Qaida" is a name.
  std::vector<Entity> prefixed = {mention("anti-Israel", EntityKind::kLocation, 1), mention("pro-Beijing", EntityKind::kOrganization, 2),
                                  mention("al-Qaida", EntityKind::kOrganization, 3)};
  merged = merge_story_entities(prefixed, {});
  EXPECT_EQ(find(merged, "anti-Israel", EntityKind::kLocation), nullptr);
  EXPECT_EQ(find(merged, "pro-Beijing", EntityKind::kOrganization), nullptr);
  EXPECT_NE(find(merged, "al-Qaida", EntityKind::kOrganization), nullptr);
}

TEST(StoryEntities, AnAdjectiveAloneIsNoPlaceOrOrganisation) {
  if (!Gazetteer::system().is_proper_adjective("Philippine")) GTEST_SKIP() << "WordNet (wordnet-base) not installed";
  std::vector<Entity> raw = {mention("Democratic", EntityKind::kOrganization, 1), mention("Democratic", EntityKind::kOrganization, 2),
                             mention("Philippine", EntityKind::kLocation, 3), mention("Philippine", EntityKind::kLocation, 4),
                             mention("Democratic Party", EntityKind::kOrganization, 5), mention("Manila", EntityKind::kLocation, 5)};
  auto merged = merge_story_entities(raw, {});
  EXPECT_EQ(find(merged, "Democratic", EntityKind::kOrganization), nullptr);
  EXPECT_EQ(find(merged, "Philippine", EntityKind::kLocation), nullptr);
  EXPECT_NE(find(merged, "Democratic Party", EntityKind::kOrganization), nullptr);
  EXPECT_NE(find(merged, "Manila", EntityKind::kLocation), nullptr);
}

TEST(StoryEntities, AWeekdayAfterANameIsNoPartOfIt) {
  EXPECT_EQ(trailing_weekdays({"Kopp", "Thursday"}), 1u);
  EXPECT_EQ(trailing_weekdays({"Intermediate", "People's", "Court", "Monday"}), 1u);
  EXPECT_EQ(trailing_weekdays({"Sunday"}), 0u);  // the first word stays (calendar names go elsewhere)
  EXPECT_EQ(trailing_weekdays({"Robinson", "Crusoe"}), 0u);
  EXPECT_EQ(trailing_weekdays({"Friday", "Sunday"}), 1u);
}

TEST(StoryEntities, SurnameTaggedAsOrganisationJoinsThePerson) {
  std::vector<Entity> raw = {mention("Bill Clinton", EntityKind::kPerson, 1), mention("Clinton", EntityKind::kPerson, 2),
                             mention("Bill Clinton", EntityKind::kPerson, 3), mention("Clinton", EntityKind::kOrganization, 4),
                             mention("Michael Jordan", EntityKind::kPerson, 5), mention("Michael Jordan", EntityKind::kPerson, 6),
                             mention("Jordan", EntityKind::kLocation, 7)};
  auto merged = merge_story_entities(raw, {});
  const Entity* clinton = find(merged, "Bill Clinton", EntityKind::kPerson);
  ASSERT_NE(clinton, nullptr);
  EXPECT_EQ(clinton->mentions.size(), 4u);
  EXPECT_EQ(find(merged, "Clinton", EntityKind::kOrganization), nullptr);
  // A place keeps its name even when a person of the story has it as a surname.
  EXPECT_NE(find(merged, "Jordan", EntityKind::kLocation), nullptr);
  EXPECT_EQ(find(merged, "Michael Jordan", EntityKind::kPerson)->mentions.size(), 2u);
}

TEST(StoryEntities, AnOrganisationMentionedMoreThanThePersonStays) {
  std::vector<Entity> raw = {mention("Henry Ford", EntityKind::kPerson, 1)};
  for (std::uint32_t a = 2; a <= 4; ++a) raw.push_back(mention("Ford", EntityKind::kOrganization, a));
  auto merged = merge_story_entities(raw, {});
  ASSERT_NE(find(merged, "Ford", EntityKind::kOrganization), nullptr);
  EXPECT_EQ(find(merged, "Ford", EntityKind::kOrganization)->mentions.size(), 3u);
}

}  // namespace
}  // namespace precis::facts::internal
