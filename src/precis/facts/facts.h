// Key facts of a story: figures, dates, people/organisations/places, where sources agree or
// disagree about a quantity, and a timeline. The facade of the facts module.
//
// Call order: extract_story_facts(articles, options) on the annotated Articles of one story (the
// engine's DigestResult::articles, or any subset). It reads Article::text, sentences, tokens and
// meta.published; it never modifies the articles and keeps no pointer to them after returning.
//
// Offsets: every fact carries `span` (bytes of Article::text) and `original` (bytes of
// Article::original, via Article::to_original), so original.substr(original) is what the source
// said. `sentence` indexes Article::sentences.
//
// Thread safety: extract_story_facts is thread-safe. The first call may load the default entity
// tagger (see entity_tagger.h: a cached perceptron model, trained on first use from the CoNLL
// development set when ../shared/data is present, else the rule + gazetteer tagger); that load is
// done once, under a lock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/base/span.h"
#include "precis/corpus/article.h"

namespace precis::facts {

class EntityTagger;

// Where a fact was read.
struct Mention {
  ArticleId article;
  std::uint32_t sentence = 0;  // index into Article::sentences
  ByteSpan span;               // in Article::text
  ByteSpan original;           // in Article::original
  std::string text;            // slice(Article::text, span)
};

// A number with what it counts: "more than 3,000 troops", "$1.2 billion", "3.5%", "two dozen".
struct Figure {
  Mention where;               // the whole expression, qualifier and counted noun included
  double value = 0;            // normalised: "$1.2 billion" -> 1.2e9, "3.5%" -> 3.5, "two dozen" -> 24
  std::optional<double> value_high;  // upper end of a range ("two- to five-year" -> 2 .. 5)
  std::string unit;            // "USD", "EUR", "GBP", "JPY", "%", "km", "year", ... ; "" for a count
  std::string counted;         // the head noun it counts, lower-case: "troops", "sites"; may be ""
  std::string measured;        // for an amount with a unit and nothing counted, the noun it is of,
                               // lower-case: "damage" ("the damage at $12 million"); may be ""
  std::string qualifier;       // "about", "more than", "at least", "up to", "less than", "nearly",
                               // "at most", "over", "" (exact)
};

enum class DateGranularity { kDay, kMonth, kYear, kRange };

// A date expression resolved against its article's publication date.
struct DateMention {
  Mention where;
  std::string iso_begin;       // "2004-11-02": first day the expression covers
  std::string iso_end;         // last day (== iso_begin for a single day)
  DateGranularity granularity = DateGranularity::kDay;
  bool is_relative = false;    // "on Tuesday", "last summer", "earlier this month"
  double confidence = 0;       // 0..1: explicit full dates ~0.95, weekday/relative lower, no
                               // publication date known: at most 0.3
};

enum class EntityKind { kPerson, kOrganization, kLocation };
const char* entity_kind_name(EntityKind kind);  // "person", "organization", "location"

struct EntityMention {
  Mention where;               // the name only ("António Guterres")
  std::string role;            // as written beside it: "Secretary-General", "U.N. Secretary-General"
};

// One person, organisation or place of the story; mentions merged across sentences and articles
// ("Guterres", "U.N. Secretary-General António Guterres" and "António Guterres" are one person).
struct Entity {
  std::string name;            // the longest form seen
  EntityKind kind = EntityKind::kPerson;
  std::vector<std::string> roles;        // distinct roles as written, most frequent first
  std::vector<EntityMention> mentions;   // in article, then text order
  std::uint32_t article_count = 0;       // distinct articles mentioning it
};

// One value of a quantity as reported by one or more articles.
struct Reading {
  double value = 0;
  std::optional<double> value_high;
  std::vector<std::uint32_t> figures;    // indices into StoryFacts::figures
  std::vector<ArticleId> articles;       // distinct, in order of publication
  std::string first_published;           // ISO 8601 of the earliest article giving this value
  std::string last_published;
};

// The same quantity in several articles: same unit, same thing counted, same governing word, and
// said in the same words (internal::same_quantity_groups in story_quantities.h decides which
// figures those are).
struct QuantityReport {
  std::string counted;
  std::string unit;
  std::string measured;  // the figures' `measured` noun, when one of them has it; else ""
  // What the count is of, beyond the noun: the class of the word governing it ("injured" for
  // "injuring nine people" / "nine people hurt", "killed", "remained", "including" for a subset);
  // "" when none. Counts of the same noun with different predicates are different quantities.
  std::string predicate;
  std::vector<Reading> readings;   // one per distinct value, sorted by first_published then value
  // kAgree: one value from >= 2 articles. kUpdate: values differ but each later value is only
  // reported by articles published after every article of the earlier values (a figure revised
  // over time). kConflict: different values reported in the same period.
  enum class Status { kAgree, kUpdate, kConflict } status = Status::kAgree;
};
const char* quantity_status_name(QuantityReport::Status status);  // "agree", "update", "conflict"

struct TimelineEvent {
  std::string iso_begin, iso_end;  // the date the sentence is about
  double confidence = 0;           // of the date resolution
  std::string sentence;            // the sentence, as in Article::text
  Mention date;                    // the date expression
  Mention source;                  // the whole sentence (span/original of the sentence)
  std::vector<Mention> also;       // other articles reporting the same event on the same date
};

struct StoryFacts {
  std::vector<Figure> figures;          // article, then text order; years and dates excluded
  std::vector<DateMention> dates;       // article, then text order
  std::vector<Entity> entities;         // most mentioned first
  std::vector<QuantityReport> quantities;  // agreements and disagreements (>= 2 articles)
  std::vector<TimelineEvent> timeline;  // by date, then publication order
  Diagnostics diagnostics;              // e.g. articles without a publication date
};

struct FactsOptions {
  // Used when an article has no (parsable) meta.published: ISO date "2004-11-02"; "" = none, in
  // which case relative dates are not resolved.
  std::string fallback_published;
  // The entity tagger; nullptr = default_entity_tagger() (entity_tagger.h).
  const EntityTagger* tagger = nullptr;
  std::size_t max_timeline_events = 30;
  bool skip_duplicates = true;  // ignore articles with duplicate_of set (their facts repeat)
  // Threads for the per-article work (dates, figures, names), 0: one per core. The result is the
  // same for every count (each article's findings are gathered in article order).
  unsigned threads = 1;
};

// Extracts the facts of one story from its articles (not owned; must stay alive during the call).
StoryFacts extract_story_facts(const std::vector<const Article*>& articles,
                               const FactsOptions& options = {});

// Output forms for `precis facts` and the digest renderers (UTF-8 text).
// Markdown: sections Figures, Agreement and disagreement, Dates, People/Organisations/Places,
// Timeline; every line cites "[article-id:sentence]". JSON: the shape documented in docs/facts.md.
// `articles` is the same list given to extract_story_facts (for sources and publication dates).
std::string facts_to_markdown(const StoryFacts& facts, const std::vector<const Article*>& articles);
std::string facts_to_json(const StoryFacts& facts, const std::vector<const Article*>& articles,
                          int indent = 2);

}  // namespace precis::facts
