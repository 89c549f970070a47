// Fuzz target for the JSONL/JSON readers (line limits, field mapping, date parsing); the contract
// checks are in reader_fuzz.h.
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  precis::fuzz::ReaderRun run(data, size);
  run.options.max_record_bytes = 1024;  // small, so that over-long lines are exercised too
  std::istringstream in{run.copy()};
  precis::ingest::read_jsonl("fuzz.jsonl", in, run.options, run.sink, run.diagnostics, run.stats);
  precis::ingest::read_json("fuzz.json", run.copy(), run.options, run.sink, run.diagnostics, run.stats);
  (void)precis::ingest::normalize_date(run.bytes.substr(0, 80));
  return 0;
}
