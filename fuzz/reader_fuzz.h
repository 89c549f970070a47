// Shared by the reader fuzz targets (fuzz_reader_*.cc): the input as bytes, and the reader
// contract every article must meet. Beyond "does not crash", each target checks, on every
// article a reader hands out: the body is non-empty valid UTF-8, body_to_original covers every
// body byte, and every body byte maps to a range inside the original. A violation aborts, which
// libFuzzer reports as a crash (and the replay ctest as a failure).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "precis/base/utf8.h"
#include "precis/ingest/reader.h"

namespace precis::fuzz {

inline void check_article(RawArticle&& a) {
  if (a.body.empty() || !utf8::is_valid(a.body)) std::abort();
  if (a.body_to_original.size() != a.body.size()) std::abort();
  for (std::uint32_t i = 0; i < a.body.size(); ++i) {
    ByteSpan src = a.body_to_original.to_source(ByteSpan{i, i + 1});
    if (src.end > a.original.size() || src.begin > src.end) std::abort();
  }
}

// What each target's LLVMFuzzerTestOneInput needs: the bytes, a sink that checks, and a place
// for diagnostics and counts.
struct ReaderRun {
  ReaderRun(const std::uint8_t* data, std::size_t size) : bytes(reinterpret_cast<const char*>(data), size) {}
  std::string_view bytes;
  ingest::ArticleSink sink = check_article;
  Diagnostics diagnostics;
  ingest::ReadStats stats;
  ingest::ReadOptions options;
  std::string copy() const { return std::string(bytes); }
};

}  // namespace precis::fuzz
