// Runs the commands that send, read and save reports (ingest, import,
// report get, normalize) against a mock connection.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "civicwatch/mocks/mock_connection.h"
#include "cli.h"
#include "gmock/gmock.h"
#include "commands_test_fixture.h"
#include "report_files.h"
#include "gtest/gtest.h"
#include "services/document/test_documents.h"

namespace civicwatch::cli {
namespace {

using ::testing::_;
using ::testing::HasSubstr;
using ::testing::Return;

class ReportCommandsTest : public CommandsTest {};

TEST_F(ReportCommandsTest, ImportSendsRecordsAndNamesTheLinesAtFault) {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("cw_import_test_" + std::to_string(::getpid()));
  std::ofstream(file)
      << "{\"externalId\": \"a\", \"event\": {\"countryCode\": \"KG\"}}\n"
      << "\n"
      << "this is not json\n"
      << "{\"externalId\": \"b\", \"source\": \"own\", \"event\": {}}\n";
  std::vector<v1::IncidentRecord> sent;
  EXPECT_CALL(*mock_, ImportIncidents(_))
      .WillOnce([&](const std::vector<v1::IncidentRecord>& records) {
        sent = records;
        v1::ImportIncidentsResponse resp;
        resp.set_created(1);
        v1::RejectedRecord* r = resp.add_rejected();
        r->set_index(1);
        r->set_external_id("b");
        r->set_field("event.country_code");
        r->set_reason("required");
        return resp;
      });
  EXPECT_EQ(Run({"import", file.string(), "--source", "partner/cases"}), kExitFailure);
  fs::remove(file);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].external_id(), "a");
  EXPECT_EQ(sent[0].source(), "partner/cases");  // filled by --source
  EXPECT_EQ(sent[0].event().country_code(), "KG");
  EXPECT_EQ(sent[1].source(), "own");  // kept
  EXPECT_THAT(err_.str(), HasSubstr(":3: not an incident record"));
  EXPECT_THAT(err_.str(), HasSubstr(":4: rejected record b: event.country_code: required"));
  EXPECT_THAT(out_.str(), HasSubstr("imported 1 created, 0 updated, 0 unchanged; 1 rejected, 1 failed"));
}

TEST_F(ReportCommandsTest, IngestGoesOnAfterAFailure) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("cw_ingest_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.txt") << "Report A";
  std::ofstream(dir / "b.txt") << "Report B";
  std::ofstream(dir / "empty.txt") << "  \n";
  std::ofstream(dir / "a.gold.json") << "{}";
  std::vector<std::string> ids;
  EXPECT_CALL(*mock_, CreateReport(_))
      .WillOnce([&](const v1::CreateReportRequest& r) -> absl::StatusOr<v1::CreateReportResponse> {
        ids.push_back(r.request_id());
        v1::CreateReportResponse resp;
        resp.mutable_report()->set_name("reports/a");
        resp.add_events();
        resp.add_events();
        return resp;
      })
      .WillOnce(Return(absl::InvalidArgumentError("bad")));
  int code = Run({"ingest", dir.string(), (dir / "missing.txt").string()});
  EXPECT_EQ(code, kExitFailure);
  EXPECT_THAT(out_.str(), HasSubstr("ingested 1 report, 2 events; 3 failed"));
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0].rfind("sha256-", 0), 0u);
  EXPECT_EQ(ids[0].size(), 7u + 64u);
  fs::remove_all(dir);
}

// A folder of documents of every kind: each is read by content, sent as
// its text, and a bad one fails with its reason without stopping the rest.
TEST_F(ReportCommandsTest, IngestReadsDocumentsOfEveryKind) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("cw_ingest_docs_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "page.htm")
      << "<html><head><title>T</title></head><body><nav>Home Menu</nav><article><h1>Arrest</h1>"
         "<p>On 3 May 2022 police detained Dana &amp; Ali.</p></article>"
         "<footer>Copyright</footer></body></html>";
  // windows-1251: "Задержан журналист." under a name that says nothing.
  std::ofstream(dir / "ru.txt", std::ios::binary)
      << "\xC7\xE0\xE4\xE5\xF0\xE6\xE0\xED \xE6\xF3\xF0\xED\xE0\xEB\xE8\xF1\xF2.";
  std::ofstream(dir / "note.docx", std::ios::binary)
      << document::testing::MakeDocx({{"Fined on 2 June ", "20", "23."}});
  std::ofstream(dir / "locked.pdf", std::ios::binary)
      << document::testing::MakePdf({{"secret"}}, /*encrypted_with_password=*/true);
  std::ofstream(dir / "zero.pdf", std::ios::binary);
  std::vector<v1::ReportOriginal> sent;
  std::vector<std::string> ids;
  EXPECT_CALL(*mock_, CreateReport(_))
      .Times(3)
      .WillRepeatedly([&](const v1::CreateReportRequest& r)
                          -> absl::StatusOr<v1::CreateReportResponse> {
        EXPECT_TRUE(r.report().body().empty());
        sent.push_back(r.report().original());
        ids.push_back(r.request_id());
        v1::CreateReportResponse resp;
        resp.mutable_report()->set_name("reports/x");
        return resp;
      });
  int code = Run({"ingest", dir.string()});
  EXPECT_EQ(code, kExitFailure);
  EXPECT_THAT(out_.str(), HasSubstr("locked.pdf: the PDF is encrypted (password-protected)"));
  EXPECT_THAT(out_.str(), HasSubstr("zero.pdf: the document is empty (0 bytes)"));
  EXPECT_THAT(out_.str(), HasSubstr("ingested 3 reports, 0 events; 2 failed"));
  // Each file goes as it is, with the type it was read as; the request id
  // is the hash of the text read from it.
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].media_type(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(sent[0].content().substr(0, 2), "PK");  // the archive itself
  EXPECT_EQ(ids[0], ContentRequestId("Fined on 2 June 2023."));
  EXPECT_EQ(sent[1].media_type(), "text/html");
  EXPECT_THAT(sent[1].content(), HasSubstr("<nav>Home Menu</nav>"));
  EXPECT_EQ(ids[1], ContentRequestId("Arrest\n\nOn 3 May 2022 police detained Dana & Ali."));
  EXPECT_EQ(sent[2].media_type(), "text/plain");
  EXPECT_EQ(sent[2].content(), "\xC7\xE0\xE4\xE5\xF0\xE6\xE0\xED \xE6\xF3\xF0\xED\xE0\xEB\xE8\xF1\xF2.");
  EXPECT_EQ(ids[2], ContentRequestId("Задержан журналист."));
  fs::remove_all(dir);
}

// `report get NAME --original FILE` asks for the full view and writes the
// bytes when their SHA-256 is the one stored; damaged bytes write nothing.
TEST_F(ReportCommandsTest, ReportGetSavesTheOriginal) {
  namespace fs = std::filesystem;
  const fs::path file = fs::temp_directory_path() / ("cw_original_" + std::to_string(::getpid()));
  v1::Report report;
  report.set_name("reports/abc");
  report.set_body("Text.");
  report.mutable_original()->set_media_type("application/pdf");
  report.mutable_original()->set_content("%PDF-1.4 bytes");
  report.mutable_original()->set_sha256(ContentRequestId("%PDF-1.4 bytes").substr(7));
  report.mutable_original()->set_size_bytes(14);
  v1::ReportView view = v1::REPORT_VIEW_UNSPECIFIED;
  EXPECT_CALL(*mock_, GetReport(_))
      .WillOnce([&](const v1::GetReportRequest& r) -> absl::StatusOr<v1::Report> {
        view = r.view();
        EXPECT_EQ(r.name(), "reports/abc");
        return report;
      })
      .WillOnce([&](const v1::GetReportRequest&) -> absl::StatusOr<v1::Report> {
        v1::Report damaged = report;
        damaged.mutable_original()->set_content("%PDF-1.4 bytez");
        return damaged;
      });
  EXPECT_EQ(Run({"report", "get", "abc", "--original", file.string()}), kExitOk) << err_.str();
  EXPECT_EQ(view, v1::REPORT_VIEW_FULL);
  std::ifstream in(file, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "%PDF-1.4 bytes");
  EXPECT_THAT(out_.str(), HasSubstr("original:     application/pdf, 14 bytes"));
  fs::remove(file);
  EXPECT_EQ(Run({"report", "get", "abc", "--original", file.string()}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("arrived damaged"));
  EXPECT_FALSE(fs::exists(file));
}

TEST_F(ReportCommandsTest, IngestSendsTheSourceUriOfOneFile) {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("cw_source_uri_" + std::to_string(::getpid()) + ".txt");
  std::ofstream(file) << "Report text.";
  std::string uri;
  EXPECT_CALL(*mock_, CreateReport(_))
      .WillOnce([&](const v1::CreateReportRequest& r) -> absl::StatusOr<v1::CreateReportResponse> {
        uri = r.report().source_uri();
        return v1::CreateReportResponse();
      });
  EXPECT_EQ(Run({"ingest", file.string(), "--source_uri", "https://example.org/r/1"}), kExitOk);
  EXPECT_EQ(uri, "https://example.org/r/1");
  EXPECT_EQ(Run({"ingest", file.string(), file.string(), "--source_uri", "https://x"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--source_uri names one report"));
  fs::remove(file);
}

TEST_F(ReportCommandsTest, NormalizeReadsDocumentsOffline) {
  namespace fs = std::filesystem;
  fs::path base = fs::temp_directory_path() / ("cw_normalize_" + std::to_string(::getpid()));
  std::ofstream(base.string() + ".pdf", std::ios::binary) << document::testing::MakePdf(
      {{"Kyrgyzstan update", "", "On 12 March 2021 police in Bishkek detained the journalist",
        "Aziz Usenov."}});
  EXPECT_EQ(Run({"normalize", base.string() + ".pdf", "--format", "table"}), kExitOk)
      << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("document:   application/pdf"));
  EXPECT_THAT(out_.str(), HasSubstr("1 event"));

  std::ofstream(base.string() + ".txt", std::ios::binary) << "\xEA\xEF\xCC";  // KOI8-R
  out_.str("");
  EXPECT_EQ(Run({"normalize", base.string() + ".txt", "--encoding", "no-such", "--format", "table"}),
            kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("unknown character encoding \"no-such\""));
  EXPECT_EQ(Run({"normalize", base.string() + ".txt", "--max_pages", "0"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--max_pages must be a whole number"));

  std::string deep = "<html><body>";
  for (int i = 0; i < 300; ++i) deep += "<div>";
  std::ofstream(base.string() + ".html") << deep << "text";
  EXPECT_EQ(Run({"normalize", base.string() + ".html"}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("the HTML nests deeper than 256 elements"));
  EXPECT_EQ(Run({"normalize", base.string() + ".html", "--max_nesting_depth", "400"}), kExitOk);
  for (const char* ext : {".pdf", ".txt", ".html"}) fs::remove(base.string() + ext);
}

}  // namespace
}  // namespace civicwatch::cli
