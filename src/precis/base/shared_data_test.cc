// shared_data_dir: the environment override wins; an empty one is ignored.
#include "precis/base/shared_data.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace precis {
namespace {

TEST(SharedData, EnvironmentOverrideWinsAndEmptyIsIgnored) {
  const char* saved = std::getenv("PRECIS_SHARED_DATA");
  const std::string keep = saved == nullptr ? "" : saved;
  ::setenv("PRECIS_SHARED_DATA", "/data/elsewhere", 1);
  EXPECT_EQ(shared_data_dir(), "/data/elsewhere");
  ::setenv("PRECIS_SHARED_DATA", "", 1);
  const std::string fallback = shared_data_dir();
  EXPECT_TRUE(fallback.ends_with("../shared/data")) << fallback;
  if (saved == nullptr) ::unsetenv("PRECIS_SHARED_DATA");
  else ::setenv("PRECIS_SHARED_DATA", keep.c_str(), 1);
}

}  // namespace
}  // namespace precis
