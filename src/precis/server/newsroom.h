// Newsroom: a store of articles kept digested. Articles are added (from paths, URLs or a posted
// body), stored once each, and the digest of everything stored is made again and saved as the
// store's snapshot (stories, summaries, citations, and the digest rendered as JSON, Markdown,
// HTML and text). The CLI's `precis add` / `precis show` and the HTTP server are its callers.
//
// Cost: each refresh digests the stored articles of the window (the engine's batch path:
// boilerplate model, copies, stories, summaries, facts), about as long as `precis digest` on the
// same articles: the window (`window_days`), not the store, bounds it. Articles added in one call
// are one refresh; a server stores articles as they come and leaves refreshes to a Refresher,
// which runs one for many posts.
//
// Ids: the store numbers articles 1, 2, 3, ... in the order added; the snapshot's tables use
// those ids. The renditions number the articles they digested 1, 2, 3, ... (the snapshot keeps
// which store article each number is: Store::digest_articles). Stories get ids that stay the
// same from one digest to the next (assign_story_ids), in the tables and the renditions alike;
// their order is their rank.
//
// Thread safety: every member function may be called from any thread. Adds (and refreshes) run
// one at a time; reads, and store_articles, are served while a refresh runs (reads from the last
// saved snapshot).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/base/result.h"
#include "precis/engine/pipeline.h"
#include "precis/store/store.h"

namespace precis::server {

struct AddOutcome {
  std::uint32_t read = 0;             // articles read from the input
  store::AddReport stored;            // of those: added, and already stored
  bool refreshed = false;             // the digest was made again: articles were new, or added since
                                      // the saved digest read them, or there was none
  std::uint32_t articles_stored = 0;  // in the store after the add
  std::uint32_t stories = 0;          // in the snapshot after the add
  Diagnostics diagnostics;            // reading and digesting problems; the add went on
  ingest::ReadStats read_stats;
  fetch::UrlReadStats url_stats;
};

class Newsroom {
 public:
  // `options` are used for every refresh (max_stories 0 keeps every story in the snapshot).
  // window_days > 0: a refresh digests only the articles of the last `window_days` days
  // (Store::recent_articles); 0: every stored article.
  Newsroom(store::Store store, engine::DigestOptions options, std::uint32_t window_days = 0);

  // Reads `paths` (as precis digest does), stores the new articles and refreshes when any was new.
  Result<AddOutcome> add_paths(const std::vector<std::string>& paths);
  // Stores `articles` (already read; `diagnostics` from reading them are passed on) and refreshes
  // when any was new.
  Result<AddOutcome> add_articles(std::vector<RawArticle> articles, Diagnostics diagnostics = {});
  // Stores `articles` and returns without digesting (outcome.refreshed is false, outcome.stories
  // those of the saved snapshot): for callers that digest later, in the background (Refresher).
  // Does not wait for a refresh in progress.
  Result<AddOutcome> store_articles(std::vector<RawArticle> articles, Diagnostics diagnostics = {});
  // Digests everything stored and saves the snapshot; returns the number of stories.
  Result<std::uint32_t> refresh();
  // True when articles were stored after the saved digest read them, or when articles are stored
  // and no digest is saved.
  Result<bool> stale();

  Result<std::optional<std::string>> rendition(const std::string& format);
  // {"story": ..., "articles": [...]} of one story of the snapshot (Snapshot::story_documents).
  Result<std::optional<std::string>> story_document(std::uint32_t story);
  Result<std::vector<store::StoryRow>> stories();
  Result<std::optional<store::DigestInfo>> digest_info();
  Result<std::vector<ArticleId>> digest_articles();
  Result<std::optional<store::StoredArticle>> article(ArticleId id);
  // The story of the saved digest that holds stored article `id`; 0 when none does.
  Result<std::uint32_t> story_of(ArticleId id);
  Result<std::vector<store::SearchHit>> search(std::string_view query, std::uint32_t limit);
  std::uint32_t article_count();

 private:
  Result<AddOutcome> add_locked(std::vector<RawArticle> articles, AddOutcome outcome);
  Result<std::uint32_t> refresh_locked(Diagnostics* diagnostics);

  store::Store store_;
  engine::DigestOptions options_;
  std::uint32_t window_days_ = 0;
  std::mutex store_mutex_;   // the store is one connection
  std::mutex refresh_mutex_; // adds and refreshes run one at a time
};

// Stable story ids. A new story takes the id of the previous digest's story whose articles it
// holds the most of, when it holds more than half of that story's articles that this digest
// covers (`digested`): a story keeps its id while it grows, loses old articles to the window, or
// keeps the larger part of a split. Each old id goes to one new story at most (largest overlaps
// first); the others get fresh ids from `next_id`, which is advanced. `members` are store ids
// per new story, in rank order; `previous` the saved story_members. Returns the ids, parallel
// to `members`.
std::vector<std::uint32_t> assign_story_ids(const std::vector<std::vector<ArticleId>>& members,
                                            const std::map<std::uint32_t, std::vector<ArticleId>>& previous,
                                            const std::vector<ArticleId>& digested, std::uint32_t& next_id);

// The snapshot of a digest of stored articles, `store_ids` being the ids of the articles it was
// given, in order: stories, summaries and citations refer to store ids, renditions in every format.
store::Snapshot make_snapshot(const engine::DigestResult& result, const std::vector<ArticleId>& store_ids);

}  // namespace precis::server
