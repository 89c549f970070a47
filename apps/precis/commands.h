// The CLI's subcommands. Each file cmd_<name>.cc adds one subcommand to a CLI11 app: it parses,
// calls the library, renders, and sets `exit_code`. Exit codes: 0 success, 1 nothing usable was
// read or the run failed, 2 wrong invocation (CLI11's own errors); `precis search` exits 3 when
// nothing matched.
#pragma once

#include <CLI/CLI.hpp>

namespace precis::cli {

void add_digest_command(CLI::App& app, int& exit_code);
void add_sentences_command(CLI::App& app, int& exit_code);
void add_extract_command(CLI::App& app, int& exit_code);
void add_eval_sbd_command(CLI::App& eval, int& exit_code);
void add_eval_rouge_command(CLI::App& eval, int& exit_code);
void add_eval_summaries_command(CLI::App& eval, int& exit_code);
void add_eval_clustering_command(CLI::App& eval, int& exit_code);
void add_eval_paraphrase_command(CLI::App& eval, int& exit_code);
void add_eval_entities_command(CLI::App& eval, int& exit_code);
void add_eval_extraction_command(CLI::App& eval, int& exit_code);
void add_eval_figures_command(CLI::App& eval, int& exit_code);
void add_facts_command(CLI::App& app, int& exit_code);
// add, show, search, serve: the store and the server.
void add_store_commands(CLI::App& app, int& exit_code);

}  // namespace precis::cli
