// Feature extraction for the perceptron name tagger; the feature set is described in
// entity_tagger.cc. Bump kFeatureVersion there whenever a feature changes.
#include "precis/facts/entity_features.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "precis/base/hash.h"
#include "precis/facts/gazetteer.h"
#include "precis/facts/word_clusters.h"

namespace precis::facts {
namespace {

enum class Caps { kAll, kInitial, kLower, kMixed, kNone };

Caps caps_of(std::string_view w) {
  bool upper = false, lower = false;
  for (unsigned char c : w) {
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
  }
  if (!upper && !lower) return Caps::kNone;
  if (upper && !lower) return Caps::kAll;
  if (!upper) return Caps::kLower;
  if (w[0] >= 'A' && w[0] <= 'Z') return Caps::kInitial;
  return Caps::kMixed;
}

const char* caps_code(Caps c) {
  switch (c) {
    case Caps::kAll: return "A";
    case Caps::kInitial: return "I";
    case Caps::kLower: return "L";
    case Caps::kMixed: return "M";
    case Caps::kNone: return "N";
  }
  return "N";
}

// "0" .. "127" (std::to_string of small numbers, without building a string per feature).
std::string_view small_number(std::size_t i) {
  static const std::array<std::string, 128> kNumbers = [] {
    std::array<std::string, 128> a;
    for (int k = 0; k < 128; ++k) a[k] = std::to_string(k);
    return a;
  }();
  return kNumbers[i & 127];
}

std::uint64_t fh(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
  // The key string a \x1f b \x1f c, assembled on the stack: tagging computes ~40 of these per
  // word, and building each key in a std::string was most of the tagger's time. Same bytes, same
  // hash: models stay compatible.
  const std::size_t size = a.size() + b.size() + c.size() + 2;
  char stack[160];
  std::string heap;
  char* buffer = stack;
  if (size > sizeof stack) {
    heap.resize(size);
    buffer = heap.data();
  }
  char* at = buffer;
  if (!a.empty()) std::memcpy(at, a.data(), a.size());
  at += a.size();
  *at++ = '\x1f';
  if (!b.empty()) std::memcpy(at, b.data(), b.size());
  at += b.size();
  *at++ = '\x1f';
  if (!c.empty()) std::memcpy(at, c.data(), c.size());
  return hash64(std::string_view(buffer, size));
}

// A neighbour word as a document context: lower-cased, numbers as their shape ("3" and "12" both
// "d", "2-1" "d-d") so that "Barcelona 3" and "Barcelona 1" give the same context.
std::string context_word(std::string_view w) {
  if (std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::string shape;
    char last = 0;
    for (unsigned char c : w) {
      char s = (c >= '0' && c <= '9') ? 'd' : static_cast<char>(c);
      if (s == last && s == 'd') continue;
      shape += s;
      last = s;
      if (shape.size() >= 8) break;
    }
    return shape;
  }
  return ascii_lower(w);
}

// Words that head or close organisation names: legal forms of companies across Europe and Asia,
// club words of sports teams, and institution nouns. A word next to one, or anywhere in the
// document inside a capitalised run that contains one, is probably part of an organisation.
bool is_org_keyword(const std::string& lower) {
  static const std::unordered_set<std::string> words = {
      "inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "ag", "sa", "s.a.", "nv", "n.v.",
      "bv", "spa", "gmbh", "ab", "asa", "oyj", "kk", "bhd", "berhad", "tbk", "pt", "cos", "holdings", "holding",
      "group", "company", "corporation", "industries", "airlines", "airways", "bank", "securities", "motors",
      "fc", "afc", "cf", "united", "city", "rovers", "wanderers", "athletic", "county", "albion", "hotspur",
      "party", "ministry", "council", "committee", "commission", "association", "federation", "union",
      "league", "club", "agency", "institute", "university", "exchange", "organisation", "organization",
      "board", "office", "authority", "bureau", "fund", "foundation", "army", "police"};
  return words.count(lower) != 0;
}

}  // namespace

int tag_class(std::string_view tag) {
  if (tag.size() < 3) return 0;
  NameType type{};
  if (!parse_name_type(tag.substr(2), &type)) return 0;
  int base = 1 + 2 * static_cast<int>(type);
  return tag[0] == 'B' ? base : (tag[0] == 'I' ? base + 1 : 0);
}

bool tag_allowed(int prev, int cls) {
  if (cls == 0 || cls % 2 == 1) return true;  // O and B-X anywhere
  return prev == cls || prev == cls - 1;       // I-X after B-X or I-X
}

std::string word_shape(std::string_view word, bool compress) {
  std::string shape;
  char last = 0;
  for (unsigned char c : word) {
    char s;
    if (c >= 'A' && c <= 'Z') s = 'X';
    else if (c >= 'a' && c <= 'z') s = 'x';
    else if (c >= '0' && c <= '9') s = 'd';
    else if (c >= 0x80) s = 'u';
    else s = static_cast<char>(c);
    if (compress && s == last) continue;
    shape += s;
    last = s;
    if (shape.size() >= 12) break;
  }
  return shape;
}

DocumentFeatures static_features(
    const std::vector<std::vector<std::string_view>>& sentences, const Gazetteer& gazetteer,
    const WordClusters* clusters) {
  const bool use_clusters = clusters != nullptr && !clusters->empty();
  // Document statistics.
  std::unordered_set<std::string> lower_seen, midcap_seen;
  for (const auto& s : sentences) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      Caps c = caps_of(s[i]);
      if (c == Caps::kLower) lower_seen.insert(std::string(s[i]));
      if (c == Caps::kInitial && i > 0) midcap_seen.insert(ascii_lower(s[i]));
    }
  }
  // Document contexts of capitalised runs (outside headlines): for every word of a run such as
  // "Newmont Mining Corp", the words just before and after the whole run ("shares in", "said") and
  // the run's last word ("corp"), pooled per lower-cased word over the document. Every mention of
  // "Newmont" then sees the cues of every other mention (the first-mention context carries over to
  // the bare later mentions), which is what decides ORG against PER or LOC for names seen once.
  // std::map keeps the feature order deterministic.
  std::unordered_map<std::string, std::map<std::string, int>> run_context;
  std::size_t table_lines = 0, body_lines = 0;
  for (const auto& s : sentences) {
    std::size_t alpha = 0, all_caps = 0, digit_words = 0;
    for (std::string_view w : s) {
      Caps c = caps_of(w);
      alpha += c != Caps::kNone;
      all_caps += c == Caps::kAll;
      digit_words += std::any_of(w.begin(), w.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    }
    if (!s.empty()) {
      ++body_lines;
      if (digit_words * 3 >= s.size() && digit_words >= 2) ++table_lines;
    }
    if (alpha >= 2 && all_caps * 10 >= alpha * 7) continue;  // headline: runs are the whole line
    for (std::size_t i = 0; i < s.size();) {
      Caps c = caps_of(s[i]);
      if (c != Caps::kInitial && c != Caps::kAll) {
        ++i;
        continue;
      }
      std::size_t end = i + 1;
      while (end < s.size() && (caps_of(s[end]) == Caps::kInitial || caps_of(s[end]) == Caps::kAll)) ++end;
      const std::string left = i == 0 ? "<s>" : context_word(s[i - 1]);
      const std::string right = end >= s.size() ? "</s>" : context_word(s[end]);
      const std::string last = ascii_lower(s[end - 1]);
      const std::string right2 = end + 1 >= s.size() ? "</s>" : context_word(s[end + 1]);
      bool keyword_inside = false;
      for (std::size_t k = i + 1; k < end; ++k) keyword_inside = keyword_inside || is_org_keyword(ascii_lower(s[k]));
      const bool keyword_after = end < s.size() && is_org_keyword(right);
      for (std::size_t k = i; k < end; ++k) {
        auto& m = run_context[ascii_lower(s[k])];
        if (keyword_inside) m["K\x1fin"]++;
        if (keyword_after) m["K\x1f" "after"]++;
        if (i > 0) m["L\x1f" + left]++;
        m["R\x1f" + right]++;
        m["RR\x1f" + right + " " + right2]++;
        if (end - i > 1 && k + 1 != end) m["E\x1f" + last]++;
        if (end - i > 1) m["P\x1f" + std::to_string(std::min<std::size_t>(k - i, 2)) + (k + 1 == end ? "e" : "")]++;
      }
      i = end;
    }
  }
  // Results tables ("Barcelona 3 1 2 0 5 4 7"): in such documents capitalised place names are
  // mostly teams (ORG).
  const std::string table_doc =
      table_lines == 0 ? "0" : (table_lines * 3 >= body_lines ? "many" : (table_lines * 10 >= body_lines ? "some" : "few"));
  std::vector<std::vector<std::vector<std::uint64_t>>> out(sentences.size());
  static const std::string kPad = "<s>";
  // The document's first word (a Reuters topic slug such as "SOCCER", or a headline's first word)
  // says what kind of story it is: in sports results, place names mostly name teams.
  std::string topic = "-";
  if (!sentences.empty() && !sentences[0].empty()) topic = ascii_lower(sentences[0][0]);
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    const auto& words = sentences[si];
    const std::size_t n = words.size();
    std::vector<std::string> lower(n), shape(n);
    std::vector<Caps> caps(n);
    std::size_t all_caps_words = 0, alpha_words = 0;
    for (std::size_t i = 0; i < n; ++i) {
      lower[i] = ascii_lower(words[i]);
      shape[i] = word_shape(words[i], true);
      caps[i] = caps_of(words[i]);
      if (caps[i] != Caps::kNone) ++alpha_words;
      if (caps[i] == Caps::kAll) ++all_caps_words;
    }
    const bool headline = alpha_words >= 2 && all_caps_words * 10 >= alpha_words * 7;
    std::size_t digit_words = 0;
    for (std::size_t i = 0; i < n; ++i) digit_words += shape[i].find('d') != std::string::npos;
    const std::string digits = digit_words == 0 ? "0" : (digit_words * 3 >= n ? "many" : "some");
    std::vector<std::uint16_t> gaz = gazetteer.match(words);
    auto lw = [&](long j) -> std::string_view {
      return (j < 0 || j >= static_cast<long>(n)) ? std::string_view(kPad) : std::string_view(lower[j]);
    };
    auto sh = [&](long j) -> std::string_view {
      return (j < 0 || j >= static_cast<long>(n)) ? std::string_view(kPad) : std::string_view(shape[j]);
    };
    auto gz = [&](long j) -> std::string_view {
      return (j < 0 || j >= static_cast<long>(n)) ? std::string_view("p") : small_number(gaz[j] & 0x7f);
    };
    std::vector<const WordClusters::Entry*> wc(n, nullptr);
    if (use_clusters) {
      for (std::size_t i = 0; i < n; ++i) wc[i] = clusters->find(words[i]);
    }
    auto wcl = [&](long j, int level) -> std::string {
      if (j < 0 || j >= static_cast<long>(n)) return "p";
      return wc[j] == nullptr ? "u" : std::to_string(wc[j]->cls[level]);
    };
    out[si].resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      auto& f = out[si][i];
      f.reserve(64);
      const long j = static_cast<long>(i);
      const std::string_view w = words[i];
      const std::string& l = lower[i];
      const std::string pos = i == 0 ? "0" : "n";
      const char* cc = caps_code(caps[i]);
      f.push_back(fh("bias"));
      f.push_back(fh("w", l));
      f.push_back(fh("W", w));
      f.push_back(fh("s", shape[i]));
      f.push_back(fh("S", word_shape(w, false)));
      f.push_back(fh("c", cc, pos));
      f.push_back(fh("hc", headline ? "h" : "-", cc));
      const std::string_view lv = l;
      for (std::size_t k = 1; k <= 4 && k <= lv.size(); ++k) {
        f.push_back(fh("suf", lv.substr(lv.size() - k)));
        if (k <= 3) f.push_back(fh("pre", lv.substr(0, k)));
      }
      f.push_back(fh("len", small_number(std::min<std::size_t>(l.size(), 10))));
      if (l.find('-') != std::string::npos) f.push_back(fh("hyph", cc));
      f.push_back(fh("w-1", lw(j - 1)));
      f.push_back(fh("w+1", lw(j + 1)));
      f.push_back(fh("w-2", lw(j - 2)));
      f.push_back(fh("w+2", lw(j + 2)));
      f.push_back(fh("s-1", sh(j - 1)));
      f.push_back(fh("s+1", sh(j + 1)));
      f.push_back(fh("s-1s+1", sh(j - 1), sh(j + 1)));
      f.push_back(fh("w-1w", lw(j - 1), l));
      f.push_back(fh("ww+1", l, lw(j + 1)));
      f.push_back(fh("w-1s", lw(j - 1), shape[i]));
      f.push_back(fh("sw+1", shape[i], lw(j + 1)));
      // Gazetteer.
      f.push_back(fh("g", gz(j), cc));
      f.push_back(fh("g-1", gz(j - 1)));
      f.push_back(fh("g+1", gz(j + 1)));
      f.push_back(fh("gg", gz(j), gz(j + 1)));
      if (gaz[i] & kGazFirstName) f.push_back(fh("fn", cc));
      if (i > 0 && (gaz[i - 1] & kGazFirstName)) f.push_back(fh("fn-1", cc));
      if (i + 1 < n && (gaz[i + 1] & kGazFirstName)) f.push_back(fh("fn+1", cc));
      for (int bit = 0; bit < 8; ++bit) {
        if (gaz[i] & (1 << bit)) f.push_back(fh("gb", small_number(bit), headline ? "h" : cc));
      }
      f.push_back(fh("tg", topic, gz(j)));
      f.push_back(fh("tc", topic, cc));
      f.push_back(fh("dg", digits, gz(j)));
      f.push_back(fh("dc", digits, cc));
      f.push_back(fh("w-1w+1", lw(j - 1), lw(j + 1)));
      const bool common = (gaz[i] & kGazCommonWord) != 0;
      f.push_back(fh("cw", common ? "1" : "0", std::string(cc) + pos));
      f.push_back(fh("td", table_doc, std::string(cc).append(gz(j))));
      f.push_back(fh("tds", table_doc, std::string(sh(j - 1)).append(" ").append(sh(j + 1)).append(" ").append(gz(j))));
      // Word classes from unlabelled text (word_clusters.h): the class at three granularities,
      // and the fine class with capitalisation. (Neighbours' classes and the mid-sentence
      // capitalisation rate were tried and dropped: docs/decisions/entities.md.)
      if (use_clusters) {
        for (int level = 0; level < WordClusters::kLevels; ++level) {
          f.push_back(fh("bc", std::to_string(level), wcl(j, level)));
        }
        f.push_back(fh("bcc", wcl(j, 2), cc));
      }
      // Document features.
      if (caps[i] == Caps::kInitial || caps[i] == Caps::kAll) {
        auto rc = run_context.find(l);
        if (rc != run_context.end()) {
          int emitted = 0;
          for (const auto& [context, count] : rc->second) {
            if (++emitted > 200) break;
            f.push_back(fh("dx", context));
          }
        }
        const bool seen_lower = lower_seen.count(l) != 0;
        const bool seen_midcap = midcap_seen.count(l) != 0;
        f.push_back(fh("dl", seen_lower ? "1" : "0", cc));
        f.push_back(fh("dm", seen_midcap ? "1" : "0", std::string(cc) + pos));
      }
    }
  }
  return out;
}

namespace {
const char* history_name(int cls) {
  static const char* kNames[kTagClasses] = {"O", "BP", "IP", "BO", "IO", "BL", "IL", "BM", "IM"};
  return cls < 0 || cls >= kTagClasses ? "^" : kNames[cls];
}
}  // namespace

std::array<std::uint64_t, 3> history_keys(int prev, std::string_view lower_word, std::string_view shape) {
  const char* p = history_name(prev);
  return {fh("t-1", p), fh("t-1w", p, lower_word), fh("t-1s", p, shape)};
}

std::uint64_t history_pair_key(int prev2, int prev) { return fh("t-2t-1", history_name(prev2), history_name(prev)); }

WordHistoryKeys word_history_keys(std::string_view word) {
  // "t-1" keys do not depend on the word: hashed once per process.
  static const auto kPrevKeys = [] {
    std::array<std::uint64_t, kTagClasses + 1> k{};
    for (int p = -1; p < kTagClasses; ++p) k[p + 1] = fh("t-1", history_name(p));
    return k;
  }();
  const std::string lower = ascii_lower(word);
  const std::string shape = word_shape(word, true);
  WordHistoryKeys out;
  for (int p = -1; p < kTagClasses; ++p) {
    const char* name = history_name(p);
    out[p + 1] = {kPrevKeys[p + 1], fh("t-1w", name, lower), fh("t-1s", name, shape)};
  }
  return out;
}

void add_history_features(std::vector<std::uint64_t>& f, int prev, int prev2, std::string_view word) {
  const auto keys = history_keys(prev, ascii_lower(word), word_shape(word, true));
  f.push_back(keys[0]);
  f.push_back(history_pair_key(prev2, prev));
  f.push_back(keys[1]);
  f.push_back(keys[2]);
}

std::vector<NameSpan> spans_of_classes(const std::vector<int>& classes) {
  static const char* kTags[kTagClasses] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
  std::vector<std::string> names;
  names.reserve(classes.size());
  for (int t : classes) names.emplace_back(kTags[t >= 0 && t < kTagClasses ? t : 0]);
  return spans_from_tags(names);
}

void add_consistency_features(const std::vector<std::vector<std::string_view>>& sentences,
                              const std::vector<std::vector<NameSpan>>& first_pass, DocumentFeatures& features) {
  // Per lower-cased word: votes per type over its occurrences inside first-pass names, the type
  // of its first occurrence, and the type of the longest name containing it.
  struct Votes {
    int count[kNameTypeCount + 1] = {0, 0, 0, 0, 0};  // last slot: not in a name
    int first = -1;
    std::size_t longest = 0;
    int longest_type = -1;
  };
  std::unordered_map<std::string, Votes> votes;
  std::vector<std::vector<int>> type_at(sentences.size());
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    type_at[si].assign(sentences[si].size(), kNameTypeCount);
    for (const NameSpan& s : first_pass[si]) {
      for (std::uint32_t k = s.begin; k < s.end && k < sentences[si].size(); ++k) type_at[si][k] = int(s.type);
    }
  }
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    for (const NameSpan& s : first_pass[si]) {
      for (std::uint32_t k = s.begin; k < s.end && k < sentences[si].size(); ++k) {
        Votes& v = votes[ascii_lower(sentences[si][k])];
        if (s.end - s.begin > v.longest) {
          v.longest = s.end - s.begin;
          v.longest_type = int(s.type);
        }
      }
    }
    for (std::size_t k = 0; k < sentences[si].size(); ++k) {
      if (caps_of(sentences[si][k]) != Caps::kInitial && caps_of(sentences[si][k]) != Caps::kAll) continue;
      Votes& v = votes[ascii_lower(sentences[si][k])];
      v.count[type_at[si][k]]++;
      if (v.first < 0) v.first = type_at[si][k];
    }
  }
  static const char* kTypeNames[kNameTypeCount + 1] = {"PER", "ORG", "LOC", "MISC", "O"};
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    for (std::size_t k = 0; k < sentences[si].size(); ++k) {
      const Caps c = caps_of(sentences[si][k]);
      if (c != Caps::kInitial && c != Caps::kAll) continue;
      auto it = votes.find(ascii_lower(sentences[si][k]));
      if (it == votes.end()) continue;
      Votes v = it->second;
      v.count[type_at[si][k]]--;  // the other occurrences only
      int best = -1, total = 0;
      for (int t = 0; t <= kNameTypeCount; ++t) {
        total += v.count[t];
        if (v.count[t] > 0 && (best < 0 || v.count[t] > v.count[best])) best = t;
      }
      auto& f = features[si][k];
      if (best >= 0) {
        f.push_back(fh("cm", kTypeNames[best]));
        f.push_back(fh("cm", kTypeNames[best], total >= 3 ? "3" : std::to_string(total)));
      }
      if (v.first >= 0) f.push_back(fh("cf", kTypeNames[v.first]));
      if (v.longest_type >= 0 && v.longest > 1) f.push_back(fh("cl", kTypeNames[v.longest_type]));
    }
  }
}
}  // namespace precis::facts
