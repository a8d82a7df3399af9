#include "services/normalize/report_metadata.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/datelines.h"
#include "services/normalize/publication_lines.h"
#include "services/normalize/date_words.h"
#include "services/normalize/gazetteer.h"
#include "services/normalize/tokenizer.h"
#include "services/normalize/tsv.h"
#include "services/normalize/utf8.h"
#include "services/normalize/word_set.h"

namespace civicwatch::normalize {
namespace {

// How many paragraphs from the top are searched for coverage/publishers.
constexpr size_t kHeaderParagraphs = 8;
// How many paragraphs from the bottom are searched for a date of issue.
constexpr size_t kFooterParagraphs = 3;

// True when a token names the text itself ("this update", "the report",
// "обзор"), or the period it reviews.
bool NamesTheText(const Token& t) {
  static const WordSet kWords = {
      "report",   "update",  "review",    "digest",   "overview", "bulletin", "chronicle", "monitoring",
      "summary",  "chapter", "briefing",  "brief",    "newsletter", "edition", "issue",     "this",
      "обзор",    "доклад",  "отчёт",     "отчет",    "мониторинг", "бюллетень", "дайджест", "хроника",
      "выпуск",   "сводка",  "настоящий", "документ", "материал"};
  return t.kind == TokenKind::kWord && kWords.contains(t.lower);
}

// True when the tokens of a sentence state what period the text covers:
// "period" names one outright; "covers", "covering", "охватывает" do so
// only when the text is what covers ("This update covers ..."), not an
// audit or an investigation ("an audit covering the accounts for 2018 to
// 2020").
bool HasCoverageWord(const std::vector<Token>& toks) {
  bool covers = false, text = false;
  for (const Token& t : toks) {
    if (t.kind != TokenKind::kWord) continue;
    if (LowerIs(t, "period") || LowerIs(t, "период")) return true;
    if (LowerIs(t, "covers") || LowerIs(t, "covering") || LowerIs(t, "coverage") || LowerIs(t, "covered") ||
        absl::StartsWith(t.lower, "охватыва")) {
      covers = true;
    }
    if (NamesTheText(t)) text = true;
  }
  return covers && text;
}

// A range of dates, each with its year, in the title: the coverage period.
bool ParseTitleRange(absl::string_view title, SimpleDate* start, SimpleDate* end) {
  const std::vector<Token> toks = Tokenize(title, 0, title.size());
  for (const DateMention& m : FindDates(toks)) {
    if (m.kind == DateKind::kAbsolute && m.date.year && m.end_date.year && !m.needs_year) {
      *start = m.date;
      *end = m.end_date;
      return true;
    }
  }
  return false;
}

// The lines of body[span], each as a span (without its line break).
std::vector<Span> LinesOf(absl::string_view body, const Span& span) {
  std::vector<Span> lines;
  for (size_t begin = span.begin; begin < span.end;) {
    size_t end = body.find('\n', begin);
    if (end == absl::string_view::npos || end > span.end) end = span.end;
    lines.push_back({begin, end});
    begin = end + 1;
  }
  return lines;
}

// The fields of a header line set apart by "|", "·" or "•"
// ("Belarus | Quarterly civic space update | October – December 2021").
std::vector<absl::string_view> HeaderFields(absl::string_view line) {
  std::vector<absl::string_view> fields;
  for (absl::string_view piece : absl::StrSplit(line, "|")) {
    for (absl::string_view dot : absl::StrSplit(piece, "\xC2\xB7")) {
      for (absl::string_view bullet : absl::StrSplit(dot, "\xE2\x80\xA2")) {
        bullet = absl::StripAsciiWhitespace(bullet);
        if (!bullet.empty()) fields.push_back(bullet);
      }
    }
  }
  return fields;
}

// A period alone on a title or subtitle line, or in one field of a header
// line: "Январь – июнь 2023 года", "Belarus | Quarterly update | October –
// December 2021". A range that opens a line and goes on after a colon or
// a dash ("2019–2020: the road case") heads a section, not the report.
bool ParsePeriodLine(absl::string_view line, SimpleDate* start, SimpleDate* end) {
  line = absl::StripAsciiWhitespace(line);
  if (line.empty() || line.back() == '.') return false;
  for (absl::string_view field : HeaderFields(line)) {
    const std::vector<Token> toks = Tokenize(field, 0, field.size());
    if (toks.size() > 8) continue;
    const std::vector<DateMention> dates = FindDates(toks);
    if (!dates.empty() && dates[0].first_token == 0 && dates[0].end_token < toks.size()) continue;
    if (ParseTitleRange(field, start, end)) return true;
  }
  return false;
}

// The one date `line` holds when the line is nothing else (save "год",
// "г." or a full stop after it): a heading or a date line.
std::optional<DateMention> DateAloneOnLine(absl::string_view line) {
  constexpr size_t kMaxTokens = 8;
  line = absl::StripAsciiWhitespace(line);
  const std::vector<Token> toks = Tokenize(line, 0, line.size());
  if (toks.empty() || toks.size() > kMaxTokens) return std::nullopt;
  const std::vector<DateMention> dates = FindDates(toks);
  if (dates.size() != 1 || dates[0].first_token != 0 || !dates[0].date.year) return std::nullopt;
  for (size_t k = dates[0].end_token; k < toks.size(); ++k) {
    if (!IsYearWord(toks[k]) && !LowerIs(toks[k], ".")) return std::nullopt;
  }
  return dates[0];
}

// A line that is only a year or a range of years ("2010", "2008–2009
// годы", "2021 год"): in a chronology, a section heading.
bool IsYearOnlyLine(absl::string_view line) {
  const std::optional<DateMention> date = DateAloneOnLine(line);
  return date.has_value() && !date->date.month;
}

// The day of a line that is only a day with its month and year ("14
// августа 2025 года", "3 May 2022").
std::optional<SimpleDate> DayAloneOnLine(absl::string_view line) {
  const std::optional<DateMention> date = DateAloneOnLine(line);
  if (!date.has_value() || !date->date.day || date->end_date.known()) return std::nullopt;
  return date->date;
}

// True when paragraph `p` is a year heading with another year heading
// under it: the first section of a chronology laid out by years, whose
// years are no period of the whole report.
bool OpensYearSections(absl::string_view body, const std::vector<Paragraph>& paragraphs, size_t p) {
  auto year_only = [&](size_t i) {
    return paragraphs[i].span.size() < 40 && IsYearOnlyLine(body.substr(paragraphs[i].span.begin, paragraphs[i].span.size()));
  };
  if (!year_only(p)) return false;
  for (size_t i = p + 1; i < paragraphs.size(); ++i) {
    if (year_only(i)) return true;
  }
  return false;
}

// A month and year alone on a line ("Март 2023 г.", "March 2023"): under
// a title, the month a review was written in.
bool ParseMonthLine(absl::string_view line, SimpleDate* month) {
  line = absl::StripAsciiWhitespace(line);
  const std::vector<Token> toks = Tokenize(line, 0, line.size());
  if (toks.empty() || toks.size() > 5) return false;
  const std::vector<DateMention> dates = FindDates(toks);
  if (dates.size() != 1) return false;
  const DateMention& d = dates[0];
  if (d.kind != DateKind::kAbsolute || !d.date.year || !d.date.month || d.date.day || d.end_date.known() ||
      d.needs_year || d.first_token != 0) {
    return false;
  }
  for (size_t k = d.end_token; k < toks.size(); ++k) {
    if (!LowerIs(toks[k], ".") && !LowerIs(toks[k], "\xD0\xB3") && !LowerIs(toks[k], "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0")) {
      return false;
    }
  }
  *month = d.date;
  return true;
}

}  // namespace

// A first line that holds only a rubric and a date ("Новости · 10 апреля
// 2021", "NEWS | 3 May 2022", "12.03.2021"): news pages set the date of
// publication in a kicker above the headline. At most three words besides
// the date, and no sentence.
bool ParseKickerLine(absl::string_view line, SimpleDate* published) {
  line = absl::StripAsciiWhitespace(line);
  if (line.empty() || line.back() == '.') return false;
  const std::vector<Token> toks = Tokenize(line, 0, line.size());
  if (toks.empty() || toks.size() > 12) return false;
  const std::vector<DateMention> dates = FindDates(toks);
  // A range ("Хроника преследований: 4–10 декабря 2023 года") is the
  // period a title names, not the day of publication.
  if (dates.size() != 1 || dates[0].kind != DateKind::kAbsolute || !dates[0].date.year ||
      !dates[0].date.month || dates[0].end_date.known()) {
    return false;
  }
  // A site's posting time before or after the date ("17:42, 18 мая 2016",
  // "06.10.2022 14:37").
  if (const std::optional<SimpleDate> posted = PostingLineDate(toks); posted.has_value()) {
    *published = *posted;
    return true;
  }
  int words = 0;
  for (size_t k = 0; k < toks.size(); ++k) {
    if (k >= dates[0].first_token && k < dates[0].end_token) continue;
    if (toks[k].kind == TokenKind::kWord) ++words;
    if (toks[k].kind == TokenKind::kNumber) return false;
  }
  if (words > 3) return false;
  *published = dates[0].date;
  return true;
}

bool ParseCoverage(absl::string_view sentence, SimpleDate* start, SimpleDate* end) {
  const std::vector<Token> toks = Tokenize(sentence, 0, sentence.size());
  if (!HasCoverageWord(toks)) return false;
  for (const DateMention& m : FindDates(toks)) {
    if (m.end_date.year && m.date.year) {
      *start = m.date;
      *end = m.end_date;
      return true;
    }
  }
  return false;
}

bool ParseYearUnderReview(absl::string_view line, SimpleDate* start, SimpleDate* end) {
  line = absl::StripAsciiWhitespace(line);
  // A title or subtitle is short and no sentence.
  if (line.empty() || line.back() == '.') return false;
  const std::vector<Token> toks = Tokenize(line, 0, line.size());
  if (toks.size() > 16) {
    // A long title read by its subtitle, after the last colon or dash
    // ("Submission to the UN Special Rapporteur on ...: Persecution of
    // dissent in Perm Krai in 2023").
    for (size_t k = toks.size(); k-- > 0;) {
      if (toks[k].kind == TokenKind::kPunct && (toks[k].lower == ":" || toks[k].lower == "\xE2\x80\x93" ||
                                                toks[k].lower == "\xE2\x80\x94")) {
        return k + 1 < toks.size() && ParseYearUnderReview(line.substr(toks[k].end), start, end);
      }
    }
    return false;
  }
  for (size_t k = 0; k < toks.size(); ++k) {
    const Token& t = toks[k];
    if (t.kind != TokenKind::kNumber || t.digits != 4 || t.value < 1900 || t.value > 2100) continue;
    auto word = [&](size_t i, absl::string_view w) { return i < toks.size() && LowerIs(toks[i], w); };
    const bool english = (k >= 2 && word(k - 2, "events") && (word(k - 1, "of") || word(k - 1, "in"))) ||
                         (word(k + 1, "in") && word(k + 2, "review")) ||
                         (k >= 1 && (word(k - 1, "covering") || word(k - 1, "covers"))) ||
                         (k >= 2 && word(k - 2, "report") && word(k - 1, "for"));
    const bool russian = (k >= 1 && (word(k - 1, "за") || word(k - 1, "события") || word(k - 1, "итоги"))) &&
                         (word(k + 1, "год") || word(k + 1, "года"));
    // A title that closes on the year its subject happened in ("Shrinking
    // space for journalists in 2019", "Давление на НКО в 2021 году").
    const size_t after_year = k + 1 + (word(k + 1, "году") ? 1 : 0);
    const bool closing = k >= 1 && after_year == toks.size() &&
                         (word(k - 1, "in") || word(k - 1, "during") || word(k - 1, "throughout") ||
                          (word(k - 1, "в") && word(k + 1, "году")));
    if (english || russian || closing) {
      *start = {t.value, 0, 0};
      *end = {t.value, 0, 0};
      return true;
    }
  }
  return false;
}

bool ParseMonthUnderReview(absl::string_view line, SimpleDate* month) {
  line = absl::StripAsciiWhitespace(line);
  if (line.empty() || line.back() == '.') return false;
  const std::vector<Token> toks = Tokenize(line, 0, line.size());
  if (toks.size() > 16) return false;
  const std::vector<DateMention> dates = FindDates(toks);
  if (dates.size() != 1) return false;
  const DateMention& d = dates[0];
  if (d.kind != DateKind::kAbsolute || !d.date.year || !d.date.month || d.date.day || d.end_date.known() ||
      d.end_token != toks.size()) {
    return false;
  }
  // "Human rights in Belarus: April 2024", "Обзор-хроника ... . Октябрь 2022
  // года": the month set off after the subject.
  static const WordSet kBefore = {":", "–", "—", "-", ".", "for", "за", "in", "during", "throughout", "в"};
  // (A month alone on its line is more often when the text was written.)
  if (d.first_token == 0 || !kBefore.contains(toks[d.first_token - 1].lower)) return false;
  *month = d.date;
  return true;
}

namespace {

// The title: the first non-empty line of `body`, or the one under a
// kicker that gives the publication date.
void ReadTitle(absl::string_view body, ReportMetadata* md) {
  size_t line_start = 0;
  bool kicker = false;
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    const size_t begin = line_start;
    line_start += line.size() + 1;
    absl::string_view stripped = absl::StripAsciiWhitespace(line);
    if (stripped.empty()) continue;
    SimpleDate date;
    if (!kicker && md->title.empty() && ParseKickerLine(stripped, &date)) {
      kicker = true;
      md->published_date = date;
      md->publication_line = Span{begin, begin + line.size()};
      md->metadata_sentences.push_back(md->publication_line);
      continue;
    }
    md->title = std::string(stripped);
    break;
  }
}

// What header paragraph `p` says of the report: coverage, publishers, the
// publication line and the dateline. `title_has_range`: the title names a
// period, so a month under it is no period.
void ReadHeaderParagraph(absl::string_view body, const std::vector<Paragraph>& paragraphs, size_t p,
                         bool title_has_range, ReportMetadata* md) {
  // A subtitle ("Monitoring update covering 1 January to 30 June 2023")
  // is split as a heading, with no sentences: it is read whole.
  const std::vector<Span> whole = {paragraphs[p].span};
  const std::vector<Span>& pieces = paragraphs[p].sentences.empty() ? whole : paragraphs[p].sentences;
  for (const Span& s : pieces) {
    absl::string_view text = body.substr(s.begin, s.size());
    bool meta = false;
    if (!md->coverage_start.known() && ParseCoverage(text, &md->coverage_start, &md->coverage_end)) {
      meta = true;
    }
    if (!md->coverage_start.known() && !OpensYearSections(body, paragraphs, p)) {
      // The title or a subtitle line: "Events of 2024", "Январь – июнь
      // 2023 года" (a period alone on its line, no sentence).
      for (absl::string_view line : absl::StrSplit(text, '\n')) {
        if (ParseYearUnderReview(line, &md->coverage_start, &md->coverage_end)) break;
        if (ParsePeriodLine(line, &md->coverage_start, &md->coverage_end)) break;
        line = absl::StripAsciiWhitespace(line);
        if (!title_has_range && ParseMonthUnderReview(line, &md->coverage_start)) {
          md->coverage_end = md->coverage_start;
          break;
        }
      }
    }
    if (md->publishers.empty()) {
      md->publishers = ParsePublishers(text);
      meta |= !md->publishers.empty();
    }
    if (meta) md->metadata_sentences.push_back(s);
  }
  // "Published 15 April 2024", "Status: released | Last updated: 12 May
  // 2020": a line near the top (the whole line is page furniture, not
  // story).
  const std::vector<Span> lines = LinesOf(body, paragraphs[p].span);
  for (const Span& line : lines) {
    if (md->publication_line.size() > 0) break;
    SimpleDate date;
    if (FindPublicationDate(Tokenize(body, line.begin, line.end), &date)) {
      md->publication_line = line;
      md->metadata_sentences.push_back(line);
      if (!md->published_date.known()) md->published_date = date;
    }
  }
  // "Prepared by the secretariat. Published 24 January 2022.": a short
  // sentence of a header paragraph that opens with the word.
  for (const Span& sentence : paragraphs[p].sentences) {
    if (md->publication_line.size() > 0) break;
    const std::vector<Token> toks = Tokenize(body, sentence.begin, sentence.end);
    SimpleDate date;
    if (toks.size() <= 12 && !toks.empty() && IsPublicationWord(toks, 0) && FindPublicationDate(toks, &date)) {
      md->publication_line = sentence;
      md->metadata_sentences.push_back(sentence);
      if (!md->published_date.known()) md->published_date = date;
    }
  }
  // A dateline opens a line: "Paris / Geneva, December 21, 2022 – ", or
  // stands on a line of its own, under the title or a publisher's name.
  for (size_t l = 0; l < lines.size(); ++l) {
    if (md->dateline.size() > 0) break;
    const Span& line = lines[l];
    // The first line of the text is its title. The date closing a short
    // paragraph of bylines is the date of writing.
    // A date alone beside the author's or publisher's lines, above or
    // below them ("16.07.2021" over "Deutsche Welle"), in a paragraph of
    // its own.
    bool under_byline = lines.size() >= 2 && lines.size() <= 4;
    for (size_t b = 0; under_byline && b < lines.size(); ++b) {
      under_byline = b == l || IsBylineLine(body, lines[b]);
    }
    if (p > 0 || line.begin > paragraphs[0].span.begin) {
      FindDatelineAt(body, line.begin, line.end, under_byline, &md->dateline, &md->published_date);
    }
  }
}

// The year of "Annual Report 2020" in `toks`, or 0.
int AnnualReportYear(const std::vector<Token>& toks) {
  for (size_t k = 2; k < toks.size(); ++k) {
    if (toks[k].kind == TokenKind::kNumber && toks[k].digits == 4 && LowerIs(toks[k - 1], "report") &&
        LowerIs(toks[k - 2], "annual")) {
      return toks[k].value;
    }
  }
  return 0;
}

// The date of writing from outside the header, when the header gave none:
// a month under the title, a date in the footer.
void ReadDateOfWritingOutsideHeader(absl::string_view body, const std::vector<Paragraph>& paragraphs,
                                    ReportMetadata* md) {
  // "Обзор-хроника нарушений\nМарт 2023 г.": a month alone on the last
  // line of the title's or the subtitle's paragraph dates the writing to
  // that month (over a chronology's entry, such a line has text under it).
  for (size_t p = 0; p < paragraphs.size() && p < 2 && !md->published_date.known(); ++p) {
    const std::vector<Span> lines = LinesOf(body, paragraphs[p].span);
    for (const Span& line : lines) {
      SimpleDate month;
      if (&line == &lines.back() && (p > 0 || line.begin > paragraphs[0].span.begin) &&
          ParseMonthLine(body.substr(line.begin, line.size()), &month)) {
        md->published_date = month;
        if (md->publication_line.size() == 0) md->publication_line = line;
        break;
      }
    }
  }
  // "Заявление ... о признании политическими заключёнными\n\n14 августа
  // 2025 года\n\nМы, ...": a day alone under the title dates a statement,
  // unless the text goes on in days alone on their lines, as a chronology
  // does (its first heading dates the entry under it). A statement goes on
  // for several paragraphs; a day over one paragraph stays its heading.
  constexpr size_t kStatementParagraphs = 2;
  if (!md->published_date.known() && paragraphs.size() >= 2 + kStatementParagraphs &&
      paragraphs[1].span.size() < 40) {
    const Span& line = paragraphs[1].span;
    bool chronology = false;
    for (size_t p = 2; p < paragraphs.size() && !chronology; ++p) {
      chronology = paragraphs[p].span.size() < 40 &&
                   DayAloneOnLine(body.substr(paragraphs[p].span.begin, paragraphs[p].span.size())).has_value();
    }
    const std::optional<SimpleDate> day = DayAloneOnLine(body.substr(line.begin, line.size()));
    if (!chronology && day.has_value()) {
      md->published_date = *day;
      md->publication_line = line;
      md->metadata_sentences.push_back(line);
    }
  }
  // "Annual Report 2020": an annual report names the year it covers or the
  // year it was published in the next, so the text was written no later
  // than that year.
  for (size_t p = 0; p < paragraphs.size() && p < 2 && !md->published_date.known(); ++p) {
    for (const Span& line : LinesOf(body, paragraphs[p].span)) {
      if (const int year = AnnualReportYear(Tokenize(body, line.begin, line.end)); year != 0) {
        md->published_date = {year, 0, 0};
        break;
      }
    }
  }
  // An appeal or a press release gives its date in the footer ("Further
  // information on UA: 156/17 ... Issue Date: 19 July 2017").
  for (size_t p = paragraphs.size() > kFooterParagraphs ? paragraphs.size() - kFooterParagraphs : 0;
       p < paragraphs.size() && !md->published_date.known(); ++p) {
    for (const Span& line : LinesOf(body, paragraphs[p].span)) {
      SimpleDate date;
      if (FindPublicationDate(Tokenize(body, line.begin, line.end), &date)) {
        md->published_date = date;
        if (md->publication_line.size() == 0) {
          md->publication_line = line;
          md->metadata_sentences.push_back(line);
        }
        break;
      }
    }
  }
}

// "Кишинёв, 15 июля 2016 г.", "Bishkek, 3 May 2022. Contact: ...", a day
// alone on the last line: a place and a date closing the text are where
// and when it was signed, no story. The line is the dateline, or goes on
// only briefly (a contact).
void ReadClosingDateline(absl::string_view body, const std::vector<Paragraph>& paragraphs, ReportMetadata* md) {
  constexpr size_t kMaxAfter = 80;
  for (size_t p = paragraphs.size() > kFooterParagraphs ? paragraphs.size() - kFooterParagraphs : 0;
       p < paragraphs.size(); ++p) {
    if (p < kFooterParagraphs) continue;  // a short text's opening dateline
    for (const Span& line : LinesOf(body, paragraphs[p].span)) {
      Span dateline;
      SimpleDate date;
      FindDatelineAt(body, line.begin, line.end, /*under_byline=*/false, &dateline, &date);
      // A day alone on the text's last line: the day it was signed.
      const std::optional<SimpleDate> day = DayAloneOnLine(body.substr(line.begin, line.size()));
      if (dateline.size() == 0 && p + 1 == paragraphs.size() && line.end == paragraphs[p].span.end &&
          day.has_value()) {
        dateline = line;
        date = *day;
      }
      if (dateline.size() == 0 || line.end - dateline.end > kMaxAfter) continue;
      md->metadata_sentences.push_back(dateline);
      if (!md->published_date.known()) md->published_date = date;
    }
  }
}

// The latest year a date of `body` is written with (0 for none).
int LatestYearWritten(absl::string_view body) {
  int latest = 0;
  for (const DateMention& m : FindDates(Tokenize(body, 0, body.size()))) {
    if (m.kind == DateKind::kAbsolute && m.date.year > latest) latest = m.date.year;
  }
  return latest;
}

// "КИШИНЕВ, 19 ноября. /Корр./. Полиция Кишинева в понедельник ...": a
// wire's dateline opening the text under its title, with nothing above to
// give the year. It is the date of writing all the same (the story's
// "on Monday" counts back from it), in the latest year the text writes:
// a news item tells of its own year and the years before.
void ReadWireDatelineAlone(absl::string_view body, const std::vector<Paragraph>& paragraphs, ReportMetadata* md) {
  for (size_t p = 1; p < paragraphs.size() && p < kHeaderParagraphs; ++p) {
    if (paragraphs[p].is_heading || paragraphs[p].sentences.empty()) continue;
    SimpleDate day;
    const std::optional<Span> dateline =
        WireDatelineAt(body, paragraphs[p].span.begin, paragraphs[p].span.end, /*place_in_capitals=*/true, &day);
    if (!dateline.has_value()) return;
    md->dateline = *dateline;
    day.year = LatestYearWritten(body);
    if (day.year != 0) md->published_date = day;
    return;
  }
}

// "20.01.2014 13:42" over "КИЕВ, 20 января. Не менее 32 человек ...":
// under a posting line, the first paragraph of text may open with a wire's
// dateline that leaves out the year. It is a dateline too, and its date
// no act's.
void ReadYearlessDateline(absl::string_view body, const std::vector<Paragraph>& paragraphs,
                          ReportMetadata* md) {
  if (!md->published_date.known()) {
    ReadWireDatelineAlone(body, paragraphs, md);
    return;
  }
  if (!md->published_date.day) return;
  for (size_t p = 0; p < paragraphs.size() && p < kHeaderParagraphs; ++p) {
    if (paragraphs[p].is_heading || paragraphs[p].sentences.empty()) continue;
    const Span& text = paragraphs[p].span;
    auto starts_in = [&text](const Span& s) { return s.size() > 0 && text.begin >= s.begin && text.begin < s.end; };
    if (starts_in(md->dateline) || starts_in(md->publication_line)) continue;
    const std::optional<Span> dateline = YearlessDatelineAt(body, text.begin, text.end, md->published_date);
    if (!dateline.has_value()) return;
    if (md->dateline.size() > 0) {
      if (md->publication_line.size() > 0) return;
      md->publication_line = md->dateline;
    }
    md->dateline = *dateline;
    return;
  }
}

}  // namespace

ReportMetadata ReadReportMetadata(absl::string_view body, const std::vector<Paragraph>& paragraphs) {
  ReportMetadata md;
  ReadTitle(body, &md);
  md.language = DetectLanguage(body);
  // A range in the title ("July–September 2022") is the period, should
  // nothing nearer the text name it; a month under it is then no period.
  SimpleDate title_start, title_end;
  const bool title_has_range = ParseTitleRange(md.title, &title_start, &title_end);
  for (size_t p = 0; p < paragraphs.size() && p < kHeaderParagraphs; ++p) {
    ReadHeaderParagraph(body, paragraphs, p, title_has_range, &md);
  }
  ReadYearlessDateline(body, paragraphs, &md);
  ReadDateOfWritingOutsideHeader(body, paragraphs, &md);
  ReadClosingDateline(body, paragraphs, &md);
  if (!md.coverage_start.known() && title_has_range) {
    md.coverage_start = title_start;
    md.coverage_end = title_end;
  }
  // "... в Беларуси. Май 2021 г.": the title ends on its month with the
  // year abbreviated (г., года), whose full stop ends no sentence.
  absl::string_view title = md.title;
  if (!md.coverage_start.known() && absl::EndsWith(title, "\xD0\xB3.")) {
    title.remove_suffix(1);  // the full stop
    if (ParseMonthUnderReview(title, &md.coverage_start)) md.coverage_end = md.coverage_start;
  }
  return md;
}

}  // namespace civicwatch::normalize
