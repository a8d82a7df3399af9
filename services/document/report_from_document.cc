#include "services/document/report_from_document.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace civicwatch::document {
namespace {

// The number of `digits` digits at `text[at]`, or -1.
int DigitsAt(const std::string& text, size_t at, size_t digits) {
  if (at + digits > text.size()) return -1;
  int value = 0;
  for (size_t i = at; i < at + digits; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

void SetPublishedDate(const std::string& date, v1::PartialDate* out) {
  int year = DigitsAt(date, 0, 4);
  if (year < 1 || (date.size() > 4 && date[4] != '-')) return;
  int month = date.size() >= 7 ? DigitsAt(date, 5, 2) : 0;
  if (month < 0 || month > 12) return;
  int day = month > 0 && date.size() >= 10 && date[7] == '-' ? DigitsAt(date, 8, 2) : 0;
  if (day < 0 || day > 31) day = 0;
  out->set_year(year);
  out->set_month(month);
  out->set_day(day);
}

}  // namespace

v1::OriginalLocation LocateInOriginal(const ExtractedDocument& doc, size_t offset) {
  v1::OriginalLocation location;
  const SourceSpan* span = SpanAt(doc, offset);
  if (span == nullptr) return location;
  location.set_page(span->page);
  location.set_element_path(span->element_path);
  location.set_start_offset(static_cast<int64_t>(span->original_begin));
  location.set_end_offset(static_cast<int64_t>(span->original_end));
  return location;
}

void LocateEventsInOriginal(const ExtractedDocument& doc, std::vector<v1::Event>& events) {
  for (v1::Event& event : events) {
    for (v1::Provenance& p : *event.mutable_provenance()) {
      *p.mutable_original_location() =
          LocateInOriginal(doc, static_cast<size_t>(std::max<int64_t>(0, p.start_offset())));
    }
  }
}

void FillReportFromDocument(ExtractedDocument&& doc, v1::Report& report) {
  report.set_body(std::move(doc.body));
  if (report.title().empty() && !doc.title.empty()) report.set_title(doc.title);
  if (!report.has_published_date() && !doc.published_date.empty()) {
    v1::PartialDate date;
    SetPublishedDate(doc.published_date, &date);
    if (date.year() > 0) *report.mutable_published_date() = date;
  }
}

}  // namespace civicwatch::document
