// precis facts PATH...: the key facts of the inputs (read and cleaned as by `precis digest`, taken
// as one story): figures, agreement and disagreement between sources, dates, people,
// organisations, places and a timeline. Markdown by default, or --format json (docs/facts.md).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "precis/engine/pipeline.h"
#include "precis/engine/stories.h"
#include "precis/facts/entity_tagger.h"
#include "precis/facts/facts.h"

namespace precis::cli {
namespace {

struct FactsArgs {
  std::vector<std::string> paths;
  std::string format = "md";
  std::string language;
  std::string published;
  bool rules = false;
  std::string model;
  bool quiet = false;
  bool timing = false;
  unsigned threads = 0;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run(const FactsArgs& args) {
  engine::DigestOptions options;
  options.language = args.language;
  options.threads = args.threads;
  // Read, clean and link copies as the digest does (its stages, without stories or summaries).
  auto start = std::chrono::steady_clock::now();
  engine::ReadResult read = engine::read_inputs(args.paths, options);
  Diagnostics diagnostics = std::move(read.diagnostics);
  std::vector<Article> prepared = engine::prepare_articles(std::move(read.articles), options, diagnostics);
  engine::link_copies(prepared, engine::arrival_order(prepared), options.dedup);
  const double read_seconds = seconds_since(start);
  if (!args.quiet) {
    for (const Diagnostic& d : diagnostics) {
      if (d.severity != Severity::kInfo) std::fprintf(stderr, "%s: %s\n", d.source.c_str(), d.message.c_str());
    }
  }
  if (prepared.empty()) {
    std::fprintf(stderr, "precis facts: nothing usable was read\n");
    return 1;
  }
  std::vector<const Article*> articles;
  for (const Article& a : prepared) {
    if (engine::is_fact_source(a)) articles.push_back(&a);  // as the digest does
  }
  facts::FactsOptions fo;
  fo.fallback_published = args.published;
  fo.threads = args.threads;
  facts::EntityTagger rules;
  std::unique_ptr<facts::EntityTagger> loaded;
  if (args.rules) {
    fo.tagger = &rules;
  } else if (!args.model.empty()) {
    auto model = facts::EntityTagger::load(args.model);
    if (!model) {
      std::fprintf(stderr, "precis facts: %s\n", model.error().message.c_str());
      return 1;
    }
    loaded = std::make_unique<facts::EntityTagger>(*model);
    fo.tagger = loaded.get();
  }
  double model_seconds = 0;
  if (fo.tagger == nullptr && args.timing) {
    // Load (or train) the default model first, so that the extraction time below is per story.
    start = std::chrono::steady_clock::now();
    fo.tagger = &facts::default_entity_tagger();
    model_seconds = seconds_since(start);
  }
  start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  facts::StoryFacts story = facts::extract_story_facts(articles, fo);
  const double extract_seconds = seconds_since(start);
  const double extract_cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  if (args.timing) {
    std::size_t bytes = 0;
    for (const Article* a : articles) bytes += a->text.size();
    std::fprintf(stderr,
                 "timing: %zu articles, %zu bytes; read+annotate %.1f ms; entity model %.1f ms (%s); "
                 "extract_story_facts %.1f ms (%.1f ms CPU)\n",
                 articles.size(), bytes, read_seconds * 1e3, model_seconds * 1e3,
                 fo.tagger != nullptr ? fo.tagger->description().c_str() : "default", extract_seconds * 1e3,
                 extract_cpu_seconds * 1e3);
  }
  if (!args.quiet) {
    for (const Diagnostic& d : story.diagnostics) std::fprintf(stderr, "%s: %s\n", d.source.c_str(), d.message.c_str());
  }
  std::string out = args.format == "json" ? facts::facts_to_json(story, articles) + "\n"
                                          : facts::facts_to_markdown(story, articles);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void add_facts_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<FactsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "facts", "Key facts of the inputs as one story: figures, agreement, dates, people/organisations/places, timeline");
  cmd->add_option("paths", args->paths, "Input files or folders (- for stdin), as for digest")->required();
  cmd->add_option("--format", args->format, "md or json")->check(CLI::IsMember({"md", "json"}));
  cmd->add_option("--language", args->language, "Force the language of every article (ISO 639-1)");
  cmd->add_option("--published", args->published,
                  "Publication date (YYYY-MM-DD) for articles that carry none, to resolve relative dates");
  cmd->add_flag("--rules", args->rules, "Use the rule + gazetteer name tagger instead of the trained model");
  cmd->add_option("--entity-model", args->model, "Entity model file written by `precis eval entities --save-model`");
  cmd->add_option("-j,--threads", args->threads,
                  "Threads for reading and for the articles' facts; 0: one per core (the output is the same)")
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", args->quiet, "Do not print diagnostics");
  cmd->add_flag("--timing", args->timing,
                "Print to stderr how long reading, loading the entity model and extracting the facts took");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace precis::cli
