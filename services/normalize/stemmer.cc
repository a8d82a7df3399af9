#include "services/normalize/stemmer.h"

#include <libstemmer.h>

#include "absl/container/flat_hash_map.h"

namespace civicwatch::normalize {
namespace {

// Past this many distinct words the cache starts again: a report's
// vocabulary is far smaller, and a long stream of distinct words must not
// grow memory without bound.
constexpr size_t kMaxCachedWords = 1 << 16;

// Snowball stemmers are not thread-safe: one pair per thread.
class ThreadStemmers {
 public:
  ThreadStemmers()
      : english_(sb_stemmer_new("english", "UTF_8")), russian_(sb_stemmer_new("russian", "UTF_8")) {}
  ~ThreadStemmers() {
    sb_stemmer_delete(english_);
    sb_stemmer_delete(russian_);
  }
  ThreadStemmers(const ThreadStemmers&) = delete;
  ThreadStemmers& operator=(const ThreadStemmers&) = delete;

  absl::string_view Stem(absl::string_view word) {
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxCachedWords) cache_.clear();
    // A lead byte 0xD0 or 0xD1 opens a Cyrillic letter in UTF-8.
    const unsigned char lead = word.empty() ? 0 : static_cast<unsigned char>(word[0]);
    sb_stemmer* stemmer = (lead == 0xD0 || lead == 0xD1) ? russian_ : english_;
    std::string stem(word);
    if (stemmer != nullptr && !word.empty()) {
      const sb_symbol* out = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                             static_cast<int>(word.size()));
      if (out != nullptr) stem.assign(reinterpret_cast<const char*>(out), sb_stemmer_length(stemmer));
    }
    return cache_.emplace(std::string(word), std::move(stem)).first->second;
  }

 private:
  sb_stemmer* english_;
  sb_stemmer* russian_;
  absl::flat_hash_map<std::string, std::string> cache_;
};

}  // namespace

absl::string_view StemOf(absl::string_view lower_word) {
  thread_local ThreadStemmers stemmers;
  return stemmers.Stem(lower_word);
}

std::string StemCopy(absl::string_view lower_word) { return std::string(StemOf(lower_word)); }

}  // namespace civicwatch::normalize
