#include "services/ingest/incident_keys.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "services/common/partial_date.h"
#include "services/text/fold.h"

namespace civicwatch::ingest {

std::string IncidentDateKey(const v1::Event& e) {
  return absl::StrCat(FormatPartialDate(e.date()), "/", FormatPartialDate(e.end_date()));
}

std::vector<std::string> PeopleOf(const v1::Event& e) {
  std::vector<std::string> out;
  for (const auto& p : e.participants()) {
    if (p.kind() == v1::ENTITY_KIND_PERSON && !p.entity().empty()) out.push_back(p.entity());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string PlaceKey(absl::string_view location) {
  if (location.empty()) return "";
  // The matcher takes two places for one when they are written alike or
  // fold alike (SamePlace): a place that folds to nothing is keyed as
  // written. Line breaks separate keys in match_keys.
  std::string folded = text::FoldingKey(location);
  if (folded.empty()) return absl::StrCat("place=", absl::StrReplaceAll(location, {{"\n", " "}}));
  return absl::StrCat("place:", folded);
}

std::string MatchKeysOf(const v1::Event& e) {
  std::vector<std::string> keys;
  for (const auto& p : e.participants()) {
    if (!p.entity().empty()) keys.push_back(p.entity());
  }
  if (std::string place = PlaceKey(e.location()); !place.empty()) keys.push_back(std::move(place));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return absl::StrJoin(keys, "\n");
}

IncidentFiling FilingOf(const v1::Event& event) {
  IncidentFiling f;
  f.country_code = event.country_code();
  f.people = absl::StrJoin(PeopleOf(event), ",");
  f.category = static_cast<int64_t>(event.category());
  f.date_key = IncidentDateKey(event);
  f.match_keys = MatchKeysOf(event);
  return f;
}

bool SameFiling(const IncidentFiling& a, const IncidentFiling& b) {
  return a.country_code == b.country_code && a.people.empty() == b.people.empty() &&
         a.category == b.category && a.date_key == b.date_key && a.match_keys == b.match_keys;
}

}  // namespace civicwatch::ingest
