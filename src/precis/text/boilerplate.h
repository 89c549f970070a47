// Boilerplate lines in plain-text article bodies: what they are and how to remove them.
//
// Text copied or scraped from news sites carries lines that are not the story: promotion
// ("Subscribe to our newsletter"), navigation ("Read more: ..."), photo captions and credits,
// bylines, wire datelines and slugs, sharing prompts, comment notices, copyright lines,
// timestamps and end-of-story markers. remove_boilerplate() drops them from RawArticle::body and
// cuts the dateline prefix ("PORT AVEN, Nov. 3 (MP) — ") from the first content line, keeping
// the paragraph structure and an offset map back to the body.
//
// Lines are judged as parts of "segments": a hard-wrapped paragraph of prose is one segment, so
// its short last line is not a short line. Each segment gets a score from general features
// (length, sentence shape, function-word and verb proxies, capitalisation, links and separators,
// position before/after the prose core of the article, repetition across articles) plus
// per-kind evidence (a byline's "By" + names shape, a label such as "Photo:", time patterns, a
// small set of imperative cue verbs). A segment is removed when its score reaches
// BoilerplateOptions::remove_threshold; long sentence-shaped segments are protected, because wire
// copies repeat real content across outlets.
//
// Order of calls: build one BoilerplateModel per batch, add() every raw article of the batch,
// then call remove_boilerplate() on each (any order, from any number of threads).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "precis/base/offset_map.h"
#include "precis/base/span.h"
#include "precis/corpus/article.h"

namespace precis::text {

struct BoilerplateOptions {
  // Count line repetition across the articles added to the model (same outlet and across
  // outlets). Off: every article is judged on its own.
  bool use_repetition = true;
  // Cut a wire dateline ("LONDON (AP) _ ", "PORT AVEN, Nov. 3 (MP) — ") from the start of the
  // first content line.
  bool cut_dateline = true;
  // A segment whose score reaches this is removed. Lower removes more (precision of the kept
  // text over recall of content); 1.0 is tuned on tests/golden/boilerplate.
  double remove_threshold = 1.0;
  // Another article must repeat a line at least this often (same outlet), or this many other
  // outlets must carry it, before repetition counts fully.
  std::uint32_t repeat_saturation = 2;
};

// The outlet key an article is counted under: meta.outlet, else the host of meta.url, else empty
// (an article of unknown outlet is its own outlet).
std::string outlet_key(const ArticleMeta& meta);

// Counts line fingerprints across a batch of articles, by outlet, so that repeated lines can be
// recognised. Fingerprints ignore case, punctuation and digit values ("Updated 3:45 p.m." and
// "Updated 9:10 p.m." are the same line). Identical articles (same outlet and body) are counted
// once. Not thread-safe while adding; const use is.
class BoilerplateModel {
 public:
  void add(const RawArticle& article);

  std::uint32_t article_count() const { return article_count_; }

  struct Repetition {
    std::uint32_t same_outlet_articles = 0;  // other articles of the same outlet with the line
    std::uint32_t other_outlets = 0;         // other outlets with the line
  };
  // How often the segment text `segment` occurs in the added articles other than `article` (its
  // own occurrence is discounted when `article` was added).
  Repetition repetition(std::string_view segment, const RawArticle& article) const;
  // Same, with the fingerprint and article keys already computed (used per line in the loop).
  Repetition repetition(std::uint64_t fingerprint, std::uint64_t outlet, bool self_added) const;

  bool contains(const RawArticle& article) const;

 private:
  struct LineStats {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_outlet;  // outlet hash -> articles
  };
  std::unordered_map<std::uint64_t, LineStats> lines_;
  std::unordered_set<std::uint64_t> articles_;
  std::uint32_t article_count_ = 0;
};

enum class LineKind {
  kContent,
  kPromo,        // subscription, newsletter, app and membership prompts, "Advertisement"
  kNavigation,   // "Read more: ...", "Related: ...", "Next article", breadcrumbs
  kCaption,      // "Pictured above: ...", "Photo: firefighters on Pier 4"
  kCredit,       // "(AP Photo/Jane Doe)", "Reporting by ...", "... contributed to this report."
  kByline,       // "By JOHN SMITH", "By Jane Roe, Meridian Press Writer"
  kDateline,     // a dateline line, or the dateline prefix cut from the first content line
  kSocial,       // "Share this article", "Follow us on ..."
  kComment,      // comment-section notices
  kCopyright,    // "© 2024 ...", "All rights reserved", "c.1998 ..."
  kTimestamp,    // "Updated 3:45 p.m.", "Published Nov. 3, 2024"
  kOther,        // wire slugs and markup, end-of-story markers, editor initials, repeated title
};

std::string_view to_string(LineKind kind);

struct LineVerdict {
  ByteSpan span;   // in RawArticle::body: a whole line (without its '\n'), or a dateline prefix
  LineKind kind = LineKind::kContent;
  double score = 0.0;  // the segment's boilerplate score; >= remove_threshold means removed
};

// One verdict per line of the body that is not blank, in body order, plus nothing for blank
// lines. Lines of one segment share kind and score. The dateline prefix is not reported here.
std::vector<LineVerdict> classify_lines(const RawArticle& article, const BoilerplateModel& model,
                                        const BoilerplateOptions& options = {});

struct CleanBody {
  std::string text;   // the body without boilerplate lines; paragraphs still blank-line separated
  OffsetMap map;      // text -> body (identity when nothing was removed)
  std::uint32_t removed_lines = 0;  // whole lines removed (a cut dateline prefix is not a line)
  std::vector<LineVerdict> removed;  // removed lines and the cut dateline prefix, in body order
  // The place the cut dateline opens with, as written ("PORT AVEN" from "PORT AVEN, Nov. 3 (MP) —
  // ", "BUENOS AIRES" from "BUENOS AIRES, Argentina _ "); empty when no dateline was cut.
  std::string dateline_place;
};

// Removes boilerplate lines (and the dateline/slug prefix of the first content line) from
// article.body. Blank lines between kept paragraphs stay; a paragraph emptied by removal leaves
// no extra blank lines. Never fails: any input, including empty or invalid UTF-8, gives a value.
CleanBody remove_boilerplate(const RawArticle& article, const BoilerplateModel& model,
                             const BoilerplateOptions& options = {});

}  // namespace precis::text
