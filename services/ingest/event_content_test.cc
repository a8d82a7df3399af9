#include "services/ingest/event_content.h"

#include <gtest/gtest.h>

namespace civicwatch::ingest {
namespace {

TEST(EventContentTest, OnlyTheUpdateTimeAndEtagMayDiffer) {
  v1::Event a;
  a.set_name("events/1");
  a.set_summary("Police detained a journalist");
  a.set_etag("x");
  a.mutable_update_time()->set_seconds(10);
  v1::Event b = a;
  b.set_etag("y");
  b.mutable_update_time()->set_seconds(20);
  EXPECT_TRUE(SameContent(a, b));
  b.set_summary("Police detained two journalists");
  EXPECT_FALSE(SameContent(a, b));
  b = a;
  b.mutable_create_time()->set_seconds(5);
  EXPECT_FALSE(SameContent(a, b));
}

}  // namespace
}  // namespace civicwatch::ingest
