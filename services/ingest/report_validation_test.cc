#include "services/ingest/report_validation.h"

#include <string>

#include "gtest/gtest.h"
#include "services/common/errors.h"

namespace civicwatch::ingest {
namespace {

v1::Report Good() {
  v1::Report r;
  r.set_body("Kyrgyzstan: an update\n\nOn 7th September 2018 activists were filmed.");
  return r;
}

std::string FieldOf(const absl::Status& s) {
  auto v = FieldViolationsOf(s);
  return v.empty() ? "" : v[0].first;
}

TEST(ReportValidationTest, AcceptsAPlainReport) {
  EXPECT_TRUE(ValidateReport(Good(), "report").ok());
}

TEST(ReportValidationTest, RejectsEachBadFieldByName) {
  struct Case {
    const char* name;
    void (*mutate)(v1::Report&);
    absl::StatusCode code;
    const char* field;
  };
  const Case cases[] = {
      {"empty body", [](v1::Report& r) { r.clear_body(); }, absl::StatusCode::kInvalidArgument,
       "report.body"},
      {"blank body", [](v1::Report& r) { r.set_body(" \n\t "); },
       absl::StatusCode::kInvalidArgument, "report.body"},
      {"bad utf8", [](v1::Report& r) { r.set_body("abc \xff\xfe"); },
       absl::StatusCode::kInvalidArgument, "report.body"},
      {"NUL byte in body", [](v1::Report& r) { r.set_body(std::string("abc\0def", 7)); },
       absl::StatusCode::kInvalidArgument, "report.body"},
      {"NUL byte in a publisher",
       [](v1::Report& r) {
         r.add_publishers("IPHR");
         r.add_publishers(std::string("A\0", 2));
       },
       absl::StatusCode::kInvalidArgument, "report.publishers[1]"},
      {"too large", [](v1::Report& r) { r.set_body(std::string(kMaxReportBodyBytes + 1, 'a')); },
       absl::StatusCode::kResourceExhausted, "report.body"},
      {"unknown country", [](v1::Report& r) { r.set_country_code("XX"); },
       absl::StatusCode::kInvalidArgument, "report.country_code"},
      {"lower-case country", [](v1::Report& r) { r.set_country_code("kg"); },
       absl::StatusCode::kInvalidArgument, "report.country_code"},
      {"month 13", [](v1::Report& r) { r.mutable_coverage_start()->set_year(2018);
                                       r.mutable_coverage_start()->set_month(13); },
       absl::StatusCode::kInvalidArgument, "report.coverage_start.month"},
      {"end before start",
       [](v1::Report& r) {
         r.mutable_coverage_start()->set_year(2019);
         r.mutable_coverage_end()->set_year(2018);
       },
       absl::StatusCode::kInvalidArgument, "report.coverage_end"},
      {"unknown confidentiality",
       [](v1::Report& r) { r.set_confidentiality(static_cast<v1::Confidentiality>(42)); },
       absl::StatusCode::kInvalidArgument, "report.confidentiality"},
  };
  for (const Case& c : cases) {
    v1::Report r = Good();
    c.mutate(r);
    absl::Status s = ValidateReport(r, "report");
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s;
    EXPECT_EQ(FieldOf(s), c.field) << c.name;
  }
}

}  // namespace
}  // namespace civicwatch::ingest
