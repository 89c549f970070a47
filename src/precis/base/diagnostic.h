// Diagnostics: what went wrong with the input, where, and that the run went on.
//
// The core never prints. Stages append Diagnostics to a sink; programs decide what to show.
#pragma once

#include <string>
#include <vector>

namespace precis {

enum class Severity { kInfo, kWarning, kError };

struct Diagnostic {
  std::string source;   // "path", "path:line" or a URL
  std::string message;  // one sentence, lower case start, no trailing period
  Severity severity = Severity::kWarning;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace precis
