// Finds dates in English and Russian text and resolves them to partial
// dates that keep the precision of the text.
//
// Recognised: "7th September 2018", "On 10 October 2024", "September 7,
// 2018", "07.09.2018", "2018-09-07", "7 сентября 2018 года", months ("in
// June 2018", "в июне 2018 года", "in mid-March 2024"), years ("in 2016",
// "a 2016 decision"), ranges ("from 15th August to 15th December 2018",
// "between 23 and 24 October", "On 23rd and 24th October 2022"), and
// relative phrases ("a month later", "in the following month", "on the
// same day", "в тот же день"), seasons with a year ("in the spring of
// 2022", "весной 2022 года": the year only, a season being no month) and
// days of the week ("on Monday", "the following Friday", "в пятницу"),
// which give a full date only when counted from a known day. "until 13
// May" is found but marked as a bound, not as the date of something that
// happened.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_DATE_PARSER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_DATE_PARSER_H_

#include <string>
#include <vector>

#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

// A calendar date as precise as its source: year only (month = day = 0),
// year and month (day = 0), or a full date. year == 0 means unknown.
struct SimpleDate {
  int year = 0;
  int month = 0;
  int day = 0;

  bool known() const { return year != 0; }
  bool operator==(const SimpleDate& o) const {
    return year == o.year && month == o.month && day == o.day;
  }
  bool operator!=(const SimpleDate& o) const { return !(*this == o); }
  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" when unknown.
  std::string ToString() const;
};

enum class DateKind {
  kAbsolute,  // written out ("7 September 2018"), maybe without a year
  kRelative,  // "a month later": resolved against the date before it
  kBound,     // "until 13 May 2024": a limit, not when something happened
  // A Russian month in the genitive after a noun names what it qualifies,
  // not when the act of the sentence happened: "участникам протестов
  // августа 2020 года" (participants of the August 2020 protests).
  kAttributive,
};

// kWeekday: "on Monday", "the following Friday" (DateMention::weekday).
enum class DateUnit { kDay, kMonth, kYear, kWeekday, kWeek };

struct DateMention {
  size_t first_token = 0;  // tokens[first_token, end_token) of the sentence
  size_t end_token = 0;
  size_t start = 0;  // byte offsets
  size_t end = 0;
  DateKind kind = DateKind::kAbsolute;
  SimpleDate date;      // year 0 until resolved when the text gives no year
  SimpleDate end_date;  // set for ranges
  bool needs_year = false;
  // kRelative only. For kWeekday, `offset` is the direction: +1 "the
  // following Monday", -1 "last Monday", 0 "on Monday" as written alone.
  DateUnit unit = DateUnit::kDay;
  int offset = 0;
  // 1 (Monday) to 7 (Sunday). kWeekday: the day named. A day written
  // beside its day of the week ("On Monday, 29 November") keeps it here:
  // it settles a year the text leaves out.
  int weekday = 0;
  // kRelative counted from the time of writing ("last year", "на прошлой
  // неделе", data/deictic_dates.tsv), not from the date before it. A kWeek
  // unit is resolved to the week's month.
  bool deictic = false;
  // A month or day without a year followed by a year phrase ("February
  // last year", "февраля прошлого года"): the year is that phrase's, an
  // offset in years from the time of writing when `deictic`, else from the
  // date before.
  bool year_from_phrase = false;
  int year_offset = 0;
  // The date the text was published (a dateline, "Published 15 April
  // 2024"), not a date of the story: it gives no year to the story's other
  // dates (ResolveDates has it as `published`).
  bool publication = false;
  // Inside a participle phrase that qualifies a noun ("партию, запрещённую
  // в 2020 году"): a background act of its own, whose year is not the
  // story's year for the dates after it.
  bool background = false;
  // The paragraph it stands in (any number that tells paragraphs apart).
  // In a text with a publication date, a year is carried from one mention
  // to the next only inside a paragraph.
  int paragraph = 0;
  // Filled by ResolveDates: false when no year or anchor could be found.
  bool resolved = false;
};

// The dates in `tokens` (one sentence), in text order.
std::vector<DateMention> FindDates(const std::vector<Token>& tokens);

// The month number (1-12) of a month name in any listed form, or 0.
// English month names only count when capitalised.
int MonthNumber(const Token& token);

// The day of the week (1 Monday to 7 Sunday) a word names, or 0. English
// names only count when capitalised.
int DayOfWeekNumber(const Token& token);

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
void ResolveDates(const SimpleDate& coverage_start, const SimpleDate& coverage_end,
                  std::vector<DateMention*>* mentions, const SimpleDate& published = {});

// The day of the week of a full date: 1 (Monday) to 7 (Sunday); 0 when
// `d` has no day.
int WeekdayOf(const SimpleDate& d);

// Compares partial dates by the start of their periods; coarser first on
// ties. Returns <0, 0, >0.
int CompareDates(const SimpleDate& a, const SimpleDate& b);

// True when the period of `d` lies within [start, end] (either may be
// unknown, meaning open).
bool WithinPeriod(const SimpleDate& d, const SimpleDate& start, const SimpleDate& end);

// Adds `count` units to `d` and returns the result at the unit's precision.
// Returns an unknown date when `d` is not precise enough.
SimpleDate AddToDate(const SimpleDate& d, DateUnit unit, int count);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_DATE_PARSER_H_
