// Fuzz target for the plain-text reader (charset detection, title heuristic, binary check,
// dateline dates); the contract checks are in reader_fuzz.h.
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  precis::fuzz::ReaderRun run(data, size);
  precis::ingest::read_text("fuzz.txt", run.copy(), run.options, run.sink, run.diagnostics, run.stats);
  (void)precis::ingest::dateline_date(run.bytes.substr(0, 4096));
  return 0;
}
