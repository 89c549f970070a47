// A hand-written scanner (no regular expressions): one pass, constant look-ahead, so linear.
#include "precis/text/tokenizer.h"

#include "precis/base/utf8.h"
#include "precis/text/unicode.h"

namespace precis::text {
namespace {

struct Cursor {
  std::string_view text;
  char32_t at(std::size_t pos, std::size_t* len) const {
    if (pos >= text.size()) {
      *len = 0;
      return 0;
    }
    return utf8::decode(text, pos, len);
  }
};

bool is_word_char(char32_t cp) { return is_alnum(cp) || is_mark(cp) || cp == '_'; }

bool is_currency(char32_t cp) {
  return cp == '$' || cp == 0xA3 || cp == 0x20AC || cp == 0xA5 || cp == 0x20B9 || cp == 0x20BD;
}

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }
bool is_hyphen(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

}  // namespace

std::vector<ByteSpan> tokenize(std::string_view text) {
  std::vector<ByteSpan> tokens;
  if (text.size() >= 0xFFFFFFFFu) return tokens;
  Cursor cur{text};
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t len = 0;
    char32_t cp = cur.at(pos, &len);
    if (is_white_space(cp)) {
      pos += len;
      continue;
    }
    std::size_t begin = pos;
    std::size_t len2 = 0;
    char32_t next = cur.at(pos + len, &len2);
    if (!(is_word_char(cp) || (is_currency(cp) && is_digit(next)))) {
      pos += len;
      // Combining marks stay with the character they modify.
      while (pos < text.size() && is_mark(cur.at(pos, &len2))) pos += len2;
      tokens.push_back(ByteSpan{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(pos)});
      continue;
    }
    // A word. `prev` is the last code point taken; `letters_only_groups` tracks "U.S." shapes.
    pos += len;
    char32_t prev = cp;
    bool dotted = false;   // took a '.' between letters
    int group = is_letter(cp) ? 1 : 0;
    bool short_groups = is_letter(cp);
    while (pos < text.size()) {
      char32_t c = cur.at(pos, &len);
      if (is_word_char(c)) {
        if (is_letter(c)) {
          if (++group > 2) short_groups = false;
        } else if (!is_mark(c)) {
          short_groups = false;
        }
        prev = c;
        pos += len;
        continue;
      }
      char32_t after = cur.at(pos + len, &len2);
      bool join = false;
      if (is_apostrophe(c)) join = is_letter(prev) && is_letter(after);
      else if (is_hyphen(c)) join = is_alnum(prev) && is_alnum(after);
      else if (c == ',') join = is_digit(prev) && is_digit(after);
      else if (c == '.') {
        if (is_digit(prev) && is_digit(after)) join = true;
        else if (is_letter(prev) && short_groups && is_letter(after)) join = true, dotted = true;
      } else if (c == '%') {
        if (is_digit(prev)) {
          pos += len;
          break;
        }
      } else if (c == '@' || c == '/' || c == ':') {
        join = false;
      }
      if (!join) {
        // Final period of a dotted abbreviation: "U.S." keeps it.
        if (c == '.' && dotted && is_letter(prev) && short_groups) pos += len;
        break;
      }
      if (c == '.' || is_hyphen(c) || is_apostrophe(c)) group = 0;
      prev = c;
      pos += len;
    }
    tokens.push_back(ByteSpan{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(pos)});
  }
  return tokens;
}

bool is_word_token(std::string_view token) {
  std::size_t pos = 0;
  while (pos < token.size()) {
    std::size_t len = 1;
    char32_t cp = utf8::decode(token, pos, &len);
    if (is_alnum(cp)) return true;
    pos += len;
  }
  return false;
}

}  // namespace precis::text
