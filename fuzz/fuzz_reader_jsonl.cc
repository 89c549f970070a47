// Fuzz target for the JSONL/JSON readers (line limits, field mapping, date parsing).
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
  precis::ingest::ReadOptions options;
  options.max_record_bytes = 1024;  // small, so that over-long lines are exercised too
  precis::ingest::ReadStats stats;
  std::istringstream in{std::string(bytes)};
  precis::ingest::read_jsonl("fuzz.jsonl", in, options, check, diagnostics, stats);
  precis::ingest::read_json("fuzz.json", std::string(bytes), options, check, diagnostics, stats);
  (void)precis::ingest::normalize_date(bytes.substr(0, 80));
  return 0;
}
