// The query replica's maintained counts against the real binaries:
// statistics and totals over every country, answered from the summaries the
// replica keeps with its events, equal group for group to the same
// questions counted from the events themselves, after imports, a report,
// corrections, confirmations, rejections, re-imports and a superseding
// version that deletes an event, and on a replica bootstrapped from
// another.
//
// A filter naming every review state but REJECTED asks for exactly what a
// filter without review states asks for, but no summary answers it (they do
// not know review states), so the replica counts those events one by one.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/versioned_report.h"
#include "tests/support/synthetic_records.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

constexpr const char* kSourceUri = testing::kVersionedReportUri;
constexpr const char* kVersion1 = testing::kReportVersion1;
constexpr const char* kVersion2 = testing::kReportVersion2;

class MaintainedCountsTest : public testing::IngestAndQueryTest {
 protected:
  MaintainedCountsTest() : IngestAndQueryTest("cw-maintained-counts") {}

  static std::optional<v1::ServerInfo> Info(const ServerProcess& server) {
    auto admin = v1::AdminService::NewStub(
        grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ServerInfo info;
    if (!admin->GetServerInfo(&ctx, v1::GetServerInfoRequest(), &info).ok()) return std::nullopt;
    return info;
  }

  // Waits until `replica` (by default the first) has applied everything
  // ingest has written.
  void WaitForReplica(const ServerProcess* replica = nullptr) {
    if (replica == nullptr) replica = query_.get();
    const std::optional<v1::ServerInfo> source = Info(*ingest_);
    ASSERT_TRUE(source.has_value());
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (absl::Now() < deadline) {
      const std::optional<v1::ServerInfo> info = Info(*replica);
      if (info.has_value() && info->applied_sequence() >= source->head_sequence()) return;
      absl::SleepFor(absl::Milliseconds(20));
    }
    FAIL() << "the replica did not catch up within 30 s";
  }

  static absl::StatusOr<v1::ComputeStatisticsResponse> Statistics(
      const ServerProcess& replica, const v1::EventFilter& filter,
      const std::vector<v1::StatisticsDimension>& group_by) {
    auto stub = v1::QueryService::NewStub(
        grpc::CreateChannel(replica.address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ComputeStatisticsRequest request;
    *request.mutable_filter() = filter;
    for (v1::StatisticsDimension d : group_by) request.add_group_by(d);
    v1::ComputeStatisticsResponse response;
    grpc::Status s = stub->ComputeStatistics(&ctx, request, &response);
    if (!s.ok()) return absl::UnknownError(s.error_message());
    return response;
  }

  // The same statistics from the summaries (no review states) of `summaries`
  // (by default the first replica) and from the events of the first replica
  // (every review state but REJECTED); returns the total.
  int64_t ExpectSummariesAgreeWithEvents(const std::string& stage,
                                         const ServerProcess* summaries = nullptr) {
    if (summaries == nullptr) summaries = query_.get();
    WaitForReplica();
    WaitForReplica(summaries);
    v1::EventFilter from_events;
    for (v1::ReviewState s : {v1::REVIEW_STATE_SUGGESTED, v1::REVIEW_STATE_CONFIRMED,
                              v1::REVIEW_STATE_CORRECTED, v1::REVIEW_STATE_CURATED}) {
      from_events.add_review_states(s);
    }
    const std::vector<std::vector<v1::StatisticsDimension>> questions = {
        {v1::STATISTICS_DIMENSION_MONTH, v1::STATISTICS_DIMENSION_CATEGORY},
        {v1::STATISTICS_DIMENSION_YEAR},
        {v1::STATISTICS_DIMENSION_QUARTER, v1::STATISTICS_DIMENSION_CATEGORY},
        {v1::STATISTICS_DIMENSION_CATEGORY},
        {v1::STATISTICS_DIMENSION_COUNTRY, v1::STATISTICS_DIMENSION_MONTH},
    };
    int64_t total = -1;
    for (const auto& group_by : questions) {
      auto summary = Statistics(*summaries, v1::EventFilter(), group_by);
      auto events = Statistics(*query_, from_events, group_by);
      EXPECT_TRUE(summary.ok()) << summary.status();
      EXPECT_TRUE(events.ok()) << events.status();
      if (!summary.ok() || !events.ok()) return -1;
      EXPECT_EQ(summary->SerializeAsString(), events->SerializeAsString())
          << stage << ", grouped by " << group_by.size() << " dimension(s) starting "
          << v1::StatisticsDimension_Name(group_by[0]) << "\nfrom the summaries: "
          << summary->ShortDebugString() << "\nfrom the events: "
          << events->ShortDebugString();
      total = summary->total();
    }
    // ListEvents' total over every country too.
    auto page = ListFirstPage(*summaries, v1::EventFilter());
    auto counted = ListFirstPage(*query_, from_events);
    EXPECT_EQ(page.total_size(), counted.total_size()) << stage;
    EXPECT_FALSE(page.total_size_is_lower_bound());
    EXPECT_EQ(page.total_size(), total) << stage;
    return total;
  }

  static v1::ListEventsResponse ListFirstPage(const ServerProcess& replica,
                                              const v1::EventFilter& filter) {
    auto stub = v1::QueryService::NewStub(
        grpc::CreateChannel(replica.address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ListEventsRequest request;
    *request.mutable_filter() = filter;
    request.set_page_size(5);
    v1::ListEventsResponse response;
    grpc::Status s = stub->ListEvents(&ctx, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  v1::CreateReportResponse Ingest(const std::string& body) {
    v1::Report report;
    report.set_body(body);
    report.set_source_uri(kSourceUri);
    auto created = client_->CreateReport(report);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : v1::CreateReportResponse();
  }

};

TEST_F(MaintainedCountsTest, SummariesOverEveryCountryEqualTheEventsThroughEveryChange) {
  // Imported records (confirmed) over two countries and many months, some
  // of them confidential or year-only.
  std::vector<v1::IncidentRecord> records;
  for (int n = 0; n < 240; ++n) {
    v1::IncidentRecord r = testing::SyntheticRecord("partner-x/cases", n);
    if (n % 7 == 0) r.mutable_event()->mutable_date()->set_month(0);
    if (n % 11 == 0) r.mutable_event()->set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
    records.push_back(r);
  }
  auto imported = client_->ImportIncidents(records);
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_EQ(imported->rejected_size(), 0) << imported->ShortDebugString();
  // A report's suggested events.
  const v1::CreateReportResponse first = Ingest(kVersion1);
  ASSERT_EQ(first.events_size(), 3);
  const int64_t start = ExpectSummariesAgreeWithEvents("after the import and the report");
  EXPECT_EQ(start, 243);

  // Corrections: a record's month and category, the report's detention.
  v1::EventFilter kz;
  kz.add_country_codes("KZ");
  std::vector<v1::Event> kz_events;
  for (auto& e : client_->ListEvents(kz)) {
    ASSERT_TRUE(e.ok()) << e.status();
    kz_events.push_back(*e);
  }
  ASSERT_GE(kz_events.size(), 20u);
  for (size_t i = 0; i < 5; ++i) {
    v1::Event edit;
    edit.set_name(kz_events[i].name());
    edit.mutable_date()->set_year(2019);
    edit.mutable_date()->set_month(static_cast<int>(i) + 2);
    edit.set_category(v1::CATEGORY_SURVEILLANCE);
    auto corrected = client_->UpdateEvent(edit, {"date", "category"});
    ASSERT_TRUE(corrected.ok()) << corrected.status();
  }
  for (const v1::Event& e : first.events()) {
    if (e.category() != v1::CATEGORY_DETENTION) continue;
    v1::Event edit;
    edit.set_name(e.name());
    edit.set_category(v1::CATEGORY_IMPRISONMENT);
    ASSERT_TRUE(client_->UpdateEvent(edit, {"category"}).ok());
  }
  EXPECT_EQ(ExpectSummariesAgreeWithEvents("after corrections"), start);

  // Rejections (out of the counts), and one confirmed again (back in).
  for (size_t i = 5; i < 15; ++i) {
    ASSERT_TRUE(client_->RejectEvent(kz_events[i].name()).ok());
  }
  EXPECT_EQ(ExpectSummariesAgreeWithEvents("after rejections"), start - 10);
  ASSERT_TRUE(client_->ConfirmEvent(kz_events[5].name()).ok());
  EXPECT_EQ(ExpectSummariesAgreeWithEvents("after a confirmation"), start - 9);

  // The records imported again with other months: updates of the events
  // (the corrected ones keep the person's values).
  for (v1::IncidentRecord& r : records) {
    v1::PartialDate* date = r.mutable_event()->mutable_date();
    date->set_month(date->month() == 12 ? 1 : date->month() + 1);
  }
  imported = client_->ImportIncidents(records);
  ASSERT_TRUE(imported.ok()) << imported.status();
  EXPECT_EQ(ExpectSummariesAgreeWithEvents("after a re-import"), start - 9);

  // A superseding version: the summons' event is deleted, a new one added.
  const v1::CreateReportResponse second = Ingest(kVersion2);
  ASSERT_EQ(second.events_size(), 3);
  WaitForReplica();
  for (const v1::Event& e : first.events()) {
    if (e.category() != v1::CATEGORY_INTIMIDATION) continue;
    EXPECT_EQ(client_->GetEvent(e.name()).status().code(), absl::StatusCode::kNotFound)
        << "the summons of the first version should be gone";
  }
  EXPECT_EQ(ExpectSummariesAgreeWithEvents("after a superseding version"), start - 9);

  // A replica bootstrapped from this one has the same summaries, and keeps
  // them as it follows the feed.
  ServerProcess copy(CIVICWATCH_QUERY_BIN,
                     {"--data_dir=" + dir_ + "/copy", "--ingest_address=" + ingest_->address(),
                      "--bootstrap_from=" + query_->address()},
                     dir_ + "/copy.log");
  ASSERT_TRUE(copy.Start().ok()) << copy.ReadLog();
  EXPECT_TRUE(copy.WaitForLog("bootstrapped from the replica at")) << copy.ReadLog();
  EXPECT_EQ(ExpectSummariesAgreeWithEvents("on a bootstrapped replica", &copy), start - 9);
  ASSERT_TRUE(client_->RejectEvent(kz_events[15].name()).ok());
  EXPECT_EQ(ExpectSummariesAgreeWithEvents("on a bootstrapped replica after a rejection", &copy),
            start - 10);
}

}  // namespace
}  // namespace civicwatch
