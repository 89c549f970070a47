// Where the shared evaluation data lives: $PRECIS_SHARED_DATA when set and not empty, else
// ../shared/data beside the source tree (PRECIS_SOURCE_DIR, compiled in), else ../shared/data
// relative to the working directory. The directory may not exist; callers check and skip (tests)
// or report (evaluation commands). The data is read only, never copied into the repository.
#pragma once

#include <string>

namespace precis {

std::string shared_data_dir();

}  // namespace precis
