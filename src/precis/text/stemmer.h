// Snowball stemming (libstemmer) for every language libstemmer ships.
//
// Usage: Stemmer stemmer("en"); if (stemmer.ok()) stem = stemmer.stem(lower_word);
// The word must be lower-cased UTF-8 (see to_lower). A Stemmer for a language libstemmer does
// not know is not ok(), and stem() then returns the word unchanged.
//
// Thread safety: a Stemmer is not thread-safe (libstemmer keeps state per stemmer); use one per
// thread. Movable, not copyable.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace precis::text {

class Stemmer {
 public:
  explicit Stemmer(std::string_view iso639_1);
  ~Stemmer();
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  bool ok() const { return impl_ != nullptr; }
  const std::string& language() const { return language_; }
  std::string stem(std::string_view lower_word);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string language_;
};

// ISO 639-1 codes of the languages libstemmer supports, sorted ("ar", "ca", "da", ..., "yi").
std::vector<std::string> snowball_languages();

}  // namespace precis::text
