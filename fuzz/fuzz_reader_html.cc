// Fuzz target for the HTML reader (html_dom parser, entity alignment, charset conversion, main-content
// selection, metadata, dateline dates); the contract checks are in reader_fuzz.h.
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  precis::fuzz::ReaderRun run(data, size);
  precis::ingest::read_html("fuzz.html", run.copy(), run.options, run.sink, run.diagnostics, run.stats);
  return 0;
}
