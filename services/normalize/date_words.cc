#include "services/normalize/date_words.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "services/normalize/tsv.h"

namespace civicwatch::normalize {
const DateTables& DateWordTables() {
  static const DateTables* tables = [] {
    auto* t = new DateTables;
    for (const auto& row : ReadTable("months.tsv")) {
      if (row.size() < 2) continue;
      int month = 0;
      if (!absl::SimpleAtoi(row[0], &month)) continue;
      for (absl::string_view form : SplitAlternatives(row[1])) {
        t->months[std::string(form)] = month;
        t->month_forms.insert(form);
      }
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
      spec.unit = row[0] == "day" || row[0] == "week" ? DateUnit::kDay
                  : row[0] == "month"                 ? DateUnit::kMonth
                                                      : DateUnit::kYear;
      spec.scale = row[0] == "week" ? 7 : 1;
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
  return t.kind == TokenKind::kWord && DateWordTables().seasons.contains(t.lower);
}

// 1 (Monday) to 7 (Sunday) for a day of the week, else 0. English names
// count only capitalised ("Monday").
int WeekdayNumber(const Token& t) {
  if (t.kind != TokenKind::kWord || (!t.cyrillic && !t.capitalised)) return 0;
  if (!DateWordTables().weekday_forms.contains(t.lower)) return 0;  // most words, without hashing
  auto it = DateWordTables().weekdays.find(t.lower);
  return it == DateWordTables().weekdays.end() ? 0 : it->second;
}

// +1 for words that count forward to a day of the week ("the following
// Monday"), -1 for those that count back ("last Monday"), 0 for others.
namespace {

// Words counting back to a day of the week from the time of writing
// ("last Monday") and from the date told before ("the previous Monday").
const WordSet& BackFromWriting() {
  static const WordSet kWords = {"last", "past", "прошлый", "прошлую", "прошлое", "минувший",
                                 "минувшую", "минувшее", "прошедший", "прошедшую", "прошедшее"};
  return kWords;
}
const WordSet& BackFromDateBefore() {
  static const WordSet kWords = {"previous", "preceding", "предыдущий", "предыдущую", "предыдущее"};
  return kWords;
}

}  // namespace

int WeekdayDirection(const Token& t) {
  static const WordSet kForward = {"following", "next", "subsequent", "следующий", "следующую",
                                   "следующее"};
  if (t.kind != TokenKind::kWord) return 0;
  if (kForward.contains(t.lower)) return 1;
  if (BackFromWriting().contains(t.lower) || BackFromDateBefore().contains(t.lower)) return -1;
  return 0;
}

bool CountsFromWriting(const Token& t) {
  return t.kind == TokenKind::kWord && BackFromWriting().contains(t.lower);
}

bool IsBoundWord(const Token& t) {
  static const WordSet kWords = {"until", "till", "by", "до", "к"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

// A year written just after one of these, or after one and "in" / "в",
// tells when someone or something began ("born in 1953", "основан в 1996
// году"): background, not the date of an act.
bool IsOriginWord(const Token& t) {
  static const WordSet kWords = {"born", "founded", "established", "formed", "created", "родился", "родилась",
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

bool IsCurrencyWord(const Token& t) {
  if (t.kind != TokenKind::kWord) return false;
  static const WordSet kExact = {"rub", "kzt", "usd", "eur", "uzs", "kgs", "azn", "amd", "gel", "byn", "tjs",
                                 "tmt", "uah", "mdl", "rsd", "mnt", "som", "soms", "sum", "lari",
                                 "lira", "tugrik", "tenge", "somoni", "dram", "manat", "dinar", "dinars",
                                 "руб", "тенге", "сом", "сомов", "сумов", "сум", "лари", "манат", "манатов",
                                 "драм", "драмов", "сомони", "лир", "евро", "долл", "тугриков"};
  if (kExact.contains(t.lower)) return true;
  for (absl::string_view stem : {"rouble", "ruble", "dollar", "euro", "pound", "hryvn", "рубл", "доллар",
                                 "гривен", "гривн", "белорусских", "российских"}) {
    if (absl::StartsWith(t.lower, stem)) return true;
  }
  return false;
}

int DayOfWeekNumber(const Token& token) { return WeekdayNumber(token); }

int MonthNumber(const Token& token) {
  if (token.kind != TokenKind::kWord || token.lower.empty()) return 0;
  // An English month counts only capitalised or after a prefix ("mid-"):
  // other Latin words need no lookup. Asked of every word, so the first
  // letter of a prefix is tested before the prefixes are.
  absl::string_view w = token.lower;
  const char first = w[0];
  const bool may_have_prefix = first == 'm' || first == 'e' || first == 'l';
  if (!token.cyrillic && !token.capitalised && !may_have_prefix) return 0;
  if (may_have_prefix) {
    for (absl::string_view prefix : {"mid-", "early-", "late-", "end-"}) {
      if (absl::StartsWith(w, prefix)) {
        w.remove_prefix(prefix.size());
        break;
      }
    }
  }
  if (!token.cyrillic && !token.capitalised && w.size() == token.lower.size()) return 0;
  if (!DateWordTables().month_forms.MayContain(w)) return 0;
  auto it = DateWordTables().months.find(w);
  if (it == DateWordTables().months.end()) return 0;
  if (!token.cyrillic) {
    // English month names are capitalised; "may" and "march" are also verbs.
    const bool cap = token.capitalised || w.size() != token.lower.size();
    // ("mid-March": the tokenizer keeps only the first letter's case, so
    // a prefixed month is taken as written.)
    if (!cap) return 0;
  }
  return it->second;
}

}  // namespace civicwatch::normalize
