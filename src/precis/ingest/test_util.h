// Helpers for the ingest tests (not part of the library).
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "precis/ingest/reader.h"

namespace precis::ingest::testing {

inline std::string data_path(const std::string& relative) {
  return std::string(PRECIS_SOURCE_DIR) + "/tests/data/ingest/" + relative;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// ASCII alphanumeric words, after removing <tags> and &entity; references (so that a source
// slice of markup compares with the body text it produced).
inline std::vector<std::string> words(std::string_view text, bool strip_markup) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (strip_markup && c == '<') {
      std::size_t close = text.find('>', i);
      if (close != std::string_view::npos) {
        i = close;
        if (!current.empty()) out.push_back(std::move(current));
        current.clear();
        continue;
      }
    }
    if (strip_markup && c == '&') {
      std::size_t semi = text.find(';', i);
      if (semi != std::string_view::npos && semi - i < 12) {
        i = semi;
        if (!current.empty()) out.push_back(std::move(current));
        current.clear();
        continue;
      }
    }
    if (std::isalnum(static_cast<unsigned char>(c))) {
      current.push_back(c);
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

// Checks the map's contract on every paragraph and every ". "-separated piece of the body: the
// source slice holds the same words, and starts and ends where the body span does.
inline void expect_round_trip(const RawArticle& a, bool strip_markup) {
  ASSERT_EQ(a.body_to_original.size(), a.body.size());
  std::vector<ByteSpan> spans;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= a.body.size(); ++i) {
    bool end = i == a.body.size() || a.body.compare(i, 2, "\n\n") == 0 || a.body.compare(i, 2, ". ") == 0;
    if (!end) continue;
    std::size_t stop = (i < a.body.size() && a.body[i] == '.') ? i + 1 : i;
    if (stop > start) spans.push_back(ByteSpan{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(stop)});
    start = i + 2;
    i = start - 1;
  }
  ASSERT_FALSE(spans.empty());
  for (ByteSpan span : spans) {
    ByteSpan src = a.body_to_original.to_source(span);
    ASSERT_LE(src.end, a.original.size());
    std::string_view body_part = slice(a.body, span);
    std::string_view source_part = slice(a.original, src);
    EXPECT_EQ(words(body_part, false), words(source_part, strip_markup))
        << "body: [" << body_part << "]\nsource: [" << source_part << "]";
    if (std::isalnum(static_cast<unsigned char>(body_part.front())) && !source_part.empty()) {
      EXPECT_EQ(body_part.front(), source_part.front()) << source_part;
    }
    if (std::isalnum(static_cast<unsigned char>(body_part.back())) && !source_part.empty()) {
      EXPECT_EQ(body_part.back(), source_part.back()) << source_part;
    }
  }
}

inline std::vector<RawArticle> collect(const std::function<void(const ArticleSink&)>& run) {
  std::vector<RawArticle> out;
  run([&](RawArticle&& a) { out.push_back(std::move(a)); });
  return out;
}

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "precis_ingest_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string path(const std::string& child = "") const { return child.empty() ? path_ : path_ + "/" + child; }

 private:
  std::string path_;
};

}  // namespace precis::ingest::testing
