#include "precis/server/newsroom.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "precis/render/render.h"

namespace precis::server {
namespace {

// Per story: {"story": <the story object of the JSON digest>, "articles": [<its article objects,
// each with "store_id">]}, made once per digest so that serving a story costs a lookup.
std::map<std::uint32_t, std::string> story_documents(const std::string& digest_json,
                                                     const std::vector<ArticleId>& store_ids) {
  using json = nlohmann::json;
  std::map<std::uint32_t, std::string> out;
  json digest = json::parse(digest_json, nullptr, false);
  if (digest.is_discarded()) return out;
  std::map<std::uint32_t, json> articles_of;
  for (json& a : digest["articles"]) {
    if (!a.contains("story") || !a["story"].is_number()) continue;
    std::uint32_t n = a.value("id", 0u);
    a["store_id"] = n >= 1 && n <= store_ids.size() ? json(store_ids[n - 1].value) : json(nullptr);
    std::uint32_t story = a["story"].get<std::uint32_t>();
    auto [it, inserted] = articles_of.try_emplace(story, json::array());
    it->second.push_back(std::move(a));
  }
  for (json& s : digest["stories"]) {
    std::uint32_t id = s.value("id", 0u);
    json articles = articles_of.count(id) ? std::move(articles_of[id]) : json::array();
    out[id] = json{{"story", std::move(s)}, {"articles", std::move(articles)}}.dump(
                  2, ' ', false, json::error_handler_t::replace) +
              "\n";
  }
  return out;
}

}  // namespace

std::vector<std::uint32_t> assign_story_ids(const std::vector<std::vector<ArticleId>>& members,
                                            const std::map<std::uint32_t, std::vector<ArticleId>>& previous,
                                            const std::vector<ArticleId>& digested, std::uint32_t& next_id) {
  std::unordered_map<std::uint32_t, std::uint32_t> new_story_of;  // store id -> index into members
  for (std::uint32_t k = 0; k < members.size(); ++k) {
    for (ArticleId a : members[k]) new_story_of[a.value] = k;
  }
  std::unordered_set<std::uint32_t> covered;
  for (ArticleId a : digested) covered.insert(a.value);
  struct Pair {
    std::uint32_t overlap, story, old_id;
  };
  std::vector<Pair> pairs;
  for (const auto& [old_id, old_members] : previous) {
    std::map<std::uint32_t, std::uint32_t> overlap;  // new story -> shared articles
    std::uint32_t still_covered = 0;
    for (ArticleId a : old_members) {
      if (!covered.count(a.value)) continue;
      ++still_covered;
      if (auto it = new_story_of.find(a.value); it != new_story_of.end()) ++overlap[it->second];
    }
    for (const auto& [story, n] : overlap) {
      if (2 * n > still_covered) pairs.push_back({n, story, old_id});
    }
  }
  // Largest overlaps first; ties to the better-ranked new story, then the older id.
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    if (a.overlap != b.overlap) return a.overlap > b.overlap;
    if (a.story != b.story) return a.story < b.story;
    return a.old_id < b.old_id;
  });
  std::vector<std::uint32_t> ids(members.size(), 0);
  std::unordered_set<std::uint32_t> used;
  for (const Pair& p : pairs) {
    if (ids[p.story] || used.count(p.old_id)) continue;
    ids[p.story] = p.old_id;
    used.insert(p.old_id);
  }
  for (const auto& [old_id, m] : previous) next_id = std::max(next_id, old_id + 1);
  for (std::uint32_t& id : ids) {
    if (!id) id = next_id++;
  }
  return ids;
}

Newsroom::Newsroom(store::Store store, engine::DigestOptions options, std::uint32_t window_days)
    : store_(std::move(store)), options_(std::move(options)), window_days_(window_days) {}

store::Snapshot make_snapshot(const engine::DigestResult& result, const std::vector<ArticleId>& store_ids) {
  store::Snapshot snap;
  snap.articles_digested = static_cast<std::uint32_t>(store_ids.size());
  for (std::uint32_t input : result.input_index) snap.digest_articles.push_back(store_ids.at(input));
  auto store_id = [&](ArticleId digest_id) { return snap.digest_articles.at(digest_id.value - 1); };
  snap.stories = result.stories;
  for (Story& story : snap.stories) {
    for (ArticleId& a : story.articles) a = store_id(a);
    for (SummarySentence& s : story.summary) {
      for (Citation& c : s.citations) c.article = store_id(c.article);
    }
  }
  // Key facts as rows (the renditions hold them too, for reading; these are for queries).
  for (std::size_t k = 0; k < result.facts.size() && k < result.stories.size(); ++k) {
    const facts::StoryFacts& f = result.facts[k];
    std::uint32_t story = result.stories[k].id;
    for (const facts::Figure& fig : f.figures) {
      snap.facts.figures.push_back({story, store_id(fig.where.article), fig.where.original, fig.where.text, fig.value,
                                    fig.value_high, fig.unit, fig.counted, fig.measured, fig.qualifier});
    }
    for (const facts::Entity& e : f.entities) {
      std::string roles;
      for (const std::string& r : e.roles) roles += (roles.empty() ? "" : "; ") + r;
      snap.facts.entities.push_back({story, e.name, facts::entity_kind_name(e.kind), roles,
                                     static_cast<std::uint32_t>(e.mentions.size()), e.article_count});
    }
    for (const facts::QuantityReport& q : f.quantities) {
      store::QuantityRow row{story, q.counted, q.unit, q.measured, q.predicate, facts::quantity_status_name(q.status), {}};
      for (const facts::Reading& r : q.readings) {
        store::ReadingRow reading{r.value, r.value_high, {}, r.first_published, r.last_published};
        for (ArticleId a : r.articles) reading.articles.push_back(store_id(a));
        row.readings.push_back(std::move(reading));
      }
      snap.facts.quantities.push_back(std::move(row));
    }
    for (const facts::TimelineEvent& e : f.timeline) {
      snap.facts.timeline.push_back({story, e.iso_begin, e.iso_end, store_id(e.source.article), e.source.original,
                                     e.sentence, static_cast<std::uint32_t>(e.also.size())});
    }
  }
  snap.renditions["json"] = render::to_json(result);
  snap.story_documents = story_documents(snap.renditions["json"], snap.digest_articles);
  snap.renditions["md"] = render::to_markdown(result);
  snap.renditions["html"] = render::to_html(result);
  snap.renditions["text"] = render::to_text(result);
  return snap;
}

Result<AddOutcome> Newsroom::add_paths(const std::vector<std::string>& paths) {
  engine::ReadResult read = engine::read_inputs(paths, options_);
  AddOutcome outcome;
  outcome.diagnostics = std::move(read.diagnostics);
  outcome.read_stats = std::move(read.read_stats);
  outcome.url_stats = std::move(read.url_stats);
  std::lock_guard refresh_lock(refresh_mutex_);
  return add_locked(std::move(read.articles), std::move(outcome));
}

Result<AddOutcome> Newsroom::add_articles(std::vector<RawArticle> articles, Diagnostics diagnostics) {
  AddOutcome outcome;
  outcome.diagnostics = std::move(diagnostics);
  std::lock_guard refresh_lock(refresh_mutex_);
  return add_locked(std::move(articles), std::move(outcome));
}

Result<AddOutcome> Newsroom::store_articles(std::vector<RawArticle> articles, Diagnostics diagnostics) {
  AddOutcome outcome;
  outcome.diagnostics = std::move(diagnostics);
  outcome.read = static_cast<std::uint32_t>(articles.size());
  std::lock_guard lock(store_mutex_);
  auto report = store_.add(articles);
  if (!report) return tl::unexpected(report.error());
  outcome.stored = std::move(*report);
  auto rows = store_.stories();
  if (!rows) return tl::unexpected(rows.error());
  outcome.stories = static_cast<std::uint32_t>(rows->size());
  outcome.articles_stored = store_.article_count();
  return outcome;
}

Result<bool> Newsroom::stale() {
  std::lock_guard lock(store_mutex_);
  auto info = store_.digest_info();
  if (!info) return tl::unexpected(info.error());
  std::uint32_t count = store_.article_count();
  return info->has_value() ? (*info)->articles_stored < count : count > 0;
}

Result<AddOutcome> Newsroom::add_locked(std::vector<RawArticle> articles, AddOutcome outcome) {
  auto stored = store_articles(std::move(articles), std::move(outcome.diagnostics));
  if (!stored) return tl::unexpected(stored.error());
  stored->read_stats = std::move(outcome.read_stats);
  stored->url_stats = std::move(outcome.url_stats);
  outcome = std::move(*stored);
  auto info = digest_info();
  if (!info) return tl::unexpected(info.error());
  // The saved digest read every stored article there is now.
  const bool current = info->has_value() && (*info)->articles_stored >= outcome.articles_stored;
  if (!current) {
    auto stories = refresh_locked(&outcome.diagnostics);
    if (!stories) return tl::unexpected(stories.error());
    outcome.refreshed = true;
    outcome.stories = *stories;  // else: those of the saved digest, as store_articles counted them
  }
  outcome.articles_stored = article_count();
  return outcome;
}

Result<std::uint32_t> Newsroom::refresh() {
  std::lock_guard refresh_lock(refresh_mutex_);
  return refresh_locked(nullptr);
}

Result<std::uint32_t> Newsroom::refresh_locked(Diagnostics* diagnostics) {
  std::vector<RawArticle> raw;
  std::vector<ArticleId> ids;
  std::uint32_t stored = 0;
  std::map<std::uint32_t, std::vector<ArticleId>> previous;
  std::uint32_t next_story_id = 1;
  {
    std::lock_guard lock(store_mutex_);
    stored = store_.article_count();
    auto members = store_.story_members();
    if (!members) return tl::unexpected(members.error());
    previous = std::move(*members);
    auto info = store_.digest_info();
    if (!info) return tl::unexpected(info.error());
    if (*info) next_story_id = (*info)->next_story_id;
    auto recent = store_.recent_articles(window_days_);
    if (!recent) return tl::unexpected(recent.error());
    for (store::StoredArticle& a : *recent) {
      ids.push_back(a.id);
      raw.push_back(std::move(a.raw));
    }
  }
  engine::DigestResult result = engine::digest_articles(std::move(raw), options_);
  if (diagnostics) diagnostics->insert(diagnostics->end(), result.diagnostics.begin(), result.diagnostics.end());
  // Stable story ids, before rendering, so that the renditions use them too.
  std::vector<std::vector<ArticleId>> members;
  for (const Story& story : result.stories) {
    std::vector<ArticleId> m;
    for (ArticleId a : story.articles) m.push_back(ids.at(result.input_index.at(a.value - 1)));
    members.push_back(std::move(m));
  }
  std::vector<std::uint32_t> stable = assign_story_ids(members, previous, ids, next_story_id);
  std::map<std::uint32_t, std::uint32_t> id_of_rank;
  for (std::size_t k = 0; k < result.stories.size(); ++k) {
    id_of_rank[result.stories[k].id] = stable[k];
    result.stories[k].id = stable[k];
  }
  for (std::uint32_t& story : result.story_of) {
    auto it = id_of_rank.find(story);
    story = it == id_of_rank.end() ? 0 : it->second;
  }
  store::Snapshot snap = make_snapshot(result, ids);
  snap.articles_stored = stored;
  snap.next_story_id = next_story_id;
  std::lock_guard lock(store_mutex_);
  auto saved = store_.save_digest(snap);
  if (!saved) return tl::unexpected(saved.error());
  return static_cast<std::uint32_t>(snap.stories.size());
}

Result<std::optional<std::string>> Newsroom::story_document(std::uint32_t story) {
  std::lock_guard lock(store_mutex_);
  return store_.story_document(story);
}

Result<std::optional<std::string>> Newsroom::rendition(const std::string& format) {
  std::lock_guard lock(store_mutex_);
  return store_.rendition(format);
}

Result<std::vector<store::StoryRow>> Newsroom::stories() {
  std::lock_guard lock(store_mutex_);
  return store_.stories();
}

Result<std::optional<store::DigestInfo>> Newsroom::digest_info() {
  std::lock_guard lock(store_mutex_);
  return store_.digest_info();
}

Result<std::vector<ArticleId>> Newsroom::digest_articles() {
  std::lock_guard lock(store_mutex_);
  return store_.digest_articles();
}

Result<std::optional<store::StoredArticle>> Newsroom::article(ArticleId id) {
  std::lock_guard lock(store_mutex_);
  return store_.article(id);
}

Result<std::uint32_t> Newsroom::story_of(ArticleId id) {
  std::lock_guard lock(store_mutex_);
  auto members = store_.story_members();
  if (!members) return tl::unexpected(members.error());
  for (const auto& [story, articles] : *members) {
    if (std::find(articles.begin(), articles.end(), id) != articles.end()) return story;
  }
  return 0u;
}

Result<std::vector<store::SearchHit>> Newsroom::search(std::string_view query, std::uint32_t limit) {
  std::lock_guard lock(store_mutex_);
  return store_.search(query, limit);
}

std::uint32_t Newsroom::article_count() {
  std::lock_guard lock(store_mutex_);
  return store_.article_count();
}

}  // namespace precis::server
