#include "services/normalize/duplicate_incidents.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"

namespace civicwatch::normalize {
namespace {

// How many dated incidents sharing a category and a participant (or, for a
// lede naming nobody, a category and a date) one repeat is compared with:
// the latest ones, so that a text with thousands of them stays linear.
constexpr size_t kMaxCandidates = 64;

uint64_t Key(v1::Category c, uint64_t what) { return (what << 8) ^ static_cast<uint64_t>(c); }

uint64_t DateBits(const SimpleDate& d) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(d.year)) << 16) |
         (static_cast<uint64_t>(d.month & 0xff) << 8) | static_cast<uint64_t>(d.day & 0xff);
}

// True when every entity of `part` is one of `whole`'s (both small).
bool Subset(const std::vector<int>& part, const std::vector<int>& whole) {
  for (int id : part) {
    if (std::find(whole.begin(), whole.end(), id) == whole.end()) return false;
  }
  return true;
}

}  // namespace

void DropDuplicateIncidents(const std::vector<Sentence>& sentences, long lede_paragraph,
                            std::vector<Incident>* incidents) {
  std::vector<Incident>& inc = *incidents;
  auto in_lede = [&](const Incident& x) {
    return lede_paragraph >= 0 && sentences[x.sentence].paragraph == static_cast<size_t>(lede_paragraph);
  };
  // Dated incidents by category and participant, and (outside the lede)
  // by category and date.
  absl::flat_hash_map<uint64_t, std::vector<size_t>> by_participant;
  absl::flat_hash_map<uint64_t, std::vector<size_t>> by_date;
  for (size_t k = 0; k < inc.size(); ++k) {
    if (!inc[k].date.known()) continue;
    for (int id : inc[k].entities) by_participant[Key(inc[k].category, static_cast<uint32_t>(id))].push_back(k);
    if (!in_lede(inc[k])) by_date[Key(inc[k].category, DateBits(inc[k].date))].push_back(k);
  }
  auto repeats = [&](const Incident& x, const std::vector<size_t>* candidates) {
    if (candidates == nullptr) return false;
    const size_t from = candidates->size() > kMaxCandidates ? candidates->size() - kMaxCandidates : 0;
    for (size_t c = from; c < candidates->size(); ++c) {
      const Incident& d = inc[(*candidates)[c]];
      if (&d == &x || (in_lede(x) && in_lede(d))) continue;
      if (x.date.known() && x.date != d.date) continue;
      if (Subset(x.entities, d.entities)) return true;
    }
    return false;
  };
  auto find = [](const absl::flat_hash_map<uint64_t, std::vector<size_t>>& m, uint64_t key) {
    auto it = m.find(key);
    return it == m.end() ? nullptr : &it->second;
  };
  // Categories with a dated incident outside the lede.
  std::vector<bool> dated_category(v1::Category_ARRAYSIZE, false);
  for (const auto& [key, list] : by_date) dated_category[key & 0xff] = true;
  std::vector<bool> drop(inc.size(), false);
  for (size_t k = 0; k < inc.size(); ++k) {
    const Incident& x = inc[k];
    const bool lede = in_lede(x);
    if (x.date.known() && !lede) continue;
    if (!x.entities.empty()) {
      // Any dated incident with all of x's participants has its first one.
      drop[k] = repeats(x, find(by_participant, Key(x.category, static_cast<uint32_t>(x.entities[0]))));
    } else if (lede && x.date.known()) {
      drop[k] = repeats(x, find(by_date, Key(x.category, DateBits(x.date))));
    } else if (lede) {
      // An undated lede naming nobody: told again, dated, in the body.
      drop[k] = dated_category[x.category];
    }
  }
  size_t w = 0;
  for (size_t k = 0; k < inc.size(); ++k) {
    if (drop[k]) continue;
    if (w != k) inc[w] = std::move(inc[k]);
    ++w;
  }
  inc.resize(w);
}

}  // namespace civicwatch::normalize
