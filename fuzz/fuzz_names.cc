// Fuzz target for names in a story (facts/story_facts.cc with the rule tagger): the sentence is
// rewritten as CoNLL writes it (abbreviation periods joined, possessives split), tagged, refined
// (name_refine.h) and mapped back to byte spans. Beyond "does not crash", every mention must lie
// inside the article's text, be non-empty and carry exactly the text of its span.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "precis/base/utf8.h"
#include "precis/facts/entity_tagger.h"
#include "precis/facts/facts.h"
#include "precis/text/annotate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 20000) return 0;
  static const precis::facts::EntityTagger rules = precis::facts::EntityTagger::rule_based();
  precis::Article a;
  a.text = precis::utf8::repair(std::string_view(reinterpret_cast<const char*>(data), size)).text;
  a.original = a.text;
  a.to_original = precis::OffsetMap::identity(static_cast<std::uint32_t>(a.text.size()));
  a.meta.published = "2004-11-02";
  a.language = "en";
  precis::text::annotate(a);
  precis::facts::FactsOptions options;
  options.tagger = &rules;
  const auto facts = precis::facts::extract_story_facts({&a}, options);
  for (const auto& e : facts.entities) {
    if (e.name.empty()) std::abort();
    for (const auto& m : e.mentions) {
      const auto& s = m.where.span;
      if (s.begin >= s.end || s.end > a.text.size()) std::abort();
      if (m.where.text != std::string_view(a.text).substr(s.begin, s.end - s.begin)) std::abort();
    }
  }
  return 0;
}
