// precis eval clustering: stream the labelled news sets through dedup + story clustering and print
// B-cubed precision/recall/F1 and ARI (../shared/EVAL.md §4).
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "precis/eval/duc_dataset.h"
#include "precis/harness/clustering_eval.h"

namespace precis::cli {
namespace {

struct Args {
  std::string data;
  std::uint64_t shuffle_seed = 0;
  double window_hours = -1;
  double join_similarity = -1;
  double name_weight = -1;
  int member_vectors = -1;
  int lead_sentences = -1;
  double merge_similarity = -1;
  double small_story_factor = -1;
  double dormant_hours = -1;
  double dormant_factor = -1;
  double bigram_weight = -1;
  double split_similarity = -1;
  double idf_prior = -1;
  double burst_weight = -1;
  double burst_half_life = -1;
  double delay_hours = -1;
  int delay_max = -1;
  double delay_link = -1;
  double delay_group_factor = -1;
  int piles = -1;
  int pile_topics = -1;
  int pile_max_docs = -1;
  bool no_dedup = false;
  bool per_story = false;
  std::string out;
  bool verbose = false;
};

int run(const Args& args) {
  harness::ClusteringEvalOptions options;
  options.data_dir = args.data.empty() ? eval::shared_data_dir() : args.data;
  if (!std::filesystem::exists(options.data_dir)) {
    std::fprintf(stderr, "precis eval clustering: skipped: %s not found (set --data or PRECIS_SHARED_DATA)\n",
                 options.data_dir.c_str());
    return 0;
  }
  options.shuffle_seed = args.shuffle_seed;
  if (args.window_hours > 0) options.cluster.window_hours = args.window_hours;
  if (args.join_similarity >= 0) options.cluster.join_similarity = args.join_similarity;
  if (args.name_weight >= 0) options.cluster.name_weight = args.name_weight;
  if (args.member_vectors >= 0) options.cluster.member_vectors = static_cast<std::uint32_t>(args.member_vectors);
  if (args.lead_sentences >= 0) options.cluster.lead_sentences = static_cast<std::uint32_t>(args.lead_sentences);
  if (args.merge_similarity >= 0) options.cluster.merge_similarity = args.merge_similarity;
  if (args.small_story_factor >= 0) options.cluster.small_story_factor = args.small_story_factor;
  if (args.dormant_hours >= 0) options.cluster.dormant_hours = args.dormant_hours;
  if (args.dormant_factor >= 0) options.cluster.dormant_factor = args.dormant_factor;
  if (args.bigram_weight >= 0) options.cluster.bigram_weight = args.bigram_weight;
  if (args.split_similarity >= 0) options.cluster.split_similarity = args.split_similarity;
  if (args.idf_prior >= 0) options.cluster.idf_prior_documents = args.idf_prior;
  if (args.burst_weight >= 0) options.cluster.burst_weight = args.burst_weight;
  if (args.burst_half_life > 0) options.cluster.burst_half_life_hours = args.burst_half_life;
  if (args.delay_hours >= 0) options.cluster.delay_hours = args.delay_hours;
  if (args.delay_max > 0) options.cluster.delay_max_articles = static_cast<std::uint32_t>(args.delay_max);
  if (args.delay_link >= 0) options.cluster.delay_link_similarity = args.delay_link;
  if (args.delay_group_factor > 0) options.cluster.delay_group_factor = args.delay_group_factor;
  if (args.piles >= 0) options.piles = static_cast<std::uint32_t>(args.piles);
  if (args.pile_topics > 0) options.pile_topics = static_cast<std::uint32_t>(args.pile_topics);
  if (args.pile_max_docs > 0) options.pile_max_docs = static_cast<std::uint32_t>(args.pile_max_docs);
  options.use_duplicates = !args.no_dedup;
  options.per_story = args.per_story;
  options.assignments_path = args.out;
  Diagnostics diagnostics;
  auto report = harness::evaluate_clustering(options, diagnostics);
  if (args.verbose) {
    for (const Diagnostic& d : diagnostics) std::fprintf(stderr, "precis: %s: %s\n", d.source.c_str(), d.message.c_str());
  } else if (!diagnostics.empty()) {
    std::fprintf(stderr, "precis: %zu diagnostics (use --verbose to list them)\n", diagnostics.size());
  }
  if (!report) {
    std::fprintf(stderr, "precis eval clustering: %s\n", report.error().message.c_str());
    return 1;
  }
  std::string table = harness::format_clustering_report(*report);
  std::fwrite(table.data(), 1, table.size(), stdout);
  std::fprintf(stdout, "\nfeed order: %s; window %.0f h, join similarity %.2f; reading + text layer %.2f s\n",
               args.shuffle_seed ? ("date, shuffled within each day (seed " + std::to_string(args.shuffle_seed) + ")").c_str()
                                 : "date (doc id within a day)",
               options.cluster.window_hours, options.cluster.join_similarity, report->read_seconds);
  if (options.piles > 0) {
    std::fprintf(stdout,
                 "piles: mean of %u undated piles per part, each %u topics x 1-%u documents in random order "
                 "(docs, stories, gold: per pile)\n",
                 options.piles, options.pile_topics, options.pile_max_docs);
  }
  return 0;
}

}  // namespace

void add_eval_clustering_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = eval.add_subcommand(
      "clustering",
      "Feed news_clustering_gold (DUC 2003 + 2004 pooled, date order) and wikiref220 to the streaming\n"
      "duplicate index and story clusterer, and print B-cubed P/R/F1 and ARI against the gold topics.\n\n"
      "Examples:\n"
      "  precis eval clustering\n"
      "  precis eval clustering --shuffle-within-day 7");
  cmd->add_option("--data", args->data, "Shared data folder (default ../shared/data or $PRECIS_SHARED_DATA)");
  cmd->add_option("--shuffle-within-day", args->shuffle_seed, "Shuffle the arrival order within each day with this seed (not 0)");
  cmd->add_option("--window-hours", args->window_hours, "Close a story after this many hours of silence");
  cmd->add_option("--join-similarity", args->join_similarity, "Cosine with a story centroid needed to join it");
  cmd->add_option("--name-weight", args->name_weight, "Weight of capitalised words (names) in article vectors");
  cmd->add_option("--member-vectors", args->member_vectors, "Latest members per story compared one by one (0: centroid only)");
  cmd->add_option("--lead-sentences", args->lead_sentences, "Leading sentences whose terms count double");
  cmd->add_option("--merge-similarity", args->merge_similarity, "Centroid cosine at which two open stories merge (0: never)");
  cmd->add_option("--small-story-factor", args->small_story_factor, "Join bar of a one-article story, as a share of --join-similarity");
  cmd->add_option("--dormant-hours", args->dormant_hours, "Hours after its window that a silent story can still be revived (0: none)");
  cmd->add_option("--dormant-factor", args->dormant_factor, "Join bar of a dormant story, as a multiple of the usual bar");
  cmd->add_option("--bigram-weight", args->bigram_weight, "Weight of adjacent content-word pairs in article vectors (0: off)");
  cmd->add_option("--split-similarity", args->split_similarity,
                  "Split a story whose two halves (2-means) have centroid cosine below this (0: never)");
  cmd->add_option("--idf-prior", args->idf_prior, "Extra empty documents assumed in idf (small batches; 0: none)");
  cmd->add_option("--burst-weight", args->burst_weight,
                  "Exponent of the burst factor (recent / expected use of a term) in article vectors (0: off)");
  cmd->add_option("--burst-half-life", args->burst_half_life, "Half-life in hours of the recent term counts");
  cmd->add_option("--delay-hours", args->delay_hours,
                  "Delayed assignment: hold articles up to this many stream hours, group them, place groups (0: off)");
  cmd->add_option("--delay-max", args->delay_max, "Delayed assignment: most articles held at once");
  cmd->add_option("--delay-link", args->delay_link, "Delayed assignment: average-link cosine that groups held articles");
  cmd->add_option("--delay-group-factor", args->delay_group_factor,
                  "Delayed assignment: a group's join bar as a multiple of one article's");
  cmd->add_option("--piles", args->piles,
                  "Undated piles drawn from each part of news_clustering_gold, scored on average (0: none; default 20)");
  cmd->add_option("--pile-topics", args->pile_topics, "Gold topics per pile (default 25)");
  cmd->add_option("--pile-docs", args->pile_max_docs, "Each topic gives 1 to this many documents to a pile (default 4)");
  cmd->add_option("--out", args->out, "Write each document's story and gold labels to this TSV file");
  cmd->add_flag("--per-story", args->per_story, "Also list split gold stories (recall) and impure predicted stories (purity)");
  cmd->add_flag("--no-dedup", args->no_dedup, "Do not force copies into their original's story");
  cmd->add_flag("-v,--verbose", args->verbose, "List every diagnostic");
  cmd->callback([args, &exit_code]() { exit_code = run(*args); });
}

}  // namespace precis::cli
