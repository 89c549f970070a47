// precis: news articles in, short cited stories out.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "precis turns a pile of news articles into stories a person can read in a minute.\n"
      "Every summary sentence is a sentence from the sources, cited to every article that reports it.\n\n"
      "Examples:\n"
      "  precis digest examples/harbour-fire/           summarize a folder (Markdown on stdout)\n"
      "  precis digest --format json --words 150 a.txt b.html dump.jsonl\n"
      "  cat article.txt | precis sentences -           one sentence per line\n"
      "  precis add --db news.db examples/              keep articles in a store, digested\n"
      "  precis serve --db news.db                      its web page and HTTP API on 127.0.0.1:8080\n"
      "  precis eval sbd                                sentence-splitting accuracy on ../shared/data\n",
      "precis"};
  app.set_version_flag("--version", "precis 0.1.0");
  app.require_subcommand(1);
  int exit_code = 0;
  precis::cli::add_digest_command(app, exit_code);
  precis::cli::add_sentences_command(app, exit_code);
  precis::cli::add_extract_command(app, exit_code);
  precis::cli::add_facts_command(app, exit_code);
  precis::cli::add_store_commands(app, exit_code);
  CLI::App* eval = app.add_subcommand("eval", "Measure precis on the evaluation data sets (../shared/data)");
  eval->require_subcommand(1);
  precis::cli::add_eval_sbd_command(*eval, exit_code);
  precis::cli::add_eval_rouge_command(*eval, exit_code);
  precis::cli::add_eval_summaries_command(*eval, exit_code);
  precis::cli::add_eval_clustering_command(*eval, exit_code);
  precis::cli::add_eval_paraphrase_command(*eval, exit_code);
  precis::cli::add_eval_entities_command(*eval, exit_code);
  precis::cli::add_eval_extraction_command(*eval, exit_code);
  precis::cli::add_eval_figures_command(*eval, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "precis: %s\n", e.what());
    return 1;
  }
  return exit_code;
}
