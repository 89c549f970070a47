#include "precis/harness/summary_eval.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>

#include "precis/engine/pipeline.h"
#include "precis/eval/duc_dataset.h"
#include "precis/summarize/concept_model.h"

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

namespace {

// One topic in memory: its articles (text layer done, copies marked), its references as ROUGE
// reads them and as concept keys.
struct LoadedTopic {
  std::string id;
  std::vector<Article> articles;
  std::vector<eval::RougeSummary> models;
  std::vector<summarize::ReferenceConcepts> references;
};

std::vector<LoadedTopic> load_topics(const eval::DucDataset& dataset, const engine::DigestOptions& digest,
                                     Diagnostics& diagnostics, double& read_seconds) {
  engine::DigestOptions reference_digest = digest;
  reference_digest.remove_boilerplate = false;
  reference_digest.language = "en";
  std::vector<LoadedTopic> out;
  for (const eval::DucTopic& topic : dataset.topics) {
    if (topic.model_paths.empty() || topic.document_paths.empty()) continue;
    auto t0 = std::chrono::steady_clock::now();
    LoadedTopic loaded;
    loaded.id = topic.id;
    std::vector<RawArticle> raw;
    ingest::ReadStats stats;
    ingest::read_paths(topic.document_paths, digest.read, [&](RawArticle&& a) { raw.push_back(std::move(a)); },
                       diagnostics, stats);
    loaded.articles = engine::prepare_articles(std::move(raw), digest, diagnostics);
    engine::mark_duplicates(loaded.articles);
    std::vector<RawArticle> reference_raw;
    for (const std::string& m : topic.model_paths) {
      auto model = eval::read_summary_file(m);
      if (!model) {
        diagnostics.push_back({m, model.error().message});
        continue;
      }
      RawArticle r;
      for (const std::string& line : model->lines) r.body += line + "\n\n";
      r.original = r.body;
      r.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(r.body.size()));
      r.meta.source = m;
      reference_raw.push_back(std::move(r));
      loaded.models.push_back(std::move(*model));
    }
    for (const Article& r : engine::prepare_articles(std::move(reference_raw), reference_digest, diagnostics)) {
      loaded.references.push_back(summarize::reference_concepts(r));
    }
    read_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out.push_back(std::move(loaded));
  }
  return out;
}

std::vector<const Article*> pointers_to(const std::vector<Article>& articles) {
  std::vector<const Article*> out;
  for (const Article& a : articles) out.push_back(&a);
  return out;
}

struct TopicExamples {
  std::vector<summarize::ConceptExample> bigrams;
  std::vector<summarize::ConceptExample> unigrams;
};

TopicExamples examples_of(const LoadedTopic& topic, const summarize::SummaryOptions& summary) {
  TopicExamples out;
  std::vector<const Article*> pointers = pointers_to(topic.articles);
  std::vector<bool> skip(pointers.size());
  for (std::size_t i = 0; i < pointers.size(); ++i) skip[i] = pointers[i]->duplicate_of.has_value();
  summarize::CandidateSet set = summarize::build_candidates(pointers, skip, summary.candidates);
  summarize::add_training_examples(set, topic.references, summary.model_min_df, out.bigrams, out.unigrams);
  return out;
}

// Trains on every topic whose fold differs from `held_out` (-1: every topic).
Result<summarize::ConceptModel> train_model(const std::vector<TopicExamples>& examples, int folds, int held_out) {
  std::vector<summarize::ConceptExample> bigrams, unigrams;
  for (std::size_t t = 0; t < examples.size(); ++t) {
    if (held_out >= 0 && static_cast<int>(t % static_cast<std::size_t>(folds)) == held_out) continue;
    bigrams.insert(bigrams.end(), examples[t].bigrams.begin(), examples[t].bigrams.end());
    unigrams.insert(unigrams.end(), examples[t].unigrams.begin(), examples[t].unigrams.end());
  }
  return summarize::ConceptModel::train(bigrams, unigrams);
}

}  // namespace

Result<summarize::ConceptModel> train_concept_model(const std::string& dataset_dir,
                                                    const summarize::SummaryOptions& summary, Diagnostics& diagnostics) {
  auto train_set = eval::load_duc_dataset(dataset_dir, &diagnostics);
  if (!train_set) return make_error("training set: " + train_set.error().message);
  engine::DigestOptions digest;
  digest.summary = summary;
  double ignored = 0;
  std::vector<LoadedTopic> train_topics = load_topics(*train_set, digest, diagnostics, ignored);
  std::vector<TopicExamples> examples;
  for (const LoadedTopic& t : train_topics) examples.push_back(examples_of(t, summary));
  auto model = train_model(examples, 2, -1);
  if (!model) return make_error("concept model: " + model.error().message);
  return model;
}

std::shared_ptr<const summarize::ConceptModel> train_default_concept_model() {
  const std::string dir = eval::shared_data_dir() + "/duc2003_task2";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return nullptr;
  Diagnostics ignored;
  auto model = train_concept_model(dir, summarize::SummaryOptions{}, ignored);
  if (!model) return nullptr;
  summarize::save_cached_concept_model(*model);  // best effort: without it the next process trains again
  return std::make_shared<const summarize::ConceptModel>(std::move(*model));
}

std::shared_ptr<const summarize::ConceptModel> default_concept_model() {
  return summarize::default_concept_model(&train_default_concept_model);
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

  std::vector<LoadedTopic> topics = load_topics(*dataset, digest, diagnostics, report.read_seconds);
  for (const LoadedTopic& t : topics) report.documents += t.articles.size();

  // The concept model of each topic: none, one trained on another data set, or cross-validated.
  std::vector<std::shared_ptr<const summarize::ConceptModel>> model_of(topics.size());
  report.model_note = "concepts valued by document frequency (unsupervised)";
  if (!options.train_dataset_dir.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    bool same = fs::equivalent(options.train_dataset_dir, options.dataset_dir, ec);
    int folds = std::max(2, options.folds);
    if (same) {
      std::vector<TopicExamples> examples;
      for (const LoadedTopic& t : topics) examples.push_back(examples_of(t, summary));
      for (int f = 0; f < folds; ++f) {
        auto model = train_model(examples, folds, f);
        if (!model) return make_error("concept model: " + model.error().message);
        auto shared = std::make_shared<const summarize::ConceptModel>(std::move(*model));
        for (std::size_t t = 0; t < topics.size(); ++t) {
          if (static_cast<int>(t % static_cast<std::size_t>(folds)) == f) model_of[t] = shared;
        }
      }
      report.model_note = "learnt concept values, " + std::to_string(folds) + "-fold cross-validated on this data set";
    } else {
      auto train_set = eval::load_duc_dataset(options.train_dataset_dir, &diagnostics);
      if (!train_set) return make_error("training set: " + train_set.error().message);
      const std::size_t train_topics = train_set->topics.size();
      auto model = train_concept_model(options.train_dataset_dir, summary, diagnostics);
      if (!model) return tl::unexpected(model.error());
      if (options.cache_model && !summarize::save_cached_concept_model(*model)) {
        diagnostics.push_back({"concept model", "could not write " + summarize::concept_model_cache_path()});
      }
      auto shared = std::make_shared<const summarize::ConceptModel>(std::move(*model));
      std::fill(model_of.begin(), model_of.end(), shared);
      report.model_note = "learnt concept values, trained on " + std::to_string(train_topics) + " topics of " +
                          options.train_dataset_dir;
    }
  }

  std::vector<eval::RougeTopic> units;
  for (std::size_t t = 0; t < topics.size(); ++t) {
    LoadedTopic& topic = topics[t];
    summarize::SummaryOptions topic_summary = summary;
    topic_summary.concept_model = model_of[t];
    double c0 = thread_cpu_seconds();
    std::vector<SummarySentence> sentences = summarize::summarize(pointers_to(topic.articles), topic_summary);
    report.summarize_cpu_seconds += thread_cpu_seconds() - c0;

    eval::RougeTopic unit;
    unit.id = topic.id;
    std::string text;
    for (const SummarySentence& s : sentences) {
      unit.peer.lines.push_back(s.text);
      text += s.text + "\n";
    }
    unit.models = std::move(topic.models);
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
