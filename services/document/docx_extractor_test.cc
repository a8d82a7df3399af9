#include <string>

#include "gtest/gtest.h"
#include "services/document/document.h"
#include "services/document/test_documents.h"

namespace civicwatch::document {
namespace {

using testing::MakeDocx;
using testing::MakeZip;

TEST(DocxExtractorTest, RunsJoinedParagraphsKeptFootnotesAfter) {
  auto doc = ExtractDocument(MakeDocx(
      {{"On 4 June 2023 the ", "jour", "nalist ", "Olga ", "Ivano", "va was detained."},
       {"She was ", "released", " on bail."}},
      {"Source: court records."}));
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->media_type, MediaType::kDocx);
  EXPECT_EQ(doc->body,
            "On 4 June 2023 the journalist Olga Ivanova was detained.\n\n"
            "She was released on bail.\n\nSource: court records.");
  EXPECT_EQ(SpanAt(*doc, doc->body.find("released"))->element_path, "word/document.xml#p[2]");
  EXPECT_EQ(SpanAt(*doc, doc->body.find("Source"))->element_path, "word/footnotes.xml#p[3]");
}

TEST(DocxExtractorTest, CorePropertiesGiveTitleAndLanguage) {
  std::string core =
      "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
      "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<dc:title>Urgent action</dc:title><dc:language>ru-RU</dc:language></cp:coreProperties>";
  auto doc = ExtractDocument(MakeZip(
      {{"word/document.xml", testing::WordDocumentXml({{"Text."}})}, {"docProps/core.xml", core}}));
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->title, "Urgent action");
  EXPECT_EQ(doc->language, "ru-RU");
}

TEST(DocxExtractorTest, ZipBombIsRefused) {
  ExtractOptions options;
  options.limits.max_expanded_bytes = 1 << 20;
  std::string xml = testing::WordDocumentXml({{std::string(4 << 20, ' ')}});
  std::string bomb = MakeZip({{"word/document.xml", xml}});
  ASSERT_LT(bomb.size(), 64u << 10);
  auto doc = ExtractDocument(bomb, options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(doc.status().message().find("DOCX expands past the 1 MiB limit"), std::string::npos)
      << doc.status();
}

TEST(DocxExtractorTest, ArchiveOfTooManyPartsIsRefusedBeforeOpening) {
  std::string zip = MakeDocx({{"text"}});
  size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  ASSERT_NE(eocd, std::string::npos);
  zip[eocd + 10] = '\xFF';  // total entries: 65535
  zip[eocd + 11] = '\xFF';
  auto doc = ExtractDocument(zip);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(doc.status().message().find("65535 parts"), std::string::npos) << doc.status();
}

TEST(DocxExtractorTest, BrokenXmlAndBrokenZip) {
  auto xml = ExtractDocument(MakeZip({{"word/document.xml", "<w:document><w:body>"}}));
  ASSERT_FALSE(xml.ok());
  EXPECT_NE(xml.status().message().find("not well-formed XML"), std::string::npos)
      << xml.status();
  std::string zip = MakeDocx({{"text"}});
  zip.resize(zip.size() / 2);
  auto cut = ExtractDocument(zip);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(DocxExtractorTest, DeepXmlIsRefused) {
  std::string xml =
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";
  for (int i = 0; i < 100; ++i) xml += "<w:x>";
  ExtractOptions options;
  options.limits.max_nesting_depth = 50;
  auto doc = ExtractDocument(MakeZip({{"word/document.xml", xml}}), options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace civicwatch::document
