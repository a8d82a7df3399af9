#include "services/normalize/event_builder.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/normalize/category_model.h"
#include "services/normalize/classifier.h"
#include "services/normalize/normalizer.h"
#include "services/normalize/report_fields.h"

namespace civicwatch::normalize {
namespace {

// An event's summary: its sentence, cut (at a character boundary) after
// kMaxSummaryBytes so that many events from one very long sentence do not
// copy it whole each.
constexpr size_t kMaxSummaryBytes = 1000;
std::string SummaryOf(absl::string_view sentence) {
  sentence = absl::StripAsciiWhitespace(sentence);
  if (sentence.size() <= kMaxSummaryBytes) return std::string(sentence);
  size_t cut = kMaxSummaryBytes;
  while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat(sentence.substr(0, cut), "\xE2\x80\xA6");
}

// The role of a participant, from what the text says about it.
v1::Role RoleFor(const ResolvedEntity& e, v1::Category category, v1::Valence valence,
                 absl::string_view title, bool actor_title) {
  if (category == v1::CATEGORY_MONITORING && e.kind == v1::ENTITY_KIND_PERSON && !title.empty()) {
    return v1::ROLE_OBSERVER;
  }
  // Judges, lawyers, officials: they act in the incident.
  if (actor_title) return v1::ROLE_ACTOR;
  if (valence == v1::VALENCE_NEGATIVE) {
    if (e.kind == v1::ENTITY_KIND_STATE_BODY) return v1::ROLE_PERPETRATOR;
    if (e.kind == v1::ENTITY_KIND_PERSON || e.kind == v1::ENTITY_KIND_MEDIA_OUTLET ||
        e.kind == v1::ENTITY_KIND_ORGANISATION) {
      return v1::ROLE_VICTIM;
    }
  }
  return v1::ROLE_ACTOR;
}

class EventBuilder {
 public:
  explicit EventBuilder(const EventSources& sources)
      : in_(sources), used_(sources.entities->size(), false), entity_names_(sources.entities->size()) {
    // "entities/{id}" of each entity, made once.
    for (size_t id = 0; id < entity_names_.size(); ++id) {
      entity_names_[id] = absl::StrCat("entities/", EntityIdForKey((*in_.entities)[id].key));
    }
  }

  v1::Event EventFor(const Incident& incident);
  // Marks the entities of `incident`, whose event is kept, as named.
  void Keep(const Incident& incident);
  std::vector<v1::Entity> UsedEntities() const;

 private:
  void SetLocation(const Incident& incident, v1::Event* event) const;
  void AddParticipants(const Incident& incident, v1::Category category, v1::Valence valence,
                       v1::Event* event);

  const EventSources& in_;
  std::vector<bool> used_;  // by entity id: named by some event
  std::vector<std::string> entity_names_;
  // Each participant's first mention in an incident's sentences (one map
  // for all incidents: cleared, not reallocated).
  absl::flat_hash_map<int, const SentenceMention*> firsts_;
};

v1::Event EventBuilder::EventFor(const Incident& incident) {
  const Sentence& anchor = (*in_.sentences)[incident.sentence];
  const std::string& country = in_.report->country_code();
  v1::Event ev;
  // (Empty strings are not set: in proto3 that is the same value, and
  // each set string costs an allocation, for every event.)
  if (!country.empty()) ev.set_country_code(country);
  if (incident.date.known()) SetPartialDate(incident.date, ev.mutable_date());
  if (incident.end_date.known() && incident.end_date != incident.date) {
    SetPartialDate(incident.end_date, ev.mutable_end_date());
  }
  ev.set_summary(SummaryOf(in_.body.substr(anchor.span.begin, anchor.span.size())));
  // The model reads the summary, the form its training clauses were taken in.
  const v1::Category category =
      in_.category_model ? RefineCategory(ev.summary(), incident.category) : incident.category;
  ev.set_category(category);
  ev.set_freedom(incident.freedom);
  CueScores all;
  all.positive = SaturatingAdd(incident.positive, incident.context_positive);
  all.negative = SaturatingAdd(incident.negative, incident.context_negative);
  const v1::Valence valence = ValenceFor(category, all);
  ev.set_valence(valence);
  SetLocation(incident, &ev);
  AddParticipants(incident, category, valence, &ev);
  size_t end = anchor.span.end;
  for (size_t f : incident.follow_ups) end = std::max(end, (*in_.sentences)[f].span.end);
  v1::Provenance* prov = ev.add_provenance();
  prov->set_start_offset(static_cast<int64_t>(anchor.span.begin));
  prov->set_end_offset(static_cast<int64_t>(end));
  return ev;
}

// Place: the first city or region named in the anchor sentence ("Osh",
// "Almaty region", "southern Kyrgyzstan"); a country named after "in"
// moves the event there.
void EventBuilder::SetLocation(const Incident& incident, v1::Event* event) const {
  const std::string& report_country = in_.report->country_code();
  for (const PlaceMention& pm : (*in_.places)[incident.sentence]) {
    if (!event->location().empty()) break;
    if (pm.in_name) continue;
    if (pm.kind == PlaceKind::kCity || pm.region) {
      event->set_location(in_.body.data() + pm.start, pm.end - pm.start);
      if (pm.country_code != report_country && !report_country.empty()) {
        event->set_country_code(pm.country_code.data(), pm.country_code.size());
      }
    } else if (pm.kind == PlaceKind::kCountry && pm.after_in && pm.country_code != report_country) {
      event->set_country_code(pm.country_code.data(), pm.country_code.size());
    }
  }
}

// Participants, as written in the first mention of each entity in the
// incident's sentences.
void EventBuilder::AddParticipants(const Incident& incident, v1::Category category, v1::Valence valence,
                                   v1::Event* event) {
  firsts_.clear();
  auto collect = [&](const Sentence& x) {
    // (Stops once every participant has a mention: a very long sentence
    // with many incidents is not walked whole for each.)
    for (size_t k = 0; k < x.mentions.size() && firsts_.size() < incident.entities.size(); ++k) {
      if (x.entity_ids[k] >= 0) firsts_.try_emplace(x.entity_ids[k], &x.mentions[k]);
    }
  };
  collect((*in_.sentences)[incident.sentence]);
  for (size_t f : incident.follow_ups) collect((*in_.sentences)[f]);
  event->mutable_participants()->Reserve(static_cast<int>(incident.entities.size()));
  for (int id : incident.entities) {
    const ResolvedEntity& entity = (*in_.entities)[id];
    auto found = firsts_.find(id);
    const SentenceMention* first = found == firsts_.end() ? nullptr : found->second;
    v1::Participant* part = event->add_participants();
    part->set_entity(entity_names_[id]);
    if (first != nullptr && !first->back_reference) {
      part->set_display_name(in_.body.data() + first->start, first->end - first->start);
    } else {
      part->set_display_name(entity.display_name);
    }
    part->set_kind(entity.kind);
    const absl::string_view title = first != nullptr ? first->title : absl::string_view();
    if (!title.empty()) part->set_title(title.data(), title.size());
    part->set_role(RoleFor(entity, category, valence, title, first != nullptr && first->actor_title));
  }
}

void EventBuilder::Keep(const Incident& incident) {
  for (int id : incident.entities) used_[id] = true;
}

// True when `event` tells an act, not a response, done to a person it
// names.
bool TellsAnActToANamedPerson(const v1::Event& event) {
  if (CategoryGroup(event.category()) == "response") return false;
  for (const v1::Participant& p : event.participants()) {
    if (p.role() == v1::ROLE_VICTIM && p.kind() == v1::ENTITY_KIND_PERSON) return true;
  }
  return false;
}

std::vector<v1::Entity> EventBuilder::UsedEntities() const {
  std::vector<v1::Entity> out;
  for (size_t id = 0; id < in_.entities->size(); ++id) {
    if (!used_[id]) continue;
    const ResolvedEntity& e = (*in_.entities)[id];
    v1::Entity entity;
    entity.set_name(entity_names_[id]);
    entity.set_kind(e.kind);
    entity.set_display_name(e.display_name);
    for (const std::string& a : e.aliases) entity.add_aliases(a);
    for (const std::string& t : e.titles) entity.add_titles(t);
    if (e.kind != v1::ENTITY_KIND_INTERNATIONAL_BODY) entity.set_country_code(in_.report->country_code());
    out.push_back(std::move(entity));
  }
  return out;
}

}  // namespace

v1::Warning MakeWarning(std::string code, std::string message, size_t start, size_t end) {
  v1::Warning w;
  w.set_code(std::move(code));
  w.set_message(std::move(message));
  w.set_start_offset(static_cast<int64_t>(start));
  w.set_end_offset(static_cast<int64_t>(end));
  return w;
}

BuiltEvents BuildEvents(const EventSources& sources, const std::vector<Incident>& incidents) {
  BuiltEvents out;
  EventBuilder builder(sources);
  out.events.reserve(incidents.size());
  for (const Incident& incident : incidents) {
    v1::Event event = builder.EventFor(incident);
    if (!incident.date.known()) {
      const Span& span = (*sources.sentences)[incident.sentence].span;
      if (sources.undated_acts_only && !TellsAnActToANamedPerson(event)) {
        out.warnings.push_back(MakeWarning(
            "UNDATED_MENTION",
            "An undated act or response with no named person it was done to; not made an event.",
            span.begin, span.end));
        continue;
      }
      out.warnings.push_back(
          MakeWarning("UNDATED_EVENT", "The text gives no date for this incident.", span.begin, span.end));
    }
    builder.Keep(incident);
    out.events.push_back(std::move(event));
  }
  if (out.events.empty()) {
    out.warnings.push_back(MakeWarning("NO_EVENTS", "No incident was found in the report."));
  }
  out.entities = builder.UsedEntities();
  return out;
}

}  // namespace civicwatch::normalize
