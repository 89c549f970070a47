// Gazetteer construction and matching. Names are keyed lower-cased with single spaces, so one
// hash lookup per candidate length finds the longest listed name at each position; sentences
// are short and names at most six words, so matching is O(words * 6).
#include "precis/facts/gazetteer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <zlib.h>

namespace precis::facts {
namespace {

std::string normalise_key(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  bool pending_space = false;
  for (char c : name) {
    if (c == '_' || c == ' ' || c == '\t') {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key += ' ';
    pending_space = false;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}

// The lines of a gzip file (empty when it cannot be read).
std::vector<std::string> gzip_lines(const std::string& path) {
  std::vector<std::string> lines;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return lines;
  std::string data;
  char buffer[1 << 15];
  int n = 0;
  while ((n = gzread(f, buffer, sizeof buffer)) > 0) data.append(buffer, static_cast<std::size_t>(n));
  gzclose(f);
  std::istringstream in(data);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// The whitespace-separated fields of a line, left to right.
class Fields {
 public:
  explicit Fields(std::string_view line) : rest_(line) {}
  // The next field into `field`; false (and `field` untouched) when none is left.
  bool next(std::string_view& field) {
    std::size_t b = 0;
    while (b < rest_.size() && is_space(rest_[b])) ++b;
    if (b == rest_.size()) {
      rest_ = {};
      return false;
    }
    std::size_t e = b;
    while (e < rest_.size() && !is_space(rest_[e])) ++e;
    field = rest_.substr(b, e - b);
    rest_ = rest_.substr(e);
    return true;
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
  std::string_view rest_;
};

bool starts_upper_ascii(std::string_view word) { return !word.empty() && word[0] >= 'A' && word[0] <= 'Z'; }

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const Gazetteer& Gazetteer::system() {
  static const Gazetteer instance = [] {
    Gazetteer g;
    g.load_iso_3166("/usr/share/iso-codes/json");
    g.load_wordnet("/usr/share/wordnet");
    g.load_miscfiles("/usr/share");
    g.load_zoneinfo("/usr/share/zoneinfo");
    return g;
  }();
  return instance;
}

void Gazetteer::add_name(std::string_view name, std::uint8_t classes) {
  std::string key = normalise_key(name);
  if (key.empty()) return;
  std::size_t words = 1;
  for (char c : key) words += c == ' ';
  if (words > kMaxNameWords) return;
  names_[key] |= classes;
  WordEntry& first = words_[key.substr(0, key.find(' '))];
  first.longest = std::max<std::uint8_t>(first.longest, static_cast<std::uint8_t>(words));
  first.lengths |= static_cast<std::uint8_t>(1u << (words - 1));
}

void Gazetteer::add_proper_adjective(std::string_view word) {
  if (!word.empty()) proper_adjectives_.insert(ascii_lower(word));
}

bool Gazetteer::is_proper_adjective(std::string_view word) const {
  const std::string key = ascii_lower(word);
  if (proper_adjectives_.count(key) == 0) return false;
  auto it = names_.find(key);  // "French" is also a people (WordNet noun.person), not a place
  return it == names_.end() || (it->second & (kLocation | kCountry | kOrganization)) == 0;
}

void Gazetteer::add_common_word(std::string_view word) {
  if (word.empty()) return;
  WordEntry& entry = words_[ascii_lower(word)];
  if (!entry.common) ++common_count_;
  entry.common = true;
}

std::size_t Gazetteer::load_iso_3166(const std::string& json_dir) {
  std::size_t added = 0;
  struct Part {
    const char* file;
    const char* key;
    std::uint8_t classes;
  };
  const Part parts[] = {{"iso_3166-1.json", "3166-1", kLocation | kCountry},
                        {"iso_3166-3.json", "3166-3", kLocation | kCountry},
                        {"iso_3166-2.json", "3166-2", kLocation}};
  for (const Part& part : parts) {
    std::ifstream in(json_dir + "/" + part.file, std::ios::binary);
    if (!in) continue;
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains(part.key) || !doc[part.key].is_array()) continue;
    for (const auto& entry : doc[part.key]) {
      if (!entry.is_object()) continue;
      for (const char* field : {"name", "official_name", "common_name"}) {
        auto it = entry.find(field);
        if (it == entry.end() || !it->is_string()) continue;
        std::string name = it->get<std::string>();
        // "Korea, Republic of" -> also "Korea"; "Bolivia (Plurinational State of)" -> "Bolivia".
        std::size_t cut = name.find_first_of(",(");
        if (cut != std::string::npos) {
          std::string head = name.substr(0, cut);
          while (!head.empty() && head.back() == ' ') head.pop_back();
          add_name(head, part.classes);
          ++added;
        }
        add_name(name, part.classes);
        ++added;
      }
    }
  }
  return added;
}

std::size_t Gazetteer::load_wordnet(const std::string& wordnet_dir) {
  std::size_t added = 0;
  words_.reserve(words_.size() + (1u << 17));  // WordNet has ~120,000 lower-case lemmas
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    std::ifstream in(wordnet_dir + "/data." + pos, std::ios::binary);
    if (!in) continue;
    const bool is_noun = std::string_view(pos) == "noun";
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header
      // Whitespace-separated fields, as `istream >> string` splits them (without a stream per line:
      // that was most of the gazetteer's load time).
      Fields fields(line);
      std::string_view offset, lex_file, ss_type, count_hex;
      if (!(fields.next(offset) && fields.next(lex_file) && fields.next(ss_type) && fields.next(count_hex))) continue;
      unsigned long count = std::strtoul(std::string(count_hex).c_str(), nullptr, 16);
      int lex = std::atoi(std::string(lex_file).c_str());
      std::uint8_t classes = 0;
      if (is_noun) {
        if (lex == 15) classes = kLocation;
        if (lex == 18) classes = kPerson;
        if (lex == 14) classes = kOrganization;
      }
      for (unsigned long i = 0; i < count && i < 64; ++i) {
        std::string_view word, lex_id;
        if (!(fields.next(word) && fields.next(lex_id))) break;
        std::size_t marker = word.find('(');  // adjective markers "(a)", "(p)", "(ip)"
        if (marker != std::string_view::npos) word = word.substr(0, marker);
        if (starts_upper_ascii(word)) {
          if (classes != 0) {
            add_name(word, classes);
            ++added;
          } else if (std::string_view(pos) == "adj" && word.find('_') == std::string_view::npos) {
            add_proper_adjective(word);
            ++added;
          }
        } else if (word.find('_') == std::string::npos) {
          add_common_word(word);
          ++added;
        }
      }
    }
  }
  return added;
}

std::size_t Gazetteer::load_miscfiles(const std::string& share_dir) {
  std::size_t added = 0;
  for (const std::string& line : gzip_lines(share_dir + "/dict/propernames.gz")) {
    std::string name = trim(line);
    if (name.empty()) continue;
    add_name(name, kFirstName);
    ++added;
  }
  for (const std::string& line : gzip_lines(share_dir + "/misc/cities.dat.gz")) {
    if (line.rfind("Name", 0) != 0) continue;
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    add_name(trim(std::string_view(line).substr(colon + 1)), kLocation);
    ++added;
  }
  for (const std::string& line : gzip_lines(share_dir + "/misc/airport.gz")) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t last = line.rfind(':');
    if (last == std::string::npos) continue;
    std::string city = trim(std::string_view(line).substr(last + 1));
    if (city.find(',') != std::string::npos || city.find('/') != std::string::npos) continue;
    add_name(city, kLocation);
    ++added;
  }
  return added;
}

std::size_t Gazetteer::load_zoneinfo(const std::string& zoneinfo_dir) {
  std::size_t added = 0;
  std::error_code ec;
  for (const char* area : {"Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}) {
    std::filesystem::directory_iterator it(zoneinfo_dir + "/" + area, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string city = it->path().filename().string();
      if (city.empty() || !starts_upper_ascii(city)) continue;
      add_name(city, kLocation);
      ++added;
    }
  }
  return added;
}

std::vector<std::uint16_t> Gazetteer::match(const std::vector<std::string_view>& words) const {
  std::vector<std::uint16_t> bits(words.size(), 0);
  std::vector<std::string> lower;
  lower.reserve(words.size());
  bool spaced = false;  // a word with a space inside (see below)
  for (std::string_view w : words) {
    lower.push_back(ascii_lower(w));
    spaced = spaced || w.find(' ') != std::string_view::npos;
  }
  std::vector<const WordEntry*> entries(words.size(), nullptr);
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto it = words_.find(lower[i]);
    if (it == words_.end()) continue;
    entries[i] = &it->second;
    if (it->second.common) bits[i] |= kGazCommonWord;
  }
  if (names_.empty()) return bits;
  std::string key;
  for (std::size_t i = 0; i < words.size(); ++i) {
    // Only as many words as the longest name that starts with this one, and only the counts of
    // words some listed name starting with it has: most words start none, and one lookup then
    // saves six. (n words joined make an n-word key unless a word holds a space; then every count
    // is tried, as the key may name a longer name.)
    const WordEntry* first = entries[i];
    if (first == nullptr || first->longest == 0) continue;
    std::size_t max_n = std::min<std::size_t>(first->longest, words.size() - i);
    for (std::size_t n = max_n; n >= 1; --n) {
      if (!spaced && (first->lengths & (1u << (n - 1))) == 0) continue;
      key.clear();
      for (std::size_t k = 0; k < n; ++k) {
        if (k != 0) key += ' ';
        key += lower[i + k];
      }
      auto it = names_.find(key);
      if (it == names_.end()) continue;
      std::uint8_t c = it->second;
      for (std::size_t k = 0; k < n; ++k) {
        const bool first = k == 0;
        if (c & kLocation) bits[i + k] |= first ? kGazLocB : kGazLocI;
        if (c & kPerson) bits[i + k] |= first ? kGazPerB : kGazPerI;
        if (c & kOrganization) bits[i + k] |= first ? kGazOrgB : kGazOrgI;
        if (c & kCountry) bits[i + k] |= kGazCountry;
        if ((c & kFirstName) && n == 1) bits[i + k] |= kGazFirstName;
      }
      break;
    }
  }
  return bits;
}

std::uint8_t Gazetteer::classes_of(std::string_view name) const {
  auto it = names_.find(normalise_key(name));
  return it == names_.end() ? 0 : it->second;
}

bool Gazetteer::is_common_word(std::string_view word) const {
  auto it = words_.find(ascii_lower(word));
  return it != words_.end() && it->second.common;
}

}  // namespace precis::facts
