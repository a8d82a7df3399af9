// Cue phrases broken by a date written inside them: "the city
// administration refused on 21st May 2022 to allow a picket" holds "refused
// to allow" (a ban) around "on 21st May 2022". The phrase matcher only
// matches consecutive tokens, so the date, with the preposition before it
// and the commas around it, is read as absent and the phrases running
// across it are added.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_CUES_ACROSS_DATES_H_
#define CIVICWATCH_SERVICES_NORMALIZE_CUES_ACROSS_DATES_H_

#include <vector>

#include "services/normalize/classifier.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// Adds to *cues (the cues of `tokens`, in text order, kept so) those
// running across one of `dates` that stands between two words. Returns
// true when it added any.
bool AddCuesAcrossDates(const std::vector<Token>& tokens, const std::vector<DateMention>& dates,
                        std::vector<CueMatch>* cues, const CueSources& sources = {});

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_CUES_ACROSS_DATES_H_
