// ROUGE-1.5.5, re-implemented for exact agreement.
//
// ROUGE (Lin, "ROUGE: A Package for Automatic Evaluation of Summaries", ACL 2004 workshop) is a
// recall-oriented overlap measure; the literature's numbers come from one Perl script,
// ROUGE-1.5.5.pl, whose every detail moves the fifth decimal. So this file follows the script's
// behaviour rather than the paper's formulas:
//
// - Length cut (readText): -l counts whitespace-separated fields of the lower-cased raw lines
//   (Perl's split /\s+/, so a line starting with a space counts one empty field more), before any
//   punctuation is removed; -b counts bytes of the lines but not the spaces that join them. The
//   cut applies to model summaries too. ROUGE-L reads sentences through a second routine
//   (readText_LCS) whose -b branch never advances its byte counter: every sentence shorter than
//   the limit is kept, up to the first longer one, which is cut. Reproduced as is.
// - Tokens: "-" becomes " - ", every other byte outside [A-Za-z0-9] a space; tokens not starting
//   with [a-z0-9] (so the lone "-") are dropped; with -m, tokens of more than 3 bytes go through the
//   exception table and else the Porter stemmer.
// - ROUGE-N: counts clipped per model; with -f A hits, model counts and peer counts are summed over
//   the models (so precision's denominator is the peer count times the number of models).
// - ROUGE-S/SU: pairs (i, j) with j - i - 1 <= gap, and with -u the unigram of every token except
//   the last one (the loop stops one early).
// - ROUGE-L: for each model sentence, the union of its LCS with each peer sentence (back-tracking
//   prefers the diagonal, then "up" on ties), each hit only counted while the unigram budgets of
//   model and peer allow. ROUGE-W: the weighted LCS f(k) = k^w, with ROUGE's double application
//   of f to the model length.
// - Every per-topic R, P, F is printed-and-reparsed with %7.5f; F uses the rounded R and P.
// - Averages: bootstrap resample r (r = 0..R-1) seeds Perl's generator with srand(r) and draws
//   int(rand(n)) n times; the printed average is the mean of the R resample means, and the bounds
//   are order statistics of the sorted means. Perl's rand is drand48 (x' = 0x5DEECE66D x + 11 mod
//   2^48, srand(s) sets x = s << 16 | 0x330E), so the draws are reproduced exactly.
#include "precis/eval/rouge.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "precis/eval/porter_stemmer.h"

namespace precis::eval {
namespace {

// ---------------------------------------------------------------- numbers as Perl prints them

double round5(double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.5f", x);
  return std::strtod(buffer, nullptr);
}

RougeScore make_score(double recall_raw, bool recall_defined, double precision_raw,
                      bool precision_defined, double alpha) {
  RougeScore s;
  s.recall = recall_defined ? round5(recall_raw) : 0.0;
  s.precision = precision_defined ? round5(precision_raw) : 0.0;
  double denominator = (1 - alpha) * s.precision + alpha * s.recall;
  s.f = denominator > 0 ? round5(s.precision * s.recall / denominator) : 0.0;
  return s;
}

class Drand48 {
 public:
  explicit Drand48(std::uint64_t seed) : state_(((seed << 16) | 0x330EULL) & kMask) {}
  double next() {
    state_ = (0x5DEECE66DULL * state_ + 0xBULL) & kMask;
    return std::ldexp(static_cast<double>(state_), -48);
  }

 private:
  static constexpr std::uint64_t kMask = (1ULL << 48) - 1;
  std::uint64_t state_;
};

// ---------------------------------------------------------------- reading and cutting

bool is_perl_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

// Perl's split(/\s+/, $s): a leading empty field when $s starts with whitespace, trailing empty
// fields removed (so an all-blank string gives no field).
std::vector<std::string_view> perl_split(std::string_view s) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  bool any_word = false;
  if (!s.empty() && is_perl_space(s[0])) fields.emplace_back();
  while (i < s.size()) {
    while (i < s.size() && is_perl_space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_perl_space(s[i])) ++i;
    if (i > start) {
      fields.push_back(s.substr(start, i - start));
      any_word = true;
    }
  }
  if (!any_word) fields.clear();
  return fields;
}

std::string join_fields(const std::vector<std::string_view>& fields, std::size_t count) {
  std::string out;
  for (std::size_t k = 0; k < count && k < fields.size(); ++k) {
    if (k > 0) out += ' ';
    out.append(fields[k]);
  }
  return out;
}

std::vector<std::string> lowered_lines(const RougeSummary& summary) {
  std::vector<std::string> lines;
  lines.reserve(summary.lines.size());
  for (const auto& line : summary.lines) {
    if (!line.empty()) lines.push_back(lower_ascii(line));
  }
  return lines;
}

// readText: the whole (cut) summary as one string.
std::string read_text(const std::vector<std::string>& lines, const RougeOptions& o) {
  std::string text;
  if (o.word_limit > 0) {
    std::size_t limit = static_cast<std::size_t>(o.word_limit);
    std::size_t length = 0;
    for (const auto& s : lines) {
      auto fields = perl_split(s);
      if (length + fields.size() < limit) {
        if (length != 0) text += ' ';
        text += s;
        length += fields.size();
      } else {
        if (length > 0) text += ' ';
        text += join_fields(fields, limit - length);
        break;
      }
    }
  } else if (o.byte_limit > 0) {
    std::size_t limit = static_cast<std::size_t>(o.byte_limit);
    std::size_t length = 0;
    for (const auto& s : lines) {
      if (length + s.size() < limit) {
        if (length != 0) text += ' ';
        text += s;
        length += s.size();
      } else {
        if (length > 0) text += ' ';
        text += s.substr(0, limit - length);
        break;
      }
    }
  } else {
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (k > 0) text += ' ';
      text += lines[k];
    }
  }
  return text;
}

// readText_LCS: the (cut) sentences.
std::vector<std::string> read_text_lcs(const std::vector<std::string>& lines, const RougeOptions& o) {
  std::vector<std::string> out;
  if (o.word_limit > 0) {
    std::size_t limit = static_cast<std::size_t>(o.word_limit);
    std::size_t length = 0;
    for (const auto& s : lines) {
      auto fields = perl_split(s);
      if (length + fields.size() < limit) {
        length += fields.size();
        out.push_back(s);
      } else {
        out.push_back(join_fields(fields, limit - length));
        break;
      }
    }
  } else if (o.byte_limit > 0) {
    std::size_t limit = static_cast<std::size_t>(o.byte_limit);
    for (const auto& s : lines) {
      if (s.size() < limit) {
        out.push_back(s);  // ROUGE never adds to its byte counter here
      } else {
        out.push_back(s.substr(0, limit));
        break;
      }
    }
  } else {
    out = lines;
  }
  return out;
}

std::string stem_token(const std::string& token, const RougeOptions& o) {
  if (!o.stem || token.size() <= 3) return token;
  if (o.stem_exceptions != nullptr) {
    auto it = o.stem_exceptions->find(token);
    if (it != o.stem_exceptions->end()) return it->second;
  }
  // Summaries repeat their words and models are re-read for every system: cache the stems
  // (per thread, bounded).
  thread_local std::unordered_map<std::string, std::string> cache;
  auto it = cache.find(token);
  if (it != cache.end()) return it->second;
  if (cache.size() > (1u << 20)) cache.clear();
  std::string stem = porter_stem(token);
  cache.emplace(token, stem);
  return stem;
}

std::vector<std::string> tokenize(std::string_view text, const RougeOptions& o) {
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) {
      char first = current[0];
      bool keep = (first >= 'a' && first <= 'z') || (first >= '0' && first <= '9');
      if (keep) tokens.push_back(stem_token(current, o));
      current.clear();
    }
  };
  for (char raw : text) {
    char ch = raw;
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (alnum) {
      current += ch;
    } else if (ch == '-') {
      flush();
      current = "-";
      flush();
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

// ---------------------------------------------------------------- counting

// Tokens are interned to ids within one score_summary() call; an n-gram's key is its ids' bytes
// (n * 4 bytes), so grams of different lengths never collide and equality stays exact.
using Ids = std::vector<std::uint32_t>;

struct Vocabulary {
  std::unordered_map<std::string, std::uint32_t> ids;
  Ids intern(const std::vector<std::string>& tokens) {
    Ids out;
    out.reserve(tokens.size());
    for (const auto& t : tokens) out.push_back(ids.emplace(t, static_cast<std::uint32_t>(ids.size())).first->second);
    return out;
  }
};

void append_id(std::string& key, std::uint32_t id) {
  key.append(reinterpret_cast<const char*>(&id), sizeof id);
}

struct Grams {
  std::unordered_map<std::string, int> counts;
  int total = 0;
};

Grams ngrams(const Ids& tokens, int n) {
  Grams g;
  if (n <= 0) return g;
  std::string gram;
  for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= tokens.size(); ++i) {
    gram.clear();
    for (int k = 0; k < n; ++k) append_id(gram, tokens[i + static_cast<std::size_t>(k)]);
    ++g.counts[gram];
    ++g.total;
  }
  return g;
}

Grams skip_bigrams(const Ids& tokens, int gap, bool unigrams) {
  Grams g;
  const std::size_t n = tokens.size();
  std::string gram;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (unigrams) {
      gram.clear();
      append_id(gram, tokens[i]);
      ++g.counts[gram];
      ++g.total;
    }
    for (std::size_t j = i + 1; j < n && (gap < 0 || j <= i + static_cast<std::size_t>(gap) + 1); ++j) {
      gram.clear();
      append_id(gram, tokens[i]);
      append_id(gram, tokens[j]);
      ++g.counts[gram];
      ++g.total;
    }
  }
  return g;
}

int clipped_hits(const Grams& model, const Grams& peer) {
  int hits = 0;
  for (const auto& [gram, count] : model.counts) {
    auto it = peer.counts.find(gram);
    if (it != peer.counts.end()) hits += std::min(count, it->second);
  }
  return hits;
}

// Hits and counts summed over models (-f A) or taken from the best model (-f B).
struct Totals {
  double hit = 0;
  double model_count = 0;
  double peer_count = 0;
};

RougeScore totals_to_score(const Totals& t, const RougeOptions& o) {
  return make_score(t.model_count != 0 ? t.hit / t.model_count : 0, t.model_count != 0,
                    t.peer_count != 0 ? t.hit / t.peer_count : 0, t.peer_count != 0, o.alpha);
}

RougeScore gram_score(const Grams& peer, const std::vector<Grams>& models, const RougeOptions& o) {
  Totals t;
  double best = -1;
  for (const Grams& model : models) {
    int hit = clipped_hits(model, peer);
    if (o.best_model) {
      double score = model.total != 0 ? round5(static_cast<double>(hit) / model.total) : 0.0;
      if (score > best) {
        best = score;
        t = Totals{static_cast<double>(hit), static_cast<double>(model.total),
                   static_cast<double>(peer.total)};
      }
    } else {
      t.hit += hit;
      t.model_count += model.total;
      t.peer_count += peer.total;
    }
  }
  return totals_to_score(t, o);
}

// ---------------------------------------------------------------- LCS and WLCS

using Sentences = std::vector<Ids>;

// Marks in `hit_mask` the model positions of one LCS of model x peer (ROUGE's tie-breaking).
// With weight > 0 the table is the weighted LCS of ROUGE-W.
void mark_lcs(const Ids& model, const Ids& peer, double weight, std::vector<char>& hit_mask) {
  const std::size_t m = model.size(), n = peer.size();
  if (m == 0) return;
  std::vector<double> c((m + 1) * (n + 1), 0.0);
  std::vector<int> run((m + 1) * (n + 1), 0);
  std::vector<char> move((m + 1) * (n + 1), 0);
  auto at = [n](std::size_t i, std::size_t j) { return i * (n + 1) + j; };
  for (std::size_t i = 1; i <= m; ++i) {
    for (std::size_t j = 1; j <= n; ++j) {
      if (model[i - 1] == peer[j - 1]) {
        int k = run[at(i - 1, j - 1)];
        double gain = weight > 0 ? std::pow(k + 1, weight) - std::pow(k, weight) : 1.0;
        c[at(i, j)] = c[at(i - 1, j - 1)] + gain;
        run[at(i, j)] = k + 1;
        move[at(i, j)] = 'd';
      } else if (c[at(i - 1, j)] >= c[at(i, j - 1)]) {
        c[at(i, j)] = c[at(i - 1, j)];
        move[at(i, j)] = 'u';
      } else {
        c[at(i, j)] = c[at(i, j - 1)];
        move[at(i, j)] = 'l';
      }
    }
  }
  std::size_t i = m, j = n;
  while (i != 0 && j != 0) {
    char mv = move[at(i, j)];
    if (mv == 'd') {
      --i;
      --j;
      hit_mask[i] = 1;
    } else if (mv == 'u') {
      --i;
    } else {
      --j;
    }
  }
}

struct LcsInput {
  Sentences sentences;  // readText_LCS tokens
  Grams unigrams;       // readText tokens, for clipping and the peer count
};

LcsInput lcs_input(const std::vector<std::string>& lines, const Ids& text_ids, Vocabulary& vocabulary,
                   const RougeOptions& o) {
  LcsInput in;
  for (const auto& s : read_text_lcs(lines, o)) in.sentences.push_back(vocabulary.intern(tokenize(s, o)));
  in.unigrams = ngrams(text_ids, 1);
  return in;
}

// ROUGE-L (weight 0) or ROUGE-W (weight > 0).
RougeScore lcs_score(const LcsInput& peer, const std::vector<LcsInput>& models, double weight,
                     const RougeOptions& o) {
  auto f = [weight](double x) { return weight > 0 ? std::pow(x, weight) : x; };
  auto f_inverse = [weight](double x) { return weight > 0 ? std::pow(x, 1.0 / weight) : x; };
  Totals t;
  double best = -1;
  for (const LcsInput& model : models) {
    auto model_budget = model.unigrams.counts;
    auto peer_budget = peer.unigrams.counts;
    double hit = 0, base = 0;
    for (const auto& sentence : model.sentences) {
      std::vector<char> mask(sentence.size(), 0);
      base += f(static_cast<double>(sentence.size()));
      for (const auto& peer_sentence : peer.sentences) mark_lcs(sentence, peer_sentence, weight, mask);
      int run = 0;
      for (std::size_t j = 0; j < sentence.size(); ++j) {
        if (!mask[j]) continue;
        std::string key;
        append_id(key, sentence[j]);
        auto mi = model_budget.find(key);
        auto pi = peer_budget.find(key);
        if (mi == model_budget.end() || pi == peer_budget.end() || mi->second <= 0 || pi->second <= 0) {
          continue;
        }
        if (weight > 0) {
          ++run;
          if (j + 1 == sentence.size() || !mask[j + 1]) {
            hit += f(run);
            run = 0;
          }
        } else {
          hit += 1;
        }
        --mi->second;
        --pi->second;
      }
    }
    double model_count = weight > 0 ? f(base) : base;
    double peer_count = f(static_cast<double>(peer.unigrams.total));
    if (o.best_model) {
      double score = base > 0 ? (weight > 0 ? f_inverse(hit / base) : hit / base) : 0.0;
      if (score > best) {
        best = score;
        t = Totals{hit, model_count, peer_count};
      }
    } else {
      t.hit += hit;
      t.model_count += model_count;
      t.peer_count += peer_count;
    }
  }
  if (weight <= 0) return totals_to_score(t, o);
  return make_score(t.model_count != 0 ? f_inverse(t.hit / t.model_count) : 0, t.model_count != 0,
                    t.peer_count != 0 ? f_inverse(t.hit / t.peer_count) : 0, t.peer_count != 0,
                    o.alpha);
}

std::string format_weight(double w) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", w);
  return buffer;
}

// ---------------------------------------------------------------- averaging

RougeAverage average_scores(const std::vector<RougeScore>& scores, const RougeOptions& o) {
  RougeAverage avg;
  const std::size_t n = scores.size();
  if (n == 0) return avg;
  RougeScore sum;
  for (const auto& s : scores) {
    sum.recall += s.recall;
    sum.precision += s.precision;
    sum.f += s.f;
  }
  avg.plain_mean = {round5(sum.recall / n), round5(sum.precision / n), round5(sum.f / n)};
  if (o.resamples <= 0) {
    avg.score = avg.plain_mean;
    return avg;
  }
  const std::size_t r_count = static_cast<std::size_t>(o.resamples);
  std::vector<double> rs(r_count), ps(r_count), fs(r_count);
  for (std::size_t r = 0; r < r_count; ++r) {
    Drand48 rng(r);
    double sr = 0, sp = 0, sf = 0;
    for (std::size_t k = 0; k < n; ++k) {
      auto index = static_cast<std::size_t>(rng.next() * static_cast<double>(n));
      if (index >= n) index = n - 1;
      sr += scores[index].recall;
      sp += scores[index].precision;
      sf += scores[index].f;
    }
    rs[r] = sr / n;
    ps[r] = sp / n;
    fs[r] = sf / n;
  }
  const double delta = static_cast<double>(r_count) * ((100 - o.confidence) / 2.0) / 100.0;
  const double upper_a = static_cast<double>(r_count) - delta - 1;
  const auto ci_ua = static_cast<long>(upper_a);
  const auto ci_la = static_cast<long>(delta);
  const double ratio = upper_a - static_cast<double>(ci_ua);
  auto pick = [&](const std::vector<double>& v, long index) {
    if (index < 0 || static_cast<std::size_t>(index) >= v.size()) return 0.0;  // Perl's undef
    return v[static_cast<std::size_t>(index)];
  };
  auto summarize = [&](std::vector<double>& v, double& mean, RougeInterval& ci) {
    std::sort(v.begin(), v.end());
    double total = 0;
    for (double x : v) total += x;
    mean = round5(total / static_cast<double>(v.size()));
    ci.low = round5(pick(v, ci_la) + (pick(v, ci_la + 1) - pick(v, ci_la)) * ratio);
    ci.high = round5(pick(v, ci_ua) + (pick(v, ci_ua + 1) - pick(v, ci_ua)) * ratio);
  };
  summarize(rs, avg.score.recall, avg.recall_ci);
  summarize(ps, avg.score.precision, avg.precision_ci);
  summarize(fs, avg.score.f, avg.f_ci);
  return avg;
}

}  // namespace

RougeOptions rouge_options_words100() {
  RougeOptions o;
  o.max_n = 4;
  o.word_limit = 100;
  o.stem = true;
  o.lcs = false;
  o.skip_distance = -1;
  o.alpha = 0.5;
  o.resamples = 1000;
  o.confidence = 95;
  return o;
}

RougeOptions rouge_options_bytes665() {
  RougeOptions o;
  o.max_n = 4;
  o.byte_limit = 665;
  o.stem = true;
  o.lcs = true;
  o.wlcs_weight = 1.2;
  o.skip_distance = -1;
  o.alpha = 0.5;
  o.resamples = 1000;
  o.confidence = 95;
  return o;
}

RougeSummary rouge_summary_from_text(std::string_view text) {
  RougeSummary summary;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) summary.lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return summary;
}

std::vector<std::string> rouge_metric_names(const RougeOptions& o) {
  std::vector<std::string> names;
  for (int n = 1; n <= o.max_n; ++n) names.push_back("ROUGE-" + std::to_string(n));
  if (o.lcs) names.push_back("ROUGE-L");
  if (o.wlcs_weight > 0) names.push_back("ROUGE-W-" + format_weight(o.wlcs_weight));
  if (o.skip_distance >= 0) {
    names.push_back(std::string(o.skip_unigrams ? "ROUGE-SU" : "ROUGE-S") +
                    std::to_string(o.skip_distance));
  } else if (o.skip_distance < -1) {
    names.push_back(o.skip_unigrams ? "ROUGE-SU*" : "ROUGE-S*");
  }
  return names;
}

std::map<std::string, RougeScore> score_summary(const RougeSummary& peer,
                                                const std::vector<RougeSummary>& models,
                                                const RougeOptions& o) {
  std::map<std::string, RougeScore> out;
  const auto names = rouge_metric_names(o);
  auto peer_lines = lowered_lines(peer);
  std::vector<std::vector<std::string>> model_lines;
  for (const auto& m : models) model_lines.push_back(lowered_lines(m));

  Vocabulary vocabulary;
  Ids peer_tokens = vocabulary.intern(tokenize(read_text(peer_lines, o), o));
  std::vector<Ids> model_tokens;
  for (const auto& lines : model_lines) model_tokens.push_back(vocabulary.intern(tokenize(read_text(lines, o), o)));

  std::size_t name_index = 0;
  for (int n = 1; n <= o.max_n; ++n) {
    std::vector<Grams> model_grams;
    for (const auto& tokens : model_tokens) model_grams.push_back(ngrams(tokens, n));
    out[names[name_index++]] = gram_score(ngrams(peer_tokens, n), model_grams, o);
  }
  if (o.lcs || o.wlcs_weight > 0) {
    LcsInput peer_in = lcs_input(peer_lines, peer_tokens, vocabulary, o);
    std::vector<LcsInput> model_in;
    for (std::size_t k = 0; k < model_lines.size(); ++k) {
      model_in.push_back(lcs_input(model_lines[k], model_tokens[k], vocabulary, o));
    }
    if (o.lcs) out[names[name_index++]] = lcs_score(peer_in, model_in, 0, o);
    if (o.wlcs_weight > 0) out[names[name_index++]] = lcs_score(peer_in, model_in, o.wlcs_weight, o);
  }
  if (o.skip_distance >= 0 || o.skip_distance < -1) {
    int gap = o.skip_distance >= 0 ? o.skip_distance : -1;
    std::vector<Grams> model_grams;
    for (const auto& tokens : model_tokens) model_grams.push_back(skip_bigrams(tokens, gap, o.skip_unigrams));
    out[names[name_index++]] = gram_score(skip_bigrams(peer_tokens, gap, o.skip_unigrams), model_grams, o);
  }
  return out;
}

const RougeMetricResult* RougeResult::find(std::string_view name) const {
  for (const auto& m : metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

RougeResult evaluate(const std::vector<RougeTopic>& topics, const RougeOptions& o,
                     std::string_view peer_id) {
  std::vector<std::pair<std::string, const RougeTopic*>> order;
  for (const auto& t : topics) order.emplace_back(t.id + "." + std::string(peer_id), &t);
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });

  RougeResult result;
  const auto names = rouge_metric_names(o);
  for (const auto& name : names) result.metrics.push_back(RougeMetricResult{name, {}, {}});
  for (const auto& [key, topic] : order) {
    auto scores = score_summary(topic->peer, topic->models, o);
    for (auto& metric : result.metrics) metric.per_topic.emplace_back(topic->id, scores[metric.name]);
  }
  for (auto& metric : result.metrics) {
    std::vector<RougeScore> scores;
    for (const auto& [id, s] : metric.per_topic) scores.push_back(s);
    metric.average = average_scores(scores, o);
  }
  return result;
}

std::vector<std::string> rouge_tokens(std::string_view text, bool stem,
                                      const StemExceptions* exceptions) {
  RougeOptions o;
  o.stem = stem;
  o.stem_exceptions = exceptions;
  return tokenize(text, o);
}

}  // namespace precis::eval
