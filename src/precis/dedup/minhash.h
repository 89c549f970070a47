// MinHash signatures and a banded LSH index over sets of 64-bit feature hashes (word shingles,
// content stems).
//
// Usage: MinHasher h(options); auto sig = h.sign(features);  LshIndex lsh(options);
// lsh.insert(id, sig); lsh.candidates(sig, out); lsh.erase(id, sig) when an item leaves the window.
//
// Guarantee (Broder 1997; Leskovec, Rajaraman & Ullman, Mining of Massive Datasets ch. 3): two sets
// with Jaccard similarity J share at least one band with probability 1 - (1 - J^rows)^bands. With
// the defaults (64 hashes, 32 bands of 2 rows) a pair at J = 0.5 is missed with probability
// 0.75^32 = 1e-4 and a pair at J = 0.3 with probability 0.05; a pair at J = 0.05 becomes a
// candidate with probability 0.08. Hash functions are derived from `seed`, so signatures and
// candidates are deterministic for a given seed.
//
// Thread safety: MinHasher is immutable after construction (sign() may run concurrently);
// LshIndex needs external synchronisation for insert/erase, and candidates() is const.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace precis::dedup {

struct MinHashOptions {
  std::uint32_t hashes = 64;  // signature length; must equal bands * rows for LSH
  std::uint64_t seed = 0x5eed'd00d'cafe'f00dULL;
};

using Signature = std::vector<std::uint32_t>;

class MinHasher {
 public:
  explicit MinHasher(const MinHashOptions& options = {});
  // The signature of a set given as feature hashes (duplicates allowed; order irrelevant). An empty
  // set gets a signature of all 0xffffffff, which matches only other empty sets.
  Signature sign(const std::vector<std::uint64_t>& features) const;
  std::uint32_t size() const { return static_cast<std::uint32_t>(mul_.size()); }

 private:
  std::vector<std::uint64_t> mul_;
  std::vector<std::uint64_t> add_;
};

// The fraction of equal positions: an unbiased estimate of the Jaccard similarity.
double estimate_jaccard(const Signature& a, const Signature& b);

// Exact Jaccard similarity of two sets given as sorted, duplicate-free vectors (1.0 when both empty).
double jaccard(const std::vector<std::uint64_t>& sorted_a, const std::vector<std::uint64_t>& sorted_b);

// Sorts and removes duplicates in place.
void make_set(std::vector<std::uint64_t>& features);

struct LshOptions {
  std::uint32_t bands = 32;
  std::uint32_t rows = 2;  // bands * rows must not exceed the signature length
};

// Banded LSH: one hash table per band, keyed by the hash of the band's rows.
class LshIndex {
 public:
  explicit LshIndex(const LshOptions& options = {});
  void insert(std::uint32_t id, const Signature& signature);
  // Removes `id`, which must have been inserted with this same signature (otherwise a no-op).
  void erase(std::uint32_t id, const Signature& signature);
  // Appends every id that shares at least one band with `signature`, each once, in increasing
  // order, to `out` (which is cleared first).
  void candidates(const Signature& signature, std::vector<std::uint32_t>& out) const;
  // Number of (band, id) entries held: the index's memory is proportional to this.
  std::size_t entries() const { return entries_; }
  const LshOptions& options() const { return options_; }

 private:
  std::uint64_t band_key(const Signature& signature, std::uint32_t band) const;
  LshOptions options_;
  std::vector<std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>> tables_;
  std::size_t entries_ = 0;
};

}  // namespace precis::dedup
