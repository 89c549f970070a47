#include "precis/text/unicode.h"

#include <unicode/uchar.h>

#include "precis/base/utf8.h"

namespace precis::text {

bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return u_isalpha(static_cast<UChar32>(cp));
}

bool is_upper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}

bool is_lower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return u_islower(static_cast<UChar32>(cp));
}

bool is_digit(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return u_isdigit(static_cast<UChar32>(cp));
}

bool is_alnum(char32_t cp) {
  if (cp < 0x80) return is_letter(cp) || is_digit(cp);
  return u_isalnum(static_cast<UChar32>(cp)) || (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_N_MASK) != 0;
}

bool is_mark(char32_t cp) {
  if (cp < 0x300) return false;
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_M_MASK) != 0;
}

bool is_white_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
  return u_isUWhiteSpace(static_cast<UChar32>(cp));
}

char32_t code_point_at(std::string_view text, std::size_t pos, std::size_t* length) {
  return utf8::decode(text, pos, length);
}

std::size_t previous_code_point_start(std::string_view text, std::size_t pos) {
  // Step back over at most three continuation bytes; if the result does not decode to a
  // sequence ending exactly at `pos`, the previous byte stands alone (an invalid byte).
  std::size_t start = pos - 1;
  std::size_t steps = 0;
  while (start > 0 && steps < 3 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
    ++steps;
  }
  std::size_t len = 0;
  utf8::decode(text, start, &len);
  if (start + len == pos) return start;
  return pos - 1;
}

}  // namespace precis::text
