#include "services/text/utf8.h"

#include "gtest/gtest.h"

namespace civicwatch::text {
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

TEST(Utf8Test, DecodesAndEncodesCodePoints) {
  const std::string text = "aЖ–😀";
  size_t pos = 0;
  std::string again;
  for (char32_t expected : {U'a', U'Ж', U'–', U'😀'}) {
    const char32_t c = DecodeUtf8(text, &pos);
    EXPECT_EQ(c, expected);
    AppendUtf8(c, &again);
  }
  EXPECT_EQ(pos, text.size());
  EXPECT_EQ(again, text);
  pos = 0;
  EXPECT_EQ(DecodeUtf8("\xff", &pos), U'\uFFFD');
  EXPECT_EQ(pos, 1u);
  // A two-byte lead without its continuation byte, or at the very end.
  pos = 0;
  EXPECT_EQ(DecodeUtf8("\xd0" "A", &pos), U'\uFFFD');
  EXPECT_EQ(pos, 1u);
  pos = 0;
  EXPECT_EQ(DecodeUtf8("\xd0", &pos), U'\uFFFD');
  EXPECT_EQ(pos, 1u);
  // An overlong two-byte form of "/" is ill-formed.
  pos = 0;
  EXPECT_EQ(DecodeUtf8("\xc0\xaf", &pos), U'\uFFFD');
}

TEST(Utf8Test, CaseAndLetterTests) {
  EXPECT_TRUE(IsLetter(U'Ж'));
  EXPECT_TRUE(IsLetter(U'é'));
  EXPECT_FALSE(IsLetter(U'7'));
  EXPECT_TRUE(IsUpper(U'Ж'));
  EXPECT_FALSE(IsUpper(U'ж'));
  EXPECT_EQ(ToLower(U'Ё'), U'ё');
  EXPECT_EQ(LowerUtf8("ДЖАКУПОВА’S Émile"), "джакупова's émile");
  EXPECT_EQ(LowerUtf8("ЁЖИК Рыба ЯЩИК ЀЏ"), "ёжик рыба ящик ѐџ");
  EXPECT_EQ(LowerUtf8("АБВ\xd0"), "абв\xEF\xBF\xBD");
  EXPECT_TRUE(HasCyrillic("Bishkek (Бишкек)"));
  EXPECT_FALSE(HasCyrillic("Bishkek"));
}

}  // namespace
}  // namespace civicwatch::text
