// Fuzz target for the DUC/TREC SGML reader (tag scanning, entities, paragraph layout, dates); the
// contract checks are in reader_fuzz.h.
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  precis::fuzz::ReaderRun run(data, size);
  run.options.max_record_bytes = 4096;  // small, so that the record limit is exercised too
  precis::ingest::read_sgml("fuzz.sgml", run.copy(), run.options, run.sink, run.diagnostics, run.stats);
  return 0;
}
