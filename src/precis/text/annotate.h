// annotate(): the text layer in one call, for the engine.
//
// Needs article.text set (normalised, see normalize.h). Fills article.language (when empty:
// options.language, else the declared meta.language unless detect_language reliably finds
// another language in 400 bytes or more of text, else detect_language; "und" when unknown),
// article.paragraphs, article.sentences (with paragraph index and token range) and
// article.tokens (lower, stem, is_word, is_stopword). Existing paragraphs/sentences/tokens are
// replaced. Tokens never cross sentence boundaries; every token lies in exactly one sentence.
// Stems use the Snowball stemmer of the language, or the English one when the language has no
// Snowball stemmer ("und" included): stems of an unknown language are then its lower-cased
// words with English suffix rules, which still group inflections of shared vocabulary.
//
// Thread safety: annotate() may run concurrently on different articles (stemmers are created
// per call).
#pragma once

#include <string>

#include "precis/corpus/article.h"

namespace precis::text {

struct AnnotateOptions {
  std::string language;  // ISO 639-1; empty = article.language, meta.language, or detect
};

void annotate(Article& article, const AnnotateOptions& options = {});

}  // namespace precis::text
