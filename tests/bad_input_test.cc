// Bad input against the real binaries: each case gets the exact status
// code and names the field at fault, nothing is written, and the service
// goes on answering good requests.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/feed.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/violated_field.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;
using testing::ViolatedField;

std::unique_ptr<grpc::ClientContext> Context() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return ctx;
}

class BadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir("cw-bad-input"));
    auto servers = testing::StartIngestAndQuery(*dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    ingest_ = servers->ingest.release();
    query_ = servers->query.release();
  }
  static void TearDownTestSuite() {
    delete query_;
    delete ingest_;
    delete dir_;
  }

  void SetUp() override {
    ingest_stub_ = v1::IngestService::NewStub(
        grpc::CreateChannel(ingest_->address(), grpc::InsecureChannelCredentials()));
    feed_stub_ = v1::ChangeFeed::NewStub(
        grpc::CreateChannel(ingest_->address(), grpc::InsecureChannelCredentials()));
    query_stub_ = v1::QueryService::NewStub(
        grpc::CreateChannel(query_->address(), grpc::InsecureChannelCredentials()));
  }

  // The change log's head: nothing may be written by a rejected call.
  int64_t HeadSequence() {
    auto ctx = Context();
    v1::WatchChangesRequest req;
    req.set_after_sequence(0);
    req.set_max_batch_size(5000);
    auto reader = feed_stub_->WatchChanges(ctx.get(), req);
    v1::WatchChangesResponse resp;
    int64_t head = -1;
    if (reader->Read(&resp)) head = resp.head_sequence();
    ctx->TryCancel();
    reader->Finish().IgnoreError();
    return head;
  }

  // A good call still works after a bad one.
  void ExpectStillServing() {
    auto ctx = Context();
    v1::ListEventsRequest req;
    v1::ListEventsResponse resp;
    EXPECT_TRUE(query_stub_->ListEvents(ctx.get(), req, &resp).ok());
    auto ctx2 = Context();
    v1::ListReportsResponse reports;
    EXPECT_TRUE(ingest_stub_->ListReports(ctx2.get(), v1::ListReportsRequest(), &reports).ok());
  }

  static std::string* dir_;
  static ServerProcess* ingest_;
  static ServerProcess* query_;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub_;
  std::unique_ptr<v1::ChangeFeed::Stub> feed_stub_;
  std::unique_ptr<v1::QueryService::Stub> query_stub_;
};

std::string* BadInputTest::dir_ = nullptr;
ServerProcess* BadInputTest::ingest_ = nullptr;
ServerProcess* BadInputTest::query_ = nullptr;

TEST_F(BadInputTest, CreateReportRejectsBadReportsAndWritesNothing) {
  struct Case {
    std::string name;
    std::function<void(v1::CreateReportRequest&)> mutate;
    grpc::StatusCode code;
    std::string field;
  };
  const std::string good_body = "Kyrgyzstan: update\n\nOn 7th September 2018 a defender was detained.";
  std::vector<Case> cases = {
      {"no report", [](auto& r) { r.clear_report(); }, grpc::INVALID_ARGUMENT, "report"},
      {"empty body", [](auto& r) { r.mutable_report()->clear_body(); }, grpc::INVALID_ARGUMENT,
       "report.body"},
      {"blank body", [](auto& r) { r.mutable_report()->set_body("  \n\t  "); },
       grpc::INVALID_ARGUMENT, "report.body"},
      {"body over 4 MiB", [](auto& r) { r.mutable_report()->set_body(std::string(4200000, 'a')); },
       grpc::RESOURCE_EXHAUSTED, "report.body"},
      {"unknown country", [](auto& r) { r.mutable_report()->set_country_code("ZZ"); },
       grpc::INVALID_ARGUMENT, "report.country_code"},
      {"coverage month 13",
       [](auto& r) {
         r.mutable_report()->mutable_coverage_start()->set_year(2018);
         r.mutable_report()->mutable_coverage_start()->set_month(13);
       },
       grpc::INVALID_ARGUMENT, "report.coverage_start.month"},
      {"coverage ends before it starts",
       [](auto& r) {
         r.mutable_report()->mutable_coverage_start()->set_year(2019);
         r.mutable_report()->mutable_coverage_end()->set_year(2018);
       },
       grpc::INVALID_ARGUMENT, "report.coverage_end"},
      {"request_id too long", [](auto& r) { r.set_request_id(std::string(200, 'x')); },
       grpc::INVALID_ARGUMENT, "request_id"},
  };
  const int64_t head = HeadSequence();
  ASSERT_GE(head, 0);
  for (const Case& c : cases) {
    v1::CreateReportRequest req;
    req.mutable_report()->set_body(good_body);
    c.mutate(req);
    v1::CreateReportResponse resp;
    auto ctx = Context();
    grpc::Status s = ingest_stub_->CreateReport(ctx.get(), req, &resp);
    EXPECT_EQ(s.error_code(), c.code) << c.name << ": " << s.error_message();
    EXPECT_EQ(ViolatedField(s), c.field) << c.name << ": " << s.error_message();
    EXPECT_EQ(HeadSequence(), head) << c.name << " wrote something";
  }
  ExpectStillServing();
}

TEST_F(BadInputTest, InvalidUtf8IsRejectedNotStored) {
  // The C++ library lets a client send a non-UTF-8 string field; the server
  // must still refuse it with INVALID_ARGUMENT and store nothing.
  const int64_t head = HeadSequence();
  v1::CreateReportRequest req;
  req.mutable_report()->set_body("Kyrgyzstan: bad bytes \xff\xfe here");
  v1::CreateReportResponse resp;
  auto ctx = Context();
  grpc::Status s = ingest_stub_->CreateReport(ctx.get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT) << s.error_message();
  EXPECT_EQ(HeadSequence(), head);
  ExpectStillServing();
}

TEST_F(BadInputTest, ListEventsRejectsBadRequestsNamingTheField) {
  struct Case {
    std::string name;
    std::function<void(v1::ListEventsRequest&)> mutate;
    std::string field;
  };
  std::vector<Case> cases = {
      {"negative page size", [](auto& r) { r.set_page_size(-1); }, "page_size"},
      {"garbage token", [](auto& r) { r.set_page_token("not-a-token"); }, "page_token"},
      {"unknown country", [](auto& r) { r.mutable_filter()->add_country_codes("QQ"); },
       "filter.country_codes[0]"},
      {"end before start",
       [](auto& r) {
         r.mutable_filter()->mutable_start_date()->set_year(2019);
         r.mutable_filter()->mutable_end_date()->set_year(2018);
       },
       "filter.end_date"},
      {"month 13",
       [](auto& r) {
         r.mutable_filter()->mutable_start_date()->set_year(2019);
         r.mutable_filter()->mutable_start_date()->set_month(13);
       },
       "filter.start_date.month"},
      {"unknown order", [](auto& r) { r.set_order_by("severity"); }, "order_by"},
  };
  for (const Case& c : cases) {
    v1::ListEventsRequest req;
    c.mutate(req);
    v1::ListEventsResponse resp;
    auto ctx = Context();
    grpc::Status s = query_stub_->ListEvents(ctx.get(), req, &resp);
    EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT) << c.name << ": " << s.error_message();
    EXPECT_EQ(ViolatedField(s), c.field) << c.name << ": " << s.error_message();
  }
  ExpectStillServing();
}

TEST_F(BadInputTest, TamperedAndForeignPageTokensAreRejected) {
  // Put enough events in for two pages.
  for (int i = 0; i < 3; ++i) {
    v1::CreateReportRequest req;
    req.mutable_report()->set_body(absl::StrCat(
        "Kyrgyzstan: update ", i, "\n\nOn 7th September 2018 human rights defender Aibek Ulanov ",
        "was detained by police in Bishkek.\n\nOn 9th October 2019 journalist Dana Serikova was "
        "fined for a post."));
    v1::CreateReportResponse resp;
    auto ctx = Context();
    ASSERT_TRUE(ingest_stub_->CreateReport(ctx.get(), req, &resp).ok());
  }
  std::string token;
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (token.empty() && absl::Now() < deadline) {
    v1::ListEventsRequest req;
    req.set_page_size(1);
    v1::ListEventsResponse resp;
    auto ctx = Context();
    ASSERT_TRUE(query_stub_->ListEvents(ctx.get(), req, &resp).ok());
    token = resp.next_page_token();
    if (token.empty()) absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_FALSE(token.empty()) << "replica never held two events";

  std::string tampered = token;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'x' ? 'y' : 'x';
  for (const auto& [name, tok, change_filter] :
       std::vector<std::tuple<std::string, std::string, bool>>{
           {"tampered", tampered, false}, {"other filter", token, true}}) {
    v1::ListEventsRequest req;
    req.set_page_size(1);
    req.set_page_token(tok);
    if (change_filter) req.mutable_filter()->add_country_codes("KZ");
    v1::ListEventsResponse resp;
    auto ctx = Context();
    grpc::Status s = query_stub_->ListEvents(ctx.get(), req, &resp);
    EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT) << name;
    EXPECT_EQ(ViolatedField(s), "page_token") << name;
  }
  ExpectStillServing();
}

TEST_F(BadInputTest, ExpiredDeadlineIsHonoured) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() - std::chrono::seconds(1));
  v1::ListEventsResponse resp;
  grpc::Status s = query_stub_->ListEvents(&ctx, v1::ListEventsRequest(), &resp);
  EXPECT_EQ(s.error_code(), grpc::DEADLINE_EXCEEDED);
  ExpectStillServing();
}

TEST_F(BadInputTest, UnknownNamesAreNotFoundOrInvalid) {
  {
    auto ctx = Context();
    v1::GetReportRequest req;
    req.set_name("reports/doesnotexist");
    v1::Report resp;
    EXPECT_EQ(ingest_stub_->GetReport(ctx.get(), req, &resp).error_code(), grpc::NOT_FOUND);
  }
  {
    auto ctx = Context();
    v1::GetReportRequest req;
    req.set_name("events/x");
    v1::Report resp;
    grpc::Status s = ingest_stub_->GetReport(ctx.get(), req, &resp);
    EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
    EXPECT_EQ(ViolatedField(s), "name");
  }
  {
    auto ctx = Context();
    v1::GetEventRequest req;
    req.set_name("events/doesnotexist");
    v1::Event resp;
    EXPECT_EQ(query_stub_->GetEvent(ctx.get(), req, &resp).error_code(), grpc::NOT_FOUND);
  }
  {
    auto ctx = Context();
    v1::WatchChangesRequest req;
    req.set_after_sequence(-5);
    auto reader = feed_stub_->WatchChanges(ctx.get(), req);
    v1::WatchChangesResponse resp;
    while (reader->Read(&resp)) {
    }
    grpc::Status s = reader->Finish();
    EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
    EXPECT_EQ(ViolatedField(s), "after_sequence");
  }
}

}  // namespace
}  // namespace civicwatch
