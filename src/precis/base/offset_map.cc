#include "precis/base/offset_map.h"

#include <algorithm>

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

}  // namespace precis
