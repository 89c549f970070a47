// Markdown and JSON forms of StoryFacts (the JSON shape is documented in docs/facts.md).
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "precis/facts/facts.h"

namespace precis::facts {
namespace {

using Json = nlohmann::ordered_json;

std::string number_text(double v) {
  char buffer[64];
  if (std::fabs(v) >= 1e15 || v != static_cast<double>(static_cast<long long>(v))) {
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(v));
  }
  return buffer;
}

Json mention_json(const Mention& m) {
  return Json{{"article", m.article.value},
              {"sentence", m.sentence},
              {"text", m.text},
              {"span", {m.span.begin, m.span.end}},
              {"original", {m.original.begin, m.original.end}}};
}

std::string cite(const Mention& m) { return "[" + std::to_string(m.article.value) + ":" + std::to_string(m.sentence) + "]"; }

const char* granularity_name(DateGranularity g) {
  switch (g) {
    case DateGranularity::kDay: return "day";
    case DateGranularity::kMonth: return "month";
    case DateGranularity::kYear: return "year";
    case DateGranularity::kRange: return "range";
  }
  return "day";
}

std::string reading_text(const Reading& r, const std::string& unit, const std::string& counted) {
  std::string s = number_text(r.value);
  if (r.value_high) s += "-" + number_text(*r.value_high);
  if (!unit.empty()) s += " " + unit;
  if (!counted.empty()) s += " " + counted;
  return s;
}

}  // namespace

std::string facts_to_json(const StoryFacts& facts, const std::vector<const Article*>& articles, int indent) {
  Json out = Json::object();
  Json arts = Json::array();
  for (const Article* a : articles) {
    if (a == nullptr) continue;
    arts.push_back(Json{{"id", a->id.value}, {"source", a->meta.source}, {"published", a->meta.published}});
  }
  out["articles"] = arts;
  Json figures = Json::array();
  for (const Figure& f : facts.figures) {
    Json j = mention_json(f.where);
    j["value"] = f.value;
    j["value_high"] = f.value_high ? Json(*f.value_high) : Json(nullptr);
    j["unit"] = f.unit;
    j["counted"] = f.counted;
    j["measured"] = f.measured;
    j["qualifier"] = f.qualifier;
    figures.push_back(j);
  }
  out["figures"] = figures;
  Json quantities = Json::array();
  for (const QuantityReport& q : facts.quantities) {
    Json readings = Json::array();
    for (const Reading& r : q.readings) {
      Json ids = Json::array();
      for (ArticleId a : r.articles) ids.push_back(a.value);
      readings.push_back(Json{{"value", r.value},
                              {"value_high", r.value_high ? Json(*r.value_high) : Json(nullptr)},
                              {"figures", r.figures},
                              {"articles", ids},
                              {"first_published", r.first_published},
                              {"last_published", r.last_published}});
    }
    quantities.push_back(
        Json{{"counted", q.counted}, {"unit", q.unit}, {"status", quantity_status_name(q.status)}, {"readings", readings}});
    if (!q.predicate.empty()) quantities.back()["predicate"] = q.predicate;
    if (!q.measured.empty()) quantities.back()["measured"] = q.measured;
  }
  out["quantities"] = quantities;
  Json dates = Json::array();
  for (const DateMention& d : facts.dates) {
    Json j = mention_json(d.where);
    j["begin"] = d.iso_begin;
    j["end"] = d.iso_end;
    j["granularity"] = granularity_name(d.granularity);
    j["relative"] = d.is_relative;
    j["confidence"] = d.confidence;
    dates.push_back(j);
  }
  out["dates"] = dates;
  Json entities = Json::array();
  for (const Entity& e : facts.entities) {
    Json mentions = Json::array();
    for (const EntityMention& m : e.mentions) {
      Json j = mention_json(m.where);
      j["role"] = m.role;
      mentions.push_back(j);
    }
    entities.push_back(Json{{"name", e.name},
                            {"kind", entity_kind_name(e.kind)},
                            {"roles", e.roles},
                            {"articles", e.article_count},
                            {"mentions", mentions}});
  }
  out["entities"] = entities;
  Json timeline = Json::array();
  for (const TimelineEvent& ev : facts.timeline) {
    Json also = Json::array();
    for (const Mention& m : ev.also) also.push_back(mention_json(m));
    timeline.push_back(Json{{"begin", ev.iso_begin},
                            {"end", ev.iso_end},
                            {"confidence", ev.confidence},
                            {"sentence", ev.sentence},
                            {"date", mention_json(ev.date)},
                            {"source", mention_json(ev.source)},
                            {"also", also}});
  }
  out["timeline"] = timeline;
  return out.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string facts_to_markdown(const StoryFacts& facts, const std::vector<const Article*>& articles) {
  std::unordered_map<std::uint32_t, const Article*> by_id;
  for (const Article* a : articles) {
    if (a != nullptr) by_id[a->id.value] = a;
  }
  auto published = [&](ArticleId id) -> std::string {
    auto it = by_id.find(id.value);
    return it == by_id.end() || it->second->meta.published.empty() ? "undated" : it->second->meta.published.substr(0, 10);
  };
  std::string md;
  md += "## Figures\n\n";
  if (facts.figures.empty()) md += "(none)\n";
  for (const Figure& f : facts.figures) {
    md += "- " + f.where.text + " — " + number_text(f.value);
    if (f.value_high) md += " to " + number_text(*f.value_high);
    if (!f.unit.empty()) md += " " + f.unit;
    if (!f.counted.empty()) md += " (" + f.counted + ")";
    if (!f.measured.empty()) md += " (of " + f.measured + ")";
    if (!f.qualifier.empty()) md += ", " + f.qualifier;
    md += " " + cite(f.where) + "\n";
  }
  md += "\n## Agreement and disagreement\n\n";
  if (facts.quantities.empty()) md += "(no quantity reported by two or more sources)\n";
  for (const QuantityReport& q : facts.quantities) {
    std::string what = !q.counted.empty() ? q.counted : !q.measured.empty() ? q.measured + " (" + q.unit + ")" : q.unit;
    if (!q.predicate.empty()) what += " (" + q.predicate + ")";
    if (q.status == QuantityReport::Status::kAgree) {
      md += "- " + what + ": " + std::to_string(q.readings[0].articles.size()) + " sources: " +
            reading_text(q.readings[0], q.unit, q.counted) + "\n";
      continue;
    }
    md += "- " + what + (q.status == QuantityReport::Status::kUpdate ? " (updated over time)" : " (sources differ)") + ":";
    for (const Reading& r : q.readings) {
      md += " " + reading_text(r, q.unit, q.counted) + " (" + std::to_string(r.articles.size()) + " source" +
            (r.articles.size() == 1 ? "" : "s") + ", " + (r.first_published.empty() ? "undated" : r.first_published) +
            ");";
    }
    md.back() = '\n';
  }
  md += "\n## Dates\n\n";
  if (facts.dates.empty()) md += "(none)\n";
  for (const DateMention& d : facts.dates) {
    md += "- " + d.where.text + " — " + d.iso_begin + (d.iso_end != d.iso_begin ? " to " + d.iso_end : "");
    char conf[32];
    std::snprintf(conf, sizeof conf, " (confidence %.2f)", d.confidence);
    md += conf;
    md += " " + cite(d.where) + "\n";
  }
  const std::pair<EntityKind, const char*> sections[] = {
      {EntityKind::kPerson, "People"}, {EntityKind::kOrganization, "Organisations"}, {EntityKind::kLocation, "Places"}};
  for (const auto& [kind, title] : sections) {
    md += std::string("\n## ") + title + "\n\n";
    bool any = false;
    for (const Entity& e : facts.entities) {
      if (e.kind != kind) continue;
      any = true;
      md += "- " + e.name;
      if (!e.roles.empty()) {
        md += " (";
        for (std::size_t r = 0; r < e.roles.size() && r < 3; ++r) md += (r ? "; " : "") + e.roles[r];
        md += ")";
      }
      md += " — " + std::to_string(e.mentions.size()) + " mention" + (e.mentions.size() == 1 ? "" : "s") + " in " +
            std::to_string(e.article_count) + " article" + (e.article_count == 1 ? "" : "s") + " " +
            cite(e.mentions.front().where) + "\n";
    }
    if (!any) md += "(none)\n";
  }
  md += "\n## Timeline\n\n";
  if (facts.timeline.empty()) md += "(no dated events)\n";
  for (const TimelineEvent& ev : facts.timeline) {
    md += "- **" + ev.iso_begin + (ev.iso_end != ev.iso_begin ? " to " + ev.iso_end : "") + "** " + ev.sentence + " " +
          cite(ev.source);
    for (const Mention& m : ev.also) md += cite(m);
    md += " (published " + published(ev.source.article) + ")\n";
  }
  return md;
}

}  // namespace precis::facts
