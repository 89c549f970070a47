#include "precis/text/stemmer.h"

#include <libstemmer.h>

#include <algorithm>
#include <cstring>

namespace precis::text {
namespace {

// libstemmer names its algorithms in English; sb_stemmer_list() gives those names.
struct NameCode {
  const char* name;
  const char* code;
};
constexpr NameCode kNames[] = {
    {"arabic", "ar"},     {"armenian", "hy"},  {"basque", "eu"},     {"catalan", "ca"},   {"danish", "da"},
    {"dutch", "nl"},      {"english", "en"},   {"finnish", "fi"},    {"french", "fr"},    {"german", "de"},
    {"greek", "el"},      {"hindi", "hi"},     {"hungarian", "hu"},  {"indonesian", "id"}, {"irish", "ga"},
    {"italian", "it"},    {"lithuanian", "lt"}, {"nepali", "ne"},    {"norwegian", "no"}, {"portuguese", "pt"},
    {"romanian", "ro"},   {"russian", "ru"},   {"serbian", "sr"},    {"spanish", "es"},   {"swedish", "sv"},
    {"tamil", "ta"},      {"turkish", "tr"},   {"yiddish", "yi"},
};

}  // namespace

struct Stemmer::Impl {
  sb_stemmer* stemmer = nullptr;
  ~Impl() {
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }
};

Stemmer::Stemmer(std::string_view iso639_1) : language_(iso639_1) {
  std::string code(iso639_1);
  if (code == "nb" || code == "nn") code = "no";  // Bokmål and Nynorsk use the Norwegian stemmer
  bool known = false;
  for (const auto& entry : kNames) known = known || code == entry.code;
  if (!known) return;
  sb_stemmer* s = sb_stemmer_new(code.c_str(), "UTF_8");
  if (s == nullptr) return;
  impl_ = std::make_unique<Impl>();
  impl_->stemmer = s;
}

Stemmer::~Stemmer() = default;
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;

std::string Stemmer::stem(std::string_view lower_word) {
  if (!impl_ || lower_word.empty() || lower_word.size() > 1024) return std::string(lower_word);
  const sb_symbol* out = sb_stemmer_stem(impl_->stemmer, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                         static_cast<int>(lower_word.size()));
  if (out == nullptr) return std::string(lower_word);  // out of memory
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<std::size_t>(sb_stemmer_length(impl_->stemmer)));
}

std::vector<std::string> snowball_languages() {
  std::vector<std::string> codes;
  for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) {
    for (const auto& entry : kNames) {
      if (std::strcmp(entry.name, *name) == 0) codes.emplace_back(entry.code);
    }
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

}  // namespace precis::text
