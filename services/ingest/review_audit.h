// The audit trail of review actions (UpdateEvent, ConfirmEvent,
// RejectEvent, CreateEvent): one record per action that changed an event,
// through the audit sink of services/common/audit_file.h (--audit_log FILE,
// or stderr):
//
//   {"time":"2026-12-05T18:00:00.000Z","principal":"analyst-kg",
//    "method":"RejectEvent","event":"events/42","revision":"events/42/revisions/3",
//    "review_state":"REVIEW_STATE_REJECTED"}
//
// The revisions themselves (ListEventRevisions) keep what changed.
#ifndef CIVICWATCH_SERVICES_INGEST_REVIEW_AUDIT_H_
#define CIVICWATCH_SERVICES_INGEST_REVIEW_AUDIT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::ingest {

// The JSON line (with its newline) of one record.
std::string ReviewAuditJsonLine(absl::string_view time, absl::string_view principal,
                                absl::string_view method, const v1::Event& event,
                                absl::string_view revision);

// Writes the record of `method` by `principal` that left `event` as it is
// now, with revision `revision`.
void AuditReview(absl::string_view principal, absl::string_view method, const v1::Event& event,
                 absl::string_view revision);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_REVIEW_AUDIT_H_
