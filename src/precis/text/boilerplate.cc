// Boilerplate line removal: a scored line classifier with features, in the spirit of
// boilerpipe's shallow text features (Kohlschütter, Fankhauser & Nejdl 2010, "Boilerplate
// detection using shallow text features") and jusText's length / stopword-density classes
// (Pomikálek 2011), applied to plain text instead of DOM blocks, plus line repetition across a
// batch of articles (the "template" signal of site-level cleaners).
//
// 1. Segments. A body is split into lines and paragraphs (blank-line separated). Inside a
//    paragraph, a line that was filled to the wrap width and does not end a sentence continues
//    into the next line, so a hard-wrapped paragraph becomes one segment; a short line ending a
//    paragraph of prose is judged with its sentence, not alone.
// 2. Prose strength p in [0, 1]: ends like a sentence, has a finite-verb proxy, has function
//    words, has length. Sentences are what the later stages need; p protects them.
// 3. Shape score (capped): low p, shortness, link/handle density, separators, all-caps.
//    Shape alone never removes a line: it must meet kind evidence, repetition or an edge.
// 4. Kind evidence: small shape rules per kind (a byline is "By" + 1-5 capitalised names; a
//    caption/credit starts with a label such as "Photo:" or holds a Name/Agency slash; a
//    timestamp is a label word plus a time or date; promo/social/navigation lines start with an
//    imperative cue verb followed by a particle, or carry a label such as "Related:").
//    Evidence is damped by p, so cue words inside real sentences count little.
// 5. Context: segments before the first or after the last strong-prose segment (the article's
//    edges) score higher; repetition across the batch (same outlet, other outlets) adds a term
//    damped by p, because wire copies repeat real sentences across outlets.
// 6. A near-miss segment next to a removed one in the same paragraph gets a small bonus.
// 7. Long sentence-shaped segments (>= 30 words, p >= 0.6) are never removed.
// After classification, the first body paragraph loses a wire dateline prefix, if it has one (it
// may follow kept non-prose lines such as a byline or a time line).
#include "precis/text/boilerplate.h"

#include <algorithm>
#include <iterator>

#include "precis/base/hash.h"
#include "precis/text/boilerplate_features.h"

namespace precis::text {
namespace {

using namespace boilerplate_detail;

std::uint64_t outlet_hash(const RawArticle& article) {
  std::string key = outlet_key(article.meta);
  if (key.empty()) return hash64(article.meta.source + '\n' + article.body, 0x6f75746cULL);
  return hash64(lower(key), 0x6f75746cULL);
}

std::uint64_t article_hash(const RawArticle& article) {
  return hash64(article.body, outlet_hash(article));
}

constexpr double kBlockBonus = 0.2;

struct SegmentVerdict {
  LineKind kind = LineKind::kContent;
  double score = 0.0;
  bool removed = false;
};

std::vector<SegmentVerdict> judge(const RawArticle& article, const std::vector<Segment>& segments,
                                  const BoilerplateModel& model, const BoilerplateOptions& options) {
  std::vector<Features> features;
  features.reserve(segments.size());
  const std::string outlet_name = outlet_key(article.meta);
  for (const auto& seg : segments) features.push_back(compute_features(seg, article.meta.title, outlet_name));
  // The prose core: from the first to the last strong-prose segment.
  std::size_t core_first = segments.size(), core_last = 0;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    double strongest = *std::max_element(std::begin(features[k].evidence), std::end(features[k].evidence));
    if (features[k].prose >= 0.75 && features[k].words >= 8 && strongest < 0.8) {
      core_first = std::min(core_first, k);
      core_last = k;
    }
  }
  bool has_core = core_first < segments.size();
  // Paragraphs that are lists of "Label: figure" lines are content (fact boxes).
  std::vector<std::uint32_t> figure_lines_in_paragraph;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    std::uint32_t p = segments[k].paragraph;
    if (figure_lines_in_paragraph.size() <= p) figure_lines_in_paragraph.resize(p + 1, 0);
    bool bullet = !segments[k].text.empty() && (segments[k].text[0] == '-' || segments[k].text[0] == '*' ||
                                                 starts_with(segments[k].text, "\xE2\x80\xA2"));
    if (features[k].has_digit && (features[k].label_value || bullet)) ++figure_lines_in_paragraph[p];
  }
  bool self_added = model.contains(article);
  std::uint64_t outlet = outlet_hash(article);
  double saturation = std::max<std::uint32_t>(1, options.repeat_saturation);

  std::vector<SegmentVerdict> out(segments.size());
  for (std::size_t k = 0; k < segments.size(); ++k) {
    const Features& f = features[k];
    int best = 0;
    for (int i = 1; i < 12; ++i) if (f.evidence[i] > f.evidence[best]) best = i;
    double evidence = f.evidence[best];  // cue-word evidence is already damped by prose strength
    bool edge = has_core && (k < core_first || k > core_last);
    double score = f.shape + evidence;
    if (has_core) score += edge ? 0.25 : -0.1;
    double repetition_term = 0.0;
    if (options.use_repetition) {
      auto rep = model.repetition(fingerprint(segments[k].text), outlet, self_added);
      repetition_term = (0.8 * std::min(1.0, rep.same_outlet_articles / saturation) +
                         0.6 * std::min(1.0, rep.other_outlets / saturation) * (f.is_sentence ? 0.2 : 1.0)) *
                        (1.0 - f.prose) * (edge || !has_core ? 1.0 : 0.6);
      score += std::min(0.9, repetition_term);
    }
    LineKind kind = f.evidence[best] >= 0.3 ? static_cast<LineKind>(best) : LineKind::kOther;
    bool is_figure_list = figure_lines_in_paragraph[segments[k].paragraph] >= 2 && f.has_digit;
    if (is_figure_list && kind != LineKind::kTimestamp && kind != LineKind::kCopyright) score -= 0.5;
    if (f.words >= 30 && f.prose >= 0.6) score = std::min(score, options.remove_threshold - 0.01);
    out[k].kind = kind;
    out[k].score = score;
    out[k].removed = score >= options.remove_threshold;
  }
  // Boilerplate comes in blocks: a near-miss next to a removed segment of its own paragraph goes
  // too ("Listen at 6 p.m." under "Follow us ..."). One pass, so blocks do not spread.
  std::vector<char> removed_first(out.size());
  for (std::size_t k = 0; k < out.size(); ++k) removed_first[k] = out[k].removed;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (out[k].removed || features[k].words >= 30) continue;
    bool next_to_removed = (k > 0 && removed_first[k - 1] && segments[k - 1].paragraph == segments[k].paragraph) ||
                           (k + 1 < out.size() && removed_first[k + 1] && segments[k + 1].paragraph == segments[k].paragraph);
    if (!next_to_removed) continue;
    out[k].score += kBlockBonus;
    out[k].removed = out[k].score >= options.remove_threshold;
  }
  return out;
}

struct Analysis {
  std::vector<Line> lines;
  std::vector<Segment> segments;
  std::vector<SegmentVerdict> verdicts;
};

Analysis analyse(const RawArticle& article, const BoilerplateModel& model, const BoilerplateOptions& options) {
  Analysis a;
  a.lines = split_lines(article.body);
  a.segments = build_segments(article.body, a.lines);
  a.verdicts = judge(article, a.segments, model, options);
  return a;
}

}  // namespace

std::string_view to_string(LineKind kind) {
  switch (kind) {
    case LineKind::kContent: return "content";
    case LineKind::kPromo: return "promo";
    case LineKind::kNavigation: return "navigation";
    case LineKind::kCaption: return "caption";
    case LineKind::kCredit: return "credit";
    case LineKind::kByline: return "byline";
    case LineKind::kDateline: return "dateline";
    case LineKind::kSocial: return "social";
    case LineKind::kComment: return "comment";
    case LineKind::kCopyright: return "copyright";
    case LineKind::kTimestamp: return "timestamp";
    case LineKind::kOther: return "other";
  }
  return "other";
}

std::string outlet_key(const ArticleMeta& meta) {
  if (!meta.outlet.empty()) return meta.outlet;
  std::string_view url = meta.url;
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  std::size_t end = url.find_first_of("/?#:");
  std::string host = lower(url.substr(0, end));
  if (starts_with(host, "www.")) host.erase(0, 4);
  return host;
}

void BoilerplateModel::add(const RawArticle& article) {
  std::uint64_t key = article_hash(article);
  if (!articles_.insert(key).second) return;  // the same article twice counts once
  ++article_count_;
  std::uint64_t outlet = outlet_hash(article);
  std::vector<Line> lines = split_lines(article.body);
  std::vector<Segment> segments = build_segments(article.body, lines);
  std::vector<std::uint64_t> seen;
  for (const auto& seg : segments) {
    std::uint64_t fp = fingerprint(seg.text);
    if (fp == 0 || std::find(seen.begin(), seen.end(), fp) != seen.end()) continue;
    seen.push_back(fp);
    auto& stats = lines_[fp];
    auto it = std::find_if(stats.by_outlet.begin(), stats.by_outlet.end(), [&](const auto& p) { return p.first == outlet; });
    if (it == stats.by_outlet.end()) stats.by_outlet.emplace_back(outlet, 1);
    else ++it->second;
  }
}

bool BoilerplateModel::contains(const RawArticle& article) const {
  return articles_.count(article_hash(article)) > 0;
}

BoilerplateModel::Repetition BoilerplateModel::repetition(std::uint64_t fp, std::uint64_t outlet,
                                                          bool self_added) const {
  Repetition rep;
  if (fp == 0) return rep;
  auto it = lines_.find(fp);
  if (it == lines_.end()) return rep;
  for (const auto& [o, count] : it->second.by_outlet) {
    if (o == outlet) rep.same_outlet_articles = count - (self_added && count > 0 ? 1 : 0);
    else if (count > 0) ++rep.other_outlets;
  }
  return rep;
}

BoilerplateModel::Repetition BoilerplateModel::repetition(std::string_view segment, const RawArticle& article) const {
  return repetition(fingerprint(trim(segment)), outlet_hash(article), contains(article));
}

std::vector<LineVerdict> classify_lines(const RawArticle& article, const BoilerplateModel& model,
                                        const BoilerplateOptions& options) {
  Analysis a = analyse(article, model, options);
  std::vector<LineVerdict> out;
  for (std::size_t s = 0; s < a.segments.size(); ++s) {
    for (std::uint32_t l = a.segments[s].first; l <= a.segments[s].last; ++l) {
      const Line& line = a.lines[l];
      LineKind kind = a.verdicts[s].removed ? a.verdicts[s].kind : LineKind::kContent;
      out.push_back(LineVerdict{ByteSpan{line.begin, line.end}, kind, a.verdicts[s].score});
    }
  }
  return out;
}

CleanBody remove_boilerplate(const RawArticle& article, const BoilerplateModel& model,
                             const BoilerplateOptions& options) {
  const std::string& body = article.body;
  CleanBody out;
  if (body.size() >= UINT32_MAX) {  // offsets are 32-bit; leave oversized bodies alone
    out.text = body;
    out.map = OffsetMap::identity(static_cast<std::uint32_t>(UINT32_MAX));
    return out;
  }
  Analysis a = analyse(article, model, options);
  std::vector<char> removed(a.lines.size(), 0);
  std::vector<double> line_score(a.lines.size(), 0.0);
  std::vector<LineKind> line_kind(a.lines.size(), LineKind::kContent);
  std::size_t first_kept_segment = a.segments.size();
  for (std::size_t s = 0; s < a.segments.size(); ++s) {
    for (std::uint32_t l = a.segments[s].first; l <= a.segments[s].last; ++l) {
      removed[l] = a.verdicts[s].removed;
      line_score[l] = a.verdicts[s].score;
      line_kind[l] = a.verdicts[s].kind;
    }
    if (!a.verdicts[s].removed && first_kept_segment == a.segments.size()) first_kept_segment = s;
  }
  // The dateline prefix of the first body paragraph. Kept short lines may come before it (a
  // byline or a time line the classifier left, as extracted web pages often start), so the
  // search goes on past kept segments that are not prose, up to the first prose segment and at
  // most kDatelineSearchSegments kept segments; a dateline deeper in the story is not one.
  constexpr int kDatelineSearchSegments = 4;
  std::uint32_t cut_line = UINT32_MAX, cut_end = 0;
  int searched = 0;
  for (std::size_t s = first_kept_segment; options.cut_dateline && s < a.segments.size() && searched < kDatelineSearchSegments;
       ++s) {
    if (a.verdicts[s].removed) continue;
    ++searched;
    const Line& line = a.lines[a.segments[s].first];
    std::string_view text(body.data() + line.text_begin, line.text_end - line.text_begin);
    std::size_t place_end = 0;
    std::size_t len = parse_dateline(text, &place_end);
    if (len > 0 && len < text.size()) {
      cut_line = a.segments[s].first;
      cut_end = line.text_begin + static_cast<std::uint32_t>(len);
      out.dateline_place = std::string(text.substr(0, place_end));
      break;
    }
    Features f = compute_features(a.segments[s], {}, {});
    if (f.is_sentence && f.words >= 8) break;  // the story has begun without a dateline
  }
  bool any_removed = std::any_of(removed.begin(), removed.end(), [](char r) { return r != 0; });
  if (!any_removed && cut_line == UINT32_MAX) {
    out.text = body;
    out.map = OffsetMap::identity(static_cast<std::uint32_t>(body.size()));
    return out;
  }
  auto emit = [&](std::uint32_t begin, std::uint32_t end) {
    out.text.append(body, begin, end - begin);
    for (std::uint32_t i = begin; i < end; ++i) out.map.append(i, i + 1);
  };
  auto emit_line = [&](const Line& line, std::uint32_t from) {
    emit(from, line.end);
    if (line.end < body.size()) emit(line.end, line.end + 1);  // its '\n'
  };
  std::vector<std::uint32_t> pending_blanks;  // blank lines since the last kept line
  bool removed_since_kept = false, emitted = false;
  std::uint32_t last_paragraph = UINT32_MAX;
  for (std::uint32_t l = 0; l < a.lines.size(); ++l) {
    const Line& line = a.lines[l];
    if (line.blank) { pending_blanks.push_back(l); continue; }
    if (removed[l]) {
      ++out.removed_lines;
      out.removed.push_back(LineVerdict{ByteSpan{line.begin, line.end}, line_kind[l], line_score[l]});
      removed_since_kept = true;
      continue;
    }
    bool new_paragraph = line.paragraph != last_paragraph;
    if (new_paragraph && (emitted || !removed_since_kept)) {
      // Only the blank run right before this line separates it from the previous kept line.
      // (the last contiguous run of blank lines: removed lines may sit before or after it).
      std::size_t from = pending_blanks.empty() ? 0 : pending_blanks.size() - 1;
      while (from > 0 && pending_blanks[from - 1] + 1 == pending_blanks[from]) --from;
      if (!emitted) from = removed_since_kept ? pending_blanks.size() : 0;
      for (std::size_t b = from; b < pending_blanks.size(); ++b) emit_line(a.lines[pending_blanks[b]], a.lines[pending_blanks[b]].begin);
    }
    pending_blanks.clear();
    std::uint32_t from = line.begin;
    if (l == cut_line) {
      out.removed.push_back(LineVerdict{ByteSpan{line.text_begin, cut_end}, LineKind::kDateline, 1.0});
      from = cut_end;
    }
    emit_line(line, from);
    emitted = true;
    removed_since_kept = false;
    last_paragraph = line.paragraph;
  }
  if (!removed_since_kept) {
    for (std::uint32_t b : pending_blanks) emit_line(a.lines[b], a.lines[b].begin);
  } else if (!out.text.empty() && out.text.back() == '\n' && !body.empty() && body.back() != '\n') {
    // The body ended without a newline; so does the cleaned text.
    out.text.pop_back();
    OffsetMap trimmed;
    for (std::uint32_t i = 0; i < out.text.size(); ++i) trimmed.append(out.map.source_begin(i), out.map.source_end(i));
    out.map = std::move(trimmed);
  }
  std::sort(out.removed.begin(), out.removed.end(),
            [](const LineVerdict& x, const LineVerdict& y) { return x.span.begin < y.span.begin; });
  return out;
}

}  // namespace precis::text
