#include "services/normalize/entity_key.h"

#include <cstdint>

#include "absl/strings/str_format.h"
#include "services/normalize/normalizer.h"

namespace civicwatch::normalize {

std::string EntityIdForKey(const std::string& folding_key) {
  // 64-bit FNV-1a: stable across processes, builds and platforms.
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : folding_key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return absl::StrFormat("%016x", h);
}

}  // namespace civicwatch::normalize
