#include "services/normalize/translated_repeats.h"

#include <algorithm>

#include "services/normalize/classifier.h"

namespace civicwatch::normalize {
namespace {

enum class Script { kNone, kLatin, kCyrillic };

struct LetterCounts {
  size_t latin = 0;
  size_t cyrillic = 0;
  Script Majority() const {
    if (latin == 0 && cyrillic == 0) return Script::kNone;
    return latin >= cyrillic ? Script::kLatin : Script::kCyrillic;
  }
};

// Counts ASCII letters and Cyrillic letters (UTF-8 lead bytes 0xD0, 0xD1).
LetterCounts CountLetters(absl::string_view text) {
  // Branch-free sums, which the compiler vectorises: the whole body is
  // counted once.
  LetterCounts counts;
  for (unsigned char c : text) {
    counts.latin += static_cast<unsigned char>((c | 0x20) - 'a') < 26;
    counts.cyrillic += (c & 0xFE) == 0xD0;
  }
  return counts;
}

bool ShareAnEntity(const Incident& a, const Incident& b) {
  for (int id : a.entities) {
    if (std::find(b.entities.begin(), b.entities.end(), id) != b.entities.end()) return true;
  }
  return false;
}

bool Translates(const Incident& later, const Incident& earlier) {
  if (later.date.known() || earlier.date.known()) {
    return later.date == earlier.date &&
           CategoryGroup(later.category) == CategoryGroup(earlier.category);
  }
  return later.category == earlier.category && ShareAnEntity(later, earlier);
}

}  // namespace

void DropTranslatedRepeats(absl::string_view body, const std::vector<Sentence>& sentences,
                           std::vector<Incident>* incidents) {
  if (incidents->size() < 2) return;
  const LetterCounts whole = CountLetters(body);
  const size_t letters = whole.latin + whole.cyrillic;
  if (letters == 0 || whole.latin * 3 < letters || whole.cyrillic * 3 < letters) return;

  auto script_of = [&](const Incident& incident) {
    const Span& span = sentences[incident.sentence].span;
    return CountLetters(body.substr(span.begin, span.size())).Majority();
  };
  std::vector<Script> scripts;
  scripts.reserve(incidents->size());
  for (const Incident& incident : *incidents) scripts.push_back(script_of(incident));
  // The script of the first telling: that of the first sentence with letters.
  Script first = Script::kNone;
  for (const Sentence& s : sentences) {
    first = CountLetters(body.substr(s.span.begin, s.span.size())).Majority();
    if (first != Script::kNone) break;
  }
  if (first == Script::kNone) return;

  std::vector<bool> drop(incidents->size(), false);
  for (size_t later = 0; later < incidents->size(); ++later) {
    if (scripts[later] == first || scripts[later] == Script::kNone) continue;
    for (size_t earlier = 0; earlier < incidents->size(); ++earlier) {
      if (scripts[earlier] == first && !drop[earlier] &&
          Translates((*incidents)[later], (*incidents)[earlier])) {
        drop[later] = true;
        break;
      }
    }
  }
  // (A vector moved onto itself is left empty: the incidents kept in
  // place stay untouched.)
  size_t kept = 0;
  for (size_t k = 0; k < incidents->size(); ++k) {
    if (drop[k]) continue;
    if (kept != k) (*incidents)[kept] = std::move((*incidents)[k]);
    ++kept;
  }
  incidents->resize(kept);
}

}  // namespace civicwatch::normalize
