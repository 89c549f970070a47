// Sentence boundary detection.
//
// split_sentences() finds the sentences of a text: normally the normalised Article::text, but any
// UTF-8 (even invalid) is accepted. A blank line (a line break, optional spaces, a line break) is a
// paragraph break that no sentence crosses; single line breaks are plain whitespace. Each span is
// trimmed of surrounding whitespace, spans are in text order, non-empty and non-overlapping, and
// every non-whitespace byte of the text lies in exactly one span.
//
// The splitter is rule-based (see the essay at the top of sentence_splitter.cc): abbreviation
// lexicons per language (en, de, fr, es, it, pt, nl; other languages use the English lexicon plus
// the language-neutral rules), initials, numbers, quotes and brackets after the period,
// ellipses, inline enumerations ("1) ... 2) ..."), bullets, URLs and e-mail addresses. It runs in
// linear time with no regular expressions.
//
// Thread safety: pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "precis/base/span.h"

namespace precis::text {

struct SentenceSplitOptions {
  std::string language = "en";  // ISO 639-1; selects the abbreviation lexicon
};

std::vector<ByteSpan> split_sentences(std::string_view text, const SentenceSplitOptions& options = {});

// Paragraph spans (trimmed) of `text`, split at blank lines as split_sentences does.
std::vector<ByteSpan> split_paragraphs(std::string_view text);

}  // namespace precis::text
