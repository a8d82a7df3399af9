#include "services/ingest/change_writer.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/auth.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"
#include "services/common/proto_time.h"
#include "services/ingest/incident_keys.h"
#include "services/ingest/incident_matching.h"
#include "services/ingest/incident_reading.h"
#include "services/ingest/merge_decisions.h"
#include "services/ingest/original_store.h"
#include "services/ingest/person_layer.h"
#include "services/ingest/record_sources.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {
namespace {

absl::flat_hash_set<std::string> EntitiesOf(const v1::Event& e) {
  absl::flat_hash_set<std::string> out;
  for (const auto& p : e.participants()) {
    if (!p.entity().empty()) out.insert(p.entity());
  }
  return out;
}

// Merges what `incoming` says of an entity into `stored`: the fuller name
// becomes display_name, every other form an alias. Returns true when
// `stored` changed.
bool MergeEntity(const v1::Entity& incoming, v1::Entity& stored) {
  absl::flat_hash_set<std::string> names(stored.aliases().begin(), stored.aliases().end());
  names.insert(stored.display_name());
  bool changed = false;
  auto add_alias = [&](const std::string& alias) {
    if (alias.empty() || names.contains(alias)) return;
    names.insert(alias);
    stored.add_aliases(alias);
    changed = true;
  };
  if (incoming.display_name().size() > stored.display_name().size()) {
    std::string old = stored.display_name();
    stored.set_display_name(incoming.display_name());
    names.insert(incoming.display_name());
    add_alias(old);
    changed = true;
  } else {
    add_alias(incoming.display_name());
  }
  for (const auto& a : incoming.aliases()) add_alias(a);
  absl::flat_hash_set<std::string> titles(stored.titles().begin(), stored.titles().end());
  for (const auto& t : incoming.titles()) {
    if (titles.insert(t).second) {
      stored.add_titles(t);
      changed = true;
    }
  }
  if (stored.country_code().empty() && !incoming.country_code().empty()) {
    stored.set_country_code(incoming.country_code());
    changed = true;
  }
  return changed;
}

absl::Status Exec1(sqlite::Database& db, absl::string_view sql, absl::string_view a,
                   absl::string_view b = {}) {
  auto st = db.Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(1, a);
  if (!b.empty()) st->Bind(2, b);
  return st->Run();
}

}  // namespace

absl::Status ChangeWriter::Append(v1::ChangeType type, const std::string& resource_name,
                                  const google::protobuf::Message* resource) {
  v1::Change change;
  change.set_type(type);
  change.set_resource_name(resource_name);
  *change.mutable_commit_time() = ToTimestamp(now_);
  if (resource != nullptr) {
    if (auto* r = dynamic_cast<const v1::Report*>(resource)) *change.mutable_report() = *r;
    if (auto* e = dynamic_cast<const v1::Event*>(resource)) *change.mutable_event() = *e;
    if (auto* n = dynamic_cast<const v1::Entity*>(resource)) *change.mutable_entity() = *n;
    if (auto* v = dynamic_cast<const v1::EventRevision*>(resource)) {
      *change.mutable_revision() = *v;
    }
  }
  auto st = db_.Prepare("INSERT INTO changes(change) VALUES (?)");
  if (!st.ok()) return st.status();
  return st->BindBlob(1, change.SerializeAsString()).Run();
}

absl::Status ChangeWriter::PutEntity(const v1::Entity& incoming,
                                     const std::string& default_country) {
  const std::string id(absl::StripPrefix(incoming.name(), "entities/"));
  v1::Entity stored;
  auto have = LoadProto(db_, "SELECT entity FROM entities WHERE id = ?", id, stored);
  if (!have.ok()) return have.status();
  if (*have) {
    if (!MergeEntity(incoming, stored)) return absl::OkStatus();
  } else {
    stored = incoming;
    if (stored.country_code().empty()) stored.set_country_code(default_country);
  }
  auto st = db_.Prepare("INSERT OR REPLACE INTO entities(id, entity) VALUES (?, ?)");
  if (!st.ok()) return st.status();
  if (absl::Status s = st->Bind(1, id).BindBlob(2, stored.SerializeAsString()).Run(); !s.ok()) {
    return s;
  }
  return Append(v1::CHANGE_TYPE_UPSERT, stored.name(), &stored);
}

std::string EtagOf(const v1::Event& event) {
  v1::Event without = event;
  without.clear_etag();
  return auth::Sha256Hex(without.SerializeAsString()).substr(0, 16);
}

absl::StatusOr<std::optional<ChangeWriter::Filed>> ChangeWriter::FiledAs(
    const std::string& event_id) {
  auto st = statements_.Get(
      "SELECT rowid, country_code, people, category, date_key, match_keys FROM events "
      "WHERE id = ?");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, event_id);
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  std::optional<Filed> out;
  if (*row) {
    out.emplace();
    out->rowid = (*st)->ColumnInt(0);
    out->filing.country_code = (*st)->ColumnText(1);
    out->filing.people = (*st)->ColumnText(2);
    out->filing.category = (*st)->ColumnInt(3);
    out->filing.date_key = (*st)->ColumnText(4);
    out->filing.match_keys = (*st)->ColumnText(5);
  }
  (*st)->Reset();
  return out;
}

absl::Status ChangeWriter::Unfile(const std::string& event_id) {
  if (index_ == nullptr) return absl::OkStatus();
  auto filed = FiledAs(event_id);
  if (!filed.ok()) return filed.status();
  if (!*filed) return absl::OkStatus();
  return index_->Unfile((*filed)->rowid, (*filed)->filing);
}

absl::Status ChangeWriter::StoreEvent(v1::Event& event) { return WriteEvent(event, nullptr); }

absl::Status ChangeWriter::WriteEvent(v1::Event& event, const Filed* known) {
  event.set_etag(EtagOf(event));
  const std::string id(absl::StripPrefix(event.name(), "events/"));
  // The filing columns are written with matching off too, so a store
  // opened with matching later builds its index from them.
  const IncidentFiling filing = FilingOf(event);
  const std::string blob = event.SerializeAsString();
  // Runs an INSERT of the row's seven columns, as both inserts below bind them.
  auto insert = [&](sqlite::Statement& st) {
    st.Bind(1, id)
        .Bind(2, filing.country_code)
        .Bind(3, filing.date_key)
        .Bind(4, filing.category)
        .BindBlob(5, blob)
        .Bind(6, filing.people)
        .Bind(7, filing.match_keys);
    return st.Run();
  };
  if (index_ == nullptr) {
    auto st = statements_.Get(
        "INSERT INTO events(id, country_code, date_key, category, event, people, match_keys) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "country_code = excluded.country_code, date_key = excluded.date_key, "
        "category = excluded.category, event = excluded.event, people = excluded.people, "
        "match_keys = excluded.match_keys");
    if (!st.ok()) return st.status();
    if (absl::Status s = insert(**st); !s.ok()) return s;
    return Append(v1::CHANGE_TYPE_UPSERT, event.name(), &event);
  }
  std::optional<Filed> before;
  if (known != nullptr) {
    before = *known;
  } else {
    // Most events written are new: the row is inserted, and only when the
    // id is taken is the stored row's filing read, to be taken out.
    auto st = statements_.Get(
        "INSERT INTO events(id, country_code, date_key, category, event, people, match_keys) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING");
    if (!st.ok()) return st.status();
    if (absl::Status s = insert(**st); !s.ok()) return s;
    if (db_.Changes() == 1) {
      index_->File(db_.LastInsertRowId(), filing);
      return Append(v1::CHANGE_TYPE_UPSERT, event.name(), &event);
    }
    auto filed = FiledAs(id);
    if (!filed.ok()) return filed.status();
    if (!*filed) return InternalError(absl::StrCat("event ", id, " is neither new nor stored"));
    before = std::move(*filed);
  }
  // The row is rewritten in place: it keeps the rowid the index files it
  // by.
  const bool refile = !SameFiling(before->filing, filing);
  if (refile) {
    if (absl::Status s = index_->Unfile(before->rowid, before->filing); !s.ok()) return s;
  }
  auto st = statements_.Get(
      "UPDATE events SET country_code = ?, date_key = ?, category = ?, event = ?, people = ?, "
      "match_keys = ? WHERE rowid = ?");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, filing.country_code)
      .Bind(2, filing.date_key)
      .Bind(3, filing.category)
      .BindBlob(4, blob)
      .Bind(5, filing.people)
      .Bind(6, filing.match_keys)
      .Bind(7, before->rowid);
  if (absl::Status s = (*st)->Run(); !s.ok()) return s;
  if (refile) index_->File(before->rowid, filing);
  return Append(v1::CHANGE_TYPE_UPSERT, event.name(), &event);
}

absl::StatusOr<v1::Confidentiality> ChangeWriter::LeastConfidentialSource(
    const v1::Event& event) {
  // Confidentiality values are ordered: PUBLIC < RESTRICTED < CONFIDENTIAL.
  v1::Confidentiality least = v1::CONFIDENTIALITY_CONFIDENTIAL;
  // An imported record is a source too, at the level it was given.
  auto record = LoadRecord(db_, std::string(absl::StripPrefix(event.name(), "events/")));
  if (!record.ok()) return record.status();
  if (*record) least = std::min(least, (*record)->confidentiality());
  for (const auto& p : event.provenance()) {
    v1::Report report;
    auto have = LoadProto(db_, "SELECT report FROM reports WHERE id = ?",
                          absl::StripPrefix(p.report(), "reports/"), report);
    if (!have.ok()) return have.status();
    if (*have) least = std::min(least, report.confidentiality());
  }
  return least;
}

absl::StatusOr<ChangeWriter::DetachedEvents> ChangeWriter::DetachEvents(
    const std::string& report_id, bool announce_deletions) {
  const std::string report_name = absl::StrCat("reports/", report_id);
  auto st = db_.Prepare("SELECT event_id FROM event_sources WHERE report_id = ? ORDER BY event_id");
  if (!st.ok()) return st.status();
  st->Bind(1, report_id);
  auto event_ids = st->FirstColumnTexts();
  if (!event_ids.ok()) return event_ids.status();
  auto layers = LoadPersonLayersOf(db_, report_id);
  if (!layers.ok()) return layers.status();
  // An orphaned event's text is gone, so the report no longer tells it,
  // but its layer stays anchored there.
  {
    absl::flat_hash_set<std::string> listed(event_ids->begin(), event_ids->end());
    for (const AnchoredLayer& l : *layers) {
      if (!listed.contains(l.event_id)) event_ids->push_back(l.event_id);
    }
  }
  if (absl::Status s = Exec1(db_, "DELETE FROM event_sources WHERE report_id = ?", report_id);
      !s.ok()) {
    return s;
  }
  DetachedEvents out;
  for (const std::string& eid : *event_ids) {
    v1::Event event;
    auto have = LoadProto(db_, "SELECT event FROM events WHERE id = ?", eid, event);
    if (!have.ok()) return have.status();
    if (!*have) continue;
    auto mentions = LoadMentions(db_, eid);
    if (!mentions.ok()) return mentions.status();
    if (absl::Status s = Exec1(db_, "DELETE FROM event_mentions WHERE event_id = ? AND report_id = ?",
                               eid, report_id);
        !s.ok()) {
      return s;
    }
    // An imported record tells its event whatever reports go.
    auto record = LoadRecord(db_, eid);
    if (!record.ok()) return record.status();
    const bool holds_record = record->has_value();
    auto* prov = event.mutable_provenance();
    const bool told_elsewhere =
        holds_record || std::any_of(prov->begin(), prov->end(), [&](const v1::Provenance& p) {
          return p.report() != report_name;
        });
    auto layer = std::find_if(layers->begin(), layers->end(),
                              [&](const AnchoredLayer& l) { return l.event_id == eid; });
    if (layer != layers->end() && !told_elsewhere) {
      // A person's event: the caller carries it over.
      out.layers.push_back(std::move(*layer));
      continue;
    }
    v1::Event as_was = event;
    mentions->erase(std::remove_if(mentions->begin(), mentions->end(),
                                   [&](const v1::Event& m) {
                                     return m.provenance_size() > 0 &&
                                            m.provenance(0).report() == report_name;
                                   }),
                    mentions->end());
    prov->erase(std::remove_if(prov->begin(), prov->end(),
                               [&](const v1::Provenance& p) { return p.report() == report_name; }),
                prov->end());
    if (layer != layers->end()) {
      // Still told by another report: anchored there from now on; told by
      // its record alone, anchored in no report's text, as a record's
      // event a person touched is.
      layer->report_id.clear();
      layer->span = Span{};
      if (!prov->empty()) {
        layer->report_id = std::string(absl::StripPrefix(prov->Get(0).report(), "reports/"));
        layer->span = Span{prov->Get(0).start_offset(), prov->Get(0).end_offset()};
      }
      if (absl::Status s = SavePersonLayer(db_, *layer); !s.ok()) return s;
    }
    if (prov->empty() && !holds_record) {
      if (absl::Status s = Unfile(eid); !s.ok()) return s;
      for (absl::string_view sql :
           {"DELETE FROM events WHERE id = ?", "DELETE FROM event_mentions WHERE event_id = ?",
            "DELETE FROM merge_candidates WHERE event_id = ?1 OR other_event_id = ?1"}) {
        if (absl::Status s = Exec1(db_, sql, eid); !s.ok()) return s;
      }
      if (announce_deletions) {
        if (absl::Status s = AnnounceEventDeletion(event.name()); !s.ok()) return s;
      }
      out.deleted.push_back(std::move(as_was));
      continue;
    }
    if (!mentions->empty() || holds_record) {
      // The incident as the mentions left tell it, or its record with
      // what they add.
      auto reread = Reread(db_, std::move(event), *mentions);
      if (!reread.ok()) return reread.status();
      event = std::move(*reread);
    }
    auto least = LeastConfidentialSource(event);
    if (!least.ok()) return least.status();
    event.set_confidentiality(*least);
    *event.mutable_update_time() = ToTimestamp(now_);
    if (absl::Status s = StoreEvent(event); !s.ok()) return s;
  }
  return out;
}

absl::StatusOr<std::vector<AnchoredLayer>> ChangeWriter::RemoveReport(
    const std::string& report_id) {
  std::string original_sha256;
  {
    auto original = db_.Prepare("SELECT original_sha256 FROM reports WHERE id = ?");
    if (!original.ok()) return original.status();
    original->Bind(1, report_id);
    auto row = original->Step();
    if (!row.ok()) return row.status();
    if (*row) original_sha256 = original->ColumnText(0);
  }
  auto detached = DetachEvents(report_id, /*announce_deletions=*/true);
  if (!detached.ok()) return detached.status();
  for (absl::string_view sql : {"DELETE FROM request_ids WHERE report_id = ?",
                                "DELETE FROM reports WHERE id = ?"}) {
    if (absl::Status s = Exec1(db_, sql, report_id); !s.ok()) return s;
  }
  if (absl::Status s = DropOriginalIfUnreferenced(db_, original_sha256); !s.ok()) return s;
  if (absl::Status s = Append(v1::CHANGE_TYPE_DELETE, absl::StrCat("reports/", report_id), nullptr);
      !s.ok()) {
    return s;
  }
  return std::move(detached->layers);
}

absl::Status ChangeWriter::UpdateReport(const v1::Report& report, const std::string& report_id,
                                        const v1::CreateReportResponse& response,
                                        bool report_changed) {
  auto st = db_.Prepare("UPDATE reports SET report = ?, response = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->BindBlob(1, report.SerializeAsString())
      .BindBlob(2, response.SerializeAsString())
      .Bind(3, report_id);
  if (absl::Status s = st->Run(); !s.ok()) return s;
  if (!report_changed) return absl::OkStatus();
  return Append(v1::CHANGE_TYPE_UPSERT, report.name(), &report);
}

absl::Status ChangeWriter::AnnounceEventDeletion(const std::string& event_name) {
  return Append(v1::CHANGE_TYPE_DELETE, event_name, nullptr);
}

absl::Status ChangeWriter::DeleteEvent(const std::string& event_id) {
  if (absl::Status s = Unfile(event_id); !s.ok()) return s;
  for (absl::string_view sql :
       {"DELETE FROM events WHERE id = ?", "DELETE FROM event_mentions WHERE event_id = ?",
        "DELETE FROM event_sources WHERE event_id = ?", "DELETE FROM event_reviews WHERE event_id = ?",
        "DELETE FROM imported_records WHERE event_id = ?",
        "DELETE FROM merge_candidates WHERE event_id = ?1 OR other_event_id = ?1"}) {
    if (absl::Status s = Exec1(db_, sql, event_id); !s.ok()) return s;
  }
  return AnnounceEventDeletion(absl::StrCat("events/", event_id));
}

absl::Status ChangeWriter::PutReport(const v1::Report& report, const std::string& report_id,
                                     const v1::CreateReportResponse& response) {
  auto st = db_.Prepare(
      "INSERT INTO reports(id, content_hash, source_uri, country_code, create_micros, report, "
      "response, confidentiality, original_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, report_id)
      .Bind(2, report.content_hash())
      .Bind(3, report.source_uri())
      .Bind(4, report.country_code())
      .Bind(5, absl::ToUnixMicros(now_))
      .BindBlob(6, report.SerializeAsString())
      .BindBlob(7, response.SerializeAsString())
      .Bind(8, static_cast<int64_t>(report.confidentiality()))
      .Bind(9, report.original().sha256());
  if (absl::Status s = st->Run(); !s.ok()) return s;
  return Append(v1::CHANGE_TYPE_UPSERT, report.name(), &report);
}

absl::StatusOr<v1::Event> ChangeWriter::PutEvent(const v1::Event& event,
                                                 const std::string& report_id, bool may_merge) {
  std::optional<Scored> best;
  std::vector<Scored> candidates;
  // A person's decisions about this mention (merge_decisions.h) come
  // before the matcher's: it joins the incident it was merged with, and
  // never one it was split from.
  DecidedEvents decided;
  if (may_merge && index_ != nullptr) {
    auto found = DecisionsFor(statements_, db_, AnchorOf(event));
    if (!found.ok()) return found.status();
    decided = std::move(*found);
    auto forced = PersonsIncident(decided.one_incident, report_id);
    if (!forced.ok()) return forced.status();
    if (*forced) best = Scored{std::move(**forced), MatchResult{}};
  }
  if (may_merge && index_ != nullptr && !best) {
    if (absl::Status st = ScoreIndexedIncidents(event, report_id, Teller::kReport, decided.apart,
                                              &best, &candidates); !st.ok()) {
      return st;
    }
  }

  v1::Event stored;
  std::optional<Filed> stored_row;
  if (best) {
    stored = std::move(best->incident);
    stored_row = std::move(best->row);
    const std::string id(absl::StripPrefix(stored.name(), "events/"));
    for (const auto& p : event.provenance()) *stored.add_provenance() = p;
    auto mentions = LoadMentions(statements_, id);
    if (!mentions.ok()) return mentions.status();
    auto record = mentions->empty() ? LoadRecord(statements_, id)
                                    : absl::StatusOr<std::optional<v1::Event>>(std::nullopt);
    if (!record.ok()) return record.status();
    if (mentions->empty() && !*record) {
      // An incident stored without its mentions (added by a person): it
      // keeps its fields and gains the participants.
      const absl::flat_hash_set<std::string> known = EntitiesOf(stored);
      for (const auto& p : event.participants()) {
        if (p.entity().empty() || !known.contains(p.entity())) *stored.add_participants() = p;
      }
      if (stored.location().empty()) stored.set_location(event.location());
    } else {
      mentions->push_back(event);
      auto reread = Reread(statements_, std::move(stored), *mentions);
      if (!reread.ok()) return reread.status();
      stored = std::move(*reread);
    }
    stored.set_confidentiality(std::min(stored.confidentiality(), event.confidentiality()));
    *stored.mutable_update_time() = ToTimestamp(now_);
  } else {
    stored = event;
  }
  const std::string stored_id(absl::StripPrefix(stored.name(), "events/"));
  if (absl::Status s =
          Exec1(db_, "INSERT OR IGNORE INTO event_sources(event_id, report_id) VALUES (?, ?)",
                stored_id, report_id);
      !s.ok()) {
    return s;
  }
  {
    auto st = db_.Prepare(
        "INSERT OR REPLACE INTO event_mentions(event_id, report_id, mention) VALUES (?, ?, ?)");
    if (!st.ok()) return st.status();
    st->Bind(1, stored_id).Bind(2, report_id).BindBlob(3, event.SerializeAsString());
    if (absl::Status s = st->Run(); !s.ok()) return s;
  }
  if (!best) {
    for (const Scored& c : candidates) {
      auto st = db_.Prepare(
          "INSERT OR REPLACE INTO merge_candidates(event_id, other_event_id, score_milli, "
          "evidence, create_micros) VALUES (?, ?, ?, ?, ?)");
      if (!st.ok()) return st.status();
      st->Bind(1, stored_id)
          .Bind(2, absl::StripPrefix(c.incident.name(), "events/"))
          .Bind(3, static_cast<int64_t>(c.match.score * 1000 + 0.5))
          .Bind(4, DescribeEvidence(c.match.evidence))
          .Bind(5, absl::ToUnixMicros(now_));
      if (absl::Status s = st->Run(); !s.ok()) return s;
    }
  }
  if (absl::Status s = WriteEvent(stored, stored_row ? &*stored_row : nullptr); !s.ok()) {
    return s;
  }
  return stored;
}

absl::StatusOr<std::optional<v1::Event>> ChangeWriter::PersonsIncident(
    const std::vector<std::string>& event_ids, const std::string& report_id) {
  for (const std::string& id : event_ids) {
    auto told = Exists("SELECT 1 FROM event_sources WHERE event_id = ? AND report_id = ?", id,
                       report_id);
    if (!told.ok()) return told.status();
    if (*told) continue;
    v1::Event incident;
    auto have = LoadProto(db_, "SELECT event FROM events WHERE id = ?", id, incident);
    if (!have.ok()) return have.status();
    if (*have) return std::optional<v1::Event>(std::move(incident));
  }
  return std::optional<v1::Event>();
}

absl::StatusOr<bool> ChangeWriter::Exists(const std::string& sql, const std::string& a,
                                          const std::optional<std::string>& b) {
  auto st = statements_.Get(sql);
  if (!st.ok()) return st.status();
  (*st)->Bind(1, a);
  if (b) (*st)->Bind(2, *b);
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  (*st)->Reset();
  return *row;
}

absl::Status ChangeWriter::PutRevision(const std::string& event_id,
                                       v1::EventRevision& revision) {
  *revision.mutable_create_time() = ToTimestamp(now_);
  if (absl::Status s = StoreRevision(db_, event_id, revision); !s.ok()) return s;
  return Append(v1::CHANGE_TYPE_UPSERT, revision.name(), &revision);
}

absl::StatusOr<std::vector<v1::Event>> ChangeWriter::PutEvents(
    const std::vector<v1::Event>& events, const std::string& report_id,
    const std::vector<bool>& keeps_name) {
  std::vector<v1::Event> stored;
  for (size_t i = 0; i < events.size(); ++i) {
    auto put = PutEvent(events[i], report_id, /*may_merge=*/!keeps_name[i]);
    if (!put.ok()) return put.status();
    stored.push_back(std::move(*put));
  }
  return stored;
}

absl::StatusOr<int64_t> ChangeWriter::HeadSequence() {
  auto st = db_.Prepare("SELECT COALESCE(MAX(sequence), 0) FROM changes");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return st->ColumnInt(0);
}

}  // namespace civicwatch::ingest
