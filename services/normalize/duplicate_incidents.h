// Drops incidents that only repeat another incident of the same report.
//
// News reports open with a lede that tells the story in brief ("An
// investigative journalist died in hospital on Tuesday") before the body
// tells it again, dated and with names; reports also come back to an
// incident without its date ("Ruziev's complaint was rejected"). Such a
// repeat is a duplicate of the dated incident when:
// - it has the same category, and
// - every person taking part in it takes part in the dated incident too
//   (bodies are named loosely: "Police in Osh detained ..." then "police
//   detained ..."), and
// - it is undated and names someone (an undated act by nobody named says
//   too little to be called the same), or it stands in a news lede (the
//   paragraph under the dateline) with no date or a date holding the dated
//   incident's ("in the spring of 2022" holds 18 May 2022), the dated
//   incident being told after the lede (and dated there, not only by
//   going on with the lede's day).
// The dated incident is kept. Linear in the number of incidents (each is
// compared with at most a bounded number of candidates).
#ifndef CIVICWATCH_SERVICES_NORMALIZE_DUPLICATE_INCIDENTS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_DUPLICATE_INCIDENTS_H_

#include <vector>

#include "services/normalize/incident_segmenter.h"

namespace civicwatch::normalize {

// Removes the duplicates from `incidents` (in text order; their sentences
// are `sentences`, their entities `entities`), keeping the order of the
// others. `lede_paragraph` is the paragraph index of the report's news
// lede, or -1 when it has none.
void DropDuplicateIncidents(const std::vector<Sentence>& sentences,
                            const std::vector<ResolvedEntity>& entities, long lede_paragraph,
                            std::vector<Incident>* incidents);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_DUPLICATE_INCIDENTS_H_
