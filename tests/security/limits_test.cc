// The limits of server_runner.cc against the real binary: a bound on calls
// in flight (--max_concurrent_calls), keepalive enforcement against a
// client that pings too often, and RESOURCE_EXHAUSTED past the documented
// sizes.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/feed.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

std::chrono::system_clock::time_point Deadline(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

class LimitsTest : public ::testing::Test {
 protected:
  void Start(std::vector<std::string> flags) {
    dir_ = MakeTempDir("cw-limits");
    flags.push_back("--data_dir=" + dir_ + "/ingest");
    ingest_ = std::make_unique<ServerProcess>(CIVICWATCH_INGEST_BIN, flags, dir_ + "/ingest.log");
    ASSERT_TRUE(ingest_->Start().ok()) << ingest_->ReadLog();
  }
  void TearDown() override {
    if (HasFailure() && ingest_) std::cerr << ingest_->ReadLog();
  }

  grpc::StatusCode ListReports(const std::shared_ptr<grpc::Channel>& channel) {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(5));
    v1::ListReportsResponse r;
    return v1::IngestService::NewStub(channel)
        ->ListReports(&ctx, v1::ListReportsRequest(), &r)
        .error_code();
  }

  std::string dir_;
  std::unique_ptr<ServerProcess> ingest_;
};

// Long-lived feed streams each hold a call slot. Past the bound, calls are
// refused with RESOURCE_EXHAUSTED, and served again once streams end.
TEST_F(LimitsTest, CallsPastTheBoundAreResourceExhausted) {
  constexpr int kMaxCalls = 2;
  Start({absl::StrCat("--max_concurrent_calls=", kMaxCalls)});
  struct Stream {
    grpc::ClientContext ctx;
    std::unique_ptr<grpc::ClientReader<v1::WatchChangesResponse>> reader;
  };
  // Each stream on a connection of its own, so the per-connection stream
  // limit is not what refuses them.
  std::vector<std::unique_ptr<Stream>> streams;
  grpc::StatusCode refused = grpc::StatusCode::OK;
  for (int i = 0; i < kMaxCalls + 4 && refused == grpc::StatusCode::OK; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("civicwatch.test.connection", i);  // distinct channels
    auto channel = grpc::CreateCustomChannel(ingest_->address(),
                                             grpc::InsecureChannelCredentials(), args);
    auto s = std::make_unique<Stream>();
    s->ctx.set_deadline(Deadline(30));
    s->reader = v1::ChangeFeed::NewStub(channel)->WatchChanges(&s->ctx, v1::WatchChangesRequest());
    streams.push_back(std::move(s));
    // A unary call on a connection of its own tells whether a slot is left.
    grpc::ChannelArguments probe_args;
    probe_args.SetInt("civicwatch.test.probe", i);
    auto probe = grpc::CreateCustomChannel(ingest_->address(),
                                           grpc::InsecureChannelCredentials(), probe_args);
    absl::SleepFor(absl::Milliseconds(200));  // let the stream take its slot
    refused = ListReports(probe);
  }
  EXPECT_EQ(refused, grpc::StatusCode::RESOURCE_EXHAUSTED)
      << "no call was refused with " << streams.size() << " streams open";
  EXPECT_LE(streams.size(), static_cast<size_t>(kMaxCalls + 2));
  // Reports, read as bytes by their handlers, are bounded by the same quota.
  {
    grpc::ChannelArguments args;
    args.SetInt("civicwatch.test.create", 1);
    auto channel = grpc::CreateCustomChannel(ingest_->address(),
                                             grpc::InsecureChannelCredentials(), args);
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(5));
    v1::CreateReportRequest req;
    req.mutable_report()->set_body("Kyrgyzstan: on 5 May 2024 a journalist was detained.");
    v1::CreateReportResponse resp;
    EXPECT_EQ(v1::IngestService::NewStub(channel)->CreateReport(&ctx, req, &resp).error_code(),
              grpc::StatusCode::RESOURCE_EXHAUSTED);
  }

  for (auto& s : streams) s->ctx.TryCancel();
  for (auto& s : streams) s->reader->Finish();
  streams.clear();
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  grpc::StatusCode after = grpc::StatusCode::UNKNOWN;
  auto channel = grpc::CreateChannel(ingest_->address(), grpc::InsecureChannelCredentials());
  while (absl::Now() < give_up && (after = ListReports(channel)) != grpc::StatusCode::OK) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_EQ(after, grpc::StatusCode::OK);
}

// A client that pings an idle connection every 100 ms is told to calm down
// (GOAWAY too_many_pings), which closes its connection. The connection has
// no call at all: any data the server sends (the change feed's heartbeat
// each second, say) would forgive the pings.
TEST_F(LimitsTest, AClientPingingTooOftenIsDisconnected) {
  Start({"--keepalive_min_ping_interval_seconds=10", "--max_connection_idle_seconds=0"});
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 100);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 1000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  args.SetInt(GRPC_ARG_HTTP2_MIN_SENT_PING_INTERVAL_WITHOUT_DATA_MS, 100);
  auto channel =
      grpc::CreateCustomChannel(ingest_->address(), grpc::InsecureChannelCredentials(), args);
  // One call to connect; from then on only pings flow.
  ASSERT_EQ(ListReports(channel), grpc::StatusCode::OK);
  ASSERT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
  const absl::Time start = absl::Now();
  const bool closed = channel->WaitForStateChange(GRPC_CHANNEL_READY, Deadline(15));
  EXPECT_TRUE(closed) << "the connection of a client pinging every 100 ms stayed open";
  EXPECT_LT(absl::Now() - start, absl::Seconds(15));
}

// A client pinging no more often than allowed keeps its idle connection.
TEST_F(LimitsTest, AClientPingingWithinTheLimitStaysConnected) {
  Start({"--keepalive_min_ping_interval_seconds=1", "--max_connection_idle_seconds=0"});
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 2000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 1000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  auto channel =
      grpc::CreateCustomChannel(ingest_->address(), grpc::InsecureChannelCredentials(), args);
  ASSERT_EQ(ListReports(channel), grpc::StatusCode::OK);
  ASSERT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
  EXPECT_FALSE(channel->WaitForStateChange(GRPC_CHANNEL_READY, Deadline(7)))
      << "a client within the ping limit lost its connection";
}

// The documented sizes: a report body over 4 MiB is RESOURCE_EXHAUSTED
// naming report.body; a message over 21 MiB (the bound of the methods that
// take a document) is refused by gRPC itself with the same code.
TEST_F(LimitsTest, OversizedReportsAreResourceExhausted) {
  Start({});
  auto stub = v1::IngestService::NewStub(
      grpc::CreateChannel(ingest_->address(), grpc::InsecureChannelCredentials()));
  for (size_t bytes : {size_t{4} * 1024 * 1024 + 1, size_t{9} * 1024 * 1024,
                       size_t{22} * 1024 * 1024}) {
    SCOPED_TRACE(bytes);
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(20));
    v1::NormalizeReportRequest req;
    req.mutable_report()->set_body(std::string(bytes, 'a'));
    v1::NormalizeReportResponse resp;
    grpc::Status s = stub->NormalizeReport(&ctx, req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
  }
}

}  // namespace
}  // namespace civicwatch
