// What probes and operators reach on the secured cluster: health and
// reflection answer without a token, and the query service describes its
// replica through AdminService.GetServerInfo.
#include <grpcpp/grpcpp.h>

#include <string>
#include <tuple>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/security/secured_cluster.h"
#include "tests/security/security_support.h"

namespace civicwatch::security {
namespace {

using testing::AddBearer;

// Probes and operators need health and reflection without a token.
TEST_F(SecuredClusterTest, HealthAnswersWithoutAToken) {
  for (const auto& [name, channel, service] :
       {std::make_tuple("ingest", c().ingest_channel, std::string("civicwatch.v1.IngestService")),
        std::make_tuple("query", c().query_channel, std::string("civicwatch.v1.QueryService"))}) {
    for (const std::string& s : {std::string(), service}) {
      SCOPED_TRACE(absl::StrCat(name, " health of '", s, "'"));
      auto stub = grpc::health::v1::Health::NewStub(channel);
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline());
      grpc::health::v1::HealthCheckRequest req;
      req.set_service(s);
      grpc::health::v1::HealthCheckResponse resp;
      grpc::Status status = stub->Check(&ctx, req, &resp);
      ASSERT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
    }
  }
}

TEST_F(SecuredClusterTest, ReflectionAndHealthThroughReflectionWithoutAToken) {
  const std::string tool = std::string(CIVICWATCH_TOOLS_DIR) + "/grpcurl.py";
  ASSERT_FALSE(testing::ReadFile(tool).empty()) << "no grpcurl.py at " << tool;
  for (const auto& [server, service] :
       {std::make_pair(c().ingest.get(), "civicwatch.v1.IngestService"),
        std::make_pair(c().query.get(), "civicwatch.v1.QueryService")}) {
    std::string list;
    int code = testing::RunCommand(
        absl::StrCat("/usr/bin/python3 ", tool, " -plaintext ", server->address(), " list"), &list);
    EXPECT_EQ(code, 0) << list;
    EXPECT_TRUE(absl::StrContains(list, service)) << list;
    EXPECT_TRUE(absl::StrContains(list, "grpc.health.v1.Health")) << list;
    std::string health;
    code = testing::RunCommand(absl::StrCat("/usr/bin/python3 ", tool, " -plaintext ",
                                            server->address(), " grpc.health.v1.Health/Check"),
                               &health);
    EXPECT_EQ(code, 0) << health;
    EXPECT_TRUE(absl::StrContains(health, "\"SERVING\"")) << health;
  }
}

// The query service reports on its replica through AdminService.
TEST_F(SecuredClusterTest, QueryServerInfoDescribesTheReplica) {
  auto stub = v1::AdminService::NewStub(c().query_channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(Deadline());
  AddBearer(ctx, c().admin_all.token);
  v1::ServerInfo info;
  grpc::Status s = stub->GetServerInfo(&ctx, v1::GetServerInfoRequest(), &info);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(info.program(), "civicwatch-query");
  EXPECT_FALSE(info.version().empty());
  EXPECT_EQ(info.report_count(), static_cast<int64_t>(SampleReports().size()));
  EXPECT_EQ(info.event_count(), static_cast<int64_t>(c().events.size()));
  EXPECT_GT(info.entity_count(), 0);
  EXPECT_GT(info.database_bytes(), 0);
  EXPECT_GT(info.applied_sequence(), 0);
  EXPECT_EQ(info.head_sequence(), info.applied_sequence());
  EXPECT_EQ(info.replica_lag(), 0);
  EXPECT_TRUE(info.caught_up());

  // Health knows the admin service by name too.
  auto health = grpc::health::v1::Health::NewStub(c().query_channel);
  grpc::ClientContext hctx;
  hctx.set_deadline(Deadline());
  grpc::health::v1::HealthCheckRequest req;
  req.set_service("civicwatch.v1.AdminService");
  grpc::health::v1::HealthCheckResponse resp;
  ASSERT_TRUE(health->Check(&hctx, req, &resp).ok());
  EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace civicwatch::security
