#include "precis/harness/summary_eval.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "precis/engine/pipeline.h"
#include "precis/eval/duc_dataset.h"

namespace precis::harness {
namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

summarize::SummaryOptions summary_options_for(Setting setting, summarize::SummaryOptions base) {
  base.fill_budget = true;
  if (setting == Setting::kWords100) {
    base.max_words = 100;
    base.max_bytes = 0;
  } else {
    base.max_words = 0;
    base.max_bytes = 665;
  }
  return base;
}

eval::RougeOptions rouge_options_for(Setting setting) {
  return setting == Setting::kWords100 ? eval::rouge_options_words100() : eval::rouge_options_bytes665();
}

Result<SummaryEvalReport> evaluate_summaries(const SummaryEvalOptions& options, Diagnostics& diagnostics) {
  auto dataset = eval::load_duc_dataset(options.dataset_dir, &diagnostics);
  if (!dataset) return tl::unexpected(dataset.error());
  eval::RougeOptions rouge = rouge_options_for(options.setting);
  rouge.resamples = options.resamples;
  rouge.skip_distance = 4;  // ROUGE-SU4 (-2 4 -u), reported beside
  rouge.skip_unigrams = true;
  auto exceptions = eval::load_wordnet_exceptions();
  if (exceptions) rouge.stem_exceptions = &*exceptions;
  else diagnostics.push_back({"rouge", "WordNet exception lists not found; stemming without them: " + exceptions.error().message});

  SummaryEvalReport report;
  summarize::SummaryOptions summary = summary_options_for(options.setting, options.summary);
  engine::DigestOptions digest;
  digest.summary = summary;
  if (!options.out_dir.empty()) std::filesystem::create_directories(options.out_dir);

  std::vector<eval::RougeTopic> units;
  for (const eval::DucTopic& topic : dataset->topics) {
    if (topic.model_paths.empty() || topic.document_paths.empty()) continue;
    auto t0 = std::chrono::steady_clock::now();
    std::vector<RawArticle> raw;
    ingest::ReadStats stats;
    ingest::read_paths(topic.document_paths, digest.read, [&](RawArticle&& a) { raw.push_back(std::move(a)); },
                       diagnostics, stats);
    std::vector<Article> articles = engine::prepare_articles(std::move(raw), digest, diagnostics);
    engine::mark_duplicates(articles);
    report.read_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    report.documents += articles.size();

    double c0 = thread_cpu_seconds();
    std::vector<const Article*> pointers;
    for (const Article& a : articles) pointers.push_back(&a);
    std::vector<SummarySentence> sentences = summarize::summarize(pointers, summary);
    report.summarize_cpu_seconds += thread_cpu_seconds() - c0;

    eval::RougeTopic unit;
    unit.id = topic.id;
    std::string text;
    for (const SummarySentence& s : sentences) {
      unit.peer.lines.push_back(s.text);
      text += s.text + "\n";
    }
    for (const std::string& m : topic.model_paths) {
      auto model = eval::read_summary_file(m);
      if (model) unit.models.push_back(std::move(*model));
      else diagnostics.push_back({m, model.error().message});
    }
    if (!options.out_dir.empty()) {
      std::ofstream out(std::filesystem::path(options.out_dir) / (topic.id + ".precis"), std::ios::binary);
      out << text;
    }
    units.push_back(std::move(unit));
    ++report.topics;
  }
  report.rows.push_back({"precis", eval::evaluate(units, rouge, "precis")});
  if (options.score_peers) {
    for (const std::string& system : dataset->systems) {
      auto peer_units = eval::rouge_topics_for_system(*dataset, system, &diagnostics);
      if (!peer_units) {
        diagnostics.push_back({system, peer_units.error().message});
        continue;
      }
      report.rows.push_back({system, eval::evaluate(*peer_units, rouge, system)});
    }
  }
  return report;
}

std::string format_table(const SummaryEvalReport& report, Setting setting) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%s, %zu topics, ROUGE recall x100 (95%% interval)\n",
                setting == Setting::kWords100 ? "100 words (-n 4 -m -l 100 -2 4 -u)" : "665 bytes (-n 4 -m -b 665 -2 4 -u)",
                report.topics);
  out += line;
  std::snprintf(line, sizeof line, "%-12s %-22s %-22s %-20s %-22s\n", "system", "R-1", "R-2", "R-4", "R-SU4");
  out += line;
  auto cell = [](const eval::RougeResult& r, const char* name) {
    const eval::RougeMetricResult* m = r.find(name);
    char buf[64];
    if (!m) return std::string("-");
    std::snprintf(buf, sizeof buf, "%5.2f (%5.2f-%5.2f)", 100 * m->average.score.recall,
                  100 * m->average.recall_ci.low, 100 * m->average.recall_ci.high);
    return std::string(buf);
  };
  for (const SystemRow& row : report.rows) {
    std::snprintf(line, sizeof line, "%-12s %-22s %-22s %-20s %-22s\n", row.system.c_str(),
                  cell(row.rouge, "ROUGE-1").c_str(), cell(row.rouge, "ROUGE-2").c_str(),
                  cell(row.rouge, "ROUGE-4").c_str(), cell(row.rouge, "ROUGE-SU4").c_str());
    out += line;
  }
  return out;
}

}  // namespace precis::harness
