// precis add / show / search / serve: a store of articles (one SQLite file) kept digested, and its
// HTTP API and web page. `add` reads articles into the store and digests what it holds; `show`
// prints the stored digest; `search` finds stored articles; `serve` answers HTTP on loopback
// (docs/http_api.md).
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "precis/harness/summary_eval.h"
#include "precis/server/http_server.h"
#include "precis/server/newsroom.h"

namespace precis::cli {
namespace {

// The digest options a store is refreshed with.
struct StoreArgs {
  std::string db;
  std::uint32_t words = 100;
  std::uint32_t stories = 0;
  std::uint32_t window_days = 0;
  double half_life = 3;
  bool no_facts = false;
  bool keep_boilerplate = false;
  std::string language;
  bool quiet = false;
  unsigned threads = 0;
  double join_similarity = cluster::ClusterOptions{}.join_similarity;
  std::size_t max_pages = 30;
  double timeout = 30;
};

void add_store_options(CLI::App* cmd, StoreArgs& args) {
  cmd->add_option("--db", args.db, "The store: a SQLite file, created when missing")->required();
  cmd->add_option("-w,--words", args.words, "Summary budget in words for every story")->capture_default_str();
  cmd->add_option("-n,--stories", args.stories, "Keep the N best-ranked stories in the digest; 0 keeps all")
      ->capture_default_str();
  cmd->add_option("--window-days", args.window_days,
                  "Digest only the articles of the last N days (by publication date, up to the newest; undated: "
                  "added in the last N days); 0 digests every stored article")
      ->capture_default_str();
  cmd->add_option("--half-life", args.half_life, "Ranking: a story's weight halves every this many days of age")
      ->capture_default_str();
  cmd->add_option("-l,--language", args.language, "Force the language (ISO 639-1); default: detect");
  cmd->add_option("--join-similarity", args.join_similarity,
                  "Cosine an article needs with a story to join it (0-1): higher keeps more stories apart. The default "
                  "suits a news stream; a mixed pile of web pages stays apart better near 0.2 (docs/clustering.md)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_flag("--no-facts", args.no_facts, "Skip the key facts (figures, names, timeline)");
  cmd->add_flag("--keep-boilerplate", args.keep_boilerplate, "Do not remove promo lines, captions, bylines, ...");
  cmd->add_option("-j,--threads", args.threads,
                  "Threads for cleaning, summaries and facts; 0: one per core (the output is the same)")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args.quiet, "Only errors on stderr");
}

engine::DigestOptions digest_options(const StoreArgs& args) {
  engine::DigestOptions options;
  options.summary.max_words = args.words;
  options.max_stories = args.stories;
  options.half_life_days = args.half_life;
  options.facts = !args.no_facts;
  options.remove_boilerplate = !args.keep_boilerplate;
  options.threads = args.threads;
  options.cluster.join_similarity = args.join_similarity;
  options.language = args.language;
  options.summary.concept_model = harness::default_concept_model();
  options.urls.max_pages_per_feed = args.max_pages;
  options.urls.fetch.timeout_ms = static_cast<long>(args.timeout * 1000);
  return options;
}

std::unique_ptr<server::Newsroom> open_newsroom(const StoreArgs& args) {
  auto store = store::Store::open(args.db);
  if (!store) {
    std::fprintf(stderr, "precis: %s\n", store.error().message.c_str());
    return nullptr;
  }
  return std::make_unique<server::Newsroom>(std::move(*store), digest_options(args), args.window_days);
}

void print_diagnostics(const Diagnostics& diagnostics, bool quiet) {
  for (const Diagnostic& d : diagnostics) {
    if (quiet && d.severity != Severity::kError) continue;
    std::fprintf(stderr, "precis: %s: %s\n", d.source.c_str(), d.message.c_str());
  }
}

int run_add(const StoreArgs& args, const std::vector<std::string>& paths) {
  auto newsroom = open_newsroom(args);
  if (!newsroom) return 1;
  if (paths.empty()) {
    auto stories = newsroom->refresh();
    if (!stories) {
      std::fprintf(stderr, "precis: %s\n", stories.error().message.c_str());
      return 1;
    }
    if (!args.quiet) {
      auto info = newsroom->digest_info();
      std::uint32_t digested = info && *info ? (*info)->articles_digested : 0;
      std::fprintf(stderr, "precis: %s: digested %u of its %u articles again: %u stories\n", args.db.c_str(), digested,
                   newsroom->article_count(), *stories);
    }
    return 0;
  }
  auto outcome = newsroom->add_paths(paths);
  if (!outcome) {
    std::fprintf(stderr, "precis: %s\n", outcome.error().message.c_str());
    return 1;
  }
  print_diagnostics(outcome->diagnostics, args.quiet);
  if (!args.quiet) {
    std::string skipped;
    for (const auto& [reason, n] : outcome->read_stats.skipped_by_reason) {
      skipped += (skipped.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
    }
    for (const auto& [reason, n] : outcome->url_stats.skipped_by_reason) {
      skipped += (skipped.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
    }
    std::fprintf(stderr, "precis: read %u article%s", outcome->read, outcome->read == 1 ? "" : "s");
    if (!skipped.empty()) std::fprintf(stderr, " (skipped: %s)", skipped.c_str());
    std::fprintf(stderr, "; %u new, %u already stored; %s holds %u article%s in %u stor%s\n", outcome->stored.added,
                 outcome->stored.already_stored, args.db.c_str(), outcome->articles_stored,
                 outcome->articles_stored == 1 ? "" : "s", outcome->stories, outcome->stories == 1 ? "y" : "ies");
  }
  if (outcome->read == 0) {
    std::fprintf(stderr, "precis: nothing usable was read\n");
    return 1;
  }
  return 0;
}

int run_show(const std::string& db, std::string format, const std::string& output) {
  auto store = store::Store::open(db);
  if (!store) {
    std::fprintf(stderr, "precis: %s\n", store.error().message.c_str());
    return 1;
  }
  if (format == "markdown") format = "md";
  if (format == "txt") format = "text";
  auto body = store->rendition(format);
  if (!body) {
    std::fprintf(stderr, "precis: %s\n", body.error().message.c_str());
    return 1;
  }
  if (!*body) {
    std::fprintf(stderr, "precis: %s holds no digest yet; add articles with: precis add --db %s PATH...\n", db.c_str(),
                 db.c_str());
    return 1;
  }
  if (output.empty() || output == "-") {
    std::fwrite((*body)->data(), 1, (*body)->size(), stdout);
    std::fflush(stdout);
    return 0;
  }
  std::ofstream out(output, std::ios::binary);
  out << **body;
  if (!out) {
    std::fprintf(stderr, "precis: cannot write %s\n", output.c_str());
    return 1;
  }
  return 0;
}

int run_search(const std::string& db, const std::vector<std::string>& words, std::uint32_t limit,
               const std::string& format) {
  auto store = store::Store::open(db);
  if (!store) {
    std::fprintf(stderr, "precis: %s\n", store.error().message.c_str());
    return 1;
  }
  std::string query;
  for (const std::string& w : words) query += (query.empty() ? "" : " ") + w;
  auto hits = store->search(query, limit);
  if (!hits) {
    std::fprintf(stderr, "precis: %s\n", hits.error().message.c_str());
    return 1;
  }
  std::string out;
  if (format == "json") {
    out = server::search_json(query, *hits);
  } else {
    // One hit per paragraph: id, date, outlet (or source), title, story; then the snippet.
    for (const store::SearchHit& h : *hits) {
      out += "[" + std::to_string(h.article.value) + "] " + (h.published.empty() ? "undated" : h.published.substr(0, 10)) +
             "  " + (h.outlet.empty() ? h.source : h.outlet);
      if (!h.title.empty()) out += "  " + h.title;
      if (h.story) out += "  (story " + std::to_string(h.story) + ")";
      out += "\n    " + h.snippet + "\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  std::fprintf(stderr, "precis: %zu article%s found\n", hits->size(), hits->size() == 1 ? "" : "s");
  return hits->empty() ? 3 : 0;
}

int run_serve(const StoreArgs& args, const std::string& host, int port, double refresh_delay) {
  auto newsroom = open_newsroom(args);
  if (!newsroom) return 1;
  server::ServerOptions options;
  options.host = host;
  options.port = port;
  options.refresh.settle = std::chrono::milliseconds(static_cast<std::int64_t>(refresh_delay * 1000));
  const bool quiet = args.quiet;
  options.on_refresh = [quiet](const server::RefreshReport& r) {
    if (!r.ok) {
      std::fprintf(stderr, "precis: digest failed (the articles stay stored; it is tried again): %s\n",
                   r.error.c_str());
    } else if (!quiet) {
      std::fprintf(stderr, "precis: digested %u article%s: %u stor%s in %.1f s\n", r.articles,
                   r.articles == 1 ? "" : "s", r.stories, r.stories == 1 ? "y" : "ies", r.seconds);
    }
  };
  if (!args.quiet) {
    options.on_request = [](const std::string& method, const std::string& target, int status) {
      // As sent by the client: control bytes (a terminal's escape sequences) are shown as '?'.
      std::string shown = target;
      for (char& c : shown) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
      }
      std::fprintf(stderr, "precis: %s %s %d\n", method.c_str(), shown.c_str(), status);
    };
  }
  // SIGINT and SIGTERM stop the server from a thread that waits for them (the pool threads the
  // server starts inherit the blocked mask).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  server::HttpServer http(*newsroom, options);
  auto bound = http.bind();
  if (!bound) {
    std::fprintf(stderr, "precis: %s\n", bound.error().message.c_str());
    return 1;
  }
  auto rows = newsroom->stories();
  std::fprintf(stderr, "precis: serving %s (%u articles, %zu stories) on http://%s:%d/ ; Ctrl-C stops\n",
               args.db.c_str(), newsroom->article_count(), rows ? rows->size() : 0, host.c_str(), *bound);
  std::thread([&http, signals]() {
    int sig = 0;
    sigwait(&signals, &sig);
    http.stop();
  }).detach();
  auto stale = newsroom->stale();
  if (stale && *stale && !args.quiet) {
    std::fprintf(stderr, "precis: articles stored since the last digest: digesting in the background\n");
  }
  bool ok = http.serve();
  if (!args.quiet) std::fprintf(stderr, "precis: stopped\n");
  return ok ? 0 : 1;
}

}  // namespace

void add_store_commands(CLI::App& app, int& exit_code) {
  {
    auto args = std::make_shared<StoreArgs>();
    auto paths = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = app.add_subcommand("add", "Add articles to a store (SQLite) and digest what it holds");
    cmd->footer(
        "\nEach article is stored once (same source and text: skipped), then the store (or, with\n"
        "--window-days, its recent articles) is digested again into stories, summaries and facts, saved\n"
        "in the store for `precis show` and `precis serve`. Each digest takes about as long as\n"
        "`precis digest` on the same articles. With no paths, the store is digested again with the\n"
        "options given.\n\n"
        "Examples:\n"
        "  precis add --db news.db examples/\n"
        "  precis add --db news.db today.jsonl https://example.org/feed.xml\n"
        "  precis add --db news.db --words 150          digest again with a larger budget\n"
        "  precis add --db news.db --window-days 3 feed.jsonl   stories of the last three days only\n"
        "  sqlite3 news.db 'SELECT id, headline, articles FROM stories'");
    add_store_options(cmd, *args);
    cmd->add_option("paths", *paths, "Files, folders, URLs, or - for stdin (as precis digest reads them)");
    cmd->add_option("--max-pages", args->max_pages, "Per feed URL: fetch at most this many linked pages")
        ->capture_default_str();
    cmd->add_option("--timeout", args->timeout, "Per request, in seconds")->capture_default_str();
    cmd->callback([args, paths, &exit_code]() { exit_code = run_add(*args, *paths); });
  }
  {
    auto db = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("md");
    auto output = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("show", "Print the digest saved in a store");
    cmd->footer(
        "\nExamples:\n"
        "  precis show --db news.db\n"
        "  precis show --db news.db --format html -o digest.html");
    cmd->add_option("--db", *db, "The store (SQLite file)")->required()->check(CLI::ExistingFile);
    cmd->add_option("-f,--format", *format, "md, json, html or text")
        ->check(CLI::IsMember({"md", "markdown", "json", "html", "text", "txt"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", *output, "Write to this file instead of stdout");
    cmd->callback([db, format, output, &exit_code]() { exit_code = run_show(*db, *format, *output); });
  }
  {
    auto db = std::make_shared<std::string>();
    auto words = std::make_shared<std::vector<std::string>>();
    auto limit = std::make_shared<std::uint32_t>(20);
    auto format = std::make_shared<std::string>("text");
    CLI::App* cmd = app.add_subcommand("search", "Find stored articles by words and phrases");
    cmd->footer(
        "\nEvery word and every \"quoted phrase\" must appear (case and accents ignored); the best\n"
        "matches come first (a match in the title weighs more). Each hit: [article id] date outlet title\n"
        "(story in the saved digest), then the matching words in context.\n"
        "Exit status: 0 found, 3 nothing found, 1 the store failed, 2 wrong invocation.\n\n"
        "Examples:\n"
        "  precis search --db news.db kessel quay\n"
        "  precis search --db news.db '\"two berths\"' --format json");
    cmd->add_option("--db", *db, "The store (SQLite file)")->required()->check(CLI::ExistingFile);
    cmd->add_option("words", *words, "Words and \"quoted phrases\"")->required();
    cmd->add_option("-n,--limit", *limit, "At most this many articles")->capture_default_str()->check(CLI::Range(1, 100000));
    cmd->add_option("-f,--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->callback([db, words, limit, format, &exit_code]() { exit_code = run_search(*db, *words, *limit, *format); });
  }
  {
    auto args = std::make_shared<StoreArgs>();
    auto host = std::make_shared<std::string>("127.0.0.1");
    auto port = std::make_shared<int>(8080);
    auto refresh_delay = std::make_shared<double>(0.5);
    CLI::App* cmd = app.add_subcommand("serve", "Serve a store's digest as a web page and an HTTP API");
    cmd->footer(
        "\nGET / is the digest as a page; GET /api/stories, /api/stories/ID, /api/articles/ID and\n"
        "/api/search?q=WORDS answer JSON; POST /api/articles adds articles (JSON Lines, JSON, HTML, text\n"
        "or a feed). Posted articles are stored at once (202) and digested in the background: one digest\n"
        "for every burst of posts, once posts pause for --refresh-delay (at most 10 s after the first;\n"
        "POST /api/articles?wait=true answers after it, 201). GET /api/health tells whether the digest\n"
        "is current. The digest options above apply to digests made while serving.\n"
        "Each request and digest is logged on stderr (not with -q; the start-up line with the address\n"
        "and failed digests always are).\n"
        "Reference: docs/http_api.md.\n\n"
        "Examples:\n"
        "  precis serve --db news.db                     http://127.0.0.1:8080/\n"
        "  curl -s localhost:8080/api/stories\n"
        "  curl -s -H 'Content-Type: application/x-ndjson' --data-binary @today.jsonl localhost:8080/api/articles");
    add_store_options(cmd, *args);
    cmd->add_option("--host", *host, "Address to listen on (0.0.0.0: every interface)")->capture_default_str();
    cmd->add_option("-p,--port", *port, "Port (0 picks a free one)")->capture_default_str()->check(CLI::Range(0, 65535));
    cmd->add_option("--refresh-delay", *refresh_delay,
                    "Seconds without a post before posted articles are digested")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 3600.0));
    cmd->callback([args, host, port, refresh_delay, &exit_code]() {
      exit_code = run_serve(*args, *host, *port, *refresh_delay);
    });
  }
}

}  // namespace precis::cli
