// Code point classes used by the text layer (a thin wrapper over ICU's character properties, so
// that no ICU type appears in our headers).
//
// Thread safety: all functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace precis::text {

bool is_letter(char32_t cp);       // general category L*
bool is_upper(char32_t cp);        // uppercase or titlecase letter
bool is_lower(char32_t cp);        // lowercase letter
bool is_digit(char32_t cp);        // decimal digit (Nd)
bool is_alnum(char32_t cp);        // letter, digit or other number
bool is_mark(char32_t cp);         // combining mark (M*)
bool is_white_space(char32_t cp);  // Unicode White_Space (includes line breaks)

// Code point at text[pos] (U+FFFD for an invalid byte, length 1) and its length in bytes.
char32_t code_point_at(std::string_view text, std::size_t pos, std::size_t* length);
// Start of the code point that ends just before `pos` (pos > 0).
std::size_t previous_code_point_start(std::string_view text, std::size_t pos);

}  // namespace precis::text
