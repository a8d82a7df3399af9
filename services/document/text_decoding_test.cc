#include <unicode/unistr.h>

#include <string>

#include "gtest/gtest.h"
#include "services/document/document.h"
#include "services/document/text_decoding.h"

namespace civicwatch::document {
namespace {

// `utf8` in the single-byte or UTF-16 encoding `encoding`.
std::string Encode(const std::string& utf8, const char* encoding) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = text.extract(0, text.length(), out.data(), static_cast<uint32_t>(out.size()), encoding);
  out.resize(n);
  return out;
}

const char kShortRussian[] = "Задержан журналист.";
const char kRussian[] =
    "12 марта 2021 года в Минске сотрудники милиции задержали журналиста Ивана Петрова. "
    "Суд приговорил его к 15 суткам административного ареста за участие в акции.";

TEST(DecodeTextTest, Utf8TakenAsIs) {
  auto d = DecodeText(kRussian, "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, kRussian);
  EXPECT_EQ(d->encoding, "UTF-8");
}

TEST(DecodeTextTest, ByteOrderMarks) {
  auto utf8 = DecodeText(std::string("\xEF\xBB\xBF") + kRussian, "");
  ASSERT_TRUE(utf8.ok());
  EXPECT_EQ(utf8->utf8, kRussian);

  std::string le = std::string("\xFF\xFE") + Encode(kRussian, "UTF-16LE");
  auto d = DecodeText(le, "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, kRussian);
  EXPECT_EQ(d->encoding, "UTF-16LE");

  std::string be = std::string("\xFE\xFF") + Encode(kRussian, "UTF-16BE");
  auto b = DecodeText(be, "");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->utf8, kRussian);
  EXPECT_EQ(b->encoding, "UTF-16BE");
}

TEST(DecodeTextTest, Windows1251AndKoi8RBothComeOutRight) {
  for (const char* text : {kRussian, kShortRussian}) {
    auto cp1251 = DecodeText(Encode(text, "windows-1251"), "");
    ASSERT_TRUE(cp1251.ok());
    EXPECT_EQ(cp1251->utf8, text);
    EXPECT_EQ(cp1251->encoding, "windows-1251");

    auto koi8 = DecodeText(Encode(text, "KOI8-R"), "");
    ASSERT_TRUE(koi8.ok());
    EXPECT_EQ(koi8->utf8, text);
    EXPECT_EQ(koi8->encoding, "KOI8-R");
  }
}

TEST(DecodeTextTest, LatinSingleByteIsNotTakenForRussian) {
  const std::string french = "Le journaliste a été arrêté à Genève le 3 mai; il a été libéré.";
  auto d = DecodeText(Encode(french, "windows-1252"), "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, french);
}

TEST(DecodeTextTest, OverrideWinsAndUnknownNamesAreRefused) {
  std::string bytes = Encode(kShortRussian, "KOI8-R");
  auto forced = DecodeText(bytes, "windows-1251");
  ASSERT_TRUE(forced.ok());
  EXPECT_NE(forced->utf8, kShortRussian);
  auto unknown = DecodeText(bytes, "no-such-charset");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("no-such-charset"), std::string::npos);
}

TEST(ExtractDocumentTest, PlainTextInCyrillicEncodingsThroughTheFrontDoor) {
  auto doc = ExtractDocument(Encode(kRussian, "KOI8-R"));
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->body, kRussian);
  EXPECT_EQ(doc->media_type, MediaType::kPlainText);
  ExtractOptions options;
  options.encoding = "KOI8-R";
  auto forced = ExtractDocument(Encode(kShortRussian, "KOI8-R"), options);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced->body, kShortRussian);
}

}  // namespace
}  // namespace civicwatch::document
