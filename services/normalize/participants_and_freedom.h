// The participants and the freedom of each incident the segmenter found.
//
// Participants: the people and bodies of the incident's anchor sentence,
// then of its follow-ups (at most 64); a pronoun in an anchor sentence
// naming no one it could stand for, or a sentence of the same paragraph
// naming only people acting (a judge), brings in the people of the
// incident before. Freedom: the section's; else the cues of the incident's
// sentences, a media outlet taking part, the titles of the people it
// targets; else the incident before in the same paragraph, the report's
// theme (its lede's cues, when it has no sections), the freedom carried
// within the section.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_PARTICIPANTS_AND_FREEDOM_H_
#define CIVICWATCH_SERVICES_NORMALIZE_PARTICIPANTS_AND_FREEDOM_H_

#include <vector>

#include "services/normalize/entity_resolver.h"
#include "services/normalize/incident_segmenter.h"

namespace civicwatch::normalize {

// Sets `entities` and `freedom` of every incident of `incidents` (in text
// order, over `sentences`; `entities` gives each resolved entity's kind
// and titles).
void AssignParticipantsAndFreedom(const std::vector<Sentence>& sentences,
                                  const std::vector<ResolvedEntity>& entities,
                                  std::vector<Incident>* incidents);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_PARTICIPANTS_AND_FREEDOM_H_
