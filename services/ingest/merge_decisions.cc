#include "services/ingest/merge_decisions.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {
namespace {

bool SameText(Span a, Span b) { return MatchByOverlap({a}, {b})[0] == 0; }

// Forgets what was decided between `a` and `b`, wherever their spans
// were when it was (a re-normalisation may have moved them a little).
absl::Status Forget(sqlite::Database& db, const MentionAnchor& a, const MentionAnchor& b) {
  auto st = db.Prepare(
      "SELECT start_offset, end_offset, other_start, other_end FROM merge_decisions "
      "WHERE report_id = ? AND other_report_id = ?");
  if (!st.ok()) return st.status();
  std::vector<std::pair<Span, Span>> old;
  absl::Status s = st->Bind(1, a.report_id).Bind(2, b.report_id).ForEachRow([&] {
    const Span x{st->ColumnInt(0), st->ColumnInt(1)}, y{st->ColumnInt(2), st->ColumnInt(3)};
    if (SameText(x, a.span) && SameText(y, b.span)) old.emplace_back(x, y);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  for (const auto& [x, y] : old) {
    auto del = db.Prepare(
        "DELETE FROM merge_decisions WHERE report_id = ? AND start_offset = ? AND end_offset = ? "
        "AND other_report_id = ? AND other_start = ? AND other_end = ?");
    if (!del.ok()) return del.status();
    del->Bind(1, a.report_id).Bind(2, x.start).Bind(3, x.end).Bind(4, b.report_id);
    del->Bind(5, y.start).Bind(6, y.end);
    if (absl::Status d = del->Run(); !d.ok()) return d;
  }
  return absl::OkStatus();
}

absl::Status Put(sqlite::Database& db, const MentionAnchor& a, const MentionAnchor& b,
                 MergeDecision decision, absl::Time now) {
  if (absl::Status s = Forget(db, a, b); !s.ok()) return s;
  auto st = db.Prepare(
      "INSERT OR REPLACE INTO merge_decisions(report_id, start_offset, end_offset, "
      "other_report_id, other_start, other_end, decision, create_micros) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, a.report_id)
      .Bind(2, a.span.start)
      .Bind(3, a.span.end)
      .Bind(4, b.report_id)
      .Bind(5, b.span.start)
      .Bind(6, b.span.end)
      .Bind(7, static_cast<int64_t>(decision))
      .Bind(8, absl::ToUnixMicros(now));
  return st->Run();
}

// The stored events with a provenance entry in `anchor`'s report over
// its text.
absl::StatusOr<std::vector<std::string>> HoldersOf(sqlite::Database& db,
                                                   const MentionAnchor& anchor) {
  auto st = db.Prepare("SELECT event_id FROM event_sources WHERE report_id = ? ORDER BY event_id");
  if (!st.ok()) return st.status();
  auto ids = st->Bind(1, anchor.report_id).FirstColumnTexts();
  if (!ids.ok()) return ids.status();
  const std::string report_name = absl::StrCat("reports/", anchor.report_id);
  std::vector<std::string> out;
  for (const std::string& id : *ids) {
    v1::Event event;
    auto have = LoadProto(db, "SELECT event FROM events WHERE id = ?", id, event);
    if (!have.ok()) return have.status();
    if (!*have) continue;
    for (const v1::Provenance& p : event.provenance()) {
      if (p.report() == report_name &&
          SameText(Span{p.start_offset(), p.end_offset()}, anchor.span)) {
        out.push_back(id);
        break;
      }
    }
  }
  return out;
}

}  // namespace

MentionAnchor AnchorOf(const v1::Event& mention) {
  if (mention.provenance().empty()) return {};
  const v1::Provenance& p = mention.provenance(0);
  return {std::string(absl::StripPrefix(p.report(), "reports/")),
          Span{p.start_offset(), p.end_offset()}};
}

absl::Status RecordDecisions(sqlite::Database& db, const std::vector<MentionAnchor>& a,
                             const std::vector<MentionAnchor>& b, MergeDecision decision,
                             absl::Time now) {
  for (const MentionAnchor& x : a) {
    for (const MentionAnchor& y : b) {
      if (absl::Status s = Put(db, x, y, decision, now); !s.ok()) return s;
      if (absl::Status s = Put(db, y, x, decision, now); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<DecidedEvents> DecisionsFor(StatementCache& statements, sqlite::Database& db,
                                           const MentionAnchor& anchor) {
  DecidedEvents out;
  if (anchor.report_id.empty()) return out;
  auto st = statements.Get(
      "SELECT start_offset, end_offset, other_report_id, other_start, other_end, decision "
      "FROM merge_decisions WHERE report_id = ?");
  if (!st.ok()) return st.status();
  std::vector<std::pair<MentionAnchor, MergeDecision>> decided;
  absl::Status s = (*st)->Bind(1, anchor.report_id).ForEachRow([&] {
    const sqlite::Statement& row = **st;
    if (SameText(Span{row.ColumnInt(0), row.ColumnInt(1)}, anchor.span)) {
      decided.push_back({MentionAnchor{row.ColumnText(2), Span{row.ColumnInt(3), row.ColumnInt(4)}},
                         static_cast<MergeDecision>(row.ColumnInt(5))});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  std::vector<std::string> one;
  for (const auto& [other, decision] : decided) {
    auto holders = HoldersOf(db, other);
    if (!holders.ok()) return holders.status();
    for (std::string& id : *holders) {
      if (decision == MergeDecision::kTwoIncidents) {
        out.apart.insert(std::move(id));
      } else {
        one.push_back(std::move(id));
      }
    }
  }
  std::sort(one.begin(), one.end());
  one.erase(std::unique(one.begin(), one.end()), one.end());
  for (std::string& id : one) {
    if (!out.apart.contains(id)) out.one_incident.push_back(std::move(id));
  }
  return out;
}

absl::Status RelocateDecisions(sqlite::Database& db, const std::string& old_id,
                               const std::string& old_body, const std::string& new_id,
                               const std::string& new_body) {
  // Both columns of a pair hold the report: each side is moved in turn.
  const char* sides[][2] = {{"report_id", "start_offset, end_offset"},
                            {"other_report_id", "other_start, other_end"}};
  for (const auto& side : sides) {
    const std::string report_col = side[0], spans = side[1];
    auto st = db.Prepare(absl::StrCat("SELECT DISTINCT ", spans, " FROM merge_decisions WHERE ",
                                      report_col, " = ?"));
    if (!st.ok()) return st.status();
    std::vector<Span> anchored;
    absl::Status s = st->Bind(1, old_id).ForEachRow([&] {
      anchored.push_back(Span{st->ColumnInt(0), st->ColumnInt(1)});
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    const std::string start_col = spans.substr(0, spans.find(','));
    const std::string end_col = spans.substr(spans.find(' ') + 1);
    for (const Span& span : anchored) {
      const std::optional<Span> moved = RelocateSpan(old_body, new_body, span);
      auto update = db.Prepare(
          moved ? absl::StrCat("UPDATE OR REPLACE merge_decisions SET ", report_col, " = ?4, ",
                               start_col, " = ?5, ", end_col, " = ?6 WHERE ", report_col,
                               " = ?1 AND ", start_col, " = ?2 AND ", end_col, " = ?3")
                : absl::StrCat("DELETE FROM merge_decisions WHERE ", report_col, " = ?1 AND ",
                               start_col, " = ?2 AND ", end_col, " = ?3"));
      if (!update.ok()) return update.status();
      update->Bind(1, old_id).Bind(2, span.start).Bind(3, span.end);
      if (moved) update->Bind(4, new_id).Bind(5, moved->start).Bind(6, moved->end);
      if (absl::Status u = update->Run(); !u.ok()) return u;
    }
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::ingest
