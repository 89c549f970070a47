// Corrections to a tagger's names that its context window cannot see, applied to every tagger's
// output by EntityTagger::tag_document.
//
// A statistical tagger trained on CoNLL-2003 (Reuters 1996) reads each word with a few words
// around it. Some names are decided by their own head word, which a model trained on a few
// thousand sentences has rarely seen in that role, so it falls back on the word's shape:
//   - "St. Brigid 's Hospital" comes out as a place "St. Brigid" and a stray "Hospital": a
//     possessive followed by a facility word is one organisation;
//   - "Mill Street" as an organisation, "Harbour St." as a person: the last word of a name says
//     what it is ("Street", "Quay", "Bridge" places; "Hospital", "Radio", "Authority"
//     organisations), as does a first word such as "Port", "Mount" or "Lake";
//   - "Dockworkers ' Union No." before a number: numbering is not part of the name;
//   - "Chief Fire Officer Helena Marsh" as a place: a name that opens with a title ("Chief",
//     "Dr.", "Mayor") and names no place or organisation by its head word is a person.
// The rules only move boundaries and kinds where the head word is unambiguous; measured on
// CoNLL-2003 test by `precis eval entities` (docs/facts.md).
//
// Thread safety: pure function.
#pragma once

#include <string_view>
#include <vector>

#include "precis/facts/conll.h"

namespace precis::facts {

// `words` as the tagger saw them (CoNLL tokenisation: "St.", "Brigid", "'s"); `spans` sorted,
// not overlapping. Spans may be merged, shortened, retyped or removed.
void refine_name_spans(const std::vector<std::string_view>& words, std::vector<NameSpan>& spans);

}  // namespace precis::facts
