#include "precis/render/view.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "precis/summarize/candidates.h"

namespace precis::render {
namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::vector<ArticleId> distinct(std::vector<ArticleId> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::string day(const std::string& iso) { return iso.substr(0, 10); }

// The figure as written in the first article that gives this reading.
std::string reading_text(const facts::StoryFacts& f, const facts::Reading& r) {
  if (!r.figures.empty() && r.figures.front() < f.figures.size()) return f.figures[r.figures.front()].where.text;
  return std::to_string(r.value);
}

// "Damage" for an amount of damage whose text does not say so ("$12 million"); "" for a count
// (its text names what it counts) or when nothing is known.
std::string measured_label(const std::string& counted, const std::string& measured, const std::string& text) {
  if (!counted.empty() || measured.empty() || text.find(measured) != std::string::npos) return "";
  std::string label = measured;
  if (label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

// A figure in the words of its sentence: before + figure + after, whitespace collapsed, "…" where
// the sentence goes on. Empty when the mention does not lie in a sentence of its article.
struct InContext {
  std::string before, figure, after;
  ArticleId article;
  std::uint32_t sentence = 0;
  ByteSpan shown;  // the bytes of the article's text shown
  bool empty() const { return figure.empty(); }
};

std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !space(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string joined(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) {
    if (k > from) out += ' ';
    out += words[k];
  }
  return out;
}

// Punctuation left dangling where a window cuts a sentence: "…said, " -> "…said".
std::string trim_cut(std::string s, bool front) {
  auto dangling = [](char c) { return c == ',' || c == ';' || c == ':' || c == '"' || c == '(' || c == ')'; };
  if (front) {
    std::size_t k = 0;
    while (k < s.size() && (dangling(s[k]) || s[k] == ' ')) ++k;
    return s.substr(k);
  }
  while (!s.empty() && (dangling(s.back()) || s.back() == ' ')) s.pop_back();
  return s;
}

InContext in_context(const engine::DigestResult& result, const facts::Mention& m) {
  if (m.article.value == 0 || m.article.value > result.articles.size()) return {};
  const Article& a = result.articles[m.article.value - 1];
  if (m.sentence >= a.sentences.size()) return {};
  const ByteSpan s = a.sentences[m.sentence].span;
  if (m.span.begin < s.begin || m.span.end > s.end || m.span.end > a.text.size()) return {};
  const std::string_view text = a.text;
  const auto before = words_of(text.substr(s.begin, m.span.begin - s.begin));
  const auto after = words_of(text.substr(m.span.end, s.end - m.span.end));
  InContext out;
  out.article = m.article;
  out.sentence = m.sentence;
  out.shown = m.span;
  const auto figure = words_of(text.substr(m.span.begin, m.span.end - m.span.begin));
  out.figure = joined(figure, 0, figure.size());
  const bool whole = before.size() + figure.size() + after.size() <= kWholeSentenceWords;
  const std::size_t left = whole ? before.size() : std::min(before.size(), kContextWords);
  const std::size_t right = whole ? after.size() : std::min(after.size(), kContextWords);
  // The figure's own word may run on into punctuation ("two berths," is one word): keep it glued.
  const bool glued_left = m.span.begin > s.begin && text[m.span.begin - 1] != ' ' && text[m.span.begin - 1] != '\n';
  const bool glued_right = m.span.end < s.end && text[m.span.end] != ' ' && text[m.span.end] != '\n';
  if (left > 0) out.shown.begin = static_cast<std::uint32_t>(before[before.size() - left].data() - text.data());
  if (right > 0) out.shown.end = static_cast<std::uint32_t>(after[right - 1].data() + after[right - 1].size() - text.data());
  if (left > 0) {
    std::string b = joined(before, before.size() - left, before.size());
    if (left < before.size()) b = "…" + trim_cut(b, true);
    out.before = b + (glued_left ? "" : " ");
  }
  if (right > 0) {
    std::string e = joined(after, 0, right);
    if (right < after.size()) e = trim_cut(e, false) + "…";
    out.after = (glued_right ? "" : " ") + e;
  }
  return out;
}

std::string with_date(std::string text, const std::string& date) {
  if (!date.empty()) text += " (" + day(date) + ")";
  return text;
}

void add_figures(const engine::DigestResult& result, const facts::StoryFacts& f, FactsView& view) {
  // Every figure that a reported quantity holds (those are shown through their report, if at all).
  std::set<std::uint32_t> in_quantity;
  for (const facts::QuantityReport& q : f.quantities) {
    for (const facts::Reading& r : q.readings) in_quantity.insert(r.figures.begin(), r.figures.end());
  }
  // Source words already on screen: a figure inside them is not given a line of its own.
  std::vector<InContext> on_screen;
  auto seen_already = [&](const facts::Mention& m) {
    for (const InContext& c : on_screen) {
      if (c.article == m.article && c.sentence == m.sentence && c.shown.begin <= m.span.begin && m.span.end <= c.shown.end) return true;
    }
    return false;
  };
  // Salience of a figure: the articles that give it, plus one when an article gives it in its
  // first two sentences (news puts the key numbers first). Chosen on DUC 2003 with
  // `precis eval figures` (docs/facts.md, "Which figures to show"): the first-sentences bonus
  // raised the share of figures shown that people also wrote in their summaries; a bonus for
  // figures the summary shows did not.
  constexpr std::uint32_t kLeadSentences = 2;
  constexpr double kLeadBonus = 1.0;
  auto salience = [&](const std::vector<std::uint32_t>& figures, std::size_t articles) {
    bool lead = false;
    for (std::uint32_t i : figures) {
      if (i < f.figures.size() && f.figures[i].where.sentence < kLeadSentences) lead = true;
    }
    return static_cast<double>(articles) + (lead ? kLeadBonus : 0.0);
  };
  auto context_of = [&](const facts::Reading& r) {
    return r.figures.empty() || r.figures.front() >= f.figures.size() ? InContext{}
                                                                        : in_context(result, f.figures[r.figures.front()].where);
  };
  // Disagreements first, then updates, each in the order found.
  std::vector<const facts::QuantityReport*> changes;
  for (const facts::QuantityReport& q : f.quantities) {
    if (q.status != facts::QuantityReport::Status::kAgree && !q.readings.empty()) changes.push_back(&q);
  }
  std::stable_partition(changes.begin(), changes.end(), [](const facts::QuantityReport* q) {
    return q->status == facts::QuantityReport::Status::kConflict;
  });
  for (const facts::QuantityReport* report : changes) {
    if (view.figures.size() >= kMaxFigures) break;
    const facts::QuantityReport& q = *report;
    Line line;
    const std::string label = measured_label(q.counted, q.measured, reading_text(f, q.readings.front()));
    bool update = q.status == facts::QuantityReport::Status::kUpdate;
    for (std::size_t i = 0; i < q.readings.size(); ++i) {
      const facts::Reading& r = q.readings[i];
      std::string first = label.empty() ? (update ? "Updated: " : "Sources differ: ")
                                        : label + (update ? ", updated: " : ", sources differ: ");
      std::string prefix = i == 0 ? first : (update ? " → " : " vs. ");
      line.push_back({prefix + with_date(reading_text(f, r), r.first_published), r.articles});
    }
    // Without a label, the latest reading in its words says what the values are of.
    if (const InContext c = context_of(q.readings.back()); label.empty() && !c.empty()) {
      line.push_back({": " + c.before, {}});
      line.push_back({c.figure, {}, true});
      line.push_back({c.after, {}});
      on_screen.push_back(c);
    }
    view.figures.push_back(std::move(line));
  }
  // Then figures several sources agree on, most salient first, then other figures that count or
  // measure something, most salient first. A bare amount ("2.8 percent", "$40") says nothing on
  // its own: it stays in the JSON.
  struct Item {
    double salience;
    int tier;            // 0 agreement, 1 single figure
    std::size_t order;   // as found
    const facts::QuantityReport* report = nullptr;
    std::uint32_t figure = 0;
    std::vector<ArticleId> articles;
  };
  std::vector<Item> items;
  for (const facts::QuantityReport& q : f.quantities) {
    if (q.status != facts::QuantityReport::Status::kAgree || q.readings.empty()) continue;
    const facts::Reading& r = q.readings.front();
    items.push_back({salience(r.figures, r.articles.size()), 0, items.size(), &q, 0, r.articles});
  }
  using Key = std::tuple<double, double, std::string, std::string, std::string>;
  std::map<Key, std::pair<std::uint32_t, std::vector<std::uint32_t>>> seen;  // key -> (first figure, all figures)
  for (std::uint32_t i = 0; i < f.figures.size(); ++i) {
    const facts::Figure& fig = f.figures[i];
    if (fig.counted.empty() && fig.measured.empty()) continue;
    Key key{fig.value, fig.value_high.value_or(fig.value), fig.unit, fig.counted, fig.measured};
    auto [it, fresh] = seen.try_emplace(key, i, std::vector<std::uint32_t>{});
    it->second.second.push_back(i);
    if (in_quantity.count(i)) it->second.first = UINT32_MAX;  // shown through its quantity
  }
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> rest;
  for (auto& [key, entry] : seen) {
    if (entry.first != UINT32_MAX) rest.push_back(entry);
  }
  std::sort(rest.begin(), rest.end());  // by first figure: the order found
  for (auto& [first, figures] : rest) {
    std::vector<ArticleId> ids;
    for (std::uint32_t i : figures) ids.push_back(f.figures[i].where.article);
    ids = distinct(std::move(ids));
    items.push_back({salience(figures, ids.size()), 1, first, nullptr, first, std::move(ids)});
  }
  std::stable_sort(items.begin(), items.end(), [&](const Item& x, const Item& y) {
    if (x.tier != y.tier) return x.tier < y.tier;
    if (x.salience != y.salience) return x.salience > y.salience;
    return x.order < y.order;
  });
  for (const Item& item : items) {
    if (view.figures.size() >= kMaxFigures) break;
    if (item.report) {
      const facts::Reading& r = item.report->readings.front();
      const InContext c = context_of(r);
      const std::string agree = " — " + std::to_string(r.articles.size()) + " sources agree";
      if (c.empty()) {
        const std::string label = measured_label(item.report->counted, item.report->measured, reading_text(f, r));
        view.figures.push_back(Line{{(label.empty() ? "" : label + ": ") + reading_text(f, r) + agree, r.articles}});
      } else if (!seen_already(f.figures[r.figures.front()].where)) {
        view.figures.push_back(Line{{c.before, {}}, {c.figure, {}, true}, {c.after, r.articles}, {agree, {}}});
        on_screen.push_back(c);
      }
      continue;
    }
    const facts::Figure& fig = f.figures[item.figure];
    const InContext c = in_context(result, fig.where);
    if (c.empty()) {
      const std::string label = measured_label(fig.counted, fig.measured, fig.where.text);
      view.figures.push_back(Line{{(label.empty() ? "" : label + ": ") + fig.where.text, item.articles}});
    } else if (!seen_already(fig.where)) {
      view.figures.push_back(Line{{c.before, {}}, {c.figure, {}, true}, {c.after, item.articles}});
      on_screen.push_back(c);
    }
  }
}

void add_entities(const facts::StoryFacts& f, FactsView& view) {
  for (const facts::Entity& e : f.entities) {
    std::vector<Line>* list = e.kind == facts::EntityKind::kPerson         ? &view.people
                              : e.kind == facts::EntityKind::kOrganization ? &view.organisations
                                                                           : &view.places;
    if (list->size() >= kMaxNamesPerKind) continue;
    // A name seen once, without a role, is more often a tagging slip than a key player.
    if (e.mentions.size() < 2 && e.roles.empty()) continue;
    std::string text = e.name;
    if (!e.roles.empty()) text += ", " + e.roles.front();
    std::vector<ArticleId> ids;
    for (const facts::EntityMention& m : e.mentions) ids.push_back(m.where.article);
    list->push_back(Line{{text, distinct(ids)}});
  }
}

// A "sentence" that is little more than its date (a time line under a headline) tells nothing.
bool says_something(const std::string& sentence) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : sentence) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (letter && !in_word) ++words;
    in_word = letter;
  }
  return words >= 5;
}

// "He is to meet with ..." or "They had been abducted ..." on a line of its own does not say
// who: a sentence that opens with a pronoun (outside a quotation) leans on the one before it.
bool opens_with_pronoun(const std::string& sentence) {
  static const std::set<std::string, std::less<>> kPronouns = {"He", "She", "They", "It", "His", "Her", "Their",
                                                               "Its", "This", "These", "Those", "Them", "Him"};
  std::size_t end = 0;
  while (end < sentence.size() && ((sentence[end] >= 'a' && sentence[end] <= 'z') || (sentence[end] >= 'A' && sentence[end] <= 'Z'))) ++end;
  return kPronouns.count(std::string_view(sentence).substr(0, end)) != 0;
}

// At most kMaxTimeline events, shown in date order. When there are more, the ones shown should
// span the story, not stop after its first days: first the best event of each distinct day (in
// the order of those events' rank), then the best of the rest. Rank: reported by more articles,
// then a single day before a month or range, then nearer its article's top (news puts the main
// development first), then the more confident date, then the earlier.
void add_timeline(const facts::StoryFacts& f, FactsView& view) {
  std::vector<std::size_t> eligible;
  for (std::size_t i = 0; i < f.timeline.size(); ++i) {
    // Nor, as in summaries, a piece of a quotation that runs over sentences.
    const std::string& sentence = f.timeline[i].sentence;
    if (says_something(sentence) && !opens_with_pronoun(sentence) &&
        !summarize::is_part_of_quotation(sentence)) eligible.push_back(i);
  }
  std::vector<std::size_t> shown = eligible;
  if (eligible.size() > kMaxTimeline) {
    auto one_day = [&](std::size_t i) { return f.timeline[i].iso_end.empty() || f.timeline[i].iso_end == f.timeline[i].iso_begin; };
    std::vector<std::size_t> ranked = eligible;
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t x, std::size_t y) {
      const facts::TimelineEvent& a = f.timeline[x];
      const facts::TimelineEvent& b = f.timeline[y];
      if (a.also.size() != b.also.size()) return a.also.size() > b.also.size();
      if (one_day(x) != one_day(y)) return one_day(x);
      if (a.source.sentence != b.source.sentence) return a.source.sentence < b.source.sentence;
      return a.confidence > b.confidence;
    });
    std::vector<char> taken(f.timeline.size(), 0);
    std::set<std::string> days;
    shown.clear();
    for (std::size_t i : ranked) {
      if (shown.size() >= kMaxTimeline) break;
      if (!one_day(i) || !days.insert(f.timeline[i].iso_begin).second) continue;
      shown.push_back(i);
      taken[i] = 1;
    }
    for (std::size_t i : ranked) {
      if (shown.size() >= kMaxTimeline) break;
      if (!taken[i]) shown.push_back(i);
    }
    std::sort(shown.begin(), shown.end());
  }
  for (std::size_t i : shown) {
    const facts::TimelineEvent& e = f.timeline[i];
    std::string when = e.iso_begin;
    if (!e.iso_end.empty() && e.iso_end != e.iso_begin) when += " – " + e.iso_end;
    std::vector<ArticleId> ids{e.source.article};
    for (const facts::Mention& m : e.also) ids.push_back(m.article);
    view.timeline.push_back(Line{{when + ": " + e.sentence, distinct(ids)}});
  }
}

}  // namespace

std::string source_name(const Article& article) {
  if (!article.meta.outlet.empty()) return article.meta.outlet;
  std::string s = article.meta.source;
  std::size_t slash = s.find_last_of('/');
  if (slash != std::string::npos) s = s.substr(slash + 1);
  return s;
}

std::vector<std::size_t> StoryView::numbers(const std::vector<ArticleId>& ids) const {
  std::vector<std::size_t> out;
  for (ArticleId id : ids) {
    auto it = number.find(id.value);
    if (it != number.end()) out.push_back(it->second);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::size_t> StoryView::numbers(const std::vector<Citation>& citations) const {
  std::vector<ArticleId> ids;
  for (const Citation& c : citations) ids.push_back(c.article);
  return numbers(ids);
}

StoryView make_story_view(const engine::DigestResult& result, std::size_t index) {
  StoryView view;
  const Story& story = result.stories[index];
  view.story = &story;
  for (ArticleId id : story.articles) view.sources.push_back(&result.articles[id.value - 1]);
  std::stable_sort(view.sources.begin(), view.sources.end(), [](const Article* x, const Article* y) {
    const std::string& dx = x->meta.published;
    const std::string& dy = y->meta.published;
    if (!dx.empty() && !dy.empty() && dx != dy) return dx < dy;
    if (dx.empty() != dy.empty()) return !dx.empty();
    return x->id < y->id;
  });
  for (std::size_t i = 0; i < view.sources.size(); ++i) view.number[view.sources[i]->id.value] = i + 1;

  std::size_t n = story.articles.size();
  std::size_t copies = story.duplicate_articles;
  std::size_t rewrites = story.rewrite_articles;
  std::size_t originals = n - copies - rewrites;
  view.credit = plural(n, "article", "articles") + " from " + plural(story.outlets, "outlet", "outlets");
  if (copies == 0 && rewrites == 0) {
    view.credit += n == 1 ? "" : ", no copies";
  } else {
    view.credit += ": " + plural(originals, "original", "originals");
    if (copies) view.credit += ", " + plural(copies, "copy", "copies");
    if (rewrites) view.credit += ", " + plural(rewrites, "rewrite", "rewrites");
  }
  if (!story.first_published.empty()) {
    view.dates = "first seen " + day(story.first_published);
    if (day(story.last_published) != day(story.first_published)) view.dates += ", updated " + day(story.last_published);
  }
  if (index < result.facts.size()) {
    const facts::StoryFacts& f = result.facts[index];
    add_figures(result, f, view.facts);
    add_entities(f, view.facts);
    add_timeline(f, view.facts);
  }
  return view;
}

std::string relation_note(const StoryView& view, const Article& article) {
  std::optional<ArticleId> target = article.duplicate_of ? article.duplicate_of : article.rewrite_of;
  if (!target) return {};
  auto it = view.number.find(target->value);
  if (it == view.number.end()) return {};
  return std::string(article.duplicate_of ? "copy" : "rewrite") + " of [" + std::to_string(it->second) + "]";
}

}  // namespace precis::render
