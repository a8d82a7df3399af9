// What the relative dates of a report count from when they name an act
// ("two weeks after her arrest", "через неделю после задержания"): the
// latest telling of that act, not the date written just before, which is
// often another step of the story ("On 21 May state TV aired her
// 'confession'. A week after her detention she was charged").
//
// MarkDateActs fills each date mention's `clause_acts` (the acts its
// clause tells) and each relative mention's `after_acts` (the act it
// names) for ResolveDates (date_resolution.h). Acts are kinds of category
// cue (classifier.h), one bit per v1::Category; "after the verdict" may
// name any decision of a court (a prison sentence, a conviction, a fine, a
// ruling, custody or administrative arrest).
#ifndef CIVICWATCH_SERVICES_NORMALIZE_ACT_ANCHORS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_ACT_ANCHORS_H_

#include <cstdint>
#include <vector>

#include "services/normalize/classifier.h"
#include "services/normalize/incident_segmenter.h"

namespace civicwatch::normalize {

// The bits of the act kinds `scores` holds a category cue of.
uint32_t ActBits(const CueScores& scores);

// Sets clause_acts and after_acts on the dates of `sentences` (their cues
// found, their dates not yet resolved). A date's clause runs from the end
// of the date before it in the sentence to the start of the date after.
void MarkDateActs(std::vector<Sentence>* sentences);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_ACT_ANCHORS_H_
