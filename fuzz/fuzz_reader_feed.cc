// Fuzz target for the feed reader (RSS/Atom through libxml2, JSON Feed, then the HTML reader on
// each item); the contract checks are in reader_fuzz.h.
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  precis::fuzz::ReaderRun run(data, size);
  precis::ingest::read_feed("fuzz.rss", run.copy(), run.options, run.sink, run.diagnostics, run.stats);
  (void)precis::ingest::looks_like_feed(run.bytes);
  return 0;
}
