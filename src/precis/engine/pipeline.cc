#include "precis/engine/pipeline.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "precis/base/hash.h"
#include "precis/base/iso_time.h"
#include "precis/base/parallel.h"
#include "precis/base/url.h"
#include "precis/engine/stories.h"
#include "precis/text/annotate.h"
#include "precis/text/boilerplate.h"
#include "precis/text/normalize.h"

namespace precis::engine {

namespace {

std::string skeleton(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
    else if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (static_cast<unsigned char>(c) >= 0x80) out.push_back(c);  // other scripts as they are
  }
  return out;
}

}  // namespace

std::string strip_site_suffix(std::string_view title, std::string_view outlet, std::string_view host) {
  std::size_t cut = std::string_view::npos, after = 0;
  for (std::string_view sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {  // | - en dash em dash
    const std::size_t at = title.rfind(sep);
    if (at != std::string_view::npos && (cut == std::string_view::npos || at > cut)) {
      cut = at;
      after = at + sep.size();
    }
  }
  if (cut == std::string_view::npos || cut == 0) return std::string(title);
  const std::string suffix = skeleton(title.substr(after));
  if (suffix.empty()) return std::string(title);
  // The host without its last label ("newsnation.in" -> "newsnation"), or its first label
  // ("entermedia.co.kr" -> "entermedia").
  std::string site = std::string(host);
  if (const std::size_t dot = site.rfind('.'); dot != std::string::npos) site.resize(dot);
  const std::string first_label = std::string(host.substr(0, host.find('.')));
  if (suffix == skeleton(outlet) || (!site.empty() && suffix == skeleton(site)) ||
      (!first_label.empty() && first_label != host && suffix == skeleton(first_label))) {
    std::string_view kept = title.substr(0, cut);
    while (!kept.empty() && kept.back() == ' ') kept.remove_suffix(1);
    return std::string(kept);
  }
  return std::string(title);
}

std::vector<Article> prepare_articles(std::vector<RawArticle> raw, const DigestOptions& options,
                                      Diagnostics& diagnostics,
                                      std::vector<std::uint32_t>* input_index) {
  text::BoilerplateModel model;
  if (options.remove_boilerplate) {
    for (const RawArticle& r : raw) model.add(r);
  }
  // Each article is cleaned and annotated on its own (the model is only read): in parallel, each
  // into its slot, then gathered in input order.
  std::vector<Article> prepared(raw.size());
  parallel_for(raw.size(), options.threads, [&](std::size_t input) {
    RawArticle& r = raw[input];
    Article article;
    // body -> (boilerplate removed) -> normalised; maps composed back to the original.
    OffsetMap clean_to_body;
    std::string clean;
    if (options.remove_boilerplate) {
      text::CleanBody cb = text::remove_boilerplate(r, model);
      r.meta.dateline_place = std::move(cb.dateline_place);
      clean = std::move(cb.text);
      clean_to_body = std::move(cb.map);
      article.boilerplate_lines_removed = cb.removed_lines;
    } else {
      clean = r.body;
      clean_to_body = OffsetMap::identity(static_cast<std::uint32_t>(clean.size()));
    }
    text::Normalized normalized = text::normalize(clean);
    article.text = std::move(normalized.text);
    OffsetMap text_to_body = clean_to_body.compose(normalized.map);
    article.to_original = r.body_to_original.compose(text_to_body);
    article.original = std::move(r.original);
    article.meta = std::move(r.meta);
    // An article that names no outlet (a web page without og:site_name, a feed item without a
    // feed title) is credited to the host of its address: "nytimes.com", not a file name.
    const std::string host = host_of(article.meta.url);
    if (article.meta.outlet.empty()) article.meta.outlet = host;
    article.meta.title = strip_site_suffix(article.meta.title, article.meta.outlet, host);
    text::AnnotateOptions annotate_options;
    annotate_options.language = options.language;  // forced (-l); else annotate weighs the declared one
    text::annotate(article, annotate_options);
    prepared[input] = std::move(article);
  });
  std::vector<Article> out;
  out.reserve(raw.size());
  if (input_index) input_index->clear();
  for (std::size_t input = 0; input < raw.size(); ++input) {
    Article& article = prepared[input];
    if (article.sentences.empty()) {
      diagnostics.push_back({article.meta.source, "no text left after cleaning; article skipped", Severity::kWarning});
      continue;
    }
    article.id = ArticleId{static_cast<std::uint32_t>(out.size() + 1)};
    out.push_back(std::move(article));
    if (input_index) input_index->push_back(static_cast<std::uint32_t>(input));
  }
  return out;
}

std::uint32_t mark_duplicates(std::vector<Article>& articles) {
  // Each article as a set of sentence fingerprints; an inverted index finds overlapping articles.
  std::vector<std::vector<std::uint64_t>> prints(articles.size());
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> index;
  std::vector<std::uint64_t> whole(articles.size());
  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    const Article& article = articles[a];
    whole[a] = hash64(article.text);
    for (const Sentence& s : article.sentences) prints[a].push_back(hash64(article.sentence_text(s)));
    std::sort(prints[a].begin(), prints[a].end());
    prints[a].erase(std::unique(prints[a].begin(), prints[a].end()), prints[a].end());
    for (std::uint64_t h : prints[a]) index[h].push_back(a);
  }
  auto better_original = [&](std::uint32_t x, std::uint32_t y) {
    // Is x a better "original" than y? Earlier first, then more complete.
    const std::string& dx = articles[x].meta.published;
    const std::string& dy = articles[y].meta.published;
    if (!dx.empty() && !dy.empty() && dx != dy) return dx < dy;
    if (prints[x].size() != prints[y].size()) return prints[x].size() > prints[y].size();
    return x < y;
  };
  std::uint32_t duplicates = 0;
  for (std::uint32_t a = 0; a < articles.size(); ++a) {
    if (prints[a].empty()) continue;
    std::map<std::uint32_t, std::uint32_t> overlap;
    for (std::uint64_t h : prints[a]) {
      for (std::uint32_t b : index[h]) {
        if (b != a) ++overlap[b];
      }
    }
    std::int64_t best = -1;
    double best_share = 0;
    for (auto [b, shared] : overlap) {
      double share = static_cast<double>(shared) / static_cast<double>(prints[a].size());
      // b must cover most of a, and be the better original (so two copies never point at each other).
      bool exact = whole[a] == whole[b];
      if ((exact || share >= 0.8) && better_original(b, a) && share > best_share) {
        best = b;
        best_share = exact ? 1.0 : share;
      }
    }
    if (best >= 0) {
      // Follow to the root original so every copy points at the same article.
      std::uint32_t root = static_cast<std::uint32_t>(best);
      articles[a].duplicate_of = articles[root].id;
      articles[a].duplicate_similarity = best_share;
      ++duplicates;
    }
  }
  // Resolve chains: a copy of a copy points at the original.
  for (Article& article : articles) {
    int hops = 0;
    while (article.duplicate_of && hops++ < 64) {
      const Article& target = articles[article.duplicate_of->value - 1];
      if (!target.duplicate_of) break;
      article.duplicate_of = target.duplicate_of;
    }
  }
  return duplicates;
}

namespace {

// 0 for an original, 1 for a rewrite, 2 for a copy: the order citations are listed in.
int copy_rank(const Article& a) { return a.duplicate_of ? 2 : a.rewrite_of ? 1 : 0; }

}  // namespace

void originals_first(const std::vector<Article>& articles, SummarySentence& sentence) {
  if (sentence.citations.size() < 2) return;
  auto article = [&](const Citation& c) -> const Article& { return articles[c.article.value - 1]; };
  // The sentence shown stays first unless it comes from a copy whose original is cited with the
  // very same sentence: then the original shows it (same bytes, so the budget still holds).
  const Article& shown = article(sentence.citations.front());
  if (shown.duplicate_of) {
    for (std::size_t i = 1; i < sentence.citations.size(); ++i) {
      const Citation& c = sentence.citations[i];
      if (c.article != *shown.duplicate_of) continue;
      const Article& original = article(c);
      if (c.sentence < original.sentences.size() &&
          original.sentence_text(original.sentences[c.sentence]) == sentence.text) {
        std::swap(sentence.citations.front(), sentence.citations[i]);
      }
      break;
    }
  }
  // The others: originals, then rewrites, then copies; each group keeps its (date) order.
  std::stable_sort(sentence.citations.begin() + 1, sentence.citations.end(),
                   [&](const Citation& x, const Citation& y) { return copy_rank(article(x)) < copy_rank(article(y)); });
}

Story make_story(std::uint32_t story_id, const std::vector<Article>& articles,
                 const std::vector<std::uint32_t>& members, const summarize::SummaryOptions& options) {
  Story story;
  story.id = story_id;
  std::vector<const Article*> pointers;
  for (std::uint32_t m : members) {
    pointers.push_back(&articles[m]);
    story.articles.push_back(articles[m].id);
    if (articles[m].duplicate_of) ++story.duplicate_articles;
    if (articles[m].rewrite_of) ++story.rewrite_articles;
    const std::string& date = articles[m].meta.published;
    if (!date.empty()) {
      if (story.first_published.empty() || date < story.first_published) story.first_published = date;
      if (story.last_published.empty() || date > story.last_published) story.last_published = date;
    }
  }
  {
    std::set<std::string> outlets;
    for (std::uint32_t m : members) {
      const ArticleMeta& meta = articles[m].meta;
      outlets.insert(!meta.outlet.empty() ? meta.outlet : !meta.url.empty() ? meta.url : meta.source);
    }
    story.outlets = static_cast<std::uint32_t>(outlets.size());
  }
  story.summary = summarize::summarize(pointers, options);
  for (SummarySentence& s : story.summary) originals_first(articles, s);
  // Headline: the title of the article the summary draws on most; else the first summary sentence.
  std::map<std::uint32_t, int> cited;
  for (const SummarySentence& s : story.summary) {
    for (const Citation& c : s.citations) ++cited[c.article.value];
  }
  int best = -1;
  for (std::uint32_t m : members) {
    const Article& a = articles[m];
    if (a.meta.title.empty()) continue;
    int score = cited.count(a.id.value) ? cited[a.id.value] : 0;
    if (score > best) {
      best = score;
      story.headline = a.meta.title;
    }
  }
  if (story.headline.empty() && !story.summary.empty()) {
    // No titles (DUC, bare text): the opening words of the first summary sentence, cut at a word.
    const std::string& first = story.summary.front().text;
    constexpr std::size_t kMaxHeadlineBytes = 90;
    if (first.size() <= kMaxHeadlineBytes) {
      story.headline = first;
    } else {
      std::size_t cut = first.rfind(' ', kMaxHeadlineBytes);
      if (cut == std::string::npos || cut < 20) cut = kMaxHeadlineBytes;
      while (cut > 0 && (first[cut - 1] == ',' || first[cut - 1] == ' ')) --cut;
      story.headline = first.substr(0, cut) + "…";
    }
  }
  return story;
}

DigestResult digest_articles(std::vector<RawArticle> raw, const DigestOptions& options) {
  DigestResult result;
  std::size_t read = raw.size();
  result.articles = prepare_articles(std::move(raw), options, result.diagnostics, &result.input_index);
  result.empty_articles = static_cast<std::uint32_t>(read - result.articles.size());
  result.story_of.assign(result.articles.size(), 0);
  if (result.articles.empty()) return result;
  const std::vector<Article>& articles = result.articles;

  std::vector<std::uint32_t> order = arrival_order(result.articles);
  link_copies(result.articles, order, options.dedup);
  std::vector<std::vector<std::uint32_t>> groups;
  if (options.one_story) {
    groups.push_back(order);
  } else {
    groups = group_stories(articles, order, options.cluster);
  }
  result.stories_found = static_cast<std::uint32_t>(groups.size());

  // Rank: size, discounted by the age of the story's latest article against the newest article.
  const double kUnknown = std::numeric_limits<double>::quiet_NaN();
  auto hours_of = [&](std::uint32_t i) { return parse_iso_hours(articles[i].meta.published).value_or(kUnknown); };
  double newest = kUnknown;
  std::vector<double> last(groups.size(), kUnknown);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (std::uint32_t i : groups[g]) {
      double h = hours_of(i);
      if (std::isnan(h)) continue;
      if (std::isnan(last[g]) || h > last[g]) last[g] = h;
      if (std::isnan(newest) || h > newest) newest = h;
    }
  }
  std::vector<std::pair<double, std::size_t>> ranked;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    auto size = static_cast<std::uint32_t>(groups[g].size());
    ranked.emplace_back(rank_score(size, last[g], newest, options.half_life_days), g);
  }
  // Best first; ties: more articles, then the story that started first.
  std::stable_sort(ranked.begin(), ranked.end(), [&](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first > y.first;
    return groups[x.second].size() > groups[y.second].size();
  });
  // The reported stories, in rank order; each is summarized (and its facts found) on its own, in
  // parallel, into its slot.
  struct Reported {
    std::uint32_t rank;
    double score;
    std::size_t group;
  };
  std::vector<Reported> reported;
  std::uint32_t rank = 0;
  for (const auto& [score, g] : ranked) {
    ++rank;
    if (groups[g].size() < options.min_articles) continue;
    if (options.max_stories != 0 && reported.size() >= options.max_stories) continue;
    reported.push_back({rank, score, g});
    for (std::uint32_t i : groups[g]) result.story_of[i] = rank;
  }
  result.stories.resize(reported.size());
  if (options.facts) result.facts.resize(reported.size());
  parallel_for(reported.size(), options.threads, [&](std::size_t k) {
    const Reported& r = reported[k];
    Story story = make_story(r.rank, articles, groups[r.group], options.summary);
    story.rank_score = r.score;
    if (options.facts) {
      std::vector<const Article*> sources;
      for (std::uint32_t i : groups[r.group]) {
        if (is_fact_source(articles[i])) sources.push_back(&articles[i]);
      }
      // One story (--one-story, or a pile that is one story) has the cores to itself: its
      // articles' facts are found in parallel. Several stories already share them.
      facts::FactsOptions fo = options.facts_options;
      if (reported.size() == 1) fo.threads = options.threads;
      result.facts[k] = facts::extract_story_facts(sources, fo);
    }
    result.stories[k] = std::move(story);
  });
  return result;
}

ReadResult read_inputs(const std::vector<std::string>& paths, const DigestOptions& options) {
  ReadResult out;
  std::vector<std::string> files, urls;
  for (const std::string& p : paths) (fetch::is_url(p) ? urls : files).push_back(p);
  auto sink = [&](RawArticle&& a) { out.articles.push_back(std::move(a)); };
  if (!files.empty() || urls.empty()) ingest::read_paths(files, options.read, sink, out.diagnostics, out.read_stats);
  if (!urls.empty()) fetch::read_urls(urls, options.urls, sink, out.diagnostics, out.url_stats);
  return out;
}

DigestResult digest_paths(const std::vector<std::string>& paths, const DigestOptions& options) {
  ReadResult read = read_inputs(paths, options);
  DigestResult result = digest_articles(std::move(read.articles), options);
  read.diagnostics.insert(read.diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  result.diagnostics = std::move(read.diagnostics);
  result.read_stats = std::move(read.read_stats);
  result.url_stats = std::move(read.url_stats);
  return result;
}

}  // namespace precis::engine
