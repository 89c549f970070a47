// HTML named character references ("&amp;", "&rsquo;", legacy "&copy" without the semicolon):
// the complete WHATWG table. Internal to ingest; used by the HTML tokenizer (html_dom.cc).
#pragma once

#include <cstddef>
#include <string_view>

namespace precis::ingest::html {

struct NamedReference {
  std::size_t length = 0;   // bytes of `text` the name took (0: no reference matched)
  std::string_view value;   // the UTF-8 replacement (static storage)
  bool semicolon = false;   // the match ended with ';' (else a legacy name without it)
};

// The longest reference name at the start of `text`, which begins just after the '&'. Names with
// a semicolon match only with it; the legacy names (amp, lt, nbsp, copy...) also match as a prefix
// without one, as the HTML tokenizer does. Thread-safe (static data only).
NamedReference match_named_reference(std::string_view text);

}  // namespace precis::ingest::html
