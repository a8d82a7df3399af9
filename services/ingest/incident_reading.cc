#include "services/ingest/incident_reading.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/errors.h"
#include "services/ingest/incident_matching.h"
#include "services/ingest/person_layer.h"
#include "services/ingest/person_layer_store.h"
#include "services/ingest/record_sources.h"

namespace civicwatch::ingest {

namespace {

constexpr char kMentionsSql[] =
    "SELECT mention FROM event_mentions WHERE event_id = ? ORDER BY report_id";

absl::StatusOr<std::vector<v1::Event>> ReadMentions(sqlite::Statement& st,
                                                    const std::string& event_id) {
  std::vector<v1::Event> out;
  absl::Status s = st.Bind(1, event_id).ForEachRow([&] {
    if (out.emplace_back().ParseFromString(st.ColumnText(0))) return absl::OkStatus();
    return InternalError(absl::StrCat("undecodable mention of ", event_id));
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace

absl::StatusOr<std::vector<v1::Event>> LoadMentions(sqlite::Database& db,
                                                    const std::string& event_id) {
  auto st = db.Prepare(kMentionsSql);
  if (!st.ok()) return st.status();
  return ReadMentions(*st, event_id);
}

absl::StatusOr<std::vector<v1::Event>> LoadMentions(StatementCache& statements,
                                                    const std::string& event_id) {
  auto st = statements.Get(kMentionsSql);
  if (!st.ok()) return st.status();
  auto out = ReadMentions(**st, event_id);
  (*st)->Reset();
  return out;
}

namespace {

// `stored` with the fields its `mentions` best support.
v1::Event ReadFromMentions(v1::Event stored, const std::vector<v1::Event>& mentions) {
  return WithReading(std::move(stored), BestReading(mentions));
}

// `stored` read from its record, when it holds one, or else from its
// mentions, and the person's layer on top.
absl::StatusOr<v1::Event> WithLayer(
    v1::Event stored, const std::vector<v1::Event>& mentions,
    const absl::StatusOr<std::optional<v1::Event>>& record,
    const absl::StatusOr<std::optional<AnchoredLayer>>& layer) {
  if (!record.ok()) return record.status();
  if (!layer.ok()) return layer.status();
  if (*record) {
    stored = ReadWithRecord(std::move(stored), **record, mentions);
  } else if (!mentions.empty()) {
    stored = ReadFromMentions(std::move(stored), mentions);
  }
  if (*layer) stored = ApplyPersonLayer(std::move(stored), (*layer)->layer);
  return stored;
}

}  // namespace

absl::StatusOr<v1::Event> Reread(sqlite::Database& db, v1::Event stored,
                                 const std::vector<v1::Event>& mentions) {
  const std::string id(absl::StripPrefix(stored.name(), "events/"));
  return WithLayer(std::move(stored), mentions, LoadRecord(db, id), LoadPersonLayer(db, id));
}

absl::StatusOr<v1::Event> Reread(StatementCache& statements, v1::Event stored,
                                 const std::vector<v1::Event>& mentions) {
  const std::string id(absl::StripPrefix(stored.name(), "events/"));
  return WithLayer(std::move(stored), mentions, LoadRecord(statements, id),
                   LoadPersonLayer(statements, id));
}

}  // namespace civicwatch::ingest
