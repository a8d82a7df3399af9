#include "services/ingest/change_writer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/ingest/incident_matching.h"

namespace civicwatch::ingest {

// The stored incidents `event` may be a telling of (IncidentIndex::Find:
// someone or somewhere in common, the same country, a compatible date and
// a category that can tell the same act), scored by the matcher. An
// incident has at most one mention per report, so a report's own events
// are left out, and so are those a person split it from (`apart`). A
// report's event may join an imported record's (the record outlives the
// report, record_sources.h); a record's takes in only an incident of
// reports' mentions: not another record's, whose name is fixed by its
// own record, nor one a person added, which is the person's whole.
absl::Status ChangeWriter::ScoreIndexedIncidents(const v1::Event& event, const std::string& report_id,
                                                 Teller teller,
                                                 const absl::flat_hash_set<std::string>& apart,
                                                 std::optional<Scored>* best, std::vector<Scored>* candidates) {
  auto incident_row = statements_.Get(
      "SELECT id, event, country_code, people, category, date_key, match_keys FROM events "
      "WHERE rowid = ?");
  if (!incident_row.ok()) return incident_row.status();
  for (const int64_t rowid : index_->Find(event)) {
    (*incident_row)->Bind(1, rowid);
    auto row = (*incident_row)->Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      (*incident_row)->Reset();
      return InternalError(absl::StrCat("the incident index holds event row ", rowid,
                                        ", which is not stored"));
    }
    const std::string id = (*incident_row)->ColumnText(0);
    if (apart.contains(id)) {
      (*incident_row)->Reset();
      continue;
    }
    Scored c;
    const bool parsed = c.incident.ParseFromString((*incident_row)->ColumnText(1));
    c.row.emplace();
    c.row->rowid = rowid;
    c.row->filing.country_code = (*incident_row)->ColumnText(2);
    c.row->filing.people = (*incident_row)->ColumnText(3);
    c.row->filing.category = (*incident_row)->ColumnInt(4);
    c.row->filing.date_key = (*incident_row)->ColumnText(5);
    c.row->filing.match_keys = (*incident_row)->ColumnText(6);
    (*incident_row)->Reset();
    if (!parsed) return InternalError(absl::StrCat("undecodable event ", id));
    if (teller == Teller::kReport) {
      // An incident has one mention per report: not one this report tells.
      auto told = Exists("SELECT 1 FROM event_sources WHERE event_id = ? AND report_id = ?", id,
                         report_id);
      if (!told.ok()) return told.status();
      if (*told) continue;
    } else {
      auto foldable = FoldableIntoRecord(id);
      if (!foldable.ok()) return foldable.status();
      if (!*foldable) continue;
    }
    c.match = MatchIncident(event, c.incident);
    if (c.match.decision == MatchDecision::kMerge) {
      // The best score; on a tie the lowest name, so the choice does
      // not depend on the order candidates are found in.
      if (!*best || c.match.score > (*best)->match.score ||
          (c.match.score == (*best)->match.score && c.incident.name() < (*best)->incident.name())) {
        *best = std::move(c);
      }
    } else if (c.match.decision == MatchDecision::kCandidate) {
      candidates->push_back(std::move(c));
    }
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::ingest
