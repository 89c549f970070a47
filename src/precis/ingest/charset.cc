// Charset decoding with an offset map back to the input bytes.
//
// Most input is UTF-8; the rest is mostly a legacy single-byte charset (ISO-8859-1,
// windows-1252) or UTF-16 written by Windows tools. The order of the checks in charset.h is the
// whole policy. ICU's converters report, for every UTF-16 unit they produce, the offset of the
// source byte that started it (ucnv_toUnicode's `offsets`); a code point therefore maps to
// [its offset, the next larger offset), which is exactly the bytes that encoded it. Conversion
// runs in bounded chunks so a 64 MiB file needs no 256 MiB offset array.
#include "precis/ingest/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "precis/base/utf8.h"

namespace precis::ingest {
namespace {

// `inner` maps into bytes that start `shift` bytes into the input.
OffsetMap shifted(const OffsetMap& inner, std::uint32_t size, std::uint32_t shift) {
  OffsetMap out;
  for (std::uint32_t i = 0; i < size; ++i) {
    out.append(inner.source_begin(i) + shift, inner.source_end(i) + shift);
  }
  return out;
}

DecodedText repaired_utf8(std::string_view bytes, std::uint32_t skip) {
  DecodedText out;
  utf8::Repaired r = utf8::repair(bytes.substr(skip));
  out.text = std::move(r.text);
  out.repaired = r.invalid_sequences;
  out.charset = "UTF-8";
  auto size = static_cast<std::uint32_t>(out.text.size());
  out.map = skip == 0 ? std::move(r.map) : shifted(r.map, size, skip);
  return out;
}

// Well-formed multi-byte sequences versus runs of invalid bytes, over the whole input.
bool mostly_utf8(std::string_view bytes) {
  std::size_t valid_multibyte = 0, invalid_runs = 0;
  bool in_invalid = false;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
      in_invalid = false;
      ++pos;
      continue;
    }
    std::size_t len;
    char32_t cp = utf8::decode(bytes, pos, &len);
    if (cp == utf8::kReplacement && len == 1) {
      if (!in_invalid) ++invalid_runs;
      in_invalid = true;
    } else {
      in_invalid = false;
      ++valid_multibyte;
    }
    pos += len;
  }
  return valid_multibyte > 0 && valid_multibyte >= invalid_runs;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

}  // namespace

const char* utf16_without_bom(std::string_view bytes) {
  std::size_t n = std::min<std::size_t>(bytes.size(), 8192) & ~std::size_t{1};
  if (n < 16) return nullptr;
  std::size_t even_nul = 0, odd_nul = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (bytes[i] == '\0') ++((i % 2 == 0) ? even_nul : odd_nul);
  }
  std::size_t units = n / 2;
  if (even_nul == 0 && odd_nul * 2 >= units) return "UTF-16LE";
  if (odd_nul == 0 && even_nul * 2 >= units) return "UTF-16BE";
  return nullptr;
}

bool convert_to_utf8(std::string_view bytes, const char* charset, DecodedText& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset, &status));
  if (U_FAILURE(status) || !conv) return false;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;
  if (bytes.size() > 0x7FFFFFFFu) return false;

  out.text.clear();
  out.text.reserve(bytes.size() + bytes.size() / 4);
  out.map = OffsetMap();
  // The name users know: ICU's own name of windows-1252 is "ibm-5348_P100-1997"; its MIME (else
  // IANA) name is "windows-1252".
  const char* name = ucnv_getName(conv.get(), &status);
  if (U_SUCCESS(status) && name) {
    UErrorCode standard_status = U_ZERO_ERROR;
    const char* standard = ucnv_getStandardName(name, "MIME", &standard_status);
    if (U_FAILURE(standard_status) || !standard) {
      standard_status = U_ZERO_ERROR;
      standard = ucnv_getStandardName(name, "IANA", &standard_status);
    }
    out.charset = U_SUCCESS(standard_status) && standard ? standard : name;
  } else {
    out.charset = charset;
  }
  status = U_ZERO_ERROR;

  // Code points whose source starts at the same byte wait here until a later byte starts the
  // next one: then their source range is known.
  std::vector<char32_t> pending;
  std::uint32_t pending_begin = 0;
  auto emit_pending = [&](std::uint32_t end) {
    for (char32_t cp : pending) {
      std::size_t before = out.text.size();
      utf8::append(out.text, cp);
      out.map.append(pending_begin, std::max(end, pending_begin),
                     static_cast<std::uint32_t>(out.text.size() - before));
    }
    pending.clear();
  };
  auto push = [&](char32_t cp, std::uint32_t begin) {
    if (cp == 0xFEFF && out.text.empty() && pending.empty()) return;  // a BOM ICU passed through
    if (!pending.empty() && begin > pending_begin) emit_pending(begin);
    if (pending.empty()) pending_begin = begin;
    pending.push_back(cp);
  };

  constexpr int kChunk = 16384;
  std::vector<UChar> target(kChunk);
  std::vector<std::int32_t> offsets(kChunk);
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar high = 0;
  std::uint32_t high_begin = 0, last = 0;
  for (;;) {
    const char* call_src = src;
    UChar* t = target.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &t, t + kChunk, &src, src_end, offsets.data(), true, &status);
    auto base = static_cast<std::uint32_t>(call_src - bytes.data());
    auto produced = static_cast<std::size_t>(t - target.data());
    for (std::size_t k = 0; k < produced; ++k) {
      std::uint32_t off = offsets[k] < 0 ? last : base + static_cast<std::uint32_t>(offsets[k]);
      last = off;
      UChar unit = target[k];
      if (U16_IS_LEAD(unit)) {
        if (high != 0) push(utf8::kReplacement, high_begin);
        high = unit;
        high_begin = off;
        continue;
      }
      if (U16_IS_TRAIL(unit)) {
        if (high != 0) {
          push(U16_GET_SUPPLEMENTARY(high, unit), high_begin);
          high = 0;
        } else {
          push(utf8::kReplacement, off);
        }
        continue;
      }
      if (high != 0) {
        push(utf8::kReplacement, high_begin);
        high = 0;
      }
      push(unit, off);
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) return false;
    break;
  }
  if (high != 0) push(utf8::kReplacement, high_begin);
  emit_pending(static_cast<std::uint32_t>(bytes.size()));
  return true;
}

DecodedText decode_to_utf8(std::string_view bytes, std::string_view declared) {
  auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  // 1. Byte order marks (UTF-32 before UTF-16: FF FE 00 00 starts with FF FE).
  if (starts("\xEF\xBB\xBF")) return repaired_utf8(bytes, 3);
  const char* bom_charset = nullptr;
  if (starts(std::string_view("\xFF\xFE\x00\x00", 4)) || starts(std::string_view("\x00\x00\xFE\xFF", 4))) {
    bom_charset = "UTF-32";
  } else if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    bom_charset = "UTF-16";
  }
  if (bom_charset != nullptr) {
    DecodedText out;
    if (convert_to_utf8(bytes, bom_charset, out)) return out;
  }
  if (const char* utf16 = utf16_without_bom(bytes)) {
    DecodedText out;
    if (convert_to_utf8(bytes, utf16, out)) return out;
  }
  // 2. A declared charset other than UTF-8.
  if (!declared.empty()) {
    std::string name(declared);
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower != "utf-8" && lower != "utf8") {
      DecodedText out;
      if (convert_to_utf8(bytes, name.c_str(), out)) return out;
    }
  }
  // 3. and 4. UTF-8, as it is or repaired.
  if (utf8::is_valid(bytes) || mostly_utf8(bytes)) return repaired_utf8(bytes, 0);
  // 5. Detection on a bounded prefix.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_SUCCESS(status) && detector) {
    auto sample = static_cast<std::int32_t>(std::min<std::size_t>(bytes.size(), 64 * 1024));
    ucsdet_setText(detector.get(), bytes.data(), sample, &status);
    const UCharsetMatch* match = U_SUCCESS(status) ? ucsdet_detect(detector.get(), &status) : nullptr;
    if (U_SUCCESS(status) && match != nullptr) {
      const char* name = ucsdet_getName(match, &status);
      int confidence = ucsdet_getConfidence(match, &status);
      if (U_SUCCESS(status) && name != nullptr && confidence >= kMinConfidence &&
          std::string_view(name) != "UTF-8") {
        DecodedText out;
        if (convert_to_utf8(bytes, name, out)) {
          out.detected = true;
          out.confidence = confidence;
          return out;
        }
      }
    }
  }
  // 6. Nothing decodes it confidently.
  return repaired_utf8(bytes, 0);
}

}  // namespace precis::ingest
