#include "precis/base/utf8.h"

namespace precis::utf8 {

char32_t decode(std::string_view s, std::size_t pos, std::size_t* length) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  std::size_t avail = s.size() - pos;
  unsigned char c = p[0];
  *length = 1;
  if (c < 0x80) return c;
  int n;
  char32_t cp;
  if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
  else return kReplacement;
  if (avail < static_cast<std::size_t>(n)) return kReplacement;
  for (int i = 1; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return kReplacement;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return kReplacement;
  }
  *length = static_cast<std::size_t>(n);
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_valid(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) { ++pos; continue; }
    std::size_t len;
    if (decode(s, pos, &len) == kReplacement && len == 1) {
      // U+FFFD itself is 3 bytes long, so a length of 1 means an invalid byte.
      return false;
    }
    pos += len;
  }
  return true;
}

Repaired repair(std::string_view input) {
  Repaired out;
  if (is_valid(input)) {
    out.text.assign(input);
    out.map = OffsetMap::identity(static_cast<std::uint32_t>(input.size()));
    return out;
  }
  out.text.reserve(input.size() + 16);
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t len;
    char32_t cp = decode(input, pos, &len);
    if (cp == kReplacement && len == 1) {
      // Collapse a run of invalid bytes into one replacement character.
      std::size_t end = pos + 1;
      while (end < input.size()) {
        std::size_t l2;
        char32_t c2 = decode(input, end, &l2);
        if (!(c2 == kReplacement && l2 == 1)) break;
        end += 1;
      }
      std::size_t before = out.text.size();
      append(out.text, kReplacement);
      out.map.append(static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(end),
                     static_cast<std::uint32_t>(out.text.size() - before));
      ++out.invalid_sequences;
      pos = end;
    } else {
      for (std::size_t i = 0; i < len; ++i) {
        out.text.push_back(input[pos + i]);
        out.map.append(static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + len));
      }
      pos += len;
    }
  }
  return out;
}

}  // namespace precis::utf8
