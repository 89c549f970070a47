// OffsetMap: where each byte of a derived text came from in its source text.
//
// Every stage that rewrites text (charset repair, normalisation, HTML decoding, boilerplate
// removal) returns the new text plus an OffsetMap, as SentencePiece's normalizer does. Maps
// compose, so a sentence found in the normalised text of an article can be traced back to the
// exact bytes of the file it was read from: original.substr(map.to_source(span)).
//
// Representation: for derived byte i, the source range [source_begin(i), source_end(i)) that
// produced it. A derived byte produced from nothing (an inserted space) maps to the empty range at
// the position of its neighbour. The identity map stores nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "precis/base/result.h"
#include "precis/base/span.h"

namespace precis {

class OffsetMap {
 public:
  // The identity map over a text of `size` bytes.
  static OffsetMap identity(std::uint32_t size);

  OffsetMap() = default;

  // Appending, in derived order: the next derived byte(s) came from source range [begin, end).
  // Each of `count` derived bytes maps to the whole range (a replacement character stands for
  // all of the bytes it replaced).
  void append(std::uint32_t source_begin, std::uint32_t source_end, std::uint32_t count = 1);

  std::uint32_t size() const { return is_identity_ ? identity_size_ : static_cast<std::uint32_t>(begin_.size()); }
  bool is_identity() const { return is_identity_; }

  std::uint32_t source_begin(std::uint32_t derived) const;
  std::uint32_t source_end(std::uint32_t derived) const;

  // The source range that derived bytes [span.begin, span.end) came from. An empty span maps to
  // an empty span at the source position of span.begin.
  ByteSpan to_source(ByteSpan span) const;

  // this: B -> A, inner: C -> B. Returns C -> A.
  OffsetMap compose(const OffsetMap& inner) const;

  // A compact byte string that decode() turns back into an equal map (the store keeps maps this
  // way). Runs of bytes whose ranges step by one (copied text) cost a few bytes per run, so a
  // typical article's map is a few hundred bytes. decode() rejects, with a reason, any string
  // encode() cannot have made and any map of more than `max_size` derived bytes (a bound on the
  // memory a corrupt string can claim).
  std::string encode() const;
  static Result<OffsetMap> decode(std::string_view bytes, std::uint32_t max_size);

  friend bool operator==(const OffsetMap& a, const OffsetMap& b);

 private:
  bool is_identity_ = false;
  std::uint32_t identity_size_ = 0;
  std::vector<std::uint32_t> begin_;
  std::vector<std::uint32_t> end_;
};

}  // namespace precis
