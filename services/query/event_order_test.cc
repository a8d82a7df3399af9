#include "services/query/event_order.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "services/query/test_changes.h"

namespace civicwatch::query {
namespace {

using testing::Date;
using testing::MakeEvent;

TEST(ParseOrderByTest, AcceptsDateOrders) {
  EXPECT_EQ(*ParseOrderBy(""), SortDirection::kAscending);
  EXPECT_EQ(*ParseOrderBy("date"), SortDirection::kAscending);
  EXPECT_EQ(*ParseOrderBy(" date  ASC "), SortDirection::kAscending);
  EXPECT_EQ(*ParseOrderBy("date desc"), SortDirection::kDescending);
}

TEST(ParseOrderByTest, RejectsOthersNamingTheField) {
  for (const char* bad : {"name", "date sideways", "date desc extra", "desc"}) {
    auto parsed = ParseOrderBy(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(parsed.status().message(), "order_by")) << parsed.status();
  }
}

TEST(EventOrderTest, PartialDatesSortAtTheirStartCoarserFirstUndatedLast) {
  std::vector<EventKey> keys = {
      KeyOfEvent(MakeEvent("u1", "KG", Date(0))),
      KeyOfEvent(MakeEvent("d", "KG", Date(2018, 1, 1))),
      KeyOfEvent(MakeEvent("m", "KG", Date(2018, 1))),
      KeyOfEvent(MakeEvent("y", "KG", Date(2018))),
      KeyOfEvent(MakeEvent("early", "KG", Date(2017, 12, 31))),
      KeyOfEvent(MakeEvent("u0", "KG", Date(0))),
  };
  auto names = [&] {
    std::vector<std::string> out;
    for (const auto& k : keys) out.push_back(k.name);
    return out;
  };
  std::sort(keys.begin(), keys.end(), [](const EventKey& a, const EventKey& b) {
    return ComesBefore(a, b, SortDirection::kAscending);
  });
  EXPECT_EQ(names(), (std::vector<std::string>{"events/early", "events/y", "events/m",
                                               "events/d", "events/u0", "events/u1"}));
  std::sort(keys.begin(), keys.end(), [](const EventKey& a, const EventKey& b) {
    return ComesBefore(a, b, SortDirection::kDescending);
  });
  EXPECT_EQ(names(), (std::vector<std::string>{"events/d", "events/m", "events/y",
                                               "events/early", "events/u1", "events/u0"}));
}

TEST(EventOrderTest, KeysRoundTripThroughTokenStrings) {
  for (const auto& event : {MakeEvent("a", "KG", Date(2018, 6)), MakeEvent("b", "KG", Date(0))}) {
    EventKey key = KeyOfEvent(event);
    auto decoded = DecodeEventKey(EncodeEventKey(key), "page_token");
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, key);
  }
}

TEST(EventOrderTest, RejectsKeysItDidNotMake) {
  EXPECT_FALSE(DecodeEventKey({}, "page_token").ok());
  EXPECT_FALSE(DecodeEventKey({"d", "x", "1", "events/a"}, "page_token").ok());
  EXPECT_FALSE(DecodeEventKey({"d", "5", "9", "events/a"}, "page_token").ok());
  EXPECT_FALSE(DecodeEventKey({"q", "events/a"}, "page_token").ok());
}

}  // namespace
}  // namespace civicwatch::query
