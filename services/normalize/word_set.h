// A fixed set of short words (or punctuation) asked about for every token:
// a test of the length and of the first two bytes (the second tells
// Cyrillic letters apart, whose first bytes are nearly all alike) settles
// most tokens before the hash lookup.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_WORD_SET_H_
#define CIVICWATCH_SERVICES_NORMALIZE_WORD_SET_H_

#include <cstdint>
#include <initializer_list>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace civicwatch::normalize {

class WordSet {
 public:
  WordSet() = default;
  WordSet(std::initializer_list<absl::string_view> words) {
    for (absl::string_view w : words) insert(w);
  }

  void insert(absl::string_view w) {
    if (w.empty()) {
      has_empty_ = true;
      return;
    }
    Set(first_, static_cast<unsigned char>(w[0]));
    Set(second_, w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0);
    lengths_ |= LengthBit(w.size());
    set_.insert(std::string(w));
  }

  bool contains(absl::string_view w) const {
    if (w.empty()) return has_empty_;
    return MayContain(w) && set_.contains(w);
  }

  // False when `w` is surely not in the set, by its length and first two
  // bytes alone: a filter for a map keyed by the same words.
  bool MayContain(absl::string_view w) const {
    if (w.empty()) return has_empty_;
    if ((lengths_ & LengthBit(w.size())) == 0) return false;
    if (!Has(first_, static_cast<unsigned char>(w[0]))) return false;
    return Has(second_, w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0);
  }

 private:
  // Lengths of 63 bytes and more share the last bit.
  static uint64_t LengthBit(size_t n) { return uint64_t{1} << (n < 63 ? n : 63); }
  static void Set(uint64_t* bits, unsigned char b) { bits[b >> 6] |= uint64_t{1} << (b & 63); }
  static bool Has(const uint64_t* bits, unsigned char b) { return (bits[b >> 6] >> (b & 63)) & 1; }

  uint64_t first_[4] = {0, 0, 0, 0};
  uint64_t second_[4] = {0, 0, 0, 0};  // second byte; 0 for one-byte words
  uint64_t lengths_ = 0;
  bool has_empty_ = false;
  absl::flat_hash_set<std::string> set_;
};

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_WORD_SET_H_
