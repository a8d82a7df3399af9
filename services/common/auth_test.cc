#include "services/common/auth.h"

#include "gtest/gtest.h"

namespace civicwatch::auth {
namespace {

TEST(AuthTest, ParsesTokenLines) {
  const std::string hash = Sha256Hex("secret-token");
  auto entries = ParseTokenFile("# comment\n\nsha256:" + hash +
                                " analyst-1 query.read,query.restricted\n");
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].sha256_hex, hash);
  EXPECT_EQ((*entries)[0].caller.principal, "analyst-1");
  EXPECT_TRUE((*entries)[0].caller.Has(kQueryRestricted));
  EXPECT_FALSE((*entries)[0].caller.Has(kIngestWrite));
}

TEST(AuthTest, RejectsMalformedLinesNamingTheLine) {
  auto bad_scope = ParseTokenFile("sha256:" + Sha256Hex("x") + " p query.everything\n");
  EXPECT_EQ(bad_scope.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad_scope.status().message().find("line 1"), std::string::npos);
  EXPECT_FALSE(ParseTokenFile("plaintext-token p query.read").ok());
  EXPECT_FALSE(ParseTokenFile("sha256:abc p query.read").ok());
  EXPECT_FALSE(ParseTokenFile("sha256:" + Sha256Hex("x")).ok());
}

TEST(AuthTest, Sha256HexIsTheStandardDigest) {
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace civicwatch::auth
