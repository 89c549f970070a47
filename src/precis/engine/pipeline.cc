#include "precis/engine/pipeline.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "precis/base/hash.h"
#include "precis/text/annotate.h"
#include "precis/text/boilerplate.h"
#include "precis/text/normalize.h"

namespace precis::engine {

std::vector<Article> prepare_articles(std::vector<RawArticle> raw, const DigestOptions& options,
                                      Diagnostics& diagnostics) {
  text::BoilerplateModel model;
  if (options.remove_boilerplate) {
    for (const RawArticle& r : raw) model.add(r);
  }
  std::vector<Article> out;
  out.reserve(raw.size());
  for (RawArticle& r : raw) {
    Article article;
    // body -> (boilerplate removed) -> normalised; maps composed back to the original.
    OffsetMap clean_to_body;
    std::string clean;
    if (options.remove_boilerplate) {
      text::CleanBody cb = text::remove_boilerplate(r, model);
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
    text::AnnotateOptions annotate_options;
    annotate_options.language = options.language.empty() ? article.meta.language : options.language;
    text::annotate(article, annotate_options);
    if (article.sentences.empty()) {
      diagnostics.push_back({article.meta.source, "no text left after cleaning; article skipped", Severity::kWarning});
      continue;
    }
    article.id = ArticleId{static_cast<std::uint32_t>(out.size() + 1)};
    out.push_back(std::move(article));
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

Story make_story(std::uint32_t story_id, const std::vector<Article>& articles,
                 const std::vector<std::uint32_t>& members, const summarize::SummaryOptions& options) {
  Story story;
  story.id = story_id;
  std::vector<const Article*> pointers;
  for (std::uint32_t m : members) {
    pointers.push_back(&articles[m]);
    story.articles.push_back(articles[m].id);
    if (articles[m].duplicate_of) ++story.duplicate_articles;
    const std::string& date = articles[m].meta.published;
    if (!date.empty()) {
      if (story.first_published.empty() || date < story.first_published) story.first_published = date;
      if (story.last_published.empty() || date > story.last_published) story.last_published = date;
    }
  }
  story.summary = summarize::summarize(pointers, options);
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
  result.articles = prepare_articles(std::move(raw), options, result.diagnostics);
  result.empty_articles = static_cast<std::uint32_t>(read - result.articles.size());
  mark_duplicates(result.articles);
  if (!result.articles.empty()) {
    std::vector<std::uint32_t> members(result.articles.size());
    for (std::uint32_t i = 0; i < members.size(); ++i) members[i] = i;
    result.stories.push_back(make_story(1, result.articles, members, options.summary));
  }
  return result;
}

DigestResult digest_paths(const std::vector<std::string>& paths, const DigestOptions& options) {
  std::vector<RawArticle> raw;
  Diagnostics diagnostics;
  ingest::ReadStats stats;
  ingest::read_paths(paths, options.read, [&](RawArticle&& a) { raw.push_back(std::move(a)); }, diagnostics, stats);
  DigestResult result = digest_articles(std::move(raw), options);
  diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  result.diagnostics = std::move(diagnostics);
  result.read_stats = std::move(stats);
  return result;
}

}  // namespace precis::engine
