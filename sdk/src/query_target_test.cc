#include "query_target.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace civicwatch::internal {
namespace {

TEST(QueryTargetTest, OneAddressIsUsedAsGivenAndNotBalanced) {
  auto t = ResolveQueryTarget("query.example:50052");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->target, "query.example:50052");
  EXPECT_FALSE(t->balanced);
  EXPECT_EQ(t->authority, "");
}

TEST(QueryTargetTest, ADnsNameIsBalancedOverItsAddresses) {
  auto t = ResolveQueryTarget("dns:///query.example:50052");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->target, "dns:///query.example:50052");
  EXPECT_TRUE(t->balanced);
}

TEST(QueryTargetTest, AListBecomesOneBalancedTargetOfItsAddresses) {
  auto t = ResolveQueryTarget(" 127.0.0.1:7001, 127.0.0.2:7002 ,,localhost:7001");
  ASSERT_TRUE(t.ok()) << t.status();
  // localhost is 127.0.0.1: the same replica once.
  EXPECT_EQ(t->target, "ipv4:127.0.0.1:7001,127.0.0.2:7002");
  EXPECT_TRUE(t->balanced);
  EXPECT_EQ(t->authority, "127.0.0.1:7001");
}

TEST(QueryTargetTest, IPv6OnlyHostsMakeAnIPv6Target) {
  auto t = ResolveQueryTarget("[::1]:7001,[::1]:7002");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->target, "ipv6:[::1]:7001,[::1]:7002");
  EXPECT_TRUE(t->balanced);
}

TEST(QueryTargetTest, BadListsNameTheOptionAndTheEntry) {
  for (const char* bad : {"", " , ", "127.0.0.1:1,nohostport", "127.0.0.1:1,h:0",
                          "127.0.0.1:1,dns:///x:1", "127.0.0.1:1,[::1:5",
                          "127.0.0.1:1,no-such-host.invalid:5"}) {
    SCOPED_TRACE(bad);
    auto t = ResolveQueryTarget(bad);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(t.status().message(), "ClientOptions.query_address")) << t.status();
  }
}

TEST(QueryTargetTest, TheServiceConfigAsksForRoundRobinAndHealthChecks) {
  const std::string config = BalancedServiceConfig();
  EXPECT_TRUE(absl::StrContains(config, "\"round_robin\"")) << config;
  EXPECT_TRUE(absl::StrContains(config, "\"serviceName\":\"civicwatch.v1.QueryService\""))
      << config;
}

}  // namespace
}  // namespace civicwatch::internal
