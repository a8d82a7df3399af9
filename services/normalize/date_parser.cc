#include "services/normalize/date_parser.h"

#include <optional>
#include <vector>

#include "services/normalize/date_clauses.h"
#include "services/normalize/date_words.h"
#include "services/normalize/later_sittings.h"
#include "services/normalize/phrase_matcher.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

class SentenceDates {
 public:
  explicit SentenceDates(const std::vector<Token>& t) : t_(t), n_(t.size()) {}

  std::vector<DateMention> Find() {
    std::vector<DateMention> out;
    size_t i = 0;
    while (i < n_) {
      // No date opens with punctuation.
      if (t_[i].kind == TokenKind::kPunct) {
        ++i;
        continue;
      }
      PhraseMatcher::Match rel;
      if (DateWordTables().relative.LongestAt(t_, i, n_, &rel)) {
        DateMention m;
        const RelativeSpec& spec = DateWordTables().relative_specs[rel.payload];
        // "refused for nine days after sentencing", "almost three weeks
        // after the attack, no suspect has been named": how long, not when.
        // "allowed to see him only three days after the arrest": a delay.
        // "sentenced to nine years after a closed trial": a term.
        static const WordSet kDurationWords = {"for", "within", "almost", "nearly", "over", "about", "first", "only",
                                               "to", "почти", "более", "больше", "около", "лишь", "только"};
        const bool more_than = i > 1 && LowerIs(t_[i - 1], "than") && LowerIs(t_[i - 2], "more");
        if (i > 0 && (kDurationWords.contains(t_[i - 1].lower) || more_than) && !spec.deictic) {
          i = rel.end;
          continue;
        }
        m.kind = DateKind::kRelative;
        m.unit = spec.unit;
        m.offset = spec.scale * (spec.from_number ? spec.sign * rel.number : spec.offset);
        m.deictic = spec.deictic;
        m.first_token = rel.begin;
        m.end_token = rel.end;
        Finish(&m);
        // "February last year": the month before takes the phrase's year.
        if (spec.unit == DateUnit::kYear && !out.empty() && out.back().needs_year &&
            out.back().kind != DateKind::kRelative && YearPhraseFollows(out.back().end_token, rel.begin)) {
          DateMention& month = out.back();
          month.year_from_phrase = true;
          month.year_offset = m.offset;
          month.deictic = spec.deictic;
          month.end_token = rel.end;
          month.end = m.end;
          i = rel.end;
          continue;
        }
        m.after_act_token = ActAfter(rel.end);
        m.comma_before = i > 0 && IsPunct(t_[i - 1], ",");
        out.push_back(m);
        i = rel.end;
        continue;
      }
      int season_offset = 0;
      const bool named = t_[i].kind == TokenKind::kWord && DateWordTables().named.contains(t_[i].lower);
      // Past the relative phrases, a word opens a date only as a month, a
      // season or a day of the week (seasons and weekdays are `named`):
      // most words are settled before a mention is made for them.
      if (t_[i].kind == TokenKind::kWord && !named && MonthNumber(t_[i]) == 0) {
        ++i;
        continue;
      }
      DateMention m;
      if (named && SeasonOfKnownYear(i, &season_offset)) {
        m.kind = DateKind::kRelative;
        m.unit = DateUnit::kYear;
        m.offset = season_offset;
        m.first_token = i - 1;
        m.end_token = i + 1;
        Finish(&m);
        out.push_back(m);
        i = m.end_token;
        continue;
      }
      if (named && ParseWeekday(i, &m)) {
        Finish(&m);
        out.push_back(m);
        i = m.end_token;
        continue;
      }
      if (ParseAt(i, &m)) {
        Finish(&m);
        out.push_back(m);
        i = m.end_token;
        continue;
      }
      ++i;
    }
    return PostProcess(std::move(out));
  }

 private:
  const Token& At(size_t i) const {
    static const Token kEmpty{0, 0, TokenKind::kPunct};
    return i < n_ ? t_[i] : kEmpty;
  }

  // The word after "after" or "после" ending at or just after `end`, past
  // a determiner or possessive ("after her arrest", "после его
  // задержания"): the act a relative phrase counts from. 0 when none.
  size_t ActAfter(size_t end) const {
    size_t i = end;
    if (!(i > 0 && LowerIs(t_[i - 1], "after"))) {
      if (!(LowerIs(At(i), "after") || LowerIs(At(i), "после"))) return 0;
      ++i;
    }
    // "after this hearing", "после этого заседания" point back to the day
    // just told: counted from the date before, as "later" is.
    static const WordSet kPointingBack = {"this", "that", "these", "those", "этого", "этой", "этих", "того",
                                          "той", "тех"};
    if (i < n_ && kPointingBack.contains(t_[i].lower)) return 0;
    static const WordSet kDeterminers = {"the", "his", "her", "their", "its", "его", "её", "ее", "их"};
    if (i < n_ && kDeterminers.contains(t_[i].lower)) ++i;
    return i < n_ && t_[i].kind == TokenKind::kWord ? i : 0;
  }

  void Finish(DateMention* m) const {
    m->start = t_[m->first_token].start;
    m->end = t_[m->end_token - 1].end;
    if (m->first_token > 0 && IsBoundWord(t_[m->first_token - 1]) && m->kind == DateKind::kAbsolute) {
      m->kind = DateKind::kBound;
    }
    // "due to enter into force on 31 May", "вступит в силу 1 июля": a day
    // still to come dates no act, and the story's "the same day" does not
    // count from it.
    if (m->kind == DateKind::kAbsolute && ComesIntoForceLater(m->first_token)) m->kind = DateKind::kBound;
    // "by the end of June 2025", "к концу 2023 года": a bound as well.
    if (m->kind == DateKind::kAbsolute && m->first_token >= 2) {
      static const WordSet kPartWords = {"the", "end", "beginning", "middle", "start", "of", "концу",
                                         "началу", "середине"};
      size_t k = m->first_token;
      while (k > 0 && m->first_token - k < 4 && t_[k - 1].kind == TokenKind::kWord &&
             kPartWords.contains(t_[k - 1].lower)) {
        --k;
      }
      if (k < m->first_token && k > 0 && IsBoundWord(t_[k - 1])) m->kind = DateKind::kBound;
    }
    // "adjourned the trial to 7 March 2018", "отложил заседание на 5 мая":
    // the day of a sitting still to come. It dates no act, and the story's
    // next dates take no year from it.
    if ((m->kind == DateKind::kAbsolute || m->kind == DateKind::kBound) && PutsOffTo(t_, m->first_token)) {
      m->kind = DateKind::kBound;
      m->background = true;
    }
    // "since 2017", "с 1994 года": a year that opens a state of affairs
    // (a month or day after "since" dates the act that began then: "since
    // August 2022 officers watch her home"). It is background too: the
    // story's next days take no year from it ("in power since 1994. She
    // left on 11 August").
    if (m->first_token > 0 && m->kind == DateKind::kAbsolute && m->date.year && !m->date.month &&
        (LowerIs(t_[m->first_token - 1], "since") || LowerIs(t_[m->first_token - 1], "с"))) {
      m->kind = DateKind::kBound;
      m->background = true;
    }
  }

  // True when the few words before token `first` say that something will
  // enter into force ("will enter into force on", "due to take effect
  // on", "вступит в силу", "вступят в силу с").
  bool ComesIntoForceLater(size_t first) const {
    constexpr size_t kLookBack = 6;
    const size_t from = first > kLookBack ? first - kLookBack : 0;
    for (size_t k = from; k + 1 < first; ++k) {
      const bool english = (LowerIs(t_[k], "into") && LowerIs(t_[k + 1], "force")) ||
                           (LowerIs(t_[k], "take") && LowerIs(t_[k + 1], "effect"));
      if (english && k >= 2) {
        for (size_t j = k >= 4 ? k - 4 : 0; j < k; ++j) {
          if (LowerIs(t_[j], "will") || LowerIs(t_[j], "due") || (LowerIs(t_[j], "is") && LowerIs(t_[j + 1], "to"))) {
            return true;
          }
        }
      }
      static const WordSet kRussianFuture = {"вступит", "вступят", "вступить", "вступает", "вступают"};
      if (kRussianFuture.contains(t_[k].lower) && LowerIs(t_[k + 1], "в") && k + 2 < first &&
          LowerIs(t_[k + 2], "силу")) {
        return true;
      }
    }
    return false;
  }

  // True when tokens [b, e) are only the commas or dashes that set off an
  // aside ("on 10 June, four days before ..."); the caller asks for one.
  bool OnlyAsideMarks(size_t b, size_t e) const {
    for (size_t k = b; k < e; ++k) {
      const Token& t = t_[k];
      if (t.kind != TokenKind::kPunct) return false;
      if (!LowerIs(t, ",") && !IsDash(t)) return false;
    }
    return true;
  }

  // True when tokens [b, e) are only what stands between a day and the day
  // of the week after it: a comma, a bracket, "в"/"во" ("29 ноября, в
  // понедельник"), "on".
  bool OnlyWeekdayJoiners(size_t b, size_t e) const {
    static const WordSet kJoiners = {",", "(", "\xD0\xB2", "\xD0\xB2\xD0\xBE", "on"};
    for (size_t k = b; k < e; ++k) {
      if (!kJoiners.contains(t_[k].lower)) return false;
    }
    return true;
  }

  // True when only "of" (or nothing) stands between a date ending at
  // `date_end` and a year phrase starting at `phrase_begin`.
  bool YearPhraseFollows(size_t date_end, size_t phrase_begin) const {
    if (phrase_begin == date_end) return true;
    return phrase_begin == date_end + 1 && LowerIs(t_[date_end], "of");
  }

  // After a year: skip "года" / "г.".
  size_t SkipYearWord(size_t j) const {
    if (j < n_ && IsYearWord(t_[j])) {
      ++j;
      if (j < n_ && IsPunct(t_[j], ".") && LowerIs(t_[j - 1], "г")) ++j;
    }
    return j;
  }

  // "on Monday", "the following Friday", "last Tuesday", "в пятницу", "в
  // следующий понедельник": a day of the week after "on"/"в" or a word
  // that counts to it. The mention starts at the counting word.
  bool ParseWeekday(size_t i, DateMention* m) const {
    const int weekday = WeekdayNumber(t_[i]);
    if (weekday == 0) return false;
    const int direction = i > 0 ? WeekdayDirection(t_[i - 1]) : 0;
    if (direction == 0) {
      // Alone, a day of the week is a date only after "on" / "в" / "во".
      if (i == 0) return false;
      const Token& p = t_[i - 1];
      if (!LowerIs(p, "on") && !LowerIs(p, "в") && !LowerIs(p, "во")) return false;
    }
    m->kind = DateKind::kRelative;
    m->unit = DateUnit::kWeekday;
    m->weekday = weekday;
    m->offset = direction;
    // "last Tuesday", "в прошлую пятницу" count from the time of writing;
    // "the previous Tuesday", "в предыдущую пятницу" from the date before.
    m->deictic = direction < 0 && CountsFromWriting(t_[i - 1]);
    m->first_token = direction != 0 ? i - 1 : i;
    m->end_token = i + 1;
    return true;
  }

  // A season counted from the year before it: "that autumn", "the same
  // spring", "the following summer", "той же весной", "следующей осенью".
  // Sets the year offset (0 or 1).
  bool SeasonOfKnownYear(size_t i, int* offset) const {
    if (i == 0 || !IsSeason(t_[i])) return false;
    static const WordSet kSame = {"that", "same", "же"};
    static const WordSet kNext = {"following", "next", "следующей", "следующим", "следующую"};
    const Token& p = t_[i - 1];
    if (p.kind != TokenKind::kWord) return false;
    if (kSame.contains(p.lower)) {
      *offset = 0;
    } else if (kNext.contains(p.lower)) {
      *offset = 1;
    } else {
      return false;
    }
    return true;
  }

  // The date written from token i, if one is: each form's parser below
  // answers std::nullopt when no date of its form starts there, else
  // whether the date it read is valid. The first form that starts decides.
  bool ParseAt(size_t i, DateMention* m) const {
    m->first_token = i;
    if (std::optional<bool> found = ParseSeasonOfYear(i, m)) return *found;
    if (std::optional<bool> found = ParseIsoDate(i, m)) return *found;
    if (std::optional<bool> found = ParseDottedDate(i, m)) return *found;
    if (std::optional<bool> found = ParseDayBeforeMonth(i, m)) return *found;
    if (std::optional<bool> found = ParseMonth(i, m)) return *found;
    if (std::optional<bool> found = ParseYear(i, m)) return *found;
    return false;
  }

  // "in the spring of 2022", "autumn 2021", "весной 2022 года": the year.
  // (The year is tested first: it is cheaper than the season.)
  std::optional<bool> ParseSeasonOfYear(size_t i, DateMention* m) const {
    const size_t j = LowerIs(At(i + 1), "of") ? i + 2 : i + 1;
    if (IsYear(At(j)) && IsSeason(t_[i])) {
      m->date = {At(j).value, 0, 0};
      m->end_token = SkipYearWord(j + 1);
      return true;
    }
    return std::nullopt;
  }

  // 2018-09-07
  std::optional<bool> ParseIsoDate(size_t i, DateMention* m) const {
    const Token& t = t_[i];
    if (IsYear(t) && i + 4 < n_ + 0 && IsPunct(At(i + 1), "-") && At(i + 2).kind == TokenKind::kNumber &&
        IsPunct(At(i + 3), "-") && IsDay(At(i + 4)) && Adjacent(t, At(i + 1)) &&
        Adjacent(At(i + 1), At(i + 2)) && Adjacent(At(i + 3), At(i + 4)) && At(i + 2).value >= 1 &&
        At(i + 2).value <= 12) {
      m->date = {t.value, At(i + 2).value, At(i + 4).value};
      m->end_token = i + 5;
      return Valid(m->date);
    }
    return std::nullopt;
  }

  // 07.09.2018
  std::optional<bool> ParseDottedDate(size_t i, DateMention* m) const {
    const Token& t = t_[i];
    if (IsDay(t) && IsPunct(At(i + 1), ".") && At(i + 2).kind == TokenKind::kNumber &&
        At(i + 2).digits <= 2 && IsPunct(At(i + 3), ".") && IsYear(At(i + 4)) && Adjacent(t, At(i + 1)) &&
        Adjacent(At(i + 1), At(i + 2)) && Adjacent(At(i + 3), At(i + 4)) && At(i + 2).value >= 1 &&
        At(i + 2).value <= 12) {
      m->date = {At(i + 4).value, At(i + 2).value, t.value};
      m->end_token = SkipYearWord(i + 5);
      return Valid(m->date);
    }
    // "19.10.19", as datelines and Russian-language wires write a day: a
    // two-digit year is of this century. Not a part of a longer dotted
    // number ("10.10.10.10") nor a numbered clause ("20.3.1").
    if (IsDay(t) && t.digits == 2 && IsPunct(At(i + 1), ".") && At(i + 2).kind == TokenKind::kNumber &&
        At(i + 2).digits == 2 && IsPunct(At(i + 3), ".") && At(i + 4).kind == TokenKind::kNumber &&
        At(i + 4).digits == 2 && Adjacent(t, At(i + 1)) && Adjacent(At(i + 1), At(i + 2)) &&
        Adjacent(At(i + 2), At(i + 3)) && Adjacent(At(i + 3), At(i + 4)) && At(i + 2).value >= 1 &&
        At(i + 2).value <= 12 && !(IsPunct(At(i + 5), ".") && Adjacent(At(i + 4), At(i + 5)) &&
                                   At(i + 6).kind == TokenKind::kNumber && Adjacent(At(i + 5), At(i + 6))) &&
        (i == 0 || !(IsPunct(t_[i - 1], ".") && Adjacent(t_[i - 1], t)))) {
      m->date = {2000 + At(i + 4).value, At(i + 2).value, t.value};
      m->end_token = i + 5;
      return Valid(m->date);
    }
    // "10/06/2019": the day first, as monitors outside the United States
    // write it, unless the first number cannot be a month's day and the
    // second can ("06/25/2019").
    if (t.kind == TokenKind::kNumber && t.digits <= 2 && IsPunct(At(i + 1), "/") &&
        At(i + 2).kind == TokenKind::kNumber && At(i + 2).digits <= 2 && IsPunct(At(i + 3), "/") &&
        IsYear(At(i + 4)) && Adjacent(t, At(i + 1)) && Adjacent(At(i + 1), At(i + 2)) &&
        Adjacent(At(i + 2), At(i + 3)) && Adjacent(At(i + 3), At(i + 4))) {
      const bool month_first = t.value <= 12 && At(i + 2).value > 12;
      m->date = month_first ? SimpleDate{At(i + 4).value, t.value, At(i + 2).value}
                            : SimpleDate{At(i + 4).value, At(i + 2).value, t.value};
      m->end_token = i + 5;
      return m->date.month >= 1 && m->date.month <= 12 && Valid(m->date);
    }
    return std::nullopt;
  }

  // 7th September 2018, 23rd and 24th October 2022, 22 января 2022 года,
  // "the hearings of 11, 13 and 17 March" (the first day to the last).
  std::optional<bool> ParseDayBeforeMonth(size_t i, DateMention* m) const {
    const Token& t = t_[i];
    if (IsDay(t)) {
      size_t j = i + 1;
      // "the 3rd of May"
      if (LowerIs(At(j), "of") && MonthNumber(At(j + 1)) > 0) ++j;
      int day2 = 0;
      while (IsPunct(At(j), ",") && IsDay(At(j + 1)) && At(j + 1).value > (day2 ? day2 : t.value)) {
        day2 = At(j + 1).value;
        j += 2;
      }
      if (day2 && !IsRangeJoiner(At(j)) && MonthNumber(At(j)) == 0) return std::nullopt;
      if (IsRangeJoiner(At(j)) && IsDay(At(j + 1)) && MonthNumber(At(j + 2)) > 0) {
        day2 = At(j + 1).value;
        j += 2;
      }
      const int month = MonthNumber(At(j));
      if (month > 0) {
        ++j;
        m->date = {0, month, t.value};
        if (IsPunct(At(j), ",") && IsYear(At(j + 1))) ++j;
        if (IsYear(At(j))) {
          m->date.year = At(j).value;
          j = SkipYearWord(j + 1);
        } else {
          m->needs_year = true;
        }
        if (day2 > t.value) m->end_date = {m->date.year, month, day2};
        m->end_token = j;
        MarkBackground(i, m);
        return ValidDayMonth(m->date);
      }
    }
    return std::nullopt;
  }

  // A month name first: "September 7, 2018", "June 2018", a bare month.
  std::optional<bool> ParseMonth(size_t i, DateMention* m) const {
    const Token& t = t_[i];
    const int month = MonthNumber(t);
    if (month > 0) {
      size_t j = i + 1;
      // "Sept. 3, 2019", "Jun. 10": an abbreviated month and its full stop.
      static const WordSet kAbbreviations = {"jan", "feb", "mar", "apr", "jun", "jul",
                                             "aug", "sep", "sept", "oct", "nov", "dec"};
      if (IsPunct(At(j), ".") && Adjacent(t, At(j)) && kAbbreviations.contains(t.lower) && IsDay(At(j + 1))) {
        ++j;
      }
      // September 7, 2018 / October 23 and 24, 2022
      if (IsDay(At(j)) && !IsYear(At(j)) && !t.cyrillic) {
        m->date = {0, month, At(j).value};
        ++j;
        if (IsRangeJoiner(At(j)) && IsDay(At(j + 1))) {
          m->end_date = {0, month, At(j + 1).value};
          j += 2;
        }
        if (IsPunct(At(j), ",") && IsYear(At(j + 1))) ++j;
        if (IsYear(At(j))) {
          m->date.year = At(j).value;
          if (m->end_date.month) m->end_date.year = m->date.year;
          ++j;
        } else {
          m->needs_year = true;
        }
        m->end_token = j;
        return ValidDayMonth(m->date);
      }
      // June 2018 / июне 2018 года
      if (IsYear(At(j))) {
        m->date = {At(j).value, month, 0};
        m->end_token = SkipYearWord(j + 1);
        if (IsAttributiveMonth(t_, i)) m->kind = DateKind::kAttributive;
        MarkBackground(i, m);
        return true;
      }
      // A bare month: "in mid-March", "from April to July 2020", and one
      // opening a range of months ("January–June 2023", "January to June").
      const bool prefixed = t.lower.find('-') != std::string::npos;
      const bool opens_range = IsRangeJoiner(At(j)) && MonthNumber(At(j + 1)) > 0;
      // "at the end of June", "the beginning of March".
      static const WordSet kPartOf = {"end", "beginning", "middle", "start", "half", "course", "close", "days"};
      const bool part_of = i > 1 && LowerIs(t_[i - 1], "of") && t_[i - 2].kind == TokenKind::kWord &&
                           kPartOf.contains(t_[i - 2].lower);
      // "Январь. Бюро направляет...", "March: the court...": a month that
      // labels a chronology's entry, under a year heading.
      const bool entry_label = i == 0 && (IsPunct(At(j), ".") || IsPunct(At(j), ":") ||
                                          (IsRangeJoiner(At(j)) && At(j).kind != TokenKind::kWord));
      if (prefixed || opens_range || part_of || entry_label || (i > 0 && IntroducesBareMonth(t_[i - 1]))) {
        m->date = {0, month, 0};
        m->needs_year = true;
        m->end_token = j;
        MarkBackground(i, m);
        return true;
      }
      return false;
    }
    return std::nullopt;
  }

  // Marks the date starting at token i background when a background
  // clause holds it (date_clauses.h), with where that clause starts.
  void MarkBackground(size_t i, DateMention* m) const {
    const size_t start = BackgroundClauseStart(t_, i);
    if (start >= t_.size()) return;
    m->background = true;
    m->background_start = start;
  }

  // 2016 / "в 2016 году" / "the 2016 elections"
  std::optional<bool> ParseYear(size_t i, DateMention* m) const {
    const Token& t = t_[i];
    if (IsYear(t)) {
      if (IsDocumentWord(At(i + 1)) || IsCurrencyWord(At(i + 1))) return false;
      if (At(i + 1).kind == TokenKind::kWord && Adjacent(t, At(i + 1))) return false;  // 2010s
      // "the 1980s", "в 1990-х": a decade is no year.
      if (IsPunct(At(i + 1), "-") && Adjacent(t, At(i + 1)) && At(i + 2).kind == TokenKind::kWord &&
          Adjacent(At(i + 1), At(i + 2)) && At(i + 2).lower.size() <= 4) {
        return false;
      }
      if (IsPunct(At(i + 1), "%")) return false;
      if ((IsPunct(At(i + 1), ".") || IsPunct(At(i + 1), ",")) && Adjacent(t, At(i + 1)) &&
          At(i + 2).kind == TokenKind::kNumber && Adjacent(At(i + 1), At(i + 2))) {
        return false;
      }
      PhraseMatcher::Match q;
      if (i > 0 && DateWordTables().quantity.LongestEndingAt(t_, i >= 3 ? i - 3 : 0, i - 1, &q)) return false;
      if (i > 0) {
        const Token& p = t_[i - 1];
        if (IsPunct(p, "#") || IsPunct(p, "№") || LowerIs(p, "no") || LowerIs(p, "article") ||
            LowerIs(p, "part") || LowerIs(p, "resolution") || LowerIs(p, "статья") ||
            LowerIs(p, "статьи")) {
          return false;
        }
        if ((IsPunct(p, ".") || IsPunct(p, ",")) && Adjacent(p, t) && i > 1 &&
            t_[i - 2].kind == TokenKind::kNumber && Adjacent(t_[i - 2], p)) {
          return false;
        }
      }
      m->date = {t.value, 0, 0};
      m->end_token = SkipYearWord(i + 1);
      // "born in 1961", "born after 1974", "1961 года рождения", "1961 г. р.".
      const bool origin = (i > 0 && (IsOriginWord(t_[i - 1]) ||
                                     (i > 1 && IsOriginWord(t_[i - 2]) &&
                                      (LowerIs(t_[i - 1], "in") || LowerIs(t_[i - 1], "в") ||
                                       LowerIs(t_[i - 1], "after") || LowerIs(t_[i - 1], "before"))))) ||
                          (m->end_token > i + 1 && LowerIs(At(m->end_token), "рождения")) ||
                          (m->end_token > i + 1 && LowerIs(At(i + 1), "г") && LowerIs(At(m->end_token), "р"));
      const bool qualifies = i > 0 && IsDeterminer(t_[i - 1]) && At(i + 1).kind == TokenKind::kWord &&
                             !IsYearWord(At(i + 1)) && !IsActNoun(At(i + 1)) && !IsActNoun(At(i + 2));
      if (origin || qualifies || IsAttributiveYear(t_, i)) m->kind = DateKind::kAttributive;
      MarkBackground(i, m);
      return true;
    }
    return std::nullopt;
  }

  static bool Valid(const SimpleDate& d) {
    return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= DaysInMonth(d.year, d.month);
  }
  static bool ValidDayMonth(const SimpleDate& d) {
    return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= DaysInMonth(2000, d.month);
  }

  std::vector<DateMention> PostProcess(std::vector<DateMention> in) const {
    std::vector<DateMention> out;
    for (size_t k = 0; k < in.size(); ++k) {
      DateMention m = in[k];
      // "from 15th August to 15th December 2018", "from April to July 2020".
      if (k + 1 < in.size() && m.kind != DateKind::kRelative && in[k + 1].kind != DateKind::kRelative &&
          in[k + 1].first_token == m.end_token + 1 && IsRangeJoiner(t_[m.end_token]) &&
          !m.end_date.month && (m.date.day != 0) == (in[k + 1].date.day != 0)) {
        const DateMention& b = in[k + 1];
        m.end_date = b.date;
        if (m.needs_year && !b.needs_year) {
          m.date.year = b.date.year;
          if (CompareDates(m.date, b.date) > 0) m.date.year -= 1;
          m.needs_year = false;
        }
        m.end_token = b.end_token;
        m.end = b.end;
        ++k;
      }
      // "on 10 June, four days before the end of his sentence", "25 марта
      // 2021 года — через два дня после ...": the written date before it
      // wins; the phrase tells how it stands to another act.
      if (m.kind == DateKind::kRelative && m.unit != DateUnit::kWeekday && !out.empty() &&
          out.back().kind == DateKind::kAbsolute && m.first_token > out.back().end_token &&
          m.first_token <= out.back().end_token + 2 && OnlyAsideMarks(out.back().end_token, m.first_token)) {
        continue;
      }
      // "накануне, в четверг", "the day before, on Thursday": the day of the
      // week says which day.
      if (m.kind == DateKind::kRelative && m.unit == DateUnit::kDay && k + 1 < in.size() &&
          in[k + 1].kind == DateKind::kRelative && in[k + 1].unit == DateUnit::kWeekday &&
          in[k + 1].first_token <= m.end_token + 2) {
        continue;
      }
      // "29 ноября, в понедельник", "29 November (Monday)": the day of the
      // week written after a day goes with it.
      if (m.kind == DateKind::kRelative && m.unit == DateUnit::kWeekday && m.offset == 0 && !out.empty() &&
          out.back().kind == DateKind::kAbsolute && out.back().date.day && !out.back().end_date.month &&
          m.first_token >= out.back().end_token && m.first_token <= out.back().end_token + 2 &&
          OnlyWeekdayJoiners(out.back().end_token, m.first_token)) {
        out.back().weekday = m.weekday;
        continue;
      }
      // "Three months earlier, in December 2023": the written date wins.
      if (m.kind == DateKind::kRelative && k + 1 < in.size() &&
          in[k + 1].kind == DateKind::kAbsolute && in[k + 1].first_token <= m.end_token + 3) {
        // "On Monday, 29 November": the day of the week goes with the day.
        if (m.unit == DateUnit::kWeekday && m.offset == 0 && in[k + 1].date.day && !in[k + 1].end_date.month) {
          in[k + 1].weekday = m.weekday;
        }
        // "this year: on 17 January", "в прошлом году, 5 марта": the
        // phrase gives the year to the day written without one.
        if (m.unit == DateUnit::kYear && in[k + 1].needs_year) {
          in[k + 1].year_from_phrase = true;
          in[k + 1].year_offset = m.offset;
          in[k + 1].deictic = m.deictic;
        }
        continue;
      }
      out.push_back(m);
    }
    return out;
  }

  const std::vector<Token>& t_;
  const size_t n_;
};

}  // namespace

std::vector<DateMention> FindDates(const std::vector<Token>& tokens) {
  return SentenceDates(tokens).Find();
}

}  // namespace civicwatch::normalize
