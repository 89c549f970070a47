// precis eval rouge: ROUGE-1.5.5 scores of summaries on a DUC task-2 data set.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "precis/eval/duc_dataset.h"
#include "precis/eval/rouge.h"

namespace precis::cli {
namespace {

struct RougeArgs {
  std::string dataset;
  std::vector<std::string> systems;
  bool all_peers = false;
  std::string summaries;
  std::string suffix = ".precis";
  std::string setting = "words100";
  int words = -1;
  int bytes = -1;
  int max_n = -1;
  bool su4 = false;
  bool lcs = false;
  int resamples = 1000;
  bool no_wordnet = false;
  std::string wordnet_dir = eval::kWordNetDir;
  std::string format = "table";
  bool per_topic = false;
};

struct Run {
  std::string name;    // system id or summaries directory
  std::string setting;
  eval::RougeResult result;
};

void print_diagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    std::fprintf(stderr, "precis: %s: %s\n", d.source.c_str(), d.message.c_str());
  }
}

std::vector<std::string> table_metrics(const eval::RougeOptions& o) {
  std::vector<std::string> out;
  for (const auto& name : eval::rouge_metric_names(o)) {
    if (name == "ROUGE-3" || name.rfind("ROUGE-W", 0) == 0) continue;  // keep the table narrow
    out.push_back(name);
  }
  return out;
}

void print_table(const std::vector<Run>& runs, const eval::RougeOptions& o, std::size_t name_width) {
  const auto metrics = table_metrics(o);
  std::printf("%-*s", static_cast<int>(name_width), "system");
  for (const auto& m : metrics) std::printf("  %-25s", (m.substr(6) == "L" ? "R-L" : "R-" + m.substr(6)).c_str());
  std::printf("\n");
  for (const Run& run : runs) {
    std::printf("%-*s", static_cast<int>(name_width), run.name.c_str());
    for (const auto& m : metrics) {
      const auto* metric = run.result.find(m);
      if (metric == nullptr) continue;
      const auto& a = metric->average;
      std::printf("  %.5f (%.5f-%.5f)  ", a.score.recall, a.recall_ci.low, a.recall_ci.high);
    }
    std::printf("\n");
  }
}

// The exact layout of ROUGE-1.5.5's output (with -d when per_topic), for diffing.
void print_rouge(const Run& run, const RougeArgs& args) {
  for (const auto& metric : run.result.metrics) {
    const auto& a = metric.average;
    std::printf("---------------------------------------------\n");
    const std::pair<const char*, std::pair<double, eval::RougeInterval>> parts[] = {
        {"R", {a.score.recall, a.recall_ci}},
        {"P", {a.score.precision, a.precision_ci}},
        {"F", {a.score.f, a.f_ci}}};
    for (const auto& [letter, v] : parts) {
      std::printf("%s %s Average_%s: %.5f (95%%-conf.int. %.5f - %.5f)\n", run.name.c_str(),
                  metric.name.c_str(), letter, v.first, v.second.low, v.second.high);
    }
    if (!args.per_topic) continue;
    std::printf(".............................................\n");
    for (const auto& [topic, s] : metric.per_topic) {
      std::printf("%s %s Eval %s.%s R:%.5f P:%.5f F:%.5f\n", run.name.c_str(), metric.name.c_str(),
                  topic.c_str(), run.name.c_str(), s.recall, s.precision, s.f);
    }
  }
}

nlohmann::json to_json(const Run& run, bool per_topic) {
  nlohmann::json j;
  j["system"] = run.name;
  j["setting"] = run.setting;
  for (const auto& metric : run.result.metrics) {
    const auto& a = metric.average;
    nlohmann::json m = {{"recall", a.score.recall},
                        {"precision", a.score.precision},
                        {"f", a.score.f},
                        {"recall_ci", {a.recall_ci.low, a.recall_ci.high}},
                        {"precision_ci", {a.precision_ci.low, a.precision_ci.high}},
                        {"f_ci", {a.f_ci.low, a.f_ci.high}},
                        {"topics", metric.per_topic.size()}};
    if (per_topic) {
      for (const auto& [topic, s] : metric.per_topic) {
        m["per_topic"][topic] = {{"recall", s.recall}, {"precision", s.precision}, {"f", s.f}};
      }
    }
    j["metrics"][metric.name] = m;
  }
  return j;
}

int run_rouge(const RougeArgs& args) {
  std::string root = args.dataset.empty() ? eval::shared_data_dir() + "/duc2004_task2" : args.dataset;
  Diagnostics diagnostics;
  auto dataset = eval::load_duc_dataset(root, &diagnostics);
  print_diagnostics(diagnostics);
  diagnostics.clear();
  if (!dataset) {
    std::fprintf(stderr, "precis: %s\n", dataset.error().message.c_str());
    return 1;
  }
  std::optional<eval::StemExceptions> exceptions;
  if (!args.no_wordnet) {
    auto loaded = eval::load_wordnet_exceptions(args.wordnet_dir);
    if (loaded) {
      exceptions = std::move(*loaded);
    } else {
      std::fprintf(stderr, "precis: warning: %s; stemming without ROUGE's exception list "
                           "(install wordnet-base for exact ROUGE-1.5.5 scores)\n",
                   loaded.error().message.c_str());
    }
  }

  std::vector<std::string> settings;
  if (args.setting == "both") {
    settings = {"words100", "bytes665"};
  } else {
    settings = {args.setting};
  }
  std::vector<std::string> systems = args.systems;
  if (args.all_peers) systems = dataset->systems;
  if (systems.empty() && args.summaries.empty()) {
    std::fprintf(stderr, "precis: nothing to score: give --system ID, --all-peers or --summaries DIR\n");
    return 2;
  }

  nlohmann::json json = nlohmann::json::array();
  const auto start = std::chrono::steady_clock::now();
  std::size_t name_width = 8;
  for (const auto& setting : settings) {
    eval::RougeOptions o = setting == "bytes665" ? eval::rouge_options_bytes665() : eval::rouge_options_words100();
    if (args.words >= 0) {
      o.word_limit = args.words;
      o.byte_limit = 0;
    }
    if (args.bytes >= 0) {
      o.byte_limit = args.bytes;
      o.word_limit = 0;
    }
    if (args.max_n >= 0) o.max_n = args.max_n;
    if (args.su4) {
      o.skip_distance = 4;
      o.skip_unigrams = true;
    }
    if (args.lcs) o.lcs = true;
    o.resamples = args.resamples;
    o.stem_exceptions = exceptions ? &*exceptions : nullptr;

    std::vector<Run> runs;
    auto score = [&](const std::string& name, Result<std::vector<eval::RougeTopic>> topics) -> bool {
      print_diagnostics(diagnostics);
      diagnostics.clear();
      if (!topics) {
        std::fprintf(stderr, "precis: %s\n", topics.error().message.c_str());
        return false;
      }
      if (topics->empty()) {
        std::fprintf(stderr, "precis: %s: no topic with both a summary and models\n", name.c_str());
        return false;
      }
      runs.push_back(Run{name, setting, eval::evaluate(*topics, o, name)});
      name_width = std::max(name_width, name.size());
      return true;
    };
    for (const auto& system : systems) {
      if (!score(system, eval::rouge_topics_for_system(*dataset, system, &diagnostics))) return 1;
    }
    if (!args.summaries.empty()) {
      if (!score(args.summaries,
                 eval::rouge_topics_for_directory(*dataset, args.summaries, args.suffix, &diagnostics))) {
        return 1;
      }
    }
    if (args.format == "json") {
      for (const Run& run : runs) json.push_back(to_json(run, args.per_topic));
    } else if (args.format == "rouge") {
      for (const Run& run : runs) print_rouge(run, args);
    } else {
      std::printf("%s%s: ROUGE recall with %g%% bootstrap intervals, %s, %zu topics\n",
                  setting == settings.front() ? "" : "\n", setting.c_str(), o.confidence,
                  o.word_limit > 0   ? ("first " + std::to_string(o.word_limit) + " words").c_str()
                  : o.byte_limit > 0 ? ("first " + std::to_string(o.byte_limit) + " bytes").c_str()
                                     : "no length limit",
                  runs.empty() ? 0 : runs.front().result.metrics.front().per_topic.size());
      print_table(runs, o, name_width);
    }
  }
  if (args.format == "json") std::printf("%s\n", json.dump(2).c_str());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "precis: scored in %.2f s%s\n", seconds,
               exceptions ? "" : " (no WordNet exceptions: not exactly ROUGE-1.5.5)");
  return 0;
}

}  // namespace

void add_eval_rouge_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<RougeArgs>();
  CLI::App* cmd = eval.add_subcommand(
      "rouge",
      "ROUGE-1.5.5 scores (exact reproduction) of summaries on a DUC task-2 data set\n\n"
      "Examples:\n"
      "  precis eval rouge --all-peers                       the 13 published systems, 100 words\n"
      "  precis eval rouge --all-peers --setting both        ... and the official 665-byte setting\n"
      "  precis eval rouge --system ICSISumm --format rouge  ROUGE-1.5.5's own output layout\n"
      "  precis eval rouge --summaries out/ --suffix .precis  score files out/d30001.precis, ...\n"
      "  precis eval rouge --dataset ../shared/data/duc2003_task2 --summaries out/");
  cmd->add_option("--dataset", args->dataset,
                  "DUC task-2 directory with docs/, models/, peers/ (default: ../shared/data/duc2004_task2)");
  cmd->add_option("--system", args->systems, "score this system of peers/ (repeatable)");
  cmd->add_flag("--all-peers", args->all_peers, "score every system in peers/");
  cmd->add_option("--summaries", args->summaries, "score the files <topic><suffix> in this directory");
  cmd->add_option("--suffix", args->suffix, "file name suffix for --summaries")->capture_default_str();
  cmd->add_option("--setting", args->setting,
                  "words100: -n 4 -m -l 100 (Hong et al. 2014); bytes665: -n 4 -m -b 665 -w 1.2 with "
                  "ROUGE-L (official DUC 2004); both")
      ->check(CLI::IsMember({"words100", "bytes665", "both"}))
      ->capture_default_str();
  cmd->add_option("-l,--words", args->words, "override: keep the first N words (ROUGE -l)");
  cmd->add_option("-b,--bytes", args->bytes, "override: keep the first N bytes (ROUGE -b)");
  cmd->add_option("-n", args->max_n, "override: ROUGE-1..N");
  cmd->add_flag("--su4", args->su4, "also ROUGE-SU4 (ROUGE -2 4 -u)");
  cmd->add_flag("--lcs", args->lcs, "also ROUGE-L");
  cmd->add_option("-r,--resamples", args->resamples, "bootstrap resamples (0: plain means)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  cmd->add_flag("--no-wordnet", args->no_wordnet,
                "stem without WordNet's exception lists (as ROUGE with an empty WordNet-2.0.exc.db)");
  cmd->add_option("--wordnet-dir", args->wordnet_dir, "where adj.exc, noun.exc, verb.exc are")
      ->capture_default_str();
  cmd->add_option("--format", args->format, "table, json or rouge (ROUGE-1.5.5's layout)")
      ->check(CLI::IsMember({"table", "json", "rouge"}))
      ->capture_default_str();
  cmd->add_flag("--json", [args](std::int64_t) { args->format = "json"; }, "same as --format json");
  cmd->add_flag("--per-topic", args->per_topic, "include per-topic scores (json, rouge formats)");
  cmd->callback([args, &exit_code] { exit_code = run_rouge(*args); });
}

}  // namespace precis::cli
