// Datelines and bylines at the top of a report or of a news item: where
// the text says when (and where) it was written. Used by
// report_metadata.h to find the date of publication.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_DATELINES_H_
#define CIVICWATCH_SERVICES_NORMALIZE_DATELINES_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/normalize/simple_date.h"
#include "services/normalize/text_segmentation.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// A news site's posting line opening with the full date, the time of
// posting before or after it ("27.10.2022, 13:40 | Бишкек | Политика",
// "17:42, 18 мая 2016"); `toks` is the whole line. Returns its date, or
// nothing when the line goes on with a sentence.
std::optional<SimpleDate> PostingLineDate(const std::vector<Token>& toks);

// The dateline that opens body[begin, end), if there is one: a few
// capitalised place words, a comma and a date with its year, then a dash,
// the end of the line, or a full stop after which the story starts
// ("АЛМАТЫ, 2 декабря 2025 г. Суд ..."); a news site's byline line opening
// with the full date ("27.10.2022, 13:40 | Бишкек | Политика"); or, when
// `under_byline` (the line above is a byline, IsBylineLine), a date alone
// on its line. Sets `dateline` to the dateline's bytes and `published` to
// its date; leaves both unchanged when there is none.
void FindDatelineAt(absl::string_view body, size_t begin, size_t end, bool under_byline,
                    Span* dateline, SimpleDate* published);

// A wire's dateline without its year that opens body[begin, end) ("КИЕВ,
// 20 января. ...", "VILNIUS, Oct 6 – ..."), once the report's date of
// writing is known from a posting line above: a few capitalised place
// words, a comma and a day and month matching `published` (or the day
// before it, as wires date a story filed after midnight), then a full stop
// or a dash. Returns the dateline's bytes, or nothing.
std::optional<Span> YearlessDatelineAt(absl::string_view body, size_t begin, size_t end,
                                       const SimpleDate& published);

// A wire's dateline without its year opening body[begin, end) ("КИШИНЕВ,
// 19 ноября. ...", "BAKU, June 21 -"): a few capitalised place words (in
// capitals only when `place_in_capitals`), a comma, a day and month, then
// a full stop or a dash. Returns its bytes and sets *day to its day and
// month (year 0), or returns nothing.
std::optional<Span> WireDatelineAt(absl::string_view body, size_t begin, size_t end, bool place_in_capitals,
                                   SimpleDate* day);

// True when body[line] is a byline: a short line of capitalised words and
// punctuation only ("Мария Карпенко, Стамбул", "By Anna Lee"), no date.
bool IsBylineLine(absl::string_view body, const Span& line);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_DATELINES_H_
