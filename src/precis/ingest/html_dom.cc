// The HTML parser: a memchr-driven tokenizer feeding a tree builder (see html_dom.h for what it
// implements and omits). Reference: WHATWG HTML Living Standard, §13.2 "Parsing HTML documents"
// (tokenization §13.2.5, tree construction §13.2.6); the rule names below are the spec's.
//
// The tokenizer and the builder run in one loop, because the builder decides how the tokenizer
// reads what follows (raw text after <script>, escapable raw text after <title>, CDATA only in
// svg/math). Texts are views into the source unless they hold '&', CR or NUL.
#include "precis/ingest/html_dom.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "precis/base/utf8.h"
#include "precis/ingest/html_entities.h"
#include "precis/ingest/html_tags.h"
#include "precis/ingest/html_tree_builder.h"

namespace precis::ingest::html {
namespace {

// &#128;-&#159; name windows-1252 characters (the spec's replacement table); 0 = unchanged.
constexpr char32_t kWindows1252[32] = {0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
                                       0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

// A numeric reference at text[0] == '#'; returns bytes consumed after '&' (0: not a reference).
std::size_t numeric_reference(std::string_view text, std::string& out) {
  std::size_t i = 1;
  bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
  if (hex) ++i;
  std::size_t digits_start = i;
  std::uint64_t value = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else break;
    value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(d);
    if (value > 0x10FFFF) value = 0x110000;  // saturate
  }
  if (i == digits_start) return 0;
  if (i < text.size() && text[i] == ';') ++i;
  char32_t cp = static_cast<char32_t>(value);
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  else if (cp >= 0x80 && cp <= 0x9F && kWindows1252[cp - 0x80] != 0) cp = kWindows1252[cp - 0x80];
  utf8::append(out, cp);
  return i;
}

bool needs_decoding(std::string_view text) {
  // An empty view may have a null data pointer, which memchr must not get (UBSan found this on
  // empty attribute values: <a href="">).
  if (text.empty()) return false;
  return std::memchr(text.data(), '&', text.size()) != nullptr || std::memchr(text.data(), '\r', text.size()) != nullptr ||
         std::memchr(text.data(), '\0', text.size()) != nullptr;
}

}  // namespace

void decode_text(std::string_view text, bool in_attribute, std::string& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\r') {
      out.push_back('\n');
      i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c == '\0') {
      ++i;
      continue;
    }
    if (c != '&') {
      out.push_back(c);
      ++i;
      continue;
    }
    std::string_view rest = text.substr(i + 1);
    if (!rest.empty() && rest[0] == '#') {
      std::size_t used = numeric_reference(rest, out);
      if (used > 0) {
        i += 1 + used;
        continue;
      }
    } else if (!rest.empty() && is_alnum(rest[0])) {
      NamedReference r = match_named_reference(rest);
      bool literal = r.length == 0 || (in_attribute && !r.semicolon && r.length < rest.size() &&
                                       (is_alnum(rest[r.length]) || rest[r.length] == '='));
      if (!literal) {
        out.append(r.value);
        i += 1 + r.length;
        continue;
      }
    }
    out.push_back('&');
    ++i;
  }
}

std::string_view TreeBuilder::store(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > block_left_) {
    std::size_t size = std::max<std::size_t>(text.size(), 64 * 1024);
    d_.blocks_.push_back(std::make_unique<char[]>(size));
    block_ = d_.blocks_.back().get();
    block_left_ = size;
  }
  std::memcpy(block_, text.data(), text.size());
  std::string_view out(block_, text.size());
  block_ += text.size();
  block_left_ -= text.size();
  return out;
}

std::string_view TreeBuilder::lower_name(std::string_view name) {
  if (!has_upper(name)) return name;
  scratch_.assign(name);
  for (char& c : scratch_) c = lower(c);
  return store(scratch_);
}

std::size_t TreeBuilder::skip_to_gt(std::size_t from) const {
  const void* p = from < s_.size() ? std::memchr(s_.data() + from, '>', s_.size() - from) : nullptr;
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - s_.data()) + 1 : s_.size();
}

// A tag at s_[lt] == '<'; returns the offset after it, or npos when the input ends inside it.
std::size_t TreeBuilder::read_tag(std::size_t lt, bool end, TagToken& t) {
  std::size_t n = s_.size();
  std::size_t i = lt + (end ? 2 : 1);
  std::size_t name_start = i;
  while (i < n && !is_space(s_[i]) && s_[i] != '/' && s_[i] != '>') ++i;
  t.name = lower_name(s_.substr(name_start, i - name_start));
  t.tag = tag_of(t.name);
  t.attr_begin = static_cast<std::uint32_t>(scratch_attrs_.size());
  t.self_closing = false;
  while (true) {
    while (i < n && (is_space(s_[i]) || s_[i] == '/')) {
      t.self_closing = s_[i] == '/';
      ++i;
    }
    if (i >= n) return std::string::npos;
    if (s_[i] == '>') {
      ++i;
      break;
    }
    t.self_closing = false;
    std::size_t a = i++;  // the first character may be '='
    while (i < n && !is_space(s_[i]) && s_[i] != '/' && s_[i] != '>' && s_[i] != '=') ++i;
    std::string_view name = s_.substr(a, i - a);
    std::size_t k = i;
    while (k < n && is_space(s_[k])) ++k;
    std::string_view value;
    if (k < n && s_[k] == '=') {
      ++k;
      while (k < n && is_space(s_[k])) ++k;
      if (k >= n) return std::string::npos;
      if (s_[k] == '"' || s_[k] == '\'') {
        const void* q = std::memchr(s_.data() + k + 1, s_[k], n - k - 1);
        if (q == nullptr) return std::string::npos;
        std::size_t close = static_cast<std::size_t>(static_cast<const char*>(q) - s_.data());
        value = s_.substr(k + 1, close - k - 1);
        i = close + 1;
      } else {
        std::size_t v = k;
        while (k < n && !is_space(s_[k]) && s_[k] != '>') ++k;
        value = s_.substr(v, k - v);
        i = k;
      }
    }
    if (end) continue;  // end tags carry no attributes
    name = lower_name(name);
    bool duplicate = false;
    for (std::size_t x = t.attr_begin; x < scratch_attrs_.size() && !duplicate; ++x) {
      duplicate = scratch_attrs_[x].name == name;
    }
    if (duplicate) continue;
    if (needs_decoding(value)) {
      scratch_.clear();
      decode_text(value, true, scratch_);
      value = store(scratch_);
    }
    scratch_attrs_.push_back(Attribute{name, value});
  }
  t.attr_count = static_cast<std::uint32_t>(scratch_attrs_.size()) - t.attr_begin;
  t.span = ByteSpan{static_cast<std::uint32_t>(lt), static_cast<std::uint32_t>(i)};
  return i;
}

// A comment at s_[lt..] == "<!--"; returns the offset after it.
std::size_t TreeBuilder::comment(std::size_t lt) {
  std::size_t body = lt + 4;
  std::size_t end, next;
  if (s_.compare(body, 1, ">") == 0) {
    end = body, next = body + 1;  // "<!-->"
  } else if (s_.compare(body, 2, "->") == 0) {
    end = body, next = body + 2;  // "<!--->"
  } else {
    end = s_.find("--", body);
    while (end != std::string::npos && s_.compare(end, 3, "-->") != 0 && s_.compare(end, 4, "--!>") != 0) {
      end = s_.find("--", end + 1);
    }
    if (end == std::string::npos) {
      end = next = s_.size();
    } else {
      next = end + (s_[end + 2] == '>' ? 3 : 4);
    }
  }
  insert_comment(static_cast<std::uint32_t>(lt), static_cast<std::uint32_t>(next), s_.substr(body, end - body));
  return next;
}

void TreeBuilder::text(std::size_t begin, std::size_t end, bool decode) {
  if (skip_newline_) {
    skip_newline_ = false;
    if (begin < end && s_[begin] == '\n') ++begin;
    else if (begin + 1 < end && s_[begin] == '\r' && s_[begin + 1] == '\n') begin += 2;
    else if (begin < end && s_[begin] == '\r') ++begin;
  }
  if (begin >= end) return;
  std::string_view raw = s_.substr(begin, end - begin);
  std::string_view decoded = raw;
  if (decode ? needs_decoding(raw)
             : (std::memchr(raw.data(), '\r', raw.size()) || std::memchr(raw.data(), '\0', raw.size()))) {
    scratch_.clear();
    if (decode) {
      decode_text(raw, false, scratch_);
    } else {
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\r') {
          scratch_.push_back('\n');
          if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
        } else if (raw[i] != '\0') {
          scratch_.push_back(raw[i]);
        }
      }
    }
    decoded = store(scratch_);
  }
  insert_text(static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), decoded);
}

// Raw text from `from` up to "</name" (name of the current element) followed by a delimiter;
// returns where it ends (at that end tag, or the end of the input).
std::size_t TreeBuilder::raw_text(std::size_t from) {
  Raw kind = raw_;
  raw_ = Raw::kNone;
  std::string_view name = node(current()).name;
  std::size_t close = from;
  if (kind == Raw::kPlaintext) {
    close = s_.size();
  } else {
    while (true) {
      close = s_.find("</", close);
      if (close == std::string::npos) {
        close = s_.size();
        break;
      }
      std::size_t tail = close + 2 + name.size();
      if (starts_with_lower(s_, close + 2, name) && tail < s_.size() &&
          (is_space(s_[tail]) || s_[tail] == '/' || s_[tail] == '>')) {
        break;
      }
      close += 2;
    }
  }
  text(from, close, kind == Raw::kEscapable);
  return close;
}

void TreeBuilder::run() {
  d_.nodes_.reserve(s_.size() / 40 + 16);
  Node document;
  document.kind = NodeKind::kDocument;
  d_.nodes_.push_back(document);
  const std::size_t n = s_.size();
  std::size_t pos = 0;        // next byte to tokenize
  std::size_t text_from = 0;  // start of the pending text run
  TagToken t;
  while (pos < n) {
    if (raw_ != Raw::kNone) {
      pos = text_from = raw_text(pos);
      continue;
    }
    const void* p = std::memchr(s_.data() + pos, '<', n - pos);
    if (p == nullptr) break;
    std::size_t lt = static_cast<std::size_t>(static_cast<const char*>(p) - s_.data());
    if (lt + 1 >= n) break;
    char c = s_[lt + 1];
    std::size_t next = std::string::npos;
    if (is_alpha(c)) {
      if (lt > text_from) text(text_from, lt, true);
      scratch_attrs_.clear();
      next = read_tag(lt, false, t);
      if (next == std::string::npos) {
        text_from = pos = n;  // the input ends inside a tag: the tag is dropped
        break;
      }
      start_tag(t);
    } else if (c == '/') {
      if (lt + 2 >= n) break;
      if (lt > text_from) text(text_from, lt, true);
      char c2 = s_[lt + 2];
      if (is_alpha(c2)) {
        next = read_tag(lt, true, t);
        if (next == std::string::npos) {
          text_from = pos = n;
          break;
        }
        end_tag(t);
      } else if (c2 == '>') {
        next = lt + 3;  // "</>" is nothing
      } else {
        next = skip_to_gt(lt + 2);  // bogus comment
        insert_comment(static_cast<std::uint32_t>(lt), static_cast<std::uint32_t>(next), s_.substr(lt + 2, next - lt - 3));
      }
    } else if (c == '!' || c == '?') {
      if (lt > text_from) text(text_from, lt, true);
      if (s_.compare(lt, 4, "<!--") == 0) {
        next = comment(lt);
      } else if (starts_with_lower(s_, lt + 2, "doctype")) {
        next = skip_to_gt(lt + 9);
        doctype(s_.substr(lt + 9, next > lt + 10 ? next - lt - 10 : 0));
      } else if (s_.compare(lt, 9, "<![CDATA[") == 0 && foreign_content()) {
        std::size_t close = s_.find("]]>", lt + 9);
        if (close == std::string::npos) close = n;
        std::string_view content = s_.substr(lt + 9, close - lt - 9);
        insert_text(static_cast<std::uint32_t>(lt + 9), static_cast<std::uint32_t>(close), content);
        next = std::min(n, close + 3);
      } else {
        next = skip_to_gt(lt + 2);
        insert_comment(static_cast<std::uint32_t>(lt), static_cast<std::uint32_t>(next),
                       s_.substr(lt + 2, next > lt + 3 ? next - lt - 3 : 0));
      }
    } else {
      pos = lt + 1;  // a '<' that starts no markup is text
      continue;
    }
    pos = text_from = next;
  }
  if (text_from < n) text(text_from, n, true);
  ensure_body();
  while (!open_.empty()) pop();
}

Document::Document(std::string_view html) : source_(html.substr(0, 0xFFFFFFF0u)) {  // offsets are 32-bit
  html = source_;
  TreeBuilder builder(*this, html);
  builder.run();
}

Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

std::string_view Document::attribute(NodeId element, std::string_view lower_name) const {
  for (const Attribute& a : attributes(element)) {
    if (a.name == lower_name) return a.value;
  }
  return {};
}

bool Document::has_attribute(NodeId element, std::string_view lower_name) const {
  for (const Attribute& a : attributes(element)) {
    if (a.name == lower_name) return true;
  }
  return false;
}

}  // namespace precis::ingest::html
