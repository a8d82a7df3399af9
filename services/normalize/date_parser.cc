#include "services/normalize/date_parser.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "services/normalize/phrase_matcher.h"
#include "services/normalize/tsv.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

struct RelativeSpec {
  DateUnit unit;
  int offset;         // used when not from_number
  bool from_number;   // "N months later": offset = sign * N
  int sign;
  bool deictic = false;  // from the time of writing (deictic_dates.tsv)
};

struct DateTables {
  absl::flat_hash_map<std::string, int> months;
  WordSet seasons;                                     // every form, lower case
  WordSet weekday_forms;                               // the keys of `weekdays`
  WordSet named;  // seasons and weekdays: one test settles most words for both
  absl::flat_hash_map<std::string, int> weekdays;      // form -> 1 (Monday) .. 7
  PhraseMatcher relative;
  std::vector<RelativeSpec> relative_specs;
  PhraseMatcher quantity;  // "at least", "не менее": a count follows
};

const DateTables& Tables() {
  static const DateTables* tables = [] {
    auto* t = new DateTables;
    for (const auto& row : ReadTable("months.tsv")) {
      if (row.size() < 2) continue;
      int month = 0;
      if (!absl::SimpleAtoi(row[0], &month)) continue;
      for (absl::string_view form : SplitAlternatives(row[1])) t->months[std::string(form)] = month;
    }
    for (const auto& row : ReadTable("seasons.tsv")) {
      if (row.size() < 2) continue;
      for (absl::string_view form : SplitAlternatives(row[1])) {
        t->seasons.insert(form);
        t->named.insert(form);
      }
    }
    for (const auto& row : ReadTable("weekdays.tsv")) {
      if (row.size() < 2) continue;
      int day = 0;
      if (!absl::SimpleAtoi(row[0], &day)) continue;
      for (absl::string_view form : SplitAlternatives(row[1])) {
        t->weekdays[std::string(form)] = day;
        t->weekday_forms.insert(form);
        t->named.insert(form);
      }
    }
    for (const auto& row : ReadTable("relative_dates.tsv")) {
      if (row.size() < 3) continue;
      RelativeSpec spec;
      spec.unit = row[0] == "day" ? DateUnit::kDay : row[0] == "month" ? DateUnit::kMonth : DateUnit::kYear;
      spec.from_number = absl::StrContains(row[1], "N");
      spec.sign = absl::StartsWith(row[1], "-") ? -1 : 1;
      spec.offset = 0;
      if (!spec.from_number && !absl::SimpleAtoi(row[1], &spec.offset)) continue;
      t->relative.Add(row[2], static_cast<int>(t->relative_specs.size()));
      t->relative_specs.push_back(spec);
    }
    for (const auto& row : ReadTable("deictic_dates.tsv")) {
      if (row.size() < 3) continue;
      RelativeSpec spec;
      spec.unit = row[0] == "day"     ? DateUnit::kDay
                  : row[0] == "week"  ? DateUnit::kWeek
                  : row[0] == "month" ? DateUnit::kMonth
                                      : DateUnit::kYear;
      spec.from_number = absl::StrContains(row[1], "N");
      spec.sign = absl::StartsWith(row[1], "-") ? -1 : 1;
      spec.deictic = true;
      spec.offset = 0;
      if (!spec.from_number && !absl::SimpleAtoi(row[1], &spec.offset)) continue;
      t->relative.Add(row[2], static_cast<int>(t->relative_specs.size()));
      t->relative_specs.push_back(spec);
    }
    for (const auto& row : ReadTable("quantity_words.tsv")) t->quantity.Add(row[0], 0);
    return t;
  }();
  return *tables;
}

bool IsPunct(const Token& t, absl::string_view p) { return t.kind == TokenKind::kPunct && t.lower == p; }

bool IsYear(const Token& t) {
  return t.kind == TokenKind::kNumber && t.digits == 4 && t.value >= 1900 && t.value <= 2100;
}

bool IsDay(const Token& t) {
  return t.kind == TokenKind::kNumber && t.digits <= 2 && t.value >= 1 && t.value <= 31;
}

bool IsYearWord(const Token& t) {
  return t.kind == TokenKind::kWord &&
         (absl::StartsWith(t.lower, "год") || LowerIs(t, "г") || LowerIs(t, "гг"));
}

bool IsRangeJoiner(const Token& t) {
  static const WordSet kJoiners = {"and", "и", "-", "–", "—", "to", "по"};
  return kJoiners.contains(t.lower);
}

// Words after which a bare month name is a date ("in March", "mid-March").
bool IntroducesBareMonth(const Token& t) {
  static const WordSet kWords = {
      "in",      "since",   "during", "until",  "by",     "from", "early", "late", "mid",
      "end",     "through", "to",     "and",    "в",      "с",    "до",    "к",    "середине",
      "начале",  "конце",   "по",     "и",      "between", "throughout", "before", "after",
      "числах"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

bool IsSeason(const Token& t) {
  return t.kind == TokenKind::kWord && Tables().seasons.contains(t.lower);
}

// 1 (Monday) to 7 (Sunday) for a day of the week, else 0. English names
// count only capitalised ("Monday").
int WeekdayNumber(const Token& t) {
  if (t.kind != TokenKind::kWord || (!t.cyrillic && !t.capitalised)) return 0;
  if (!Tables().weekday_forms.contains(t.lower)) return 0;  // most words, without hashing
  auto it = Tables().weekdays.find(t.lower);
  return it == Tables().weekdays.end() ? 0 : it->second;
}

// +1 for words that count forward to a day of the week ("the following
// Monday"), -1 for those that count back ("last Monday"), 0 for others.
int WeekdayDirection(const Token& t) {
  static const WordSet kForward = {"following", "next", "subsequent", "следующий", "следующую",
                                   "следующее"};
  static const WordSet kBack = {"previous", "preceding", "last", "прошлый", "прошлую", "прошлое",
                                "предыдущий", "предыдущую", "предыдущее"};
  if (t.kind != TokenKind::kWord) return 0;
  if (kForward.contains(t.lower)) return 1;
  if (kBack.contains(t.lower)) return -1;
  return 0;
}

bool IsBoundWord(const Token& t) {
  static const WordSet kWords = {"until", "till", "by", "до", "к"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

// A year written just after one of these, or after one and "in" / "в",
// tells when someone or something began ("born in 1953", "основан в 1996
// году"): background, not the date of an act.
bool IsOriginWord(const Token& t) {
  static const WordSet kWords = {"born", "founded", "established", "formed", "родился", "родилась",
                                 "основан", "основана", "основано", "создан", "создана", "создано"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

// Words that make the year after them qualify the noun that follows: "the
// 2022 Nobel Peace Prize", "the 2020 elections".
bool IsDeterminer(const Token& t) {
  static const WordSet kWords = {"the", "a", "an", "its", "his", "her", "their", "our"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

// Nouns that name an act themselves: "its 2016 views", "the 2015 law", "a
// 2019 court ruling" date that act.
bool IsActNoun(const Token& t) {
  static const WordSet kWords = {"decision", "ruling", "judgment", "judgement", "verdict", "views",
                                 "opinion", "report", "statement", "resolution", "letter",
                                 "communication", "appeal", "law", "bill", "decree", "amendments",
                                 "amendment", "ban", "sentence", "conviction", "arrest", "raid"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

// A year written just before one of these is part of a name ("the 2003 Law").
bool IsDocumentWord(const Token& t) {
  static const WordSet kWords = {
      "law", "code", "constitution", "act", "convention", "declaration", "strategy",
      "plan", "programme", "program", "закон", "кодекс", "конституция"};
  return t.kind == TokenKind::kWord && t.capitalised && kWords.contains(t.lower);
}

int DaysInMonth(int year, int month) {
  return static_cast<int>(absl::CivilDay(absl::CivilMonth(year, month) + 1) - absl::CivilDay(year, month, 1));
}

class SentenceDates {
 public:
  explicit SentenceDates(const std::vector<Token>& t) : t_(t), n_(t.size()) {}

  std::vector<DateMention> Find() {
    std::vector<DateMention> out;
    size_t i = 0;
    while (i < n_) {
      DateMention m;
      PhraseMatcher::Match rel;
      if (Tables().relative.LongestAt(t_, i, n_, &rel)) {
        const RelativeSpec& spec = Tables().relative_specs[rel.payload];
        m.kind = DateKind::kRelative;
        m.unit = spec.unit;
        m.offset = spec.from_number ? spec.sign * rel.number : spec.offset;
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
        out.push_back(m);
        i = rel.end;
        continue;
      }
      int season_offset = 0;
      const bool named = t_[i].kind == TokenKind::kWord && Tables().named.contains(t_[i].lower);
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

  void Finish(DateMention* m) const {
    m->start = t_[m->first_token].start;
    m->end = t_[m->end_token - 1].end;
    if (m->first_token > 0 && IsBoundWord(t_[m->first_token - 1]) && m->kind == DateKind::kAbsolute) {
      m->kind = DateKind::kBound;
    }
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
    // "since 2017", "с 1994 года": a year that opens a state of affairs
    // (a month or day after "since" dates the act that began then: "since
    // August 2022 officers watch her home").
    if (m->first_token > 0 && m->kind == DateKind::kAbsolute && m->date.year && !m->date.month &&
        (LowerIs(t_[m->first_token - 1], "since") || LowerIs(t_[m->first_token - 1], "с"))) {
      m->kind = DateKind::kBound;
    }
  }

  // True when tokens [b, e) are only the commas or dashes that set off an
  // aside ("on 10 June, four days before ..."); the caller asks for one.
  bool OnlyAsideMarks(size_t b, size_t e) const {
    for (size_t k = b; k < e; ++k) {
      const Token& t = t_[k];
      if (t.kind != TokenKind::kPunct) return false;
      if (t.lower != "," && t.lower != "-" && t.lower != "\xE2\x80\x93" && t.lower != "\xE2\x80\x94") {
        return false;
      }
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

  bool ParseAt(size_t i, DateMention* m) const {
    const Token& t = t_[i];
    m->first_token = i;
    // "in the spring of 2022", "autumn 2021", "весной 2022 года": the year.
    // (The year is tested first: it is cheaper than the season.)
    {
      const size_t j = LowerIs(At(i + 1), "of") ? i + 2 : i + 1;
      if (IsYear(At(j)) && IsSeason(t)) {
        m->date = {At(j).value, 0, 0};
        m->end_token = SkipYearWord(j + 1);
        return true;
      }
    }
    // 2018-09-07
    if (IsYear(t) && i + 4 < n_ + 0 && IsPunct(At(i + 1), "-") && At(i + 2).kind == TokenKind::kNumber &&
        IsPunct(At(i + 3), "-") && IsDay(At(i + 4)) && Adjacent(t, At(i + 1)) &&
        Adjacent(At(i + 1), At(i + 2)) && Adjacent(At(i + 3), At(i + 4)) && At(i + 2).value >= 1 &&
        At(i + 2).value <= 12) {
      m->date = {t.value, At(i + 2).value, At(i + 4).value};
      m->end_token = i + 5;
      return Valid(m->date);
    }
    // 07.09.2018
    if (IsDay(t) && IsPunct(At(i + 1), ".") && At(i + 2).kind == TokenKind::kNumber &&
        At(i + 2).digits <= 2 && IsPunct(At(i + 3), ".") && IsYear(At(i + 4)) && Adjacent(t, At(i + 1)) &&
        Adjacent(At(i + 1), At(i + 2)) && Adjacent(At(i + 3), At(i + 4)) && At(i + 2).value >= 1 &&
        At(i + 2).value <= 12) {
      m->date = {At(i + 4).value, At(i + 2).value, t.value};
      m->end_token = SkipYearWord(i + 5);
      return Valid(m->date);
    }
    // 7th September 2018, 23rd and 24th October 2022, 22 января 2022 года
    if (IsDay(t)) {
      size_t j = i + 1;
      // "the 3rd of May"
      if (LowerIs(At(j), "of") && MonthNumber(At(j + 1)) > 0) ++j;
      int day2 = 0;
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
        return ValidDayMonth(m->date);
      }
    }
    const int month = MonthNumber(t);
    if (month > 0) {
      size_t j = i + 1;
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
        if (IsAttributiveMonth(i)) m->kind = DateKind::kAttributive;
        m->background = InBackgroundClause(i);
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
      if (prefixed || opens_range || part_of || (i > 0 && IntroducesBareMonth(t_[i - 1]))) {
        m->date = {0, month, 0};
        m->needs_year = true;
        m->end_token = j;
        return true;
      }
      return false;
    }
    // 2016 / "в 2016 году" / "the 2016 elections"
    if (IsYear(t)) {
      if (IsDocumentWord(At(i + 1))) return false;
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
      if (i > 0 && Tables().quantity.LongestEndingAt(t_, i >= 3 ? i - 3 : 0, i - 1, &q)) return false;
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
      const bool origin = i > 0 && (IsOriginWord(t_[i - 1]) ||
                                    (i > 1 && IsOriginWord(t_[i - 2]) &&
                                     (LowerIs(t_[i - 1], "in") || LowerIs(t_[i - 1], "в"))));
      const bool qualifies = i > 0 && IsDeterminer(t_[i - 1]) && At(i + 1).kind == TokenKind::kWord &&
                             !IsYearWord(At(i + 1)) && !IsActNoun(At(i + 1)) && !IsActNoun(At(i + 2));
      if (origin || qualifies) m->kind = DateKind::kAttributive;
      m->background = InBackgroundClause(i);
      return true;
    }
    return false;
  }

  // "движение, признанное экстремистским решением суда в марте 2018
  // года", "партию, запрещённую в 2020 году": a date inside a participle
  // phrase (set off by a comma) tells when the thing it qualifies was done.
  // A full participle (-нный, -вший ... in any case) between the comma
  // before the date and the date marks it.
  bool InRussianParticiplePhrase(size_t i) const {
    static const std::vector<absl::string_view> kEndings = {
        "нный", "нная", "нное", "нные", "нную", "нной", "нного", "нным", "нных",
        "вший", "вшая", "вшее", "вшие", "вшую", "вшей", "вшего", "вшим", "вших"};
    for (size_t k = i; k > 0 && i - k < 10;) {
      --k;
      const Token& t = t_[k];
      if (t.kind == TokenKind::kPunct) return false;
      if (t.kind != TokenKind::kWord || !t.cyrillic) continue;
      for (absl::string_view e : kEndings) {
        if (absl::EndsWith(t.lower, e) && k > 0 && LowerIs(t_[k - 1], ",")) return true;
      }
    }
    return false;
  }

  // "Achilova, who in November 2019 had been prevented from boarding",
  // "the law, which had been adopted in 2015": a relative clause in the
  // past perfect, set off by a comma, tells what had happened before the
  // story, as the Russian participle phrase does.
  bool InPluperfectClause(size_t i) const {
    size_t pronoun = n_;
    for (size_t k = i; k > 0 && i - k < 8;) {
      --k;
      const Token& t = t_[k];
      if (t.kind == TokenKind::kPunct) break;
      if ((LowerIs(t, "who") || LowerIs(t, "which")) && k > 0 && LowerIs(t_[k - 1], ",")) {
        pronoun = k;
        break;
      }
    }
    if (pronoun == n_) return false;
    for (size_t k = pronoun + 1; k < n_ && k < pronoun + 12; ++k) {
      if (t_[k].kind == TokenKind::kPunct) return false;
      if (LowerIs(t_[k], "had")) return true;
    }
    return false;
  }

  // "identical to a bill withdrawn in March 2023", "the party banned by
  // the Supreme Court in 2019": a past participle after a noun phrase that
  // is not a clause's subject (a preposition or a verb stands before it)
  // tells when the thing it qualifies was done. Only "in"/"on"/"since",
  // maybe after a "by ..." agent, stands between the participle and the
  // date; "His trial opened on 17 January" opens its clause and is the act.
  bool InEnglishParticiplePhrase(size_t i) const {
    if (i < 4 || t_[i].cyrillic) return false;
    size_t k = i - 1;
    if (!(LowerIs(t_[k], "in") || LowerIs(t_[k], "on") || LowerIs(t_[k], "since"))) return false;
    // An agent: "by the Supreme Court".
    for (size_t a = k; a > 0 && k - a <= 5; --a) {
      if (LowerIs(t_[a - 1], "by")) {
        k = a - 1;
        break;
      }
      if (t_[a - 1].kind != TokenKind::kWord) break;
    }
    if (k < 3) return false;
    const Token& participle = t_[k - 1];
    if (!IsPastParticiple(participle)) return false;
    // The noun phrase before it: a determiner, at most two words, then the
    // participle; a preposition or another word (not a clause opener)
    // before the determiner.
    static const WordSet kClauseOpeners = {"and", "but", "while", "as", "when", "after", "before", "because",
                                           "then", "since", "although", "where"};
    for (size_t d = k - 1; d > 0 && k - 1 - d <= 3;) {
      --d;
      const Token& t = t_[d];
      if (t.kind != TokenKind::kWord) return false;
      if (IsDeterminer(t) || LowerIs(t, "this") || LowerIs(t, "that")) {
        if (d == 0) return false;
        const Token& before = t_[d - 1];
        return before.kind == TokenKind::kWord && !kClauseOpeners.contains(before.lower);
      }
    }
    return false;
  }

  // A regular past participle ("withdrawn" aside): "-ed", or a common
  // irregular one.
  static bool IsPastParticiple(const Token& t) {
    static const WordSet kIrregular = {"withdrawn", "taken", "given", "written", "held", "brought", "sent",
                                       "shown", "made", "built", "found", "put", "set", "shut", "begun",
                                       "chosen", "frozen", "broken", "spoken", "done", "drawn", "beaten",
                                       "seized", "thrown", "passed", "won", "lost", "issued", "signed"};
    if (t.kind != TokenKind::kWord || t.cyrillic || t.capitalised) return false;
    return kIrregular.contains(t.lower) || (t.lower.size() > 4 && absl::EndsWith(t.lower, "ed"));
  }

  // "almost identical to the text that Parliament withdrew in March
  // 2023": a restrictive relative clause qualifying a noun (a determiner
  // and the noun before "that"/"which") tells when the thing it qualifies
  // was done. "The ministry said that ..." is reported speech, and a
  // clause set off by a comma is the story's unless its verb is pluperfect
  // (InPluperfectClause).
  bool InRelativeClause(size_t i) const {
    for (size_t k = i; k > 0 && i - k < 10;) {
      --k;
      const Token& t = t_[k];
      if (t.kind == TokenKind::kPunct) return false;
      const bool that = LowerIs(t, "that") || LowerIs(t, "which");
      if (!that) continue;
      return k >= 2 && t_[k - 1].kind == TokenKind::kWord &&
             (IsDeterminer(t_[k - 2]) || LowerIs(t_[k - 2], "this"));
    }
    return false;
  }

  // Either kind of background clause around the date at token i.
  bool InBackgroundClause(size_t i) const {
    return InRussianParticiplePhrase(i) || InEnglishParticiplePhrase(i) || InRelativeClause(i) ||
           InPluperfectClause(i);
  }

  // "протестов августа 2020 года": a genitive month (all end in -а/-я;
  // no nominative does) right after a word that is no time word ("в",
  // "начале", "с": those make it a date of the act).
  bool IsAttributiveMonth(size_t i) const {
    const Token& t = t_[i];
    if (!t.cyrillic || i == 0) return false;
    const Token& p = t_[i - 1];
    static const WordSet kTimeWords = {"течение", "начала", "середины", "конца", "от", "со", "после",
                                       "перед", "около", "позднее", "ранее", "числа"};
    if (p.kind != TokenKind::kWord || !p.cyrillic || IntroducesBareMonth(p) || kTimeWords.contains(p.lower)) {
      return false;
    }
    return absl::EndsWith(t.lower, "\xD0\xB0") || absl::EndsWith(t.lower, "\xD1\x8F");  // а, я
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

std::tuple<int, int, int> PeriodStart(const SimpleDate& d) {
  return {d.year, d.month ? d.month : 1, d.day ? d.day : 1};
}

std::tuple<int, int, int> PeriodEnd(const SimpleDate& d) {
  const int m = d.month ? d.month : 12;
  return {d.year, m, d.day ? d.day : DaysInMonth(d.year, m)};
}

}  // namespace

std::string SimpleDate::ToString() const {
  if (!year) return "";
  if (!month) return absl::StrFormat("%04d", year);
  if (!day) return absl::StrFormat("%04d-%02d", year, month);
  return absl::StrFormat("%04d-%02d-%02d", year, month, day);
}

int DayOfWeekNumber(const Token& token) { return WeekdayNumber(token); }

int MonthNumber(const Token& token) {
  if (token.kind != TokenKind::kWord) return 0;
  // An English month counts only capitalised or after a prefix ("mid-"):
  // other Latin words need no lookup.
  if (!token.cyrillic && !token.capitalised && token.lower.find('-') == std::string::npos) return 0;
  absl::string_view w = token.lower;
  for (absl::string_view prefix : {"mid-", "early-", "late-", "end-"}) {
    if (absl::StartsWith(w, prefix)) {
      w.remove_prefix(prefix.size());
      break;
    }
  }
  auto it = Tables().months.find(w);
  if (it == Tables().months.end()) return 0;
  if (!token.cyrillic) {
    // English month names are capitalised; "may" and "march" are also verbs.
    const bool cap = token.capitalised || w.size() != token.lower.size();
    if (!cap) return 0;
    if (w.size() != token.lower.size()) {
      // "mid-March": the month part must be capitalised in the source.
      // (The tokenizer keeps only the first letter's case; accept.)
    }
  }
  return it->second;
}

std::vector<DateMention> FindDates(const std::vector<Token>& tokens) {
  return SentenceDates(tokens).Find();
}

int CompareDates(const SimpleDate& a, const SimpleDate& b) {
  auto ka = PeriodStart(a), kb = PeriodStart(b);
  if (ka != kb) return ka < kb ? -1 : 1;
  const int pa = (a.month ? 1 : 0) + (a.day ? 1 : 0), pb = (b.month ? 1 : 0) + (b.day ? 1 : 0);
  return pa - pb;
}

bool WithinPeriod(const SimpleDate& d, const SimpleDate& start, const SimpleDate& end) {
  if (!d.known()) return false;
  if (start.known() && PeriodStart(d) < PeriodStart(start)) return false;
  if (end.known() && PeriodEnd(d) > PeriodEnd(end)) return false;
  return true;
}

SimpleDate AddToDate(const SimpleDate& d, DateUnit unit, int count) {
  if (!d.known()) return {};
  if (count == 0) {
    SimpleDate r = d;
    if (unit == DateUnit::kYear) r.month = r.day = 0;
    if (unit == DateUnit::kMonth) r.day = 0;
    return r;
  }
  switch (unit) {
    case DateUnit::kDay: {
      if (!d.day) return {};
      absl::CivilDay day(d.year, d.month, d.day);
      day += count;
      return {static_cast<int>(day.year()), day.month(), day.day()};
    }
    case DateUnit::kMonth: {
      if (!d.month) return {};
      absl::CivilMonth m(d.year, d.month);
      m += count;
      return {static_cast<int>(m.year()), m.month(), 0};
    }
    case DateUnit::kYear:
      return {d.year + count, 0, 0};
    case DateUnit::kWeekday:
    case DateUnit::kWeek:
      return {};  // counted by ResolveDates, not added
  }
  return {};
}

int WeekdayOf(const SimpleDate& d) {
  if (!d.known() || !d.month || !d.day) return 0;
  // absl::Weekday counts from Monday = 0.
  return static_cast<int>(absl::GetWeekday(absl::CivilDay(d.year, d.month, d.day))) + 1;
}

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

}  // namespace

void ResolveDates(const SimpleDate& coverage_start, const SimpleDate& coverage_end,
                  std::vector<DateMention*>* mentions, const SimpleDate& published) {
  auto& ms = *mentions;
  // One pass each way keeps this linear: the year of the next mention that
  // has its own, and (as the loop goes) the latest resolved mentions.
  std::vector<int> next_year(ms.size() + 1, 0);
  for (size_t f = ms.size(); f-- > 0;) {
    next_year[f] = ms[f]->kind != DateKind::kRelative && !ms[f]->needs_year && !ms[f]->publication &&
                           !ms[f]->background
                       ? ms[f]->date.year
                       : next_year[f + 1];
  }
  int last_absolute_year = 0;          // latest resolved story mention's year
  int last_absolute_paragraph = -1;    // and its paragraph
  const DateMention* last_anchor = nullptr;  // latest resolved non-bound mention
  const DateMention* last_day_anchor = nullptr;  // the latest of those with a day
  auto note = [&](const DateMention& m) {
    if (!m.resolved) return;
    // A date that qualifies a noun ("the 2021 search") or tells a
    // background act ("партию, запрещённую в 2020 году") gives no year to
    // the story's next dates.
    if (!m.publication && m.kind != DateKind::kAttributive && !m.background) {
      last_absolute_year = m.date.year;
      last_absolute_paragraph = m.paragraph;
    }
    if (m.kind != DateKind::kBound && m.kind != DateKind::kAttributive) {
      last_anchor = &m;
      if (m.date.day) last_day_anchor = &m;
    }
  };
  for (size_t k = 0; k < ms.size(); ++k) {
    DateMention& m = *ms[k];
    if (m.kind == DateKind::kRelative) {
      if (m.unit == DateUnit::kWeekday) {
        m.date = ResolveWeekday(m, last_anchor, published);
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
      } else if (published.known() && m.unit != DateUnit::kWeek) {
        // Nothing told before it: a news item's "the day before" counts
        // from its dateline.
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
      int year = 0;
      const int y0 = coverage_start.known() ? coverage_start.year : coverage_end.year;
      const int y1 = coverage_end.known() ? coverage_end.year : coverage_start.year;
      for (int y = y0; y && y <= y1 && y - y0 < 200; ++y) {
        SimpleDate c = m.date;
        c.year = y;
        if (WithinPeriod(c, coverage_start, coverage_end)) {
          year = y;
          break;
        }
      }
      if (!year && published.known()) {
        year = last_absolute_paragraph == m.paragraph ? last_absolute_year : 0;
        if (!year) year = published.year;
      } else if (!year) {
        year = last_absolute_year ? last_absolute_year : next_year[k + 1];
      }
      if (year) {
        SimpleDate candidate = m.date;
        candidate.year = year;
        if (year && published.known() && PeriodStart(candidate) > PeriodEnd(published)) year -= 1;
      }
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
