// precis eval entities: exact-span F1 of PER, ORG, LOC (and MISC, shown apart) on CoNLL-2003 test
// (EVAL.md §6), with the perceptron trained here on the development set, or the rule tagger.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "commands.h"
#include "precis/eval/duc_dataset.h"
#include "precis/harness/entities_eval.h"

namespace precis::cli {
namespace {

struct EntitiesArgs {
  std::string data_dir;
  bool rules = false;
  bool no_refine = false;
  bool clusters = false;
  bool dev_halves = false;
  std::string decoder = facts::TrainOptions{}.decoder == facts::EntityDecoder::kViterbi ? "viterbi" : "greedy";
  int ensemble = facts::TrainOptions{}.ensemble;
  int epochs = facts::TrainOptions{}.epochs;
  std::string save_model;
  bool save_cache = false;
  std::string train_file;
  std::string test_file;
  std::string predictions;
};

// Cross-validation on the two halves of the development set: the way to compare settings without
// touching test.
int run_dev_halves(const harness::EntityEvalOptions& options) {
  auto reports = harness::evaluate_entities_dev_halves(options);
  if (!reports) {
    std::fprintf(stderr, "precis eval entities: %s\n", reports.error().message.c_str());
    return 1;
  }
  const char* names[2] = {"A (even documents) -> B (odd)", "B (odd documents) -> A (even)"};
  for (std::size_t h = 0; h < reports->size(); ++h) {
    const auto& r = (*reports)[h];
    std::printf("dev halves %s; tagger: %s\n", names[h], r.tagger.c_str());
    std::printf("trained on %zu sentences (%d epochs) in %.1f s; tested on %zu sentences\n", r.train_sentences,
                options.train.epochs, r.train_seconds, r.test_sentences);
    std::fputs(harness::format_entity_table(r).c_str(), stdout);
  }
  std::printf("F1 A->B / B->A:");
  for (int t = 0; t < 4; ++t) {
    std::printf("  %s %.2f / %.2f", (*reports)[0].types[t].type.c_str(), 100 * (*reports)[0].types[t].f1(),
                100 * (*reports)[1].types[t].f1());
  }
  std::printf("  all %.2f / %.2f\n", 100 * (*reports)[0].micro.f1(), 100 * (*reports)[1].micro.f1());
  return 0;
}

int run(const EntitiesArgs& args) {
  std::string dir = args.data_dir.empty() ? eval::shared_data_dir() : args.data_dir;
  harness::EntityEvalOptions options;
  options.train_path = args.train_file.empty() ? dir + "/conll2003_en/valid.txt" : args.train_file;
  options.test_path = args.test_file.empty() ? dir + "/conll2003_en/test.txt" : args.test_file;
  const std::string& needed = args.dev_halves ? options.train_path : options.test_path;
  if (!std::filesystem::exists(needed)) {
    std::printf("skipped: %s is absent\n", needed.c_str());
    return 0;
  }
  options.rules_only = args.rules;
  options.refine = !args.no_refine;
  options.predictions_path = args.predictions;
  options.train.epochs = args.epochs;
  options.train.word_clusters = args.clusters;
  options.train.decoder = args.decoder == "viterbi" ? facts::EntityDecoder::kViterbi : facts::EntityDecoder::kGreedy;
  options.train.ensemble = args.ensemble;
  options.save_model = args.save_model;
  if (args.save_cache) options.save_model = facts::cache_model_path();
  if (!options.save_model.empty()) {
    std::error_code ignored;
    std::filesystem::create_directories(std::filesystem::path(options.save_model).parent_path(), ignored);
  }
  if (args.dev_halves) return run_dev_halves(options);
  auto report = harness::evaluate_entities(options);
  if (!report) {
    std::fprintf(stderr, "precis eval entities: %s\n", report.error().message.c_str());
    return 1;
  }
  std::printf("CoNLL-2003 English test, exact-span names; tagger: %s\n", report->tagger.c_str());
  if (!args.rules) {
    std::printf("trained on %s (%zu sentences, %d epochs) in %.1f s\n", options.train_path.c_str(),
                report->train_sentences, options.train.epochs, report->train_seconds);
  }
  std::printf("tested on %zu sentences, %zu words in %.2f s\n", report->test_sentences, report->test_words,
              report->tag_seconds);
  std::fputs(harness::format_entity_table(*report).c_str(), stdout);
  if (!options.save_model.empty()) std::printf("model written to %s\n", options.save_model.c_str());
  return 0;
}

}  // namespace

void add_eval_entities_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<EntitiesArgs>();
  CLI::App* cmd = eval.add_subcommand(
      "entities", "Names (PER, ORG, LOC) on CoNLL-2003 test: exact-span P/R/F1 per type (tagger trained on dev)");
  cmd->add_option("--data", args->data_dir, "Evaluation data folder (default: $PRECIS_SHARED_DATA or ../shared/data)");
  cmd->add_flag("--rules", args->rules, "Score the rule + gazetteer tagger (no training)");
  cmd->add_flag("--no-refine", args->no_refine,
                "Score the tagger's names as it gives them, without the head-word corrections of name_refine.h");
  cmd->add_flag("--clusters", args->clusters,
                "Add word-class features learnt from unlabelled news text (word_clusters.h; experimental)");
  cmd->add_option("--epochs", args->epochs, "Perceptron training epochs")->check(CLI::Range(1, 50));
  cmd->add_option("--decoder", args->decoder, "Decoder: greedy or viterbi (structured perceptron)")
      ->check(CLI::IsMember({"greedy", "viterbi"}));
  cmd->add_option("--ensemble", args->ensemble, "Perceptrons per pass, trained with different sentence orders")
      ->check(CLI::Range(1, 16));
  cmd->add_option("--save-model", args->save_model, "Write the trained model to this file");
  cmd->add_flag("--save-cache", args->save_cache,
                "Write the trained model where `precis facts` / `digest` look for it (~/.cache/precis)");
  cmd->add_option("--predictions", args->predictions, "Write conlleval input (word gold predicted) to this file");
  cmd->add_option("--train", args->train_file,
                  "Train on this CoNLL file instead of valid.txt (e.g. one half of dev, to choose features "
                  "without looking at test)");
  cmd->add_flag("--dev-halves", args->dev_halves,
                "Do not touch test: train on even documents of the training file and score the odd ones, then the "
                "reverse (for choosing settings)");
  cmd->add_option("--test", args->test_file, "Score on this CoNLL file instead of test.txt");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace precis::cli
