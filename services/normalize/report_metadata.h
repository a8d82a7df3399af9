// Report-level metadata read from the text: title, country, coverage
// period, publishers, language, publication date, and section headings.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_REPORT_METADATA_H_
#define CIVICWATCH_SERVICES_NORMALIZE_REPORT_METADATA_H_

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "civicwatch/v1/types.pb.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/text_segmentation.h"

namespace civicwatch::normalize {

struct ReportMetadata {
  std::string title;         // the first line
  std::string country_code;  // "" when no country is named
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
};

// Reads the metadata of `body` split into `paragraphs`.
ReportMetadata ReadReportMetadata(absl::string_view body, const std::vector<Paragraph>& paragraphs);

// The report's country: the country named most often (the title counts
// five times; cities count for their country, adjectives half).
std::string DetectCountry(absl::string_view title, absl::string_view body);

// "ru" when most letters are Cyrillic, else "en".
std::string DetectLanguage(absl::string_view body);

// The coverage period stated in `sentence`, if it is a coverage sentence
// ("This update covers events from 15th August to 15th December 2018",
// "охватывает период с ... по ...").
bool ParseCoverage(absl::string_view sentence, SimpleDate* start, SimpleDate* end);

// Publishers named in `sentence` after "prepared by" / "подготовлен":
// "prepared by A and B (ACR) within ..." -> {"A", "B"}.
std::vector<std::string> ParsePublishers(absl::string_view sentence);

// When `heading` is a section heading, sets *freedom (UNSPECIFIED for
// "Introduction" and the like) and returns true.
bool SectionHeadingFreedom(absl::string_view heading, v1::Freedom* freedom);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_REPORT_METADATA_H_
