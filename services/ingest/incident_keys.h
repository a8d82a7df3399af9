// The index candidate incidents are found through (table incident_keys).
//
// The matcher (incident_matching.h) never finds two tellings to be one
// incident, nor even a candidate pair, unless they have someone or
// somewhere in common: a person, an organisation, outlet or state body
// (the same entity), or the same place (however it is written). Both
// naming people with none in common is a hard conflict. So every stored
// incident is filed under its keys: each entity it names
// ("entities/..."), and its place folded (PlaceKey); each row also holds
// the incident's country, whether it names people, its category and its
// date key. A new mention looks up its own keys only: for each person it
// names, the incidents naming that person; for each body and its place,
// the incidents naming nobody (or, when the mention itself names nobody,
// every incident), each within the same country, the categories that can
// tell the same act and the date ranges of CandidateKeyRanges. The table's
// primary key is (key, country, names people, date key, category, event),
// so each look-up is one B-tree seek per key and people named, followed by
// the rows of that key in the span of the date ranges (within one year),
// of which those of another category or outside the ranges are left out:
// about the incidents the matcher has to see anyway, so its cost grows with
// the logarithm of the store and the key's incidents in that year, not
// with the store.
#ifndef CIVICWATCH_SERVICES_INGEST_INCIDENT_KEYS_H_
#define CIVICWATCH_SERVICES_INGEST_INCIDENT_KEYS_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/sqlite.h"
#include "services/ingest/statement_cache.h"

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

// The date_key ranges [from, to) holding the stored incidents whose date
// can be compatible with `event`'s: its own date and every finer date
// inside it, and the month and year that hold it. An undated event's range
// holds the undated incidents only.
std::vector<std::pair<std::string, std::string>> CandidateKeyRanges(const v1::Event& event);

// The keys of `event`, one per line (the events table's match_keys): its
// entities and its place key, sorted and unique.
std::string MatchKeysOf(const v1::Event& event);

// The events row's columns incident_keys files an event by, made once for
// both the row and the index.
struct IncidentFiling {
  std::string country_code;
  std::string people;  // PeopleOf, comma-separated (events.people)
  int64_t category = 0;
  std::string date_key;    // IncidentDateKey
  std::string match_keys;  // MatchKeysOf; '' when not filed
  int64_t names_people() const { return people.empty() ? 0 : 1; }
};

// The filing of `event`; without `with_keys` (matching off) match_keys is
// left empty and the place is not folded.
IncidentFiling FilingOf(const v1::Event& event, bool with_keys);

// Makes incident_keys hold event `event_id` (without "events/") as
// `filing` says (nullptr: not at all), from what the events table holds
// for it now; call before that row is written or deleted. Writes nothing
// when the keys, country, category, date and whether it names people are
// unchanged.
absl::Status ReindexIncident(StatementCache& statements, const std::string& event_id,
                             const IncidentFiling* filing);

// The ids (without "events/"), sorted, of the stored incidents that may be
// tellings of `mention` (see the top of this file): every incident the
// matcher would not find distinct from it on country, category, the date
// ranges of CandidateKeyRanges, and the people, bodies and place named.
absl::StatusOr<std::vector<std::string>> FindCandidateIncidents(StatementCache& statements,
                                                                const v1::Event& mention);

// Records in meta ("incident_keys": "stale") that events were written
// without their keys (matching off), so the next open with matching on
// files every event again.
absl::Status MarkIncidentKeysStale(StatementCache& statements);

// Whether incident_keys was marked stale.
absl::StatusOr<bool> IncidentKeysStale(sqlite::Database& db);

// Whether incident_keys is keyed with date_key before category (as
// kIngestSchema makes it); false for a table made by an earlier version,
// keyed (key, country, names people, category, date key, event), which the
// store replaces when it opens.
absl::StatusOr<bool> IncidentKeysKeyedByDate(sqlite::Database& db);

// Files every stored event under its keys afresh (incident_keys emptied,
// match_keys and people filled, incident_keys rows written, the stale mark
// cleared): for a database made before the index or written with matching
// off, inside the caller's transaction.
absl::Status IndexStoredIncidents(sqlite::Database& db);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INCIDENT_KEYS_H_
