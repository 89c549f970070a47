// Distributional word classes by spherical k-means over neighbour-count vectors. Brown clustering
// (Brown et al. 1992; Liang 2005) would give a true binary hierarchy, but its exchange steps cost
// minutes on a million words; k-means over context vectors (Schuetze 1993; Lin & Wu 2009 use the
// same idea for NER at web scale) runs in seconds, and nesting a second k-means over the fine
// centroids gives the coarse-to-fine prefixes that make Brown features useful. See
// docs/decisions/entities.md for the comparison on CoNLL dev halves.
#include "precis/facts/word_clusters.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "precis/base/files.h"
#include "precis/base/hash.h"
#include "precis/facts/conll.h"
#include "precis/facts/entity_tagger.h"
#include "precis/facts/gazetteer.h"

namespace precis::facts {
namespace {

constexpr int kFine = 512, kMid = 128, kCoarse = 32;
constexpr int kContexts = 1000;
constexpr int kMinCount = 4;
constexpr int kIterations = 8;
constexpr char kMagic[8] = {'P', 'R', 'C', 'S', 'W', 'C', 'L', '1'};

bool word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Simple news tokeniser: letter/digit runs (keeping inner ' - . &), other non-space bytes alone.
// `starts` marks sentence-initial tokens (after . ! ? or at the start of a text block).
void tokenise(std::string_view text, std::vector<std::string>& tokens, std::vector<bool>& starts) {
  bool start = true;
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    if (c == '<') {  // markup
      std::size_t close = text.find('>', i);
      if (close == std::string_view::npos) break;
      std::string_view tag = text.substr(i, close - i);
      if (tag.find("P") != std::string_view::npos || tag.find("TEXT") != std::string_view::npos) start = true;
      i = close + 1;
      continue;
    }
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    if (word_char(c)) {
      while (end < text.size()) {
        unsigned char d = text[end];
        if (word_char(d)) {
          ++end;
        } else if ((d == '\'' || d == '-' || d == '.' || d == '&') && end + 1 < text.size() &&
                   word_char(static_cast<unsigned char>(text[end + 1]))) {
          end += 2;
        } else {
          break;
        }
      }
    }
    std::string_view tok = text.substr(i, end - i);
    tokens.emplace_back(tok);
    starts.push_back(start);
    start = tok == "." || tok == "!" || tok == "?" || (tok == "\"" && start);
    i = end;
  }
}

bool is_capitalised(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

using Sparse = std::vector<std::pair<std::uint32_t, float>>;

void normalise(std::vector<float>& v) {
  double n = 0;
  for (float x : v) n += double(x) * x;
  if (n <= 0) return;
  const float inv = static_cast<float>(1.0 / std::sqrt(n));
  for (float& x : v) x *= inv;
}

// Spherical k-means on sparse unit vectors with dense centroids; `init` gives the first centroid
// members. Returns the assignment; `centroids` (k x dim) receives the final centroids.
std::vector<int> kmeans(const std::vector<Sparse>& points, std::size_t dim, int k, int iterations,
                        std::vector<std::vector<float>>& centroids) {
  const std::size_t n = points.size();
  std::vector<int> assign(n, 0);
  centroids.assign(k, std::vector<float>(dim, 0.0f));
  // Initialise with the first k points (callers order points by frequency: frequent words make
  // stable seeds), then iterate.
  for (int c = 0; c < k && static_cast<std::size_t>(c) < n; ++c) {
    for (auto [j, x] : points[c]) centroids[c][j] = x;
  }
  for (int it = 0; it < iterations; ++it) {
    for (std::size_t p = 0; p < n; ++p) {
      int best = 0;
      float best_dot = -1e30f;
      for (int c = 0; c < k; ++c) {
        const float* cv = centroids[c].data();
        float dot = 0;
        for (auto [j, x] : points[p]) dot += cv[j] * x;
        if (dot > best_dot) {
          best_dot = dot;
          best = c;
        }
      }
      assign[p] = best;
    }
    std::vector<std::vector<float>> next(k, std::vector<float>(dim, 0.0f));
    std::vector<std::size_t> members(k, 0);
    for (std::size_t p = 0; p < n; ++p) {
      members[assign[p]]++;
      for (auto [j, x] : points[p]) next[assign[p]][j] += x;
    }
    for (int c = 0; c < k; ++c) {
      if (members[c] == 0) continue;  // keep an empty cluster's old centroid
      normalise(next[c]);
      centroids[c] = std::move(next[c]);
    }
  }
  return assign;
}

}  // namespace

WordClusters WordClusters::learn(const std::vector<std::string>& texts,
                                 const std::vector<std::vector<std::string>>& sentences) {
  // Token stream of lower-cased word ids; -1 separates texts and sentences.
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::string> names;
  std::vector<std::uint64_t> count, mid, mid_caps;
  std::vector<std::int64_t> stream;
  auto add = [&](std::string_view word, bool start) {
    std::string lower = ascii_lower(word);
    auto [it, inserted] = ids.emplace(lower, static_cast<std::uint32_t>(names.size()));
    if (inserted) {
      names.push_back(lower);
      count.push_back(0);
      mid.push_back(0);
      mid_caps.push_back(0);
    }
    const std::uint32_t id = it->second;
    count[id]++;
    if (!start) {
      mid[id]++;
      mid_caps[id] += is_capitalised(word);
    }
    stream.push_back(id);
  };
  std::vector<std::string> tokens;
  std::vector<bool> starts;
  for (const std::string& text : texts) {
    tokens.clear();
    starts.clear();
    tokenise(text, tokens, starts);
    for (std::size_t i = 0; i < tokens.size(); ++i) add(tokens[i], starts[i]);
    stream.push_back(-1);
  }
  for (const auto& s : sentences) {
    // CoNLL headlines are all capitals: they count for context, not for capitalisation.
    bool headline = std::none_of(s.begin(), s.end(), [](const std::string& w) {
      return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    });
    for (std::size_t i = 0; i < s.size(); ++i) add(s[i], i == 0 || headline);
    stream.push_back(-1);
  }
  WordClusters out;
  if (names.empty()) return out;
  // Context vocabulary: the most frequent words; the clustered vocabulary: words seen kMinCount+
  // times, most frequent first.
  std::vector<std::uint32_t> by_freq(names.size());
  for (std::uint32_t i = 0; i < by_freq.size(); ++i) by_freq[i] = i;
  std::stable_sort(by_freq.begin(), by_freq.end(), [&](auto a, auto b) { return count[a] > count[b]; });
  std::vector<int> context_of(names.size(), -1);
  for (int r = 0; r < kContexts && static_cast<std::size_t>(r) < by_freq.size(); ++r) context_of[by_freq[r]] = r;
  std::vector<int> row_of(names.size(), -1);
  std::vector<std::uint32_t> vocab;
  for (std::uint32_t w : by_freq) {
    if (count[w] < kMinCount) break;
    row_of[w] = static_cast<int>(vocab.size());
    vocab.push_back(w);
  }
  if (vocab.size() < static_cast<std::size_t>(kFine) * 2) return out;  // too little text
  std::vector<std::map<std::uint32_t, float>> counts(vocab.size());
  const std::size_t dim = 2 * kContexts;
  for (std::size_t i = 0; i < stream.size(); ++i) {
    if (stream[i] < 0 || row_of[stream[i]] < 0) continue;
    auto& m = counts[row_of[stream[i]]];
    const std::int64_t left = i > 0 ? stream[i - 1] : -1;
    const std::int64_t right = i + 1 < stream.size() ? stream[i + 1] : -1;
    if (left >= 0 && context_of[left] >= 0) m[context_of[left]] += 1;
    if (right >= 0 && context_of[right] >= 0) m[kContexts + context_of[right]] += 1;
  }
  std::vector<Sparse> points(vocab.size());
  for (std::size_t r = 0; r < vocab.size(); ++r) {
    double norm = 0;
    for (auto& [j, c] : counts[r]) {
      float x = std::log1p(c);
      points[r].emplace_back(j, x);
      norm += double(x) * x;
    }
    if (norm > 0) {
      for (auto& p : points[r]) p.second = static_cast<float>(p.second / std::sqrt(norm));
    }
  }
  counts.clear();
  std::vector<std::vector<float>> fine_centroids;
  std::vector<int> fine = kmeans(points, dim, kFine, kIterations, fine_centroids);
  // Nest: cluster the fine centroids.
  std::vector<Sparse> centroid_points(kFine);
  for (int c = 0; c < kFine; ++c) {
    for (std::size_t j = 0; j < dim; ++j) {
      if (fine_centroids[c][j] != 0.0f) centroid_points[c].emplace_back(static_cast<std::uint32_t>(j), fine_centroids[c][j]);
    }
  }
  std::vector<std::vector<float>> ignored;
  std::vector<int> mid_level = kmeans(centroid_points, dim, kMid, kIterations, ignored);
  std::vector<int> coarse = kmeans(centroid_points, dim, kCoarse, kIterations, ignored);
  for (std::size_t r = 0; r < vocab.size(); ++r) {
    const std::uint32_t w = vocab[r];
    Entry e;
    e.cls[0] = static_cast<std::uint16_t>(coarse[fine[r]]);
    e.cls[1] = static_cast<std::uint16_t>(mid_level[fine[r]]);
    e.cls[2] = static_cast<std::uint16_t>(fine[r]);
    if (mid[w] == 0) {
      e.capitalised = 0;
    } else {
      const double share = double(mid_caps[w]) / double(mid[w]);
      e.capitalised = static_cast<std::uint8_t>(1 + (share >= 0.1) + (share >= 0.5) + (share >= 0.9));
    }
    out.words_.emplace(names[w], e);
  }
  out.compute_fingerprint();
  return out;
}

void WordClusters::compute_fingerprint() {
  std::vector<std::string> keys;
  keys.reserve(words_.size());
  for (const auto& [w, e] : words_) keys.push_back(w);
  std::sort(keys.begin(), keys.end());
  std::string all;
  for (const auto& k : keys) {
    const Entry& e = words_.at(k);
    all += k;
    all += '\x1f';
    for (int l = 0; l < kLevels; ++l) all += std::to_string(e.cls[l]) + ",";
    all += std::to_string(e.capitalised);
    all += '\n';
  }
  fingerprint_ = hash64(all);
}

const WordClusters::Entry* WordClusters::find(std::string_view word) const {
  if (words_.empty()) return nullptr;
  auto it = words_.find(ascii_lower(word));
  return it == words_.end() ? nullptr : &it->second;
}

Result<bool> WordClusters::save(const std::string& path) const {
  std::ostringstream out(std::ios::binary);
  out.write(kMagic, sizeof kMagic);
  std::uint64_t n = words_.size();
  out.write(reinterpret_cast<const char*>(&n), sizeof n);
  for (const auto& [w, e] : words_) {
    std::uint32_t len = static_cast<std::uint32_t>(w.size());
    out.write(reinterpret_cast<const char*>(&len), sizeof len);
    out.write(w.data(), len);
    out.write(reinterpret_cast<const char*>(e.cls), sizeof e.cls);
    out.write(reinterpret_cast<const char*>(&e.capitalised), 1);
  }
  return write_file_atomically(path, out.str());
}

Result<WordClusters> WordClusters::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot open " + path);
  char magic[sizeof kMagic];
  in.read(magic, sizeof magic);
  std::uint64_t n = 0;
  in.read(reinterpret_cast<char*>(&n), sizeof n);
  if (!in || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return make_error(path + " is not a precis word-cluster file");
  if (n > (1u << 24)) return make_error(path + " is corrupt");
  WordClusters out;
  out.words_.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint32_t len = 0;
    in.read(reinterpret_cast<char*>(&len), sizeof len);
    if (!in || len > 4096) return make_error(path + " is corrupt");
    std::string w(len, '\0');
    in.read(w.data(), len);
    Entry e;
    in.read(reinterpret_cast<char*>(e.cls), sizeof e.cls);
    in.read(reinterpret_cast<char*>(&e.capitalised), 1);
    if (!in) return make_error(path + " is truncated");
    out.words_.emplace(std::move(w), e);
  }
  out.compute_fingerprint();
  return out;
}

std::string word_clusters_cache_path() {
  const std::string dir = user_cache_dir();
  return dir.empty() ? "" : dir + "/word-clusters-v1.bin";
}

const WordClusters& default_word_clusters() {
  static const WordClusters clusters = [] {
    const std::string cache = word_clusters_cache_path();
    if (!cache.empty()) {
      auto loaded = WordClusters::load(cache);
      if (loaded) return *loaded;
    }
    const std::string root = shared_data_root();
    std::vector<std::string> files;
    std::error_code ec;
    for (const char* sub : {"duc2003_task2/docs", "duc2004_task2/docs", "wikiref220_clustering/docs"}) {
      const std::filesystem::path dir = std::filesystem::path(root) / sub;
      if (!std::filesystem::is_directory(dir, ec)) continue;
      for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      }
    }
    std::sort(files.begin(), files.end());  // deterministic order, deterministic clusters
    std::vector<std::string> texts;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      texts.push_back(ss.str());
    }
    // CoNLL development words (never test).
    std::vector<std::vector<std::string>> sentences;
    if (auto dev = read_conll(conll_dev_path())) {
      for (const auto& d : *dev) {
        for (const auto& s : d.sentences) sentences.push_back(s.words);
      }
    }
    WordClusters learnt = WordClusters::learn(texts, sentences);
    if (!learnt.empty() && !cache.empty()) (void)learnt.save(cache);  // best effort; save creates the folder
    return learnt;
  }();
  return clusters;
}

}  // namespace precis::facts
