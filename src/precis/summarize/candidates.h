// Candidates: the sentences of a story that may stand in a summary, with their concepts.
//
// Sentence preparation matters as much as scoring. A sentence is a candidate only if it can stand
// alone: long enough to say something, short enough to be read, ending as a sentence ends, not a
// question, not opening with an unresolved pronoun or a connective that needs the sentence before
// it ("He said...", "But the..."), and not a quotation without a speaker. These rules are English
// ones; for other languages only the length and shape rules apply.
//
// Concepts (Gillick & Favre 2009): stemmed word bigrams, dropped when both words are stopwords.
// A concept's weight is the number of distinct (non-duplicate) articles that contain it, so that
// what many sources say outweighs what one source says at length.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "precis/corpus/article.h"

namespace precis::summarize {

struct CandidateOptions {
  std::uint32_t min_words = 8;
  std::uint32_t max_words = 60;
  bool require_standalone = true;  // apply the pronoun / connective / quotation rules
  // With require_standalone, in English stories: no sentence that names someone by surname alone
  // when the story introduces the name in full elsewhere and fewer than half of its articles use
  // it ("McLeod said ..." beside "Australian historian Ross McLeod"; "Zha pledged ..." beside
  // "dissident Zha Jianguo", family name first, the given name never written without it).
  bool introduced_names = true;
  // With require_standalone: no part of a quotation or a parenthesis that runs over several
  // sentences, that is no sentence with an odd number of double quotes ('Bonior said: "This is
  // wrong.' opens one that the next sentence goes on with; 'Not tourists _ people who live and
  // work here."' ends one) or with more opening than closing brackets or the reverse ('The vote
  // was announced at 1:24 p.m. EST, leaving ... from office.)').
  bool whole_quotations = true;
  std::uint32_t lead_sentences = 5;  // a document's first sentences, counted in ConceptTable::concept_lead
};

struct Candidate {
  std::uint32_t article = 0;   // index into the story's article list
  std::uint32_t sentence = 0;  // index into Article::sentences
  std::uint32_t words = 0;     // whitespace-separated words, as ROUGE and readers count them
  std::uint32_t bytes = 0;
  std::vector<std::uint32_t> concepts;  // distinct concept ids
  std::vector<std::uint32_t> unigrams;  // distinct content-word stem ids
  double bonus = 0;  // value of choosing the sentence itself (a position prior), beside its concepts
};

// What a story says about one concept, counted over its non-duplicate articles: the features a
// learnt concept model (concept_model.h) reads.
struct ConceptStats {
  double lead_df = 0;        // documents whose lead sentences contain it
  double first_df = 0;       // documents whose first sentence contains it
  double tf = 0;             // occurrences
  double position_sum = 0;   // sum over documents of (first sentence holding it) / (sentences)
  double capitalised = 0;    // occurrences with a capitalised word that does not open the sentence
  double numeric = 0;        // occurrences with a word that holds a digit
  double stopwords = 0;      // stopwords among its words (0 or 1 for a bigram, 0 for a unigram)
};

// Concept and unigram vocabularies with document frequencies over a story.
struct ConceptTable {
  std::unordered_map<std::string, std::uint32_t> concept_ids;
  std::vector<double> concept_weight;  // document frequency (before thresholding)
  std::vector<double> concept_lead;    // documents where the concept occurs in the lead sentences
  std::unordered_map<std::string, std::uint32_t> unigram_ids;
  std::vector<double> unigram_weight;  // document frequency
  std::vector<ConceptStats> concept_stats;  // parallel to concept_weight
  std::vector<ConceptStats> unigram_stats;  // parallel to unigram_weight
  std::uint32_t documents = 0;
};

// Why a sentence was not a candidate (for diagnostics and tests).
enum class Rejection {
  kNone,
  kTooShort,
  kTooLong,
  kNoEnding,
  kQuestion,
  kPronounStart,
  kConnectiveStart,
  kUnattributedQuote,
  kPartOfQuotation,
  kPointsBackInside,  // "..., however, ...", "..., though.": contrasts with a sentence not shown
  kEllipsis,          // "Reaching Mars, however, haven't.": ends on a verb left out ("haven't")
  kTableRow           // "DL Myles Garrett 57 77% 1 tackle (1 combined).": mostly numbers
};

Rejection check_standalone(const Article& article, const Sentence& sentence, const CandidateOptions& options);

// Whether `text` is a piece of a quotation or parenthesis that runs over several sentences: an
// odd number of double quotes, or unequal numbers of opening and closing brackets (the rule of
// CandidateOptions::whole_quotations; the digest's timeline uses it too).
bool is_part_of_quotation(std::string_view text);

// Counts words the way ROUGE -l does: maximal runs of non-whitespace bytes.
std::uint32_t count_words(std::string_view text);

// Builds the concept table over `articles` (articles whose `skip` flag is set, such as duplicates,
// do not count towards document frequency) and the candidates from every article.
struct CandidateSet {
  ConceptTable table;
  std::vector<Candidate> candidates;
  // Distinct content-word stem ids of every sentence of every article (candidates or not), for
  // attribution: sentence_unigrams[article][sentence], sorted.
  std::vector<std::vector<std::vector<std::uint32_t>>> sentence_unigrams;
};
CandidateSet build_candidates(const std::vector<const Article*>& articles, const std::vector<bool>& skip,
                              const CandidateOptions& options);

}  // namespace precis::summarize
