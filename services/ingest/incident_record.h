// Structured incident records (ImportIncidents): validation, and the event
// a record becomes.
#ifndef CIVICWATCH_SERVICES_INGEST_INCIDENT_RECORD_H_
#define CIVICWATCH_SERVICES_INGEST_INCIDENT_RECORD_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "civicwatch/v1/ingest.pb.h"

namespace civicwatch::ingest {

// Records accepted in one ImportIncidents call.
inline constexpr size_t kMaxImportRecords = 10000;

// OK when `record` can become an event. Otherwise INVALID_ARGUMENT naming
// the field within the record ("external_id", "event.date.month",
// "event.participants[2].display_name", ...): external_id and source are
// required (at most 256 characters); the event needs a known country code,
// a valid date (an undated record is allowed), an end_date not before its
// date, a category and a valence, and known enum values throughout.
// event.review_state must be a ReviewState value (unset means CONFIRMED).
absl::Status ValidateIncidentRecord(const v1::IncidentRecord& record);

// The checks of an incident's event fields that ValidateIncidentRecord
// makes (country, dates, category, freedom, valence, confidentiality,
// participants), naming fields as `prefix` + path ("event.date.month").
// CreateEvent makes the same ones.
absl::Status ValidateEventFields(const v1::Event& event, absl::string_view prefix);

// Participants one event may name.
inline constexpr int kMaxParticipants = 100;

// The participant checks of ValidateEventFields (at most kMaxParticipants;
// each with a display_name and title of at most 256 bytes, a kind, a Role
// value and an empty or well-formed entity name), naming fields as
// `prefix` + "participants[i].display_name". UpdateEvent makes them too.
absl::Status ValidateParticipants(const v1::Event& event, absl::string_view prefix);

// Gives every participant of `event` without an entity the entity of its
// name's folding key, and returns the entities the participants name.
std::vector<v1::Entity> ResolveParticipants(v1::Event& event);

// The event a valid record becomes, the entities its participants name,
// and the record's source and external id. The event's id is fixed by
// (source, external_id), so importing the record again updates the same
// event. Participants without an entity are resolved by the normaliser's
// folding key of their name, so "Djakupova" in a record and in a report
// are one entity.
struct ImportedIncident {
  v1::Event event;
  std::vector<v1::Entity> entities;
  std::string source;
  std::string external_id;
};
ImportedIncident IncidentFromRecord(const v1::IncidentRecord& record);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INCIDENT_RECORD_H_
