// Golden cases for the fact extractors: tests/golden/facts/<extractor>/*.json, one test per file.
// A case file is a JSON object {"about": "...", "input": {...}, "expected": ...}:
//   numbers/  input {"text"}                       expected: find_figures() as a list of objects
//   dates/    input {"text", "published"}          expected: find_dates() as a list of objects
//   story/    input {"articles": [{"published", "text", "language" (default "en")}]}
//             expected: facts_to_json() of extract_story_facts() with the rule + gazetteer tagger
//             (deterministic and independent of ../shared/data)
// PRECIS_UPDATE_GOLDEN=1 rewrites "expected" from the current output (review with git diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "precis/facts/dates.h"
#include "precis/facts/entity_tagger.h"
#include "precis/facts/facts.h"
#include "precis/facts/numbers.h"
#include "precis/text/annotate.h"
#include "precis/text/normalize.h"

namespace precis::facts {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const fs::path kRoot = fs::path(PRECIS_SOURCE_DIR) / "tests" / "golden" / "facts";

Json run_numbers(const Json& input) {
  const std::string text = input.at("text").get<std::string>();
  Json out = Json::array();
  for (const FigureMatch& f : find_figures(text)) {
    out.push_back(Json{{"text", std::string(slice(text, f.span))},
                       {"value", f.value},
                       {"value_high", f.value_high ? Json(*f.value_high) : Json(nullptr)},
                       {"unit", f.unit},
                       {"counted", f.counted},
                       {"measured", f.measured},
                       {"qualifier", f.qualifier},
                       {"is_year", f.is_year}});
  }
  return out;
}

Json run_dates(const Json& input) {
  const std::string text = input.at("text").get<std::string>();
  auto published = parse_iso_day(input.value("published", ""));
  Json out = Json::array();
  static const char* kKinds[] = {"day", "month", "year", "range"};
  for (const DateMatch& d : find_dates(text, published)) {
    out.push_back(Json{{"text", std::string(slice(text, d.span))},
                       {"begin", to_iso(d.begin)},
                       {"end", to_iso(d.end)},
                       {"kind", kKinds[static_cast<int>(d.kind)]},
                       {"relative", d.is_relative},
                       {"confidence", d.confidence}});
  }
  return out;
}

Json run_story(const Json& input) {
  std::vector<Article> articles;
  std::uint32_t id = 0;
  for (const Json& a : input.at("articles")) {
    Article article;
    article.id = ArticleId{++id};
    article.meta.source = "article" + std::to_string(id);
    article.meta.published = a.value("published", "");
    article.original = a.at("text").get<std::string>();
    text::Normalized n = text::normalize(article.original);
    article.text = std::move(n.text);
    article.to_original = std::move(n.map);
    text::annotate(article, text::AnnotateOptions{a.value("language", "en")});
    articles.push_back(std::move(article));
  }
  std::vector<const Article*> pointers;
  for (const Article& a : articles) pointers.push_back(&a);
  EntityTagger rules = EntityTagger::rule_based();
  FactsOptions options;
  options.tagger = &rules;
  StoryFacts facts = extract_story_facts(pointers, options);
  // Every fact's original span must give back its text (the offsets contract).
  for (const Figure& f : facts.figures) {
    const Article& a = articles[f.where.article.value - 1];
    EXPECT_EQ(slice(a.original, f.where.original), f.where.text);
  }
  for (const Entity& e : facts.entities) {
    for (const EntityMention& m : e.mentions) {
      const Article& a = articles[m.where.article.value - 1];
      EXPECT_EQ(slice(a.original, m.where.original), m.where.text);
    }
  }
  return Json::parse(facts_to_json(facts, pointers));
}

class GoldenCase : public testing::Test {
 public:
  GoldenCase(fs::path path, std::string kind) : path_(std::move(path)), kind_(std::move(kind)) {}
  void TestBody() override {
    std::ifstream in(path_);
    ASSERT_TRUE(in) << path_;
    Json doc = Json::parse(in, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << path_ << " is not valid JSON";
    const Json& input = doc.at("input");
    Json got = kind_ == "numbers" ? run_numbers(input) : kind_ == "dates" ? run_dates(input) : run_story(input);
    const char* update = std::getenv("PRECIS_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
      doc["expected"] = got;
      std::ofstream out(path_, std::ios::trunc);
      out << doc.dump(2) << "\n";
      return;
    }
    ASSERT_TRUE(doc.contains("expected")) << path_ << " has no expected section (run with PRECIS_UPDATE_GOLDEN=1)";
    EXPECT_EQ(got.dump(2), doc.at("expected").dump(2)) << path_;
  }

 private:
  fs::path path_;
  std::string kind_;
};

void register_cases() {
  for (const char* kind : {"numbers", "dates", "story"}) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(kRoot / kind, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".json") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      std::string kind_name = kind;
      testing::RegisterTest(("FactsGolden_" + kind_name).c_str(), p.stem().string().c_str(), nullptr, nullptr,
                            __FILE__, __LINE__, [p, kind_name]() -> testing::Test* { return new GoldenCase(p, kind_name); });
    }
  }
}

const bool registered = (register_cases(), true);

TEST(FactsGolden, HasCases) {
  std::error_code ec;
  EXPECT_TRUE(fs::exists(kRoot / "numbers", ec));
  EXPECT_TRUE(fs::exists(kRoot / "dates", ec));
  EXPECT_TRUE(fs::exists(kRoot / "story", ec));
}

}  // namespace
}  // namespace precis::facts
