#include "precis/render/render.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

namespace precis::render {
namespace {

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

std::size_t word_count(const Article& a) {
  return static_cast<std::size_t>(std::count_if(a.tokens.begin(), a.tokens.end(), [](const Token& t) { return t.is_word; }));
}

// Story sources in citation-number order: by date, then id.
std::vector<const Article*> ordered_sources(const engine::DigestResult& result, const Story& story) {
  std::vector<const Article*> out;
  for (ArticleId id : story.articles) out.push_back(&result.articles[id.value - 1]);
  std::stable_sort(out.begin(), out.end(), [](const Article* x, const Article* y) {
    const std::string& dx = x->meta.published;
    const std::string& dy = y->meta.published;
    if (!dx.empty() && !dy.empty() && dx != dy) return dx < dy;
    if (dx.empty() != dy.empty()) return !dx.empty();
    return x->id < y->id;
  });
  return out;
}

}  // namespace

std::string source_name(const Article& article) {
  if (!article.meta.outlet.empty()) return article.meta.outlet;
  std::string s = article.meta.source;
  std::size_t slash = s.find_last_of('/');
  if (slash != std::string::npos) s = s.substr(slash + 1);
  return s;
}

std::string to_markdown(const engine::DigestResult& result) {
  std::string out;
  for (const Story& story : result.stories) {
    std::vector<const Article*> sources = ordered_sources(result, story);
    std::map<std::uint32_t, std::size_t> number;
    for (std::size_t i = 0; i < sources.size(); ++i) number[sources[i]->id.value] = i + 1;
    out += "# " + story.headline + "\n\n";
    for (const SummarySentence& s : story.summary) {
      out += s.text;
      out += ' ';
      std::vector<std::size_t> marks;
      for (const Citation& c : s.citations) marks.push_back(number[c.article.value]);
      std::sort(marks.begin(), marks.end());
      marks.erase(std::unique(marks.begin(), marks.end()), marks.end());
      for (std::size_t m : marks) out += "[" + std::to_string(m) + "]";
      out += "\n\n";
    }
    std::size_t originals = story.articles.size() - story.duplicate_articles;
    out += "**Sources:** " + std::to_string(story.articles.size()) + " article" + (story.articles.size() == 1 ? "" : "s");
    out += ", " + std::to_string(originals) + " distinct, " + std::to_string(story.duplicate_articles) +
           " duplicate" + (story.duplicate_articles == 1 ? "" : "s") + "\n\n";
    for (std::size_t i = 0; i < sources.size(); ++i) {
      const Article& a = *sources[i];
      out += std::to_string(i + 1) + ". " + source_name(a);
      if (!a.meta.title.empty()) out += " — " + a.meta.title;
      if (!a.meta.published.empty()) out += ", " + a.meta.published.substr(0, 10);
      if (a.duplicate_of) {
        auto it = number.find(a.duplicate_of->value);
        if (it != number.end()) out += " (copy of [" + std::to_string(it->second) + "])";
      }
      if (!a.meta.url.empty()) out += " <" + a.meta.url + ">";
      else if (source_name(a) != a.meta.source) out += " (`" + a.meta.source + "`)";
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

std::string to_json(const engine::DigestResult& result, int indent) {
  using nlohmann::json;
  json root;
  root["precis_version"] = "0.1.0";
  json articles = json::array();
  for (const Article& a : result.articles) {
    json j;
    j["id"] = a.id.value;
    j["source"] = a.meta.source;
    j["doc_id"] = a.meta.doc_id.empty() ? json(nullptr) : json(a.meta.doc_id);
    j["format"] = format_name(a.meta.format);
    j["title"] = a.meta.title.empty() ? json(nullptr) : json(a.meta.title);
    j["outlet"] = a.meta.outlet.empty() ? json(nullptr) : json(a.meta.outlet);
    j["url"] = a.meta.url.empty() ? json(nullptr) : json(a.meta.url);
    j["published"] = a.meta.published.empty() ? json(nullptr) : json(a.meta.published);
    j["language"] = a.language;
    j["counts"] = {{"bytes", a.original.size()},
                   {"paragraphs", a.paragraphs.size()},
                   {"sentences", a.sentences.size()},
                   {"words", word_count(a)},
                   {"boilerplate_lines_removed", a.boilerplate_lines_removed}};
    j["duplicate_of"] = a.duplicate_of ? json(a.duplicate_of->value) : json(nullptr);
    j["duplicate_similarity"] = a.duplicate_of ? json(a.duplicate_similarity) : json(nullptr);
    articles.push_back(std::move(j));
  }
  root["articles"] = std::move(articles);
  json stories = json::array();
  for (const Story& s : result.stories) {
    json j;
    j["id"] = s.id;
    j["headline"] = s.headline;
    json ids = json::array();
    for (ArticleId id : s.articles) ids.push_back(id.value);
    j["articles"] = std::move(ids);
    j["sources"] = s.articles.size();
    j["duplicates"] = s.duplicate_articles;
    j["first_published"] = s.first_published.empty() ? json(nullptr) : json(s.first_published);
    j["last_published"] = s.last_published.empty() ? json(nullptr) : json(s.last_published);
    json summary = json::array();
    for (const SummarySentence& sentence : s.summary) {
      json citations = json::array();
      for (const Citation& c : sentence.citations) {
        citations.push_back({{"article", c.article.value}, {"sentence", c.sentence},
                             {"start", c.original.begin}, {"end", c.original.end}});
      }
      summary.push_back({{"text", sentence.text}, {"citations", std::move(citations)}});
    }
    j["summary"] = std::move(summary);
    stories.push_back(std::move(j));
  }
  root["stories"] = std::move(stories);
  json diagnostics = json::array();
  for (const Diagnostic& d : result.diagnostics) {
    diagnostics.push_back({{"source", d.source}, {"message", d.message}, {"severity", severity_name(d.severity)}});
  }
  root["diagnostics"] = std::move(diagnostics);
  // Invalid UTF-8 cannot reach here (readers repair it), but never throw on output.
  return root.dump(indent, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string to_text(const engine::DigestResult& result) {
  std::string out;
  bool first = true;
  for (const Story& story : result.stories) {
    if (!first) out += "\n";
    first = false;
    for (const SummarySentence& s : story.summary) out += s.text + "\n";
  }
  return out;
}

std::string render(const engine::DigestResult& result, Format format) {
  switch (format) {
    case Format::kMarkdown: return to_markdown(result);
    case Format::kJson: return to_json(result);
    case Format::kText: return to_text(result);
  }
  return {};
}

}  // namespace precis::render
