// The rule + gazetteer name tagger: the floor that works without any training data.
//
// A name candidate is a maximal run of capitalised words (allowing "of", "de", "van", "al" and
// "&" inside when a capitalised word follows). A sentence-initial word starts a run only when it
// is not a common English word or is listed in the gazetteer. The run is then classified by, in
// order: an organisation word inside it ("Ministry", "Bank", "Inc.") -> ORG; the whole run listed
// in the gazetteer -> its class (place before organisation before person); a title just before
// ("Mr.", "President", "Gen.") -> PER; an all-capitals acronym -> ORG; a preposition of place just
// before ("in", "at", "near") -> LOC; two or more words none of them common -> PER; else MISC.
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "precis/facts/dates.h"
#include "precis/facts/entity_tagger.h"
#include "precis/facts/gazetteer.h"

namespace precis::facts {
namespace {

bool is_capitalised(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c >= 'A' && c <= 'Z') return true;
  // A non-ASCII initial (É, Ö...): treat as capitalised when the word also has ASCII lower case.
  if (c >= 0xC0) {
    for (unsigned char d : w) {
      if (d >= 'a' && d <= 'z') return true;
    }
  }
  return false;
}

bool is_acronym(std::string_view w) {
  std::size_t letters = 0;
  for (unsigned char c : w) {
    if (c >= 'A' && c <= 'Z') ++letters;
    else if (c != '.' && c != '&') return false;
  }
  return letters >= 2 && letters <= 6;
}

const std::unordered_set<std::string>& org_words() {
  static const std::unordered_set<std::string> words = {
      "inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "ag", "sa", "gmbh",
      "company", "corporation", "group", "bank", "university", "college", "school", "institute",
      "party", "ministry", "department", "council", "committee", "commission", "agency", "association",
      "union", "federation", "league", "club", "foundation", "fund", "organization", "organisation",
      "court", "senate", "congress", "parliament", "assembly", "army", "navy", "police", "airlines",
      "airways", "motors", "news", "times", "post", "journal", "press", "television", "radio",
      "network", "exchange", "board", "office", "service", "authority", "church", "hospital",
      "securities", "holdings", "industries", "systems", "bureau", "force", "forces", "government",
      "reuters", "nations", "united", "society", "cross", "institution", "alliance", "coalition", "movement"};
  return words;
}

const std::unordered_set<std::string>& person_titles() {
  static const std::unordered_set<std::string> words = {
      "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady",
      "president", "minister", "secretary", "senator", "sen.", "rep.", "gov.", "governor", "gen.",
      "general", "judge", "justice", "king", "queen", "prince", "princess", "pope", "chancellor",
      "mayor", "chairman", "chief", "premier", "ambassador", "spokesman", "spokeswoman", "coach",
      "director", "prof.", "professor", "father", "rev.", "sgt.", "lt.", "col.", "capt.", "adm."};
  return words;
}

const std::unordered_set<std::string>& place_words() {
  static const std::unordered_set<std::string> words = {
      "valley", "river", "mountains", "mountain", "mount", "lake", "island", "islands", "street", "city",
      "province", "region", "county", "bay", "sea", "ocean", "gulf", "desert", "coast", "peninsula",
      "airport", "square", "strait", "canal", "district", "state", "republic", "kingdom", "avenue", "road"};
  return words;
}

// Words of a title or office written before a name ("Interior Minister"), never part of it.
const std::unordered_set<std::string>& title_words() {
  static const std::unordered_set<std::string> words = {
      "interior", "foreign", "defense", "defence", "finance", "prime", "vice", "deputy", "minister",
      "secretary-general", "chief", "executive", "opposition", "rebel", "party", "leader", "u.n."};
  return words;
}

// Weekday and month names (dates.h) neither start nor end a name.
bool is_calendar_word(std::string_view lower) { return is_calendar_name(lower); }

const std::unordered_set<std::string>& place_prepositions() {
  static const std::unordered_set<std::string> words = {"in", "at", "near", "from", "to", "across", "outside", "inside"};
  return words;
}

const std::unordered_set<std::string>& joiners() {
  static const std::unordered_set<std::string> words = {"of", "de", "van", "von", "al", "der", "la", "&", "du", "da"};
  return words;
}

NameType classify(const std::vector<std::string_view>& words, std::size_t begin, std::size_t end,
                  const Gazetteer& gazetteer) {
  std::string phrase;
  bool all_uncommon = true;
  for (std::size_t i = begin; i < end; ++i) {
    std::string lower = ascii_lower(words[i]);
    if (org_words().count(lower) != 0 && i > begin) return NameType::kOrganization;
    if (org_words().count(lower) != 0 && end - begin > 1) return NameType::kOrganization;
    if (place_words().count(lower) != 0 && i > begin) return NameType::kLocation;
    if (gazetteer.is_common_word(lower) && joiners().count(lower) == 0) all_uncommon = false;
    if (i > begin) phrase += ' ';
    phrase += words[i];
  }
  std::uint8_t classes = gazetteer.classes_of(phrase);
  if (classes & Gazetteer::kLocation) return NameType::kLocation;
  if (classes & Gazetteer::kOrganization) return NameType::kOrganization;
  if (begin > 0 && person_titles().count(ascii_lower(words[begin - 1])) != 0) return NameType::kPerson;
  if (classes & Gazetteer::kPerson) return NameType::kPerson;
  if (end - begin == 1 && is_acronym(words[begin])) return NameType::kOrganization;
  if (begin > 0 && place_prepositions().count(ascii_lower(words[begin - 1])) != 0) return NameType::kLocation;
  if (end - begin >= 2 && all_uncommon) return NameType::kPerson;
  if (end - begin >= 2) return NameType::kPerson;
  return NameType::kMisc;
}

std::vector<NameSpan> tag_sentence(const std::vector<std::string_view>& words, const Gazetteer& gazetteer) {
  std::vector<NameSpan> spans;
  std::vector<std::uint16_t> gaz = gazetteer.match(words);
  std::size_t alpha = 0, caps = 0;
  for (std::string_view w : words) {
    if (!w.empty() && std::isalpha(static_cast<unsigned char>(w[0]))) {
      ++alpha;
      if (is_acronym(w) || (w.size() > 1 && w.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos)) ++caps;
    }
  }
  const bool headline = alpha >= 2 && caps * 10 >= alpha * 7;
  std::size_t i = 0;
  while (i < words.size()) {
    const bool cap = is_capitalised(words[i]);
    bool starts = cap;
    if (cap && headline) {
      // In an all-capitals line only gazetteer names are trustworthy.
      starts = (gaz[i] & (kGazLocB | kGazPerB | kGazOrgB)) != 0;
    } else if (cap && i == 0) {
      // A capitalised first word is a name only when it is no common word, or when the
      // gazetteer lists it and the next word is capitalised too ("More" vs "New York").
      const bool common = gazetteer.is_common_word(words[i]);
      const bool next_cap = i + 1 < words.size() && is_capitalised(words[i + 1]);
      starts = !common || ((gaz[i] & (kGazLocB | kGazPerB | kGazOrgB)) != 0 && next_cap);
    }
    const std::string lower_i = ascii_lower(words[i]);
    if (!starts || person_titles().count(lower_i) != 0 || title_words().count(lower_i) != 0 ||
        is_calendar_word(lower_i)) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < words.size()) {
      if (is_capitalised(words[end]) && !headline) {
        ++end;
      } else if (end + 1 < words.size() && joiners().count(ascii_lower(words[end])) != 0 &&
                 is_capitalised(words[end + 1]) && !headline) {
        end += 2;
      } else if (headline && (gaz[end] & (kGazLocI | kGazPerI | kGazOrgI)) != 0) {
        ++end;
      } else {
        break;
      }
    }
    while (end > i + 1 && is_calendar_word(ascii_lower(words[end - 1]))) --end;
    NameType type = classify(words, i, end, gazetteer);
    spans.push_back(NameSpan{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end), type});
    i = end;
  }
  return spans;
}

}  // namespace

std::vector<std::vector<NameSpan>> tag_with_rules(const std::vector<std::vector<std::string_view>>& sentences,
                                                  const Gazetteer& gazetteer) {
  std::vector<std::vector<NameSpan>> out;
  out.reserve(sentences.size());
  for (const auto& s : sentences) out.push_back(tag_sentence(s, gazetteer));
  // One-word names left unclassified take the type of a longer name of the document that ends
  // or starts with them ("Korsgaard" after "Alma Korsgaard").
  std::unordered_map<std::string, NameType> parts;
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    for (const NameSpan& n : out[si]) {
      if (n.end - n.begin < 2 || n.type == NameType::kMisc) continue;
      parts.emplace(ascii_lower(sentences[si][n.end - 1]), n.type);
      if (n.type != NameType::kPerson) parts.emplace(ascii_lower(sentences[si][n.begin]), n.type);
    }
  }
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    for (NameSpan& n : out[si]) {
      if (n.end - n.begin != 1 || n.type != NameType::kMisc) continue;
      auto it = parts.find(ascii_lower(sentences[si][n.begin]));
      if (it != parts.end()) n.type = it->second;
    }
  }
  return out;
}

}  // namespace precis::facts
