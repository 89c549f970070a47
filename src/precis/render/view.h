// What the Markdown and HTML renderers show of a story, decided once: the numbered source list,
// the credit line and a reader's selection of the key facts. The renderers only format it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "precis/engine/pipeline.h"

namespace precis::render {

// A run of text followed by citation markers for the articles that report it.
struct Segment {
  std::string text;
  std::vector<ArticleId> cites;
  bool strong = false;  // the figure inside its source words: bold in Markdown, <strong> in HTML
};
using Line = std::vector<Segment>;

struct FactsView {
  // Agreements, updates and conflicts first, then notable figures. A figure is shown in the words
  // of its sentence ("…forcing the port to close **two berths**, officials said."), the whole
  // sentence when it is short, so that the reader sees what it counts.
  std::vector<Line> figures;
  std::vector<Line> people;
  std::vector<Line> organisations;
  std::vector<Line> places;
  std::vector<Line> timeline;    // "2026-11-03: <sentence>"
  bool empty() const {
    return figures.empty() && people.empty() && organisations.empty() && places.empty() && timeline.empty();
  }
};

struct StoryView {
  const Story* story = nullptr;
  std::vector<const Article*> sources;              // citation-number order: by date, then id
  std::map<std::uint32_t, std::size_t> number;      // article id -> citation number (1-based)
  std::string credit;   // "7 articles from 6 outlets: 3 originals, 2 copies, 2 rewrites"
  std::string dates;    // "first seen 2026-11-03, updated 2026-11-04" (or "" when undated)
  FactsView facts;

  // Citation numbers of `ids`, sorted and distinct (unknown ids dropped).
  std::vector<std::size_t> numbers(const std::vector<ArticleId>& ids) const;
  std::vector<std::size_t> numbers(const std::vector<Citation>& citations) const;
};

// `index` is the story's position in result.stories (for result.facts).
StoryView make_story_view(const engine::DigestResult& result, std::size_t index);

// "(copy of [1])", "(rewrite of [2])" or "" for an article of the view.
std::string relation_note(const StoryView& view, const Article& article);

// A display name for an article's source: outlet, else the file name without directories.
std::string source_name(const Article& article);

// One line per figure/name/event at most this many per section.
inline constexpr std::size_t kMaxFigures = 8;
inline constexpr std::size_t kMaxNamesPerKind = 6;
inline constexpr std::size_t kMaxTimeline = 8;
// A figure's context: its whole sentence up to this many words, else this many words on each side.
inline constexpr std::size_t kWholeSentenceWords = 24;
inline constexpr std::size_t kContextWords = 7;

}  // namespace precis::render
