// Clauses that make a date in them background: a date inside a phrase
// that qualifies a noun tells when the thing it qualifies was done, not
// when the act of the sentence happened.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_DATE_CLAUSES_H_
#define CIVICWATCH_SERVICES_NORMALIZE_DATE_CLAUSES_H_

#include <cstddef>
#include <vector>

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// True when the date at tokens[i] stands in a background clause: a
// Russian participle phrase ("партию, запрещённую в 2020 году"), an
// English participle phrase ("a bill withdrawn in March 2023"), a
// restrictive relative clause ("the text that Parliament withdrew in
// 2023") or a pluperfect relative clause ("Achilova, who in November 2019
// had been prevented").
bool InBackgroundClause(const std::vector<Token>& tokens, size_t i);

// Where that background clause starts: the comma before a participle
// phrase or a relative clause set off by one, the participle of an
// English participle phrase, the "that" of a restrictive relative clause.
// tokens.size() when the date at tokens[i] is in none.
size_t BackgroundClauseStart(const std::vector<Token>& tokens, size_t i);

// True when the Russian month at tokens[i] is in the genitive after a noun
// and names what the noun qualifies: "протестов августа 2020 года".
bool IsAttributiveMonth(const std::vector<Token>& tokens, size_t i);

// True when the Russian year at tokens[i] is in the genitive after a noun
// and names what the noun qualifies: "после переворота 1980 года".
bool IsAttributiveYear(const std::vector<Token>& tokens, size_t i);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_DATE_CLAUSES_H_
