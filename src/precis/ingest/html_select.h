// Main-content selection on a parsed page: which subtrees hold the article. Internal to ingest;
// the HTML reader walks the selected subtrees to build the body (see html_select.cc for the
// method). Gumbo's node type is only forward-declared here so that its header stays out.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "precis/ingest/reader.h"

struct GumboInternalNode;

namespace precis::ingest {

struct ContentSelection {
  // Subtrees to read, in document order; empty when the page has no recognisable article (the
  // reader then falls back to all visible text).
  std::vector<const GumboInternalNode*> roots;
  // Elements inside the roots to leave out (boilerplate), whole subtrees.
  std::unordered_set<const GumboInternalNode*> dropped;
  // Block elements whose text matched a boilerplate phrase or is a lone link line: left out.
  std::string method;  // "candidate", "paragraphs", or "" (nothing found)
};

// `document` is a GumboNode of type GUMBO_NODE_DOCUMENT. `title` (may be empty) is the page's
// title, so that a heading repeating it is left out. Never fails; reentrant.
ContentSelection select_main_content(const GumboInternalNode* document, const std::string& title,
                                     ExtractionFocus focus);

}  // namespace precis::ingest
