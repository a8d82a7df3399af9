// A sentence that gives the names of people the sentence before only
// counted or described: "Four activists were sentenced on 2 June 2021.
// Those convicted were A, B and C." / "Осуждённые — A, B, C." It opens by
// pointing back to them ("those convicted", "among them", a plural
// participle before a dash) and tells no act of its own, so its people
// belong to the incident before.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_PEOPLE_LISTS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_PEOPLE_LISTS_H_

#include <vector>

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// True when `tokens` (one sentence) open with words pointing back to
// people of the sentence before, followed by their names.
bool OpensListOfPeopleBefore(const std::vector<Token>& tokens);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_PEOPLE_LISTS_H_
