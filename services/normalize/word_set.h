// A fixed set of short words (or punctuation) asked about for every token:
// a test of the first byte and the length settles most tokens before the
// hash lookup.
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
    const auto b = static_cast<unsigned char>(w[0]);
    first_[b >> 6] |= uint64_t{1} << (b & 63);
    if (w.size() > max_size_) max_size_ = w.size();
    set_.insert(std::string(w));
  }

  bool contains(absl::string_view w) const {
    if (w.empty()) return has_empty_;
    if (w.size() > max_size_) return false;
    const auto b = static_cast<unsigned char>(w[0]);
    if (((first_[b >> 6] >> (b & 63)) & 1) == 0) return false;
    return set_.contains(w);
  }

 private:
  uint64_t first_[4] = {0, 0, 0, 0};
  size_t max_size_ = 0;
  bool has_empty_ = false;
  absl::flat_hash_set<std::string> set_;
};

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_WORD_SET_H_
