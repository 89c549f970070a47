#include "precis/base/shared_data.h"

#include <cstdlib>

namespace precis {

std::string shared_data_dir() {
  if (const char* env = std::getenv("PRECIS_SHARED_DATA"); env != nullptr && *env != '\0') return env;
#ifdef PRECIS_SOURCE_DIR
  return std::string(PRECIS_SOURCE_DIR) + "/../shared/data";
#else
  return "../shared/data";
#endif
}

}  // namespace precis
