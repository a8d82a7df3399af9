#include <string>

#include "gtest/gtest.h"
#include "services/document/document.h"
#include "services/document/test_documents.h"

namespace civicwatch::document {
namespace {

using testing::MakePdf;

std::vector<std::vector<std::string>> ThreePages() {
  return {
      {"Rights Monitor - Quarterly update", "On 3 May 2022 police in Almaty detained the",
       "activist Dana Seitkali outside the court build-",
       "ing where her colleague was being tried for taking part in a",
       "peaceful protest.", "", "She was fined 50,000 tenge.", "Page 1 of 3"},
      {"Rights Monitor - Quarterly update", "On 9 May 2022 the authorities blocked access to an",
       "independent news website for publishing reports on the events.", "Page 2 of 3"},
      {"Rights Monitor - Quarterly update", "The website was unblocked on 20 May 2022.",
       "3"},
  };
}

TEST(PdfExtractorTest, ReadingOrderWithoutRunningLinesAndHyphensJoined) {
  auto doc = ExtractDocument(MakePdf(ThreePages(), false, "Quarterly update"));
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->media_type, MediaType::kPdf);
  EXPECT_EQ(doc->title, "Quarterly update");
  EXPECT_EQ(doc->body,
            "On 3 May 2022 police in Almaty detained the activist Dana Seitkali outside the court "
            "building where her colleague was being tried for taking part in a peaceful "
            "protest.\n\nShe was fined 50,000 tenge.\n\n"
            "On 9 May 2022 the authorities blocked access to an independent news website for "
            "publishing reports on the events.\n\nThe website was unblocked on 20 May 2022.");
}

TEST(PdfExtractorTest, SpansGivePages) {
  auto doc = ExtractDocument(MakePdf(ThreePages()));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(SpanAt(*doc, doc->body.find("police"))->page, 1);
  EXPECT_EQ(SpanAt(*doc, doc->body.find("blocked"))->page, 2);
  EXPECT_EQ(SpanAt(*doc, doc->body.find("unblocked"))->page, 3);
}

TEST(PdfExtractorTest, EncryptedIsRefused) {
  auto doc = ExtractDocument(MakePdf(ThreePages(), true));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(doc.status().message().find("encrypted"), std::string::npos) << doc.status();
}

TEST(PdfExtractorTest, ScannedWithoutTextLayerIsRefused) {
  auto doc = ExtractDocument(testing::MakeImageOnlyPdf(2));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(doc.status().message().find("scanned PDF without a text layer"), std::string::npos)
      << doc.status();
}

TEST(PdfExtractorTest, CorruptAndPageLimit) {
  auto corrupt = ExtractDocument("%PDF-1.4\n1 0 obj << /Type /Catalog broken");
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(corrupt.status().message().find("corrupt"), std::string::npos) << corrupt.status();

  ExtractOptions options;
  options.limits.max_pages = 2;
  auto too_long = ExtractDocument(MakePdf(ThreePages()), options);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(too_long.status().message().find("3 pages"), std::string::npos);
}

}  // namespace
}  // namespace civicwatch::document
