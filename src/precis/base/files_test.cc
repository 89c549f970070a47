// user_cache_dir follows XDG then HOME; write_file_atomically replaces whole files, creates the
// folder, and leaves nothing behind when it cannot write.
#include "precis/base/files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace precis {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class EnvGuard {
 public:
  explicit EnvGuard(const char* name) : name_(name) {
    const char* v = std::getenv(name);
    had_ = v != nullptr;
    if (had_) value_ = v;
  }
  ~EnvGuard() {
    if (had_) ::setenv(name_, value_.c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  bool had_ = false;
  std::string value_;
};

TEST(Files, UserCacheDirFollowsXdgThenHome) {
  EnvGuard xdg("XDG_CACHE_HOME"), home("HOME");
  ::setenv("XDG_CACHE_HOME", "/x/cache", 1);
  ::setenv("HOME", "/home/u", 1);
  EXPECT_EQ(user_cache_dir(), "/x/cache/precis");
  ::setenv("XDG_CACHE_HOME", "", 1);
  EXPECT_EQ(user_cache_dir(), "/home/u/.cache/precis");
  ::unsetenv("XDG_CACHE_HOME");
  ::unsetenv("HOME");
  EXPECT_EQ(user_cache_dir(), "");
}

TEST(Files, WriteFileAtomicallyReplacesAndCleansUp) {
  const fs::path dir = fs::temp_directory_path() / ("precis-files-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path file = dir / "sub" / "model.bin";
  ASSERT_TRUE(write_file_atomically(file.string(), std::string("first\0x", 7)));
  EXPECT_EQ(read(file), std::string("first\0x", 7));
  ASSERT_TRUE(write_file_atomically(file.string(), "second"));
  EXPECT_EQ(read(file), "second");
  // Only the file itself is left: no temporary files.
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir / "sub")) entries += e.is_regular_file();
  EXPECT_EQ(entries, 1u);
  // A path under a regular file cannot be created: an error, and the old file is untouched.
  auto bad = write_file_atomically((file / "child").string(), "x");
  EXPECT_FALSE(bad);
  EXPECT_EQ(read(file), "second");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace precis
