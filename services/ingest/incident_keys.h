// The keys a stored incident is filed under in the incident index
// (incident_index.h), and the events row's columns they are kept in.
//
// The keys of an incident are each entity it names ("entities/...") and
// its place folded (PlaceKey). The events row keeps them (match_keys),
// with the incident's country, the people it names and its category and
// date key, so that the index can be built by one scan of those columns
// when the store opens, and an event's old filing taken out when it
// changes or goes.
#ifndef CIVICWATCH_SERVICES_INGEST_INCIDENT_KEYS_H_
#define CIVICWATCH_SERVICES_INGEST_INCIDENT_KEYS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::ingest {

// "date/end_date" at their precision: the events table's date_key.
std::string IncidentDateKey(const v1::Event& event);

// The person entities of `event`, sorted and unique.
std::vector<std::string> PeopleOf(const v1::Event& event);

// The key of a place: "place:" and its folding key (text::FoldingKey), so
// "Нукус" and "Nukus" share one; "place=" and the place as written when
// it folds to nothing; "" for no place. Two places the matcher takes for
// one (SamePlace) always have the same key.
std::string PlaceKey(absl::string_view location);

// The keys of `event`, one per line (the events table's match_keys): its
// entities and its place key, sorted and unique.
std::string MatchKeysOf(const v1::Event& event);

// The events row's columns the incident index files an event by, made
// once for both the row and the index.
struct IncidentFiling {
  std::string country_code;
  std::string people;  // PeopleOf, comma-separated (events.people)
  int64_t category = 0;
  std::string date_key;    // IncidentDateKey
  std::string match_keys;  // MatchKeysOf
};

// The filing of `event`.
IncidentFiling FilingOf(const v1::Event& event);

// Whether the index files an event alike by `a` and by `b`: the same
// keys, country, category and date, and people named or not in both.
bool SameFiling(const IncidentFiling& a, const IncidentFiling& b);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INCIDENT_KEYS_H_
