// A new query replica started from a copy of another (--bootstrap_from,
// --snapshot_to and --restore_from) against the real binaries: it answers
// exactly as the replica it was copied from, then follows the feed; an
// unreachable peer falls back to the feed from sequence 0.
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/synthetic_records.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

// A synthetic record with a victim, so that the replicas' entities are
// compared too.
v1::IncidentRecord Record(int n) {
  v1::IncidentRecord r = testing::SyntheticRecord("bootstrap-test", n);
  auto* p = r.mutable_event()->add_participants();
  p->set_display_name(absl::StrCat("Aibek Person", n % 40));
  p->set_kind(v1::ENTITY_KIND_PERSON);
  p->set_role(v1::ROLE_VICTIM);
  return r;
}

class BootstrapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("cw-bootstrap");
    auto servers = testing::StartIngestAndQuery(dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    ingest_ = std::move(servers->ingest);
    query_ = std::move(servers->query);
  }

  void Import(int from, int to) {
    auto stub = v1::IngestService::NewStub(
        grpc::CreateChannel(ingest_->address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    v1::ImportIncidentsResponse resp;
    auto writer = stub->ImportIncidents(&ctx, &resp);
    for (int n = from; n < to; ++n) writer->Write(Record(n));
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
    ASSERT_EQ(resp.created(), to - from);
  }

  // Every event a replica exports, serialised, in its order.
  static std::vector<std::string> Export(const std::string& address) {
    auto stub = v1::QueryService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    auto reader = stub->ExportEvents(&ctx, v1::ExportEventsRequest());
    std::vector<std::string> out;
    v1::ExportEventsResponse resp;
    while (reader->Read(&resp)) {
      out.push_back(resp.event().SerializeAsString());
    }
    if (!reader->Finish().ok()) return {};
    return out;
  }

  static std::vector<std::string> WaitForEvents(const std::string& address, size_t count) {
    std::vector<std::string> events;
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while (absl::Now() < deadline) {
      events = Export(address);
      if (events.size() == count) break;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return events;
  }

  std::unique_ptr<ServerProcess> StartReplica(const std::string& name,
                                              std::vector<std::string> extra) {
    std::vector<std::string> args = {"--data_dir=" + dir_ + "/" + name,
                                     "--ingest_address=" + ingest_->address()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto replica =
        std::make_unique<ServerProcess>(CIVICWATCH_QUERY_BIN, args, dir_ + "/" + name + ".log");
    EXPECT_TRUE(replica->Start().ok()) << replica->ReadLog();
    return replica;
  }

  std::string dir_;
  std::unique_ptr<ServerProcess> ingest_;
  std::unique_ptr<ServerProcess> query_;
};

TEST_F(BootstrapTest, ABootstrappedReplicaAnswersAsItsPeerAndFollowsTheFeed) {
  Import(0, 400);
  const std::vector<std::string> a = WaitForEvents(query_->address(), 400);
  ASSERT_EQ(a.size(), 400u) << query_->ReadLog();

  auto b = StartReplica("b", {"--bootstrap_from=" + query_->address()});
  EXPECT_NE(b->ReadLog().find("bootstrapped from the replica at " + query_->address()),
            std::string::npos)
      << b->ReadLog();
  EXPECT_TRUE(b->WaitForLog("following the change feed at " + ingest_->address() +
                            " after sequence"))
      << b->ReadLog();
  EXPECT_EQ(b->ReadLog().find("after sequence 0\n"), std::string::npos)
      << "B replayed the feed from zero:\n" << b->ReadLog();
  EXPECT_EQ(WaitForEvents(b->address(), 400), a);

  // Both follow new reports.
  Import(400, 410);
  const std::vector<std::string> a2 = WaitForEvents(query_->address(), 410);
  ASSERT_EQ(a2.size(), 410u);
  EXPECT_EQ(WaitForEvents(b->address(), 410), a2);
}

TEST_F(BootstrapTest, AnUnreachablePeerFallsBackToTheFeed) {
  Import(0, 50);
  ASSERT_EQ(WaitForEvents(query_->address(), 50).size(), 50u);
  // A port nobody listens on: the peer that was there went away.
  ServerProcess gone(CIVICWATCH_QUERY_BIN, {"--data_dir=" + dir_ + "/gone"}, dir_ + "/gone.log");
  ASSERT_TRUE(gone.Start().ok());
  const std::string address = gone.address();
  gone.Stop(SIGKILL);
  auto c = StartReplica("c", {"--bootstrap_from=" + address});
  EXPECT_NE(c->ReadLog().find("cannot bootstrap from " + address), std::string::npos)
      << c->ReadLog();
  EXPECT_NE(c->ReadLog().find("following the change feed from sequence 0 instead"),
            std::string::npos);
  EXPECT_EQ(WaitForEvents(c->address(), 50), Export(query_->address()));
}

TEST_F(BootstrapTest, ASnapshotFileStartsAReplica) {
  Import(0, 120);
  const std::vector<std::string> a = WaitForEvents(query_->address(), 120);
  ASSERT_EQ(a.size(), 120u);
  const std::string file = dir_ + "/replica.snapshot";
  // Taken from the data dir of the running replica.
  ASSERT_EQ(ServerProcess::RunToExit(CIVICWATCH_QUERY_BIN,
                                     {"--data_dir=" + dir_ + "/query", "--snapshot_to=" + file},
                                     dir_ + "/snapshot_to.log"),
            0);
  auto d = StartReplica("d", {"--restore_from=" + file});
  EXPECT_NE(d->ReadLog().find("replica restored from " + file), std::string::npos)
      << d->ReadLog();
  EXPECT_EQ(WaitForEvents(d->address(), 120), a);
}

}  // namespace
}  // namespace civicwatch
