// Article and its parts: the value types that every stage after ingest exchanges.
//
// Ownership and offsets: an Article owns two texts.
//   original  the text that citations point into: the file's bytes as read for plain text, HTML
//             and DUC/TREC files; the decoded field value for JSON records.
//   text      the cleaned, normalised article body that the text layer annotates.
// Every Paragraph, Sentence and Token span is a ByteSpan into `text`; `to_original` maps it back,
// so original.substr(to_original.to_source(span)) is what the source said.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "precis/base/offset_map.h"
#include "precis/base/span.h"

namespace precis {

struct ArticleId {
  std::uint32_t value = 0;
  friend constexpr auto operator<=>(ArticleId, ArticleId) = default;
};

enum class SourceFormat { kText, kHtml, kSgml, kJsonl, kJson };

// An article's relation to earlier versions of the same text (see Article::duplicate_of).
enum class CopyKind { kOriginal, kExact, kNearCopy, kRewrite };

// What a reader knows about an article beside its text. Empty strings mean unknown.
struct ArticleMeta {
  std::string source;     // path, "path:line" for a JSONL record, "path#DOCNO" for SGML, or URL
  std::string doc_id;     // DOCNO or the record's id, when the input has one
  std::string title;
  std::string outlet;     // outlet name or domain
  std::string url;
  std::string published;  // ISO 8601: "2004-11-02" or "2004-11-02T14:05:00Z"
  std::string language;   // ISO 639-1 code when the input declares one
  SourceFormat format = SourceFormat::kText;
  // Added for web input (ingest, issue 4); empty when unknown.
  std::string updated;    // ISO 8601 like `published`: the last modification the page declares
  std::string author;     // "Name" or "Name One, Name Two"
  // Set by the text layer: the place a wire dateline at the top of the body names ("PORT AVEN"),
  // as written; empty when there is none.
  std::string dateline_place;
};

// A reader's output: one article's body before the text layer has seen it.
struct RawArticle {
  ArticleMeta meta;
  std::string original;          // see the file comment
  std::string body;              // the body text, paragraphs separated by blank lines
  OffsetMap body_to_original;    // body -> original
};

struct Token {
  ByteSpan span;            // in Article::text
  std::string lower;        // lower-cased (ICU, full case folding)
  std::string stem;         // Snowball stem of `lower` in the article's language
  bool is_word = false;     // contains a letter or digit
  bool is_stopword = false;
};

struct Sentence {
  ByteSpan span;                   // in Article::text, trimmed of surrounding whitespace
  std::uint32_t paragraph = 0;     // index into Article::paragraphs
  std::uint32_t first_token = 0;   // tokens [first_token, first_token + token_count)
  std::uint32_t token_count = 0;
};

struct Paragraph {
  ByteSpan span;  // in Article::text
};

struct Article {
  ArticleId id;
  ArticleMeta meta;
  std::string language;   // detected or declared, ISO 639-1 ("en"); "und" when unknown
  std::string original;
  std::string text;
  OffsetMap to_original;  // text -> original
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::uint32_t boilerplate_lines_removed = 0;
  // Set when this article's text repeats an earlier version (exact or near copy): the group's
  // first version, which the others copy.
  std::optional<ArticleId> duplicate_of;
  double duplicate_similarity = 0.0;  // 1.0 for an exact copy
  // Set when this article rewrites an earlier one in other words (same facts, names and numbers).
  std::optional<ArticleId> rewrite_of;
  double rewrite_similarity = 0.0;    // share of its content aligned with the original
  // How the article relates to its story's versions (kOriginal when neither of the above).
  CopyKind copy_kind = CopyKind::kOriginal;

  std::string_view sentence_text(const Sentence& s) const { return slice(text, s.span); }
  ByteSpan original_span(ByteSpan text_span) const { return to_original.to_source(text_span); }
  // Whether the English-only rules apply (summary candidates, name tagging): English, or a
  // language not told ("und" or not set yet), which is tried as English.
  bool reads_as_english() const { return language == "en" || language == "und" || language.empty(); }
};

}  // namespace precis
