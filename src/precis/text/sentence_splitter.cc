// Sentence boundary detection: rules over whitespace-separated chunks.
//
// Essay. A sentence ends at a terminator ('.', '!', '?', an ellipsis, or a script's own full
// stop) that is followed, after any closing quotes and brackets, by whitespace and a word that
// can start a sentence. '!' and '?' are almost always boundaries; the work is in the period,
// which also marks abbreviations, initials, decimals, ordinals, list markers, URLs and
// ellipses. Following Mikheev ("Periods, capitalized words, etc.", Computational Linguistics
// 2002) and the Golden Rules of pySBD (Sadvilkar & Neumann, 2020), each candidate period is
// judged from three things: the word before it, the word after it, and a little sentence
// context:
//   * after it: a lower-case word never starts a sentence (in the languages we split); a
//     capital, a digit or other symbol may;
//   * before it: a title ("Mr.", "Gen.", "Mt.") binds to the following name; a number prefix
//     ("No.", "p.", "Oct.") binds to a following number; an initial ("E.", "J. R. R.") binds
//     to a following name; an abbreviation that can also end a sentence ("Inc.", "U.S.", "a.m.",
//     any "X.Y." form) ends one only when the next word is a typical sentence opener (a pronoun,
//     determiner, auxiliary, conjunction, wh-word, honorific: "the U.S. How ..." splits, "the
//     U.S. Government" does not); URLs, e-mail addresses and numbers are ordinary words;
//   * context: an ambiguous abbreviation inside a short introductory prepositional phrase
//     ("At 5 a.m. Mr. Smith went") does not end it, since a sentence is more than such a phrase.
// Ellipses follow the usual editing conventions: three dots mark an omission inside a sentence
// (". . ." after a space never splits), four dots are a period plus an ellipsis ("word. . . .
// Next", "word.... Next" split before a capital). Inline enumerations ("1) a 2) b", "a. x b. y")
// are recognised structurally: a marker at a sentence start or after a colon opens a list, and the next marker
// of the same style and the next value starts a new sentence even with no period before it;
// bullets (•, ⁃, ...) always start one. Quotes and brackets after the terminator belong to the
// sentence they close ('He left." She stayed' splits after the quote).
//
// Everything is a single left-to-right pass over chunks with constant look-around (dot runs
// and the sentence start are found by walking back over at most the current run), so the
// splitter is linear in the input and needs no regular expressions.
#include "precis/text/sentence_splitter.h"

#include <cstdint>
#include <string>

#include "precis/base/utf8.h"
#include "precis/text/abbreviations.h"
#include "precis/text/unicode.h"

namespace precis::text {
namespace {

struct Chunk {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool paragraph_start = false;
};

bool is_opener(char32_t c) {
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == 0x201C || c == 0x2018 ||
         c == 0xAB || c == 0x2039 || c == 0xBF || c == 0xA1 || c == 0x201E || c == 0x201A || c == '`';
}

bool is_closer(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0x2019 ||
         c == 0xBB || c == 0x203A;
}

// Terminators that end a sentence unless a lower-case word follows.
bool is_strong_terminator(char32_t c) {
  return c == '!' || c == '?' || c == 0x203C || c == 0x2047 || c == 0x2048 || c == 0x2049 ||
         c == 0x061F || c == 0x06D4 || c == 0x0964 || c == 0x0965 || c == 0x0589 || c == 0x3002 ||
         c == 0xFF01 || c == 0xFF1F || c == 0xFF61;
}

// Full stops of scripts written without spaces: a boundary even inside a chunk.
bool is_unspaced_stop(char32_t c) { return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61; }

bool is_bullet(char32_t c) {
  return c == 0x2022 || c == 0x2043 || c == 0x2023 || c == 0x25E6 || c == 0x25AA || c == 0x25CF ||
         c == 0x25A0 || c == 0x2219 || c == 0x25B8 || c == 0x25BA || c == 0x27A2;
}

bool is_space_at(std::string_view text, std::size_t pos, std::size_t* len, char32_t* cp) {
  unsigned char b = static_cast<unsigned char>(text[pos]);
  if (b < 0x80) {
    *len = 1;
    *cp = b;
    return b == ' ' || (b >= 0x09 && b <= 0x0D);
  }
  *cp = utf8::decode(text, pos, len);
  return is_white_space(*cp);
}

std::vector<Chunk> make_chunks(std::string_view text) {
  std::vector<Chunk> chunks;
  std::size_t pos = 0;
  int newlines = 2;  // the text start counts as a paragraph start
  bool in_chunk = false;
  Chunk current;
  while (pos < text.size()) {
    std::size_t len = 1;
    char32_t cp = 0;
    if (is_space_at(text, pos, &len, &cp)) {
      if (in_chunk) {
        current.end = static_cast<std::uint32_t>(pos);
        chunks.push_back(current);
        in_chunk = false;
        newlines = 0;
      }
      if (cp == '\n' || cp == 0x2028 || cp == 0x85) ++newlines;
      if (cp == 0x2029) newlines += 2;
      pos += len;
      continue;
    }
    if (!in_chunk) {
      current.begin = static_cast<std::uint32_t>(pos);
      current.paragraph_start = newlines >= 2;
      in_chunk = true;
    }
    pos += len;
    if (is_unspaced_stop(cp)) {
      // Keep closing quotes with the stop, then end the chunk there.
      while (pos < text.size()) {
        std::size_t l2 = 1;
        char32_t next = utf8::decode(text, pos, &l2);
        if (!is_closer(next) && !is_unspaced_stop(next)) break;
        pos += l2;
      }
      current.end = static_cast<std::uint32_t>(pos);
      chunks.push_back(current);
      in_chunk = false;
      newlines = 0;
    }
  }
  if (in_chunk) {
    current.end = static_cast<std::uint32_t>(text.size());
    chunks.push_back(current);
  }
  return chunks;
}

// The anatomy of a chunk: openers, a word, and a trailing run of terminators and closers.
struct Shape {
  std::uint32_t word_begin = 0;
  std::uint32_t word_end = 0;
  int dots = 0;                 // '.' in the trailing run; an ellipsis character counts 3
  bool strong = false;          // '!' '?' ... in the trailing run
  bool closer_after = false;    // a closing quote/bracket follows the last terminator
  bool punct_only() const { return word_begin == word_end; }
  bool has_terminator() const { return dots > 0 || strong; }
  bool dot_only() const { return punct_only() && dots > 0 && !strong; }
};

Shape shape_of(std::string_view text, const Chunk& c) {
  Shape s;
  std::size_t pos = c.begin;
  while (pos < c.end) {
    std::size_t len = 1;
    char32_t cp = utf8::decode(text, pos, &len);
    if (!is_opener(cp) || pos + len > c.end) break;
    pos += len;
  }
  s.word_begin = static_cast<std::uint32_t>(pos);
  std::size_t end = c.end;
  bool seen_terminator = false;
  while (end > s.word_begin) {
    std::size_t start = previous_code_point_start(text, end);
    if (start < s.word_begin) break;
    std::size_t len = 1;
    char32_t cp = utf8::decode(text, start, &len);
    if (cp == '.') {
      ++s.dots;
      seen_terminator = true;
    } else if (cp == 0x2026) {
      s.dots += 3;
      seen_terminator = true;
    } else if (is_strong_terminator(cp)) {
      s.strong = true;
      seen_terminator = true;
    } else if (is_closer(cp)) {
      if (!seen_terminator) s.closer_after = true;
    } else {
      break;
    }
    end = start;
  }
  s.word_end = static_cast<std::uint32_t>(end);
  if (!seen_terminator) s.closer_after = false;
  return s;
}

enum class NextKind { kEnd, kCapital, kLower, kDigit, kOther };

struct Next {
  NextKind kind = NextKind::kEnd;
  std::string word;  // the first word, lower-cased
};

void append_lower(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
  } else {
    utf8::append(out, cp);
  }
}

Next next_of(std::string_view text, const Chunk& c) {
  Next n;
  std::size_t pos = c.begin;
  char32_t cp = 0;
  std::size_t len = 1;
  while (pos < c.end) {
    cp = utf8::decode(text, pos, &len);
    if (!is_opener(cp)) break;
    pos += len;
  }
  if (pos >= c.end) {
    n.kind = NextKind::kOther;
    return n;
  }
  if (is_digit(cp)) {
    n.kind = NextKind::kDigit;
  } else if (is_lower(cp)) {
    n.kind = NextKind::kLower;
  } else if (is_letter(cp)) {
    n.kind = NextKind::kCapital;  // upper case, title case, or a script without case
  } else {
    n.kind = NextKind::kOther;
    return n;
  }
  while (pos < c.end && n.word.size() < 32) {
    cp = utf8::decode(text, pos, &len);
    if (!is_letter(cp)) break;
    append_lower(n.word, cp);
    pos += len;
  }
  return n;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
  return out;
}

bool is_url_or_email(std::string_view w) {
  return w.find('@') != std::string_view::npos || w.find("://") != std::string_view::npos ||
         w.substr(0, 4) == "www." || w.substr(0, 4) == "WWW.";
}

bool is_number_word(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  std::size_t pos = begin;
  while (pos < end) {
    std::size_t len = 1;
    char32_t cp = utf8::decode(text, pos, &len);
    if (is_digit(cp)) return true;
    if (is_letter(cp)) return false;
    pos += len;  // currency signs, '+', '-', '#'
  }
  return false;
}

// "D.C", "U.S.A", "Ph.D", "e.g": letter groups of one or two letters joined by periods.
bool is_dotted_abbreviation(std::string_view w) {
  if (w.find('.') == std::string_view::npos) return false;
  int group = 0;
  for (char ch : w) {
    if (ch == '.') {
      if (group == 0) return false;
      group = 0;
    } else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') {
      if (++group > 2) return false;
    } else {
      return false;
    }
  }
  return group > 0;
}

bool is_capital_acronym(std::string_view w) {
  if (w.size() < 2) return false;
  for (char ch : w) {
    if (!(ch >= 'A' && ch <= 'Z')) return false;
  }
  return true;
}

// "-", "--", "–", "—": a dash standing alone between spaces.
bool is_dash_only(std::string_view chunk) {
  if (chunk.empty()) return false;
  std::size_t pos = 0;
  while (pos < chunk.size()) {
    std::size_t len = 1;
    char32_t cp = utf8::decode(chunk, pos, &len);
    if (cp != '-' && cp != 0x2013 && cp != 0x2014 && cp != 0x2012 && cp != 0x2015) return false;
    pos += len;
  }
  return true;
}

bool is_single_letter(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (begin >= end) return false;
  std::size_t len = 1;
  char32_t cp = utf8::decode(text, begin, &len);
  return begin + len == end && is_letter(cp);
}

// Inline list markers: "1.", "2)", "3.)", "a.", "(b)", optionally after a bullet.
struct Marker {
  bool valid = false;
  int style = 0;  // kind * 4 + suffix
  int value = 0;
};

Marker marker_of(std::string_view text, const Chunk& c) {
  Marker m;
  std::size_t pos = c.begin;
  while (pos < c.end) {
    std::size_t len = 1;
    char32_t cp = utf8::decode(text, pos, &len);
    if (!is_bullet(cp)) break;
    pos += len;
  }
  std::string_view s = text.substr(pos, c.end - pos);
  bool paren = !s.empty() && s.front() == '(';
  if (paren) s.remove_prefix(1);
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  int kind;
  int value = 0;
  std::size_t head;
  if (digits >= 1 && digits <= 3) {
    kind = 1;
    for (std::size_t k = 0; k < digits; ++k) value = value * 10 + (s[k] - '0');
    head = digits;
  } else if (digits == 0 && !s.empty() && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z')) {
    kind = (s[0] >= 'a') ? 2 : 3;
    value = (s[0] | 0x20) - 'a' + 1;
    head = 1;
  } else {
    return m;
  }
  std::string_view suffix = s.substr(head);
  int suffix_kind;
  if (paren) {
    if (suffix != ")") return m;
    suffix_kind = 3;
  } else if (suffix == ".") {
    suffix_kind = 0;
  } else if (suffix == ")") {
    suffix_kind = 1;
  } else if (suffix == ".)") {
    suffix_kind = 2;
  } else {
    return m;
  }
  m.valid = true;
  m.style = kind * 4 + suffix_kind;
  m.value = value;
  return m;
}

bool chunk_is_bullet_only(std::string_view text, const Chunk& c) {
  std::size_t pos = c.begin;
  while (pos < c.end) {
    std::size_t len = 1;
    if (!is_bullet(utf8::decode(text, pos, &len))) return false;
    pos += len;
  }
  return true;
}

bool starts_with_bullet(std::string_view text, const Chunk& c) {
  std::size_t len = 1;
  return is_bullet(utf8::decode(text, c.begin, &len));
}

// Capitalised words that follow a title yet start a sentence ("Gen. He said") — but not those
// that are also common given names or honorifics ("Rep. Will Hurd", "Gen. Mr. ...").
bool breaks_after_title(std::string_view language, const std::string& word) {
  if (word == "will" || word == "may" || word == "can" || word == "mr" || word == "mrs" || word == "ms" ||
      word == "dr" || word == "no" || word == "one" || word == "last" || word == "so") {
    return false;
  }
  return is_sentence_starter(language, word);
}

class ParagraphSplitter {
 public:
  ParagraphSplitter(std::string_view text, const std::vector<Chunk>& chunks, std::size_t p0, std::size_t p1,
                    const std::string& language, std::vector<ByteSpan>& out)
      : text_(text), chunks_(chunks), p0_(p0), p1_(p1), language_(language), out_(out) {}

  void run() {
    shapes_.reserve(p1_ - p0_);
    for (std::size_t i = p0_; i < p1_; ++i) shapes_.push_back(shape_of(text_, chunks_[i]));
    start_ = p0_;
    std::size_t content = 0;  // chunks in the current sentence that are not bare bullets
    bool list_active = false;
    Marker list;
    for (std::size_t i = p0_; i < p1_; ++i) {
      const Chunk& c = chunks_[i];
      Marker m = marker_of(text_, c);
      bool expected_marker = list_active && m.valid && m.style == list.style && m.value == list.value + 1;
      if (content > 0 && (starts_with_bullet(text_, c) || expected_marker || is_credit(c))) {
        close(i - 1);
        content = 0;
      }
      bool after_colon = i > p0_ && text_[chunks_[i - 1].end - 1] == ':';
      if (m.valid && (expected_marker || content == 0 || after_colon)) {
        list_active = true;
        list = m;
        ++content;
        continue;  // a marker's period is not a terminator
      }
      if (chunk_is_bullet_only(text_, c)) continue;
      ++content;
      if (i + 1 < p1_ && (ends_sentence(i) || ends_header(i))) {
        close(i);
        content = 0;
      }
    }
    if (start_ < p1_) close(p1_ - 1);
  }

 private:
  const Shape& shape(std::size_t i) const { return shapes_[i - p0_]; }

  void close(std::size_t last) {
    out_.push_back(ByteSpan{chunks_[start_].begin, chunks_[last].end});
    start_ = last + 1;
  }

  // "Image: Reuters." — a credit label opens a sentence.
  bool is_credit(const Chunk& c) const {
    std::string_view chunk = text_.substr(c.begin, c.end - c.begin);
    if (chunk.size() < 3 || chunk.back() != ':' || !(chunk[0] >= 'A' && chunk[0] <= 'Z')) return false;
    return is_credit_label(language_, ascii_lower(chunk.substr(0, chunk.size() - 1)));
  }

  // A date line without a terminator at the start of a paragraph, followed by a capital
  // ("Thursday, May 7, 2015 On Tuesday, ..."). Datelines ending in a dash ("Taipei, Taiwan —
  // The ...") stay with their sentence, as news corpora annotate them.
  bool ends_header(std::size_t i) const {
    if (start_ != p0_ || i - start_ > 6 || !next_is_capital(i + 1)) return false;
    for (std::size_t k = start_; k < i; ++k) {
      if (shape(k).has_terminator()) return false;
    }
    std::string_view chunk = text_.substr(chunks_[i].begin, chunks_[i].end - chunks_[i].begin);
    if (chunk.size() != 4 || !(chunk.substr(0, 2) == "19" || chunk.substr(0, 2) == "20")) return false;
    if (!is_digit(static_cast<unsigned char>(chunk[2])) || !is_digit(static_cast<unsigned char>(chunk[3]))) return false;
    for (std::size_t k = start_; k < i; ++k) {
      if (is_month_name(language_, next_of(text_, chunks_[k]).word)) return true;
    }
    return false;
  }

  bool next_is_capital(std::size_t i) const {
    return i < p1_ && next_of(text_, chunks_[i]).kind == NextKind::kCapital;
  }

  // Dots in the run of dot-only chunks [from, ...) and the index just past it.
  int forward_dot_run(std::size_t from, std::size_t* past) const {
    int dots = 0;
    std::size_t j = from;
    while (j < p1_ && shape(j).dot_only()) dots += shape(j++).dots;
    *past = j;
    return dots;
  }

  // A word with exactly one attached period, e.g. "compounds." (not "etc.)").
  bool single_attached_period(std::size_t i) const {
    const Shape& s = shape(i);
    return !s.punct_only() && s.dots == 1 && !s.strong && !s.closer_after;
  }

  bool introductory_phrase(std::size_t i) const {
    if (i - start_ + 1 > 4) return false;
    Next first = next_of(text_, chunks_[start_]);
    return is_introductory_preposition(language_, first.word);
  }

  bool ends_sentence(std::size_t i) const {
    const Shape& s = shape(i);
    if (!s.has_terminator()) return false;
    if (s.dot_only()) {
      if (shape(i + 1).dot_only()) return false;  // decide at the run's last chunk
      std::size_t r = i;
      int dots = 0;
      while (r > p0_ && shape(r - 1).dot_only()) dots += shape(--r).dots;
      dots += s.dots;
      // "word. . . . Next": the boundary was after "word." (the run opens the next sentence).
      if (r > p0_ && single_attached_period(r - 1) && dots >= 3) return false;
      return dots >= 4 && next_is_capital(i + 1);
    }
    if (single_attached_period(i) && shape(i + 1).dot_only()) {
      std::size_t past = 0;
      int dots = forward_dot_run(i + 1, &past);
      if (dots >= 3) return next_is_capital(past);
    }
    const Next next = next_of(text_, chunks_[i + 1]);
    if (next.kind == NextKind::kLower) return false;
    // A dash after the terminator continues the sentence: an attribution ('game." - Matthew
    // Ingram') or an aside.
    if (is_dash_only(text_.substr(chunks_[i + 1].begin, chunks_[i + 1].end - chunks_[i + 1].begin))) return false;
    if (s.strong) return true;
    if (s.dots >= 3) return !s.punct_only() && next.kind == NextKind::kCapital;
    if (s.punct_only()) return true;
    if (s.closer_after) {
      // "(ret.)", "[sic.]": one bracketed word with a period is an abbreviation, not a sentence.
      char first = text_[chunks_[i].begin];
      return !(first == '(' || first == '[');
    }
    return period_ends_sentence(i, s, next);
  }

  // A single period right after a word, followed by a capital, digit or symbol.
  bool period_ends_sentence(std::size_t i, const Shape& s, const Next& next) const {
    std::string_view word = text_.substr(s.word_begin, s.word_end - s.word_begin);
    if (is_url_or_email(word)) return true;
    if (is_number_word(text_, s.word_begin, s.word_end)) return next.kind != NextKind::kDigit;
    std::string lower = ascii_lower(word);
    AbbreviationKind kind = classify_abbreviation(language_, lower);
    if (kind == AbbreviationKind::kNone && is_single_letter(text_, s.word_begin, s.word_end)) {
      // An initial ("E. Smith", "J. R. R. Tolkien") unless a sentence opener follows.
      return next.kind == NextKind::kCapital && is_sentence_starter(language_, next.word);
    }
    if (kind == AbbreviationKind::kNone && is_dotted_abbreviation(lower)) kind = AbbreviationKind::kGeneral;
    // An acronym in capitals ("IE", "CO") is a word, not the abbreviation it spells in lower case.
    if ((kind == AbbreviationKind::kGeneral || kind == AbbreviationKind::kInner) && is_capital_acronym(word)) {
      kind = AbbreviationKind::kNone;
    }
    switch (kind) {
      case AbbreviationKind::kNone:
        return true;
      case AbbreviationKind::kInner:
        return false;
      case AbbreviationKind::kTitle:
        return next.kind == NextKind::kCapital && breaks_after_title(language_, next.word);
      case AbbreviationKind::kNumberPrefix:
      case AbbreviationKind::kGeneral:
        if (next.kind != NextKind::kCapital) return false;
        return is_sentence_starter(language_, next.word) && !introductory_phrase(i);
    }
    return true;
  }

  std::string_view text_;
  const std::vector<Chunk>& chunks_;
  std::size_t p0_;
  std::size_t p1_;
  const std::string& language_;
  std::vector<ByteSpan>& out_;
  std::vector<Shape> shapes_;
  std::size_t start_ = 0;
};

}  // namespace

std::vector<ByteSpan> split_sentences(std::string_view text, const SentenceSplitOptions& options) {
  std::vector<ByteSpan> out;
  if (text.size() >= 0xFFFFFFFFu) return out;
  std::vector<Chunk> chunks = make_chunks(text);
  std::string language = options.language.empty() ? std::string("en") : options.language;
  std::size_t p0 = 0;
  while (p0 < chunks.size()) {
    std::size_t p1 = p0 + 1;
    while (p1 < chunks.size() && !chunks[p1].paragraph_start) ++p1;
    ParagraphSplitter(text, chunks, p0, p1, language, out).run();
    p0 = p1;
  }
  return out;
}

std::vector<ByteSpan> split_paragraphs(std::string_view text) {
  std::vector<ByteSpan> out;
  if (text.size() >= 0xFFFFFFFFu) return out;
  std::vector<Chunk> chunks = make_chunks(text);
  std::size_t p0 = 0;
  while (p0 < chunks.size()) {
    std::size_t p1 = p0 + 1;
    while (p1 < chunks.size() && !chunks[p1].paragraph_start) ++p1;
    out.push_back(ByteSpan{chunks[p0].begin, chunks[p1 - 1].end});
    p0 = p1;
  }
  return out;
}

}  // namespace precis::text
