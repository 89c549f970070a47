// Language identification and case mapping.
//
// Thread safety: both functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace precis::text {

// ISO 639-1 code of the language of `text` (CLD2), "und" when the text is too short, mixed or
// the detector is unsure. Only the first 64 KiB are examined. Invalid UTF-8 is tolerated.
std::string detect_language(std::string_view text);

// Full Unicode lower-casing (ICU, root locale): "STRASSE" -> "strasse", "İ" -> "i̇".
// Invalid UTF-8 bytes become U+FFFD.
std::string to_lower(std::string_view utf8);

}  // namespace precis::text
