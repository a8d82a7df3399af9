#include "services/ingest/record_sources.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/strip.h"
#include "services/ingest/incident_matching.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {
namespace {

constexpr char kRecordSql[] = "SELECT record FROM imported_records WHERE event_id = ?";

absl::StatusOr<std::optional<v1::Event>> Found(const absl::StatusOr<bool>& have,
                                               v1::Event record) {
  if (!have.ok()) return have.status();
  if (!*have) return std::optional<v1::Event>();
  return std::optional<v1::Event>(std::move(record));
}

}  // namespace

absl::StatusOr<std::optional<v1::Event>> LoadRecord(sqlite::Database& db,
                                                    const std::string& event_id) {
  v1::Event record;
  auto have = LoadProto(db, kRecordSql, event_id, record);
  return Found(have, std::move(record));
}

absl::StatusOr<std::optional<v1::Event>> LoadRecord(StatementCache& statements,
                                                    const std::string& event_id) {
  v1::Event record;
  auto have = LoadProto(statements, kRecordSql, event_id, record);
  return Found(have, std::move(record));
}

absl::Status SaveRecord(sqlite::Database& db, const std::string& source,
                        const std::string& external_id, const v1::Event& record) {
  auto st = db.Prepare(
      "INSERT OR REPLACE INTO imported_records(event_id, source, external_id, record) "
      "VALUES (?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, absl::StripPrefix(record.name(), "events/"))
      .Bind(2, source)
      .Bind(3, external_id)
      .BindBlob(4, record.SerializeAsString());
  return st->Run();
}

v1::Event ReadWithRecord(v1::Event stored, const v1::Event& record,
                         const std::vector<v1::Event>& mentions) {
  stored = WithReading(std::move(stored), record);
  stored.set_country_code(record.country_code());
  stored.set_review_state(record.review_state());
  stored.clear_review();
  if (mentions.empty()) return stored;
  const v1::Event told = BestReading(mentions);
  absl::flat_hash_set<std::string> named;
  for (const v1::Participant& p : record.participants()) {
    if (!p.entity().empty()) named.insert(p.entity());
  }
  for (const v1::Participant& p : told.participants()) {
    // A participant the normaliser could not resolve says nothing the
    // record's people do not.
    if (p.entity().empty() || !named.insert(p.entity()).second) continue;
    *stored.add_participants() = p;
  }
  if (stored.location().empty()) stored.set_location(told.location());
  if (stored.summary().empty()) stored.set_summary(told.summary());
  return stored;
}

}  // namespace civicwatch::ingest
