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
  std::uint8_t& longest = longest_from_[key.substr(0, key.find(' '))];
  longest = std::max<std::uint8_t>(longest, static_cast<std::uint8_t>(words));
}

void Gazetteer::add_common_word(std::string_view word) {
  if (!word.empty()) common_.insert(ascii_lower(word));
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
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    std::ifstream in(wordnet_dir + "/data." + pos, std::ios::binary);
    if (!in) continue;
    const bool is_noun = std::string_view(pos) == "noun";
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header
      std::istringstream fields(line);
      std::string offset, lex_file, ss_type, count_hex;
      if (!(fields >> offset >> lex_file >> ss_type >> count_hex)) continue;
      unsigned long count = std::strtoul(count_hex.c_str(), nullptr, 16);
      int lex = std::atoi(lex_file.c_str());
      std::uint8_t classes = 0;
      if (is_noun) {
        if (lex == 15) classes = kLocation;
        if (lex == 18) classes = kPerson;
        if (lex == 14) classes = kOrganization;
      }
      for (unsigned long i = 0; i < count && i < 64; ++i) {
        std::string word, lex_id;
        if (!(fields >> word >> lex_id)) break;
        std::size_t marker = word.find('(');  // adjective markers "(a)", "(p)", "(ip)"
        if (marker != std::string::npos) word.resize(marker);
        if (starts_upper_ascii(word)) {
          if (classes != 0) {
            add_name(word, classes);
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
  for (std::string_view w : words) lower.push_back(ascii_lower(w));
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (common_.count(lower[i]) != 0) bits[i] |= kGazCommonWord;
  }
  if (names_.empty()) return bits;
  std::string key;
  for (std::size_t i = 0; i < words.size(); ++i) {
    // Only as many words as the longest name that starts with this one: most words start none,
    // and one lookup then saves six.
    auto first = longest_from_.find(lower[i]);
    if (first == longest_from_.end()) continue;
    std::size_t max_n = std::min<std::size_t>(first->second, words.size() - i);
    for (std::size_t n = max_n; n >= 1; --n) {
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

bool Gazetteer::is_common_word(std::string_view word) const { return common_.count(ascii_lower(word)) != 0; }

}  // namespace precis::facts
