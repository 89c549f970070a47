// Streaming helpers for the readers: bounded line reading and decompression. Internal to ingest.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace precis::ingest {

// Reads lines ("\n"-terminated; a trailing "\r" is removed) from a stream while holding at most
// `max_line_bytes` of a line: a longer line is consumed and reported as kTooLong without being
// kept. The last line need not end with "\n".
class LineReader {
 public:
  enum class Status { kLine, kTooLong, kEnd };
  LineReader(std::istream& in, std::uint64_t max_line_bytes);
  // On kLine, `line` holds the line; on kTooLong, `length` is the line's size in bytes.
  // line_number() is the 1-based number of the line just returned.
  Status next(std::string& line, std::uint64_t& length);
  std::uint64_t line_number() const { return line_number_; }
  bool stream_failed() const;  // the stream ended with an error rather than at its end

 private:
  bool refill();
  std::istream& in_;
  std::uint64_t max_line_bytes_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t line_number_ = 0;
  bool eof_ = false;
};

enum class Compression { kNone, kGzip, kZstd };

// From the file name's extension (".gz", ".zst") or, failing that, the magic bytes.
Compression compression_of(std::string_view path, std::string_view first_bytes);

// A streambuf that decompresses `source` as it is read. A corrupt or truncated input ends the
// stream early and sets error() to a message. Owns no reference beyond `source`, which must
// outlive it.
class DecompressingBuffer : public std::streambuf {
 public:
  virtual const std::string& error() const = 0;
};
std::unique_ptr<DecompressingBuffer> make_decompressor(Compression kind, std::istream& source);

// A streambuf that yields `prefix` and then the rest of `rest`: for re-reading bytes already
// taken from a stream to sniff its format.
class PrefixedBuffer : public std::streambuf {
 public:
  PrefixedBuffer(std::string prefix, std::istream& rest);

 protected:
  int_type underflow() override;

 private:
  std::string prefix_;
  bool prefix_done_ = false;
  std::istream& rest_;
  std::vector<char> buffer_;
};

// Reads up to `limit` bytes from `in` and appends them to `out`. Returns false when the stream
// holds more than `limit` bytes (then `out` holds the first `limit` + something bytes and the
// rest is unread).
bool read_bounded(std::istream& in, std::uint64_t limit, std::string& out);

}  // namespace precis::ingest
