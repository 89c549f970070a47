// Fuzz target for the WARC reader (record and HTTP header parsing, then the HTML reader on each
// response); the contract checks are in reader_fuzz.h.
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  precis::fuzz::ReaderRun run(data, size);
  run.options.max_record_bytes = 1 << 20;
  std::istringstream in{run.copy()};
  precis::ingest::read_warc("fuzz.warc", in, run.options, run.sink, run.diagnostics, run.stats);
  return 0;
}
