// Golden cases for the text layer: tests/golden/{normalize,sentences,tokens}/*.txt, one test
// per file. A case file is
//
//   # what the case is about (comment lines before the first section are ignored)
//   --- input
//   <text>
//   --- expected
//   <normalised text | one sentence per line | one token per line>
//
// The final newline of each section is not part of it. "\u{XXXX}" in either section stands for
// that code point (for invisible characters), "\n" inside the input section is a real line break.
// PRECIS_UPDATE_GOLDEN=1 rewrites the expected sections from the current output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "precis/base/utf8.h"
#include "precis/text/normalize.h"
#include "precis/text/sentence_splitter.h"
#include "precis/text/tokenizer.h"

namespace precis::text {
namespace {

namespace fs = std::filesystem;

const fs::path kGoldenRoot = fs::path(PRECIS_SOURCE_DIR) / "tests" / "golden";

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 3) == "\\u{") {
      std::size_t close = s.find('}', i);
      if (close != std::string_view::npos) {
        char32_t cp = static_cast<char32_t>(std::strtoul(std::string(s.substr(i + 3, close - i - 3)).c_str(), nullptr, 16));
        utf8::append(out, cp);
        i = close;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string escape(std::string_view s) {
  std::string out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t len = 1;
    char32_t cp = utf8::decode(s, pos, &len);
    bool invisible = (cp < 0x20 && cp != '\n') || cp == 0xA0 || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
                     cp == 0x2060 || cp == 0xFEFF;
    if (invisible) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s.substr(pos, len));
    }
    pos += len;
  }
  return out;
}

struct Case {
  std::string header;    // everything up to and including "--- input\n"
  std::string input;     // unescaped
  std::string expected;  // unescaped
};

bool parse_case(const std::string& content, Case* c) {
  const std::string in_marker = "--- input\n";
  const std::string ex_marker = "\n--- expected\n";
  std::size_t in = content.find(in_marker);
  if (in == std::string::npos) return false;
  std::size_t body = in + in_marker.size();
  std::size_t ex = content.find(ex_marker, body);
  if (ex == std::string::npos) return false;
  c->header = content.substr(0, body);
  c->input = unescape(content.substr(body, ex - body));
  std::string expected = content.substr(ex + ex_marker.size());
  if (!expected.empty() && expected.back() == '\n') expected.pop_back();
  c->expected = unescape(expected);
  return true;
}

std::string run_stage(const std::string& stage, const std::string& input) {
  std::string out;
  if (stage == "normalize") return normalize(input).text;
  if (stage == "sentences") {
    Normalized n = normalize(input);
    for (ByteSpan s : split_sentences(n.text)) {
      if (!out.empty()) out += '\n';
      out += slice(n.text, s);
    }
    return out;
  }
  Normalized n = normalize(input);
  for (ByteSpan t : tokenize(n.text)) {
    if (!out.empty()) out += '\n';
    out += slice(n.text, t);
  }
  return out;
}

class GoldenCase : public testing::Test {
 public:
  GoldenCase(std::string stage, fs::path path) : stage_(std::move(stage)), path_(std::move(path)) {}
  void TestBody() override {
    std::ifstream in(path_, std::ios::binary);
    ASSERT_TRUE(in) << path_;
    std::stringstream buffer;
    buffer << in.rdbuf();
    Case c;
    ASSERT_TRUE(parse_case(buffer.str(), &c)) << path_ << ": needs '--- input' and '--- expected' sections";
    std::string got = run_stage(stage_, c.input);
    const char* update = std::getenv("PRECIS_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
      std::ofstream out(path_, std::ios::binary);
      out << buffer.str().substr(0, buffer.str().find("\n--- expected\n")) << "\n--- expected\n" << escape(got) << "\n";
      return;
    }
    EXPECT_EQ(got, c.expected) << path_ << "\n(run with PRECIS_UPDATE_GOLDEN=1 to accept the new output)";
  }

 private:
  std::string stage_;
  fs::path path_;
};

void register_cases() {
  for (const char* stage : {"normalize", "sentences", "tokens"}) {
    fs::path dir = kGoldenRoot / stage;
    if (!fs::exists(dir)) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::string stage_name = stage;
      testing::RegisterTest(("Golden_" + stage_name).c_str(), file.stem().string().c_str(), nullptr, nullptr,
                            __FILE__, __LINE__, [stage_name, file]() -> testing::Test* {
                              return new GoldenCase(stage_name, file);
                            });
    }
  }
}

// Every stage has cases: an empty folder would make the suite pass vacuously.
TEST(Golden, EveryStageHasCases) {
  for (const char* stage : {"normalize", "sentences", "tokens"}) {
    std::size_t count = 0;
    if (fs::exists(kGoldenRoot / stage)) {
      for (const auto& entry : fs::directory_iterator(kGoldenRoot / stage)) count += entry.path().extension() == ".txt";
    }
    EXPECT_GE(count, 5u) << stage;
  }
}

const bool kRegistered = (register_cases(), true);

}  // namespace
}  // namespace precis::text
