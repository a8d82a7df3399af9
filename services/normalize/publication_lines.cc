#include "services/normalize/publication_lines.h"

#include "services/normalize/date_parser.h"
#include "services/normalize/date_words.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

// Words before the date in a line that gives the publication date
// ("Published 15 April 2024", "Last updated: 29 September 2022",
// "Последнее обновление: 28 декабря 2023 г.").
bool IsPublicationWordAlone(const Token& t) {
  static const WordSet kWords = {"published", "posted", "dated", "issued", "updated", "created", "update",
                                 "publication", "опубликовано", "опубликован", "опубликована", "обновлено",
                                 "обновлена", "обновлён", "обновлен", "обновление", "публикация",
                                 "публикации", "подготовлено", "подготовлен", "подготовлена",
                                 "составлено", "составлен", "modified", "edited", "изменено"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

// "|", "·", "•", or a dash set apart by spaces (a hyphen inside a word is
// no token of its own).
bool IsFieldSeparator(const Token& t) {
  return t.lower == "|" || t.lower == "\xC2\xB7" || t.lower == "\xE2\x80\xA2" || t.lower == "\xE2\x80\x93" ||
         t.lower == "\xE2\x80\x94";
}

// A byline's field that is a date with its day and year, alone or after a
// place ("By our correspondent | Vienna, 3 December 2021", "Бишкек · 12
// мая 2023", "Lawyers' Association (LA) – Brussels, 6 July 2020"): the
// day the piece was filed. Every other word of the field
// is capitalised, so a headline cut by a bar ("Court jails activist | 3 May
// 2022 ruling") is not one.
bool FindBylineFieldDate(const std::vector<Token>& toks, const std::vector<DateMention>& dates,
                         SimpleDate* published) {
  size_t field_begin = 0;
  bool separated = false;
  for (size_t k = 0; k < toks.size(); ++k) separated |= IsFieldSeparator(toks[k]);
  if (!separated || toks.size() > 30) return false;
  // "BISHKEK, 12 April 2021 – Police detained two activists in Osh.": a
  // field that runs on as a sentence (words in lower case up to a full
  // stop, or many words) makes the line a dateline and its story, not a
  // byline; the dateline is read as such (datelines.h).
  constexpr int kMaxFieldWords = 10;
  int words = 0, lower = 0;
  for (size_t k = 0; k <= toks.size(); ++k) {
    if (k == toks.size() || IsFieldSeparator(toks[k])) {
      const bool full_stop = k > 0 && LowerIs(toks[k - 1], ".");
      if (words > kMaxFieldWords || (lower >= 3 && full_stop)) return false;
      words = lower = 0;
    } else if (toks[k].kind == TokenKind::kWord) {
      ++words;
      lower += !toks[k].capitalised && !toks[k].all_caps && !LowerIs(toks[k], "by");
    }
  }
  for (size_t k = 0; k <= toks.size(); ++k) {
    if (k < toks.size() && !IsFieldSeparator(toks[k])) continue;
    for (const DateMention& m : dates) {
      if (m.first_token < field_begin || m.end_token > k || m.kind != DateKind::kAbsolute || !m.date.year ||
          !m.date.day || m.needs_year) {
        continue;
      }
      bool furniture = true;
      for (size_t j = field_begin; j < k; ++j) {
        if (j >= m.first_token && j < m.end_token) continue;
        const Token& t = toks[j];
        // "12 July 2021, 14:05": the time of day the piece was posted.
        const bool time_of_day = t.kind == TokenKind::kNumber && t.digits == 2 && j >= m.end_token &&
                                 ((j + 1 < k && toks[j + 1].lower == ":") || (j > 0 && toks[j - 1].lower == ":"));
        furniture &= time_of_day || t.kind == TokenKind::kPunct ||
                     (t.kind == TokenKind::kWord && (t.capitalised || t.all_caps));
      }
      if (furniture) {
        *published = m.date;
        return true;
      }
    }
    field_begin = k + 1;
  }
  return false;
}

// "Press release, 10 June 2019", "Заявление, 3 мая 2022 г.": a short
// line naming what the text is, then a comma and the day it was issued,
// and nothing after.
bool FindKindAndDate(const std::vector<Token>& toks, const std::vector<DateMention>& dates,
                     SimpleDate* published) {
  constexpr size_t kMaxKindWords = 3;
  if (dates.size() != 1) return false;
  const DateMention& d = dates[0];
  if (d.kind != DateKind::kAbsolute || !d.date.day || !d.date.year || d.first_token < 2 ||
      d.first_token - 1 > kMaxKindWords || !LowerIs(toks[d.first_token - 1], ",")) {
    return false;
  }
  // A capitalised word alone ("Кишинёв, 21 декабря 2022 г.") is a place:
  // a dateline's, read as such (datelines.h).
  bool kind_words = false;
  for (size_t k = 0; k + 1 < d.first_token; ++k) {
    if (toks[k].kind != TokenKind::kWord) return false;
    kind_words |= !toks[k].capitalised && !toks[k].all_caps;
  }
  if (!kind_words) return false;
  for (size_t k = d.end_token; k < toks.size(); ++k) {
    if (!LowerIs(toks[k], ".")) return false;
  }
  *published = d.date;
  return true;
}

}  // namespace

// toks[k] names the time of writing. "Date" does so only as a field's name
// ("Date: 3 May 2022", "Дата публикации"), since a card also gives a date
// of birth or of arrest.
bool IsPublicationWord(const std::vector<Token>& toks, size_t k) {
  if (IsPublicationWordAlone(toks[k])) return true;
  if (!LowerIs(toks[k], "date") && !LowerIs(toks[k], "дата")) return false;
  if (k + 1 >= toks.size()) return false;
  // What is dated is the text: its publication, preparation or issue, or
  // the text named as a kind of document ("Date of note", "Дата справки"),
  // not a date of birth or of arrest.
  static const WordSet kOfTheText = {"preparation", "issue",    "writing",   "note",     "report",   "statement",
                                     "release",     "letter",   "bulletin",  "подготовки", "выпуска", "составления",
                                     "справки",     "записки",  "доклада",   "отчёта",   "отчета",   "заявления"};
  auto of_the_text = [&](const Token& t) { return IsPublicationWordAlone(t) || kOfTheText.contains(t.lower); };
  return LowerIs(toks[k + 1], ":") || of_the_text(toks[k + 1]) ||
         (LowerIs(toks[k + 1], "of") && k + 2 < toks.size() && of_the_text(toks[k + 2]));
}

// The latest date that follows a publication word in `toks` (one line near
// the top: "IRFS · Published 9 July 2025 · By the monitoring desk", "Page
// created: March 2017 · Last updated: 29 September 2022"): the time of
// writing is the last update. The line opens with the word, or is a
// short line of fields, as bylines are (fields set apart by "|", "·" or
// "•", or the word followed by a colon): "a report published on 3 May"
// in a sentence is no byline.
bool FindPublicationDate(const std::vector<Token>& toks, SimpleDate* published) {
  if (toks.empty()) return false;
  // "Published 15 April 2024", "Page updated 18 December 2023",
  // "Страница обновлена 18 декабря 2023 года".
  static const WordSet kPageWords = {"page", "article", "страница", "материал", "статья"};
  bool fields = IsPublicationWord(toks, 0) ||
                (toks.size() > 1 && kPageWords.contains(toks[0].lower) && IsPublicationWord(toks, 1));
  if (!fields && toks.size() <= 30) {
    for (size_t k = 0; k < toks.size(); ++k) {
      const std::string& w = toks[k].lower;
      fields |= w == "|" || w == "\xC2\xB7" || w == "\xE2\x80\xA2" ||
                (w == ":" && k > 0 && IsPublicationWord(toks, k - 1));
    }
  }
  const std::vector<DateMention> dates = FindDates(toks);
  if (FindBylineFieldDate(toks, dates, published)) return true;
  if (FindKindAndDate(toks, dates, published)) return true;
  if (!fields) return false;
  bool found = false;
  for (size_t k = 0; k < toks.size(); ++k) {
    if (!IsPublicationWord(toks, k)) continue;
    for (const DateMention& m : dates) {
      // A range after the word is the period a report covers
      // ("Quarterly update | October – December 2021"), not a day of writing.
      if (m.first_token <= k || m.first_token > k + 4 || !m.date.year || m.end_date.known()) continue;
      if (!found || CompareDates(m.date, *published) > 0) *published = m.date;
      found = true;
      break;
    }
  }
  return found;
}

}  // namespace civicwatch::normalize
