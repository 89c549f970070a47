// The entity evaluation (../shared/EVAL.md §6): exact-span precision, recall and F1 of PER, ORG
// and LOC names on CoNLL-2003 test, conlleval-style (a name counts when its first word, last word
// and type all match). MISC is scored and shown but left out of the headline micro average, as
// EVAL.md allows.
//
// Protocol: the perceptron is trained on the development set (valid.txt) only -- the CoNLL
// training set is not part of the shared data -- and never sees the test set. With
// `rules_only`, the rule + gazetteer tagger is scored instead (no training).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "precis/base/result.h"
#include "precis/facts/conll.h"
#include "precis/facts/entity_tagger.h"

namespace precis::harness {

struct EntityTypeScore {
  std::string type;  // "PER", "ORG", "LOC", "MISC", or "PER+ORG+LOC" for the micro average
  std::size_t gold = 0;
  std::size_t predicted = 0;
  std::size_t correct = 0;
  double precision() const { return predicted == 0 ? 0.0 : static_cast<double>(correct) / predicted; }
  double recall() const { return gold == 0 ? 0.0 : static_cast<double>(correct) / gold; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

struct EntityEvalOptions {
  std::string train_path;  // "" = facts::conll_dev_path()
  std::string test_path;   // "" = facts::conll_test_path()
  bool rules_only = false;
  bool refine = true;  // facts::refine_name_spans on the tagger's names (EntityTagger::set_refine)
  facts::TrainOptions train;
  std::string save_model;  // when set, the trained model is written there
  std::string predictions_path;  // when set, conlleval input ("word gold predicted") is written there
};

struct EntityEvalReport {
  std::string tagger;                 // EntityTagger::description()
  std::vector<EntityTypeScore> types; // PER, ORG, LOC, MISC
  EntityTypeScore micro;              // PER+ORG+LOC
  std::size_t train_sentences = 0;
  std::size_t test_sentences = 0;
  std::size_t test_words = 0;
  double train_seconds = 0;
  double tag_seconds = 0;
};

// Scores `tagger` on `gold` (documents tagged one at a time, as precis tags an article). When
// `predictions` is not null, appends conlleval input to it: "word gold predicted" per word.
EntityEvalReport score_entities(const facts::EntityTagger& tagger, const std::vector<facts::LabeledDocument>& gold,
                                std::string* predictions = nullptr);

// Trains (unless rules_only) and scores. Fails when a data file cannot be read or is empty.
Result<EntityEvalReport> evaluate_entities(const EntityEvalOptions& options);

// Two-fold cross-validation on the training file alone (for choosing features and settings without
// looking at test): documents 0, 2, 4, ... form half A, 1, 3, 5, ... half B; [0] is trained on A
// and scored on B, [1] trained on B and scored on A. `test_path` and `save_model` are ignored;
// `predictions_path` receives both halves' predictions (B then A). Fails when the training file
// cannot be read or holds fewer than two documents.
Result<std::vector<EntityEvalReport>> evaluate_entities_dev_halves(const EntityEvalOptions& options);

// A fixed-width table: type, gold, predicted, correct, P, R, F1 (x100).
std::string format_entity_table(const EntityEvalReport& report);

// --- Figures and dates on a self-annotated DUC sample (tests/data/facts_annotations.tsv) ---
//
// Each annotation names a document under the shared data directory, a byte range of the file and
// the expected normalised value. The document is read and cleaned by the engine as `precis facts`
// does, facts are extracted, and:
//   recall     an annotation is found when an extracted fact of its kind overlaps it (original
//              spans) with the expected value: figures value (within 0.5%), value_high, unit and,
//              when annotated, counted noun; dates iso_begin and iso_end;
//   precision  an extracted fact is right when it is such a match; extracted facts overlapping no
//              annotation count as wrong (the sample documents are annotated exhaustively).
struct FactsSampleScore {
  std::string kind;  // "figure" or "date"
  std::size_t annotated = 0, found = 0, extracted = 0, right = 0;
  double recall() const { return annotated == 0 ? 0.0 : static_cast<double>(found) / annotated; }
  double precision() const { return extracted == 0 ? 0.0 : static_cast<double>(right) / extracted; }
};

struct FactsSampleReport {
  std::size_t documents = 0;
  FactsSampleScore figures{"figure"}, dates{"date"};
  std::vector<std::string> misses;  // "doc begin-end kind: expected X, got Y"
  std::vector<std::string> extras;  // extracted but wrong: "doc begin-end kind: got X"
};

// Fails when the annotation file cannot be read or a listed document is missing.
Result<FactsSampleReport> evaluate_facts_sample(const std::string& annotations_path, const std::string& data_dir);

}  // namespace precis::harness
