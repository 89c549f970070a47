// Normalisation in three passes over code points that each carry the input byte range they came
// from, so that the final UTF-8 encoding can emit an OffsetMap without bookkeeping in the rules:
//   A. decode + per-character mapping (removals, spaces, quotes, line breaks), then the DUC/TREC
//      quote pairs; removals come before NFC so that removing a character can never leave a
//      composable pair behind (which would break idempotence);
//   B. NFC per normalisation segment (ICU's hasBoundaryBefore), each output code point mapping to
//      the whole segment;
//   C. layout: lines, paragraphs, whitespace, hyphenation and drop capitals.
#include "precis/text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <string>
#include <unordered_set>
#include <vector>

#include "precis/base/utf8.h"
#include "precis/text/unicode.h"

namespace precis::text {
namespace {

struct Unit {
  char32_t cp;
  std::uint32_t begin;  // input byte range
  std::uint32_t end;
};

bool is_removed(char32_t cp) {
  if (cp < 0x20) return cp != '\n' && cp != '\t';  // CR, VT, FF handled before
  if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F && cp != 0x85)) return true;
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF;
}

std::vector<Unit> decode_and_map(std::string_view input) {
  std::vector<Unit> units;
  units.reserve(input.size());
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t len = 1;
    char32_t cp = utf8::decode(input, pos, &len);
    auto b = static_cast<std::uint32_t>(pos);
    auto e = static_cast<std::uint32_t>(pos + len);
    pos += len;
    if (cp == '\r') {
      if (pos < input.size() && input[pos] == '\n') continue;  // CR LF: the LF stands for both
      cp = '\n';
    } else if (cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028) {
      cp = '\n';
    } else if (cp == 0x2029) {
      units.push_back({'\n', b, e});
      cp = '\n';
    } else if (cp == '\t') {
      cp = ' ';
    } else if (is_removed(cp)) {
      continue;
    } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B) {
      cp = '\'';
    } else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F) {
      cp = '"';
    } else if (cp >= 0x80 && cp != '\n' && is_white_space(cp)) {
      // A no-break, narrow no-break, thin or figure space that groups thousands ("4 000", SI and
      // French style) stays, as U+202F, so that the number stays one: the facts read "4 000
      // visitors" as 4,000, where a plain space would make it 4 and 000. A group is exactly three
      // digits after a digit.
      auto digit = [&](std::size_t k) { return k < input.size() && input[k] >= '0' && input[k] <= '9'; };
      const bool groups = (cp == 0x00A0 || cp == 0x202F || cp == 0x2009 || cp == 0x2007) && !units.empty() &&
                          units.back().cp >= '0' && units.back().cp <= '9' && digit(pos) && digit(pos + 1) &&
                          digit(pos + 2) && !digit(pos + 3);
      cp = groups ? 0x202F : ' ';
    }
    units.push_back({cp, b, e});
  }
  // `` and '' (DUC/TREC, LaTeX) are double quotes. Greedy left to right, so that the output holds
  // no pair and a second pass changes nothing.
  std::vector<Unit> merged;
  merged.reserve(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i + 1 < units.size() && (units[i].cp == '`' || units[i].cp == '\'') &&
        units[i + 1].cp == units[i].cp) {
      merged.push_back({'"', units[i].begin, units[i + 1].end});
      ++i;
    } else {
      merged.push_back(units[i]);
    }
  }
  return merged;
}

std::vector<Unit> compose_nfc(const std::vector<Unit>& units) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) return units;
  std::vector<Unit> out;
  out.reserve(units.size());
  std::size_t i = 0;
  while (i < units.size()) {
    std::size_t j = i + 1;
    while (j < units.size() && (units[j].cp >= 0x300 && !nfc->hasBoundaryBefore(static_cast<UChar32>(units[j].cp)))) ++j;
    if (j == i + 1 && (units[i].cp < 0x300 || nfc->isInert(static_cast<UChar32>(units[i].cp)))) {
      out.push_back(units[i]);
      i = j;
      continue;
    }
    icu::UnicodeString segment;
    for (std::size_t k = i; k < j; ++k) segment.append(static_cast<UChar32>(units[k].cp));
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString normalized = nfc->normalize(segment, err);
    if (U_FAILURE(err)) normalized = segment;
    if (normalized == segment) {
      // Already NFC (a base followed by marks that do not compose): keep each unit's own range.
      out.insert(out.end(), units.begin() + static_cast<std::ptrdiff_t>(i), units.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
      continue;
    }
    std::uint32_t b = units[i].begin;
    std::uint32_t e = units[j - 1].end;
    for (int32_t k = 0; k < normalized.length();) {
      UChar32 c = normalized.char32At(k);
      out.push_back({static_cast<char32_t>(c), b, e});
      k += U16_LENGTH(c);
    }
    i = j;
  }
  return out;
}

char32_t fold(char32_t cp) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))); }

// Words and hyphenated compounds spelt inside lines, for the hyphenation decision. Built once,
// only when a document has a line-end hyphen.
struct Vocabulary {
  std::unordered_set<std::u32string> words;
  std::unordered_set<std::u32string> compounds;  // "well-known"
};

Vocabulary build_vocabulary(const std::vector<Unit>& units) {
  Vocabulary vocab;
  std::u32string word;
  std::u32string compound;
  bool compound_has_hyphen = false;
  auto flush_compound = [&] {
    if (compound_has_hyphen && !compound.empty() && compound.back() != '-') vocab.compounds.insert(compound);
    compound.clear();
    compound_has_hyphen = false;
  };
  for (std::size_t i = 0; i <= units.size(); ++i) {
    char32_t cp = i < units.size() ? units[i].cp : U' ';
    if (is_letter(cp)) {
      word.push_back(fold(cp));
      compound.push_back(fold(cp));
      continue;
    }
    if (!word.empty()) vocab.words.insert(word);
    word.clear();
    if (cp == '-' && !compound.empty() && compound.back() != '-') {
      compound.push_back('-');
      compound_has_hyphen = true;
    } else {
      flush_compound();
    }
  }
  return vocab;
}

bool is_compound_former(const std::u32string& left) {
  static const std::unordered_set<std::u32string> kFormers = {
      U"well", U"self", U"half", U"all", U"cross", U"long", U"short", U"high", U"low", U"full",
      U"so", U"far", U"world", U"state", U"ill", U"much", U"little", U"year", U"best", U"better",
      U"one", U"two", U"three", U"four", U"five", U"six", U"seven", U"eight", U"nine", U"ten",
      U"twenty", U"thirty", U"forty", U"fifty", U"sixty", U"seventy", U"eighty", U"ninety",
      U"first", U"second", U"third", U"vice", U"anti", U"non", U"left", U"right", U"old", U"new"};
  return kFormers.count(left) > 0;
}

bool is_word_letter(char32_t cp) {
  static constexpr std::array<char32_t, 11> kWords = {U'A', U'I', U'O', U'E', U'Y', U'U',
                                                       0xC0, 0xC1, 0xC9, 0xD3, 0xDA};
  for (char32_t w : kWords) {
    if (w == cp) return true;
  }
  return false;
}

class Layout {
 public:
  Layout(const std::vector<Unit>& units, const NormalizeOptions& options) : units_(units), options_(options) {}

  Normalized run() {
    std::size_t i = 0;
    const std::size_t n = units_.size();
    std::vector<Unit> paragraph;
    std::vector<bool> line_gap;  // parallel to paragraph: this ' ' unit replaced a line break
    std::uint32_t pending_break_begin = 0;
    bool in_paragraph = false;
    bool pending_line_break = false;
    bool pending_space = false;
    std::uint32_t gap_begin = 0;
    std::uint32_t gap_end = 0;
    while (i < n) {
      const Unit& u = units_[i];
      if (u.cp == '\n') {
        // Look at the whole run of whitespace: count line breaks.
        std::size_t j = i;
        int breaks = 0;
        while (j < n && (units_[j].cp == '\n' || units_[j].cp == ' ')) {
          if (units_[j].cp == '\n') ++breaks;
          ++j;
        }
        if (in_paragraph) {
          if (breaks >= 2) {
            flush(paragraph, line_gap);
            in_paragraph = false;
            pending_break_begin = pending_space ? gap_begin : u.begin;
          } else {
            if (!pending_space) gap_begin = u.begin;
            pending_line_break = true;
            pending_space = true;
            gap_end = units_[j - 1].end;
          }
        }
        i = j;
        continue;
      }
      if (u.cp == ' ') {
        if (in_paragraph) {
          if (!pending_space) gap_begin = u.begin;
          pending_space = true;
          gap_end = u.end;
        }
        ++i;
        continue;
      }
      if (!in_paragraph) {
        if (!out_.text.empty()) {
          out_.text.append("\n\n");
          out_.map.append(pending_break_begin, u.begin, 2);
        }
        in_paragraph = true;
        pending_space = false;
        pending_line_break = false;
      } else if (pending_space) {
        paragraph.push_back({' ', gap_begin, gap_end});
        line_gap.push_back(pending_line_break);
        pending_space = false;
        pending_line_break = false;
      }
      paragraph.push_back(u);
      line_gap.push_back(false);
      pending_break_begin = u.end;
      ++i;
    }
    if (in_paragraph) flush(paragraph, line_gap);
    return std::move(out_);
  }

 private:
  void flush(std::vector<Unit>& para, std::vector<bool>& line_gap) {
    repair_drop_capital(para, line_gap);
    std::vector<bool> removed(para.size(), false);
    for (std::size_t k = 2; k + 1 < para.size(); ++k) {
      if (!line_gap[k]) continue;
      const char32_t hyphen = para[k - 1].cp;
      if ((hyphen == '-' || hyphen == 0x2010) && is_letter(para[k - 2].cp) && is_alnum(para[k + 1].cp)) {
        removed[k] = true;  // the line break inside a hyphenated word goes in any case
        if (is_lower(para[k + 1].cp) && should_join_hyphenated(para, k)) removed[k - 1] = true;
      }
    }
    for (std::size_t k = 0; k < para.size(); ++k) {
      if (removed[k]) continue;
      char32_t cp = para[k].cp;
      if (line_gap[k] && !options_.join_hard_line_breaks) cp = '\n';
      std::size_t before = out_.text.size();
      utf8::append(out_.text, cp);
      out_.map.append(para[k].begin, para[k].end, static_cast<std::uint32_t>(out_.text.size() - before));
    }
    para.clear();
    line_gap.clear();
  }

  void repair_drop_capital(std::vector<Unit>& para, std::vector<bool>& line_gap) {
    if (para.size() < 3 || para[1].cp != ' ') return;
    if (!is_upper(para[0].cp) || is_word_letter(para[0].cp) || !is_lower(para[2].cp)) return;
    para.erase(para.begin() + 1);
    line_gap.erase(line_gap.begin() + 1);
  }

  // para[k] is the line gap after a hyphen at para[k - 1].
  bool should_join_hyphenated(const std::vector<Unit>& para, std::size_t k) {
    std::u32string left;
    std::size_t s = k - 1;
    while (s > 0 && is_letter(para[s - 1].cp)) --s;
    for (std::size_t x = s; x < k - 1; ++x) left.push_back(fold(para[x].cp));
    std::u32string right;
    for (std::size_t x = k + 1; x < para.size() && is_letter(para[x].cp); ++x) right.push_back(fold(para[x].cp));
    if (!vocabulary_built_) {
      vocabulary_ = build_vocabulary(units_);
      vocabulary_built_ = true;
    }
    if (vocabulary_.compounds.count(left + U"-" + right) > 0) return false;
    if (vocabulary_.words.count(left + right) > 0) return true;
    return !is_compound_former(left);
  }

  const std::vector<Unit>& units_;
  const NormalizeOptions& options_;
  Normalized out_;
  Vocabulary vocabulary_;
  bool vocabulary_built_ = false;
};

}  // namespace

Normalized normalize(std::string_view input, const NormalizeOptions& options) {
  if (input.size() >= 0xFFFFFFFFu) input = input.substr(0, 0xFFFFFFFEu);
  std::vector<Unit> units = compose_nfc(decode_and_map(input));
  Layout layout(units, options);
  return layout.run();
}

}  // namespace precis::text
