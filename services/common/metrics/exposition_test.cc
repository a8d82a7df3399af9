#include "services/common/metrics/exposition.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "services/common/metrics/metric_types.h"
#include "services/common/metrics/registry.h"

namespace civicwatch::metrics {
namespace {

TEST(ExpositionTest, HelpAndTypeLinesThenSamples) {
  Exposition out;
  out.Family("jobs_total", "counter", "Jobs done.");
  out.Sample("jobs_total", {{"queue", "a"}}, 3);
  out.Sample("jobs_total", {}, 0);
  EXPECT_EQ(out.text(),
            "# HELP jobs_total Jobs done.\n"
            "# TYPE jobs_total counter\n"
            "jobs_total{queue=\"a\"} 3\n"
            "jobs_total 0\n");
}

TEST(ExpositionTest, EscapesLabelValuesAndHelp) {
  Exposition out;
  out.Family("x", "gauge", "back\\slash and\nnewline \"quotes\" kept");
  out.Sample("x", {{"path", "C:\\dir\n\"q\""}, {"b", "ok"}}, 1.5);
  EXPECT_EQ(out.text(),
            "# HELP x back\\\\slash and\\nnewline \"quotes\" kept\n"
            "# TYPE x gauge\n"
            "x{path=\"C:\\\\dir\\n\\\"q\\\"\",b=\"ok\"} 1.5\n");
}

TEST(ExpositionTest, SpecialValues) {
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
  EXPECT_EQ(FormatValue(12345678901.0), "12345678901");
  EXPECT_EQ(FormatValue(0.25), "0.25");
  EXPECT_EQ(FormatValue(0.1), "0.1");
  EXPECT_EQ(FormatValue(0.0005), "0.0005");
  EXPECT_EQ(FormatValue(-2), "-2");
}

TEST(ExpositionTest, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Histogram h({0.5, 1, 10});
  h.Observe(0.25);
  h.Observe(0.5);  // upper bounds are inclusive
  h.Observe(2);
  h.Observe(100);
  Exposition out;
  out.HistogramSamples("lat_seconds", {{"m", "Get"}}, h);
  EXPECT_EQ(out.text(),
            "lat_seconds_bucket{m=\"Get\",le=\"0.5\"} 2\n"
            "lat_seconds_bucket{m=\"Get\",le=\"1\"} 2\n"
            "lat_seconds_bucket{m=\"Get\",le=\"10\"} 3\n"
            "lat_seconds_bucket{m=\"Get\",le=\"+Inf\"} 4\n"
            "lat_seconds_sum{m=\"Get\"} 102.75\n"
            "lat_seconds_count{m=\"Get\"} 4\n");
  EXPECT_EQ(h.Count(), 4u);
}

TEST(ExpositionTest, EmptyHistogramHasZeroBuckets) {
  Histogram h(LatencyBuckets());
  Exposition out;
  out.HistogramSamples("h", {}, h);
  EXPECT_THAT(out.text(), ::testing::HasSubstr("h_bucket{le=\"+Inf\"} 0\nh_sum 0\nh_count 0\n"));
}

TEST(RegistryTest, RunsCollectorsInOrder) {
  Registry registry;
  Counter c;
  c.Increment(2);
  registry.Add([&](Exposition& out) {
    out.Family("a_total", "counter", "A.");
    out.Sample("a_total", {}, c.Value());
  });
  registry.Add([](Exposition& out) {
    out.Family("b", "gauge", "B.");
    out.Sample("b", {}, 7);
  });
  EXPECT_EQ(registry.Scrape(),
            "# HELP a_total A.\n# TYPE a_total counter\na_total 2\n"
            "# HELP b B.\n# TYPE b gauge\nb 7\n");
}

}  // namespace
}  // namespace civicwatch::metrics
