// The gRPC connection against in-process fake services: metadata, deadlines,
// error details, retries and stream resumption, without the real servers.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "civicwatch/client.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace civicwatch {
namespace {

class FakeQuery final : public v1::QueryService::Service {
 public:
  grpc::Status GetEvent(grpc::ServerContext* context, const v1::GetEventRequest* request,
                        v1::Event* response) override {
    auto auth = context->client_metadata().find("authorization");
    last_authorization = auth == context->client_metadata().end()
                             ? "" : std::string(auth->second.data(), auth->second.size());
    ++get_event_calls;
    if (request->name() == "events/flaky" && get_event_calls <= 2) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "warming up");
    }
    if (request->name() == "events/down") {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "down");
    }
    if (request->name() == "events/slow") {
      std::this_thread::sleep_for(std::chrono::milliseconds(800));
    }
    if (request->name() == "events/bad") {
      google::rpc::BadRequest bad;
      auto* v = bad.add_field_violations();
      v->set_field("name");
      v->set_description("must look like events/{id}");
      google::rpc::Status details;
      details.set_code(grpc::StatusCode::INVALID_ARGUMENT);
      details.set_message("bad name");
      details.add_details()->PackFrom(bad);
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad name",
                          details.SerializeAsString());
    }
    response->set_name(request->name());
    return grpc::Status::OK;
  }

  // Streams events 1..5 with resume tokens "t1".."t5"; the first stream
  // breaks with UNAVAILABLE after two events.
  grpc::Status ExportEvents(grpc::ServerContext*, const v1::ExportEventsRequest* request,
                            grpc::ServerWriter<v1::ExportEventsResponse>* writer) override {
    ++export_calls;
    int start = request->resume_token().empty() ? 1 : std::stoi(request->resume_token().substr(1)) + 1;
    for (int i = start; i <= 5; ++i) {
      if (export_calls == 1 && i == 3) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "restarting");
      v1::ExportEventsResponse r;
      r.mutable_event()->set_name(absl::StrCat("events/", i));
      r.set_resume_token(absl::StrCat("t", i));
      writer->Write(r);
    }
    return grpc::Status::OK;
  }

  std::atomic<int> get_event_calls{0};
  std::atomic<int> export_calls{0};
  std::string last_authorization;
};

class FakeIngest final : public v1::IngestService::Service {
 public:
  grpc::Status CreateReport(grpc::ServerContext*, const v1::CreateReportRequest*,
                            v1::CreateReportResponse*) override {
    ++calls;
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "overloaded");
  }
  std::atomic<int> calls{0};
};

class GrpcConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&query_);
    builder.RegisterService(&ingest_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    options_.ingest_address = options_.query_address = absl::StrCat("127.0.0.1:", port);
    options_.timeout = absl::Seconds(10);
  }
  void TearDown() override { server_->Shutdown(); }

  std::unique_ptr<Client> MakeClient() {
    auto client = Client::Create(options_);
    EXPECT_TRUE(client.ok()) << client.status();
    return *std::move(client);
  }

  FakeQuery query_;
  FakeIngest ingest_;
  std::unique_ptr<grpc::Server> server_;
  ClientOptions options_;
};

TEST_F(GrpcConnectionTest, SendsTheBearerToken) {
  options_.token = "s3cret";
  auto event = MakeClient()->GetEvent("events/1");
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(query_.last_authorization, "Bearer s3cret");
}

TEST_F(GrpcConnectionTest, NoTokenNoHeader) {
  ASSERT_TRUE(MakeClient()->GetEvent("events/1").ok());
  EXPECT_EQ(query_.last_authorization, "");
}

TEST_F(GrpcConnectionTest, RetriesUnavailableReads) {
  auto event = MakeClient()->GetEvent("events/flaky");
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(query_.get_event_calls, 3);
}

TEST_F(GrpcConnectionTest, GivesUpAfterMaxRetries) {
  options_.max_retries = 2;
  auto event = MakeClient()->GetEvent("events/down");
  EXPECT_EQ(event.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(event.status().message(), "down");
  EXPECT_EQ(query_.get_event_calls, 3);
}

TEST_F(GrpcConnectionTest, CreateReportIsRetriedOnlyWithARequestId) {
  options_.max_retries = 2;
  auto client = MakeClient();
  v1::Report report;
  report.set_body("text");
  EXPECT_EQ(client->CreateReport(report).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ingest_.calls, 1);
  EXPECT_EQ(client->CreateReport(report, "id-1").status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ingest_.calls, 1 + 3);
}

TEST_F(GrpcConnectionTest, ErrorDetailsSurvive) {
  auto event = MakeClient()->GetEvent("events/bad");
  EXPECT_EQ(event.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(event.status().message(), "bad name");
  EXPECT_THAT(FieldViolations(event.status()),
              ::testing::ElementsAre(std::make_pair(std::string("name"),
                                                    std::string("must look like events/{id}"))));
}

TEST_F(GrpcConnectionTest, HonoursTheTimeout) {
  options_.timeout = absl::Milliseconds(200);
  absl::Time start = absl::Now();
  auto event = MakeClient()->GetEvent("events/slow");
  EXPECT_EQ(event.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(700));
}

TEST_F(GrpcConnectionTest, ExportResumesAfterABreakWithoutRepeats) {
  std::vector<std::string> names;
  for (const absl::StatusOr<v1::Event>& e : MakeClient()->ExportEvents(v1::EventFilter())) {
    ASSERT_TRUE(e.ok()) << e.status();
    names.push_back(e->name());
  }
  EXPECT_THAT(names, ::testing::ElementsAre("events/1", "events/2", "events/3", "events/4",
                                            "events/5"));
  EXPECT_EQ(query_.export_calls, 2);
}

TEST_F(GrpcConnectionTest, AbandonedExportDoesNotHang) {
  auto client = MakeClient();
  {
    StreamRange<v1::Event> range = client->ExportEvents(v1::EventFilter());
    auto it = range.begin();
    ASSERT_TRUE((*it).ok());
  }  // Destroyed mid-stream: the call is cancelled.
  SUCCEED();
}

}  // namespace
}  // namespace civicwatch
