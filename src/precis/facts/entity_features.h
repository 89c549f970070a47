// Features of the perceptron name tagger (internal to the facts module; see entity_tagger.cc for
// the model). Every feature is a 64-bit hash of a short string ("w\x1fparis\x1f").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "precis/facts/conll.h"

namespace precis::facts {

class Gazetteer;
class WordClusters;

// features[sentence][word] = the word's feature hashes.
using DocumentFeatures = std::vector<std::vector<std::vector<std::uint64_t>>>;

inline constexpr int kTagClasses = 9;  // O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC

// Tag class of an IOB2 tag string (0 = O), and whether class `cls` may follow `prev` (I-X only
// after B-X or I-X).
int tag_class(std::string_view tag);
bool tag_allowed(int prev, int cls);
std::vector<NameSpan> spans_of_classes(const std::vector<int>& classes);

// "Xxxx" shapes: X upper, x lower, d digit, u non-ASCII byte, other bytes as themselves; with
// `compress`, runs collapse ("Xx"). At most 12 characters.
std::string word_shape(std::string_view word, bool compress);

// Word-local, context, gazetteer and document features (everything that does not depend on tags).
// `clusters` (may be null or empty) adds word-class features learnt from unlabelled text.
DocumentFeatures static_features(const std::vector<std::vector<std::string_view>>& sentences,
                                 const Gazetteer& gazetteer, const WordClusters* clusters = nullptr);

// Label-consistency features for the second pass (Krishnan & Manning 2006, "An effective
// two-stage model for exploiting non-local dependencies in NER"): for every capitalised word, the
// majority type the first pass gave the same word elsewhere in the document, the type of its first
// occurrence, and the type of the longest name containing it elsewhere. Appended to `features`.
void add_consistency_features(const std::vector<std::vector<std::string_view>>& sentences,
                              const std::vector<std::vector<NameSpan>>& first_pass, DocumentFeatures& features);

// History features of word `i` given the previous two classes (-1 = before the sentence).
void add_history_features(std::vector<std::uint64_t>& features, int prev, int prev2, std::string_view word);

// The same history features split by what they depend on, for exact decoders: the keys that
// depend on the previous class (alone, with the lower-cased word, with the compressed shape), and
// the key of the previous two classes. add_history_features() = these four keys.
std::array<std::uint64_t, 3> history_keys(int prev, std::string_view lower_word, std::string_view shape);
std::uint64_t history_pair_key(int prev2, int prev);

// history_keys(p, ascii_lower(word), word_shape(word, true)) for every previous class p = -1 ..
// kTagClasses - 1, at index p + 1: the same keys, with the word's lower form and shape built once
// and the word-independent "t-1" keys hashed once per process.
using WordHistoryKeys = std::array<std::array<std::uint64_t, 3>, kTagClasses + 1>;
WordHistoryKeys word_history_keys(std::string_view word);

}  // namespace precis::facts
