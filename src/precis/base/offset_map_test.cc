#include "precis/base/offset_map.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace precis
