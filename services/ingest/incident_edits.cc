#include "services/ingest/event_names.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/auth.h"
#include "services/common/errors.h"
#include "services/common/proto_time.h"
#include "services/ingest/incident_edits.h"
#include "services/ingest/incident_reading.h"
#include "services/ingest/merge_decisions.h"
#include "services/ingest/person_layer.h"
#include "services/ingest/person_layer_store.h"
#include "services/ingest/record_sources.h"
#include "services/ingest/review_access.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {
namespace {

std::vector<MentionAnchor> AnchorsOf(const std::vector<v1::Event>& mentions) {
  std::vector<MentionAnchor> out;
  for (const v1::Event& m : mentions) out.push_back(AnchorOf(m));
  return out;
}

// Moves the mention and the source row of `report_id` ("" for all) from
// event `from_id` to `to_id`.
absl::Status MoveMentions(sqlite::Database& db, const std::string& from_id,
                          const std::string& to_id, const std::string& report_id) {
  for (const char* table : {"event_sources", "event_mentions"}) {
    auto st = db.Prepare(absl::StrCat("UPDATE ", table, " SET event_id = ?1 WHERE event_id = ?2",
                                      report_id.empty() ? "" : " AND report_id = ?3"));
    if (!st.ok()) return st.status();
    st->Bind(1, to_id).Bind(2, from_id);
    if (!report_id.empty()) st->Bind(3, report_id);
    if (absl::Status s = st->Run(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Stores the revision `action` of `event` (its state and etag as stored),
// naming the `related` events.
absl::StatusOr<std::string> PutEditRevision(ChangeWriter& writer, const v1::Event& event,
                                            v1::RevisionAction action,
                                            const std::vector<std::string>& related,
                                            const IncidentEditor& editor,
                                            std::vector<v1::FieldChange> changes = {}) {
  v1::EventRevision revision;
  revision.set_action(action);
  revision.set_principal(editor.principal);
  revision.set_comment(editor.comment);
  for (v1::FieldChange& c : changes) *revision.add_field_changes() = std::move(c);
  revision.set_review_state(event.review_state());
  revision.set_etag(event.etag());
  for (const std::string& r : related) revision.add_related_events(r);
  if (absl::Status s = writer.PutRevision(EventIdOf(event.name()), revision); !s.ok()) return s;
  return revision.name();
}

// `event` read again from `mentions`, at the least confidential of their
// levels unless a person set its level, updated now, and stored.
absl::StatusOr<v1::Event> RereadAndStore(sqlite::Database& db, ChangeWriter& writer,
                                         v1::Event event, const std::vector<v1::Event>& mentions) {
  v1::Confidentiality least = v1::CONFIDENTIALITY_CONFIDENTIAL;
  for (const v1::Event& m : mentions) least = std::min(least, m.confidentiality());
  // An imported record the event holds is a source too.
  auto record = LoadRecord(db, EventIdOf(event.name()));
  if (!record.ok()) return record.status();
  if (*record) least = std::min(least, (*record)->confidentiality());
  event.set_confidentiality(least);
  auto reread = Reread(db, std::move(event), mentions);
  if (!reread.ok()) return reread.status();
  *reread->mutable_update_time() = ToTimestamp(writer.now());
  if (absl::Status s = writer.StoreEvent(*reread); !s.ok()) return s;
  return std::move(*reread);
}

struct FoldedEvent {
  v1::Event event;
  std::vector<v1::Event> mentions;
};

// The events to fold, checked (see MergeIncidents); `told` starts with
// the reports of the surviving event.
absl::StatusOr<std::vector<FoldedEvent>> LoadFolded(sqlite::Database& db,
                                                    const std::vector<std::string>& folded,
                                                    absl::flat_hash_map<std::string, std::string> told,
                                                    v1::Confidentiality highest_level) {
  std::vector<FoldedEvent> out;
  for (size_t i = 0; i < folded.size(); ++i) {
    const std::string field = absl::StrCat("events[", i, "]");
    FoldedEvent f;
    auto have = LoadProto(db, "SELECT event FROM events WHERE id = ?", EventIdOf(folded[i]), f.event);
    if (!have.ok()) return have.status();
    if (!*have) return FieldResourceNotFoundError(field, folded[i]);
    if (absl::Status s = CheckVisible(f.event, highest_level, field); !s.ok()) return s;
    auto record = LoadRecord(db, EventIdOf(folded[i]));
    if (!record.ok()) return record.status();
    if (*record) {
      // Its name is fixed by the record, which would make it again.
      return FieldPreconditionError(field, absl::StrCat(folded[i],
                                                        " holds an imported record: merge the "
                                                        "other events into it instead"));
    }
    auto mentions = LoadMentions(db, EventIdOf(folded[i]));
    if (!mentions.ok()) return mentions.status();
    if (mentions->empty()) {
      return FieldPreconditionError(field, absl::StrCat(folded[i],
                                                        " is told by no report (added by a person): "
                                                        "edit it instead of merging it"));
    }
    for (const v1::Event& m : *mentions) {
      const std::string report = AnchorOf(m).report_id;
      auto [it, added] = told.emplace(report, folded[i]);
      if (!added) {
        return FieldPreconditionError(
            field, absl::StrCat(folded[i], " and ", it->second, " are both told by reports/",
                                report, "; an incident holds one mention per report"));
      }
    }
    f.mentions = std::move(*mentions);
    out.push_back(std::move(f));
  }
  return out;
}

// The event `name` as a person may edit it (its etag checked, its level
// within the editor's reach) and the mentions that tell it.
struct EditableIncident {
  v1::Event event;
  std::vector<v1::Event> mentions;
};
absl::StatusOr<EditableIncident> LoadEditable(sqlite::Database& db, const std::string& name,
                                              const std::string& etag, const IncidentEditor& editor) {
  auto event = LoadForReview(db, name, etag, editor.highest_level);
  if (!event.ok()) return event.status();
  auto mentions = LoadMentions(db, EventIdOf(name));
  if (!mentions.ok()) return mentions.status();
  return EditableIncident{std::move(*event), std::move(*mentions)};
}

}  // namespace

absl::StatusOr<EditedIncident> MergeIncidents(sqlite::Database& db, ChangeWriter& writer,
                                              const std::string& name,
                                              const std::vector<std::string>& folded,
                                              const std::string& etag,
                                              const IncidentEditor& editor) {
  auto editable = LoadEditable(db, name, etag, editor);
  if (!editable.ok()) return editable.status();
  const v1::Event* survivor = &editable->event;
  std::vector<v1::Event>* mentions = &editable->mentions;
  auto record = LoadRecord(db, EventIdOf(name));
  if (!record.ok()) return record.status();
  if (mentions->empty() && !*record) {
    return FieldPreconditionError("name", absl::StrCat(name,
                                                       " is told by no report (added by a person); "
                                                       "merge it into an event a report tells"));
  }
  absl::flat_hash_map<std::string, std::string> told;
  for (const v1::Event& m : *mentions) told.emplace(AnchorOf(m).report_id, name);
  auto loaded = LoadFolded(db, folded, std::move(told), editor.highest_level);
  if (!loaded.ok()) return loaded.status();

  // Everything is checked: from here on, writes.
  const v1::Event before = *survivor;
  v1::Event merged = *survivor;
  std::vector<MentionAnchor> held = AnchorsOf(*mentions);
  auto survivor_layer = LoadPersonLayer(db, EventIdOf(name));
  if (!survivor_layer.ok()) return survivor_layer.status();
  bool has_layer = survivor_layer->has_value();
  for (FoldedEvent& f : *loaded) {
    const std::string fid = EventIdOf(f.event.name());
    // What a person decided about a folded event (its category, date,
    // people, review) is kept: it becomes the incident's when the
    // incident has no layer of its own yet, still anchored in the folded
    // event's text, which the incident now holds.
    if (!has_layer) {
      auto layer = LoadPersonLayer(db, fid);
      if (!layer.ok()) return layer.status();
      if (layer->has_value()) {
        (*layer)->event_id = EventIdOf(name);
        if (absl::Status s = SavePersonLayer(db, **layer); !s.ok()) return s;
        has_layer = true;
      }
    }
    const std::vector<MentionAnchor> anchors = AnchorsOf(f.mentions);
    if (absl::Status s = RecordDecisions(db, anchors, held, MergeDecision::kOneIncident,
                                         writer.now());
        !s.ok()) {
      return s;
    }
    held.insert(held.end(), anchors.begin(), anchors.end());
    if (absl::Status s = MoveMentions(db, fid, EventIdOf(name), ""); !s.ok()) return s;
    for (const v1::Provenance& p : f.event.provenance()) *merged.add_provenance() = p;
    mentions->insert(mentions->end(), f.mentions.begin(), f.mentions.end());
    if (absl::Status s = writer.DeleteEvent(fid); !s.ok()) return s;
    f.event.set_etag("");
    auto revision =
        PutEditRevision(writer, f.event, v1::REVISION_ACTION_MERGE, {name}, editor);
    if (!revision.ok()) return revision.status();
  }
  auto stored = RereadAndStore(db, writer, std::move(merged), *mentions);
  if (!stored.ok()) return stored.status();
  auto revision = PutEditRevision(writer, *stored, v1::REVISION_ACTION_MERGE, folded, editor,
                                  DiffEvents(before, *stored));
  if (!revision.ok()) return revision.status();
  return EditedIncident{std::move(*stored), std::move(*revision), v1::Event()};
}

namespace {

// The indexes into `mentions` (the event's) of the `wanted` ones; see
// SplitIncident for the errors.
absl::StatusOr<std::vector<size_t>> ChooseMentions(const std::string& name,
                                                   const std::vector<v1::Event>& mentions,
                                                   const std::vector<v1::Provenance>& wanted) {
  if (wanted.empty()) {
    return InvalidFieldError("mentions", "name at least one mention of the event to move out");
  }
  std::vector<size_t> chosen;
  absl::flat_hash_map<size_t, size_t> asked_by;
  for (size_t i = 0; i < wanted.size(); ++i) {
    const std::string field = absl::StrCat("mentions[", i, "]");
    const v1::Provenance& w = wanted[i];
    if (w.report().empty()) return InvalidFieldError(field + ".report", "is required");
    const bool any_span = w.start_offset() == 0 && w.end_offset() == 0;
    size_t found = mentions.size();
    for (size_t j = 0; j < mentions.size() && found == mentions.size(); ++j) {
      const MentionAnchor a = AnchorOf(mentions[j]);
      if (absl::StrCat("reports/", a.report_id) == w.report() &&
          (any_span || (a.span.start == w.start_offset() && a.span.end == w.end_offset()))) {
        found = j;
      }
    }
    if (found == mentions.size()) {
      return InvalidFieldError(
          field, absl::StrCat(name, " has no mention in ", w.report(),
                              any_span ? "" : absl::StrCat(" at bytes ", w.start_offset(), "..",
                                                           w.end_offset()),
                              "; its provenance lists its mentions"));
    }
    auto [it, added] = asked_by.emplace(found, i);
    if (!added) {
      return InvalidFieldError(field,
                               absl::StrCat("names the same mention as mentions[", it->second, "]"));
    }
    chosen.push_back(found);
  }
  if (chosen.size() == mentions.size()) {
    return InvalidFieldError("mentions", absl::StrCat("names every mention of ", name,
                                                      "; at least one must stay with it"));
  }
  return chosen;
}

// A name for the event split from `source_id` with the mentions at
// `anchors`, fixed by them, and not taken.
absl::StatusOr<std::string> SplitName(sqlite::Database& db, const std::string& source_id,
                                      const std::vector<MentionAnchor>& anchors) {
  std::string key = absl::StrCat("split:", source_id);
  for (const MentionAnchor& a : anchors) {
    absl::StrAppend(&key, ":", a.report_id, "/", a.span.start, "-", a.span.end);
  }
  for (int k = 0;; ++k) {
    const std::string id = auth::Sha256Hex(absl::StrCat(key, "#", k)).substr(0, 20);
    v1::Event taken;
    auto have = LoadProto(db, "SELECT event FROM events WHERE id = ?", id, taken);
    if (!have.ok()) return have.status();
    if (!*have) return absl::StrCat("events/", id);
  }
}

}  // namespace

absl::StatusOr<EditedIncident> SplitIncident(sqlite::Database& db, ChangeWriter& writer,
                                             const std::string& name,
                                             const std::vector<v1::Provenance>& wanted,
                                             const std::string& etag,
                                             const IncidentEditor& editor) {
  auto editable = LoadEditable(db, name, etag, editor);
  if (!editable.ok()) return editable.status();
  const v1::Event* source = &editable->event;
  const std::vector<v1::Event>* mentions = &editable->mentions;
  const std::string source_id = EventIdOf(name);
  auto chosen = ChooseMentions(name, *mentions, wanted);
  if (!chosen.ok()) return chosen.status();

  std::vector<v1::Event> moved, kept;
  absl::flat_hash_set<std::string> moved_reports;
  for (size_t j = 0; j < mentions->size(); ++j) {
    const bool moves = std::find(chosen->begin(), chosen->end(), j) != chosen->end();
    (moves ? moved : kept).push_back((*mentions)[j]);
    if (moves) moved_reports.insert(absl::StrCat("reports/", AnchorOf((*mentions)[j]).report_id));
  }
  auto new_name = SplitName(db, source_id, AnchorsOf(moved));
  if (!new_name.ok()) return new_name.status();

  // Everything is checked: from here on, writes.
  if (absl::Status s = RecordDecisions(db, AnchorsOf(moved), AnchorsOf(kept),
                                       MergeDecision::kTwoIncidents, writer.now());
      !s.ok()) {
    return s;
  }
  for (const v1::Event& m : moved) {
    if (absl::Status s = MoveMentions(db, source_id, EventIdOf(*new_name), AnchorOf(m).report_id);
        !s.ok()) {
      return s;
    }
  }
  const v1::Event before = *source;
  v1::Event left = *source, split = *source;
  left.clear_provenance();
  split.clear_provenance();
  for (const v1::Provenance& p : source->provenance()) {
    *(moved_reports.contains(p.report()) ? split : left).add_provenance() = p;
  }
  split.set_name(*new_name);
  split.set_review_state(v1::REVIEW_STATE_SUGGESTED);
  split.clear_review();
  split.set_orphaned(false);
  *split.mutable_create_time() = ToTimestamp(writer.now());
  // A person's layer anchored in a mention that moved stays with the
  // event it belongs to, anchored in a mention left.
  auto layer = LoadPersonLayer(db, source_id);
  if (!layer.ok()) return layer.status();
  if (*layer && moved_reports.contains(absl::StrCat("reports/", (*layer)->report_id))) {
    const MentionAnchor anchor = AnchorOf(kept.front());
    (*layer)->report_id = anchor.report_id;
    (*layer)->span = anchor.span;
    if (absl::Status s = SavePersonLayer(db, **layer); !s.ok()) return s;
  }
  auto stored_split = RereadAndStore(db, writer, std::move(split), moved);
  if (!stored_split.ok()) return stored_split.status();
  auto stored = RereadAndStore(db, writer, std::move(left), kept);
  if (!stored.ok()) return stored.status();
  auto revision = PutEditRevision(writer, *stored, v1::REVISION_ACTION_SPLIT, {*new_name}, editor,
                                  DiffEvents(before, *stored));
  if (!revision.ok()) return revision.status();
  auto split_revision =
      PutEditRevision(writer, *stored_split, v1::REVISION_ACTION_SPLIT, {name}, editor);
  if (!split_revision.ok()) return split_revision.status();
  return EditedIncident{std::move(*stored), std::move(*revision), std::move(*stored_split)};
}

}  // namespace civicwatch::ingest
