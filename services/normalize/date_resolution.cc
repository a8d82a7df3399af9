#include "services/normalize/date_resolution.h"

#include "absl/time/civil_time.h"
#include "services/normalize/simple_date.h"

namespace civicwatch::normalize {
namespace {

// The day a day-of-the-week mention stands for (see ResolveDates), or an
// unknown date.
SimpleDate ResolveWeekday(const DateMention& m, const DateMention* anchor, const SimpleDate& published) {
  SimpleDate from;
  int step = m.offset < 0 ? -1 : 1;
  bool inclusive = false;
  if (m.offset == 0 && published.day) {
    from = published;
    step = -1;
    inclusive = true;
  } else if (m.deictic && published.day) {
    from = published;  // "last Tuesday", "в прошлую пятницу": before the writing
  } else if (anchor != nullptr && anchor->date.day) {
    from = anchor->date;
  } else if (m.offset < 0 && published.day) {
    from = published;  // "last Friday" in a news item: before its dateline
  } else {
    return {};
  }
  absl::CivilDay day(from.year, from.month, from.day);
  if (!inclusive) day += step;
  for (int k = 0; k < 7; ++k, day += step) {
    const SimpleDate d{static_cast<int>(day.year()), day.month(), day.day()};
    if (WeekdayOf(d) == m.weekday) return d;
  }
  return {};
}

// The year for a day written with its day of the week but no year
// ("On Monday, 29 November"): `year` when the day falls on that weekday
// in it, else the nearest year where it does (earlier first, never after
// the time of writing, inside the period covered when one is given). A
// weekday repeats on a date every few years, so a wrong guess from the
// years around it is put right and a right one never moved.
int YearOfWeekday(const DateMention& m, int year, const SimpleDate& coverage_start,
                  const SimpleDate& coverage_end, const SimpleDate& published) {
  if (m.weekday == 0 || !m.date.day || !m.date.month) return year;
  auto fits = [&](int y) {
    SimpleDate c = m.date;
    c.year = y;
    if (WeekdayOf(c) != m.weekday) return false;
    if (published.known() && PeriodStart(c) > PeriodEnd(published)) return false;
    return !(coverage_start.known() || coverage_end.known()) || WithinPeriod(c, coverage_start, coverage_end);
  };
  if (fits(year)) return year;
  for (int delta = 1; delta <= 6; ++delta) {
    if (fits(year - delta)) return year - delta;
    if (fits(year + delta)) return year + delta;
  }
  return year;
}

// What the story told so far says, as ResolveDates reads the mentions in
// order.
struct StorySoFar {
  int year = 0;                        // latest resolved story mention's year
  int paragraph = -1;                  // and its paragraph
  const DateMention* anchor = nullptr;  // latest resolved non-bound mention
};

// The year of `m`, a day or month written without one (0 when nothing
// gives it): the coverage period's; else, in a text with a date of
// writing, the story's in the same paragraph or the writing's; else the
// story's before or, failing it, `year_after` (the next mention's own).
// Never after the writing.
int YearOfDayWithoutYear(const DateMention& m, const SimpleDate& coverage_start, const SimpleDate& coverage_end,
                         const SimpleDate& published, const StorySoFar& story, int year_after) {
  int year = 0;
  const int y0 = coverage_start.known() ? coverage_start.year : coverage_end.year;
  const int y1 = coverage_end.known() ? coverage_end.year : coverage_start.year;
  // Over a period of several years, the year of the story told just
  // before, when the day falls in the period in it ("On 7 April 2022
  // ... On the night of 8 April"); else the first year that holds it.
  if (y0 && y1 > y0 && story.year >= y0 && story.year <= y1) {
    SimpleDate c = m.date;
    c.year = story.year;
    if (WithinPeriod(c, coverage_start, coverage_end)) year = story.year;
  }
  for (int y = y0; !year && y && y <= y1 && y - y0 < 200; ++y) {
    SimpleDate c = m.date;
    c.year = y;
    if (WithinPeriod(c, coverage_start, coverage_end)) {
      year = y;
      break;
    }
  }
  if (!year && published.known()) {
    year = story.paragraph == m.paragraph ? story.year : 0;
    // A story told forward: a day that would fall before the day told
    // just before it in the paragraph ("28 November 2024 ... On 20
    // February he began a hunger strike") is in the next year, if that
    // is not after the writing.
    if (year && story.anchor != nullptr && story.anchor->paragraph == m.paragraph && story.anchor->date.month &&
        !story.anchor->background && m.date.month) {
      SimpleDate same_year = m.date;
      same_year.year = year;
      SimpleDate next_year_date = m.date;
      next_year_date.year = year + 1;
      if (PeriodEnd(same_year) < PeriodStart(story.anchor->date) &&
          PeriodStart(next_year_date) <= PeriodEnd(published)) {
        year += 1;
      }
    }
    if (!year) year = published.year;
  } else if (!year) {
    year = story.year ? story.year : year_after;
  }
  if (year) {
    SimpleDate candidate = m.date;
    candidate.year = year;
    if (year && published.known() && PeriodStart(candidate) > PeriodEnd(published)) year -= 1;
  }
  return year;
}

// "Two days after her arrest": the date counted from the latest mention
// in `acts_told` whose clause tells the act the phrase names, rather than
// from the date just before (which may be another step of the story). An
// unknown date when the phrase names no act, none was told before, or the
// latest telling is less precise than the count needs.
SimpleDate CountFromAct(const DateMention& m, const std::vector<const DateMention*>& acts_told) {
  if (m.after_acts == 0 || m.deictic) return {};
  for (auto it = acts_told.rbegin(); it != acts_told.rend(); ++it) {
    if (((*it)->clause_acts & m.after_acts) != 0) return AddToDate((*it)->date, m.unit, m.offset);
  }
  return {};
}

}  // namespace

void ResolveDates(const SimpleDate& coverage_start, const SimpleDate& coverage_end,
                  std::vector<DateMention*>* mentions, const SimpleDate& published) {
  auto& ms = *mentions;
  // A date that begins after the text was written.
  auto after_writing = [&published](const SimpleDate& d) {
    return published.known() && d.year != 0 && PeriodStart(d) > PeriodEnd(published);
  };
  // One pass each way keeps this linear: the year of the next mention that
  // has its own, and (as the loop goes) the latest resolved mentions.
  std::vector<int> next_year(ms.size() + 1, 0);
  for (size_t f = ms.size(); f-- > 0;) {
    next_year[f] = ms[f]->kind != DateKind::kRelative && !ms[f]->needs_year && !ms[f]->publication &&
                           !ms[f]->background && !after_writing(ms[f]->date)
                       ? ms[f]->date.year
                       : next_year[f + 1];
  }
  int last_absolute_year = 0;          // latest resolved story mention's year
  int last_absolute_paragraph = -1;    // and its paragraph
  const DateMention* last_anchor = nullptr;  // latest resolved non-bound mention
  const DateMention* last_day_anchor = nullptr;  // the latest of those with a day
  std::vector<const DateMention*> acts_told;     // resolved mentions whose clause tells an act
  auto note = [&](const DateMention& m) {
    if (!m.resolved) return;
    if (m.clause_acts != 0 && !m.publication && m.kind != DateKind::kBound && m.kind != DateKind::kAttributive) {
      acts_told.push_back(&m);
    }
    // A date that qualifies a noun ("the 2021 search") or tells a
    // background act ("партию, запрещённую в 2020 году") gives no year to
    // the story's next dates.
    // Nor does a date after the writing ("would not pursue EU accession
    // talks until 2028"): a plan or a limit, not the story's time.
    if (!m.publication && m.kind != DateKind::kAttributive && !m.background && !after_writing(m.date)) {
      last_absolute_year = m.date.year;
      last_absolute_paragraph = m.paragraph;
    }
    if (m.kind != DateKind::kBound && m.kind != DateKind::kAttributive) {
      // A background date that goes back before the story ("ДВК, которое
      // суд запретил 13 марта 2018 года") is not counted from once the
      // story has a date of its own: "two days later" in the next sentence
      // follows the story. One that goes on from it ("операцией,
      // объявленной 18 мая") is the story's next day.
      if (m.background && last_anchor != nullptr && !last_anchor->background &&
          PeriodStart(m.date) < PeriodStart(last_anchor->date)) {
        return;
      }
      last_anchor = &m;
      if (m.date.day) last_day_anchor = &m;
    }
  };
  for (size_t k = 0; k < ms.size(); ++k) {
    DateMention& m = *ms[k];
    if (m.kind == DateKind::kRelative) {
      if (m.unit == DateUnit::kWeekday) {
        m.date = ResolveWeekday(m, last_anchor, published);
      } else if (m.counts_back && k > 0) {
        m.date = AddToDate(ms[k - 1]->date, m.unit, -m.offset);
      } else if (const SimpleDate from_act = CountFromAct(m, acts_told); from_act.known()) {
        m.date = from_act;
      } else if (m.deictic && (published.known() || last_anchor != nullptr)) {
        const SimpleDate from = published.known() ? published : last_anchor->date;
        m.date = m.unit == DateUnit::kWeek ? AddToDate(AddToDate(from, DateUnit::kDay, 7 * m.offset),
                                                       DateUnit::kMonth, 0)
                                           : AddToDate(from, m.unit, m.offset);
      } else if (last_anchor != nullptr && m.unit != DateUnit::kWeek) {
        // "The same day", "the next day" count from a day: after a
        // background year ("published in 2016"), from the day told before.
        const DateMention* from = last_anchor;
        if (m.unit == DateUnit::kDay && !from->date.month && last_day_anchor != nullptr) from = last_day_anchor;
        m.date = AddToDate(from->date, m.unit, m.offset);
      } else if (published.known() && m.unit != DateUnit::kWeek && m.after_act_token == 0) {
        // Nothing told before it: a news item's "the day before" counts
        // from its dateline. (Not "a day after police searched the
        // office": that counts from the act named, not from the writing.)
        m.date = AddToDate(published, m.unit, m.offset);
      }
      m.resolved = m.date.known();
      note(m);
      continue;
    }
    if (m.needs_year && m.year_from_phrase) {
      const int from = m.deictic && published.known() ? published.year
                       : last_anchor != nullptr       ? last_anchor->date.year
                                                      : 0;
      if (from != 0) {
        m.date.year = from + m.year_offset;
        if (m.end_date.month) m.end_date.year = m.date.year;
        m.needs_year = false;
      }
    }
    if (m.needs_year) {
      const StorySoFar story{last_absolute_year, last_absolute_paragraph, last_anchor};
      int year = YearOfDayWithoutYear(m, coverage_start, coverage_end, published, story, next_year[k + 1]);
      if (!year) continue;
      year = YearOfWeekday(m, year, coverage_start, coverage_end, published);
      m.date.year = year;
      if (m.end_date.month) {
        m.end_date.year = m.end_date.month < m.date.month ? year + 1 : year;
      }
      m.needs_year = false;
    } else if (m.end_date.month && !m.end_date.year) {
      m.end_date.year = m.date.year;
    }
    m.resolved = m.date.known();
    note(m);
  }
}

}  // namespace civicwatch::normalize
