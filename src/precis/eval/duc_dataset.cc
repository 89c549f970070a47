// Discovering DUC task-2 directories. File names carry all the structure (see duc_dataset.h), so
// this is a directory scan plus name parsing; nothing here trusts the input to be well formed.
#include "precis/eval/duc_dataset.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "precis/base/shared_data.h"

namespace precis::eval {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
  for (char& ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return s;
}

std::vector<fs::path> list_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> list_dirs(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_directory(type_ec)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "d30001t" -> "d30001" (DUC's docs directories carry the assessor-independent "t").
std::string topic_from_docs_dir(const std::string& name) {
  std::string id = lower(name);
  if (id.size() > 1 && id.back() == 't') id.pop_back();
  return id;
}

}  // namespace

const DucTopic* DucDataset::find(const std::string& topic_id) const {
  for (const auto& t : topics) {
    if (t.id == topic_id) return &t;
  }
  return nullptr;
}

std::string shared_data_dir() { return precis::shared_data_dir(); }

Result<DucDataset> load_duc_dataset(const std::string& root, Diagnostics* diagnostics) {
  const fs::path base(root);
  std::error_code ec;
  const bool has_docs = fs::is_directory(base / "docs", ec);
  const bool has_models = fs::is_directory(base / "models", ec);
  if (!has_docs && !has_models) {
    return make_error("not a DUC data set (no docs/ or models/): " + root);
  }
  std::map<std::string, DucTopic> topics;
  auto topic = [&](const std::string& id) -> DucTopic& {
    DucTopic& t = topics[id];
    t.id = id;
    return t;
  };
  auto note = [&](const fs::path& p, const std::string& message) {
    if (diagnostics != nullptr) diagnostics->push_back({p.string(), message, Severity::kWarning});
  };

  for (const auto& dir : list_dirs(base / "docs")) {
    DucTopic& t = topic(topic_from_docs_dir(dir.filename().string()));
    t.docs_dir = dir.string();
    for (const auto& file : list_files(dir)) t.document_paths.push_back(file.string());
  }
  for (const auto& file : list_files(base / "models")) {
    std::string name = file.filename().string();
    auto dot = name.find('.');
    if (dot == std::string::npos || dot == 0) {
      note(file, "model file name without a <topic>. prefix; skipped");
      continue;
    }
    topic(lower(name.substr(0, dot))).model_paths.push_back(file.string());
  }
  std::set<std::string> systems;
  for (const auto& file : list_files(base / "peers")) {
    std::string name = file.filename().string();
    auto dot = name.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) {
      note(file, "peer file name is not <topic>.<system>; skipped");
      continue;
    }
    std::string system = name.substr(dot + 1);
    topic(lower(name.substr(0, dot))).peer_paths[system] = file.string();
    systems.insert(system);
  }

  DucDataset dataset;
  dataset.root = root;
  for (auto& [id, t] : topics) dataset.topics.push_back(std::move(t));
  dataset.systems.assign(systems.begin(), systems.end());
  return dataset;
}

Result<RougeSummary> read_summary_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return rouge_summary_from_text(buffer.str());
}

Result<StemExceptions> load_wordnet_exceptions(const std::string& dir) {
  StemExceptions exceptions;
  bool found = false;
  for (const char* name : {"adj.exc", "adv.exc", "noun.exc", "verb.exc"}) {
    std::ifstream in(dir + "/" + name);
    if (!in) continue;
    found = true;
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string inflected, base;
      if (fields >> inflected >> base) exceptions[inflected] = base;
    }
  }
  if (!found) return make_error("no WordNet exception lists (*.exc) in " + dir);
  return exceptions;
}

namespace {

Result<std::vector<RougeSummary>> read_models(const DucTopic& topic) {
  std::vector<RougeSummary> models;
  for (const auto& path : topic.model_paths) {
    auto summary = read_summary_file(path);
    if (!summary) return tl::unexpected(summary.error());
    models.push_back(std::move(*summary));
  }
  return models;
}

}  // namespace

Result<std::vector<RougeTopic>> rouge_topics_for_system(const DucDataset& dataset,
                                                        const std::string& system,
                                                        Diagnostics* diagnostics) {
  if (std::find(dataset.systems.begin(), dataset.systems.end(), system) == dataset.systems.end()) {
    return make_error("no system '" + system + "' under " + dataset.root + "/peers");
  }
  std::vector<RougeTopic> units;
  for (const auto& topic : dataset.topics) {
    if (topic.model_paths.empty()) continue;
    auto it = topic.peer_paths.find(system);
    if (it == topic.peer_paths.end()) {
      if (diagnostics != nullptr) {
        diagnostics->push_back({topic.id, "no summary of system " + system + " for this topic",
                                Severity::kWarning});
      }
      continue;
    }
    auto peer = read_summary_file(it->second);
    if (!peer) return tl::unexpected(peer.error());
    auto models = read_models(topic);
    if (!models) return tl::unexpected(models.error());
    units.push_back(RougeTopic{topic.id, std::move(*peer), std::move(*models)});
  }
  return units;
}

Result<std::vector<RougeTopic>> rouge_topics_for_directory(const DucDataset& dataset,
                                                           const std::string& directory,
                                                           const std::string& suffix,
                                                           Diagnostics* diagnostics) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) return make_error("not a directory: " + directory);
  std::map<std::string, std::string> files;  // topic id -> path
  for (const auto& file : list_files(directory)) {
    std::string name = file.filename().string();
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    std::string id = lower(name.substr(0, name.size() - suffix.size()));
    if (dataset.find(id) == nullptr && id.size() > 1 && id.back() == 't') id.pop_back();
    const DucTopic* topic = dataset.find(id);
    if (topic == nullptr || topic->model_paths.empty()) {
      if (diagnostics != nullptr) {
        diagnostics->push_back({file.string(), "no models for this topic; skipped", Severity::kWarning});
      }
      continue;
    }
    files[id] = file.string();
  }
  std::vector<RougeTopic> units;
  for (const auto& topic : dataset.topics) {
    if (topic.model_paths.empty()) continue;
    auto it = files.find(topic.id);
    if (it == files.end()) {
      if (diagnostics != nullptr) {
        diagnostics->push_back({topic.id, "no summary file " + topic.id + suffix + " in " + directory,
                                Severity::kWarning});
      }
      continue;
    }
    auto peer = read_summary_file(it->second);
    if (!peer) return tl::unexpected(peer.error());
    auto models = read_models(topic);
    if (!models) return tl::unexpected(models.error());
    units.push_back(RougeTopic{topic.id, std::move(*peer), std::move(*models)});
  }
  return units;
}

}  // namespace precis::eval
