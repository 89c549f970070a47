// Features of boilerplate segments; see the essay at the top of boilerplate.cc.
#include "precis/text/boilerplate_features.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "precis/base/hash.h"

namespace precis::text::boilerplate_detail {


bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_high(char c) { return static_cast<unsigned char>(c) >= 0x80; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Strips closing quotes, brackets and their UTF-8 forms (” ’ ») from the end.
std::string_view strip_closers(std::string_view s) {
  for (;;) {
    s = trim(s);
    if (s.empty()) return s;
    char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*') {
      s.remove_suffix(1);
    } else if (ends_with(s, "\xE2\x80\x9D") || ends_with(s, "\xE2\x80\x99")) {
      s.remove_suffix(3);
    } else if (ends_with(s, "\xC2\xBB")) {
      s.remove_suffix(2);
    } else {
      return s;
    }
  }
}

bool ends_sentence(std::string_view s) {
  s = strip_closers(s);
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

bool starts_with_quote(std::string_view s) {
  return !s.empty() && (s[0] == '"' || s[0] == '\'' || s[0] == '`' || starts_with(s, "\xE2\x80\x9C") ||
                        starts_with(s, "\xE2\x80\x98") || starts_with(s, "\xC2\xAB"));
}

// A word with surrounding punctuation removed, lower-cased (ASCII; other bytes kept).
std::string core_word(std::string_view w) {
  std::size_t b = 0, e = w.size();
  while (b < e && !is_alpha(w[b]) && !is_digit(w[b]) && !is_high(w[b]) && w[b] != '@' && w[b] != '#') ++b;
  while (e > b && !is_alpha(w[e - 1]) && !is_digit(w[e - 1]) && !is_high(w[e - 1])) --e;
  return lower(w.substr(b, e - b));
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

template <std::size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view w) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

constexpr std::array<std::string_view, 52> kFunctionWords = {
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "from", "by", "and",
    "or", "but", "that", "which", "who", "is", "was", "were", "are", "be", "been", "has", "have",
    "had", "it", "its", "he", "she", "they", "his", "her", "their", "this", "these", "those", "as",
    "after", "before", "than", "into", "over", "about", "not", "no", "said", "will", "would", "we", "i"};
constexpr std::array<std::string_view, 40> kVerbs = {
    "said", "says", "say", "told", "tells", "is", "was", "were", "are", "be", "been", "being", "has",
    "have", "had", "will", "would", "could", "can", "may", "might", "must", "should", "did",
    "does", "do", "added", "according", "reported", "announced", "warned", "expects", "expected",
    "remains", "remain", "took", "made", "began", "went", "came"};
// Words that may follow an imperative cue verb in a prompt ("Share this", "Sign up", "Follow us").
constexpr std::array<std::string_view, 26> kParticles = {
    "this", "these", "on", "via", "us", "our", "the", "your", "to", "up", "in", "here", "now",
    "for", "with", "a", "an", "more", "all", "free", "today", "below", "at", "me", "it", "out"};
constexpr std::array<std::string_view, 16> kPromoVerbs = {
    "subscribe", "sign", "register", "download", "get", "join", "support", "donate", "try",
    "become", "upgrade", "unlock", "install", "claim", "start", "shop"};
constexpr std::array<std::string_view, 18> kPromoNouns = {
    "newsletter", "newsletters", "subscription", "subscriptions", "subscribe", "subscriber",
    "subscribers", "premium", "inbox", "trial", "membership", "advertisement", "advertisements",
    "sponsored", "promotion", "app", "paywall", "ad"};
constexpr std::array<std::string_view, 10> kSocialVerbs = {
    "share", "follow", "tweet", "like", "connect", "pin", "email", "send", "post", "find"};
constexpr std::array<std::string_view, 15> kPlatforms = {
    "facebook", "twitter", "instagram", "whatsapp", "linkedin", "tiktok", "youtube", "telegram",
    "reddit", "pinterest", "threads", "mastodon", "bluesky", "x", "rss"};
constexpr std::array<std::string_view, 12> kNavVerbs = {
    "read", "see", "continue", "click", "view", "watch", "listen", "go", "back", "return",
    "explore", "discover"};
constexpr std::array<std::string_view, 16> kNavLabelWords = {
    "read", "related", "next", "previous", "prev", "more", "see", "recommended", "popular",
    "trending", "latest", "stories", "coverage", "also", "explore", "reading"};
constexpr std::array<std::string_view, 17> kCaptionLabels = {
    "photo", "photos", "pictured", "picture", "image", "images", "caption", "video", "graphic",
    "illustration", "above", "top", "left", "right", "below", "gallery", "photograph"};
constexpr std::array<std::string_view, 12> kCreditWords = {
    "photo", "photograph", "photos", "image", "picture", "getty", "file", "courtesy", "credit",
    "photographer", "illustration", "handout"};
constexpr std::array<std::string_view, 10> kCommentWords = {
    "comment", "comments", "commenting", "conversation", "discussion", "replies", "reply",
    "moderated", "moderation", "commenters"};
constexpr std::array<std::string_view, 9> kStampLabels = {
    "updated", "published", "posted", "modified", "last", "first", "created", "edited", "date"};
constexpr std::array<std::string_view, 9> kRoleWords = {
    "writer", "reporter", "correspondent", "editor", "staff", "contributor", "columnist",
    "bureau", "journalist"};
constexpr std::array<std::string_view, 7> kWireNotes = {
    "graf", "grafs", "pvs", "writethru", "1stld", "2ndld", "eds"};
constexpr std::array<std::string_view, 23> kMonths = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november"};

bool is_month(std::string_view w) {
  std::string l = core_word(w);
  return in(kMonths, l) || l == "december";
}

// ---------------------------------------------------------------------------------------------
// Lines and segments.



std::vector<Line> split_lines(std::string_view body) {
  std::vector<Line> lines;
  std::uint32_t paragraph = 0;
  bool in_paragraph = false;
  std::size_t i = 0;
  while (i <= body.size()) {
    std::size_t j = body.find('\n', i);
    if (j == std::string_view::npos) j = body.size();
    if (i == body.size() && j == i && !lines.empty()) break;  // no empty line after a final '\n'
    Line line;
    line.begin = static_cast<std::uint32_t>(i);
    line.end = static_cast<std::uint32_t>(j);
    std::size_t b = i, e = j;
    while (b < e && is_space(body[b])) ++b;
    while (e > b && is_space(body[e - 1])) --e;
    line.text_begin = static_cast<std::uint32_t>(b);
    line.text_end = static_cast<std::uint32_t>(e);
    line.blank = b == e;
    if (line.blank) {
      if (in_paragraph) ++paragraph;
      in_paragraph = false;
    } else {
      in_paragraph = true;
    }
    line.paragraph = paragraph;
    lines.push_back(line);
    if (j == body.size()) break;
    i = j + 1;
  }
  return lines;
}

std::vector<Segment> build_segments(std::string_view body, const std::vector<Line>& lines) {
  std::vector<Segment> segments;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].blank) { ++i; continue; }
    std::size_t end = i;
    while (end < lines.size() && !lines[end].blank) ++end;
    // Paragraph [i, end). Is it hard-wrapped? Most non-last lines long and not ending a sentence.
    std::uint32_t max_len = 0;
    for (std::size_t k = i; k < end; ++k) max_len = std::max(max_len, lines[k].text_end - lines[k].text_begin);
    std::size_t wrapped_lines = 0;
    for (std::size_t k = i; k + 1 < end; ++k) {
      std::string_view t = body.substr(lines[k].text_begin, lines[k].text_end - lines[k].text_begin);
      if (t.size() >= 40 && !ends_sentence(t)) ++wrapped_lines;
    }
    bool is_wrapped = end - i >= 2 && wrapped_lines * 2 >= (end - i - 1);
    Segment seg;
    for (std::size_t k = i; k < end; ++k) {
      std::string_view t = body.substr(lines[k].text_begin, lines[k].text_end - lines[k].text_begin);
      bool join = false;
      if (k > i) {
        std::string_view prev =
            body.substr(lines[k - 1].text_begin, lines[k - 1].text_end - lines[k - 1].text_begin);
        bool prev_filled = prev.size() >= 45 && prev.size() * 10 >= max_len * 6;
        // A sentence that ends at the wrap width continues the paragraph only when the next
        // line starts like a sentence (not "&UR; ..." or "(ed/jh)" markup).
        bool next_starts_sentence = !t.empty() && (is_upper(t[0]) || is_digit(t[0]) || starts_with_quote(t));
        bool prev_full = prev.size() >= 45 && prev.size() * 10 >= max_len * 8;
        join = (is_wrapped && prev_filled && !ends_sentence(prev)) || (is_wrapped && prev_full && next_starts_sentence) ||
               (!t.empty() && is_lower(t[0]));
      }
      if (join) {
        seg.text += ' ';
        seg.text += t;
        seg.last = static_cast<std::uint32_t>(k);
      } else {
        if (k > i) segments.push_back(seg);
        seg = Segment{};
        seg.first = seg.last = static_cast<std::uint32_t>(k);
        seg.paragraph = lines[k].paragraph;
        seg.text = std::string(t);
      }
    }
    segments.push_back(seg);
    i = end;
  }
  return segments;
}

// Case-, punctuation- and digit-insensitive fingerprint of a segment.
std::uint64_t fingerprint(std::string_view s) {
  std::string key;
  key.reserve(s.size());
  bool gap = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (is_alpha(c) || is_high(c)) {
      if (gap && !key.empty()) key += ' ';
      gap = false;
      key += to_lower(c);
    } else if (is_digit(c)) {
      if (gap && !key.empty()) key += ' ';
      gap = false;
      if (key.empty() || key.back() != '0') key += '0';
    } else {
      gap = true;
    }
  }
  if (key.empty()) return 0;
  return hash64(key, 0x62706c74ULL);
}


// ---------------------------------------------------------------------------------------------
// Dateline prefix: PLACE[, Region][, Mon. D[, YYYY]] [(AGENCY)] SEP, where SEP is _ — – -- - or :.
// Returns the prefix length in bytes (with the spaces after SEP), or 0.

bool is_place_word(std::string_view w, bool* all_caps) {
  if (w.empty()) return false;
  if (!(is_upper(w[0]) || is_high(w[0]))) return false;
  bool has_lower = false;
  int letters = 0;
  for (char c : w) {
    if (is_lower(c)) has_lower = true;
    if (is_alpha(c) || is_high(c)) ++letters;
    else if (c != '.' && c != '-' && c != '\'') return false;
  }
  *all_caps = *all_caps && !has_lower;
  return letters >= 1;
}

std::size_t parse_dateline(std::string_view s, std::size_t* place_end) {
  std::size_t i = 0, n = s.size();
  auto word_end = [&](std::size_t from) {
    std::size_t j = from;
    while (j < n && !is_space(s[j]) && s[j] != ',' && s[j] != '(') ++j;
    return j;
  };
  bool caps = true;
  int place_words = 0;
  while (place_words < 5) {
    std::size_t j = word_end(i);
    if (j == i || !is_place_word(s.substr(i, j - i), &caps)) break;
    ++place_words;
    i = j;
    if (i + 1 < n && s[i] == ' ' && (is_upper(s[i + 1]) || is_high(s[i + 1]))) {
      std::size_t k = word_end(i + 1);
      bool c2 = caps;
      if (is_place_word(s.substr(i + 1, k - i - 1), &c2) && c2 == caps) { ++i; continue; }
    }
    break;
  }
  if (place_words == 0) return 0;
  const std::size_t place_length = i;
  bool has_date = false, has_agency = false;
  int extra_words = 0;
  while (i + 1 < n && s[i] == ',' && s[i + 1] == ' ') {
    std::size_t j = i + 2;
    std::size_t k = word_end(j);
    if (k > j && is_month(s.substr(j, k - j))) {
      std::size_t d = k;
      while (d < n && s[d] == ' ') ++d;
      std::size_t e = d;
      while (e < n && is_digit(s[e])) ++e;
      if (e == d || e - d > 2) return 0;
      has_date = true;
      i = e;
      if (i + 2 < n && s[i] == ',' && s[i + 1] == ' ' && is_digit(s[i + 2])) {
        std::size_t y = i + 2;
        while (y < n && is_digit(s[y])) ++y;
        if (y - (i + 2) == 4) i = y;
      }
      continue;
    }
    // A region: 1-4 capitalised words ("Argentina", "N.Y.", "Gaza Strip").
    int words = 0;
    bool region_caps = true;
    std::size_t p = j;
    while (words < 4) {
      std::size_t q = word_end(p);
      if (q == p || !is_place_word(s.substr(p, q - p), &region_caps)) break;
      ++words;
      p = q;
      if (p + 1 < n && s[p] == ' ' && is_upper(s[p + 1])) {
        std::size_t r = word_end(p + 1);
        bool dummy = true;
        if (is_place_word(s.substr(p + 1, r - p - 1), &dummy) && r < n && (s[r] == ',' || s[r] == ' ' || s[r] == '(')) {
          // Continue only when the word after is still followed by prefix punctuation.
          ++p;
          continue;
        }
      }
      break;
    }
    if (words == 0) return 0;
    extra_words += words;
    i = p;
  }
  std::size_t save = i;
  while (i < n && s[i] == ' ') ++i;
  if (i < n && s[i] == '(') {
    std::size_t close = s.find(')', i);
    if (close != std::string_view::npos && close - i >= 2 && close - i <= 24 && is_upper(s[i + 1])) {
      std::string_view inner = s.substr(i + 1, close - i - 1);
      if (std::none_of(inner.begin(), inner.end(), [](char c) { return is_digit(c); })) {
        has_agency = true;
        i = close + 1;
      }
    }
  }
  if (!has_agency) i = save;
  while (i < n && s[i] == ' ') ++i;
  std::size_t sep_len = 0;
  bool strong_sep = false;
  if (starts_with(s.substr(i), "--")) { sep_len = 2; strong_sep = true; }
  else if (starts_with(s.substr(i), "\xE2\x80\x94") || starts_with(s.substr(i), "\xE2\x80\x93")) { sep_len = 3; strong_sep = true; }
  else if (i < n && s[i] == '_') { sep_len = 1; strong_sep = true; }
  else if (i < n && (s[i] == '-' || s[i] == ':')) { sep_len = 1; }
  if (sep_len == 0) return 0;
  std::size_t after = i + sep_len;
  if (after < n && !is_space(s[after])) return 0;
  while (after < n && is_space(s[after])) ++after;
  if (after < n && !(is_upper(s[after]) || is_digit(s[after]) || starts_with_quote(s.substr(after)) || is_high(s[after])))
    return 0;
  bool place_ok = caps ? true : (has_agency || has_date);
  if (!place_ok) return 0;
  if (!has_agency && !has_date && !strong_sep) return 0;
  if (!caps && place_words + extra_words > 6) return 0;
  if (place_end != nullptr) *place_end = place_length;
  return after;
}

// ---------------------------------------------------------------------------------------------
// Features and the score.


bool has_time_or_date(const std::vector<std::string_view>& words) {
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::string_view w = words[k];
    std::size_t colon = w.find(':');
    if (colon != std::string_view::npos && colon > 0 && colon + 2 < w.size() + 1 && is_digit(w[colon - 1]) &&
        colon + 1 < w.size() && is_digit(w[colon + 1]))
      return true;
    std::string c = core_word(w);
    if ((c == "a.m" || c == "p.m" || c == "am" || c == "pm") && k > 0 && is_digit(words[k - 1][0])) return true;
    if (is_month(w) && k + 1 < words.size() && is_digit(words[k + 1][0])) return true;
    if (w.size() >= 8 && is_digit(w[0]) && (w.find('-') != std::string_view::npos || w.find('/') != std::string_view::npos) &&
        std::count_if(w.begin(), w.end(), [](char ch) { return is_digit(ch); }) >= 6)
      return true;
  }
  return false;
}

// The text before a leading "Label:" (1-4 words), lower-cased, or empty.
std::string label_of(std::string_view s) {
  std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return {};
  if (colon + 1 < s.size() && !is_space(s[colon + 1])) return {};
  std::string_view before = trim(s.substr(0, colon));
  if (before.empty() || split_words(before).size() > 4) return {};
  char last = before.back();
  if (!(is_alpha(last) || last == ')')) return {};
  std::string out;
  for (char c : before) if (is_alpha(c) || c == ' ') out += to_lower(c);
  return std::string(trim(out));
}

bool is_name_word(std::string_view w) {
  std::string_view t = w;
  while (!t.empty() && (t.back() == ',' || t.back() == ';' || t.back() == '.')) t.remove_suffix(1);
  if (t.empty()) return false;
  if (t == "and" || t == "de" || t == "van" || t == "von" || t == "la" || t == "del" || t == "&") return true;
  return is_upper(t[0]) || is_high(t[0]);
}

double byline_evidence(const std::vector<std::string_view>& words, const std::vector<std::string>& lw,
                       std::string_view text) {
  std::size_t n = words.size();
  if (n < 2 || n > 14) return 0.0;
  std::size_t start = 0;
  if (lw[0] == "by") start = 1;
  else if (n > 2 && lw[1] == "by" && (lw[0] == "story" || lw[0] == "words" || lw[0] == "text" || lw[0] == "written"))
    start = 2;
  if (start > 0) {
    std::size_t names = 0;
    for (std::size_t k = start; k < n && names < 6; ++k) {
      if (!is_name_word(words[k])) return 0.0;
      ++names;
      char last = words[k].back();
      if (last == ',' || last == ';') break;
    }
    if (names == 0) return 0.0;
    // After a comma: a role or organisation, capitalised or lower-case role words only.
    for (std::size_t k = start + names; k < n; ++k) {
      if (!is_name_word(words[k]) && !in(kRoleWords, lw[k]) && lw[k] != "for" && lw[k] != "the" &&
          lw[k] != "of" && lw[k] != "news" && lw[k] != "service")
        return 0.0;
    }
    return ends_sentence(text) && n > 8 ? 0.6 : 1.1;
  }
  // "Jane Roe | Staff Reporter", "Jane Roe, Meridian Press correspondent".
  bool role = false;
  for (const auto& w : lw) role = role || in(kRoleWords, w);
  if (!role || n > 8) return 0.0;
  for (std::size_t k = 0; k < n; ++k)
    if (!is_name_word(words[k]) && !in(kRoleWords, lw[k]) && words[k] != "|" && lw[k] != "the") return 0.0;
  return 0.9;
}

bool has_slash_name(const std::vector<std::string_view>& words) {
  for (std::string_view w : words) {
    if (w.find("http") != std::string_view::npos || w.find("www") != std::string_view::npos) continue;
    std::size_t slash = w.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= w.size()) continue;
    char a = w[slash - 1], b = w[slash + 1];
    if ((is_alpha(a) || a == '.') && is_alpha(b) && (is_upper(b) || is_upper(w[0]) || w[0] == '('))
      return true;
  }
  return false;
}

bool is_link_token(std::string_view w) {
  std::string l = lower(w);
  if (l.find("http") != std::string::npos || l.find("www.") != std::string::npos) return true;
  if (l.size() > 1 && (l[0] == '@' || l[0] == '#') && is_alpha(l[1])) return true;
  std::size_t at = l.find('@');
  if (at != std::string::npos && at > 0 && l.find('.', at) != std::string::npos) return true;
  for (std::string_view tld : {".com", ".org", ".net", ".co.", ".io", ".news"})
    if (l.find(tld) != std::string::npos && l.size() > tld.size() + 1) return true;
  return false;
}

bool is_separator_token(std::string_view w) {
  return w == "|" || w == "/" || w == ">" || w == ">>" || w == "\xE2\x80\xA2" /* • */ ||
         w == "\xC2\xB7" /* · */ || w == "\xC2\xBB" /* » */ || w == "\xE2\x80\xBA" /* › */ ||
         w == "\xE2\x86\x92" /* → */;
}

// Wire markup and end-of-story markers: "&QL;", "(MORE)", "-30-", "###", "(scl)", "nn", slugs.
double markup_evidence(std::string_view text, bool had_codes, const std::vector<std::string_view>& words,
                       const std::vector<std::string>& lw) {
  int alnum = 0;
  for (char c : text) alnum += (is_alpha(c) || is_digit(c)) ? 1 : 0;
  if (alnum == 0) return had_codes || text.size() <= 12 ? 1.0 : 0.6;  // "###", "* * *", "___"
  // Wire codes were stripped from `text`; what is left of a short coded line is markup too.
  if (had_codes && words.size() <= 4) return 1.0;
  if (had_codes && words.size() <= 9 && !ends_sentence(text)) return 0.8;
  std::string up;
  for (char c : text) if (is_alpha(c) || is_digit(c)) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (words.size() <= 2 && (up == "MORE" || up == "END" || up == "ENDS" || up == "ENDIT" || up == "30")) return 1.0;
  if (text.size() <= 32 && text.front() == '(' && text.back() == ')') {
    bool initials = true;
    for (char c : text.substr(1, text.size() - 2))
      if (!(is_lower(c) || c == '/' || c == '-' || c == ' ')) initials = false;
    if (initials) return 1.0;
  }
  if (words.size() == 1 && text.size() <= 3 && std::all_of(text.begin(), text.end(), is_lower)) return 0.8;
  // An agency tag and editors' initials: "(MP) kt/jr", "(AP) sf-ggl".
  if (words.size() <= 4) {
    bool all_tags = true, has_initials = false;
    for (std::string_view w : words) {
      bool agency = w.size() >= 3 && w.size() <= 8 && w.front() == '(' && w.back() == ')' &&
                    std::all_of(w.begin() + 1, w.end() - 1, is_upper);
      bool initials = w.size() >= 3 && w.size() <= 20 && (w.find('/') != std::string_view::npos || w.find('-') != std::string_view::npos) &&
                      std::all_of(w.begin(), w.end(), [](char c) { return is_lower(c) || c == '/' || c == '-'; });
      has_initials = has_initials || initials;
      all_tags = all_tags && (agency || initials);
    }
    if (all_tags && has_initials) return 1.0;
  }
  for (std::size_t k = 0; k < lw.size(); ++k) {
    if (in(kWireNotes, lw[k]) && words.size() <= 12) return 0.9;
    if (starts_with(words[k], "BC-")) return 1.0;
  }
  return 0.0;
}

Features compute_features(const Segment& seg, std::string_view title_key_text, std::string_view outlet) {
  Features f;
  // Wire typesetting codes ("&QL;", "&UR;") are not words: judge the text without them.
  std::string stripped;
  bool had_codes = false;
  for (std::size_t k = 0; k < seg.text.size(); ++k) {
    if (seg.text[k] == '&' && k + 3 < seg.text.size() && is_upper(seg.text[k + 1]) && is_upper(seg.text[k + 2])) {
      std::size_t semi = seg.text.find(';', k);
      if (semi != std::string::npos && semi - k <= 6) {
        had_codes = true;
        k = semi;
        continue;
      }
    }
    stripped += seg.text[k];
  }
  std::string_view text = trim(stripped);
  if (text.empty()) {
    f.evidence[static_cast<int>(LineKind::kOther)] = had_codes ? 1.0 : 0.0;
    f.shape = 0.7;
    return f;
  }
  std::vector<std::string_view> words = split_words(text);
  std::vector<std::string> lw;
  lw.reserve(words.size());
  for (auto w : words) lw.push_back(core_word(w));
  std::size_t n = words.size();
  f.words = n;
  if (n == 0) return f;

  std::size_t function_words = 0, verbs = 0, alpha_words = 0, capitalised = 0, all_caps = 0, links = 0,
              separators = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::string& w = lw[k];
    if (in(kFunctionWords, w)) ++function_words;
    if (in(kVerbs, w) || (k > 0 && w.size() >= 5 && ends_with(w, "ed") && is_lower(words[k][0]))) ++verbs;
    if (is_link_token(words[k])) ++links;
    if (is_separator_token(words[k])) ++separators;
    for (char c : words[k]) f.has_digit = f.has_digit || is_digit(c);
    if (!w.empty() && is_alpha(w[0])) {
      ++alpha_words;
      std::string_view raw = words[k];
      while (!raw.empty() && !is_alpha(raw.front())) raw.remove_prefix(1);
      if (k > 0 && !raw.empty() && is_upper(raw[0])) ++capitalised;
      int up = 0, low = 0;
      for (char c : raw) { up += is_upper(c); low += is_lower(c); }
      if (up >= 2 && low == 0) ++all_caps;
    }
  }
  bool terminal = ends_sentence(text);
  bool starts_well = is_upper(text[0]) || is_digit(text[0]) || starts_with_quote(text) || is_high(text[0]);
  bool quoted = text.find('"') != std::string_view::npos || text.find("\xE2\x80\x9D") != std::string_view::npos ||
                text.find("''") != std::string_view::npos;
  double fw_ratio = static_cast<double>(function_words) / static_cast<double>(n);
  double p = (terminal ? 0.35 : 0.0) + (verbs > 0 ? 0.25 : 0.0) + 0.2 * std::min(1.0, fw_ratio / 0.25) +
             0.2 * std::clamp((static_cast<double>(n) - 4.0) / 12.0, 0.0, 1.0) + (starts_well && terminal ? 0.05 : 0.0) +
             (quoted && verbs > 0 ? 0.1 : 0.0);
  f.prose = std::min(1.0, p);

  double shortness = std::clamp((15.0 - static_cast<double>(n)) / 12.0, 0.0, 1.0);
  double caps_ratio = alpha_words > 1 ? static_cast<double>(capitalised) / static_cast<double>(alpha_words - 1) : 0.0;
  double allcaps_ratio = alpha_words > 0 ? static_cast<double>(all_caps) / static_cast<double>(alpha_words) : 0.0;
  double shape = 0.6 * (1.0 - f.prose) + 0.4 * shortness + 0.5 * std::min(1.0, 3.0 * links / static_cast<double>(n)) +
                 0.3 * std::min(1.0, separators / 2.0) + (n <= 8 ? 0.2 * allcaps_ratio : 0.0) +
                 (n <= 12 && !terminal ? 0.15 * caps_ratio : 0.0);
  // A line shaped like a sentence is never more than half-way to boilerplate by shape alone.
  f.is_sentence = terminal && starts_well && n >= 3;
  f.shape = std::min(f.is_sentence ? 0.5 : 0.7, shape);

  std::string label = label_of(text);
  f.label_value = !label.empty() && n <= 8;
  const std::string& first = lw[0];
  const std::string second = n > 1 ? lw[1] : std::string();
  bool quote_start = starts_with_quote(text);
  bool particle_next = n == 1 || in(kParticles, second) || ends_with(words[0], ":");
  bool second_person = false;
  std::size_t platforms = 0, promo_nouns = 0, credit_words = 0, comment_words = 0;
  for (const auto& w : lw) {
    second_person = second_person || w == "you" || w == "your" || w == "our" || w == "us";
    platforms += in(kPlatforms, w) && w != "x" ? 1 : 0;
    promo_nouns += in(kPromoNouns, w) ? 1 : 0;
    credit_words += in(kCreditWords, w) ? 1 : 0;
    comment_words += in(kCommentWords, w) ? 1 : 0;
  }
  if (n <= 4 && first == "x" ) platforms += 1;
  auto& e = f.evidence;
  auto set = [&](LineKind k, double v) { e[static_cast<int>(k)] = std::max(e[static_cast<int>(k)], v); };
  // Cue words are weak evidence inside real sentences; shapes (labels, bylines, codes) are not.
  auto cue = [&](LineKind k, double v) { set(k, v * (1.0 - 0.4 * f.prose)); };
  // The first word after a leading label ("Support local journalism: become a member").
  std::size_t after_label = label.empty() ? 0 : std::min(n, split_words(label).size());
  std::string first_after_label = after_label < n ? lw[after_label] : std::string();
  std::string second_after_label = after_label + 1 < n ? lw[after_label + 1] : std::string();

  // Promotion.
  if (!quote_start && in(kPromoVerbs, first) && particle_next && (first != "sign" || second == "up" || second == "in"))
    cue(LineKind::kPromo, 0.6 + (promo_nouns ? 0.4 : 0.0) + (second_person ? 0.2 : 0.0));
  if (after_label > 0 && in(kPromoVerbs, first_after_label) && in(kParticles, second_after_label))
    cue(LineKind::kPromo, 0.8);
  if (promo_nouns > 0 && n <= 20) cue(LineKind::kPromo, 0.5 + (second_person ? 0.25 : 0.0) + (n <= 2 ? 0.5 : 0.0));
  // Social.
  if (!quote_start && in(kSocialVerbs, first) && particle_next && (first != "find" || second == "us"))
    cue(LineKind::kSocial, 0.6 + (platforms ? 0.4 : 0.0) + (links ? 0.3 : 0.0));
  if (platforms >= 2 && n <= 10) cue(LineKind::kSocial, 0.9);
  if (platforms >= 1 && links >= 1 && n <= 10) cue(LineKind::kSocial, 0.8);
  // Navigation.
  if (!label.empty()) {
    std::size_t nav = 0;
    for (auto w : split_words(label)) nav += in(kNavLabelWords, w) ? 1 : 0;
    if (nav > 0) set(LineKind::kNavigation, 1.0);
  }
  if (!quote_start && in(kNavVerbs, first) && particle_next) cue(LineKind::kNavigation, 0.6);
  if (separators >= 2) set(LineKind::kNavigation, 0.6);
  if (ends_with(text, "\xE2\x86\x92") || ends_with(text, "\xC2\xBB") || ends_with(text, ">>")) set(LineKind::kNavigation, 0.5);
  // Captions and credits.
  bool slash_name = has_slash_name(words);
  if (!label.empty()) {
    std::string label_first(split_words(label).empty() ? std::string_view() : split_words(label)[0]);
    if (in(kCaptionLabels, label_first) || label == "file photo" || label == "main image") {
      std::size_t after = n - std::min(n, split_words(label).size());
      bool name_only = after <= 5 && verbs == 0 && !terminal;
      if (name_only || slash_name) set(LineKind::kCredit, 1.1);
      else set(LineKind::kCaption, 1.0);
    }
    if (label == "credit" || label == "credits" || label == "source" || label == "courtesy") set(LineKind::kCredit, 0.9);
  }
  if (first == "pictured" || (first == "above" && n > 1 && words[0].back() == ',')) set(LineKind::kCaption, 0.8);
  if (slash_name) set(LineKind::kCredit, 0.6 + (credit_words ? 0.4 : 0.0));
  if (credit_words > 0 && n <= 6 && verbs == 0 && caps_ratio >= 0.5) set(LineKind::kCredit, 0.6);
  {
    std::string l = lower(text);
    if (l.find("reporting by") != std::string::npos || l.find("editing by") != std::string::npos ||
        l.find("writing by") != std::string::npos || l.find("contributed to this report") != std::string::npos ||
        l.find("contributed reporting") != std::string::npos)
      set(LineKind::kCredit, 1.0);
    if (l.find("all rights reserved") != std::string::npos) set(LineKind::kCopyright, 1.2);
    if (l.find("may not be") != std::string::npos &&
        (l.find("redistributed") != std::string::npos || l.find("reproduced") != std::string::npos || l.find("rewritten") != std::string::npos))
      set(LineKind::kCopyright, 0.9);
  }
  // Bylines.
  set(LineKind::kByline, byline_evidence(words, lw, text));
  // Comments.
  if (comment_words > 0 && n <= 12) cue(LineKind::kComment, 0.8);
  // Copyright.
  if (text.find("\xC2\xA9") != std::string_view::npos) set(LineKind::kCopyright, 1.2);
  for (std::size_t k = 0; k < n; ++k) {
    std::string_view w = words[k];
    if ((w == "(c)" || w == "(C)") && k + 1 < n && is_digit(words[k + 1][0])) set(LineKind::kCopyright, 1.0);
    if (w.size() >= 6 && (w[0] == 'c' || w[0] == 'C') && w[1] == '.' && is_digit(w[2]) && is_digit(w[5]))
      set(LineKind::kCopyright, 1.0);
    if (lw[k] == "copyright" && n <= 20) cue(LineKind::kCopyright, 0.8);
  }
  // Timestamps.
  if (n <= 14 && has_time_or_date(words)) {
    if (in(kStampLabels, first)) set(LineKind::kTimestamp, 1.0);
    else if (n <= 8 && verbs == 0 && !terminal) set(LineKind::kTimestamp, 0.6);
  }
  // A dateline standing alone on its line.
  std::size_t dl = parse_dateline(text);
  if (dl > 0 && dl >= text.size()) set(LineKind::kDateline, 1.2);
  // Wire markup, end markers; the title repeated as the first line.
  set(LineKind::kOther, markup_evidence(text, had_codes, words, lw));
  if (!title_key_text.empty() && fingerprint(text) == fingerprint(title_key_text)) set(LineKind::kOther, 1.0);
  // A short non-sentence naming the outlet itself ("Port Aven Gazette - since 1921").
  if (outlet.size() >= 4 && n <= 12 && !f.is_sentence && lower(text).find(lower(outlet)) != std::string::npos)
    set(LineKind::kOther, 0.6);
  return f;
}


}  // namespace precis::text::boilerplate_detail
