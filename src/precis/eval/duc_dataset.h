// DUC task-2 data sets on disk (../shared/data/duc2004_task2, duc2003_task2), and the glue that
// turns them into ROUGE evaluation units.
//
// Layout, as found (names are matched case-insensitively, topic ids are lower-cased):
//   docs/d30001t/APW19981016.0240 ...   the cluster's documents (one directory per topic)
//   models/d30001.m.100.t.a             human summaries: <topic>.M.100.T.<assessor>
//   peers/d30001.CLASSY04               system summaries: <topic>.<system id>
// Summaries are plain text, one sentence per line (ROUGE's SPL format).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "precis/base/diagnostic.h"
#include "precis/base/result.h"
#include "precis/eval/rouge.h"

namespace precis::eval {

inline constexpr const char* kWordNetDir = "/usr/share/wordnet";

struct DucTopic {
  std::string id;                                  // "d30001"
  std::string docs_dir;                            // empty when the data set has no docs/
  std::vector<std::string> document_paths;         // sorted
  std::vector<std::string> model_paths;            // sorted
  std::map<std::string, std::string> peer_paths;   // system id -> file
};

struct DucDataset {
  std::string root;
  std::vector<DucTopic> topics;      // sorted by id
  std::vector<std::string> systems;  // every system id under peers/, sorted
  const DucTopic* find(const std::string& topic_id) const;
};

// The shared evaluation data directory: $PRECIS_SHARED_DATA if set, else
// PRECIS_SOURCE_DIR "/../shared/data". The directory may not exist.
std::string shared_data_dir();

// Scans `root`. Fails when neither docs/ nor models/ exists; odd file names become Diagnostics
// (may be null) and are skipped.
Result<DucDataset> load_duc_dataset(const std::string& root, Diagnostics* diagnostics = nullptr);

// Reads a summary file as ROUGE does (non-empty lines).
Result<RougeSummary> read_summary_file(const std::string& path);

// ROUGE units for one system of peers/: every topic with both a peer summary and models.
// Topics missing the peer are reported as Diagnostics and left out (ROUGE skips them too).
Result<std::vector<RougeTopic>> rouge_topics_for_system(const DucDataset& dataset,
                                                        const std::string& system,
                                                        Diagnostics* diagnostics = nullptr);

// ROUGE units for summaries stored as files <topic><suffix> in `directory` (e.g. d30001.precis or
// d30001t.precis). Files whose topic is unknown or has no models are reported and skipped; topics
// without a file are reported as missing.
Result<std::vector<RougeTopic>> rouge_topics_for_directory(const DucDataset& dataset,
                                                           const std::string& directory,
                                                           const std::string& suffix,
                                                           Diagnostics* diagnostics = nullptr);

// ROUGE's stemming exceptions (its WordNet-2.0.exc.db) rebuilt from WordNet's morphological
// exception lists: every line "inflected base ..." of adj.exc, adv.exc, noun.exc and verb.exc (in
// that order, later files overriding earlier ones) maps the inflected form to its first base.
// `dir` defaults to Debian's wordnet-base location. Fails when no .exc file is found.
Result<StemExceptions> load_wordnet_exceptions(const std::string& dir = kWordNetDir);

}  // namespace precis::eval
