// Sentence-level "same content" decisions: lexical features of a sentence pair and a logistic
// regression over them.
//
// Usage: features = paraphrase_features(a, sa, b, sb);  ParaphraseModel m =
// ParaphraseModel::train(examples, labels); m.probability(features) >= m.threshold().
// The features are those of the lexical-overlap baseline of Das & Smith (2009, "Paraphrase
// identification as probabilistic quasi-synchronous recognition": n-gram precision and recall on
// words and stems, n = 1..3), plus what a rewrite must keep: the same numbers, the same names,
// the same polarity; and the longest common subsequence and character 4-gram overlap, which see
// reordering and inflection. The pair order does not matter to any feature's meaning but the
// precision/recall features are directional, as in the data (MSRP pairs are ordered).
//
// Thread safety: pure functions; a trained model is immutable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "precis/corpus/article.h"

namespace precis::dedup {

// A sentence as the features see it (built from an annotated Article's tokens).
struct SentenceView {
  std::vector<std::string> words;   // lower-cased word tokens
  std::vector<std::string> stems;   // their stems
  std::vector<bool> stopword;
  std::vector<bool> capitalized;    // starts with an upper-case letter in the text (not first word)
};

SentenceView sentence_view(const Article& article, const Sentence& sentence);

// The feature vector of a pair (size paraphrase_feature_names().size()).
std::vector<double> paraphrase_features(const SentenceView& a, const SentenceView& b);
const std::vector<std::string>& paraphrase_feature_names();

struct ParaphraseTrainOptions {
  double l2 = 1.0;            // ridge penalty on the standardised weights
  std::uint32_t iterations = 60;  // Newton steps (IRLS)
  std::uint32_t folds = 10;   // cross-validation folds for choosing the threshold
};

class ParaphraseModel {
 public:
  // Fits on `examples` (feature vectors) with labels 1 = same content, 0 = not; the decision
  // threshold maximises cross-validated accuracy on the same training data (never on test data).
  static ParaphraseModel train(const std::vector<std::vector<double>>& examples, const std::vector<int>& labels,
                               const ParaphraseTrainOptions& options = {});
  double probability(const std::vector<double>& features) const;
  bool same_content(const std::vector<double>& features) const { return probability(features) >= threshold_; }
  double threshold() const { return threshold_; }
  double cv_accuracy() const { return cv_accuracy_; }
  const std::vector<double>& weights() const { return weights_; }  // on standardised features, bias last

 private:
  std::vector<double> mean_, scale_, weights_;
  double threshold_ = 0.5;
  double cv_accuracy_ = 0;
};

}  // namespace precis::dedup
