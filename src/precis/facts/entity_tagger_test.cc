// The name tagger's contracts: training learns a separable toy set, save/load round-trips
// exactly, bad model files are refused, and the gazetteer marks listed names.
#include "precis/facts/entity_tagger.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "precis/facts/gazetteer.h"

namespace precis::facts {
namespace {

std::vector<LabeledDocument> toy_documents() {
  // Fictional names in fixed frames, repeated: the perceptron must learn them exactly.
  const char* people[] = {"Alma Korsgaard", "Tomas Velde", "Ines Marrow", "Piet Oban"};
  const char* orgs[] = {"Northwind Agency", "Velco Group", "Ambra Bank", "Stellan Council"};
  const char* places[] = {"Eskelund", "Varden", "Mossby", "Tillhaven"};
  std::vector<LabeledDocument> docs;
  for (int d = 0; d < 8; ++d) {
    LabeledDocument doc;
    for (int i = 0; i < 4; ++i) {
      LabeledSentence s;
      auto add = [&](const std::string& text, const char* type) {
        std::size_t start = 0;
        bool first = true;
        while (start <= text.size()) {
          std::size_t sp = text.find(' ', start);
          std::string w = text.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
          s.words.push_back(w);
          s.tags.push_back(type == nullptr ? "O" : std::string(first ? "B-" : "I-") + type);
          first = false;
          if (sp == std::string::npos) break;
          start = sp + 1;
        }
      };
      add(people[(i + d) % 4], "PER");
      add("of", nullptr);
      add(orgs[(i + 2 * d) % 4], "ORG");
      add("arrived in", nullptr);
      add(places[(i + 3 * d) % 4], "LOC");
      add(".", nullptr);
      doc.sentences.push_back(std::move(s));
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

std::vector<std::vector<std::string_view>> words_of(const LabeledDocument& doc) {
  std::vector<std::vector<std::string_view>> out;
  for (const auto& s : doc.sentences) out.emplace_back(s.words.begin(), s.words.end());
  return out;
}

TEST(EntityTagger, LearnsToyDataAndRoundTrips) {
  auto docs = toy_documents();
  TrainOptions options;
  options.epochs = 4;
  EntityTagger tagger = EntityTagger::train(docs, options);
  ASSERT_TRUE(tagger.is_trained());
  auto spans = tagger.tag_document(words_of(docs[0]));
  ASSERT_EQ(spans.size(), docs[0].sentences.size());
  for (std::size_t i = 0; i < spans.size(); ++i) EXPECT_EQ(spans[i], spans_from_tags(docs[0].sentences[i].tags));

  const std::string path = (std::filesystem::temp_directory_path() / "precis_entity_tagger_test.model").string();
  ASSERT_TRUE(tagger.save(path));
  auto loaded = EntityTagger::load(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  for (const auto& doc : docs) EXPECT_EQ(loaded->tag_document(words_of(doc)), tagger.tag_document(words_of(doc)));
  std::remove(path.c_str());
}

TEST(EntityTagger, RefusesBadModelFiles) {
  EXPECT_FALSE(EntityTagger::load("/nonexistent/precis.model"));
  const std::string path = (std::filesystem::temp_directory_path() / "precis_bad.model").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "PRCSNER2 truncated";
  }
  EXPECT_FALSE(EntityTagger::load(path));
  std::remove(path.c_str());
  EXPECT_FALSE(EntityTagger::rule_based().save(path));
}

TEST(EntityTagger, EmptyInputGivesNoNames) {
  EntityTagger rules;
  EXPECT_TRUE(rules.tag_document({}).empty());
  auto out = rules.tag_document({{}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].empty());
}

TEST(Gazetteer, MarksLongestListedName) {
  Gazetteer g;
  g.add_name("New York", Gazetteer::kLocation);
  g.add_name("York", Gazetteer::kPerson);
  g.add_common_word("city");
  std::vector<std::string_view> words = {"New", "York", "city"};
  auto bits = g.match(words);
  EXPECT_TRUE(bits[0] & kGazLocB);
  EXPECT_TRUE(bits[1] & kGazLocI);
  EXPECT_TRUE(bits[2] & kGazCommonWord);
  EXPECT_EQ(g.classes_of("new york"), Gazetteer::kLocation);
}

// A capitalised adjective is a "proper adjective" unless it is also a place or organisation
// noun; being a people too ("French") is allowed.
TEST(Gazetteer, ProperAdjectivesAreNoPlacesOrOrganisations) {
  Gazetteer g;
  g.add_proper_adjective("Philippine");
  g.add_proper_adjective("French");
  g.add_name("French", Gazetteer::kPerson);
  g.add_proper_adjective("Georgian");
  g.add_name("Georgian", Gazetteer::kLocation);
  EXPECT_TRUE(g.is_proper_adjective("philippine"));
  EXPECT_TRUE(g.is_proper_adjective("French"));
  EXPECT_FALSE(g.is_proper_adjective("Georgian"));
  EXPECT_FALSE(g.is_proper_adjective("Manila"));
}

// With this machine's WordNet: "Democratic" or "Philippine" alone is no organisation or place.
TEST(Gazetteer, SystemProperAdjectivesAreNotEntities) {
  if (!Gazetteer::system().is_proper_adjective("Philippine")) GTEST_SKIP() << "WordNet (wordnet-base) not installed";
  EXPECT_TRUE(Gazetteer::system().is_proper_adjective("Democratic"));
  EXPECT_FALSE(Gazetteer::system().is_proper_adjective("Philippines"));
  EXPECT_FALSE(Gazetteer::system().is_proper_adjective("Manila"));
}

TEST(Conll, SpansFromIob1AndIob2) {
  EXPECT_EQ(spans_from_tags({"I-PER", "I-PER", "O", "B-LOC", "I-ORG"}),
            (std::vector<NameSpan>{{0, 2, NameType::kPerson}, {3, 4, NameType::kLocation}, {4, 5, NameType::kOrganization}}));
  EXPECT_EQ(tags_from_spans({{1, 3, NameType::kMisc}}, 4), (std::vector<std::string>{"O", "B-MISC", "I-MISC", "O"}));
}

}  // namespace
}  // namespace precis::facts
