#include "precis/base/offset_map.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace precis {

OffsetMap OffsetMap::identity(std::uint32_t size) {
  OffsetMap map;
  map.is_identity_ = true;
  map.identity_size_ = size;
  return map;
}

void OffsetMap::append(std::uint32_t source_begin, std::uint32_t source_end, std::uint32_t count) {
  if (is_identity_) {
    // Materialise: appending to an identity map turns it explicit.
    std::uint32_t n = identity_size_;
    is_identity_ = false;
    identity_size_ = 0;
    begin_.reserve(n + count);
    end_.reserve(n + count);
    for (std::uint32_t i = 0; i < n; ++i) {
      begin_.push_back(i);
      end_.push_back(i + 1);
    }
  }
  for (std::uint32_t i = 0; i < count; ++i) {
    begin_.push_back(source_begin);
    end_.push_back(source_end);
  }
}

std::uint32_t OffsetMap::source_begin(std::uint32_t derived) const {
  if (is_identity_) return derived;
  if (begin_.empty()) return 0;
  if (derived >= begin_.size()) return end_.back();
  return begin_[derived];
}

std::uint32_t OffsetMap::source_end(std::uint32_t derived) const {
  if (is_identity_) return derived + 1;
  if (end_.empty()) return 0;
  if (derived >= end_.size()) return end_.back();
  return end_[derived];
}

ByteSpan OffsetMap::to_source(ByteSpan span) const {
  if (span.empty()) {
    std::uint32_t at = source_begin(span.begin);
    return ByteSpan{at, at};
  }
  std::uint32_t b = source_begin(span.begin);
  std::uint32_t e = source_end(span.end - 1);
  if (!is_identity_) {
    // Ranges are monotone in practice; guard against inserted bytes mapped out of order.
    for (std::uint32_t i = span.begin; i < span.end && i < begin_.size(); ++i) {
      b = std::min(b, begin_[i]);
      e = std::max(e, end_[i]);
    }
  }
  if (e < b) e = b;
  return ByteSpan{b, e};
}

OffsetMap OffsetMap::compose(const OffsetMap& inner) const {
  if (is_identity_) return inner;
  if (inner.is_identity_) return *this;
  OffsetMap out;
  out.begin_.reserve(inner.begin_.size());
  out.end_.reserve(inner.end_.size());
  for (std::size_t i = 0; i < inner.begin_.size(); ++i) {
    ByteSpan mid{inner.begin_[i], inner.end_[i]};
    ByteSpan src = to_source(mid);
    out.begin_.push_back(src.begin);
    out.end_.push_back(src.end);
  }
  return out;
}

namespace {

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::uint64_t zigzag(std::int64_t v) { return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63); }
std::int64_t unzigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

bool get_varint(std::string_view& in, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

}  // namespace

// Format: 'I' varint(size) for an identity map; else 'R' varint(runs), then per run
// varint(count << 1 | step), zigzag(begin - previous run's next begin), zigzag(end - begin).
// Within a run of `count` derived bytes, byte k maps to [begin + k*step, end + k*step).
std::string OffsetMap::encode() const {
  std::string out;
  if (is_identity_) {
    out.push_back('I');
    put_varint(out, identity_size_);
    return out;
  }
  struct Run {
    std::uint32_t count, step, begin, end;
  };
  std::vector<Run> runs;
  for (std::size_t i = 0; i < begin_.size(); ++i) {
    if (!runs.empty()) {
      Run& r = runs.back();
      if (r.count == 1 && begin_[i] == r.begin + 1 && end_[i] == r.end + 1) r.step = 1;
      std::int64_t next_begin = static_cast<std::int64_t>(r.begin) + static_cast<std::int64_t>(r.count) * r.step;
      std::int64_t next_end = static_cast<std::int64_t>(r.end) + static_cast<std::int64_t>(r.count) * r.step;
      if (begin_[i] == next_begin && end_[i] == next_end) {
        ++r.count;
        continue;
      }
    }
    runs.push_back(Run{1, 0, begin_[i], end_[i]});
  }
  out.push_back('R');
  put_varint(out, runs.size());
  std::int64_t next = 0;
  for (const Run& r : runs) {
    put_varint(out, (static_cast<std::uint64_t>(r.count) << 1) | r.step);
    put_varint(out, zigzag(static_cast<std::int64_t>(r.begin) - next));
    put_varint(out, zigzag(static_cast<std::int64_t>(r.end) - static_cast<std::int64_t>(r.begin)));
    next = static_cast<std::int64_t>(r.begin) + static_cast<std::int64_t>(r.count) * r.step;
  }
  return out;
}

Result<OffsetMap> OffsetMap::decode(std::string_view in, std::uint32_t max_size) {
  const std::uint64_t kMaxSize = max_size;
  constexpr std::int64_t kMaxOffset = std::numeric_limits<std::uint32_t>::max();
  if (in.empty()) return make_error("empty offset map");
  char kind = in.front();
  in.remove_prefix(1);
  std::uint64_t n = 0;
  if (!get_varint(in, n)) return make_error("truncated offset map");
  if (kind == 'I') {
    if (n > kMaxSize || !in.empty()) return make_error("malformed or oversized identity offset map");
    return identity(static_cast<std::uint32_t>(n));
  }
  if (kind != 'R') return make_error("unknown offset map kind");
  OffsetMap map;
  std::int64_t next = 0;
  for (std::uint64_t r = 0; r < n; ++r) {
    std::uint64_t head = 0, begin_delta = 0, width = 0;
    if (!get_varint(in, head) || !get_varint(in, begin_delta) || !get_varint(in, width)) {
      return make_error("truncated offset map");
    }
    std::uint64_t count = head >> 1;
    std::int64_t step = static_cast<std::int64_t>(head & 1);
    std::int64_t begin = next + unzigzag(begin_delta);
    std::int64_t end = begin + unzigzag(width);
    std::int64_t last_begin = begin + static_cast<std::int64_t>(count) * step;
    std::int64_t last_end = end + static_cast<std::int64_t>(count) * step;
    if (count == 0 || map.begin_.size() + count > kMaxSize || begin < 0 || end < 0 || last_begin > kMaxOffset ||
        last_end > kMaxOffset) {
      return make_error("offset map run out of range");
    }
    for (std::uint64_t k = 0; k < count; ++k) {
      auto off = static_cast<std::int64_t>(k) * step;
      map.begin_.push_back(static_cast<std::uint32_t>(begin + off));
      map.end_.push_back(static_cast<std::uint32_t>(end + off));
    }
    next = last_begin;
  }
  if (!in.empty()) return make_error("trailing bytes after offset map");
  return map;
}

bool operator==(const OffsetMap& a, const OffsetMap& b) {
  if (a.size() != b.size()) return false;
  for (std::uint32_t i = 0; i < a.size(); ++i) {
    if (a.source_begin(i) != b.source_begin(i) || a.source_end(i) != b.source_end(i)) return false;
  }
  return true;
}

}  // namespace precis
