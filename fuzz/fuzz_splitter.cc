// Fuzz target for the text layer: normalize -> split_sentences -> tokenize -> annotate, on
// arbitrary bytes. Checks the invariants that must hold for any input (spans inside the text,
// ordered and non-overlapping; the offset map inside the input; normalisation idempotent) and
// aborts when one does not, so that libFuzzer reports it.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "precis/corpus/article.h"
#include "precis/text/annotate.h"
#include "precis/text/normalize.h"
#include "precis/text/sentence_splitter.h"
#include "precis/text/tokenizer.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

void check_spans(const std::vector<precis::ByteSpan>& spans, std::size_t size) {
  std::uint32_t previous_end = 0;
  for (const auto& s : spans) {
    check(s.begin < s.end && s.end <= size && s.begin >= previous_end);
    previous_end = s.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The raw splitter must cope with anything, invalid UTF-8 included.
  check_spans(precis::text::split_sentences(input), input.size());
  check_spans(precis::text::tokenize(input), input.size());

  precis::text::Normalized normalized = precis::text::normalize(input);
  check(normalized.map.size() == normalized.text.size());
  check(precis::text::normalize(normalized.text).text == normalized.text);
  auto sentences = precis::text::split_sentences(normalized.text);
  check_spans(sentences, normalized.text.size());
  for (const auto& s : sentences) {
    precis::ByteSpan source = normalized.map.to_source(s);
    check(source.begin <= source.end && source.end <= input.size());
  }

  precis::Article article;
  article.text = normalized.text;
  precis::text::AnnotateOptions options;
  options.language = size > 0 && (data[0] & 1) ? "en" : "";  // detection path too
  precis::text::annotate(article, options);
  std::size_t tokens = 0;
  for (const auto& s : article.sentences) tokens += s.token_count;
  check(tokens == article.tokens.size());
  return 0;
}
