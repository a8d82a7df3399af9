#include "services/normalize/duplicate_incidents.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"


namespace civicwatch::normalize {
namespace {

// How many dated incidents sharing a category and a participant (or, for a
// lede naming nobody, a category) one repeat is compared with:
// the latest ones, so that a text with thousands of them stays linear.
constexpr size_t kMaxCandidates = 64;

uint64_t Key(v1::Category c, uint64_t what) { return (what << 8) ^ static_cast<uint64_t>(c); }

// True when every entity of `part` is one of `whole`'s (both small).
bool Subset(const std::vector<int>& part, const std::vector<int>& whole) {
  for (int id : part) {
    if (std::find(whole.begin(), whole.end(), id) == whole.end()) return false;
  }
  return true;
}

}  // namespace

void DropDuplicateIncidents(const std::vector<Sentence>& sentences,
                            const std::vector<ResolvedEntity>& entities, long lede_paragraph,
                            std::vector<Incident>* incidents) {
  std::vector<Incident>& inc = *incidents;
  // The persons of each incident, the participants compared.
  std::vector<std::vector<int>> persons(inc.size());
  for (size_t k = 0; k < inc.size(); ++k) {
    for (int id : inc[k].entities) {
      if (entities[id].kind == v1::ENTITY_KIND_PERSON) persons[k].push_back(id);
    }
  }
  auto in_lede = [&](const Incident& x) {
    return lede_paragraph >= 0 && sentences[x.sentence].paragraph == static_cast<size_t>(lede_paragraph);
  };
  // Dated incidents by category and participant, and (outside the lede) by
  // category: (key, incident) pairs sorted by key, in text order within a
  // key (one allocation each, not one per key).
  // Only the keys some possible repeat asks about are listed.
  absl::flat_hash_set<uint64_t> wanted_participant, wanted_category;
  for (size_t k = 0; k < inc.size(); ++k) {
    const Incident& x = inc[k];
    const bool lede = in_lede(x);
    if (x.date.known() && !lede) continue;
    if (!persons[k].empty()) {
      wanted_participant.insert(Key(x.category, static_cast<uint32_t>(persons[k][0])));
    } else if (lede && x.date.known()) {
      wanted_category.insert(Key(x.category, 0));
    }
  }
  using Index = std::vector<std::pair<uint64_t, size_t>>;
  Index by_participant, by_category;
  // Categories with a dated incident outside the lede.
  std::vector<bool> dated_category(v1::Category_ARRAYSIZE, false);
  for (size_t k = 0; k < inc.size(); ++k) {
    if (!inc[k].date.known() || inc[k].date_from_lede) continue;
    if (!wanted_participant.empty()) {
      for (int id : persons[k]) {
        const uint64_t key = Key(inc[k].category, static_cast<uint32_t>(id));
        if (wanted_participant.contains(key)) by_participant.emplace_back(key, k);
      }
    }
    if (!in_lede(inc[k])) {
      const uint64_t key = Key(inc[k].category, 0);
      if (wanted_category.contains(key)) by_category.emplace_back(key, k);
      dated_category[inc[k].category] = true;
    }
  }
  std::sort(by_participant.begin(), by_participant.end());
  std::sort(by_category.begin(), by_category.end());
  // True when a dated incident listed under `key` in `index` has x's date
  // (when x has one) and all of x's participants.
  auto repeats = [&](size_t xk, const Index& index, uint64_t key) {
    const Incident& x = inc[xk];
    auto end = std::upper_bound(index.begin(), index.end(), std::make_pair(key, inc.size()));
    auto begin = std::lower_bound(index.begin(), end, std::make_pair(key, size_t{0}));
    if (end - begin > static_cast<long>(kMaxCandidates)) begin = end - kMaxCandidates;
    for (auto it = begin; it != end; ++it) {
      const Incident& d = inc[it->second];
      if (&d == &x || (in_lede(x) && in_lede(d))) continue;
      // A lede dates coarsely: "in the spring of 2022" covers 18 May 2022.
      if (x.date.known() && x.date != d.date && !WithinPeriod(d.date, x.date, x.date)) continue;
      if (Subset(persons[xk], persons[it->second])) return true;
    }
    return false;
  };
  std::vector<bool> drop(inc.size(), false);
  for (size_t k = 0; k < inc.size(); ++k) {
    const Incident& x = inc[k];
    const bool lede = in_lede(x);
    if (x.date.known() && !lede) continue;
    if (!persons[k].empty()) {
      // Any dated incident with all of x's persons has its first one.
      drop[k] = repeats(k, by_participant, Key(x.category, static_cast<uint32_t>(persons[k][0])));
    } else if (lede && x.date.known()) {
      drop[k] = repeats(k, by_category, Key(x.category, 0));
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
