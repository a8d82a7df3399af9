// IngestStore's review methods (ingest_store.h): the person's layer and
// revisions of events.
#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/auth.h"
#include "services/common/errors.h"
#include "services/common/proto_time.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/event_names.h"
#include "services/ingest/incident_record.h"
#include "services/ingest/ingest_store.h"
#include "services/ingest/person_layer.h"
#include "services/ingest/person_layer_store.h"
#include "services/ingest/review_access.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {
namespace {

// The event's layer, or a new one anchored where its text is.
absl::StatusOr<AnchoredLayer> LayerFor(sqlite::Database& db, const v1::Event& event) {
  auto layer = LoadPersonLayer(db, EventIdOf(event.name()));
  if (!layer.ok()) return layer.status();
  if (*layer) return std::move(**layer);
  AnchoredLayer anchored;
  anchored.event_id = EventIdOf(event.name());
  if (!event.provenance().empty()) {
    anchored.report_id = std::string(absl::StripPrefix(event.provenance(0).report(), "reports/"));
    anchored.span = Span{event.provenance(0).start_offset(), event.provenance(0).end_offset()};
  }
  return anchored;
}

v1::Review ReviewBy(const std::string& principal, absl::Time now, const std::string& comment) {
  v1::Review review;
  review.set_reviewer(principal);
  *review.mutable_review_time() = ToTimestamp(now);
  review.set_comment(comment);
  return review;
}

// Stores the reviewed event, its layer and its revision; returns the
// revision's name.
absl::StatusOr<std::string> StoreReview(ChangeWriter& writer, sqlite::Database& db, v1::Event& event,
                         const AnchoredLayer& layer, v1::EventRevision revision) {
  *event.mutable_update_time() = ToTimestamp(writer.now());
  if (absl::Status s = writer.StoreEvent(event); !s.ok()) return s;
  if (absl::Status s = SavePersonLayer(db, layer); !s.ok()) return s;
  revision.set_review_state(event.review_state());
  revision.set_etag(event.etag());
  if (absl::Status s = writer.PutRevision(layer.event_id, revision); !s.ok()) return s;
  return revision.name();
}

bool IsUtf8Boundary(const std::string& body, int64_t offset) {
  return offset == static_cast<int64_t>(body.size()) ||
         (static_cast<unsigned char>(body[offset]) & 0xC0) != 0x80;
}

}  // namespace

absl::Status IngestStore::CommitAndPublish(sqlite::Transaction& tx, ChangeWriter& writer) {
  auto new_head = writer.HeadSequence();
  if (!new_head.ok()) return new_head.status();
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  writer.Committed();
  absl::MutexLock head_lock(&head_mu_);
  head_sequence_ = *new_head;
  return absl::OkStatus();
}

absl::StatusOr<IngestStore::ReviewedEvent> IngestStore::UpdateEvent(const v1::Event& event,
                                                   const std::vector<std::string>& paths,
                                                   const std::string& comment,
                                                   const std::string& principal,
                                                   v1::Confidentiality highest_level) {
  const auto names = [&paths](const char* path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  auto stored = LoadForReview(db, event.name(), event.etag(), highest_level);
  if (!stored.ok()) return stored.status();
  v1::Event updated = *stored;
  v1::EventRevision revision;
  revision.set_action(v1::REVISION_ACTION_UPDATE);
  revision.set_principal(principal);
  revision.set_comment(comment);
  for (v1::FieldChange& change : CopyFields(event, paths, updated)) {
    *revision.add_field_changes() = std::move(change);
  }
  if (absl::Status s = ValidateUpdatedFields(event, paths, updated); !s.ok()) return s;
  if (names("confidentiality")) {
    // Moving an event to or from a level takes the scope that sees it.
    const v1::Confidentiality level = std::max(stored->confidentiality(), updated.confidentiality());
    if (level > highest_level) {
      return ScopeRequiredError("event.confidentiality",
                                level == v1::CONFIDENTIALITY_CONFIDENTIAL
                                    ? auth::kQueryConfidential
                                    : auth::kQueryRestricted,
                                absl::StrCat("moving an event from ",
                                             v1::Confidentiality_Name(stored->confidentiality()),
                                             " to ",
                                             v1::Confidentiality_Name(updated.confidentiality())));
    }
  }
  // Named participants get their entities, as an imported record's do.
  const std::vector<v1::Entity> entities =
      names("participants") ? ResolveParticipants(updated) : std::vector<v1::Entity>();

  auto layer = LayerFor(db, *stored);
  if (!layer.ok()) return layer.status();
  ChangeWriter writer(db, absl::Now(), index_.get());
  for (const v1::Entity& entity : entities) {
    if (absl::Status s = writer.PutEntity(entity, updated.country_code()); !s.ok()) return s;
  }
  // A curated event is the person's whole: its values are the event's.
  if (layer->layer.state != v1::REVIEW_STATE_CURATED) {
    RecordFields(updated, paths, layer->layer);
  } else {
    layer->layer.values = updated;
    std::vector<std::string>& owned = layer->layer.paths;
    if (names("confidentiality") &&
        std::find(owned.begin(), owned.end(), "confidentiality") == owned.end()) {
      owned.push_back("confidentiality");
    }
  }
  layer->layer.state = StateAfterEdit(stored->review_state());
  layer->layer.review = ReviewBy(principal, writer.now(), comment);
  updated.set_review_state(layer->layer.state);
  *updated.mutable_review() = layer->layer.review;
  if (stored->review_state() != updated.review_state()) {
    v1::FieldChange* change = revision.add_field_changes();
    change->set_field("review_state");
    change->set_old_value(v1::ReviewState_Name(stored->review_state()));
    change->set_new_value(v1::ReviewState_Name(updated.review_state()));
  }
  auto revision_name = StoreReview(writer, db, updated, *layer, std::move(revision));
  if (!revision_name.ok()) return revision_name.status();
  if (absl::Status s = CommitAndPublish(tx, writer); !s.ok()) return s;
  return ReviewedEvent{std::move(updated), std::move(*revision_name)};
}

absl::StatusOr<IngestStore::ReviewedEvent> IngestStore::ReviewEvent(const std::string& name,
                                                   const std::string& etag, Verdict verdict,
                                                   const std::string& comment,
                                                   const std::string& principal,
                                                   v1::Confidentiality highest_level) {
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  auto stored = LoadForReview(db, name, etag, highest_level);
  if (!stored.ok()) return stored.status();
  auto layer = LayerFor(db, *stored);
  if (!layer.ok()) return layer.status();
  ChangeWriter writer(db, absl::Now(), index_.get());
  const v1::ReviewState state = verdict == Verdict::kReject
                                    ? v1::REVIEW_STATE_REJECTED
                                    : StateAfterConfirm(stored->review_state());
  v1::EventRevision revision;
  revision.set_action(verdict == Verdict::kReject ? v1::REVISION_ACTION_REJECT
                                                  : v1::REVISION_ACTION_CONFIRM);
  revision.set_principal(principal);
  revision.set_comment(comment);
  if (state != stored->review_state()) {
    v1::FieldChange* change = revision.add_field_changes();
    change->set_field("review_state");
    change->set_old_value(v1::ReviewState_Name(stored->review_state()));
    change->set_new_value(v1::ReviewState_Name(state));
  }
  layer->layer.state = state;
  layer->layer.review = ReviewBy(principal, writer.now(), comment);
  v1::Event reviewed = *stored;
  reviewed.set_review_state(state);
  *reviewed.mutable_review() = layer->layer.review;
  auto revision_name = StoreReview(writer, db, reviewed, *layer, std::move(revision));
  if (!revision_name.ok()) return revision_name.status();
  if (absl::Status s = CommitAndPublish(tx, writer); !s.ok()) return s;
  return ReviewedEvent{std::move(reviewed), std::move(*revision_name)};
}

absl::StatusOr<IngestStore::ReviewedEvent> IngestStore::CreateEvent(v1::Event event, const std::string& comment,
                                                   const std::string& principal) {
  if (event.provenance_size() != 1) {
    return InvalidFieldError("event.provenance",
                             "must hold exactly one entry: the report and the byte span the "
                             "event is told in");
  }
  const v1::Provenance& where = event.provenance(0);
  const std::string report_id(absl::StripPrefix(where.report(), "reports/"));
  if (!absl::StartsWith(where.report(), "reports/") || report_id.empty() ||
      report_id.find('/') != std::string::npos) {
    return InvalidFieldError("event.provenance[0].report",
                             "must be a resource name like \"reports/{id}\"");
  }
  absl::MutexLock lock(&write_mu_);
  sqlite::Database& db = *writer_;
  sqlite::Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  v1::Report report;
  auto have = LoadProto(db, "SELECT report FROM reports WHERE id = ?", report_id, report);
  if (!have.ok()) return have.status();
  if (!*have) return ResourceNotFoundError(where.report());
  const int64_t size = static_cast<int64_t>(report.body().size());
  if (where.start_offset() < 0 || where.start_offset() >= size ||
      !IsUtf8Boundary(report.body(), where.start_offset())) {
    return InvalidFieldError("event.provenance[0].start_offset",
                             absl::StrCat("must be the offset of a character of the report's "
                                          "body (0 to ", size - 1, ")"));
  }
  if (where.end_offset() <= where.start_offset() || where.end_offset() > size ||
      !IsUtf8Boundary(report.body(), where.end_offset())) {
    return InvalidFieldError("event.provenance[0].end_offset",
                             absl::StrCat("must be after start_offset, at most ", size,
                                          ", on a character boundary"));
  }
  if (event.country_code().empty()) event.set_country_code(report.country_code());
  if (absl::Status s = ValidateEventFields(event, "event."); !s.ok()) return s;

  const std::string id =
      auth::Sha256Hex(absl::StrCat("curated\x1f", report_id, "\x1f", where.start_offset(), "\x1f",
                                   where.end_offset()))
          .substr(0, 20);
  const std::string name = absl::StrCat("events/", id);
  v1::Event existing;
  auto exists = LoadProto(db, "SELECT event FROM events WHERE id = ?", id, existing);
  if (!exists.ok()) return exists.status();
  if (*exists) return AlreadyExistsError(name, "a person already added an event for that span");

  ChangeWriter writer(db, absl::Now(), index_.get());
  event.set_name(name);
  event.mutable_provenance(0)->set_report(report.name());
  event.mutable_provenance(0)->clear_quote();
  event.set_confidentiality(report.confidentiality());
  event.set_review_state(v1::REVIEW_STATE_CURATED);
  event.set_orphaned(false);
  event.clear_etag();
  *event.mutable_create_time() = ToTimestamp(writer.now());
  *event.mutable_update_time() = ToTimestamp(writer.now());
  for (const v1::Entity& entity : ResolveParticipants(event)) {
    if (absl::Status s = writer.PutEntity(entity, event.country_code()); !s.ok()) return s;
  }
  AnchoredLayer layer;
  layer.event_id = id;
  layer.report_id = report_id;
  layer.span = Span{where.start_offset(), where.end_offset()};
  layer.layer.state = v1::REVIEW_STATE_CURATED;
  layer.layer.paths = {"*"};
  layer.layer.review = ReviewBy(principal, writer.now(), comment);
  *event.mutable_review() = layer.layer.review;
  layer.layer.values = event;
  {
    auto st = db.Prepare("INSERT OR IGNORE INTO event_sources(event_id, report_id) VALUES (?, ?)");
    if (!st.ok()) return st.status();
    if (absl::Status s = st->Bind(1, id).Bind(2, report_id).Run(); !s.ok()) return s;
  }
  v1::EventRevision revision;
  revision.set_action(v1::REVISION_ACTION_CREATE);
  revision.set_principal(principal);
  revision.set_comment(comment);
  for (v1::FieldChange& change : DiffEvents(v1::Event(), event)) {
    *revision.add_field_changes() = std::move(change);
  }
  if (absl::Status s = writer.StoreEvent(event); !s.ok()) return s;
  if (absl::Status s = SavePersonLayer(db, layer); !s.ok()) return s;
  revision.set_review_state(event.review_state());
  revision.set_etag(event.etag());
  if (absl::Status s = writer.PutRevision(id, revision); !s.ok()) return s;
  if (absl::Status s = CommitAndPublish(tx, writer); !s.ok()) return s;
  return ReviewedEvent{std::move(event), revision.name()};
}

absl::StatusOr<std::vector<v1::EventRevision>> IngestStore::ListEventRevisions(
    const std::string& name, int64_t after_id, int limit, v1::Confidentiality highest_level) {
  auto db = OpenReader();
  if (!db.ok()) return db.status();
  v1::Event event;
  auto have = LoadProto(**db, "SELECT event FROM events WHERE id = ?", EventIdOf(name), event);
  if (!have.ok()) return have.status();
  // Revisions of a deleted event stay readable; those of an event above the
  // caller's level are answered as CheckVisible says.
  if (*have) {
    if (absl::Status s = CheckVisible(event, highest_level); !s.ok()) return s;
  }
  auto revisions = LoadRevisions(**db, EventIdOf(name), after_id, limit);
  if (!revisions.ok()) return revisions.status();
  if (revisions->empty() && after_id == 0 && !*have) return ResourceNotFoundError(name);
  return revisions;
}

}  // namespace civicwatch::ingest
