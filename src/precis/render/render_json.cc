// JSON output: the shape documented in docs/json-schema.md.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "precis/render/render.h"

namespace precis::render {
namespace {

using Json = nlohmann::ordered_json;

const char* copy_kind_name(CopyKind k) {
  switch (k) {
    case CopyKind::kOriginal: return "original";
    case CopyKind::kExact: return "exact_copy";
    case CopyKind::kNearCopy: return "near_copy";
    case CopyKind::kRewrite: return "rewrite";
  }
  return "original";
}

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::size_t word_count(const Article& a) {
  return static_cast<std::size_t>(std::count_if(a.tokens.begin(), a.tokens.end(), [](const Token& t) { return t.is_word; }));
}

Json article_json(const engine::DigestResult& result, const Article& a) {
  Json j;
  j["id"] = a.id.value;
  j["source"] = a.meta.source;
  j["doc_id"] = or_null(a.meta.doc_id);
  j["format"] = format_name(a.meta.format);
  j["title"] = or_null(a.meta.title);
  j["outlet"] = or_null(a.meta.outlet);
  j["url"] = or_null(a.meta.url);
  j["published"] = or_null(a.meta.published);
  j["updated"] = or_null(a.meta.updated);
  j["author"] = or_null(a.meta.author);
  j["dateline_place"] = or_null(a.meta.dateline_place);
  j["language"] = a.language;
  j["counts"] = {{"bytes", a.original.size()},
                 {"paragraphs", a.paragraphs.size()},
                 {"sentences", a.sentences.size()},
                 {"words", word_count(a)},
                 {"boilerplate_lines_removed", a.boilerplate_lines_removed}};
  std::uint32_t story = a.id.value - 1 < result.story_of.size() ? result.story_of[a.id.value - 1] : 0;
  j["story"] = story ? Json(story) : Json(nullptr);
  j["copy_kind"] = copy_kind_name(a.copy_kind);
  j["duplicate_of"] = a.duplicate_of ? Json(a.duplicate_of->value) : Json(nullptr);
  j["duplicate_similarity"] = a.duplicate_of ? Json(a.duplicate_similarity) : Json(nullptr);
  j["rewrite_of"] = a.rewrite_of ? Json(a.rewrite_of->value) : Json(nullptr);
  j["rewrite_similarity"] = a.rewrite_of ? Json(a.rewrite_similarity) : Json(nullptr);
  return j;
}

Json story_json(const engine::DigestResult& result, std::size_t index) {
  const Story& s = result.stories[index];
  Json j;
  j["id"] = s.id;
  j["headline"] = s.headline;
  Json ids = Json::array();
  for (ArticleId id : s.articles) ids.push_back(id.value);
  j["articles"] = std::move(ids);
  j["sources"] = s.articles.size();
  j["outlets"] = s.outlets;
  j["originals"] = s.articles.size() - s.duplicate_articles - s.rewrite_articles;
  j["duplicates"] = s.duplicate_articles;
  j["rewrites"] = s.rewrite_articles;
  j["first_published"] = or_null(s.first_published);
  j["last_published"] = or_null(s.last_published);
  j["rank_score"] = s.rank_score;
  Json summary = Json::array();
  for (const SummarySentence& sentence : s.summary) {
    Json citations = Json::array();
    for (const Citation& c : sentence.citations) {
      citations.push_back({{"article", c.article.value}, {"sentence", c.sentence},
                           {"start", c.original.begin}, {"end", c.original.end}});
    }
    summary.push_back({{"text", sentence.text}, {"citations", std::move(citations)}});
  }
  j["summary"] = std::move(summary);
  if (index < result.facts.size()) {
    std::vector<const Article*> members;
    for (ArticleId id : s.articles) members.push_back(&result.articles[id.value - 1]);
    Json f = Json::parse(facts::facts_to_json(result.facts[index], members, -1), nullptr, false);
    if (f.is_object()) f.erase("articles");  // the digest lists the articles once, at the top
    j["facts"] = f.is_discarded() ? Json(nullptr) : std::move(f);
  } else {
    j["facts"] = nullptr;
  }
  return j;
}

}  // namespace

std::string to_json(const engine::DigestResult& result, int indent) {
  Json root;
  root["precis_version"] = "0.2.0";
  Json articles = Json::array();
  for (const Article& a : result.articles) articles.push_back(article_json(result, a));
  root["articles"] = std::move(articles);
  root["stories_found"] = result.stories_found;
  Json stories = Json::array();
  for (std::size_t i = 0; i < result.stories.size(); ++i) stories.push_back(story_json(result, i));
  root["stories"] = std::move(stories);
  Json diagnostics = Json::array();
  for (const Diagnostic& d : result.diagnostics) {
    diagnostics.push_back({{"source", d.source}, {"message", d.message}, {"severity", severity_name(d.severity)}});
  }
  root["diagnostics"] = std::move(diagnostics);
  // Invalid UTF-8 cannot reach here (readers repair it), but never throw on output.
  return root.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

const char* format_name(SourceFormat f) {
  switch (f) {
    case SourceFormat::kText: return "text";
    case SourceFormat::kHtml: return "html";
    case SourceFormat::kSgml: return "sgml";
    case SourceFormat::kJsonl: return "jsonl";
    case SourceFormat::kJson: return "json";
  }
  return "text";
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "warning";
}

}  // namespace precis::render
