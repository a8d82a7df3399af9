// IngestStore's re-normalisation methods (ingest_store.h): rebuilding the
// machine's events of a stored report from a new normaliser run, with the
// person's layers carried over, and the jobs that do it report by report.
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/common/auth.h"
#include "services/common/errors.h"
#include "services/common/proto_time.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/event_content.h"
#include "services/ingest/ingest_store.h"
#include "services/ingest/person_layer_carrier.h"
#include "services/ingest/span_matching.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {
namespace {

constexpr char kJobPrefix[] = "renormalizations/";

// At most this many orphaned events are named in a job.
constexpr int kMaxNamedOrphans = 1000;

absl::Status SaveJob(sqlite::Database& db, int64_t id, const v1::Renormalization& job) {
  auto st = db.Prepare("INSERT OR REPLACE INTO renormalizations(id, state, job) VALUES (?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, id).Bind(2, static_cast<int64_t>(job.state())).BindBlob(3, job.SerializeAsString());
  return st->Run();
}

// The id of job `name`; INVALID_ARGUMENT naming "name" when it is not a
// job's name. "latest" is 0.
absl::StatusOr<int64_t> JobId(const std::string& name) {
  absl::string_view id = name;
  int64_t value = 0;
  if (!absl::ConsumePrefix(&id, kJobPrefix) ||
      (id != "latest" && (!absl::SimpleAtoi(id, &value) || value < 1))) {
    return InvalidFieldError("name", absl::StrCat("must be \"renormalizations/{id}\" or "
                                                  "\"renormalizations/latest\", got \"",
                                                  name, "\""));
  }
  return value;
}

// Job `id` (0: the newest), if it exists.
// The (id, job) of the first row of `st`, a SELECT of id and job; none
// when it has no row.
absl::StatusOr<std::optional<std::pair<int64_t, v1::Renormalization>>> ReadJobRow(
    sqlite::Statement& st) {
  auto row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  v1::Renormalization job;
  if (!job.ParseFromString(st.ColumnText(1))) return InternalError("undecodable job");
  return std::make_pair(st.ColumnInt(0), std::move(job));
}

absl::StatusOr<std::optional<std::pair<int64_t, v1::Renormalization>>> LoadJob(
    sqlite::Database& db, int64_t id) {
  auto st = db.Prepare(id == 0
                           ? "SELECT id, job FROM renormalizations ORDER BY id DESC LIMIT 1"
                           : "SELECT id, job FROM renormalizations WHERE id = ?");
  if (!st.ok()) return st.status();
  if (id != 0) st->Bind(1, id);
  return ReadJobRow(*st);
}

absl::StatusOr<std::optional<std::pair<int64_t, v1::Renormalization>>> LoadRunningJob(
    sqlite::Database& db) {
  auto st = db.Prepare("SELECT id, job FROM renormalizations WHERE state = ? LIMIT 1");
  if (!st.ok()) return st.status();
  st->Bind(1, static_cast<int64_t>(v1::RENORMALIZATION_STATE_RUNNING));
  return ReadJobRow(*st);
}

absl::StatusOr<absl::flat_hash_set<std::string>> EventIdsOf(sqlite::Database& db,
                                                             const std::string& report_id) {
  auto st = db.Prepare("SELECT event_id FROM event_sources WHERE report_id = ?");
  if (!st.ok()) return st.status();
  auto ids = st->Bind(1, report_id).FirstColumnTexts();
  if (!ids.ok()) return ids.status();
  absl::flat_hash_set<std::string> names;
  for (const std::string& id : *ids) names.insert(absl::StrCat("events/", id));
  return names;
}

// A person's event keeps its name wherever its text now is, and so does
// every other event whose text the new run makes an event of again
// (matched by span, never by position, so an event does not change its
// name because one before it came or went). A new event takes the name
// of its position unless an event kept, or gone, has it.
void NameRebuiltEvents(const std::string& report_id, const std::vector<std::string>& carried,
                       const std::vector<std::string>& own_names,
                       const std::vector<std::optional<Span>>& own_spans,
                       const std::vector<bool>& keeps_name, std::vector<v1::Event>& events) {
  absl::flat_hash_set<std::string> taken(carried.begin(), carried.end());
  taken.insert(own_names.begin(), own_names.end());
  std::vector<Span> candidates;
  for (size_t i = 0; i < events.size(); ++i) {
    candidates.push_back(keeps_name[i] || events[i].provenance().empty()
                             ? Span{}
                             : Span{events[i].provenance(0).start_offset(),
                                    events[i].provenance(0).end_offset()});
  }
  std::vector<bool> named(events.size(), false);
  const std::vector<int> match = MatchByOverlap(own_spans, candidates);
  for (size_t w = 0; w < match.size(); ++w) {
    if (match[w] < 0) continue;
    events[match[w]].set_name(own_names[w]);
    named[match[w]] = true;
  }
  for (size_t i = 0; i < events.size(); ++i) {
    if (keeps_name[i] || named[i]) continue;
    std::string name = events[i].name();
    for (int k = 1; taken.contains(name); ++k) {
      name = absl::StrCat("events/", MachineEventId(absl::StrCat(report_id, "/", i), k));
    }
    taken.insert(name);
    events[i].set_name(name);
  }
}

// Adds to `job` what became of each event `stored` tells, against the
// report's events `before` the run and the names other reports told
// before (`told_before`); `now_told` gets every name stored.
void CountOutcomes(const std::vector<v1::Event>& stored,
                   const absl::flat_hash_map<std::string, v1::Event>& before,
                   const absl::flat_hash_set<std::string>& told_before, v1::Renormalization& job,
                   absl::flat_hash_set<std::string>& now_told) {
  for (const v1::Event& e : stored) {
    if (!now_told.insert(e.name()).second) continue;
    auto it = before.find(e.name());
    if (it != before.end()) {
      if (SameContent(it->second, e)) {
        job.set_events_unchanged(job.events_unchanged() + 1);
      } else {
        job.set_events_changed(job.events_changed() + 1);
      }
    } else if (told_before.contains(e.name())) {
      // An event told by other reports too, told by this one again.
      job.set_events_unchanged(job.events_unchanged() + 1);
    } else {
      job.set_events_new(job.events_new() + 1);
    }
  }
}

// Rebuilds the events of stored `report` from `normalized` inside the
// caller's transaction, and adds what changed to `job`.
absl::Status RebuildEvents(sqlite::Database& db, ChangeWriter& writer, v1::Report report,
                           const normalize::NormalizedReport& normalized,
                           v1::Renormalization& job) {
  const std::string report_id(absl::StripPrefix(report.name(), "reports/"));
  auto told_before = EventIdsOf(db, report_id);
  if (!told_before.ok()) return told_before.status();
  auto detached = writer.DetachEvents(report_id, /*announce_deletions=*/false);
  if (!detached.ok()) return detached.status();

  // Every event of the report as it was: its own (deleted for now) and a
  // person's (carried over).
  absl::flat_hash_map<std::string, v1::Event> before;
  absl::flat_hash_set<std::string> deleted;
  std::vector<std::string> own_names;
  std::vector<std::optional<Span>> own_spans;
  for (v1::Event& e : detached->deleted) {
    deleted.insert(e.name());
    own_names.push_back(e.name());
    own_spans.push_back(e.provenance().empty()
                            ? std::nullopt
                            : std::optional<Span>(Span{e.provenance(0).start_offset(),
                                                       e.provenance(0).end_offset()}));
    before[e.name()] = std::move(e);
  }
  for (const AnchoredLayer& l : detached->layers) {
    v1::Event e;
    auto have = LoadProto(db, "SELECT event FROM events WHERE id = ?", l.event_id, e);
    if (!have.ok()) return have.status();
    if (*have) before[e.name()] = std::move(e);
  }

  std::vector<v1::Event> events = MachineEvents(report, normalized, writer.now());
  PersonLayerCarrier carrier(db, writer, report,
                             PersonLayerCarrier::Occasion::kRenormalization);
  carrier.Add(std::move(detached->layers), report.body());
  std::vector<bool> keeps_name;
  if (absl::Status s = carrier.Prepare(events, keeps_name); !s.ok()) return s;

  NameRebuiltEvents(report_id, carrier.CarriedNames(), own_names, own_spans, keeps_name, events);
  // An event kept under its name keeps its creation time, and its update
  // time (so its etag) when nothing in it changed.
  for (v1::Event& event : events) {
    auto it = before.find(event.name());
    if (it == before.end()) continue;
    *event.mutable_create_time() = it->second.create_time();
    if (SameContent(it->second, event)) *event.mutable_update_time() = it->second.update_time();
  }

  auto put = writer.PutEvents(events, report_id, keeps_name);
  if (!put.ok()) return put.status();
  std::vector<v1::Event> stored = *std::move(put);
  if (absl::Status s = carrier.Finish(stored); !s.ok()) return s;

  absl::flat_hash_set<std::string> now_told;
  CountOutcomes(stored, before, *told_before, job, now_told);
  for (const std::string& name : deleted) {
    if (now_told.contains(name)) continue;
    if (absl::Status s = writer.AnnounceEventDeletion(name); !s.ok()) return s;
    job.set_events_gone(job.events_gone() + 1);
  }
  for (const std::string& name : carrier.newly_orphaned()) {
    job.set_events_orphaned(job.events_orphaned() + 1);
    if (job.orphaned_events_size() < kMaxNamedOrphans) job.add_orphaned_events(name);
  }

  // The report keeps its metadata; its event count and the answer kept
  // for retries are the new run's.
  const std::string old_report = report.SerializeAsString();
  report.set_event_count(static_cast<int32_t>(normalized.events.size()));
  v1::CreateReportResponse response;
  auto have = LoadProto(db, "SELECT response FROM reports WHERE id = ?", report_id, response);
  if (!have.ok()) return have.status();
  *response.mutable_report() = report;
  response.mutable_report()->clear_body();
  response.clear_warnings();
  for (const auto& w : normalized.warnings) *response.add_warnings() = w;
  response.clear_events();
  for (const v1::Event& e : stored) *response.add_events() = e;
  return writer.UpdateReport(report, report_id, response,
                             /*report_changed=*/report.SerializeAsString() != old_report);
}

}  // namespace

absl::StatusOr<v1::Renormalization> IngestStore::StartRenormalization(
    const std::string& principal) {
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  auto running = LoadRunningJob(db);
  if (!running.ok()) return running.status();
  if (*running) {
    return FailedPreconditionError(
        absl::StrCat((*running)->second.name(), " is still running (",
                     (*running)->second.reports_done(), " of ",
                     (*running)->second.reports_total(),
                     " reports done); wait for it to end before starting another"));
  }
  auto st = db.Prepare(
      "SELECT COALESCE(MAX(id), 0) + 1, (SELECT COUNT(*) FROM reports) FROM renormalizations");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  const int64_t id = st->ColumnInt(0);
  v1::Renormalization job;
  job.set_name(absl::StrCat(kJobPrefix, id));
  job.set_state(v1::RENORMALIZATION_STATE_RUNNING);
  job.set_principal(principal);
  *job.mutable_create_time() = ToTimestamp(absl::Now());
  *job.mutable_update_time() = job.create_time();
  job.set_reports_total(st->ColumnInt(1));
  st = absl::StatusOr<sqlite::Statement>(InternalError("released"));
  if (absl::Status s = SaveJob(db, id, job); !s.ok()) return s;
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  return job;
}

absl::StatusOr<v1::Renormalization> IngestStore::GetRenormalization(const std::string& name) {
  auto id = JobId(name);
  if (!id.ok()) return id.status();
  auto db = OpenReader();
  if (!db.ok()) return db.status();
  auto job = LoadJob(**db, *id);
  if (!job.ok()) return job.status();
  if (!*job) return ResourceNotFoundError(name);
  return std::move((*job)->second);
}

absl::StatusOr<std::optional<v1::Renormalization>> IngestStore::RunningRenormalization() {
  auto db = OpenReader();
  if (!db.ok()) return db.status();
  auto job = LoadRunningJob(**db);
  if (!job.ok()) return job.status();
  if (!*job) return std::nullopt;
  return std::move((*job)->second);
}

absl::StatusOr<std::optional<std::string>> IngestStore::NextReportId(const std::string& after_id) {
  auto db = OpenReader();
  if (!db.ok()) return db.status();
  auto st = (*db)->Prepare("SELECT id FROM reports WHERE id > ? ORDER BY id LIMIT 1");
  if (!st.ok()) return st.status();
  return st->Bind(1, after_id).FirstText();
}

absl::StatusOr<v1::Renormalization> IngestStore::RenormalizeReport(
    const std::string& job_name, const std::string& report_id, const std::string& content_hash,
    const normalize::NormalizedReport& normalized) {
  auto id = JobId(job_name);
  if (!id.ok()) return id.status();
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  auto loaded = LoadJob(db, *id);
  if (!loaded.ok()) return loaded.status();
  if (!*loaded || (*loaded)->second.state() != v1::RENORMALIZATION_STATE_RUNNING) {
    return FailedPreconditionError(absl::StrCat(job_name, " is not running"));
  }
  v1::Renormalization job = std::move((*loaded)->second);
  ChangeWriter writer(db, absl::Now(), index_.get(), &statements_);
  v1::Report report;
  auto have = LoadProto(db, "SELECT report FROM reports WHERE id = ?", report_id, report);
  if (!have.ok()) return have.status();
  if (*have && report.content_hash() == content_hash) {
    if (absl::Status s = RebuildEvents(db, writer, std::move(report), normalized, job); !s.ok()) {
      return s;
    }
    job.set_reports_done(job.reports_done() + 1);
  }
  job.set_last_report(absl::StrCat("reports/", report_id));
  *job.mutable_update_time() = ToTimestamp(writer.now());
  if (absl::Status s = SaveJob(db, *id, job); !s.ok()) return s;
  if (absl::Status s = CommitAndPublish(tx, writer); !s.ok()) return s;
  return job;
}

absl::StatusOr<v1::Renormalization> IngestStore::EndRenormalization(
    const std::string& job_name, v1::RenormalizationState state, const std::string& error) {
  auto id = JobId(job_name);
  if (!id.ok()) return id.status();
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  auto loaded = LoadJob(db, *id);
  if (!loaded.ok()) return loaded.status();
  if (!*loaded) return ResourceNotFoundError(job_name);
  v1::Renormalization job = std::move((*loaded)->second);
  job.set_state(state);
  job.set_error(error);
  *job.mutable_update_time() = ToTimestamp(absl::Now());
  *job.mutable_end_time() = job.update_time();
  if (absl::Status s = SaveJob(db, *id, job); !s.ok()) return s;
  return job;
}

}  // namespace civicwatch::ingest
