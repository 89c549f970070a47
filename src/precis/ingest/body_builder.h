// BodyBuilder: assembles a reader's body text and its map back to the original, one piece at a time.
//
// Readers walk their input in source order and hand the builder text pieces (each with the
// source range it came from) and separators. Separators are pending until the next text arrives,
// the strongest pending one wins (space < line break < paragraph break), and separators before
// the first text or after the last are dropped: so the body never starts or ends with
// whitespace and paragraphs are separated by exactly "\n\n" whatever the markup did.
// Internal to the ingest module.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "precis/base/offset_map.h"

namespace precis::ingest {

class BodyBuilder {
 public:
  enum class Break { kNone = 0, kSpace = 1, kLine = 2, kParagraph = 3 };

  // Text whose byte i came from source byte source_offset + i (a verbatim copy).
  void append_verbatim(std::string_view text, std::uint32_t source_offset);
  // Text that as a whole came from source range [begin, end) (a decoded entity, a converted
  // character): each byte maps to the whole range.
  void append_replacement(std::string_view text, std::uint32_t begin, std::uint32_t end);

  // A separator standing for source bytes [begin, end) (the whitespace or markup it replaces).
  // An implied break (an empty range) stands for all the source between the text before it and
  // the text after it (the markup between two paragraphs), so that a body span crossing it maps to
  // one contiguous source range.
  void add_break(Break kind, std::uint32_t begin, std::uint32_t end);

  bool empty() const { return body_.empty(); }
  std::uint32_t size() const { return static_cast<std::uint32_t>(body_.size()); }
  // The last byte appended (0 when empty).
  char last_char() const { return body_.empty() ? '\0' : body_.back(); }

  // Moves the result out; the builder is empty afterwards.
  std::string take_body();
  OffsetMap take_map();

 private:
  void flush_break(std::uint32_t next_begin);

  std::string body_;
  OffsetMap map_;
  Break pending_ = Break::kNone;
  std::uint32_t pending_begin_ = 0;
  std::uint32_t pending_end_ = 0;
  std::uint32_t last_source_end_ = 0;  // end of the source range of the last text appended
};

// Appends `text` (a UTF-8 string that is a verbatim copy of source bytes starting at
// source_offset) to `builder`, turning whitespace runs into breaks: a run with two or more line
// breaks is a paragraph break; a run with one becomes `single_line_break`; any other run is a
// space. "\r\n" and "\r" count as one line break. Control characters other than whitespace are
// dropped.
void append_flowing_text(BodyBuilder& builder, std::string_view text, std::uint32_t source_offset,
                         BodyBuilder::Break single_line_break);

}  // namespace precis::ingest
