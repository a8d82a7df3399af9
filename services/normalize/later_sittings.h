// Dates of a sitting still to come: "adjourned the trial to 7 March 2018",
// "the next hearing is set for 5 December", "отложил рассмотрение дела на
// 5 мая", "следующее заседание назначено на 20 января". Such a date dates
// no act of the sentence, and the story's next dates take no year from it
// (date_parser.h marks it a background bound).
#ifndef CIVICWATCH_SERVICES_NORMALIZE_LATER_SITTINGS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_LATER_SITTINGS_H_

#include <cstddef>
#include <vector>

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// True when the words just before tokens[first] put proceedings off to
// the date that starts there: a verb of putting off, up to four words,
// then "to", "until", "till" or "на" ("adjourned the trial to", "was
// postponed until", "перенесли заседание на"); or the next sitting "set",
// "scheduled" or "fixed for" it ("the next hearing is scheduled for",
// "her next hearing, set for", "следующее заседание назначено на"). Only
// the next sitting: "a hearing set for 3 February was adjourned" dates
// the adjournment.
bool PutsOffTo(const std::vector<Token>& tokens, size_t first);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_LATER_SITTINGS_H_
