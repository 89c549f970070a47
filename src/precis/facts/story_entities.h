// How a story's entity mentions become its people, organisations and places (internal to facts;
// declared here so that the merge rules can be tested without the tagger).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "precis/facts/facts.h"

namespace precis::facts::internal {

// Merges one story's tagged mentions (`raw`: one Entity per mention, name = the mention's text)
// and `tentative` ones (names seen only where the tagger was unsure; they join an entity of the
// same name or surname, else are dropped). Rules, in order:
//   1. one folded name (case and dots ignored) is one entity per kind;
//   2. one name, one kind: all mentions go to the kind with the most mentions (a tie moves
//      nothing); weekday and month names, a courtesy title alone ("Ms"), compass adjectives
//      ("Western"), prefixed words ("anti-Israel") and, as places or organisations, proper
//      adjectives alone ("Democratic", Gazetteer::is_proper_adjective) are dropped ("Sunday"
//      taken for a person);
//   3. a one-word person joins the most mentioned multi-word person with that surname; else
//      the most mentioned multi-word person with that first name, when no other one has more
//      than half as many mentions ("Najib" and "Najib Razak", "Xu" and "Xu Wenli"; with two
//      people named alike, neither);
//   4. a one-word organisation that is such a surname joins the person when the person has at
//      least as many mentions ("Clinton" beside "Bill Clinton"); places never do ("Jordan");
//   5. an acronym organisation or place ("IMF", "U.S.") joins the one organisation or place of
//      the story whose capitalised words give its letters ("International Monetary Fund",
//      "United States"; little words such as "of" are skipped); organisations of those initials
//      whose names differ only in word endings are first one ("Palestine" / "Palestinian
//      National Council"); with two candidates left, neither.
// Returns entities with names (the fullest form; of forms with as many words the most written,
// forms differing only in case and periods counting as one; then the longer), roles (most
// frequent first) and article counts, most mentioned first. Pure; thread-safe.
std::vector<Entity> merge_story_entities(std::vector<Entity> raw, std::vector<Entity> tentative);

// A name that a wire dateline of the story gives as its place ("PORT AVEN, Nov. 3 (MP) —") is a
// place, whatever the tagger called it in the text ("Port Aven's Kessel Quay" reads like a
// company): the mentions (one Entity each, as given to merge_story_entities) with that name become
// places before the merge. Names compare folded (case and dots ignored). Pure; thread-safe.
void mark_dateline_places(std::vector<Entity>& mentions, const std::vector<std::string>& places);

// How many of a tagged name's leading words (lower-case) are function words that never begin a
// name, so that the name starts after them: a sentence's first word is capitalised like a name,
// and the tagger may take it in ("Although Anwar" -> "Anwar", "If Xu" -> "Xu", "The Hague" ->
// "Hague"). The last word always stays. Pure; thread-safe.
std::size_t leading_function_words(const std::vector<std::string_view>& lower_words);

// How many of a tagged name's last words are weekdays, which date the sentence and are no part
// of the name ("Kopp Thursday", "Intermediate People's Court Monday" -> "Kopp", ...). The first
// word always stays. Pure; thread-safe.
std::size_t trailing_weekdays(const std::vector<std::string_view>& words);

}  // namespace precis::facts::internal
