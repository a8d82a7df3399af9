#include "services/common/page_token.h"

#include "gtest/gtest.h"

namespace civicwatch {
namespace {

TEST(PageTokenTest, RoundTrips) {
  PageCursor c{"abc", {"2018-06", "events/x"}};
  std::string token = EncodePageToken(c);
  auto back = DecodePageToken(token, "abc");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->last_key, c.last_key);
}

TEST(PageTokenTest, RejectsOtherRequest) {
  std::string token = EncodePageToken({"abc", {"1"}});
  auto back = DecodePageToken(token, "abd");
  EXPECT_EQ(back.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(back.status().message().find("page_token"), absl::string_view::npos);
}

TEST(PageTokenTest, RejectsTamperedAndGarbage) {
  std::string token = EncodePageToken({"abc", {"1"}});
  std::string tampered = token;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(DecodePageToken(tampered, "abc").ok());
  EXPECT_FALSE(DecodePageToken("not a token!", "abc").ok());
  EXPECT_FALSE(DecodePageToken("", "abc").ok());
  EXPECT_FALSE(DecodePageToken(token.substr(0, 5), "abc").ok());
}

}  // namespace
}  // namespace civicwatch
