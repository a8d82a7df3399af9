// Report-level metadata read from the text: title, country, coverage
// period, publishers, language, publication date, and section headings.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_REPORT_METADATA_H_
#define CIVICWATCH_SERVICES_NORMALIZE_REPORT_METADATA_H_

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "civicwatch/v1/types.pb.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/gazetteer.h"
#include "services/normalize/text_segmentation.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {

struct ReportMetadata {
  std::string title;         // the first line, or the one under a kicker (ParseKickerLine)
  // Not set by ReadReportMetadata: the country needs every token of the
  // body, so the caller tallies it (CountryTally) while it reads the
  // sentences anyway, instead of tokenising the body a second time.
  std::string country_code;
  SimpleDate coverage_start;
  SimpleDate coverage_end;
  std::vector<std::string> publishers;
  std::string language;      // "en" or "ru"
  SimpleDate published_date;  // from a dateline ("Paris, December 21, 2022 –")
  // Sentences that state the metadata ("This update covers events from
  // ... and was prepared by ..."); they are not incidents.
  std::vector<Span> metadata_sentences;
  // A dateline at the start of a paragraph; its date is not an event's.
  Span dateline;
  // A line giving the publication date ("Published 15 April 2024",
  // "Опубликовано: 3 марта 2023"); its date is not an event's either.
  Span publication_line;
};

// True when `line` is a kicker above a headline: a rubric of at most three
// words and one date with its year ("Новости · 10 апреля 2021", "NEWS | 3
// May 2022"); the date is the publication date.
bool ParseKickerLine(absl::string_view line, SimpleDate* published);

// Reads the metadata of `body` split into `paragraphs`. The coverage period
// comes from a sentence near the top that names it ("This update covers
// ...", "за период с ... по ...") or, failing that, from a range of dates
// with years in the title ("Kazakhstan: October 2023 to March 2024").
ReportMetadata ReadReportMetadata(absl::string_view body, const std::vector<Paragraph>& paragraphs);

// Counts the places named in a text, piece by piece, to find the report's
// country: the country named most often (the title counts five times;
// cities count for their country, adjectives half; ties go to the country
// named first). Memory is one counter per country, whatever the text's size.
class CountryTally {
 public:
  // Counts the places in `tokens` (one sentence, line or paragraph),
  // each `weight` times.
  void Add(const std::vector<Token>& tokens, int weight = 1);
  // Counts one place already found (MatchPlace) `weight` times.
  void AddPlace(const PlaceMatch& place, int weight = 1);
  // The country with the highest count, "" when none was named.
  std::string Best() const;

 private:
  std::vector<std::pair<std::string, int>> scores_;  // in half points, first-named first
};

// The country of a report with this title and body (CountryTally over the
// title and then the body, line by line).
std::string DetectCountry(absl::string_view title, absl::string_view body);

// "ru" when most letters are Cyrillic, else "en". `body` is valid UTF-8.
std::string DetectLanguage(absl::string_view body);

// The coverage period stated in `sentence`, if it is a coverage sentence
// ("This update covers events from 15th August to 15th December 2018",
// "охватывает период с ... по ...").
bool ParseCoverage(absl::string_view sentence, SimpleDate* start, SimpleDate* end);

// The year a report reviews, from a short title or subtitle line ("Events
// of 2024", "2023 in review", "annual report covering 2020", "report for
// 2021", "Итоги 2022 года", "за 2021 год"): both ends
// of the coverage are that year.
bool ParseYearUnderReview(absl::string_view line, SimpleDate* start, SimpleDate* end);

// The month a report reviews, from a short title or subtitle line ending
// in it after a colon, a dash, "for" or "за" ("Human rights situation in
// Belarus: April 2024", "Обзор за апрель 2024 года"): both ends of the
// coverage are that month.
bool ParseMonthUnderReview(absl::string_view line, SimpleDate* month);

// Publishers named in `sentence` after "prepared by" / "подготовлен":
// "prepared by A and B (ACR) within ..." -> {"A", "B"}.
std::vector<std::string> ParsePublishers(absl::string_view sentence);

// When `heading` is a section heading, sets *freedom (UNSPECIFIED for
// "Introduction" and the like) and returns true.
bool SectionHeadingFreedom(absl::string_view heading, v1::Freedom* freedom);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_REPORT_METADATA_H_
