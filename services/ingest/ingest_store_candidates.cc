// IngestStore::ListMergeCandidates: the pairs the incident matcher left
// for a person (change_writer.cc writes them into merge_candidates).
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/ingest/ingest_store.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {

absl::StatusOr<std::vector<v1::MergeCandidate>> IngestStore::ListMergeCandidates(
    const CandidateKey& after, bool include_confidential, int limit) {
  auto db = OpenReader();
  if (!db.ok()) return db.status();
  // One read transaction, so the pairs and their events are of one moment.
  if (absl::Status s = (*db)->Exec("BEGIN"); !s.ok()) return s;
  auto st = (*db)->Prepare(
      "SELECT event_id, other_event_id, score_milli, evidence, create_micros "
      "FROM merge_candidates WHERE (event_id, other_event_id) > (?, ?) "
      "ORDER BY event_id, other_event_id");
  if (!st.ok()) return st.status();
  st->Bind(1, after.event_id).Bind(2, after.other_event_id);
  std::vector<v1::MergeCandidate> out;
  while (static_cast<int>(out.size()) < limit) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::string event_id = st->ColumnText(0), other_id = st->ColumnText(1);
    if (!include_confidential) {
      bool hidden = false;
      for (const std::string* id : {&event_id, &other_id}) {
        v1::Event event;
        auto have = LoadProto(**db, "SELECT event FROM events WHERE id = ?", *id, event);
        if (!have.ok()) return have.status();
        hidden |= *have && event.confidentiality() == v1::CONFIDENTIALITY_CONFIDENTIAL;
      }
      if (hidden) continue;
    }
    v1::MergeCandidate& c = out.emplace_back();
    c.set_event(absl::StrCat("events/", event_id));
    c.set_other_event(absl::StrCat("events/", other_id));
    c.set_score(st->ColumnInt(2) / 1000.0);
    c.set_evidence(st->ColumnText(3));
    *c.mutable_create_time() =
        google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(st->ColumnInt(4));
  }
  return out;
}

}  // namespace civicwatch::ingest
