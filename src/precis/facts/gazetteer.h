// Gazetteer: names of places, people and organisations, and the common (lower-case) words of
// English, built from Debian data files at run time (nothing is downloaded or committed):
//   iso-codes  /usr/share/iso-codes/json/iso_3166-1.json, iso_3166-2.json, iso_3166-3.json:
//              country names (name, official and common names) and their subdivisions -> places;
//   miscfiles  /usr/share/dict/propernames.gz (English given names -> first names),
//              /usr/share/misc/cities.dat.gz and airport.gz (city names -> places);
//   tzdata     /usr/share/zoneinfo/<Area>/<City> (city names -> places);
//   WordNet    /usr/share/wordnet/data.{noun,verb,adj,adv}: capitalised noun lemmas of the
//              lexicographer files noun.location (15) -> places, noun.person (18) -> people,
//              noun.group (14) -> organisations; lemmas written lower-case anywhere -> common words.
// Missing files are not an error: the gazetteer is then smaller (see source_count()).
//
// Thread safety: a built Gazetteer is immutable; match() is thread-safe. system() builds the
// shared instance once (thread-safe static initialisation).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace precis::facts {

// Bits of a word's gazetteer match: B = first word of a listed name, I = a later word.
enum GazetteerBits : std::uint16_t {
  kGazLocB = 1 << 0, kGazLocI = 1 << 1,
  kGazPerB = 1 << 2, kGazPerI = 1 << 3,
  kGazOrgB = 1 << 4, kGazOrgI = 1 << 5,
  kGazCountry = 1 << 6,     // part of a country name (ISO 3166-1/-3)
  kGazCommonWord = 1 << 7,  // the lower-cased word is a common English word (WordNet)
  kGazFirstName = 1 << 8,   // a given name (miscfiles propernames)
};

class Gazetteer {
 public:
  enum Class : std::uint8_t { kLocation = 1, kPerson = 2, kOrganization = 4, kCountry = 8, kFirstName = 16 };

  Gazetteer() = default;

  // The gazetteer of this machine's Debian data files (built on first call).
  static const Gazetteer& system();

  // Adds a name (words separated by spaces or underscores) of the given classes (bit-or).
  void add_name(std::string_view name, std::uint8_t classes);
  void add_common_word(std::string_view word);

  // Loaders; each returns the number of entries added (0 when the file is missing or unreadable).
  std::size_t load_iso_3166(const std::string& json_dir);
  std::size_t load_wordnet(const std::string& wordnet_dir);
  std::size_t load_miscfiles(const std::string& share_dir);   // "/usr/share"
  std::size_t load_zoneinfo(const std::string& zoneinfo_dir);

  // One GazetteerBits value per word: the longest listed name starting at each word (up to
  // kMaxNameWords words, compared case-insensitively for ASCII) marks its words.
  std::vector<std::uint16_t> match(const std::vector<std::string_view>& words) const;

  // The classes of a whole name (case-insensitive), 0 when not listed.
  std::uint8_t classes_of(std::string_view name) const;
  bool is_common_word(std::string_view word) const;
  // A capitalised adjective of WordNet that is no place or organisation noun there (it may be a
  // people: "French", "Belgian"; or nothing else: "Democratic", "Philippine"), case-insensitive.
  // Such a word alone is a name's modifier, not a place or organisation.
  void add_proper_adjective(std::string_view word);
  bool is_proper_adjective(std::string_view word) const;

  std::size_t name_count() const { return names_.size(); }
  std::size_t common_word_count() const { return common_count_; }

  static constexpr std::size_t kMaxNameWords = 6;

 private:
  std::unordered_map<std::string, std::uint8_t> names_;  // lower-cased, single spaces
  // Per lower-cased word, what match() asks of every word, in one lookup: whether it is a common
  // word, and the word counts of the listed names it starts (bit n - 1 for n words; the most).
  struct WordEntry {
    bool common = false;
    std::uint8_t longest = 0;
    std::uint8_t lengths = 0;
  };
  std::unordered_map<std::string, WordEntry> words_;
  std::size_t common_count_ = 0;
  std::unordered_set<std::string> proper_adjectives_;  // lower-cased; names_ removed after loading
};

// ASCII lower-casing (other bytes unchanged): cheap and good enough for matching keys.
std::string ascii_lower(std::string_view text);

}  // namespace precis::facts
