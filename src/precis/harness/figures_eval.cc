// The key-figures evaluation: see figures_eval.h.
#include "precis/harness/figures_eval.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <set>
#include <utility>
#include <vector>

#include "precis/engine/pipeline.h"
#include "precis/eval/duc_dataset.h"
#include "precis/facts/numbers.h"
#include "precis/harness/summary_eval.h"
#include "precis/render/view.h"
#include "precis/text/language.h"

namespace precis::harness {
namespace {

struct Found {
  double value = 0;
  std::string noun;  // what it counts or measures, lower-case; "" when nothing
};

std::vector<Found> figures_in(std::string_view text) {
  std::vector<Found> out;
  for (const facts::FigureMatch& f : facts::find_figures(text)) {
    if (f.is_year) continue;
    out.push_back({f.value, text::to_lower(!f.counted.empty() ? f.counted : f.measured)});
  }
  return out;
}

std::string noun_key(const std::string& noun) { return noun.substr(0, 5); }

}  // namespace

namespace internal {

bool same_figure(double value, const std::string& noun, double ref_value, const std::string& ref_noun) {
  if (std::fabs(value - ref_value) > 0.005 * std::max(std::fabs(value), std::fabs(ref_value))) return false;
  if (noun.empty() || ref_noun.empty()) return true;
  return noun_key(noun) == noun_key(ref_noun);
}

}  // namespace internal

Result<FiguresEvalReport> evaluate_figures(const FiguresEvalOptions& options, Diagnostics& diagnostics) {
  auto dataset = eval::load_duc_dataset(options.dataset_dir, &diagnostics);
  if (!dataset) return make_error(dataset.error().message);
  FiguresEvalReport report;
  double p4 = 0, p8 = 0, recall = 0;
  std::size_t p_topics = 0, r_topics = 0;
  for (const eval::DucTopic& topic : dataset->topics) {
    if (topic.document_paths.empty() || topic.model_paths.empty()) continue;
    // The references' figures, distinct by value and noun.
    std::vector<Found> refs;
    std::set<std::pair<double, std::string>> seen;
    for (const std::string& path : topic.model_paths) {
      std::ifstream in(path, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      for (Found& f : figures_in(text)) {
        if (seen.insert({f.value, noun_key(f.noun)}).second) refs.push_back(std::move(f));
      }
    }
    // The digest of the topic as one story, as a user would run it.
    engine::DigestOptions digest;
    digest.one_story = true;
    digest.summary.concept_model = default_concept_model();
    engine::DigestResult result = engine::digest_paths(topic.document_paths, digest);
    if (result.stories.empty()) {
      diagnostics.push_back({topic.id, "nothing digested", Severity::kWarning});
      continue;
    }
    ++report.topics;
    const render::StoryView view = render::make_story_view(result, 0);
    std::vector<bool> matched(refs.size(), false);
    std::size_t hits4 = 0, hits8 = 0, shown = 0;
    for (const render::Line& line : view.facts.figures) {
      std::string strong, all;
      for (const render::Segment& s : line) {
        all += s.text;
        if (s.strong) strong += s.text;
      }
      const std::vector<Found> mine = figures_in(strong.empty() ? all : strong);
      bool hit = false;
      if (!mine.empty()) {
        for (std::size_t r = 0; r < refs.size(); ++r) {
          if (internal::same_figure(mine.front().value, mine.front().noun, refs[r].value, refs[r].noun)) {
            hit = true;
            matched[r] = true;
          }
        }
      }
      ++shown;
      if (hit && shown <= 4) ++hits4;
      if (hit && shown <= 8) ++hits8;
      report.hits += hit ? 1 : 0;
    }
    report.lines += shown;
    if (shown > 0) {
      p4 += static_cast<double>(hits4) / static_cast<double>(std::min<std::size_t>(shown, 4));
      p8 += static_cast<double>(hits8) / static_cast<double>(std::min<std::size_t>(shown, 8));
      ++p_topics;
    }
    if (!refs.empty()) {
      recall += static_cast<double>(std::count(matched.begin(), matched.end(), true)) / static_cast<double>(refs.size());
      ++r_topics;
      report.reference_figures += refs.size();
    }
  }
  if (report.topics == 0) return make_error("no topic with documents and human summaries under " + options.dataset_dir);
  report.precision_at_4 = p_topics ? p4 / static_cast<double>(p_topics) : 0;
  report.precision_at_8 = p_topics ? p8 / static_cast<double>(p_topics) : 0;
  report.recall = r_topics ? recall / static_cast<double>(r_topics) : 0;
  return report;
}

}  // namespace precis::harness
