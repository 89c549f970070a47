// Files precis keeps for the user: where its cache lives, and writing a file so that no reader
// ever sees it half written.
#pragma once

#include <string>
#include <string_view>

#include "precis/base/result.h"

namespace precis {

// The per-user cache folder: $XDG_CACHE_HOME/precis, else $HOME/.cache/precis; "" when neither
// variable is set (callers then keep nothing). The folder may not exist yet.
std::string user_cache_dir();

// Writes `bytes` to `path` through a temporary file with a unique name in the same folder, then
// renames it over `path`: readers see the old file or the new one, and concurrent writers (two
// processes filling the same cache) do not interleave. Creates the folder when missing. On failure
// nothing is left behind and the error names the file.
Result<bool> write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace precis
