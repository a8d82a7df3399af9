// Resolves a document's date mentions against each other, the period the
// report covers and its publication date.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_DATE_RESOLUTION_H_
#define CIVICWATCH_SERVICES_NORMALIZE_DATE_RESOLUTION_H_

#include <vector>

#include "services/normalize/date_parser.h"

namespace civicwatch::normalize {

// Gives every mention of a document (in text order) its year and resolves
// relative mentions. A day and month without a year take the year that
// puts them inside [coverage_start, coverage_end] when one does. Else, in a
// text with a publication date (`published`), the year of the nearest
// story mention before them in the same paragraph, else the year that
// makes them the latest such day on or before `published`: news tells a
// new paragraph's "On 30 October" from the time of writing, not from a
// background year told above. Without a publication date, the year of the
// nearest story mention before (or, failing that, after) them. A year that
// would put them after `published` is the one before it (a text tells what
// has happened). A year told relative to the time of writing ("earlier
// this year", "в этом году") gives its year to what follows as a written
// year does.
// A day of the week counts from the day mentioned before it ("the
// following Monday": the first Monday after it; "the previous Monday":
// the last one before it). When the text has a publication date with a
// day (`published`, a news dateline), a day of the week written alone
// ("died on Tuesday") is, as in news, the latest such day on or before
// it ("last Tuesday", with no day before it: the latest before it).
// Without a day to count from it stays undated: no day is invented.
// A relative mention that names the act it counts from (`after_acts`:
// "two weeks after her arrest") counts from the latest mention before it
// whose clause tells that act (`clause_acts`), when that one is precise
// enough; else from the date before it as any relative mention does.
// One that `counts_back` goes back from the mention just before it.
void ResolveDates(const SimpleDate& coverage_start, const SimpleDate& coverage_end,
                  std::vector<DateMention*>* mentions, const SimpleDate& published = {});

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_DATE_RESOLUTION_H_
