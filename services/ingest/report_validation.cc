#include "services/ingest/report_validation.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/country_codes.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"
#include "services/text/utf8.h"

namespace civicwatch::ingest {
namespace {

// Text fields hold UTF-8 without NUL bytes: a NUL in a report means binary
// data or text in another encoding (UTF-16), never part of a report.
absl::Status CheckUtf8(absl::string_view text, const std::string& field) {
  size_t at = 0;
  if (!text::IsValidUtf8(text, &at)) {
    return InvalidFieldError(field, absl::StrCat("is not valid UTF-8 (first bad byte at offset ",
                                                 at, "); send the text as UTF-8"));
  }
  if (size_t nul = text.find('\0'); nul != absl::string_view::npos) {
    return InvalidFieldError(field, absl::StrCat("contains a NUL byte at offset ", nul,
                                                 "; send the text as UTF-8"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateReport(const v1::Report& report, absl::string_view prefix) {
  auto field = [&](absl::string_view name) { return absl::StrCat(prefix, ".", name); };
  if (report.body().size() > kMaxReportBodyBytes) {
    return TooLargeError(field("body"), "4 MiB (4194304 bytes)");
  }
  if (absl::StripAsciiWhitespace(report.body()).empty()) {
    return InvalidFieldError(field("body"), "must contain the report's text");
  }
  if (absl::Status s = CheckUtf8(report.body(), field("body")); !s.ok()) return s;
  if (absl::Status s = CheckUtf8(report.title(), field("title")); !s.ok()) return s;
  if (absl::Status s = CheckUtf8(report.source_uri(), field("source_uri")); !s.ok()) return s;
  if (absl::Status s = CheckUtf8(report.language(), field("language")); !s.ok()) return s;
  for (int i = 0; i < report.publishers_size(); ++i) {
    if (absl::Status s = CheckUtf8(report.publishers(i), field(absl::StrCat("publishers[", i, "]")));
        !s.ok()) {
      return s;
    }
  }
  if (!report.country_code().empty()) {
    if (absl::Status s = CheckCountryCode(report.country_code(), field("country_code")); !s.ok()) {
      return s;
    }
  }
  for (auto [date, name] : {std::pair{&report.coverage_start(), "coverage_start"},
                            std::pair{&report.coverage_end(), "coverage_end"},
                            std::pair{&report.published_date(), "published_date"}}) {
    if (absl::Status s = ValidatePartialDate(*date, field(name)); !s.ok()) return s;
  }
  if (report.coverage_start().year() != 0 && report.coverage_end().year() != 0 &&
      LastDayOf(report.coverage_end()) < FirstDayOf(report.coverage_start())) {
    return InvalidFieldError(field("coverage_end"), "must not be before coverage_start");
  }
  if (!v1::Confidentiality_IsValid(report.confidentiality())) {
    return InvalidFieldError(field("confidentiality"), "is not a known Confidentiality value");
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::ingest
