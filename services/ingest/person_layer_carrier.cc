#include "services/ingest/person_layer_carrier.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/proto_time.h"
#include "services/ingest/event_content.h"
#include "services/ingest/person_layer.h"
#include "services/ingest/span_matching.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {
namespace {

bool IsCurated(const PersonLayer& layer) { return layer.state == v1::REVIEW_STATE_CURATED; }

}  // namespace

void PersonLayerCarrier::Add(std::vector<AnchoredLayer> layers, const std::string& old_body) {
  for (AnchoredLayer& anchored : layers) {
    Carried c;
    c.relocated = RelocateSpan(old_body, report_.body(), anchored.span);
    c.anchored = std::move(anchored);
    carried_.push_back(std::move(c));
  }
}

absl::Status PersonLayerCarrier::Prepare(std::vector<v1::Event>& events,
                                         std::vector<bool>& keeps_name) {
  keeps_name.assign(events.size(), false);
  std::vector<Carried> present;
  for (Carried& c : carried_) {
    auto have = LoadProto(db_, "SELECT event FROM events WHERE id = ?", c.anchored.event_id,
                          c.before);
    if (!have.ok()) return have.status();
    if (*have) present.push_back(std::move(c));
  }
  carried_ = std::move(present);
  // Curated events are a person's own: they are never taken for a machine
  // event, only moved.
  std::vector<std::optional<Span>> wanted;
  for (const Carried& c : carried_) {
    wanted.push_back(IsCurated(c.anchored.layer) ? std::nullopt : c.relocated);
  }
  std::vector<Span> candidates;
  for (const v1::Event& e : events) {
    candidates.push_back(e.provenance().empty()
                             ? Span{}
                             : Span{e.provenance(0).start_offset(), e.provenance(0).end_offset()});
  }
  const std::vector<int> match = MatchByOverlap(wanted, candidates);
  for (size_t i = 0; i < carried_.size(); ++i) {
    Carried& c = carried_[i];
    c.match = match[i];
    if (c.match < 0) continue;
    v1::Event machine = std::move(events[c.match]);
    machine.set_name(c.before.name());
    if (c.before.has_create_time()) *machine.mutable_create_time() = c.before.create_time();
    events[c.match] = ApplyPersonLayer(std::move(machine), c.anchored.layer);
    keeps_name[c.match] = true;
  }
  return absl::OkStatus();
}

absl::Status PersonLayerCarrier::WriteRevision(const Carried& c, v1::RevisionAction action,
                                               const v1::Event& after) {
  v1::EventRevision revision;
  revision.set_action(action);
  revision.set_principal(kIngestPrincipal);
  if (occasion_ == Occasion::kRenormalization) {
    revision.set_comment(action == v1::REVISION_ACTION_ORPHAN
                             ? absl::StrCat("the current normaliser makes no event of this "
                                            "event's text in ", report_.name())
                             : absl::StrCat("rebuilt by the current normaliser from ",
                                            report_.name()));
  } else {
    revision.set_comment(action == v1::REVISION_ACTION_ORPHAN
                             ? absl::StrCat("the new version ", report_.name(),
                                            " no longer holds this event's text")
                             : absl::StrCat("rebuilt from the new version ", report_.name()));
  }
  for (v1::FieldChange& change : DiffEvents(c.before, after)) {
    *revision.add_field_changes() = std::move(change);
  }
  revision.set_review_state(after.review_state());
  revision.set_etag(after.etag());
  return writer_.PutRevision(c.anchored.event_id, revision);
}

absl::Status PersonLayerCarrier::Finish(const std::vector<v1::Event>& stored) {
  const std::string report_id(absl::StripPrefix(report_.name(), "reports/"));
  for (Carried& c : carried_) {
    AnchoredLayer anchored = c.anchored;
    if (c.match >= 0) {
      const v1::Event& after = stored[c.match];
      anchored.report_id = report_id;
      anchored.span = Span{after.provenance(0).start_offset(), after.provenance(0).end_offset()};
      if (absl::Status s = SavePersonLayer(db_, anchored); !s.ok()) return s;
      if (occasion_ == Occasion::kRenormalization && SameContent(c.before, after)) continue;
      if (absl::Status s = WriteRevision(c, v1::REVISION_ACTION_REBUILD, after); !s.ok()) {
        return s;
      }
      continue;
    }
    v1::Event event = c.before;
    v1::RevisionAction action;
    if (IsCurated(c.anchored.layer) && c.relocated) {
      // A person's own event, its text found again: it now points there.
      event.clear_provenance();
      v1::Provenance* p = event.add_provenance();
      p->set_report(report_.name());
      p->set_start_offset(c.relocated->start);
      p->set_end_offset(c.relocated->end);
      if (!SetsConfidentiality(c.anchored.layer)) {
        event.set_confidentiality(report_.confidentiality());
      }
      event.set_orphaned(false);
      anchored.report_id = report_id;
      anchored.span = *c.relocated;
      auto st = db_.Prepare("INSERT OR IGNORE INTO event_sources(event_id, report_id) VALUES (?, ?)");
      if (!st.ok()) return st.status();
      if (absl::Status s = st->Bind(1, anchored.event_id).Bind(2, report_id).Run(); !s.ok()) {
        return s;
      }
      action = v1::REVISION_ACTION_REBUILD;
    } else {
      // Its text is gone: kept, with the person's work, for a person to
      // look at. Its provenance still says where it was.
      event.set_orphaned(true);
      action = v1::REVISION_ACTION_ORPHAN;
      if (!c.before.orphaned()) newly_orphaned_.push_back(event.name());
    }
    if (occasion_ == Occasion::kRenormalization && SameContent(c.before, event)) {
      // Left as it was: no new etag, no revision.
      if (absl::Status s = SavePersonLayer(db_, anchored); !s.ok()) return s;
      continue;
    }
    *event.mutable_update_time() = ToTimestamp(writer_.now());
    if (absl::Status s = writer_.StoreEvent(event); !s.ok()) return s;
    if (absl::Status s = SavePersonLayer(db_, anchored); !s.ok()) return s;
    if (absl::Status s = WriteRevision(c, action, event); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::vector<std::string> PersonLayerCarrier::CarriedNames() const {
  std::vector<std::string> names;
  for (const Carried& c : carried_) names.push_back(c.before.name());
  return names;
}

}  // namespace civicwatch::ingest
