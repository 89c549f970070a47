// cluster_stream_bench: a synthetic news stream of N articles built from real DUC 2004 texts,
// streamed through dedup::DuplicateIndex and cluster::StoryClusterer. Prints throughput per
// segment (the cost-per-article curve), peak memory and index sizes, and checks its answer: the
// known copies and rewrites it planted must be found (exit 1 when recall < 0.9).
//
// Usage: cluster_stream_bench [N=100000] [articles_per_day=3000] [seed=1]
// The text layer runs once over the DUC documents; the stream re-assembles their annotated
// sentences (token level), so the numbers measure dedup + clustering, not tokenisation.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "precis/cluster/story_clusterer.h"
#include "precis/dedup/duplicate_index.h"
#include "precis/engine/pipeline.h"
#include "precis/eval/duc_dataset.h"
#include "precis/ingest/reader.h"

using namespace precis;

namespace {

struct SentenceTokens {
  std::vector<Token> tokens;
};

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Builds an Article from sentences (token level; spans are not meaningful).
Article assemble(const std::vector<const SentenceTokens*>& parts, const std::vector<std::string>& names,
                 const std::string& date) {
  Article a;
  a.meta.published = date;
  a.text.assign(1, ' ');  // not = " ": GCC 12 reports a false -Wrestrict on it (PR 105329)
  for (std::size_t p = 0; p < parts.size(); ++p) {
    Sentence s;
    s.first_token = static_cast<std::uint32_t>(a.tokens.size());
    for (const Token& t : parts[p]->tokens) a.tokens.push_back(t);
    // The story's names, as a wire story repeats them.
    Token name;
    name.is_word = true;
    name.lower = names[p % names.size()];
    name.stem = name.lower;
    a.tokens.push_back(name);
    s.token_count = static_cast<std::uint32_t>(a.tokens.size()) - s.first_token;
    a.sentences.push_back(s);
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  const std::size_t per_day = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 3000;
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  const std::string dir = eval::shared_data_dir() + "/duc2004_task2";
  auto dataset = eval::load_duc_dataset(dir);
  if (!dataset) {
    std::fprintf(stderr, "cluster_stream_bench: skipped: %s\n", dataset.error().message.c_str());
    return 0;
  }
  std::vector<std::string> paths;
  for (const auto& t : dataset->topics) paths.insert(paths.end(), t.document_paths.begin(), t.document_paths.end());
  std::vector<RawArticle> raw;
  Diagnostics diagnostics;
  ingest::ReadStats stats;
  ingest::read_paths(paths, {}, [&](RawArticle&& r) { raw.push_back(std::move(r)); }, diagnostics, stats);
  std::vector<Article> docs = engine::prepare_articles(std::move(raw), engine::DigestOptions{}, diagnostics);
  // Sentence pool per source document.
  std::vector<std::vector<SentenceTokens>> pool;
  for (const Article& d : docs) {
    std::vector<SentenceTokens> sents;
    for (const Sentence& s : d.sentences) {
      SentenceTokens st;
      st.tokens.assign(d.tokens.begin() + s.first_token, d.tokens.begin() + s.first_token + s.token_count);
      sents.push_back(std::move(st));
    }
    if (sents.size() >= 4) pool.push_back(std::move(sents));
  }
  std::printf("cluster_stream_bench: %zu articles, %zu per day, %zu source documents, seed %llu\n", n, per_day,
              pool.size(), static_cast<unsigned long long>(seed));

  std::mt19937_64 rng(seed);
  dedup::DuplicateIndex index;
  cluster::StoryClusterer clusterer;
  // Recent originals (for planting copies): arrival index and how to rebuild them.
  struct Recent {
    std::uint32_t id;
    std::vector<const SentenceTokens*> parts;
    std::vector<std::string> names;
  };
  std::vector<Recent> recent;
  std::size_t planted = 0, found = 0, false_links = 0;
  const std::size_t segment = std::max<std::size_t>(1, n / 10);
  auto t_start = std::chrono::steady_clock::now();
  auto t_seg = t_start;
  double cpu_seg = cpu_seconds();
  double processing = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t day = i / per_day;
    char date[64];  // room for any size_t, so -Wformat-truncation has nothing to say
    std::snprintf(date, sizeof date, "%04zu-%02zu-%02zuT%02zu:00:00Z", 2000 + day / 336, 1 + (day / 28) % 12,
                  1 + day % 28, (i % per_day) * 24 / per_day);
    int kind = static_cast<int>(rng() % 10);  // 0: exact copy, 1: trimmed copy, 2: reordered copy, else new
    Article a;
    std::optional<std::uint32_t> copy_of;
    if (kind <= 2 && !recent.empty()) {
      const Recent& r = recent[rng() % recent.size()];
      std::vector<const SentenceTokens*> parts = r.parts;
      if (kind == 1) parts.resize(std::max<std::size_t>(3, parts.size() * 2 / 3));
      if (kind == 2) std::shuffle(parts.begin(), parts.end(), rng);
      a = assemble(parts, r.names, date);
      copy_of = r.id;
    } else {
      const auto& src = pool[rng() % pool.size()];
      std::vector<const SentenceTokens*> parts;
      std::size_t count = 6 + rng() % 10;
      std::size_t start = rng() % src.size();
      for (std::size_t k = 0; k < count && k < src.size(); ++k) parts.push_back(&src[(start + k) % src.size()]);
      std::vector<std::string> names;
      for (int k = 0; k < 3; ++k) names.push_back("name" + std::to_string(rng() % 200000));
      a = assemble(parts, names, date);
      if (recent.size() < 2000) {
        recent.push_back(Recent{static_cast<std::uint32_t>(i), parts, names});
      } else {
        recent[rng() % recent.size()] = Recent{static_cast<std::uint32_t>(i), parts, names};
      }
    }
    auto t0 = std::chrono::steady_clock::now();
    auto link = index.add(a);
    clusterer.add(a, link ? std::optional<std::uint32_t>(link->original) : std::nullopt);
    processing += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (copy_of) {
      ++planted;
      found += link.has_value();
    } else if (link) {
      ++false_links;  // may be a true overlap: sources share DUC sentences
    }
    if ((i + 1) % segment == 0) {
      auto now = std::chrono::steady_clock::now();
      double seg_s = std::chrono::duration<double>(now - t_seg).count();
      t_seg = now;
      double cpu_now = cpu_seconds();
      double cpu_per_article_us = (cpu_now - cpu_seg) / static_cast<double>(segment) * 1e6;
      cpu_seg = cpu_now;
      auto is = index.stats();
      auto cs = clusterer.stats();
      std::printf("  %8zu articles: %6.0f us CPU per article; %8.0f articles/s wall in this segment; peak RSS %7.1f MiB; dedup live %zu, lsh %zu; "
                  "stories %u (open %zu), postings %zu, vocabulary %zu\n",
                  i + 1, cpu_per_article_us, static_cast<double>(segment) / seg_s, peak_rss_mib(), is.live_articles, is.lsh_entries,
                  cs.stories, cs.open_stories, cs.posting_entries, cs.vocabulary);
      std::fflush(stdout);
    }
  }
  {
    auto t0 = std::chrono::steady_clock::now();
    clusterer.flush();  // the articles still waiting for delayed assignment
    processing += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
  double recall = planted ? static_cast<double>(found) / static_cast<double>(planted) : 1.0;
  std::printf("total %.1f s wall, %.1f s CPU (%.1f s wall in dedup + clustering: %.0f articles/s); peak RSS %.1f MiB\n",
              total, cpu_seconds(), processing, static_cast<double>(n) / processing, peak_rss_mib());
  std::printf("planted copies %zu, found %zu (recall %.4f); links on fresh articles %zu (%.4f of them; they reuse DUC sentences, so most are real overlaps)\n", planted,
              found, recall, false_links, n > planted ? static_cast<double>(false_links) / static_cast<double>(n - planted) : 0.0);
  return recall >= 0.9 ? 0 : 1;
}
