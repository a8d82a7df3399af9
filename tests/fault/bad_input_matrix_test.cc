// A table of hostile and malformed requests over every method of the two
// services. Each case states the exact status code and the field a
// google.rpc.BadRequest in the status details must name ("" when the code
// carries no field), and the test checks that the case wrote nothing (the
// change feed's head is unchanged) and that the service still answers a
// good request next.
// The cases are in ingest_bad_input_cases.cc and query_bad_input_cases.cc.
#include <grpcpp/grpcpp.h>

#include <signal.h>

#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/fault/bad_input_case.h"
#include "tests/fault/fault_support.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/violated_field.h"

namespace civicwatch::fault {
namespace {

using civicwatch::testing::MakeTempDir;
using civicwatch::testing::ServerProcess;
using civicwatch::testing::ViolatedField;

// Every case of both services.
std::vector<Case> Matrix() {
  std::vector<Case> cases = IngestBadInputCases();
  for (Case& c : QueryBadInputCases()) cases.push_back(std::move(c));
  return cases;
}

class BadInputMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir("cw-bad-matrix"));
    auto servers = testing::StartIngestAndQuery(*dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    ingest_ = servers->ingest.release();
    query_ = servers->query.release();
  }
  static void TearDownTestSuite() {
    // Both servers shut down cleanly after all that.
    EXPECT_EQ(query_->Stop(SIGTERM), 0) << query_->ReadLog();
    EXPECT_EQ(ingest_->Stop(SIGTERM), 0) << ingest_->ReadLog();
    delete query_;
    delete ingest_;
    delete dir_;
  }

  void SetUp() override {
    stubs_.ingest = v1::IngestService::NewStub(FreshChannel(ingest_->address()));
    stubs_.feed = v1::ChangeFeed::NewStub(FreshChannel(ingest_->address()));
    stubs_.query_channel = FreshChannel(query_->address());
    stubs_.query = v1::QueryService::NewStub(stubs_.query_channel);
  }

  // Stores two reports and collects page tokens issued for them.
  void Seed() {
    stubs_.seed_body = kGoodBody;
    stubs_.seed_request_id = "seed";
    v1::CreateReportResponse first;
    grpc::Status s = SubmitReport(ingest_->address(), kGoodBody, "seed", &first);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_GT(first.events_size(), 0);
    stubs_.seed_report = first.report().name();
    stubs_.seed_event = first.events(0).name();
    v1::CreateReportResponse second;
    ASSERT_TRUE(SubmitReport(ingest_->address(), ReportBody(1, 1), "seed-2", &second).ok());
    ASSERT_EQ(WaitForReplicaToMatch(ingest_->address(), query_->address()), "");
    {
      grpc::ClientContext ctx;
      v1::ListEventsRequest req;
      req.set_page_size(1);
      v1::ListEventsResponse resp;
      ASSERT_TRUE(stubs_.query->ListEvents(&ctx, req, &resp).ok());
      stubs_.list_events_token = resp.next_page_token();
      ASSERT_FALSE(stubs_.list_events_token.empty());
    }
    {
      grpc::ClientContext ctx;
      auto reader = stubs_.query->ExportEvents(&ctx, v1::ExportEventsRequest());
      v1::ExportEventsResponse resp;
      ASSERT_TRUE(reader->Read(&resp));
      stubs_.export_resume_token = resp.resume_token();
      while (reader->Read(&resp)) {
      }
      ASSERT_TRUE(reader->Finish().ok());
    }
    {
      grpc::ClientContext ctx;
      v1::ListReportsRequest req;
      req.set_page_size(1);
      v1::ListReportsResponse resp;
      ASSERT_TRUE(stubs_.ingest->ListReports(&ctx, req, &resp).ok());
      stubs_.list_reports_token = resp.next_page_token();
      ASSERT_FALSE(stubs_.list_reports_token.empty());
    }
  }

  // A good request to `server` succeeds.
  void ExpectStillServing(Server server, const std::string& label) {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(absl::Seconds(10)));
    grpc::Status s;
    if (server == Server::kIngest) {
      v1::GetReportRequest req;
      req.set_name(stubs_.seed_report);
      v1::Report resp;
      s = stubs_.ingest->GetReport(&ctx, req, &resp);
    } else {
      v1::GetEventRequest req;
      req.set_name(stubs_.seed_event);
      v1::Event resp;
      s = stubs_.query->GetEvent(&ctx, req, &resp);
    }
    EXPECT_TRUE(s.ok()) << label << ": the next good request failed: " << s.error_message();
  }

  // Runs each case: its code, its field, nothing written, still serving.
  void RunCases(const std::vector<Case>& cases, std::map<std::string, int>& per_method) {
    for (const Case& c : cases) {
      const std::string label = absl::StrCat(c.method, " / ", c.name);
      SCOPED_TRACE(label);
      per_method[c.method]++;
      const int64_t head = HeadSequence(ingest_->address());
      ASSERT_GT(head, 0);
      grpc::ClientContext ctx;
      ctx.set_deadline(DeadlineIn(absl::Seconds(20)));
      grpc::Status s = c.call(stubs_, ctx);
      EXPECT_EQ(s.error_code(), c.code) << label << ": " << s.error_message();
      EXPECT_EQ(ViolatedField(s), c.field) << label << ": " << s.error_message();
      EXPECT_EQ(HeadSequence(ingest_->address()), head) << label << " wrote something";
      ExpectStillServing(c.server, label);
    }
  }

  static std::string* dir_;
  static ServerProcess* ingest_;
  static ServerProcess* query_;
  Stubs stubs_;
};

std::string* BadInputMatrixTest::dir_ = nullptr;
ServerProcess* BadInputMatrixTest::ingest_ = nullptr;
ServerProcess* BadInputMatrixTest::query_ = nullptr;

TEST_F(BadInputMatrixTest, EveryCaseGetsItsCodeAndFieldAndWritesNothing) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const std::vector<Case> cases = Matrix();
  ASSERT_GE(cases.size(), 60u);
  std::map<std::string, int> per_method;
  RunCases(cases, per_method);
  std::cerr << "bad-input matrix: " << cases.size() << " cases;";
  for (const auto& [method, n] : per_method) std::cerr << " " << method << " " << n;
  std::cerr << "\n";
}

}  // namespace
}  // namespace civicwatch::fault
