// Dates of occasions, not of acts: "ahead of the 14 May elections",
// "in the run-up to Independence Day on 16 December", "накануне 16
// декабря" (data/occasion_cues.tsv). What was done ahead of an occasion
// was done before its day, at a time the text does not give, so such a
// date keeps its month only: the detentions "in the run-up to
// Independence Day on 16 December" are dated December, not 16 December.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_OCCASION_DATES_H_
#define CIVICWATCH_SERVICES_NORMALIZE_OCCASION_DATES_H_

#include <vector>

#include "services/normalize/date_parser.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// How many words may stand between an occasion cue and its date ("ahead
// of the presidential elections on 9 August": four).
inline constexpr size_t kOccasionWords = 6;

// Drops the day of every full date in `dates` (found in `tokens`, one
// sentence) that an occasion cue stands before, within kOccasionWords
// words and no punctuation but hyphens and quotes.
void CoarsenOccasionDates(const std::vector<Token>& tokens, std::vector<DateMention>* dates);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_OCCASION_DATES_H_
