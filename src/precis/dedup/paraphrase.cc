// Paraphrase features and logistic regression.
//
// Das & Smith (2009) showed that a logistic regression over n-gram overlap (precision and recall
// of 1-3-grams on words and on stems) is a strong baseline on the MSR Paraphrase Corpus (Dolan &
// Brockett 2005), within a point of models with syntax. The errors that remain are mostly pairs
// with high overlap that differ in a number, a name or a negation ("rose 5%" / "rose 7%"), and
// pairs that say the same thing in another order; hence the added features. The model is fitted
// by Newton's method (IRLS) with a ridge penalty on standardised features: 30 features and a few
// thousand pairs need no more.
#include "precis/dedup/paraphrase.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <unordered_map>

namespace precis::dedup {
namespace {

bool is_number(const std::string& w) {
  return !w.empty() && std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_negation(const std::string& w) {
  return w == "not" || w == "no" || w == "never" || w == "n't" || w == "nor" || w == "without" ||
         (w.size() > 3 && w.compare(w.size() - 3, 3, "n't") == 0);
}

std::vector<std::string> ngrams(const std::vector<std::string>& words, std::size_t n) {
  std::vector<std::string> out;
  if (words.size() < n) return out;
  for (std::size_t i = 0; i + n <= words.size(); ++i) {
    std::string g = words[i];
    for (std::size_t j = 1; j < n; ++j) g += '\x1f' + words[i + j];
    out.push_back(std::move(g));
  }
  return out;
}

// Clipped overlap of two multisets (as BLEU counts matches).
double overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::unordered_map<std::string, int> counts;
  for (const auto& g : b) ++counts[g];
  double both = 0;
  for (const auto& g : a) {
    auto it = counts.find(g);
    if (it != counts.end() && it->second > 0) {
      --it->second;
      ++both;
    }
  }
  return both;
}

std::size_t lcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::set<std::string> char_grams(const std::vector<std::string>& words, std::size_t n) {
  std::string joined;
  for (const auto& w : words) joined += w + " ";
  std::set<std::string> out;
  for (std::size_t i = 0; i + n <= joined.size(); ++i) out.insert(joined.substr(i, n));
  return out;
}

template <class Pred>
std::pair<double, double> unmatched(const SentenceView& a, const SentenceView& b, Pred pred) {
  std::set<std::string> sa, sb;
  for (std::size_t i = 0; i < a.words.size(); ++i) {
    if (pred(a, i)) sa.insert(a.words[i]);
  }
  for (std::size_t i = 0; i < b.words.size(); ++i) {
    if (pred(b, i)) sb.insert(b.words[i]);
  }
  double only_a = 0, only_b = 0;
  for (const auto& w : sa) only_a += !sb.count(w);
  for (const auto& w : sb) only_b += !sa.count(w);
  return {only_a, only_b};
}

std::vector<std::string> content(const std::vector<std::string>& tokens, const std::vector<bool>& stop) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!stop[i]) out.push_back(tokens[i]);
  }
  return out;
}

double safe_div(double x, double y) { return y > 0 ? x / y : 0.0; }

}  // namespace

SentenceView sentence_view(const Article& article, const Sentence& sentence) {
  SentenceView v;
  std::size_t end = std::min<std::size_t>(article.tokens.size(),
                                          static_cast<std::size_t>(sentence.first_token) + sentence.token_count);
  bool first = true;
  for (std::size_t i = sentence.first_token; i < end; ++i) {
    const Token& t = article.tokens[i];
    if (!t.is_word) continue;
    v.words.push_back(t.lower);
    v.stems.push_back(t.stem.empty() ? t.lower : t.stem);
    v.stopword.push_back(t.is_stopword);
    std::string_view surface = slice(article.text, t.span);
    v.capitalized.push_back(!first && !surface.empty() && surface[0] >= 'A' && surface[0] <= 'Z');
    first = false;
  }
  return v;
}

const std::vector<std::string>& paraphrase_feature_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const char* unit : {"word", "stem"}) {
      for (int g = 1; g <= 3; ++g) {
        for (const char* m : {"p", "r", "f"}) n.push_back(std::string(unit) + std::to_string(g) + "_" + m);
      }
    }
    for (const char* m : {"content_p", "content_r", "content_f", "lcs_max", "lcs_min", "char4_dice", "len_diff",
                          "log_len_ratio", "min_len_log", "num_unmatched", "num_mismatch", "name_unmatched",
                          "name_unmatched_share", "neg_mismatch", "bleu"}) {
      n.push_back(m);
    }
    return n;
  }();
  return names;
}

std::vector<double> paraphrase_features(const SentenceView& a, const SentenceView& b) {
  std::vector<double> f;
  f.reserve(paraphrase_feature_names().size());
  double log_bleu = 0;
  using Field = std::vector<std::string> SentenceView::*;
  for (Field unit : {Field{&SentenceView::words}, Field{&SentenceView::stems}}) {
    for (std::size_t n = 1; n <= 3; ++n) {
      auto ga = ngrams(a.*unit, n);
      auto gb = ngrams(b.*unit, n);
      double both = overlap(ga, gb);
      double p = safe_div(both, static_cast<double>(ga.size()));
      double r = safe_div(both, static_cast<double>(gb.size()));
      f.push_back(p);
      f.push_back(r);
      f.push_back(p + r > 0 ? 2 * p * r / (p + r) : 0.0);
      if (unit == &SentenceView::words) log_bleu += std::log(std::max(1e-3, (p + r) / 2)) / 3.0;
    }
  }
  auto ca = content(a.stems, a.stopword);
  auto cb = content(b.stems, b.stopword);
  double cboth = overlap(ca, cb);
  double cp = safe_div(cboth, static_cast<double>(ca.size()));
  double cr = safe_div(cboth, static_cast<double>(cb.size()));
  f.push_back(cp);
  f.push_back(cr);
  f.push_back(cp + cr > 0 ? 2 * cp * cr / (cp + cr) : 0.0);
  double l = static_cast<double>(lcs(a.words, b.words));
  double la = static_cast<double>(a.words.size()), lb = static_cast<double>(b.words.size());
  f.push_back(safe_div(l, std::max(la, lb)));
  f.push_back(safe_div(l, std::min(la, lb)));
  auto qa = char_grams(a.words, 4), qb = char_grams(b.words, 4);
  double qboth = 0;
  for (const auto& g : qa) qboth += qb.count(g);
  f.push_back(safe_div(2 * qboth, static_cast<double>(qa.size() + qb.size())));
  f.push_back(safe_div(std::abs(la - lb), std::max(la, lb)));
  f.push_back(std::log((la + 1) / (lb + 1)));
  f.push_back(std::log(std::min(la, lb) + 1));
  auto [na, nb] = unmatched(a, b, [](const SentenceView& s, std::size_t i) { return is_number(s.words[i]); });
  f.push_back(na + nb);
  f.push_back(na + nb > 0 ? 1.0 : 0.0);
  auto [ma, mb] = unmatched(a, b, [](const SentenceView& s, std::size_t i) { return s.capitalized[i] && !s.stopword[i]; });
  f.push_back(ma + mb);
  std::size_t names = 0;
  for (std::size_t i = 0; i < a.words.size(); ++i) names += a.capitalized[i];
  for (std::size_t i = 0; i < b.words.size(); ++i) names += b.capitalized[i];
  f.push_back(safe_div(ma + mb, static_cast<double>(names)));
  bool neg_a = std::any_of(a.words.begin(), a.words.end(), is_negation);
  bool neg_b = std::any_of(b.words.begin(), b.words.end(), is_negation);
  f.push_back(neg_a != neg_b ? 1.0 : 0.0);
  f.push_back(std::exp(log_bleu));
  return f;
}

namespace {

struct Fit {
  std::vector<double> w;  // standardised features, bias last
};

double dot(const std::vector<double>& w, const std::vector<double>& x) {
  double s = w.back();
  for (std::size_t i = 0; i < x.size(); ++i) s += w[i] * x[i];
  return s;
}

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Solves A x = b for a small symmetric positive definite A (Cholesky); A is overwritten.
std::vector<double> solve(std::vector<double>& A, std::vector<double> b, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    double d = A[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= A[j * n + k] * A[j * n + k];
    d = std::sqrt(std::max(d, 1e-12));
    A[j * n + j] = d;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = A[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= A[i * n + k] * A[j * n + k];
      A[i * n + j] = s / d;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < i; ++k) b[i] -= A[i * n + k] * b[k];
    b[i] /= A[i * n + i];
  }
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t k = i + 1; k < n; ++k) b[i] -= A[k * n + i] * b[k];
    b[i] /= A[i * n + i];
  }
  return b;
}

Fit fit(const std::vector<std::vector<double>>& x, const std::vector<int>& y, const std::vector<std::size_t>& rows,
        const ParaphraseTrainOptions& options) {
  const std::size_t d = x.empty() ? 0 : x[0].size();
  const std::size_t n = d + 1;
  Fit result;
  result.w.assign(n, 0.0);
  for (std::uint32_t it = 0; it < options.iterations; ++it) {
    std::vector<double> H(n * n, 0.0), g(n, 0.0);
    for (std::size_t r : rows) {
      double p = sigmoid(dot(result.w, x[r]));
      double s = std::max(p * (1 - p), 1e-9);
      double e = p - y[r];
      for (std::size_t i = 0; i < n; ++i) {
        double xi = i < d ? x[r][i] : 1.0;
        g[i] += e * xi;
        for (std::size_t j = 0; j <= i; ++j) H[i * n + j] += s * xi * (j < d ? x[r][j] : 1.0);
      }
    }
    for (std::size_t i = 0; i < d; ++i) {
      g[i] += options.l2 * result.w[i];
      H[i * n + i] += options.l2;
    }
    H[d * n + d] += 1e-6;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) H[i * n + j] = H[j * n + i];
    }
    std::vector<double> step = solve(H, g, n);
    double change = 0;
    for (std::size_t i = 0; i < n; ++i) {
      result.w[i] -= step[i];
      change = std::max(change, std::abs(step[i]));
    }
    if (change < 1e-7) break;
  }
  return result;
}

}  // namespace

ParaphraseModel ParaphraseModel::train(const std::vector<std::vector<double>>& examples, const std::vector<int>& labels,
                                       const ParaphraseTrainOptions& options) {
  ParaphraseModel m;
  if (examples.empty() || examples.size() != labels.size()) return m;
  const std::size_t d = examples[0].size();
  m.mean_.assign(d, 0.0);
  m.scale_.assign(d, 1.0);
  for (const auto& x : examples) {
    for (std::size_t i = 0; i < d; ++i) m.mean_[i] += x[i];
  }
  for (double& v : m.mean_) v /= static_cast<double>(examples.size());
  std::vector<double> var(d, 0.0);
  for (const auto& x : examples) {
    for (std::size_t i = 0; i < d; ++i) var[i] += (x[i] - m.mean_[i]) * (x[i] - m.mean_[i]);
  }
  for (std::size_t i = 0; i < d; ++i) m.scale_[i] = std::sqrt(var[i] / static_cast<double>(examples.size())) + 1e-9;
  std::vector<std::vector<double>> z(examples.size(), std::vector<double>(d));
  for (std::size_t r = 0; r < examples.size(); ++r) {
    for (std::size_t i = 0; i < d; ++i) z[r][i] = (examples[r][i] - m.mean_[i]) / m.scale_[i];
  }
  // Cross-validated probabilities choose the threshold (folds by position: deterministic).
  const std::uint32_t folds = std::max<std::uint32_t>(2, options.folds);
  std::vector<double> cv(examples.size(), 0.5);
  for (std::uint32_t k = 0; k < folds; ++k) {
    std::vector<std::size_t> train_rows;
    for (std::size_t r = 0; r < z.size(); ++r) {
      if (r % folds != k) train_rows.push_back(r);
    }
    Fit f = fit(z, labels, train_rows, options);
    for (std::size_t r = k; r < z.size(); r += folds) cv[r] = sigmoid(dot(f.w, z[r]));
  }
  std::vector<double> candidates(cv);
  std::sort(candidates.begin(), candidates.end());
  double best_acc = -1;
  for (std::size_t c = 0; c < candidates.size(); c += 1) {
    double t = candidates[c];
    std::size_t correct = 0;
    for (std::size_t r = 0; r < cv.size(); ++r) correct += (cv[r] >= t) == (labels[r] == 1);
    double acc = static_cast<double>(correct) / static_cast<double>(cv.size());
    if (acc > best_acc) best_acc = acc, m.threshold_ = t;
  }
  m.cv_accuracy_ = best_acc;
  std::vector<std::size_t> all(z.size());
  std::iota(all.begin(), all.end(), 0);
  m.weights_ = fit(z, labels, all, options).w;
  return m;
}

double ParaphraseModel::probability(const std::vector<double>& features) const {
  if (weights_.empty() || features.size() + 1 != weights_.size()) return 0.0;
  std::vector<double> z(features.size());
  for (std::size_t i = 0; i < features.size(); ++i) z[i] = (features[i] - mean_[i]) / scale_[i];
  return sigmoid(dot(weights_, z));
}

}  // namespace precis::dedup
