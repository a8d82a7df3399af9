// A line near the top or the foot of a report that gives its date of
// writing: "Published 15 April 2024", "Последнее обновление: 28 декабря
// 2023 г.", a byline's fields ("By our correspondent | Vienna, 3 December
// 2021").
#ifndef CIVICWATCH_SERVICES_NORMALIZE_PUBLICATION_LINES_H_
#define CIVICWATCH_SERVICES_NORMALIZE_PUBLICATION_LINES_H_

#include <cstddef>
#include <vector>

#include "services/normalize/simple_date.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// True when toks[k] names the time of writing ("published", "updated",
// "Date:", "Дата публикации"), not a date of birth or of arrest.
bool IsPublicationWord(const std::vector<Token>& toks, size_t k);

// When the tokens of one line give the date of writing, sets *published
// to it and returns true: the latest date after a publication word, in a
// line that opens with the word or is a short line of fields, or a
// byline field holding a place and a day.
bool FindPublicationDate(const std::vector<Token>& toks, SimpleDate* published);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_PUBLICATION_LINES_H_
