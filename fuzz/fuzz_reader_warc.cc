// Fuzz target for the warc reader (structure parsing, then the HTML reader on each item).
// Beyond "does not crash", it checks the reader's contract on every article: the body is valid
// UTF-8 and non-empty, and every body byte maps inside the original.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "precis/base/utf8.h"
#include "precis/ingest/reader.h"

namespace {

void check(precis::RawArticle&& a) {
  if (a.body.empty() || !precis::utf8::is_valid(a.body)) std::abort();
  if (a.body_to_original.size() != a.body.size()) std::abort();
  for (std::uint32_t i = 0; i < a.body.size(); ++i) {
    precis::ByteSpan src = a.body_to_original.to_source(precis::ByteSpan{i, i + 1});
    if (src.end > a.original.size() || src.begin > src.end) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  precis::Diagnostics diagnostics;
  precis::ingest::ReadStats stats;
  precis::ingest::ReadOptions options;
  options.max_record_bytes = 1 << 20;
  std::istringstream in{std::string(bytes)};
  precis::ingest::read_warc("fuzz.warc", in, options, check, diagnostics, stats);
  return 0;
}
