// CoNLL-2003 named-entity data: reading the column files and turning tag sequences into spans.
//
// File format (Tjong Kim Sang & De Meulder 2003): one token per line, "word POS chunk NER",
// sentences separated by blank lines, documents by "-DOCSTART- -X- -X- O" lines. NER tags are
// IOB1 or IOB2; read_conll() returns IOB2 (every name starts with B-), which is what
// spans_from_tags() and the tagger use. Only the word and NER columns are kept: precis tags raw
// news text, where no part-of-speech tags exist, so it must not learn to lean on them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/result.h"

namespace precis::facts {

enum class NameType : std::uint8_t { kPerson, kOrganization, kLocation, kMisc };
inline constexpr int kNameTypeCount = 4;
const char* name_type_code(NameType type);  // "PER", "ORG", "LOC", "MISC"

// A name over words [begin, end) of one sentence.
struct NameSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  NameType type = NameType::kPerson;
  friend bool operator==(const NameSpan&, const NameSpan&) = default;
};

struct LabeledSentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;  // IOB2: "O", "B-PER", "I-PER", ...
};

struct LabeledDocument {
  std::vector<LabeledSentence> sentences;
};

// Reads a CoNLL-2003 file. Fails when the file cannot be opened; malformed lines (fewer than two
// columns) are skipped. A file without -DOCSTART- lines is one document.
Result<std::vector<LabeledDocument>> read_conll(const std::string& path);

// The names of an IOB tag sequence, conlleval-style: a name starts at B-X, or at I-X when the
// previous tag is not of type X; unknown tags count as O.
std::vector<NameSpan> spans_from_tags(const std::vector<std::string>& tags);

// IOB2 tags of `spans` over `word_count` words (spans must not overlap).
std::vector<std::string> tags_from_spans(const std::vector<NameSpan>& spans, std::size_t word_count);

// Parses "PER"/"ORG"/"LOC"/"MISC"; false otherwise.
bool parse_name_type(std::string_view code, NameType* type);

}  // namespace precis::facts
