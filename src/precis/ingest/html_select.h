// Main-content selection on a parsed page: which subtrees hold the article. Internal to ingest;
// the HTML reader walks the selected subtrees to build the body (see html_select.cc for the
// method).
#pragma once

#include <string>
#include <vector>

#include "precis/ingest/html_dom.h"
#include "precis/ingest/reader.h"

namespace precis::ingest {

struct ContentSelection {
  // Subtrees to read, in document order; empty when the page has no recognisable article (the
  // reader then falls back to all visible text).
  std::vector<html::NodeId> roots;
  // Per node of the document: an element inside the roots to leave out (boilerplate), whole
  // subtree. Sized to the document (all false when nothing is dropped).
  std::vector<bool> dropped;
  // Block elements whose text matched a boilerplate phrase or is a lone link line: left out.
  std::string method;  // "candidate", "paragraphs", or "" (nothing found)
  // The name a byline inside the article gave ("By Hanna Voss" -> "Hanna Voss"), else empty. The
  // byline line itself, like a time-stamp line, is dropped from the body.
  std::string byline;
};

// `title` (may be empty) is the page's title, so that a heading repeating it is left out. Never
// fails; reentrant.
ContentSelection select_main_content(const html::Document& document, const std::string& title,
                                     ExtractionFocus focus);

}  // namespace precis::ingest
