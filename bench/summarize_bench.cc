// Summarization benchmarks on real DUC 2004 texts (../shared/data; skipped when absent).
//
//   BM_SummarizeDuc2004/solver    all 50 clusters, the summarization stage only (reading and the
//                                 text layer excluded): issue 3 asks for < 1 s CPU in total.
//   BM_SummarizeStory/N           one story of N articles (10 .. 10,000), each article built from
//                                 sentences of real DUC 2004 documents drawn with a fixed seed, so
//                                 that articles are distinct and the vocabulary is real. Reports
//                                 time and the resident-memory growth of the run.
// Both use the learnt concept model when `precis eval summaries` has cached one (the label says).
// Each benchmark checks its answer (a non-empty summary within the budget) and fails otherwise.
#include <cstdlib>

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <random>

#include "precis/engine/pipeline.h"
#include "precis/eval/duc_dataset.h"
#include "precis/summarize/candidates.h"
#include "precis/summarize/summarizer.h"

namespace {

using namespace precis;

struct Cluster {
  std::vector<Article> articles;
};

const std::vector<Cluster>& duc2004() {
  static std::vector<Cluster> clusters = [] {
    std::vector<Cluster> out;
    auto dataset = eval::load_duc_dataset(eval::shared_data_dir() + "/duc2004_task2");
    if (!dataset) return out;
    engine::DigestOptions options;
    for (const eval::DucTopic& topic : dataset->topics) {
      std::vector<RawArticle> raw;
      Diagnostics diagnostics;
      ingest::ReadStats stats;
      ingest::read_paths(topic.document_paths, options.read, [&](RawArticle&& a) { raw.push_back(std::move(a)); },
                         diagnostics, stats);
      Cluster c;
      c.articles = engine::prepare_articles(std::move(raw), options, diagnostics);
      engine::mark_duplicates(c.articles);
      out.push_back(std::move(c));
    }
    return out;
  }();
  return clusters;
}

long max_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

bool check_summary(const std::vector<SummarySentence>& summary, std::uint32_t budget) {
  if (summary.empty()) return false;
  std::uint32_t words = 0;
  for (const SummarySentence& s : summary) words += summarize::count_words(s.text);
  return words <= budget;
}

void BM_SummarizeDuc2004(benchmark::State& state) {
  const auto& clusters = duc2004();
  if (clusters.empty()) {
    state.SkipWithError("../shared/data/duc2004_task2 not found: skipped");
    return;
  }
  summarize::SummaryOptions options;
  options.solver = state.range(0) == 0 ? summarize::Solver::kIlp : summarize::Solver::kGreedy;
  // The learnt concept values when `precis eval summaries` has cached a model, as in evaluation.
  options.concept_model = summarize::load_cached_concept_model();
  // Tuning aid: PRECIS_BENCH_WORK_LIMIT overrides the exact solver's simplex-iteration limit.
  if (const char* limit = std::getenv("PRECIS_BENCH_WORK_LIMIT")) options.ilp_work_limit = static_cast<std::uint32_t>(std::strtoul(limit, nullptr, 10));
  state.counters["work_limit"] = options.ilp_work_limit;
  for (auto _ : state) {
    for (const Cluster& c : clusters) {
      std::vector<const Article*> pointers;
      for (const Article& a : c.articles) pointers.push_back(&a);
      auto summary = summarize::summarize(pointers, options);
      if (!check_summary(summary, options.max_words)) {
        state.SkipWithError("empty or over-budget summary");
        return;
      }
      benchmark::DoNotOptimize(summary);
    }
  }
  state.counters["clusters"] = static_cast<double>(clusters.size());
  state.SetLabel(std::string(state.range(0) == 0 ? "ilp" : "greedy") +
                 (options.concept_model ? ", learnt concepts" : ", document frequency"));
}
BENCHMARK(BM_SummarizeDuc2004)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// Synthetic stories of real sentences.
std::vector<Article> synthetic_story(std::size_t n) {
  const auto& clusters = duc2004();
  std::vector<std::string> sentences;
  for (const Cluster& c : clusters) {
    for (const Article& a : c.articles) {
      for (const Sentence& s : a.sentences) sentences.emplace_back(a.sentence_text(s));
    }
  }
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::size_t> pick(0, sentences.size() - 1);
  std::uniform_int_distribution<int> length(8, 30);
  std::vector<RawArticle> raw;
  raw.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    RawArticle r;
    r.meta.source = "synthetic-" + std::to_string(i);
    r.meta.language = "en";
    int k = length(rng);
    for (int j = 0; j < k; ++j) {
      r.body += sentences[pick(rng)];
      r.body += (j % 4 == 3) ? "\n\n" : " ";
    }
    r.original = r.body;
    r.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(r.body.size()));
    raw.push_back(std::move(r));
  }
  engine::DigestOptions options;
  options.remove_boilerplate = false;
  options.language = "en";
  Diagnostics diagnostics;
  return engine::prepare_articles(std::move(raw), options, diagnostics);
}

void BM_SummarizeStory(benchmark::State& state) {
  if (duc2004().empty()) {
    state.SkipWithError("../shared/data/duc2004_task2 not found: skipped");
    return;
  }
  std::vector<Article> articles = synthetic_story(static_cast<std::size_t>(state.range(0)));
  std::vector<const Article*> pointers;
  for (const Article& a : articles) pointers.push_back(&a);
  summarize::SummaryOptions options;
  options.concept_model = summarize::load_cached_concept_model();
  long rss_before = max_rss_kib();
  for (auto _ : state) {
    auto summary = summarize::summarize(pointers, options);
    if (!check_summary(summary, options.max_words)) {
      state.SkipWithError("empty or over-budget summary");
      return;
    }
    benchmark::DoNotOptimize(summary);
  }
  state.counters["articles"] = static_cast<double>(articles.size());
  state.counters["peak_rss_growth_MiB"] = static_cast<double>(max_rss_kib() - rss_before) / 1024.0;
  state.counters["peak_rss_MiB"] = static_cast<double>(max_rss_kib()) / 1024.0;
}
BENCHMARK(BM_SummarizeStory)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
