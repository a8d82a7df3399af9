// Carries the person's layers of a superseded report version over to the
// new version, inside the transaction that stores it (IngestStore::
// CreateReport). The machine's events are rebuilt from the new text; each
// event a person touched is found again by where its text is
// (span_matching.h), never by list position:
//
//  - an edited, confirmed or rejected event whose text is found again
//    becomes the new machine event that overlaps it most, under its old
//    name, with the person's fields, state and review on top (revision
//    REBUILD);
//  - a curated event (added by a person) stays, its provenance moved to
//    the new text (revision REBUILD);
//  - an event whose text is gone is kept as it was and flagged orphaned
//    (revision ORPHAN), never dropped.
//
// The same carries the layers over a new normaliser run on the same text
// (a re-normalisation job); there an event left as it was gets no new
// revision and no new etag.
//
// Use: Prepare() before the new events are stored, Finish() after.
#ifndef CIVICWATCH_SERVICES_INGEST_PERSON_LAYER_CARRIER_H_
#define CIVICWATCH_SERVICES_INGEST_PERSON_LAYER_CARRIER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/sqlite.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/person_layer_store.h"

namespace civicwatch::ingest {

// The principal named on the revisions ingest itself makes.
inline constexpr char kIngestPrincipal[] = "ingest";

class PersonLayerCarrier {
 public:
  // Why the machine's events are rebuilt.
  enum class Occasion {
    kNewVersion,        // a new version of the report superseded the old one
    kRenormalization,   // the same text was normalised again
  };

  // `db` and `writer` as for ChangeWriter; `new_report` is the new
  // version (name and body set), or the report normalised again.
  PersonLayerCarrier(sqlite::Database& db, ChangeWriter& writer, const v1::Report& new_report,
                     Occasion occasion = Occasion::kNewVersion)
      : db_(db), writer_(writer), report_(new_report), occasion_(occasion) {}

  // Notes the layers ChangeWriter::RemoveReport left for a superseded
  // version whose body was `old_body`.
  void Add(std::vector<AnchoredLayer> layers, const std::string& old_body);

  // Matches the noted layers to `events` (the new version's machine
  // events, named, in text order) and rewrites the matched ones: old name,
  // old create_time, person's layer on top. `keeps_name[i]` is set for
  // them (they must not be merged into another report's event).
  absl::Status Prepare(std::vector<v1::Event>& events, std::vector<bool>& keeps_name);

  // After the events are stored (`stored`, as PutEvent returned them, in
  // the same order): moves curated events, flags orphans, re-anchors the
  // layers and writes the revisions.
  absl::Status Finish(const std::vector<v1::Event>& stored);

  // The names ("events/{id}") of the events carried: no other event of
  // the report may take one. Valid after Prepare().
  std::vector<std::string> CarriedNames() const;

  // The events Finish() flagged orphaned that were not orphaned before.
  const std::vector<std::string>& newly_orphaned() const { return newly_orphaned_; }

 private:
  struct Carried {
    AnchoredLayer anchored;
    std::optional<Span> relocated;  // in the new body
    int match = -1;                 // index into the new events
    v1::Event before;               // the event as it was
  };

  absl::Status WriteRevision(const Carried& carried, v1::RevisionAction action,
                             const v1::Event& after);

  sqlite::Database& db_;
  ChangeWriter& writer_;
  const v1::Report& report_;
  const Occasion occasion_;
  std::vector<Carried> carried_;
  std::vector<std::string> newly_orphaned_;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_PERSON_LAYER_CARRIER_H_
