#include "services/common/proto_time.h"

#include <gtest/gtest.h>

namespace civicwatch {
namespace {

TEST(ProtoTimeTest, KeepsSecondsAndMicroseconds) {
  const absl::Time t = absl::FromUnixMicros(1700000000123456);
  const google::protobuf::Timestamp ts = ToTimestamp(t);
  EXPECT_EQ(ts.seconds(), 1700000000);
  EXPECT_EQ(ts.nanos(), 123456000);
  EXPECT_EQ(ToTimestamp(absl::UnixEpoch()).seconds(), 0);
}

}  // namespace
}  // namespace civicwatch
