#include "precis/text/language.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/internal/lang_script.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "precis/base/utf8.h"

namespace precis::text {

std::string detect_language(std::string_view text) {
  constexpr std::size_t kMaxBytes = 64 * 1024;
  std::string valid = utf8::is_valid(text.substr(0, kMaxBytes)) ? std::string(text.substr(0, kMaxBytes))
                                                                 : utf8::repair(text.substr(0, kMaxBytes)).text;
  if (valid.size() > kMaxBytes) {
    // Cut at a code point boundary.
    std::size_t cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(valid[cut]) & 0xC0) == 0x80) --cut;
    valid.resize(cut);
  }
  bool is_reliable = false;
  CLD2::Language lang = CLD2::DetectLanguage(valid.data(), static_cast<int>(valid.size()), /*is_plain_text=*/true,
                                             &is_reliable);
  if (!is_reliable || lang == CLD2::UNKNOWN_LANGUAGE) return "und";
  std::string code = CLD2::LanguageCode(lang);
  // CLD2 reports a few languages with longer codes ("zh-Hant", "sr-ME"); keep the base code.
  std::size_t dash = code.find('-');
  if (dash != std::string::npos) code.resize(dash);
  if (code == "nb" || code == "nn") code = "no";
  if (code.size() != 2) return "und";
  return code;
}

std::string to_lower(std::string_view text) {
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string out;
  if (ascii) {
    out.assign(text);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toLower(icu::Locale::getRoot());
  u.toUTF8String(out);
  return out;
}

}  // namespace precis::text
