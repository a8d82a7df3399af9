#include "services/normalize/datelines.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/date_words.h"
#include "services/normalize/tokenizer.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

// How many tokens a day of the week takes at the start of `toks` ("Monday,"
// is two, a wire's "Sat" one), or 0.
size_t WeekdayLead(const std::vector<Token>& toks) {
  if (toks.empty()) return 0;
  static const WordSet kAbbreviations = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"};
  const Token& t = toks[0];
  const bool weekday =
      DayOfWeekNumber(t) > 0 || (t.kind == TokenKind::kWord && t.capitalised && kAbbreviations.contains(t.lower));
  if (!weekday) return 0;
  return toks.size() > 1 && LowerIs(toks[1], ",") ? 2 : 1;
}

}  // namespace

// A news site's byline line opening with the full date: "27.10.2022,
// 13:40 | Бишкек | Политика". Only the time of posting, numbers,
// punctuation and capitalised words follow it (a chronology line goes on
// with a verb); a date alone on its line heads the paragraph under it, as
// in case histories. The whole line is the dateline; returns its date.
std::optional<SimpleDate> PostingLineDate(const std::vector<Token>& toks) {
  const std::vector<DateMention> dates = FindDates(toks);
  if (dates.empty()) return std::nullopt;
  // "Sat May 31, 2014 6:12pm EDT", "Monday, 10 June 2019 14:25": the day
  // of the week, whole or as wires abbreviate it, may open the line.
  const size_t lead = WeekdayLead(toks);
  const DateMention& date = lead > 0 && dates[0].first_token < lead && dates.size() > 1 ? dates[1] : dates[0];
  // "14:25, 10 июня 2019", "13:42, 4 декабря 2019 | Ала-Тоо Ньюс | Автор:
  // ...": the time of posting before the date.
  const bool time_first = date.first_token == 4 && toks[0].kind == TokenKind::kNumber && LowerIs(toks[1], ":") &&
                          toks[2].kind == TokenKind::kNumber && LowerIs(toks[3], ",");
  if (!date.date.day || !date.date.year || (date.first_token != lead && !time_first)) return std::nullopt;
  if (time_first && date.end_token == toks.size()) return date.date;
  // "16.10.2020 15:20", "10.06.2019 в 14:25", "June 10, 2019 at 2:25 pm":
  // the time it was posted may follow the date.
  size_t after = date.end_token;
  if (!time_first && after + 3 < toks.size() && (LowerIs(toks[after], "at") || LowerIs(toks[after], "в")) &&
      toks[after + 1].kind == TokenKind::kNumber && LowerIs(toks[after + 2], ":")) {
    ++after;
  }
  if (!time_first && after + 2 < toks.size() && toks[after].kind == TokenKind::kNumber &&
      LowerIs(toks[after + 1], ":") && toks[after + 2].kind == TokenKind::kNumber) {
    after += 3;
    if (after < toks.size() && (LowerIs(toks[after], "am") || LowerIs(toks[after], "pm"))) ++after;
    // "June 10, 2019 14:25 GMT", "12.03.2021 09:15 MSK": and its zone.
    if (after < toks.size() && toks[after].all_caps && toks[after].end - toks[after].start <= 4) ++after;
  }
  const bool time_only = after > date.end_token && after == toks.size();
  if (!time_only && !(after < toks.size() && toks[after].kind == TokenKind::kPunct)) return std::nullopt;
  for (size_t k = after; k < toks.size(); ++k) {
    if (toks[k].kind == TokenKind::kWord && !toks[k].capitalised && !toks[k].all_caps) return std::nullopt;
  }
  return date.date;
}


// The dateline that opens body[begin, end), if there is one: a few
// capitalised place words, a comma and a date with its year, then a dash,
// the end of the line, or a full stop after which the story starts
// ("АЛМАТЫ, 2 декабря 2025 г. Суд ..."). Sets `dateline` to the dateline's
// bytes and `published` to its date.
void FindDatelineAt(absl::string_view body, size_t begin, size_t end, bool under_byline, Span* dateline,
                    SimpleDate* published) {
  // A dateline is short; the rest of a long lede need not be read.
  const std::vector<Token> toks = Tokenize(body, begin, std::min(end, begin + 200));
  // "Мария Карпенко, Стамбул" over "3 ноября 2022": a date alone on the
  // line under the author's name and place is the day the piece was filed.
  if (under_byline && end - begin <= 40) {
    const std::vector<DateMention> dates = FindDates(toks);
    if (dates.size() == 1 && dates[0].first_token == 0 && dates[0].date.day && dates[0].date.year &&
        dates[0].kind == DateKind::kAbsolute && !dates[0].end_date.known() &&
        (dates[0].end_token == toks.size() ||
         (dates[0].end_token + 1 == toks.size() && toks.back().kind == TokenKind::kPunct))) {
      *dateline = {toks[0].start, toks.back().end};
      *published = dates[0].date;
      return;
    }
  }
  if (end - begin <= 120) {
    if (const std::optional<SimpleDate> date = PostingLineDate(toks); date.has_value()) {
      *dateline = {toks[0].start, toks.back().end};
      *published = *date;
      return;
    }
  }
  for (const DateMention& m : FindDates(toks)) {
    // A dateline's date names its month: "Иван Петров (Ivan Petrov), 1984
    // г. р." is a name and a year of birth.
    if (m.first_token > 8 || m.first_token < 2 || !m.date.year || !m.date.month) return;
    // "Bishkek, Wednesday 12 June 2019": the day of the week may stand
    // between the comma and the date.
    const size_t first = m.first_token >= 3 && DayOfWeekNumber(toks[m.first_token - 1]) ? m.first_token - 1
                                                                                        : m.first_token;
    // "Баку/19.10.19/Turan:": a wire's place, date and name joined by
    // slashes.
    const bool slashed = LowerIs(toks[first - 1], "/");
    // "GENEVA (28 March 2017) –", as UN press releases open.
    const bool bracketed = LowerIs(toks[first - 1], "(");
    if (!LowerIs(toks[first - 1], ",") && !slashed && !bracketed) return;
    for (size_t k = 0; k + 1 < first; ++k) {
      const Token& t = toks[k];
      // "Уфа, вторник, 23 января 2024 года": a day of the week may come first.
      const bool place_word = t.kind == TokenKind::kWord && (t.capitalised || t.all_caps || DayOfWeekNumber(t));
      // "г. Бишкек, 10 июня 2019 г." (г.: город), "© Publisher, 3 May 2022".
      const bool joiner = LowerIs(t, "/") || LowerIs(t, "-") || t.lower == "\xE2\x80\x93" ||
                          LowerIs(t, "(") || LowerIs(t, ")") || LowerIs(t, ",") || LowerIs(t, "\xD0\xB3") ||
                          LowerIs(t, ".") || t.lower == "\xC2\xA9";
      if (!place_word && !joiner) return;
    }
    size_t e = m.end_token;
    if (bracketed) {
      if (e >= toks.size() || !LowerIs(toks[e], ")")) return;
      ++e;
    }
    // "KYIV, 24 July 2019 (news agency) –"
    if (e < toks.size() && LowerIs(toks[e], "(")) {
      size_t close = e + 1;
      while (close < toks.size() && close < e + 8 && !LowerIs(toks[close], ")")) ++close;
      if (close < toks.size() && LowerIs(toks[close], ")")) e = close + 1;
    }
    // "2 декабря 2025 г." / "2 декабря 2025 года": the year written out.
    if (e < toks.size() && (LowerIs(toks[e], "г") || LowerIs(toks[e], "года"))) ++e;
    // "КУТАИСИ, 23 апреля 2021, 17:42 —": the time of posting after it.
    const size_t clock = e < toks.size() && LowerIs(toks[e], ",") ? e + 1 : e;
    if (clock + 2 < toks.size() && toks[clock].kind == TokenKind::kNumber && LowerIs(toks[clock + 1], ":") &&
        toks[clock + 2].kind == TokenKind::kNumber) {
      e = clock + 3;
    }
    if (e < toks.size() && LowerIs(toks[e], ".")) ++e;
    if (slashed && e + 1 < toks.size() && LowerIs(toks[e], "/")) {
      size_t agency = e + 1;
      while (agency < toks.size() && agency < e + 5 && toks[agency].kind == TokenKind::kWord &&
             (toks[agency].capitalised || toks[agency].all_caps)) {
        ++agency;
      }
      if (agency > e + 1 && agency < toks.size() && LowerIs(toks[agency], ":")) {
        *dateline = {toks[0].start, toks[agency].end};
        *published = m.date;
        return;
      }
    }
    if (e < toks.size() && IsDash(toks[e])) {
      *dateline = {toks[0].start, toks[e].end};
    } else if (e >= toks.size() || LowerIs(toks[e - 1], ".")) {
      *dateline = {toks[0].start, toks[e - 1].end};
    } else {
      return;
    }
    *published = m.date;
    return;
  }
}

std::optional<Span> WireDatelineAt(absl::string_view body, size_t begin, size_t end, bool place_in_capitals,
                                   SimpleDate* day) {
  const std::vector<Token> toks = Tokenize(body, begin, std::min(end, begin + 120));
  const std::vector<DateMention> dates = FindDates(toks);
  if (dates.empty()) return std::nullopt;
  const DateMention& m = dates[0];
  if (m.kind != DateKind::kAbsolute || m.date.year || !m.date.day || m.first_token < 2 || m.first_token > 5 ||
      !LowerIs(toks[m.first_token - 1], ",")) {
    return std::nullopt;
  }
  for (size_t k = 0; k + 1 < m.first_token; ++k) {
    const Token& t = toks[k];
    if (t.kind != TokenKind::kWord || !(place_in_capitals ? t.all_caps : t.capitalised || t.all_caps)) {
      return std::nullopt;
    }
  }
  const size_t e = m.end_token;
  if (e >= toks.size()) return std::nullopt;
  if (!LowerIs(toks[e], ".") && !IsDash(toks[e])) return std::nullopt;
  *day = m.date;
  return Span{toks[0].start, toks[e].end};
}

std::optional<Span> YearlessDatelineAt(absl::string_view body, size_t begin, size_t end,
                                       const SimpleDate& published) {
  if (!published.day) return std::nullopt;
  SimpleDate dated;
  const std::optional<Span> dateline = WireDatelineAt(body, begin, end, /*place_in_capitals=*/false, &dated);
  if (!dateline.has_value()) return std::nullopt;
  dated.year = published.year;
  const absl::CivilDay day(dated.year, dated.month, dated.day);
  const absl::CivilDay writing(published.year, published.month, published.day);
  if (day != writing && day + 1 != writing) return std::nullopt;
  return dateline;
}

// True when body[line] is a byline: a short line of capitalised words and
// punctuation only ("Мария Карпенко, Стамбул", "By Anna Lee"), no date.
bool IsBylineLine(absl::string_view body, const Span& line) {
  if (line.size() == 0 || line.size() > 80) return false;
  const std::vector<Token> toks = Tokenize(body, line.begin, line.end);
  if (toks.empty() || toks.size() > 10 || !FindDates(toks).empty()) return false;
  int words = 0;
  for (size_t k = 0; k < toks.size(); ++k) {
    const Token& t = toks[k];
    if (t.kind == TokenKind::kNumber) return false;
    if (t.kind != TokenKind::kWord) continue;
    ++words;
    // "By" opens an English byline in lower case after the first word.
    if (!t.capitalised && !t.all_caps && !(k == 0 && LowerIs(t, "by"))) return false;
  }
  return words > 0;
}

}  // namespace civicwatch::normalize
