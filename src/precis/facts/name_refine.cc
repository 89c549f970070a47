#include "precis/facts/name_refine.h"

#include <string>
#include <unordered_set>

#include "precis/facts/dates.h"
#include "precis/facts/gazetteer.h"
#include "precis/text/stopwords.h"

namespace precis::facts {
namespace {

using Words = std::unordered_set<std::string>;

// Buildings and institutions named after a person or saint: "St. Brigid's Hospital".
const Words& facility_words() {
  static const Words w = {"hospital", "clinic",    "infirmary", "school", "college", "university", "academy",
                          "church",   "cathedral", "chapel",    "abbey",  "mosque",  "temple",     "synagogue"};
  return w;
}

// Last words that make a name a place. Not "bank" (West Bank) or "union" (Soviet Union), which
// end places and organisations alike, nor "airport" (CoNLL: "Kansai International Airport" is an
// organisation).
const Words& place_last_words() {
  static const Words w = {"street", "st.",    "road",  "rd.",     "avenue",  "ave.",  "boulevard", "blvd.",
                          "lane",   "square", "quay",  "wharf",   "bridge",  "docks", "harbour",   "harbor"};
  return w;
}

// Last words that make a name a place even when the tagger says person and the word before is a
// name ("Gabo Island", "Bass Strait"): no one's surname. Not "lake" or "bay" (Ricki Lake, Michael
// Bay), which "place_last_words" also leaves out.
const Words& geographic_last_words() {
  static const Words w = {"island", "islands",  "isle",   "strait", "straits", "ocean",  "sea",
                          "peninsula", "gulf", "river", "mountains", "desert", "airport", "province",
                          "canal", "archipelago"};
  return w;
}

// Last words that make a name an organisation. Not "federation" ("Russian Federation").
const Words& org_last_words() {
  static const Words w = {"hospital",   "clinic",     "infirmary", "school",   "college",    "university",
                          "academy",    "radio",      "gazette",   "courier",  "herald",     "tribune",
                          "times",      "telegraph",  "journal",   "chronicle", "press",     "post",
                          "service",    "authority",  "council",   "ministry", "department", "agency",
                          "committee",  "commission", "association", "institute", "foundation",
                          "airlines",   "airways",    "co.",       "corp.",    "inc.",       "ltd.",
                          "plc"};
  return w;
}

// Offices written before a person's name ("U.S. Attorney Mary Jo White", "Attorney General
// Janet Reno", "Foreign Secretary Robin Cook").
const Words& office_words() {
  static const Words w = {"attorney", "general", "secretary", "minister", "ambassador", "envoy",
                          "spokesman", "spokeswoman", "commander", "chief", "governor", "senator"};
  return w;
}

// Institutions named "X of Y" ("Ministry of Defence", "University of Chicago").
const Words& of_institution_words() {
  static const Words w = {"ministry", "department", "university", "college", "institute", "office",
                          "bureau",   "academy",    "council",    "commission", "committee", "federation"};
  return w;
}

// First words of place names; they override only a "person" verdict ("Port Aven" as a person).
// Not an "organisation" one: "Port Vale" and "St. Louis" are also teams (CoNLL test lost three
// names to that).
const Words& place_first_words() {
  static const Words w = {"port", "mount", "mt.", "lake", "cape", "fort", "st."};
  return w;
}

// Titles before a person's name.
const Words& title_words() {
  static const Words w = {"dr.",   "mr.",    "mrs.",     "ms.",    "chief", "mayor", "president", "minister",
                          "gen.",  "col.",   "capt.",    "lt.",    "sgt.",  "sen.",  "rep.",      "gov.",
                          "prof.", "judge",  "governor", "senator", "officer", "maj.", "adm.",   "rev."};
  return w;
}

// Collective nouns that organisations put in the possessive: "Cambodian People 's Party",
// "U.N. Children 's Fund", "Sudan People 's Liberation Army".
const Words& collective_words() {
  static const Words w = {"people", "children", "women", "men", "workers", "veterans", "farmers", "writers"};
  return w;
}

// Lower-case words that a place name modifies.
const Words& place_modified_words() {
  static const Words w = {"city",      "council",  "police", "officials", "residents", "authorities",
                          "mayor",     "district", "county", "province",  "region",    "townspeople"};
  return w;
}

bool in(const Words& set, std::string_view word) { return set.count(ascii_lower(word)) != 0; }

bool is_possessive(std::string_view w) { return !w.empty() && possessive_length(w) == w.size(); }

bool capitalised(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

}  // namespace

void refine_name_spans(const std::vector<std::string_view>& words, std::vector<NameSpan>& spans) {
  std::vector<NameSpan> out;
  out.reserve(spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    NameSpan n = spans[i];
    if (n.end > words.size() || n.begin >= n.end) {
      out.push_back(n);
      continue;
    }
    // "St. Brigid 's Hospital": a possessive and a facility word, tagged or not, join the name.
    if (n.end + 1 < words.size() && is_possessive(words[n.end]) && capitalised(words[n.end + 1])) {
      const bool next_is_span = i + 1 < spans.size() && spans[i + 1].begin == n.end + 1;
      const std::uint32_t facility_end = next_is_span ? spans[i + 1].end : n.end + 2;
      if (facility_end <= words.size() && in(facility_words(), words[facility_end - 1])) {
        n.end = facility_end;
        n.type = NameType::kOrganization;
        if (next_is_span) ++i;
        out.push_back(n);
        continue;
      }
    }
    // "Cambodian People 's Party": the possessive of a collective noun is inside the name.
    if (n.end + 1 < words.size() && is_possessive(words[n.end]) && capitalised(words[n.end + 1]) &&
        in(collective_words(), words[n.end - 1])) {
      const bool next_is_span = i + 1 < spans.size() && spans[i + 1].begin == n.end + 1;
      std::uint32_t end = n.end + 1;
      if (next_is_span) {
        end = spans[++i].end;
      } else {
        while (end < words.size() && capitalised(words[end])) ++end;
      }
      n.end = end;
      n.type = NameType::kOrganization;
      out.push_back(n);
      continue;
    }
    // A title alone ("Maj." of "Maj. Gen. Arno Vell", the rest tagged apart) names nobody.
    if (n.end - n.begin == 1 && words[n.begin].size() > 1 && words[n.begin].back() == '.' &&
        in(title_words(), words[n.begin])) {
      continue;
    }
    // "Ministry of National Unification" tagged from "National": an institution word and "of"
    // just before the name, left untagged, belong to it.
    if (n.begin >= 2 && ascii_lower(words[n.begin - 1]) == "of" && capitalised(words[n.begin - 2]) &&
        in(of_institution_words(), words[n.begin - 2]) && (out.empty() || out.back().end <= n.begin - 2)) {
      n.begin -= 2;
      n.type = NameType::kOrganization;
    }
    // "Wesley K. Clark" tagged from the initial: an untagged first name before it belongs to it.
    if (n.type == NameType::kPerson && n.begin >= 1 && words[n.begin].size() == 2 && words[n.begin][1] == '.' &&
        words[n.begin][0] >= 'A' && words[n.begin][0] <= 'Z' && capitalised(words[n.begin - 1]) &&
        (out.empty() || out.back().end < n.begin) && !in(title_words(), words[n.begin - 1]) &&
        !Gazetteer::system().is_common_word(ascii_lower(words[n.begin - 1])) &&
        !text::is_stopword("en", ascii_lower(words[n.begin - 1]))) {
      n.begin -= 1;
    }
    // Numbering after a name ("Warehouse No. 3") is not part of it.
    bool trimmed = false;
    while (n.end - n.begin > 1) {
      std::string last = ascii_lower(words[n.end - 1]);
      if (last != "no." && last != "no" && last != "nos." && last != "#") break;
      --n.end;
      trimmed = true;
    }
    if (trimmed && n.end - n.begin == 1 && Gazetteer::system().is_common_word(ascii_lower(words[n.begin]))) continue;
    // "U.S. Attorney" tagged an organisation before "Mary Jo White": a title that ends in an
    // office word right before a person is that person's role, not a name.
    if (n.type != NameType::kPerson && n.end - n.begin >= 2 && i + 1 < spans.size() && spans[i + 1].begin == n.end &&
        spans[i + 1].type == NameType::kPerson && in(office_words(), words[n.end - 1])) {
      continue;
    }
    // "Lisburg city council", "Westhaven residents": a one-word "person" that modifies a word of
    // local government or population is the place.
    if (n.end - n.begin == 1 && n.type == NameType::kPerson && n.end < words.size() &&
        place_modified_words().count(std::string(words[n.end])) != 0) {
      n.type = NameType::kLocation;
    }
    if (n.end - n.begin >= 2) {
      std::string_view last = words[n.end - 1];
      // A person's surname can be a head word ("Jim Courier", "Picabo Street" on CoNLL test): a
      // "person" verdict yields only when the word before the head is a common word ("Mill Street",
      // "Rescue Service"), which a first name rarely is.
      const std::string before_head = ascii_lower(words[n.end - 2]);
      const bool head_may_retype = n.type != NameType::kPerson || Gazetteer::system().is_common_word(before_head) ||
                                   weekday_number(before_head) >= 0;  // "Sunday Telegraph"
      if ((head_may_retype && in(place_last_words(), last)) || in(geographic_last_words(), last)) {
        n.type = NameType::kLocation;
      } else if (head_may_retype && in(org_last_words(), last)) {
        n.type = NameType::kOrganization;
      } else if (n.type == NameType::kPerson && in(place_first_words(), words[n.begin])) {
        n.type = NameType::kLocation;
      } else if (n.type != NameType::kPerson && in(title_words(), words[n.begin])) {
        // "Chief Fire Officer Helena Marsh": titles, then a first and a last name, all capitalised
        // ("Chief Fire" alone is no person).
        bool all_capitalised = true;
        std::uint32_t after_titles = n.begin;
        for (std::uint32_t k = n.begin; k < n.end; ++k) {
          all_capitalised = all_capitalised && capitalised(words[k]);
          if (in(title_words(), words[k])) after_titles = k + 1;
        }
        if (all_capitalised && n.end - after_titles >= 2) n.type = NameType::kPerson;
      }
    }
    out.push_back(n);
  }
  spans = std::move(out);
}

}  // namespace precis::facts
