#include "services/normalize/report_fields.h"

#include <gtest/gtest.h>

namespace civicwatch::normalize {
namespace {

ReportMetadata SomeMetadata() {
  ReportMetadata md;
  md.title = "Title from the text";
  md.language = "ru";
  md.coverage_start = {2023, 1, 0};
  md.coverage_end = {2023, 6, 0};
  md.publishers = {"Monitor A", "Monitor B"};
  md.published_date = {2023, 7, 14};
  return md;
}

TEST(ReportFieldsTest, EmptyFieldsAreCompletedFromTheText) {
  v1::Report input;
  input.set_body("the body");
  const v1::Report out = CompleteReportFields(input, SomeMetadata());
  EXPECT_EQ(out.title(), "Title from the text");
  EXPECT_EQ(out.language(), "ru");
  EXPECT_EQ(out.coverage_start().year(), 2023);
  EXPECT_EQ(out.coverage_start().month(), 1);
  EXPECT_EQ(out.coverage_end().month(), 6);
  ASSERT_EQ(out.publishers_size(), 2);
  EXPECT_EQ(out.publishers(1), "Monitor B");
  EXPECT_EQ(out.published_date().day(), 14);
  EXPECT_TRUE(out.body().empty()) << "the body stays the caller's";
}

TEST(ReportFieldsTest, TheCallersFieldsWinAndStoreFieldsAreCleared) {
  v1::Report input;
  input.set_body("the body");
  input.set_title("Caller's title");
  input.set_language("en");
  input.add_publishers("Caller");
  input.mutable_coverage_start()->set_year(2020);
  input.set_country_code("KZ");
  input.set_source_uri("https://example.org/a");
  input.set_name("reports/abc");
  input.set_content_hash("deadbeef");
  input.set_event_count(7);
  const v1::Report out = CompleteReportFields(input, SomeMetadata());
  EXPECT_EQ(out.title(), "Caller's title");
  EXPECT_EQ(out.language(), "en");
  ASSERT_EQ(out.publishers_size(), 1);
  EXPECT_EQ(out.coverage_start().year(), 2020);
  EXPECT_EQ(out.country_code(), "KZ");
  EXPECT_EQ(out.source_uri(), "https://example.org/a");
  EXPECT_TRUE(out.name().empty());
  EXPECT_TRUE(out.content_hash().empty());
  EXPECT_EQ(out.event_count(), 0);
}

TEST(ReportFieldsTest, PartialDatesRoundTrip) {
  v1::PartialDate pd;
  SetPartialDate({2019, 11, 0}, &pd);
  EXPECT_EQ(pd.year(), 2019);
  EXPECT_EQ(pd.month(), 11);
  EXPECT_EQ(pd.day(), 0);
  EXPECT_TRUE(FromPartialDate(pd) == (SimpleDate{2019, 11, 0}));
}

}  // namespace
}  // namespace civicwatch::normalize
