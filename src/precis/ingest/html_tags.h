// Tag properties for the HTML tree builder (html_dom.cc). Internal to ingest.
#pragma once

#include <cstdint>
#include <string_view>

#include "precis/ingest/html_dom.h"

namespace precis::ingest::html {

enum TagFlag : std::uint16_t {
  kVoid = 1 << 0,          // no content, no end tag (br, img, meta...)
  kSpecial = 1 << 1,       // the spec's "special" category: stops an unrelated end tag
  kClosesP = 1 << 2,       // a start tag that first closes an open <p>
  kScope = 1 << 3,         // boundary of "has an element in scope"
  kFormatting = 1 << 4,    // a, b, i, em, strong...
  kImpliedEnd = 1 << 5,    // closed implicitly by "generate implied end tags"
  kBreakout = 1 << 6,      // a start tag that ends svg/math content
  kHeading = 1 << 7,       // h1-h6
  kTableSection = 1 << 8,  // tbody, thead, tfoot
};

// The name of a listed tag ("" for kOther).
std::string_view tag_name(Tag tag);
// TagFlag bits of a tag (0 for kOther). Thread-safe.
std::uint16_t tag_flags(Tag tag);

}  // namespace precis::ingest::html
