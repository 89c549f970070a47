#include "precis/ingest/body_builder.h"

#include <algorithm>

namespace precis::ingest {

void BodyBuilder::flush_break(std::uint32_t next_begin) {
  if (pending_ == Break::kNone) return;
  if (!body_.empty()) {
    if (pending_begin_ >= pending_end_ && last_source_end_ <= next_begin) {
      pending_begin_ = last_source_end_;
      pending_end_ = next_begin;
    }
    // The separator stands for the whitespace or markup it replaced; "\n\n" maps both bytes there.
    std::string_view sep = pending_ == Break::kSpace ? " " : pending_ == Break::kLine ? "\n" : "\n\n";
    body_.append(sep);
    map_.append(pending_begin_, pending_end_, static_cast<std::uint32_t>(sep.size()));
  }
  pending_ = Break::kNone;
}

void BodyBuilder::append_verbatim(std::string_view text, std::uint32_t source_offset) {
  if (text.empty()) return;
  flush_break(source_offset);
  body_.append(text);
  for (std::uint32_t i = 0; i < text.size(); ++i) map_.append(source_offset + i, source_offset + i + 1);
  last_source_end_ = source_offset + static_cast<std::uint32_t>(text.size());
}

void BodyBuilder::append_replacement(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (text.empty()) return;
  flush_break(begin);
  body_.append(text);
  map_.append(begin, end, static_cast<std::uint32_t>(text.size()));
  last_source_end_ = end;
}

void BodyBuilder::add_break(Break kind, std::uint32_t begin, std::uint32_t end) {
  if (kind == Break::kNone) return;
  if (pending_ == Break::kNone) {
    pending_ = kind;
    pending_begin_ = begin;
    pending_end_ = end;
    return;
  }
  // Merge with the pending separator: the strongest kind, the union of the source ranges
  // (an empty range, an implied break, does not widen it).
  pending_ = std::max(pending_, kind);
  if (begin < end) {
    if (pending_begin_ >= pending_end_) {
      pending_begin_ = begin;
      pending_end_ = end;
    } else {
      pending_begin_ = std::min(pending_begin_, begin);
      pending_end_ = std::max(pending_end_, end);
    }
  }
}

std::string BodyBuilder::take_body() {
  pending_ = Break::kNone;
  return std::move(body_);
}

OffsetMap BodyBuilder::take_map() { return std::move(map_); }

void append_flowing_text(BodyBuilder& builder, std::string_view text, std::uint32_t source_offset,
                         BodyBuilder::Break single_line_break) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(text[i]);
    bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (is_space) {
      std::size_t start = i;
      int line_breaks = 0;
      while (i < n) {
        unsigned char d = static_cast<unsigned char>(text[i]);
        if (d == '\n') {
          ++line_breaks;
        } else if (d == '\r') {
          if (i + 1 >= n || text[i + 1] != '\n') ++line_breaks;
        } else if (!(d == ' ' || d == '\t' || d == '\f' || d == '\v')) {
          break;
        }
        ++i;
      }
      BodyBuilder::Break kind = line_breaks >= 2   ? BodyBuilder::Break::kParagraph
                                : line_breaks == 1 ? single_line_break
                                                   : BodyBuilder::Break::kSpace;
      builder.add_break(kind, source_offset + static_cast<std::uint32_t>(start),
                        source_offset + static_cast<std::uint32_t>(i));
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      ++i;  // other control characters carry no text
      continue;
    }
    std::size_t start = i;
    while (i < n) {
      unsigned char d = static_cast<unsigned char>(text[i]);
      if (d <= 0x20 || d == 0x7F) break;
      ++i;
    }
    builder.append_verbatim(text.substr(start, i - start), source_offset + static_cast<std::uint32_t>(start));
  }
}

}  // namespace precis::ingest
