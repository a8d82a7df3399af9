// What people decided about pairs of mentions: that they tell one
// incident (MergeEvents) or two (SplitEvent). Decisions are kept by where
// each mention's text is (its report and byte span), not by event name,
// so they hold when the reports are ingested again, superseded by a new
// version or normalised again: ChangeWriter::PutEvent asks for the
// decisions of each incoming mention (DecisionsFor) and merges it into
// the incident holding a mention decided one with it, and never into one
// holding a mention decided apart, whatever the matcher scores.
//
// Functions over the caller's transaction; table merge_decisions
// (ingest_schema.cc).
#ifndef CIVICWATCH_SERVICES_INGEST_MERGE_DECISIONS_H_
#define CIVICWATCH_SERVICES_INGEST_MERGE_DECISIONS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/sqlite.h"
#include "services/ingest/statement_cache.h"
#include "services/ingest/span_matching.h"

namespace civicwatch::ingest {

// Where a mention's text is.
struct MentionAnchor {
  std::string report_id;  // without "reports/"
  Span span;
};

// The anchor of a mention (an event as one report tells it: its first
// provenance entry); report_id "" when it has none.
MentionAnchor AnchorOf(const v1::Event& mention);

enum class MergeDecision {
  kOneIncident = 1,
  kTwoIncidents = 2,
};

// Records `decision` between every anchor of `a` and every anchor of `b`,
// replacing what was decided about those pairs before.
absl::Status RecordDecisions(sqlite::Database& db, const std::vector<MentionAnchor>& a,
                             const std::vector<MentionAnchor>& b, MergeDecision decision,
                             absl::Time now);

// The stored events (ids without "events/") holding a mention that a
// person decided one incident with `anchor` (sorted, none also in
// `apart`), and those holding one decided apart from it. A stored mention
// is the one decided when their spans overlap by at least half the
// shorter (MatchByOverlap).
struct DecidedEvents {
  std::vector<std::string> one_incident;
  absl::flat_hash_set<std::string> apart;
};
// `statements` is the transaction's cache (the look-up runs for every
// incoming event).
absl::StatusOr<DecidedEvents> DecisionsFor(StatementCache& statements, sqlite::Database& db,
                                           const MentionAnchor& anchor);

// Carries the decisions anchored in report `old_id` over to its new
// version `new_id` (RelocateSpan from `old_body` to `new_body`); those
// whose text is gone are dropped.
absl::Status RelocateDecisions(sqlite::Database& db, const std::string& old_id,
                               const std::string& old_body, const std::string& new_id,
                               const std::string& new_body);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_MERGE_DECISIONS_H_
