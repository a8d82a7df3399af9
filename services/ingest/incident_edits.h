// A person's merge and split of incidents (IngestService.MergeEvents,
// SplitEvent), inside the caller's transaction: the mentions move between
// events, the events are read again from the mentions they hold, the
// person's decision is recorded (merge_decisions.h) so that it holds when
// the reports are ingested or normalised again, and every event touched
// gets a revision on the change feed.
//
// Everything is checked before anything is written, so an error leaves
// the transaction as it was.
#ifndef CIVICWATCH_SERVICES_INGEST_INCIDENT_EDITS_H_
#define CIVICWATCH_SERVICES_INGEST_INCIDENT_EDITS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/sqlite.h"
#include "services/ingest/change_writer.h"

namespace civicwatch::ingest {

// Who acts, why, and what they may see (as IngestStore::UpdateEvent).
struct IncidentEditor {
  std::string principal;
  std::string comment;
  v1::Confidentiality highest_level = v1::CONFIDENTIALITY_PUBLIC;
};

// The event as stored after an edit and the name of its revision; for a
// split, the new event too.
struct EditedIncident {
  v1::Event event;
  std::string revision;
  v1::Event new_event;
};

// Folds the events `folded` ("events/{id}", distinct, not `name`) into
// event `name`: their mentions, sources and provenance move to it, it is
// read again from all its mentions (its person's layer on top; the least
// confidential of the events' levels unless a person set its level), and
// they are deleted. When `name` has no person's layer, the first folded
// event (in the order given) that has one hands it over; the layers of
// the other folded events go with them. Errors:
// NOT_FOUND (`name`, or naming "events[i]"), PERMISSION_DENIED for an
// event the editor may not review, ABORTED when `etag` is set and stale,
// FAILED_PRECONDITION naming "name" or "events[i]" for an event without a
// report's mention, or told by a report that already tells another of the
// events.
absl::StatusOr<EditedIncident> MergeIncidents(sqlite::Database& db, ChangeWriter& writer,
                                              const std::string& name,
                                              const std::vector<std::string>& folded,
                                              const std::string& etag,
                                              const IncidentEditor& editor);

// Moves the mentions `mentions` of event `name` (each a report and its
// span as the event's provenance has it, or offsets 0 and 0 for the
// event's mention from that report) out into a new event, read from them
// alone; `name` is read again from the mentions left. Errors: NOT_FOUND,
// PERMISSION_DENIED, ABORTED as MergeIncidents; INVALID_ARGUMENT naming
// "mentions[i]" for one that is not a mention of the event or is named
// twice, and "mentions" when every mention would move.
absl::StatusOr<EditedIncident> SplitIncident(sqlite::Database& db, ChangeWriter& writer,
                                             const std::string& name,
                                             const std::vector<v1::Provenance>& mentions,
                                             const std::string& etag,
                                             const IncidentEditor& editor);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INCIDENT_EDITS_H_
