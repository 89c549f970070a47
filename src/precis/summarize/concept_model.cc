// Logistic regression with soft labels, fitted by Newton's method (iteratively reweighted least
// squares). With eleven features the Hessian is an 11x11 matrix solved by Gaussian elimination;
// the ridge term keeps it well conditioned when a feature is constant in the training data.
#include "precis/summarize/concept_model.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "precis/base/files.h"

namespace precis::summarize {
namespace {

double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  double e = std::exp(z);
  return e / (1.0 + e);
}

double dot(const ConceptFeatures& w, const ConceptFeatures& x) {
  double z = 0;
  for (int k = 0; k < kConceptFeatures; ++k) z += w[k] * x[k];
  return z;
}

// Solves a x = b in place (Gaussian elimination with partial pivoting). False when singular.
bool solve(std::array<std::array<double, kConceptFeatures>, kConceptFeatures>& a, ConceptFeatures& b) {
  constexpr int n = kConceptFeatures;
  for (int col = 0; col < n; ++col) {
    int pivot = col;
    for (int r = col + 1; r < n; ++r) {
      if (std::fabs(a[r][col]) > std::fabs(a[pivot][col])) pivot = r;
    }
    if (std::fabs(a[pivot][col]) < 1e-12) return false;
    std::swap(a[pivot], a[col]);
    std::swap(b[pivot], b[col]);
    for (int r = col + 1; r < n; ++r) {
      double f = a[r][col] / a[col][col];
      for (int c = col; c < n; ++c) a[r][c] -= f * a[col][c];
      b[r] -= f * b[col];
    }
  }
  for (int r = n - 1; r >= 0; --r) {
    double s = b[r];
    for (int c = r + 1; c < n; ++c) s -= a[r][c] * b[c];
    b[r] = s / a[r][r];
  }
  return true;
}

Result<ConceptFeatures> fit(const std::vector<ConceptExample>& examples, double ridge) {
  if (examples.empty()) return make_error("no training examples");
  ConceptFeatures w{};
  for (int iteration = 0; iteration < 25; ++iteration) {
    std::array<std::array<double, kConceptFeatures>, kConceptFeatures> hessian{};
    ConceptFeatures gradient{};
    for (const ConceptExample& e : examples) {
      double p = sigmoid(dot(w, e.features));
      double r = e.label - p;
      double v = std::max(p * (1 - p), 1e-6);
      for (int i = 0; i < kConceptFeatures; ++i) {
        gradient[i] += r * e.features[i];
        for (int j = 0; j <= i; ++j) hessian[i][j] += v * e.features[i] * e.features[j];
      }
    }
    for (int i = 0; i < kConceptFeatures; ++i) {
      for (int j = 0; j < i; ++j) hessian[j][i] = hessian[i][j];
      // The bias is not shrunk.
      if (i > 0) {
        hessian[i][i] += ridge;
        gradient[i] -= ridge * w[i];
      }
    }
    if (!solve(hessian, gradient)) return make_error("singular Hessian");
    double step = 0;
    for (int i = 0; i < kConceptFeatures; ++i) {
      w[i] += gradient[i];
      step = std::max(step, std::fabs(gradient[i]));
    }
    if (!std::isfinite(step)) return make_error("diverged");
    if (step < 1e-7) break;
  }
  return w;
}

}  // namespace

ConceptFeatures concept_features(const ConceptTable& table, ConceptKind kind, std::uint32_t id) {
  bool bigram = kind == ConceptKind::kBigram;
  double df = bigram ? table.concept_weight[id] : table.unigram_weight[id];
  const ConceptStats& st = bigram ? table.concept_stats[id] : table.unigram_stats[id];
  double docs = std::max(1.0, static_cast<double>(table.documents));
  double tf = std::max(1.0, st.tf);
  ConceptFeatures x{};
  x[0] = 1;
  x[1] = df / docs;
  x[2] = std::log1p(df);
  x[3] = st.lead_df / docs;
  x[4] = st.first_df / docs;
  x[5] = std::log1p(st.tf);
  x[6] = df > 0 ? st.position_sum / df : 1;
  x[7] = st.stopwords;
  x[8] = st.capitalised / tf;
  x[9] = st.numeric / tf;
  x[10] = std::log1p(docs);
  return x;
}

ReferenceConcepts reference_concepts(const Article& reference) {
  ReferenceConcepts out;
  std::vector<const Token*> words;
  for (const Sentence& sentence : reference.sentences) {
    words.clear();
    for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count && t < reference.tokens.size(); ++t) {
      if (reference.tokens[t].is_word) words.push_back(&reference.tokens[t]);
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (!words[i]->is_stopword) out.unigrams.insert(words[i]->stem);
      if (i + 1 < words.size() && !(words[i]->is_stopword && words[i + 1]->is_stopword)) {
        out.bigrams.insert(words[i]->stem + " " + words[i + 1]->stem);
      }
    }
  }
  return out;
}

void add_training_examples(const CandidateSet& set, const std::vector<ReferenceConcepts>& references, double min_df,
                           std::vector<ConceptExample>& bigrams, std::vector<ConceptExample>& unigrams) {
  const ConceptTable& table = set.table;
  if (table.documents < 3 || references.empty()) return;
  double n = static_cast<double>(references.size());
  for (const auto& [key, id] : table.concept_ids) {
    if (table.concept_weight[id] < min_df) continue;
    ConceptExample e{concept_features(table, ConceptKind::kBigram, id), 0};
    for (const ReferenceConcepts& r : references) e.label += r.bigrams.count(key) ? 1 : 0;
    e.label /= n;
    bigrams.push_back(e);
  }
  for (const auto& [key, id] : table.unigram_ids) {
    if (table.unigram_weight[id] < min_df) continue;
    ConceptExample e{concept_features(table, ConceptKind::kUnigram, id), 0};
    for (const ReferenceConcepts& r : references) e.label += r.unigrams.count(key) ? 1 : 0;
    e.label /= n;
    unigrams.push_back(e);
  }
}

Result<ConceptModel> ConceptModel::train(const std::vector<ConceptExample>& bigrams,
                                         const std::vector<ConceptExample>& unigrams, double ridge) {
  auto b = fit(bigrams, ridge);
  if (!b) return make_error("bigram model: " + b.error().message);
  auto u = fit(unigrams, ridge);
  if (!u) return make_error("unigram model: " + u.error().message);
  ConceptModel model;
  model.bigram_weights_ = *b;
  model.unigram_weights_ = *u;
  return model;
}

double ConceptModel::probability(ConceptKind kind, const ConceptFeatures& features) const {
  return sigmoid(dot(kind == ConceptKind::kBigram ? bigram_weights_ : unigram_weights_, features));
}

std::string ConceptModel::serialize() const {
  std::ostringstream out;
  out.precision(17);
  out << "precis-concepts " << kConceptModelVersion << ' ' << kConceptFeatures << '\n';
  for (const ConceptFeatures* w : {&bigram_weights_, &unigram_weights_}) {
    for (int k = 0; k < kConceptFeatures; ++k) out << (k ? " " : "") << (*w)[k];
    out << '\n';
  }
  return out.str();
}

Result<ConceptModel> ConceptModel::parse(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string magic;
  int version = 0, features = 0;
  if (!(in >> magic >> version >> features) || magic != "precis-concepts") return make_error("not a precis concept model");
  if (version != kConceptModelVersion || features != kConceptFeatures) {
    return make_error("concept model version " + std::to_string(version) + " with " + std::to_string(features) +
                      " features; expected version " + std::to_string(kConceptModelVersion));
  }
  ConceptModel model;
  for (ConceptFeatures* w : {&model.bigram_weights_, &model.unigram_weights_}) {
    for (int k = 0; k < kConceptFeatures; ++k) {
      if (!(in >> (*w)[k]) || !std::isfinite((*w)[k])) return make_error("concept model: bad or missing weight");
    }
  }
  std::string rest;
  if (in >> rest) return make_error("concept model: trailing text");
  return model;
}

std::string concept_model_cache_path() {
  const std::string dir = user_cache_dir();
  return dir.empty() ? "" : dir + "/concepts-v" + std::to_string(kConceptModelVersion) + ".model";
}

bool save_cached_concept_model(const ConceptModel& model) {
  const std::string path = concept_model_cache_path();
  return !path.empty() && write_file_atomically(path, model.serialize()).has_value();
}

std::shared_ptr<const ConceptModel> load_cached_concept_model() {
  std::string path = concept_model_cache_path();
  if (path.empty()) return nullptr;
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto model = ConceptModel::parse(buffer.str());
  if (!model) return nullptr;
  return std::make_shared<const ConceptModel>(std::move(*model));
}

std::shared_ptr<const ConceptModel> default_concept_model(const ConceptModelTrainer& trainer) {
  // A function-local static is initialised once, and other threads wait for it (C++11 [stmt.dcl]).
  static const std::shared_ptr<const ConceptModel> model = [&]() -> std::shared_ptr<const ConceptModel> {
    if (auto cached = load_cached_concept_model()) return cached;
    if (trainer) return trainer();
    return nullptr;
  }();
  return model;
}

}  // namespace precis::summarize
