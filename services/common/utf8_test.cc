#include "services/common/utf8.h"

#include "gtest/gtest.h"

namespace civicwatch {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Bishkek"));
  EXPECT_TRUE(IsValidUtf8("Джакупова – “quote” 😀"));
}

TEST(Utf8Test, RejectsMalformedTextAndSaysWhere) {
  size_t at = 99;
  EXPECT_FALSE(IsValidUtf8("ab\xff", &at));
  EXPECT_EQ(at, 2u);
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // truncated
}

TEST(Utf8Test, ToValidUtf8ReplacesEachBadByte) {
  EXPECT_EQ(ToValidUtf8("Джакупова"), "Джакупова");
  EXPECT_EQ(ToValidUtf8("ab\xff"), "ab\xEF\xBF\xBD");
  EXPECT_EQ(ToValidUtf8("\xc0\xafx"), "\xEF\xBF\xBD\xEF\xBF\xBDx");
  EXPECT_EQ(ToValidUtf8("\xe2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(IsValidUtf8(ToValidUtf8("\xed\xa0\x80 \xf4\x90\x80\x80")));
}

}  // namespace
}  // namespace civicwatch
