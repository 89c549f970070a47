// Streams for the readers: bounded lines, gzip and zstd decompression, replaying a sniffed prefix.
//
// JSONL dumps are routinely larger than memory and sometimes hold a single absurd line (a record
// with an embedded base64 image); the LineReader therefore never keeps more than the record limit
// of one line, and a too-long line is skipped in place. Decompression is a std::streambuf so that
// read_jsonl takes any std::istream: zlib's inflate with windowBits 15 + 32 reads gzip and zlib
// headers and we restart it at each member boundary (concatenated .gz files are valid gzip);
// zstd's streaming API handles concatenated frames itself.
#include "precis/ingest/streams.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>

namespace precis::ingest {

LineReader::LineReader(std::istream& in, std::uint64_t max_line_bytes)
    : in_(in), max_line_bytes_(max_line_bytes), buffer_(1 << 16) {}

bool LineReader::refill() {
  if (eof_) return false;
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  std::streamsize got = in_.gcount();
  pos_ = 0;
  end_ = got > 0 ? static_cast<std::size_t>(got) : 0;
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

bool LineReader::stream_failed() const { return in_.bad(); }

LineReader::Status LineReader::next(std::string& line, std::uint64_t& length) {
  line.clear();
  length = 0;
  bool too_long = false;
  bool any = false;
  for (;;) {
    if (pos_ >= end_ && !refill()) break;
    any = true;
    const char* start = buffer_.data() + pos_;
    const void* nl = std::memchr(start, '\n', end_ - pos_);
    std::size_t chunk = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
    length += chunk;
    if (!too_long) {
      if (length > max_line_bytes_) {
        too_long = true;
        line.clear();
        line.shrink_to_fit();
      } else {
        line.append(start, chunk);
      }
    }
    pos_ += chunk;
    if (nl) {
      ++pos_;
      break;
    }
  }
  if (!any) return Status::kEnd;
  ++line_number_;
  if (too_long) return Status::kTooLong;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Status::kLine;
}

Compression compression_of(std::string_view path, std::string_view first_bytes) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".gz") || ends(".GZ")) return Compression::kGzip;
  if (ends(".zst") || ends(".ZST")) return Compression::kZstd;
  if (first_bytes.size() >= 2 && first_bytes[0] == '\x1F' && first_bytes[1] == '\x8B') return Compression::kGzip;
  if (first_bytes.substr(0, 4) == std::string_view("\x28\xB5\x2F\xFD", 4)) return Compression::kZstd;
  return Compression::kNone;
}

namespace {

constexpr std::size_t kChunk = 1 << 16;

class GzipBuffer final : public DecompressingBuffer {
 public:
  explicit GzipBuffer(std::istream& source) : source_(source), in_(kChunk), out_(kChunk) {
    std::memset(&zs_, 0, sizeof zs_);
    if (inflateInit2(&zs_, 15 + 32) != Z_OK) error_ = "cannot initialise zlib";
    else initialised_ = true;
  }
  ~GzipBuffer() override {
    if (initialised_) inflateEnd(&zs_);
  }
  const std::string& error() const override { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (!initialised_ || finished_) return traits_type::eof();
    for (;;) {
      if (zs_.avail_in == 0) {
        source_.read(in_.data(), static_cast<std::streamsize>(in_.size()));
        std::streamsize got = source_.gcount();
        if (got <= 0) {
          if (!stream_end_) error_ = "truncated gzip data";
          finished_ = true;
          return traits_type::eof();
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
        zs_.avail_in = static_cast<uInt>(got);
      }
      if (stream_end_) {
        // Another gzip member follows (or trailing garbage, which zlib will reject).
        if (inflateReset(&zs_) != Z_OK) {
          error_ = "cannot restart zlib";
          finished_ = true;
          return traits_type::eof();
        }
        stream_end_ = false;
      }
      zs_.next_out = reinterpret_cast<Bytef*>(out_.data());
      zs_.avail_out = static_cast<uInt>(out_.size());
      int rc = inflate(&zs_, Z_NO_FLUSH);
      std::size_t produced = out_.size() - zs_.avail_out;
      if (rc == Z_STREAM_END) {
        stream_end_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        error_ = std::string("corrupt gzip data: ") + (zs_.msg ? zs_.msg : "inflate failed");
        finished_ = true;
        if (produced == 0) return traits_type::eof();
      }
      if (produced > 0) {
        setg(out_.data(), out_.data(), out_.data() + produced);
        return traits_type::to_int_type(*gptr());
      }
      if (finished_) return traits_type::eof();
      if (stream_end_ && zs_.avail_in == 0) {
        // Peek whether anything follows the member.
        int next = source_.peek();
        if (next == std::char_traits<char>::eof()) {
          finished_ = true;
          return traits_type::eof();
        }
      }
    }
  }

 private:
  std::istream& source_;
  std::vector<char> in_, out_;
  z_stream zs_;
  bool initialised_ = false, finished_ = false, stream_end_ = false;
  std::string error_;
};

class ZstdBuffer final : public DecompressingBuffer {
 public:
  explicit ZstdBuffer(std::istream& source)
      : source_(source), in_(ZSTD_DStreamInSize()), out_(ZSTD_DStreamOutSize()), dctx_(ZSTD_createDCtx()) {
    if (dctx_ == nullptr) error_ = "cannot initialise zstd";
  }
  ~ZstdBuffer() override { ZSTD_freeDCtx(dctx_); }
  const std::string& error() const override { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (dctx_ == nullptr || finished_) return traits_type::eof();
    for (;;) {
      if (input_.pos >= input_.size) {
        source_.read(in_.data(), static_cast<std::streamsize>(in_.size()));
        std::streamsize got = source_.gcount();
        if (got <= 0) {
          if (!frame_done_) error_ = "truncated zstd data";
          finished_ = true;
          return traits_type::eof();
        }
        input_ = ZSTD_inBuffer{in_.data(), static_cast<std::size_t>(got), 0};
      }
      ZSTD_outBuffer output{out_.data(), out_.size(), 0};
      std::size_t rc = ZSTD_decompressStream(dctx_, &output, &input_);
      if (ZSTD_isError(rc)) {
        error_ = std::string("corrupt zstd data: ") + ZSTD_getErrorName(rc);
        finished_ = true;
        if (output.pos == 0) return traits_type::eof();
      } else {
        frame_done_ = rc == 0;
      }
      if (output.pos > 0) {
        setg(out_.data(), out_.data(), out_.data() + output.pos);
        return traits_type::to_int_type(*gptr());
      }
      if (finished_) return traits_type::eof();
    }
  }

 private:
  std::istream& source_;
  std::vector<char> in_, out_;
  ZSTD_DCtx* dctx_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool finished_ = false, frame_done_ = true;
  std::string error_;
};

}  // namespace

std::unique_ptr<DecompressingBuffer> make_decompressor(Compression kind, std::istream& source) {
  switch (kind) {
    case Compression::kGzip:
      return std::make_unique<GzipBuffer>(source);
    case Compression::kZstd:
      return std::make_unique<ZstdBuffer>(source);
    case Compression::kNone:
      break;
  }
  return nullptr;
}

PrefixedBuffer::PrefixedBuffer(std::string prefix, std::istream& rest)
    : prefix_(std::move(prefix)), rest_(rest), buffer_(kChunk) {}

PrefixedBuffer::int_type PrefixedBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!prefix_done_) {
    prefix_done_ = true;
    if (!prefix_.empty()) {
      setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
      return traits_type::to_int_type(*gptr());
    }
  }
  rest_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  std::streamsize got = rest_.gcount();
  if (got <= 0) return traits_type::eof();
  setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
  return traits_type::to_int_type(*gptr());
}

bool read_bounded(std::istream& in, std::uint64_t limit, std::string& out) {
  std::vector<char> chunk(kChunk);
  std::uint64_t taken = 0;
  for (;;) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    std::streamsize got = in.gcount();
    if (got <= 0) return true;
    taken += static_cast<std::uint64_t>(got);
    if (taken > limit) return false;
    out.append(chunk.data(), static_cast<std::size_t>(got));
  }
}

}  // namespace precis::ingest
