// Abbreviation and sentence-starter lexicons for the sentence splitter.
//
// Lists are per language (ISO 639-1); "en" is the most complete. Languages without a list use
// the English one for the language-neutral entries (units, Latin abbreviations) only through
// their own list being empty: classify_abbreviation then returns kNone, and the splitter relies
// on its structural rules (initials, numbers, case of the next word).
//
// Thread safety: the lexicons are immutable after first use (function-local statics).
#pragma once

#include <string_view>

namespace precis::text {

enum class AbbreviationKind {
  kNone,
  kTitle,         // precedes a name: "Mr.", "Gen.", "Mt.", "St." — a capital after it is no boundary
  kNumberPrefix,  // precedes a number: "No. 3", "p. 55", "Vol. 2", "Oct. 7"
  kGeneral,       // may end a sentence: "Inc.", "U.S.", "a.m.", "etc." — boundary only before a
                  // word that typically starts sentences
  kInner,         // practically never ends a sentence: "e.g.", "i.e.", "cf.", "vs."
};

// `lower_word` is the word before the period, ASCII-lower-cased, with inner periods kept and the
// final period removed: "u.s", "mr", "a.m", "no".
AbbreviationKind classify_abbreviation(std::string_view language, std::string_view lower_word);

// Months and their abbreviations are also number prefixes ("Oct. 7") but general otherwise.
bool is_month_abbreviation(std::string_view language, std::string_view lower_word);

// Lower-case words that commonly start a sentence (pronouns, determiners, conjunctions,
// auxiliaries, wh-words, sentence adverbs, personal honorifics). Used to decide whether a
// capitalised word after an ambiguous abbreviation starts a new sentence.
bool is_sentence_starter(std::string_view language, std::string_view lower_word);

// Prepositions that open an introductory phrase ("At 5 a.m. Mr. Smith went ...").
bool is_introductory_preposition(std::string_view language, std::string_view lower_word);

// Labels of media credits that news pages append to captions ("Image: Reuters.", "Photo: AP").
// Such a label always opens a sentence of its own.
bool is_credit_label(std::string_view language, std::string_view lower_word);

// Month names (full, lower case), for date headers ("Thursday, May 7, 2015").
bool is_month_name(std::string_view language, std::string_view lower_word);

}  // namespace precis::text
