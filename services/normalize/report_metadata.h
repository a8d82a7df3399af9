// Report-level metadata read from the text: title, coverage period,
// publication date, with the country and language (report_country.h), the
// publishers (report_publishers.h) and section headings
// (section_headings.h).
#ifndef CIVICWATCH_SERVICES_NORMALIZE_REPORT_METADATA_H_
#define CIVICWATCH_SERVICES_NORMALIZE_REPORT_METADATA_H_

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "civicwatch/v1/types.pb.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/gazetteer.h"
#include "services/normalize/report_country.h"
#include "services/normalize/report_publishers.h"
#include "services/normalize/section_headings.h"
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

// The coverage period stated in `sentence`, if it is a coverage sentence
// ("This update covers events from 15th August to 15th December 2018",
// "охватывает период с ... по ...").
bool ParseCoverage(absl::string_view sentence, SimpleDate* start, SimpleDate* end);

// The year a report reviews, from a short title or subtitle line ("Events
// of 2024", "2023 in review", "annual report covering 2020", "report for
// 2021", "Итоги 2022 года", "за 2021 год"; a long title by its subtitle
// after the last colon or dash): both ends of the coverage are that year.
bool ParseYearUnderReview(absl::string_view line, SimpleDate* start, SimpleDate* end);

// The month a report reviews, from a short title or subtitle line ending
// in it after a colon, a dash, "for" or "за" ("Human rights situation in
// Belarus: April 2024", "Обзор за апрель 2024 года"): both ends of the
// coverage are that month.
bool ParseMonthUnderReview(absl::string_view line, SimpleDate* month);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_REPORT_METADATA_H_
