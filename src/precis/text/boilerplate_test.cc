// Tests for boilerplate removal: unit cases, golden cases (tests/golden/boilerplate/*.case, one
// test each; PRECIS_UPDATE_GOLDEN=1 rewrites their expected sections) and a check on the DUC
// 2003/2004 task 2 documents when ../shared/data is present.
//
// Golden case file format (lines):
//   # free comment lines
//   @outlet: Name            meta of the article under test (also @title:, @url:)
//   === body                 the article body, up to the next "=== " line (each line ends in \n)
//   === other outlet=Name    optional, repeatable: another article added to the model first
//   === expected             the cleaned text (written by the update mode)
//   === removed              "kind<TAB>line" per removed line or dateline prefix (update mode)
#include "precis/text/boilerplate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>

namespace precis::text {
namespace {

namespace fs = std::filesystem;

RawArticle make_article(std::string body, std::string outlet = "Test Outlet", std::string title = "") {
  RawArticle a;
  a.meta.outlet = std::move(outlet);
  a.meta.title = std::move(title);
  a.meta.source = "test";
  a.body = std::move(body);
  a.original = a.body;
  a.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(a.body.size()));
  return a;
}

// The invariants of any CleanBody: the map covers the text, each byte comes from the same byte
// of the body, in order, and removed spans lie inside the body.
void expect_invariants(const RawArticle& article, const CleanBody& clean) {
  ASSERT_EQ(clean.map.size(), clean.text.size());
  std::uint32_t previous = 0;
  for (std::uint32_t i = 0; i < clean.text.size(); ++i) {
    std::uint32_t src = clean.map.source_begin(i);
    ASSERT_LT(src, article.body.size());
    ASSERT_EQ(clean.text[i], article.body[src]) << "at " << i;
    ASSERT_GE(src + 1, previous + (i == 0 ? 0u : 1u));
    previous = src;
  }
  for (const auto& v : clean.removed) {
    EXPECT_LE(v.span.end, article.body.size());
    EXPECT_NE(v.kind, LineKind::kContent);
  }
}

CleanBody clean_alone(const std::string& body, const std::string& title = "") {
  RawArticle a = make_article(body, "Solo", title);
  BoilerplateModel model;
  model.add(a);
  CleanBody c = remove_boilerplate(a, model);
  expect_invariants(a, c);
  return c;
}

TEST(Boilerplate, EmptyAndBlankBodies) {
  EXPECT_EQ(clean_alone("").text, "");
  EXPECT_EQ(clean_alone("\n\n  \n").text, "\n\n  \n");
  EXPECT_EQ(clean_alone("Advertisement").text, "");
}

TEST(Boilerplate, NothingRemovedGivesIdentity) {
  std::string body = "The council met on Tuesday and approved the budget.\n\nIt takes effect in May.\n";
  CleanBody c = clean_alone(body);
  EXPECT_EQ(c.text, body);
  EXPECT_TRUE(c.map.is_identity());
  EXPECT_EQ(c.removed_lines, 0u);
}

TEST(Boilerplate, DatelineVariantsAreCut) {
  const char* cases[][2] = {
      {"LONDON (AP) _ The minister resigned on Friday after a long row.\n", "The minister resigned"},
      {"PORT AVEN, Nov. 3 (MP) \xE2\x80\x94 Fire crews fought the blaze for hours.\n", "Fire crews fought"},
      {"BUENOS AIRES, Argentina _ Gen. Lopez was arrested in the capital.\n", "Gen. Lopez was"},
      {"Port Aven (Reuters) - Dockworkers walked out on Monday over pay.\n", "Dockworkers walked"},
      {"WASHINGTON -- The Senate voted 52-48 on the measure late Tuesday.\n", "The Senate voted"},
  };
  for (const auto& c : cases) {
    CleanBody clean = clean_alone(c[0]);
    EXPECT_TRUE(clean.text.rfind(c[1], 0) == 0) << c[0] << " -> " << clean.text;
    ASSERT_FALSE(clean.removed.empty());
    EXPECT_EQ(clean.removed.front().kind, LineKind::kDateline);
    EXPECT_EQ(clean.removed_lines, 0u);
  }
  // Not datelines: a sentence that starts with a name and a dash, a label.
  for (const char* keep : {"Mayor Ilse Varga - who chaired the meeting - said nothing.\n",
                           "NATO allies met on Friday in the capital.\n"}) {
    EXPECT_EQ(clean_alone(keep).text, keep);
  }
}

TEST(Boilerplate, CutDatelineGivesItsPlace) {
  const char* cases[][2] = {
      {"LONDON (AP) _ The minister resigned on Friday after a long row.\n", "LONDON"},
      {"PORT AVEN, Nov. 3 (MP) \xE2\x80\x94 Fire crews fought the blaze for hours.\n", "PORT AVEN"},
      {"BUENOS AIRES, Argentina _ Gen. Lopez was arrested in the capital.\n", "BUENOS AIRES"},
      {"Port Aven (Reuters) - Dockworkers walked out on Monday over pay.\n", "Port Aven"},
      {"WASHINGTON -- The Senate voted 52-48 on the measure late Tuesday.\n", "WASHINGTON"},
  };
  for (const auto& c : cases) EXPECT_EQ(clean_alone(c[0]).dateline_place, c[1]) << c[0];
  // No dateline cut, no place.
  EXPECT_EQ(clean_alone("(AP) _ The minister resigned on Friday after a long row.\n").dateline_place, "");
  EXPECT_EQ(clean_alone("1998 _ The minister resigned on Friday after a long row.\n").dateline_place, "");
  EXPECT_EQ(clean_alone("NATO allies met on Friday in the capital.\n").dateline_place, "");
  EXPECT_EQ(clean_alone("A VERY LONG LINE OF CAPITALS THAT IS NO PLACE, Nov. 3 _ The minister resigned.\n").dateline_place, "");
}

TEST(Boilerplate, HardWrappedParagraphIsOneUnit) {
  std::string body =
      "   The harbour authority said on Wednesday that the damaged pier would stay\n"
      "closed for at least six weeks while engineers check the piles, and that\n"
      "ferries would use Pier 2.\n"
      "   Officials said repairs could cost $1.2 million.\n";
  CleanBody c = clean_alone(body);
  EXPECT_EQ(c.text, body);
}

TEST(Boilerplate, RepetitionWithinOutletRemovesTagline) {
  BoilerplateModel model;
  std::vector<RawArticle> articles;
  const char* stories[] = {
      "The bridge reopened on Monday after two weeks of repairs by city crews.\n",
      "A new bakery opened on Quay Street, drawing a queue before dawn on Saturday.\n",
      "The school board delayed its vote on the new timetable until next month.\n"};
  for (const char* s : stories)
    articles.push_back(make_article(std::string(s) + "\nThe Quay Courier \xE2\x80\x94 Every street, every week\n", "QC Media"));
  for (const auto& a : articles) model.add(a);
  for (const auto& a : articles) {
    CleanBody c = remove_boilerplate(a, model);
    expect_invariants(a, c);
    EXPECT_EQ(c.removed_lines, 1u) << a.body;
  }
  // Without repetition, the same tagline is kept.
  BoilerplateOptions off;
  off.use_repetition = false;
  EXPECT_EQ(remove_boilerplate(articles[0], model, off).removed_lines, 0u);
}

TEST(Boilerplate, WireCopyAcrossOutletsIsKept) {
  BoilerplateModel model;
  std::string wire =
      "Flames spread quickly.\n\nThe warehouse held 400 tonnes of grain, the port said on Tuesday.\n";
  std::vector<RawArticle> articles = {make_article(wire, "A"), make_article(wire, "B"), make_article(wire, "C")};
  for (const auto& a : articles) model.add(a);
  for (const auto& a : articles) EXPECT_EQ(remove_boilerplate(a, model).text, wire);
}

TEST(Boilerplate, ModelCountsOwnArticleOnce) {
  BoilerplateModel model;
  RawArticle a = make_article("Share this article\n\nThe port reopened.\n", "X");
  model.add(a);
  model.add(a);  // identical article: counted once
  EXPECT_EQ(model.article_count(), 1u);
  auto rep = model.repetition("Share this article", a);
  EXPECT_EQ(rep.same_outlet_articles, 0u);
  EXPECT_EQ(rep.other_outlets, 0u);
  RawArticle b = make_article("Share this article\n\nThe fair opened.\n", "Y");
  model.add(b);
  EXPECT_EQ(model.repetition("SHARE this article!", a).other_outlets, 1u);
}

TEST(Boilerplate, OutletKeyFallsBackToHost) {
  ArticleMeta meta;
  meta.url = "https://www.example-news.test/2024/11/03/fire.html";
  EXPECT_EQ(outlet_key(meta), "example-news.test");
  meta.outlet = "Example News";
  EXPECT_EQ(outlet_key(meta), "Example News");
}

TEST(Boilerplate, SurvivesHostileInput) {
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk += static_cast<char>((i * 37 + 11) % 256);
  junk += "\n\xFF\xFE By\n(\n&QL\n: \n\xE2\x80\x94\n";
  for (std::string body : {junk, std::string("no newline at end"), std::string("a\r\nb\r\n\r\nc"),
                           std::string(1000, '\n'), std::string("By\n"), std::string("LONDON (AP) _")}) {
    clean_alone(body);
    classify_lines(make_article(body), BoilerplateModel{});
  }
}

TEST(Boilerplate, ClassifyLinesCoversEveryNonBlankLine) {
  RawArticle a = make_article("By JANE ROE\n\nThe fire is out.\nSubscribe to our newsletter\n");
  auto verdicts = classify_lines(a, BoilerplateModel{});
  ASSERT_EQ(verdicts.size(), 3u);
  EXPECT_EQ(verdicts[0].kind, LineKind::kByline);
  EXPECT_EQ(verdicts[1].kind, LineKind::kContent);
  EXPECT_EQ(verdicts[2].kind, LineKind::kPromo);
}

// ---------------------------------------------------------------------------------------------
// Golden cases.

struct GoldenCase {
  std::string name;
  fs::path path;
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

const fs::path kGoldenDir = fs::path(PRECIS_SOURCE_DIR) / "tests/golden/boilerplate";

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kGoldenDir, ec)) {
    if (entry.path().extension() != ".case") continue;
    out.push_back({entry.path().stem().string(), entry.path()});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

struct ParsedCase {
  std::vector<std::string> header;  // lines before the first section, verbatim
  std::map<std::string, std::string> meta;
  std::string body;
  std::vector<std::pair<std::string, std::string>> others;  // outlet, body
  std::string expected;
  std::string removed;
  bool has_expected = false;
};

ParsedCase parse_case(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  ParsedCase c;
  std::string line, section;
  std::string* target = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("=== ", 0) == 0) {
      section = line.substr(4);
      if (section == "body") target = &c.body;
      else if (section == "expected") { target = &c.expected; c.has_expected = true; }
      else if (section == "removed") target = &c.removed;
      else if (section.rfind("other outlet=", 0) == 0) {
        c.others.emplace_back(section.substr(13), "");
        target = &c.others.back().second;
      } else target = nullptr;
      continue;
    }
    if (target == nullptr) {
      if (section.empty()) {
        c.header.push_back(line);
        if (line.rfind("@", 0) == 0) {
          std::size_t colon = line.find(':');
          if (colon != std::string::npos)
            c.meta[line.substr(1, colon - 1)] = line.substr(std::min(line.size(), colon + 2));
        }
      }
      continue;
    }
    *target += line;
    *target += '\n';
  }
  return c;
}

std::string removed_listing(const RawArticle& a, const CleanBody& clean) {
  std::string out;
  for (const auto& v : clean.removed) {
    out += std::string(to_string(v.kind)) + "\t" + std::string(slice(a.body, v.span)) + "\n";
  }
  return out;
}

class BoilerplateGolden : public testing::TestWithParam<GoldenCase> {};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(BoilerplateGolden);

TEST_P(BoilerplateGolden, Case) {
  ParsedCase c = parse_case(GetParam().path);
  ASSERT_FALSE(c.body.empty()) << "case has no body section";
  RawArticle article = make_article(c.body, c.meta.count("outlet") ? c.meta["outlet"] : "Golden",
                                    c.meta.count("title") ? c.meta["title"] : "");
  if (c.meta.count("url")) article.meta.url = c.meta["url"];
  BoilerplateModel model;
  model.add(article);
  std::vector<RawArticle> others;
  for (const auto& [outlet, body] : c.others) others.push_back(make_article(body, outlet));
  for (const auto& o : others) model.add(o);
  CleanBody clean = remove_boilerplate(article, model);
  expect_invariants(article, clean);
  std::string listing = removed_listing(article, clean);
  const char* update = std::getenv("PRECIS_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(GetParam().path, std::ios::binary | std::ios::trunc);
    for (const auto& h : c.header) out << h << '\n';
    out << "=== body\n" << c.body;
    for (const auto& [outlet, body] : c.others) out << "=== other outlet=" << outlet << '\n' << body;
    out << "=== expected\n" << clean.text;
    if (!clean.text.empty() && clean.text.back() != '\n') out << '\n';
    out << "=== removed\n" << listing;
    return;
  }
  ASSERT_TRUE(c.has_expected) << "no expected section; run with PRECIS_UPDATE_GOLDEN=1";
  EXPECT_EQ(clean.text, c.expected);
  EXPECT_EQ(listing, c.removed);
}

INSTANTIATE_TEST_SUITE_P(Cases, BoilerplateGolden, testing::ValuesIn(golden_cases()),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
                           std::string n = info.param.name;
                           for (char& ch : n) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

TEST(BoilerplateGoldenSet, HasEnoughCases) { EXPECT_GE(golden_cases().size(), 20u); }

// ---------------------------------------------------------------------------------------------
// DUC 2003/2004 task 2 documents (read-only evaluation data; nothing of it is stored here).

fs::path shared_data_dir() {
  if (const char* env = std::getenv("PRECIS_SHARED_DATA"); env != nullptr && *env != '\0') return env;
  return fs::path(PRECIS_SOURCE_DIR) / ".." / "shared" / "data";
}

// The <TEXT> of a DUC file as a body: <P> blocks, or indented lines (APW), start paragraphs;
// paragraphs are separated by one blank line and keep their hard-wrapped lines.
std::string duc_body(const std::string& file) {
  std::string body;
  std::size_t pos = 0;
  while ((pos = file.find("<TEXT>", pos)) != std::string::npos) {
    std::size_t end = file.find("</TEXT>", pos);
    if (end == std::string::npos) end = file.size();
    std::istringstream in(file.substr(pos + 6, end - pos - 6));
    std::string line;
    bool in_paragraph = false;
    auto break_paragraph = [&] {
      if (in_paragraph) body += "\n";
      in_paragraph = false;
    };
    while (std::getline(in, line)) {
      std::string t = line;
      t.erase(0, t.find_first_not_of(" \t\r"));
      if (t == "<P>" || t == "</P>" || t.empty()) { break_paragraph(); continue; }
      if (t.rfind("<", 0) == 0 && t.back() == '>') { break_paragraph(); continue; }  // <ANNOTATION> etc.
      if (!line.empty() && (line[0] == '\t' || line.rfind("  ", 0) == 0) && in_paragraph &&
          file.find("<P>") == std::string::npos)
        break_paragraph();
      body += line;
      body += '\n';
      in_paragraph = true;
    }
    break_paragraph();
    pos = end;
  }
  return body;
}

TEST(BoilerplateDuc, RemovesHeadersNotContent) {
  fs::path data = shared_data_dir();
  std::vector<fs::path> sets;
  std::error_code ec;
  for (const char* year : {"duc2003_task2", "duc2004_task2"})
    for (const auto& e : fs::directory_iterator(data / year / "docs", ec)) sets.push_back(e.path());
  if (sets.empty()) GTEST_SKIP() << "DUC data not found under " << data << " (set PRECIS_SHARED_DATA)";
  std::sort(sets.begin(), sets.end());
  std::map<std::string, int> by_kind;
  const bool verbose = std::getenv("PRECIS_BOILERPLATE_VERBOSE") != nullptr;
  int lines = 0, removed = 0, long_removed = 0, docs = 0, datelines_seen = 0, datelines_cut = 0,
      initials_seen = 0, initials_removed = 0;
  const std::regex dateline_shape(R"(^\s*[A-Z][A-Z .'-]+(, [A-Za-z. ]+)?( \([A-Z]+\))? _ )");
  const std::regex initials_shape(R"(^\s*\([a-z/ -]{1,30}\)\s*$)");
  for (const auto& set : sets) {
    std::vector<RawArticle> articles;
    for (const auto& f : fs::directory_iterator(set, ec)) {
      std::ifstream in(f.path(), std::ios::binary);
      std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      RawArticle a = make_article(duc_body(file), f.path().filename().string().substr(0, 3));
      a.meta.source = f.path().string();
      articles.push_back(std::move(a));
    }
    BoilerplateModel model;
    for (const auto& a : articles) model.add(a);
    for (const auto& a : articles) {
      ++docs;
      CleanBody clean = remove_boilerplate(a, model);
      expect_invariants(a, clean);
      std::istringstream in(a.body);
      std::string line;
      bool first_line = true;
      while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        ++lines;
        if (first_line && std::regex_search(line, dateline_shape)) ++datelines_seen;
        if (std::regex_search(line, initials_shape)) ++initials_seen;
        first_line = false;
      }
      for (const auto& v : clean.removed) {
        ++by_kind[std::string(to_string(v.kind))];
        std::string text(slice(a.body, v.span));
        if (v.kind == LineKind::kDateline && std::regex_search(a.body.substr(0, v.span.end + 3), dateline_shape))
          ++datelines_cut;
        if (std::regex_search(text, initials_shape)) ++initials_removed;
        bool is_prefix = v.span.end < a.body.size() && a.body[v.span.end] != '\n';
        if (is_prefix) continue;
        ++removed;
        // Sentence-bearing: ten or more words and no wire typesetting code ("&UR; Eds: ...").
        std::istringstream word_stream(text);
        std::size_t words = std::distance(std::istream_iterator<std::string>(word_stream),
                                          std::istream_iterator<std::string>());
        if (verbose) std::cout << to_string(v.kind) << "\t" << text << "\n";
        if (words >= 10 && !std::regex_search(text, std::regex("&[A-Z]{2};"))) {
          ++long_removed;
          ADD_FAILURE() << a.meta.source << ": removed a long line as " << to_string(v.kind) << ": " << text;
        }
      }
    }
  }
  std::ostringstream report;
  report << "DUC: " << docs << " docs, " << lines << " non-blank lines, " << removed << " lines removed ("
         << (lines ? 100.0 * removed / lines : 0.0) << "%); dateline prefixes cut " << datelines_cut << " of "
         << datelines_seen << " seen; editor initials removed " << initials_removed << " of " << initials_seen
         << "; by kind:";
  for (const auto& [kind, count] : by_kind) report << " " << kind << "=" << count;
  std::cout << report.str() << std::endl;
  RecordProperty("duc_report", report.str());
  EXPECT_GT(docs, 400);
  EXPECT_LT(removed, lines / 20) << "more than 5% of lines removed";
  EXPECT_EQ(long_removed, 0);
  EXPECT_GE(datelines_cut * 100, datelines_seen * 95) << "dateline prefixes left in place";
  EXPECT_EQ(initials_removed, initials_seen) << "editor initials kept";
}

// ---------------------------------------------------------------------------------------------
// The fixture corpora: a wire story and an outlet's verbatim copy of it, wrapped in the outlet's
// own boilerplate, must clean to the same paragraphs.

RawArticle read_text_fixture(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t nl = file.find('\n');  // the first line is the headline
  std::string body = nl == std::string::npos ? std::string() : file.substr(nl + 1);
  body.erase(0, body.find_first_not_of("\n"));
  RawArticle a = make_article(body, path.stem().string(), file.substr(0, nl));
  a.meta.source = path.string();
  return a;
}

std::vector<std::string> paragraphs_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    std::string p = text.substr(pos, end - pos);
    p.erase(0, p.find_first_not_of("\n "));
    while (!p.empty() && (p.back() == '\n' || p.back() == ' ')) p.pop_back();
    if (!p.empty()) out.push_back(p);
    pos = end + 2;
  }
  return out;
}

void expect_copy_cleans_like_wire(const fs::path& dir, const std::string& wire_name, const std::string& copy_name) {
  std::vector<RawArticle> articles;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".txt") articles.push_back(read_text_fixture(e.path()));
  ASSERT_GE(articles.size(), 3u) << dir;
  BoilerplateModel model;
  for (const auto& a : articles) model.add(a);
  const RawArticle* wire = nullptr;
  const RawArticle* copy = nullptr;
  for (const auto& a : articles) {
    if (fs::path(a.meta.source).filename() == wire_name) wire = &a;
    if (fs::path(a.meta.source).filename() == copy_name) copy = &a;
  }
  ASSERT_NE(wire, nullptr);
  ASSERT_NE(copy, nullptr);
  CleanBody w = remove_boilerplate(*wire, model);
  CleanBody c = remove_boilerplate(*copy, model);
  expect_invariants(*wire, w);
  expect_invariants(*copy, c);
  EXPECT_EQ(paragraphs_of(c.text), paragraphs_of(w.text));
  EXPECT_GE(c.removed_lines, 5u);
  EXPECT_LE(w.removed_lines, 2u);
  ASSERT_FALSE(w.removed.empty());
  EXPECT_EQ(w.removed.front().kind, LineKind::kDateline);
}

TEST(BoilerplateCorpus, TestFixtureCopyCleansLikeWire) {
  expect_copy_cleans_like_wire(fs::path(PRECIS_SOURCE_DIR) / "tests/data/corpus", "meridian-landslide-wire.txt",
                               "valley-courier-copy.txt");
}

TEST(BoilerplateCorpus, DemoCopyCleansLikeWire) {
  expect_copy_cleans_like_wire(fs::path(PRECIS_SOURCE_DIR) / "examples/harbour-fire", "meridian-press-wire.txt",
                               "aven-valley-news-copy.txt");
}

}  // namespace
}  // namespace precis::text
