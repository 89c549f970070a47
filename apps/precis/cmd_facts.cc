// precis facts PATH...: the key facts of the inputs (read and cleaned as by `precis digest`, taken
// as one story): figures, agreement and disagreement between sources, dates, people,
// organisations, places and a timeline. Markdown by default, or --format json (docs/facts.md).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "precis/engine/pipeline.h"
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
};

int run(const FactsArgs& args) {
  engine::DigestOptions options;
  options.language = args.language;
  engine::DigestResult result = engine::digest_paths(args.paths, options);
  if (!args.quiet) {
    for (const Diagnostic& d : result.diagnostics) {
      if (d.severity != Severity::kInfo) std::fprintf(stderr, "%s: %s\n", d.source.c_str(), d.message.c_str());
    }
  }
  if (result.articles.empty()) {
    std::fprintf(stderr, "precis facts: nothing usable was read\n");
    return 1;
  }
  std::vector<const Article*> articles;
  for (const Article& a : result.articles) articles.push_back(&a);
  facts::FactsOptions fo;
  fo.fallback_published = args.published;
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
  facts::StoryFacts story = facts::extract_story_facts(articles, fo);
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
  cmd->add_flag("--quiet,-q", args->quiet, "Do not print diagnostics");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace precis::cli
