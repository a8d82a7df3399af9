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
// happened. The calendar arithmetic is in simple_date.h, the words and
// tables in date_words.h, and resolving a document's mentions against
// each other in date_resolution.h.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_DATE_PARSER_H_
#define CIVICWATCH_SERVICES_NORMALIZE_DATE_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "services/normalize/simple_date.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

enum class DateKind {
  kAbsolute,  // written out ("7 September 2018"), maybe without a year
  kRelative,  // "a month later": resolved against the date before it
  kBound,     // "until 13 May 2024": a limit, not when something happened
  // A Russian month in the genitive after a noun names what it qualifies,
  // not when the act of the sentence happened: "участникам протестов
  // августа 2020 года" (participants of the August 2020 protests).
  kAttributive,
};

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
  // With `background` from a clause: the token where that clause starts
  // (BackgroundClauseStart); what comes before it is the sentence's own.
  size_t background_start = 0;
  // The paragraph it stands in (any number that tells paragraphs apart).
  // In a text with a publication date, a year is carried from one mention
  // to the next only inside a paragraph.
  int paragraph = 0;
  // kRelative only: the token of the act the phrase counts from ("two days
  // after her arrest": "arrest"; "через неделю после задержания":
  // "задержания"), 0 for none.
  size_t after_act_token = 0;
  // kRelative only: a comma stands just before the phrase.
  bool comma_before = false;
  // Acts as bits (one per kind of act, see act_anchors.h), set by the
  // caller before ResolveDates: those told in the mention's clause, and
  // those `after_act_token` names. A relative mention counts from the
  // latest mention before it whose clause tells the act it names.
  uint32_t clause_acts = 0;
  uint32_t after_acts = 0;
  // kRelative only, set with the acts: the phrase follows a dated clause
  // of its sentence and dates the clause after it, back from that date
  // ("ordered them held on Thursday, a day after officers raided the
  // newsroom": the raid is the day before Thursday).
  bool counts_back = false;
  // Filled by ResolveDates: false when no year or anchor could be found.
  bool resolved = false;
};

// The dates in `tokens` (one sentence), in text order.
std::vector<DateMention> FindDates(const std::vector<Token>& tokens);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_DATE_PARSER_H_
