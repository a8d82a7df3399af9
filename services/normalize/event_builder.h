// The normaliser's last stage: incidents into the events and entities of
// the API (v1::Event, v1::Entity), with their participants as first
// written, roles, place, summary and provenance into the body.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_EVENT_BUILDER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_EVENT_BUILDER_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "civicwatch/v1/types.pb.h"
#include "services/normalize/entity_resolver.h"
#include "services/normalize/incident_segmenter.h"
#include "services/normalize/place_mentions.h"

namespace civicwatch::normalize {

// What the events of a report are made of.
struct EventSources {
  absl::string_view body;
  const v1::Report* report = nullptr;  // its country_code is each event's default
  const std::vector<Sentence>* sentences = nullptr;
  const std::vector<absl::Span<const PlaceMention>>* places = nullptr;  // of each sentence
  const std::vector<ResolvedEntity>* entities = nullptr;  // by resolved id
  // Whether the category model (category_model.h) may overrule the cue
  // rules' category; off only to measure what it adds.
  bool category_model = true;
  // Whether an undated incident needs an act done to a named person to be
  // an event (BuildEvents); off only to measure what that leaves out.
  bool undated_acts_only = true;
};

// What was built.
struct BuiltEvents {
  std::vector<v1::Event> events;      // one per incident kept, in order
  std::vector<v1::Entity> entities;   // every entity an event names, once
  // UNDATED_EVENT per undated event, UNDATED_MENTION per undated incident
  // left out, NO_EVENTS.
  std::vector<v1::Warning> warnings;
};

// Builds one event per incident (see NormalizedReport for the fields
// set) and the entities they name.
//
// An incident the text does not date is an event only when it tells an
// act (not a response: a call, a statement, an appeal, a finding) done to
// a person it names ("Imanbekov was beaten in custody"). Undated, the
// others are more often commentary, a trend or a step told in passing
// than an incident of their own: on the first-look reports, about half
// the undated events of every kind matched nothing the annotators
// recorded. Each one left out is a warning (UNDATED_MENTION) with its
// span, for a reviewer to add as an event.
BuiltEvents BuildEvents(const EventSources& sources, const std::vector<Incident>& incidents);

// A warning of the normaliser: `code`, `message`, and the span of the body
// it is about (0, 0 for the whole report).
v1::Warning MakeWarning(std::string code, std::string message, size_t start = 0, size_t end = 0);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_EVENT_BUILDER_H_
