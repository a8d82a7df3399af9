#include "services/common/audit_line.h"

#include <gtest/gtest.h>

namespace civicwatch {
namespace {

TEST(AuditLineTest, OpensWithTimePrincipalAndMethodEscaped) {
  EXPECT_EQ(OpenAuditJsonLine("2024-01-02T03:04:05Z", "ann\"b", "ConfirmEvent"),
            "{\"time\":\"2024-01-02T03:04:05Z\",\"principal\":\"ann\\\"b\","
            "\"method\":\"ConfirmEvent\"");
}

}  // namespace
}  // namespace civicwatch
