// The key-figures evaluation: do the figures a digest shows (render::FactsView::figures, the
// "Figures" section of the Markdown and HTML digests) include the ones people who summarized the
// story by hand thought worth writing down? A proxy, as ROUGE is for summaries: on a DUC-style set
// every topic is digested as one story, and each figure line shown is a hit when a human summary
// of the topic gives the same number of the same thing.
//
// Matching, with precis's own figure finder (facts::find_figures) on both sides, years left out:
// a shown line's figure is the first found in its bold part (the whole line when it has none); it
// is a hit when some reference figure has the same value (within 0.5 %) and the two share what
// they count or measure (the first five letters of a noun, or the whole of a shorter one), or
// one side names nothing ("14" beside "14 people").
//
// Scores, each averaged over topics: precision of the first 4 and of the first 8 lines shown
// (topics that show none are left out), and recall: the share of a topic's distinct reference
// figures (value and noun) that the lines shown match (topics whose references give none are left
// out).
#pragma once

#include <cstddef>
#include <string>

#include "precis/base/diagnostic.h"
#include "precis/base/result.h"

namespace precis::harness {

struct FiguresEvalOptions {
  std::string dataset_dir;  // DUC layout: docs/<topic>/..., models/<topic>.*
};

struct FiguresEvalReport {
  std::size_t topics = 0;             // topics digested
  std::size_t lines = 0;              // figure lines shown, all topics
  std::size_t hits = 0;               // of which matched a reference figure
  std::size_t reference_figures = 0;  // distinct reference figures, all topics
  double precision_at_4 = 0, precision_at_8 = 0, recall = 0;
};

Result<FiguresEvalReport> evaluate_figures(const FiguresEvalOptions& options, Diagnostics& diagnostics);

namespace internal {
// Whether a shown figure (value, noun; "" = none) matches a reference figure: see the file comment.
bool same_figure(double value, const std::string& noun, double ref_value, const std::string& ref_noun);
}  // namespace internal

}  // namespace precis::harness
