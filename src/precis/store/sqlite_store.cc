// The Store on SQLite: the only file of precis that includes sqlite3.h.
//
// Schema (docs/data_model.md explains each column): PRAGMA user_version 1.
//   articles(id, key, added, source, doc_id, title, outlet, url, published, updated, author,
//            language, dateline_place, format, original, body, body_map)
//   stories(id, rank, headline, rank_score, articles, duplicates, rewrites, outlets, first_published,
//           last_published)
//   story_articles(story, article)
//   summary_sentences(story, position, text)
//   citations(story, position, rank, article, sentence, start, end)
//   renditions(format, body)
//   digest_articles(number, article)
//   story_documents(story, body)
//   figures, entities, quantities, readings, timeline: the stories' key facts
//   article_search: an FTS5 index of articles(title, body), kept by a trigger on insert
//   digest_info(id = 1, made, articles_digested, articles_stored, next_story_id)
// `key` is the 128-bit xxHash3 of source and body, hex: the "same article" test of add().
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <utility>

#include "precis/base/hash.h"
#include "precis/store/store.h"

namespace precis::store {
namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  added TEXT NOT NULL,
  source TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  title TEXT NOT NULL,
  outlet TEXT NOT NULL,
  url TEXT NOT NULL,
  published TEXT NOT NULL,
  updated TEXT NOT NULL,
  author TEXT NOT NULL,
  language TEXT NOT NULL,
  dateline_place TEXT NOT NULL,
  format INTEGER NOT NULL,
  original BLOB NOT NULL,
  body TEXT NOT NULL,
  body_map BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_day ON articles(substr(published, 1, 10));
CREATE TABLE IF NOT EXISTS stories (
  id INTEGER PRIMARY KEY,
  rank INTEGER NOT NULL UNIQUE,
  headline TEXT NOT NULL,
  rank_score REAL NOT NULL,
  articles INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  rewrites INTEGER NOT NULL,
  outlets INTEGER NOT NULL,
  first_published TEXT NOT NULL,
  last_published TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS story_articles (
  story INTEGER NOT NULL REFERENCES stories(id),
  article INTEGER NOT NULL REFERENCES articles(id),
  PRIMARY KEY (story, article)
);
CREATE INDEX IF NOT EXISTS story_articles_by_article ON story_articles(article);
CREATE TABLE IF NOT EXISTS summary_sentences (
  story INTEGER NOT NULL REFERENCES stories(id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (story, position)
);
CREATE TABLE IF NOT EXISTS citations (
  story INTEGER NOT NULL,
  position INTEGER NOT NULL,
  rank INTEGER NOT NULL,
  article INTEGER NOT NULL REFERENCES articles(id),
  sentence INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  PRIMARY KEY (story, position, rank),
  FOREIGN KEY (story, position) REFERENCES summary_sentences(story, position)
);
CREATE TABLE IF NOT EXISTS renditions (
  format TEXT PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS digest_articles (
  number INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles(id)
);
CREATE TABLE IF NOT EXISTS story_documents (
  story INTEGER PRIMARY KEY REFERENCES stories(id),
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS figures (
  story INTEGER NOT NULL REFERENCES stories(id),
  article INTEGER NOT NULL REFERENCES articles(id),
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  value REAL NOT NULL,
  value_high REAL,
  unit TEXT NOT NULL,
  counted TEXT NOT NULL,
  measured TEXT NOT NULL,
  qualifier TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
  story INTEGER NOT NULL REFERENCES stories(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  roles TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  PRIMARY KEY (story, position)
);
CREATE TABLE IF NOT EXISTS quantities (
  story INTEGER NOT NULL REFERENCES stories(id),
  position INTEGER NOT NULL,
  counted TEXT NOT NULL,
  unit TEXT NOT NULL,
  measured TEXT NOT NULL,
  predicate TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (story, position)
);
CREATE TABLE IF NOT EXISTS readings (
  story INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  position INTEGER NOT NULL,
  value REAL NOT NULL,
  value_high REAL,
  sources INTEGER NOT NULL,
  articles TEXT NOT NULL,
  first_published TEXT NOT NULL,
  last_published TEXT NOT NULL,
  PRIMARY KEY (story, quantity, position),
  FOREIGN KEY (story, quantity) REFERENCES quantities(story, position)
);
CREATE TABLE IF NOT EXISTS timeline (
  story INTEGER NOT NULL REFERENCES stories(id),
  position INTEGER NOT NULL,
  day_begin TEXT NOT NULL,
  day_end TEXT NOT NULL,
  article INTEGER NOT NULL REFERENCES articles(id),
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  sentence TEXT NOT NULL,
  also INTEGER NOT NULL,
  PRIMARY KEY (story, position)
);
CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5(
  title, body, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS articles_indexed AFTER INSERT ON articles BEGIN
  INSERT INTO article_search(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TABLE IF NOT EXISTS digest_info (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  made TEXT NOT NULL,
  articles_digested INTEGER NOT NULL,
  articles_stored INTEGER NOT NULL,
  next_story_id INTEGER NOT NULL
);
)sql";

std::string now_utc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string article_key(const RawArticle& a) {
  std::string bytes = a.meta.source;
  bytes.push_back('\0');
  bytes += a.body;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(hash64(bytes, 0)),
                static_cast<unsigned long long>(hash64(bytes, 0x9e3779b97f4a7c15ull)));
  return buf;
}

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  void bind(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind_blob(int i, std::string_view bytes) {
    sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return rc_ = sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int i) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
  }
  std::int64_t integer(int i) const { return sqlite3_column_int64(stmt_, i); }
  double real(int i) const { return sqlite3_column_double(stmt_, i); }
  std::string error() const { return sqlite3_errmsg(db_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

}  // namespace

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  ~Impl() { sqlite3_close(db); }

  tl::unexpected<Error> fail(std::string_view what) const {
    return make_error(path + ": " + std::string(what) + ": " + sqlite3_errmsg(db));
  }
  bool exec(const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr) != SQLITE_OK) {
    return make_error(path + ": cannot open the database: " +
                      (impl->db ? std::string(sqlite3_errmsg(impl->db)) : std::string("out of memory")));
  }
  sqlite3_busy_timeout(impl->db, 10000);
  int version = -1;
  {
    Statement s(impl->db, "PRAGMA user_version");
    if (!s.ok() || s.step() != SQLITE_ROW) return impl->fail("not a precis database");
    version = static_cast<int>(s.integer(0));
  }
  if (version > kSchemaVersion) {
    return make_error(path + ": written by a newer precis (schema " + std::to_string(version) + ", this one reads " +
                      std::to_string(kSchemaVersion) + ")");
  }
  if (version == 0) {
    // A new file, or a SQLite file that is not ours: refuse one that holds other tables.
    Statement s(impl->db, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'");
    if (!s.ok() || s.step() != SQLITE_ROW) return impl->fail("cannot read the schema");
    if (s.integer(0) > 0) return make_error(path + ": a SQLite database, but not one of precis");
  }
  if (path != ":memory:" && !impl->exec("PRAGMA journal_mode=WAL")) return impl->fail("cannot set the journal mode");
  if (!impl->exec("PRAGMA foreign_keys=ON")) return impl->fail("cannot enable foreign keys");
  if (!impl->exec("BEGIN IMMEDIATE")) return impl->fail("cannot lock the database");
  bool had_search = false;
  {
    Statement s(impl->db, "SELECT count(*) FROM sqlite_master WHERE name = 'article_search'");
    had_search = s.ok() && s.step() == SQLITE_ROW && s.integer(0) > 0;
  }
  if (!impl->exec(kSchema) || !impl->exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str()) ||
      // A store made before the search index existed: index the articles it holds.
      (!had_search && !impl->exec("INSERT INTO article_search(article_search) VALUES ('rebuild')"))) {
    auto error = impl->fail("cannot create the schema");
    impl->exec("ROLLBACK");
    return error;
  }
  if (!impl->exec("COMMIT")) return impl->fail("cannot create the schema");
  return Store(std::move(impl));
}

Result<AddReport> Store::add(const std::vector<RawArticle>& articles) {
  sqlite3* db = impl_->db;
  AddReport report;
  if (!impl_->exec("BEGIN IMMEDIATE")) return impl_->fail("cannot lock the database");
  auto rollback = [&](std::string_view what) {
    auto error = impl_->fail(what);
    impl_->exec("ROLLBACK");
    return error;
  };
  Statement insert(db,
                   "INSERT OR IGNORE INTO articles (key, added, source, doc_id, title, outlet, url, published, updated, "
                   "author, language, dateline_place, format, original, body, body_map) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  if (!insert.ok()) return rollback("cannot prepare the insert");
  const std::string added = now_utc();
  for (const RawArticle& a : articles) {
    const ArticleMeta& m = a.meta;
    insert.reset();
    insert.bind(1, article_key(a));
    insert.bind(2, added);
    insert.bind(3, m.source);
    insert.bind(4, m.doc_id);
    insert.bind(5, m.title);
    insert.bind(6, m.outlet);
    insert.bind(7, m.url);
    insert.bind(8, m.published);
    insert.bind(9, m.updated);
    insert.bind(10, m.author);
    insert.bind(11, m.language);
    insert.bind(12, m.dateline_place);
    insert.bind(13, static_cast<std::int64_t>(m.format));
    insert.bind_blob(14, a.original);
    insert.bind(15, a.body);
    insert.bind_blob(16, a.body_to_original.encode());
    if (insert.step() != SQLITE_DONE) return rollback("cannot add an article");
    if (sqlite3_changes(db) == 0) {
      ++report.already_stored;
      continue;
    }
    ++report.added;
    report.ids.push_back(ArticleId{static_cast<std::uint32_t>(sqlite3_last_insert_rowid(db))});
  }
  if (!impl_->exec("COMMIT")) return rollback("cannot commit the articles");
  return report;
}

std::uint32_t Store::article_count() const {
  Statement s(impl_->db, "SELECT count(*) FROM articles");
  if (!s.ok() || s.step() != SQLITE_ROW) return 0;
  return static_cast<std::uint32_t>(s.integer(0));
}

namespace {

constexpr const char* kArticleColumns =
    "id, added, source, doc_id, title, outlet, url, published, updated, author, language, dateline_place, format, "
    "original, body, body_map";

Result<StoredArticle> read_article(const Statement& s, const std::string& path) {
  StoredArticle out;
  out.id = ArticleId{static_cast<std::uint32_t>(s.integer(0))};
  out.added = s.text(1);
  ArticleMeta& m = out.raw.meta;
  m.source = s.text(2);
  m.doc_id = s.text(3);
  m.title = s.text(4);
  m.outlet = s.text(5);
  m.url = s.text(6);
  m.published = s.text(7);
  m.updated = s.text(8);
  m.author = s.text(9);
  m.language = s.text(10);
  m.dateline_place = s.text(11);
  std::int64_t format = s.integer(12);
  if (format < 0 || format > static_cast<std::int64_t>(SourceFormat::kJson)) {
    return make_error(path + ": article " + std::to_string(out.id.value) + " has an unknown format");
  }
  m.format = static_cast<SourceFormat>(format);
  out.raw.original = s.text(13);
  out.raw.body = s.text(14);
  std::size_t bound = std::max(out.raw.body.size(), out.raw.original.size()) + 1;
  auto map = OffsetMap::decode(s.text(15), static_cast<std::uint32_t>(std::min<std::size_t>(bound, UINT32_MAX)));
  if (!map) return make_error(path + ": article " + std::to_string(out.id.value) + ": " + map.error().message);
  out.raw.body_to_original = std::move(*map);
  return out;
}

}  // namespace

Result<std::vector<StoredArticle>> Store::recent_articles(std::uint32_t days) const {
  std::string sql = std::string("SELECT ") + kArticleColumns + " FROM articles";
  if (days > 0) {
    sql +=
        " WHERE (published <> '' AND substr(published, 1, 10) >= date((SELECT max(substr(published, 1, 10)) FROM "
        "articles WHERE published <> ''), ?1)) OR (published = '' AND added >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?2))";
  }
  sql += " ORDER BY id";
  Statement s(impl_->db, sql);
  if (!s.ok()) return impl_->fail("cannot read the articles");
  if (days > 0) {
    s.bind(1, "-" + std::to_string(days - 1) + " days");
    s.bind(2, "-" + std::to_string(days) + " days");
  }
  std::vector<StoredArticle> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    auto a = read_article(s, impl_->path);
    if (!a) return tl::unexpected(a.error());
    out.push_back(std::move(*a));
  }
  if (rc != SQLITE_DONE) return impl_->fail("cannot read the articles");
  return out;
}

Result<std::optional<StoredArticle>> Store::article(ArticleId id) const {
  Statement s(impl_->db, std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = ?1");
  if (!s.ok()) return impl_->fail("cannot read an article");
  s.bind(1, static_cast<std::int64_t>(id.value));
  int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<StoredArticle>();
  if (rc != SQLITE_ROW) return impl_->fail("cannot read an article");
  auto a = read_article(s, impl_->path);
  if (!a) return tl::unexpected(a.error());
  return std::optional<StoredArticle>(std::move(*a));
}

namespace {

void bind_optional(Statement& s, int i, const std::optional<double>& v) {
  if (v) s.bind(i, *v);  // unbound parameters are NULL
}

bool save_facts(sqlite3* db, const FactRows& facts) {
  Statement figure(db,
                   "INSERT INTO figures (story, article, start, end, text, value, value_high, unit, counted, measured, "
                   "qualifier) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  Statement entity(db,
                   "INSERT INTO entities (story, position, name, kind, roles, mentions, articles) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  Statement quantity(db,
                     "INSERT INTO quantities (story, position, counted, unit, measured, predicate, status) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  Statement reading(db,
                    "INSERT INTO readings (story, quantity, position, value, value_high, sources, articles, "
                    "first_published, last_published) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  Statement event(db,
                  "INSERT INTO timeline (story, position, day_begin, day_end, article, start, end, sentence, also) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!figure.ok() || !entity.ok() || !quantity.ok() || !reading.ok() || !event.ok()) return false;
  auto i64 = [](auto v) { return static_cast<std::int64_t>(v); };
  for (const FigureRow& f : facts.figures) {
    figure.reset();
    figure.bind(1, i64(f.story));
    figure.bind(2, i64(f.article.value));
    figure.bind(3, i64(f.original.begin));
    figure.bind(4, i64(f.original.end));
    figure.bind(5, f.text);
    figure.bind(6, f.value);
    bind_optional(figure, 7, f.value_high);
    figure.bind(8, f.unit);
    figure.bind(9, f.counted);
    figure.bind(10, f.measured);
    figure.bind(11, f.qualifier);
    if (figure.step() != SQLITE_DONE) return false;
  }
  std::map<std::uint32_t, std::int64_t> position;  // per story: the next row's position
  for (const EntityRow& e : facts.entities) {
    entity.reset();
    entity.bind(1, i64(e.story));
    entity.bind(2, position[e.story]++);
    entity.bind(3, e.name);
    entity.bind(4, e.kind);
    entity.bind(5, e.roles);
    entity.bind(6, i64(e.mentions));
    entity.bind(7, i64(e.articles));
    if (entity.step() != SQLITE_DONE) return false;
  }
  position.clear();
  for (const QuantityRow& q : facts.quantities) {
    std::int64_t at = position[q.story]++;
    quantity.reset();
    quantity.bind(1, i64(q.story));
    quantity.bind(2, at);
    quantity.bind(3, q.counted);
    quantity.bind(4, q.unit);
    quantity.bind(5, q.measured);
    quantity.bind(6, q.predicate);
    quantity.bind(7, q.status);
    if (quantity.step() != SQLITE_DONE) return false;
    for (std::size_t r = 0; r < q.readings.size(); ++r) {
      const ReadingRow& rr = q.readings[r];
      std::string articles;
      for (ArticleId a : rr.articles) articles += (articles.empty() ? "" : ",") + std::to_string(a.value);
      reading.reset();
      reading.bind(1, i64(q.story));
      reading.bind(2, at);
      reading.bind(3, i64(r));
      reading.bind(4, rr.value);
      bind_optional(reading, 5, rr.value_high);
      reading.bind(6, i64(rr.articles.size()));
      reading.bind(7, articles);
      reading.bind(8, rr.first_published);
      reading.bind(9, rr.last_published);
      if (reading.step() != SQLITE_DONE) return false;
    }
  }
  position.clear();
  for (const EventRow& e : facts.timeline) {
    event.reset();
    event.bind(1, i64(e.story));
    event.bind(2, position[e.story]++);
    event.bind(3, e.day_begin);
    event.bind(4, e.day_end);
    event.bind(5, i64(e.article.value));
    event.bind(6, i64(e.original.begin));
    event.bind(7, i64(e.original.end));
    event.bind(8, e.sentence);
    event.bind(9, i64(e.also));
    if (event.step() != SQLITE_DONE) return false;
  }
  return true;
}

}  // namespace

Result<void> Store::save_digest(const Snapshot& snapshot) {
  sqlite3* db = impl_->db;
  if (!impl_->exec("BEGIN IMMEDIATE")) return impl_->fail("cannot lock the database");
  auto rollback = [&](std::string_view what) {
    auto error = impl_->fail(what);
    impl_->exec("ROLLBACK");
    return error;
  };
  if (!impl_->exec("DELETE FROM readings; DELETE FROM quantities; DELETE FROM figures; DELETE FROM entities; "
                   "DELETE FROM timeline; DELETE FROM story_documents; DELETE FROM citations; DELETE FROM summary_sentences; DELETE FROM story_articles; "
                   "DELETE FROM stories; DELETE FROM renditions; DELETE FROM digest_articles; DELETE FROM digest_info")) {
    return rollback("cannot clear the old digest");
  }
  Statement story(db,
                  "INSERT INTO stories (id, headline, rank_score, articles, duplicates, rewrites, outlets, "
                  "first_published, last_published, rank) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  Statement member(db, "INSERT INTO story_articles (story, article) VALUES (?1, ?2)");
  Statement sentence(db, "INSERT INTO summary_sentences (story, position, text) VALUES (?1, ?2, ?3)");
  Statement citation(db,
                     "INSERT INTO citations (story, position, rank, article, sentence, start, end) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  Statement rendition(db, "INSERT INTO renditions (format, body) VALUES (?1, ?2)");
  Statement info(db,
                 "INSERT INTO digest_info (id, made, articles_digested, articles_stored, next_story_id) "
                 "VALUES (1, ?1, ?2, ?3, ?4)");
  Statement number(db, "INSERT INTO digest_articles (number, article) VALUES (?1, ?2)");
  Statement document(db, "INSERT INTO story_documents (story, body) VALUES (?1, ?2)");
  if (!story.ok() || !member.ok() || !sentence.ok() || !citation.ok() || !rendition.ok() || !info.ok() ||
      !number.ok() || !document.ok()) {
    return rollback("cannot prepare the digest inserts");
  }
  for (std::size_t rank = 0; rank < snapshot.stories.size(); ++rank) {
    const Story& st = snapshot.stories[rank];
    auto sid = static_cast<std::int64_t>(st.id);
    story.reset();
    story.bind(10, static_cast<std::int64_t>(rank + 1));
    story.bind(1, sid);
    story.bind(2, st.headline);
    story.bind(3, st.rank_score);
    story.bind(4, static_cast<std::int64_t>(st.articles.size()));
    story.bind(5, static_cast<std::int64_t>(st.duplicate_articles));
    story.bind(6, static_cast<std::int64_t>(st.rewrite_articles));
    story.bind(7, static_cast<std::int64_t>(st.outlets));
    story.bind(8, st.first_published);
    story.bind(9, st.last_published);
    if (story.step() != SQLITE_DONE) return rollback("cannot save a story");
    for (ArticleId a : st.articles) {
      member.reset();
      member.bind(1, sid);
      member.bind(2, static_cast<std::int64_t>(a.value));
      if (member.step() != SQLITE_DONE) return rollback("cannot save a story's article");
    }
    for (std::size_t p = 0; p < st.summary.size(); ++p) {
      sentence.reset();
      sentence.bind(1, sid);
      sentence.bind(2, static_cast<std::int64_t>(p));
      sentence.bind(3, st.summary[p].text);
      if (sentence.step() != SQLITE_DONE) return rollback("cannot save a summary sentence");
      const auto& cites = st.summary[p].citations;
      for (std::size_t r = 0; r < cites.size(); ++r) {
        citation.reset();
        citation.bind(1, sid);
        citation.bind(2, static_cast<std::int64_t>(p));
        citation.bind(3, static_cast<std::int64_t>(r));
        citation.bind(4, static_cast<std::int64_t>(cites[r].article.value));
        citation.bind(5, static_cast<std::int64_t>(cites[r].sentence));
        citation.bind(6, static_cast<std::int64_t>(cites[r].original.begin));
        citation.bind(7, static_cast<std::int64_t>(cites[r].original.end));
        if (citation.step() != SQLITE_DONE) return rollback("cannot save a citation");
      }
    }
  }
  for (std::size_t n = 0; n < snapshot.digest_articles.size(); ++n) {
    number.reset();
    number.bind(1, static_cast<std::int64_t>(n + 1));
    number.bind(2, static_cast<std::int64_t>(snapshot.digest_articles[n].value));
    if (number.step() != SQLITE_DONE) return rollback("cannot save the digest's article numbers");
  }
  for (const auto& [id, body] : snapshot.story_documents) {
    document.reset();
    document.bind(1, static_cast<std::int64_t>(id));
    document.bind(2, body);
    if (document.step() != SQLITE_DONE) return rollback("cannot save a story's document");
  }
  for (const auto& [format, body] : snapshot.renditions) {
    rendition.reset();
    rendition.bind(1, format);
    rendition.bind(2, body);
    if (rendition.step() != SQLITE_DONE) return rollback("cannot save a rendition");
  }
  info.bind(1, now_utc());
  info.bind(2, static_cast<std::int64_t>(snapshot.articles_digested));
  info.bind(3, static_cast<std::int64_t>(snapshot.articles_stored));
  info.bind(4, static_cast<std::int64_t>(snapshot.next_story_id));
  if (info.step() != SQLITE_DONE) return rollback("cannot save the digest's date");
  if (!save_facts(db, snapshot.facts)) return rollback("cannot save the facts");
  if (!impl_->exec("COMMIT")) return rollback("cannot commit the digest");
  return {};
}

Result<std::vector<StoryRow>> Store::stories() const {
  Statement s(impl_->db,
              "SELECT id, headline, articles, duplicates, rewrites, outlets, first_published, last_published, rank_score, "
              "rank FROM stories ORDER BY rank");
  if (!s.ok()) return impl_->fail("cannot read the stories");
  std::vector<StoryRow> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    StoryRow r;
    r.id = static_cast<std::uint32_t>(s.integer(0));
    r.headline = s.text(1);
    r.articles = static_cast<std::uint32_t>(s.integer(2));
    r.duplicates = static_cast<std::uint32_t>(s.integer(3));
    r.rewrites = static_cast<std::uint32_t>(s.integer(4));
    r.outlets = static_cast<std::uint32_t>(s.integer(5));
    r.first_published = s.text(6);
    r.last_published = s.text(7);
    r.rank_score = s.real(8);
    r.rank = static_cast<std::uint32_t>(s.integer(9));
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return impl_->fail("cannot read the stories");
  return out;
}

Result<std::optional<DigestInfo>> Store::digest_info() const {
  Statement s(impl_->db, "SELECT made, articles_digested, articles_stored, next_story_id FROM digest_info WHERE id = 1");
  if (!s.ok()) return impl_->fail("cannot read the digest's date");
  int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<DigestInfo>();
  if (rc != SQLITE_ROW) return impl_->fail("cannot read the digest's date");
  return std::optional<DigestInfo>(DigestInfo{s.text(0), static_cast<std::uint32_t>(s.integer(1)),
                                              static_cast<std::uint32_t>(s.integer(2)),
                                              static_cast<std::uint32_t>(s.integer(3))});
}

Result<std::map<std::uint32_t, std::vector<ArticleId>>> Store::story_members() const {
  Statement s(impl_->db, "SELECT story, article FROM story_articles ORDER BY story, article");
  if (!s.ok()) return impl_->fail("cannot read the stories' articles");
  std::map<std::uint32_t, std::vector<ArticleId>> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    out[static_cast<std::uint32_t>(s.integer(0))].push_back(ArticleId{static_cast<std::uint32_t>(s.integer(1))});
  }
  if (rc != SQLITE_DONE) return impl_->fail("cannot read the stories' articles");
  return out;
}

Result<std::vector<ArticleId>> Store::digest_articles() const {
  Statement s(impl_->db, "SELECT article FROM digest_articles ORDER BY number");
  if (!s.ok()) return impl_->fail("cannot read the digest's article numbers");
  std::vector<ArticleId> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(ArticleId{static_cast<std::uint32_t>(s.integer(0))});
  if (rc != SQLITE_DONE) return impl_->fail("cannot read the digest's article numbers");
  return out;
}

Result<std::optional<std::string>> Store::rendition(const std::string& format) const {
  Statement s(impl_->db, "SELECT body FROM renditions WHERE format = ?1");
  if (!s.ok()) return impl_->fail("cannot read a rendition");
  s.bind(1, format);
  int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return impl_->fail("cannot read a rendition");
  return std::optional<std::string>(s.text(0));
}

Result<std::optional<std::string>> Store::story_document(std::uint32_t story) const {
  Statement s(impl_->db, "SELECT body FROM story_documents WHERE story = ?1");
  if (!s.ok()) return impl_->fail("cannot read a story's document");
  s.bind(1, static_cast<std::int64_t>(story));
  int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return impl_->fail("cannot read a story's document");
  return std::optional<std::string>(s.text(0));
}

namespace {

// A user's query as an FTS5 query: every word, and every "quoted phrase", must appear. Each is
// quoted for FTS5, so that punctuation ("fire-fighters", "U.S.", "9:30") is searched as the
// words it separates instead of being read as query syntax.
std::string fts_query(std::string_view query) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < query.size()) {
    unsigned char c = static_cast<unsigned char>(query[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    std::size_t end;
    std::string_view part;
    if (c == '"') {
      end = query.find('"', i + 1);
      if (end == std::string_view::npos) end = query.size();
      part = query.substr(i + 1, end - i - 1);
      i = end + 1;
    } else {
      end = i;
      while (end < query.size() && !std::isspace(static_cast<unsigned char>(query[end]))) ++end;
      part = query.substr(i, end - i);
      i = end;
    }
    std::string quoted = "\"";
    for (char ch : part) {
      if (ch == '"') continue;
      quoted += ch;
    }
    quoted += "\"";
    if (quoted.size() > 2) parts.push_back(std::move(quoted));
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

}  // namespace

Result<std::vector<SearchHit>> Store::search(std::string_view query, std::uint32_t limit) const {
  std::string match = fts_query(query);
  std::vector<SearchHit> out;
  if (match.empty() || limit == 0) return out;
  Statement s(impl_->db,
              "SELECT a.id, a.title, a.outlet, a.published, a.source, "
              "snippet(article_search, 1, '**', '**', '…', 16), "
              "(SELECT min(story) FROM story_articles WHERE article = a.id) "
              "FROM article_search JOIN articles a ON a.id = article_search.rowid "
              "WHERE article_search MATCH ?1 ORDER BY bm25(article_search, 4.0, 1.0), a.id LIMIT ?2");
  if (!s.ok()) return impl_->fail("cannot search");
  s.bind(1, match);
  s.bind(2, static_cast<std::int64_t>(limit));
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    SearchHit hit;
    hit.article = ArticleId{static_cast<std::uint32_t>(s.integer(0))};
    hit.title = s.text(1);
    hit.outlet = s.text(2);
    hit.published = s.text(3);
    hit.source = s.text(4);
    // One line: the body's paragraph breaks become spaces.
    for (char c : s.text(5)) {
      bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
      if (space && (hit.snippet.empty() || hit.snippet.back() == ' ')) continue;
      hit.snippet.push_back(space ? ' ' : c);
    }
    hit.story = static_cast<std::uint32_t>(s.integer(6));
    out.push_back(std::move(hit));
  }
  if (rc != SQLITE_DONE) return impl_->fail("cannot search");
  return out;
}

}  // namespace precis::store
