// Page metadata from a parsed HTML tree. Internal to ingest (html_meta.cc has the sources and
// their precedence).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "precis/ingest/html_dom.h"

namespace precis::ingest::internal {

struct PageMetadata {
  std::string title, published, updated, author, outlet, url, language;
  std::vector<std::string> problems;  // e.g. a date field that is not a date
};

// `page_url` (may be empty) is where the page came from, for dates in the URL and as the URL when
// the page names none.
PageMetadata page_metadata(const html::Document& document, std::string_view page_url);

// The text of the subtree at `node` with whitespace collapsed, scripts and styles ignored.
std::string node_text(const html::Document& document, html::NodeId node);

// A date spelt in a URL path: /2019/10/08/, /2019-10-08/, /20191008/ -> "2019-10-08"; else "".
std::string date_from_url(std::string_view url);

}  // namespace precis::ingest::internal
