#include "services/ingest/person_layer_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/errors.h"

namespace civicwatch::ingest {
namespace {

constexpr char kLayerColumns[] =
    "event_id, review_state, paths, layer_values, review, report_id, start_offset, end_offset";

absl::StatusOr<AnchoredLayer> ReadLayerRow(const sqlite::Statement& st) {
  AnchoredLayer out;
  out.event_id = st.ColumnText(0);
  out.layer.state = static_cast<v1::ReviewState>(st.ColumnInt(1));
  for (absl::string_view path : absl::StrSplit(st.ColumnText(2), ',', absl::SkipEmpty())) {
    out.layer.paths.emplace_back(path);
  }
  if (!out.layer.values.ParseFromString(st.ColumnText(3)) ||
      !out.layer.review.ParseFromString(st.ColumnText(4))) {
    return InternalError(absl::StrCat("undecodable person's layer of event ", out.event_id));
  }
  out.report_id = st.ColumnText(5);
  out.span = Span{st.ColumnInt(6), st.ColumnInt(7)};
  return out;
}

}  // namespace

namespace {

std::string LayerOfEventSql() {
  return absl::StrCat("SELECT ", kLayerColumns, " FROM event_reviews WHERE event_id = ?");
}

absl::StatusOr<std::optional<AnchoredLayer>> ReadLayerOf(sqlite::Statement& st,
                                                         const std::string& event_id) {
  st.Bind(1, event_id);
  auto row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AnchoredLayer>();
  auto layer = ReadLayerRow(st);
  if (!layer.ok()) return layer.status();
  return std::optional<AnchoredLayer>(std::move(*layer));
}

}  // namespace

absl::StatusOr<std::optional<AnchoredLayer>> LoadPersonLayer(sqlite::Database& db,
                                                             const std::string& event_id) {
  auto st = db.Prepare(LayerOfEventSql());
  if (!st.ok()) return st.status();
  return ReadLayerOf(*st, event_id);
}

absl::StatusOr<std::optional<AnchoredLayer>> LoadPersonLayer(StatementCache& statements,
                                                             const std::string& event_id) {
  auto st = statements.Get(LayerOfEventSql());
  if (!st.ok()) return st.status();
  auto layer = ReadLayerOf(**st, event_id);
  (*st)->Reset();
  return layer;
}

absl::StatusOr<std::vector<AnchoredLayer>> LoadPersonLayersOf(sqlite::Database& db,
                                                             const std::string& report_id) {
  auto st = db.Prepare(absl::StrCat("SELECT ", kLayerColumns,
                                    " FROM event_reviews WHERE report_id = ? ORDER BY event_id"));
  if (!st.ok()) return st.status();
  std::vector<AnchoredLayer> out;
  absl::Status s = st->Bind(1, report_id).ForEachRow([&] {
    auto layer = ReadLayerRow(*st);
    if (!layer.ok()) return layer.status();
    out.push_back(std::move(*layer));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::Status SavePersonLayer(sqlite::Database& db, const AnchoredLayer& anchored) {
  auto st = db.Prepare(absl::StrCat("INSERT OR REPLACE INTO event_reviews(", kLayerColumns,
                                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  if (!st.ok()) return st.status();
  st->Bind(1, anchored.event_id)
      .Bind(2, static_cast<int64_t>(anchored.layer.state))
      .Bind(3, absl::StrJoin(anchored.layer.paths, ","))
      .BindBlob(4, anchored.layer.values.SerializeAsString())
      .BindBlob(5, anchored.layer.review.SerializeAsString())
      .Bind(6, anchored.report_id)
      .Bind(7, anchored.span.start)
      .Bind(8, anchored.span.end);
  return st->Run();
}

absl::Status StoreRevision(sqlite::Database& db, const std::string& event_id,
                           v1::EventRevision& revision) {
  auto next = db.Prepare(
      "SELECT COALESCE(MAX(revision_id), 0) + 1 FROM event_revisions WHERE event_id = ?");
  if (!next.ok()) return next.status();
  next->Bind(1, event_id);
  auto row = next->Step();
  if (!row.ok()) return row.status();
  const int64_t id = next->ColumnInt(0);
  revision.set_name(absl::StrCat("events/", event_id, "/revisions/", id));
  auto st = db.Prepare(
      "INSERT INTO event_revisions(event_id, revision_id, revision) VALUES (?, ?, ?)");
  if (!st.ok()) return st.status();
  return st->Bind(1, event_id).Bind(2, id).BindBlob(3, revision.SerializeAsString()).Run();
}

absl::StatusOr<std::vector<v1::EventRevision>> LoadRevisions(sqlite::Database& db,
                                                             const std::string& event_id,
                                                             int64_t after_id, int limit) {
  auto st = db.Prepare(
      "SELECT revision FROM event_revisions WHERE event_id = ? AND revision_id > ? "
      "ORDER BY revision_id LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, event_id).Bind(2, after_id).Bind(3, static_cast<int64_t>(limit));
  std::vector<v1::EventRevision> out;
  while (true) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    v1::EventRevision revision;
    if (!revision.ParseFromString(st->ColumnText(0))) {
      return InternalError(absl::StrCat("undecodable revision of event ", event_id));
    }
    out.push_back(std::move(revision));
  }
}

}  // namespace civicwatch::ingest
