// MinHash (Broder 1997, "On the resemblance and containment of documents") with banded LSH.
//
// The k hash functions are multiply-add-shift hashes over the 64-bit feature hashes (Dietzfelbinger
// et al. 1997): h_i(x) = (a_i * x + b_i) >> 32 with odd a_i. The features are already xxHash3 values,
// so this family behaves like independent permutations for MinHash purposes, and it costs one
// multiply-add per feature and hash function, which the compiler vectorises. A band key is the
// xxHash of the band's rows, so the tables hold 64-bit keys instead of rows.
#include "precis/dedup/minhash.h"

#include <algorithm>
#include <limits>

#include "precis/base/hash.h"

namespace precis::dedup {
namespace {

// splitmix64: a fixed, seedable stream for the hash-function parameters.
std::uint64_t splitmix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

MinHasher::MinHasher(const MinHashOptions& options) {
  std::uint32_t k = std::max<std::uint32_t>(1, options.hashes);
  std::uint64_t state = options.seed;
  mul_.resize(k);
  add_.resize(k);
  for (std::uint32_t i = 0; i < k; ++i) {
    mul_[i] = splitmix(state) | 1ULL;
    add_[i] = splitmix(state);
  }
}

Signature MinHasher::sign(const std::vector<std::uint64_t>& features) const {
  const std::size_t k = mul_.size();
  std::vector<std::uint32_t> sig(k, std::numeric_limits<std::uint32_t>::max());
  const std::uint64_t* mul = mul_.data();
  const std::uint64_t* add = add_.data();
  std::uint32_t* out = sig.data();
  for (std::uint64_t x : features) {
    for (std::size_t i = 0; i < k; ++i) {
      auto h = static_cast<std::uint32_t>((mul[i] * x + add[i]) >> 32);
      out[i] = h < out[i] ? h : out[i];
    }
  }
  return sig;
}

double estimate_jaccard(const Signature& a, const Signature& b) {
  std::size_t n = std::min(a.size(), b.size());
  if (n == 0) return 0.0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < n; ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(n);
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++both, ++i, ++j;
    }
  }
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

void make_set(std::vector<std::uint64_t>& features) {
  std::sort(features.begin(), features.end());
  features.erase(std::unique(features.begin(), features.end()), features.end());
}

LshIndex::LshIndex(const LshOptions& options) : options_(options) {
  options_.bands = std::max<std::uint32_t>(1, options_.bands);
  options_.rows = std::max<std::uint32_t>(1, options_.rows);
  tables_.resize(options_.bands);
}

std::uint64_t LshIndex::band_key(const Signature& signature, std::uint32_t band) const {
  std::size_t begin = static_cast<std::size_t>(band) * options_.rows;
  if (begin >= signature.size()) return band;  // too short a signature: every item shares the band
  std::size_t n = std::min<std::size_t>(options_.rows, signature.size() - begin);
  return hash64(std::string_view(reinterpret_cast<const char*>(signature.data() + begin), n * sizeof(std::uint32_t)),
                band);
}

void LshIndex::insert(std::uint32_t id, const Signature& signature) {
  for (std::uint32_t b = 0; b < options_.bands; ++b) {
    tables_[b][band_key(signature, b)].push_back(id);
    ++entries_;
  }
}

void LshIndex::erase(std::uint32_t id, const Signature& signature) {
  for (std::uint32_t b = 0; b < options_.bands; ++b) {
    auto it = tables_[b].find(band_key(signature, b));
    if (it == tables_[b].end()) continue;
    auto& ids = it->second;
    auto pos = std::find(ids.begin(), ids.end(), id);
    if (pos == ids.end()) continue;
    ids.erase(pos);
    --entries_;
    if (ids.empty()) tables_[b].erase(it);
  }
}

void LshIndex::candidates(const Signature& signature, std::vector<std::uint32_t>& out) const {
  out.clear();
  for (std::uint32_t b = 0; b < options_.bands; ++b) {
    auto it = tables_[b].find(band_key(signature, b));
    if (it != tables_[b].end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace precis::dedup
