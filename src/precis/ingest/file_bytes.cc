// read_file_bytes: a whole (possibly compressed) file in memory, bounded.
#include <fstream>
#include <iostream>

#include "precis/ingest/reader.h"
#include "precis/ingest/streams.h"

namespace precis::ingest {

Result<std::string> read_file_bytes(const std::string& path, std::uint64_t max_bytes) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return make_error("cannot open " + path);
    in = &file;
  }
  std::string head(4, '\0');
  in->read(head.data(), 4);
  head.resize(static_cast<std::size_t>(in->gcount()));
  in->clear();
  Compression kind = compression_of(path == "-" ? std::string_view() : std::string_view(path), head);
  PrefixedBuffer replay(head, *in);
  std::istream replayed(&replay);
  std::string out;
  if (kind == Compression::kNone) {
    if (!read_bounded(replayed, max_bytes, out)) return make_error(path + ": larger than " + std::to_string(max_bytes) + " bytes");
    return out;
  }
  std::unique_ptr<DecompressingBuffer> buffer = make_decompressor(kind, replayed);
  std::istream decompressed(buffer.get());
  if (!read_bounded(decompressed, max_bytes, out)) {
    return make_error(path + ": larger than " + std::to_string(max_bytes) + " bytes decompressed");
  }
  if (!buffer->error().empty()) return make_error(path + ": " + buffer->error());
  return out;
}

}  // namespace precis::ingest
