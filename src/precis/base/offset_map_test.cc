#include "precis/base/offset_map.h"

#include <gtest/gtest.h>

#include <random>

namespace precis {
namespace {

TEST(OffsetMap, IdentityMapsSpansToThemselves) {
  OffsetMap map = OffsetMap::identity(10);
  EXPECT_EQ(map.to_source(ByteSpan{2, 5}), (ByteSpan{2, 5}));
}

TEST(OffsetMap, CollapsedWhitespaceMapsToWholeRun) {
  // "a \n  b" -> "a b": the space stands for source bytes [1, 5).
  OffsetMap map;
  map.append(0, 1);
  map.append(1, 5);
  map.append(5, 6);
  EXPECT_EQ(map.to_source(ByteSpan{0, 3}), (ByteSpan{0, 6}));
  EXPECT_EQ(map.to_source(ByteSpan{2, 3}), (ByteSpan{5, 6}));
}

TEST(OffsetMap, ComposeChainsTwoRewrites) {
  OffsetMap outer;  // B -> A: B drops A's first byte
  for (std::uint32_t i = 1; i < 6; ++i) outer.append(i, i + 1);
  OffsetMap inner;  // C -> B: C drops B's last byte
  for (std::uint32_t i = 0; i < 4; ++i) inner.append(i, i + 1);
  OffsetMap both = outer.compose(inner);
  EXPECT_EQ(both.to_source(ByteSpan{0, 4}), (ByteSpan{1, 5}));
}

TEST(OffsetMap, AppendToIdentityMaterialises) {
  OffsetMap map = OffsetMap::identity(3);
  map.append(3, 7);
  EXPECT_EQ(map.size(), 4u);
  EXPECT_EQ(map.to_source(ByteSpan{1, 4}), (ByteSpan{1, 7}));
}

// Property: encode/decode round-trips every map (identity, copied runs, collapsed runs,
// replacement bytes, out-of-order inserts), and decode rejects truncated or oversized strings.
TEST(OffsetMap, EncodeDecodeRoundTripsRandomMaps) {
  std::mt19937 rng(17);
  for (int trial = 0; trial < 300; ++trial) {
    OffsetMap map;
    if (trial % 10 == 0) {
      map = OffsetMap::identity(rng() % 500);
    } else {
      std::uint32_t at = rng() % 50;
      int pieces = static_cast<int>(rng() % 40);
      for (int p = 0; p < pieces; ++p) {
        switch (rng() % 4) {
          case 0: {  // copied text
            std::uint32_t n = 1 + rng() % 30;
            for (std::uint32_t k = 0; k < n; ++k) map.append(at + k, at + k + 1);
            at += n;
            break;
          }
          case 1: {  // a run collapsed into one byte
            std::uint32_t n = 1 + rng() % 8;
            map.append(at, at + n);
            at += n;
            break;
          }
          case 2:  // a replacement character: 3 derived bytes for one source range
            map.append(at, at + 2, 3);
            at += 2;
            break;
          default:  // an inserted byte, possibly out of order
            map.append(at > 5 ? at - rng() % 5 : at, at > 5 ? at - rng() % 5 : at);
            break;
        }
      }
    }
    std::string bytes = map.encode();
    auto back = OffsetMap::decode(bytes, map.size());
    ASSERT_TRUE(back.has_value()) << back.error().message;
    EXPECT_TRUE(*back == map) << "trial " << trial;
    EXPECT_EQ(back->is_identity(), map.is_identity());
    if (map.size() > 0) {
      EXPECT_FALSE(OffsetMap::decode(bytes, map.size() - 1).has_value()) << "oversized map accepted";
    }
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
      EXPECT_FALSE(OffsetMap::decode(std::string_view(bytes).substr(0, cut), map.size()).has_value())
          << "trial " << trial << ": a truncated map decoded";
    }
  }
}

TEST(OffsetMap, CopiedTextEncodesAsOneRun) {
  OffsetMap map;
  for (std::uint32_t i = 0; i < 10000; ++i) map.append(i + 7, i + 8);
  EXPECT_LT(map.encode().size(), 12u);
  EXPECT_FALSE(OffsetMap::decode("X", 10).has_value());
  EXPECT_FALSE(OffsetMap::decode("", 10).has_value());
}

}  // namespace
}  // namespace precis
