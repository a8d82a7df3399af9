#include "gtest/gtest.h"
#include "services/document/document.h"
#include "services/document/test_documents.h"

namespace civicwatch::document {
namespace {

TEST(SniffMediaTypeTest, DecidesFromContent) {
  EXPECT_EQ(SniffMediaType(testing::MakePdf({{"x"}})), MediaType::kPdf);
  EXPECT_EQ(SniffMediaType(testing::MakeDocx({{"x"}})), MediaType::kDocx);
  EXPECT_EQ(SniffMediaType("<!DOCTYPE html><html><body>x</body></html>"), MediaType::kHtml);
  EXPECT_EQ(SniffMediaType("  \n<p>A paragraph</p>"), MediaType::kHtml);
  EXPECT_EQ(SniffMediaType("<!-- saved from url=(0014)about:internet -->\n<html>"),
            MediaType::kHtml);
  EXPECT_EQ(SniffMediaType("\xEF\xBB\xBF<html lang=\"en\">"), MediaType::kHtml);
  EXPECT_EQ(SniffMediaType(std::string("\xFF\xFE<\0h\0t\0m\0l\0>\0", 14)), MediaType::kHtml);
  EXPECT_EQ(SniffMediaType("On 3 May police detained a journalist."), MediaType::kPlainText);
  EXPECT_EQ(SniffMediaType("<b>not closed is still html"), MediaType::kHtml);
  EXPECT_EQ(SniffMediaType("a < b and <c> is text"), MediaType::kPlainText);
  EXPECT_EQ(SniffMediaType(std::string("\x7F" "ELF\0\0\0", 7)), MediaType::kUnknown);
  EXPECT_EQ(SniffMediaType(testing::MakeZip({{"a.txt", "hello"}})), MediaType::kUnknown);
  EXPECT_EQ(SniffMediaType(""), MediaType::kUnknown);
}

TEST(MediaTypeNameTest, RoundTrips) {
  for (MediaType t : {MediaType::kPlainText, MediaType::kHtml, MediaType::kPdf, MediaType::kDocx}) {
    EXPECT_EQ(MediaTypeFromName(MediaTypeName(t)), t);
  }
  EXPECT_EQ(MediaTypeFromName("Text/HTML; charset=windows-1251"), MediaType::kHtml);
  EXPECT_EQ(MediaTypeFromName("image/png"), MediaType::kUnknown);
}

TEST(ExtractDocumentTest, RefusesEmptyAndUnknownAndMislabelled) {
  auto empty = ExtractDocument("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(empty.status().message().find("empty (0 bytes)"), std::string::npos);

  auto binary = ExtractDocument(std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  ASSERT_FALSE(binary.ok());
  EXPECT_NE(binary.status().message().find("unknown type"), std::string::npos);

  auto zip = ExtractDocument(testing::MakeZip({{"a.txt", "hello"}}));
  ASSERT_FALSE(zip.ok());
  EXPECT_NE(zip.status().message().find("no word/document.xml"), std::string::npos);

  ExtractOptions pdf;
  pdf.declared_type = MediaType::kPdf;
  auto mislabelled = ExtractDocument("plain words", pdf);
  ASSERT_FALSE(mislabelled.ok());
  EXPECT_NE(mislabelled.status().message().find("declared application/pdf"), std::string::npos);

  auto blank = ExtractDocument("   \n\t  ");
  ASSERT_FALSE(blank.ok());
  EXPECT_NE(blank.status().message().find("holds no text"), std::string::npos);
}

TEST(ExtractDocumentTest, InputSizeLimit) {
  ExtractOptions options;
  options.limits.max_input_bytes = 10;
  auto big = ExtractDocument("eleven char", options);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(ExtractDocumentTest, DeclaredPlainTextKeepsMarkup) {
  ExtractOptions options;
  options.declared_type = MediaType::kPlainText;
  auto doc = ExtractDocument("<p>kept</p>", options);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->body, "<p>kept</p>");
  EXPECT_EQ(doc->media_type, MediaType::kPlainText);
}

}  // namespace
}  // namespace civicwatch::document
