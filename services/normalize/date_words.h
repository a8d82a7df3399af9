// The words and numbers dates are written with, for the date parser: the
// date tables (data/months.tsv, seasons.tsv, weekdays.tsv,
// relative_dates.tsv, deictic_dates.tsv, quantity_words.tsv) and one test
// a kind of token.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_DATE_WORDS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_DATE_WORDS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "services/normalize/phrase_matcher.h"
#include "services/normalize/simple_date.h"
#include "services/normalize/tokenizer.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {

// A relative phrase's meaning ("a month later": one month forward).
struct RelativeSpec {
  DateUnit unit;
  int offset;         // used when not from_number
  bool from_number;   // "N months later": offset = sign * N
  int sign;
  bool deictic = false;  // from the time of writing (deictic_dates.tsv)
  // Days in one unit of the phrase: 7 for weeks counted from a day ("two
  // weeks later" is fourteen days on), else 1.
  int scale = 1;
};

struct DateTables {
  absl::flat_hash_map<std::string, int> months;
  WordSet month_forms;  // the keys of `months`: a filter asked before it
  WordSet seasons;                                     // every form, lower case
  WordSet weekday_forms;                               // the keys of `weekdays`
  WordSet named;  // seasons and weekdays: one test settles most words for both
  absl::flat_hash_map<std::string, int> weekdays;      // form -> 1 (Monday) .. 7
  PhraseMatcher relative;
  std::vector<RelativeSpec> relative_specs;
  PhraseMatcher quantity;  // "at least", "не менее": a count follows
};

// The tables, read once on first use.
const DateTables& DateWordTables();

// The month number (1-12) of a month name in any listed form, or 0.
// English month names only count when capitalised.
int MonthNumber(const Token& token);

// The day of the week (1 Monday to 7 Sunday) a word names, or 0. English
// names only count when capitalised.
int DayOfWeekNumber(const Token& token);

// Punctuation `p`.
inline bool IsPunct(const Token& t, absl::string_view p) { return t.kind == TokenKind::kPunct && t.lower == p; }

// A four-digit year from 1900 to 2100.
inline bool IsYear(const Token& t) {
  return t.kind == TokenKind::kNumber && t.digits == 4 && t.value >= 1900 && t.value <= 2100;
}

// A number that can be a day of the month.
inline bool IsDay(const Token& t) {
  return t.kind == TokenKind::kNumber && t.digits <= 2 && t.value >= 1 && t.value <= 31;
}

// "года", "г.", "гг.": the word after a Russian year.
bool IsYearWord(const Token& t);

// "and", "to", a dash, "и", "по": joins the two ends of a range.
bool IsRangeJoiner(const Token& t);

// Words after which a bare month name is a date ("in March", "mid-March").
bool IntroducesBareMonth(const Token& t);

// A season in any listed form ("spring", "весной").
bool IsSeason(const Token& t);

// 1 (Monday) to 7 (Sunday) for a day of the week, else 0. English names
// count only capitalised ("Monday").
int WeekdayNumber(const Token& t);

// +1 for words that count forward to a day of the week ("the following
// Monday"), -1 for those that count back ("last Monday"), 0 for others.
int WeekdayDirection(const Token& t);

// True for the words counting back from the time of writing ("last
// Monday", "в прошлый понедельник"), as against those counting back from
// the date told before ("the previous Monday", "в предыдущий").
bool CountsFromWriting(const Token& t);

// "until", "by", "до": a date after it is a bound (DateKind::kBound).
bool IsBoundWord(const Token& t);

// A year written just after one of these, or after one and "in" / "в",
// tells when someone or something began ("born in 1953", "основан в 1996
// году"): background, not the date of an act.
bool IsOriginWord(const Token& t);

// Words that make the year after them qualify the noun that follows: "the
// 2022 Nobel Peace Prize", "the 2020 elections".
bool IsDeterminer(const Token& t);

// Nouns that name an act themselves: "its 2016 views", "the 2015 law", "a
// 2019 court ruling" date that act.
bool IsActNoun(const Token& t);

// A year written just before one of these is part of a name ("the 2003 Law").
bool IsDocumentWord(const Token& t);

// True for a currency after an amount ("2000 рублей", "1500 roubles",
// "3000 manat", "$"/"€" aside): a four-digit number before it is a sum,
// not a year.
bool IsCurrencyWord(const Token& t);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_DATE_WORDS_H_
