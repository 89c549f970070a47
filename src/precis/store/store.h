// Store: precis's embedded database, one SQLite file (docs/data_model.md has the schema).
//
// It keeps two things:
//   articles  every article ever added, as its reader made it (metadata, original bytes, body and
//             the body's offset map), so that a later digest reads it exactly as the first did and
//             citations still point into the original bytes. Articles are never changed or
//             deleted: ids run 1, 2, 3, ... in the order of adding.
//   digest    the latest digest of (some of) those articles: a snapshot, replaced as a whole.
//             Stories with their articles, summary sentences and citations, as tables that SQL
//             can query (by store ids); the digest rendered in each format (JSON, Markdown, HTML,
//             text) for serving as it is; and which store article each of the digest's own
//             article numbers is (the renditions number the articles they cite 1, 2, 3, ...).
//
// An article is stored once: adding one with the same source and body as a stored article
// (re-reading a folder, re-posting a feed) is counted and skipped. A changed text under the
// same source is a new version and is stored; the digest links it to the old one as a copy.
//
// Errors: every call returns a Result; a failure (a file that is no database, a disk error, a
// database written by a newer precis) leaves the store as it was (each write is one
// transaction). Thread safety: a Store is one connection; use it from one thread at a time.
// Several processes may open the same file (SQLite's locking; WAL journal).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/result.h"
#include "precis/corpus/article.h"
#include "precis/corpus/story.h"

namespace precis::store {

struct AddReport {
  std::uint32_t added = 0;
  std::uint32_t already_stored = 0;  // same source and body as a stored article: skipped
  std::vector<ArticleId> ids;        // of the added articles, in the order given
};

struct StoredArticle {
  ArticleId id;
  std::string added;  // when it was added, ISO 8601 UTC
  RawArticle raw;
};

// A story's key facts as table rows (the server fills them from the digest's facts). Article
// ids are store ids; `original` spans are byte offsets into the article's original.
struct FigureRow {
  std::uint32_t story = 0;
  ArticleId article;
  ByteSpan original;
  std::string text;  // the expression as written: "more than 3,000 troops"
  double value = 0;
  std::optional<double> value_high;
  std::string unit, counted, measured, qualifier;
};
struct EntityRow {
  std::uint32_t story = 0;
  std::string name, kind;  // kind: "person", "organization", "location"
  std::string roles;       // distinct roles as written, most frequent first, joined by "; "
  std::uint32_t mentions = 0, articles = 0;
};
struct ReadingRow {
  double value = 0;
  std::optional<double> value_high;
  std::vector<ArticleId> articles;
  std::string first_published, last_published;
};
struct QuantityRow {
  std::uint32_t story = 0;
  std::string counted, unit, measured, predicate;
  std::string status;  // "agree", "update", "conflict"
  std::vector<ReadingRow> readings;
};
struct EventRow {
  std::uint32_t story = 0;
  std::string day_begin, day_end;
  ArticleId article;
  ByteSpan original;     // the sentence
  std::string sentence;
  std::uint32_t also = 0;  // other articles reporting it on the same date
};
struct FactRows {
  std::vector<FigureRow> figures;
  std::vector<EntityRow> entities;
  std::vector<QuantityRow> quantities;
  std::vector<EventRow> timeline;
};

// What the digest of the stored articles said. `stories` refer to articles by their store ids.
struct Snapshot {
  std::uint32_t articles_digested = 0;    // how many stored articles the digest was given
  std::uint32_t articles_stored = 0;      // how many the store held when they were read
  std::uint32_t next_story_id = 1;        // larger than every story id given so far
  std::vector<Story> stories;             // ranked, best first; ids stable across digests (the server's
                                          // assign_story_ids), rank = position + 1
  std::vector<ArticleId> digest_articles; // the renditions' article n is store article digest_articles[n - 1]
  std::map<std::string, std::string> renditions;  // format name ("json", "md", "html", "text") -> text
  // Per story id: a document about that story alone (the server's JSON of one story), served as
  // it is.
  std::map<std::uint32_t, std::string> story_documents;
  FactRows facts;
};

// One row of the stories table: a story without its summary.
struct StoryRow {
  std::uint32_t id = 0;    // stable across digests while the story keeps most of its articles
  std::uint32_t rank = 0;  // among the digest's stories, from 1
  std::string headline;
  std::uint32_t articles = 0;
  std::uint32_t duplicates = 0;
  std::uint32_t rewrites = 0;
  std::uint32_t outlets = 0;
  std::string first_published;
  std::string last_published;
  double rank_score = 0;
};

// When the snapshot was made and what it covered.
struct DigestInfo {
  std::string made;  // ISO 8601 UTC
  std::uint32_t articles_digested = 0;
  // The store's article count when the digest read its articles: fewer than article_count()
  // means articles were added after it (a digest that failed, or another process's add).
  std::uint32_t articles_stored = 0;
  std::uint32_t next_story_id = 1;
};

// An article that a search found.
struct SearchHit {
  ArticleId article;
  std::string title, outlet, published, source;
  std::string snippet;     // one line of the body around the matches, matches in **bold**, "…" at cuts
  std::uint32_t story = 0; // its story in the saved digest; 0 when none
};

class Store {
 public:
  // Opens (creating when missing) the database at `path`; ":memory:" gives a private in-memory
  // store. Creates or checks the schema.
  static Result<Store> open(const std::string& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Adds `articles` in one transaction (all or none).
  Result<AddReport> add(const std::vector<RawArticle>& articles);

  std::uint32_t article_count() const;
  // The articles of the last `days` days, in id order: those published on the newest publication
  // day in the store or up to `days` - 1 days before it, and the undated ones added in the last
  // `days` days (by the clock). days == 0: every stored article.
  Result<std::vector<StoredArticle>> recent_articles(std::uint32_t days) const;
  Result<std::optional<StoredArticle>> article(ArticleId id) const;

  // Replaces the digest snapshot in one transaction.
  Result<void> save_digest(const Snapshot& snapshot);
  // The snapshot's stories, best-ranked first; empty before the first save.
  Result<std::vector<StoryRow>> stories() const;
  Result<std::optional<DigestInfo>> digest_info() const;
  // The saved digest's stories: id -> their articles (store ids, ascending).
  Result<std::map<std::uint32_t, std::vector<ArticleId>>> story_members() const;
  // Snapshot::digest_articles as saved; empty before the first save.
  Result<std::vector<ArticleId>> digest_articles() const;
  // The snapshot rendered in `format`; nullopt when no snapshot has that format.
  Result<std::optional<std::string>> rendition(const std::string& format) const;
  // Full-text search over titles and bodies (SQLite FTS5, Unicode word rules, case and accents
  // ignored): articles holding every word and every "quoted phrase" of `query`, best first
  // (BM25, a title match weighing four times a body match); at most `limit`. Query syntax is not
  // interpreted: punctuation separates words.
  Result<std::vector<SearchHit>> search(std::string_view query, std::uint32_t limit) const;

  // Snapshot::story_documents[story]; nullopt when there is none.
  Result<std::optional<std::string>> story_document(std::uint32_t story) const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis::store
