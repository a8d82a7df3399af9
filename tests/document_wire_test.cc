// Documents over the wire, on the real binaries: CreateReport and
// NormalizeReport take a document's bytes (Report.original) and the ingest
// service extracts it as the civicwatch CLI does, giving the same events;
// a 20 MiB PDF goes through while every other method keeps its 8 MiB
// bound; bad documents are INVALID_ARGUMENT naming the field, with nothing
// stored; the original is kept once per distinct document, returned by
// GetReport with REPORT_VIEW_FULL, carried by a backup, saved by `civicwatch
// report get --original`; each event says where it is in the original, on
// the query service too.
#include <grpcpp/grpcpp.h>
#include <openssl/sha.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "civicwatch/v1/feed.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/common/sqlite.h"
#include "services/document/test_documents.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"
#include "tests/support/violated_field.h"

namespace civicwatch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::ServerProcess;
using testing::ViolatedField;

std::chrono::system_clock::time_point Deadline(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

v1::Report DocumentReport(std::string bytes, std::string media_type = "") {
  v1::Report report;
  report.mutable_original()->set_content(std::move(bytes));
  report.mutable_original()->set_media_type(std::move(media_type));
  return report;
}

// Three pages with an incident on each of the last two, padded to
// `size_bytes` as fonts and images pad a real PDF.
std::string IncidentPdf(size_t size_bytes) {
  return document::testing::MakePaddedPdf(
      {{"Kyrgyzstan: civic space update", "", "This update covers events in Kyrgyzstan."},
       {"On 3 May 2021 police detained journalist Aigul Nurlanova in Bishkek."},
       {"On 12 June 2021 a court in Osh fined blogger Bakyt Omurbekov for a post."}},
      size_bytes);
}

class DocumentWireTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("cw_document_wire");
    auto servers = testing::StartIngestAndQuery(dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    servers_ = *std::move(servers);
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 << 20);
    auto ingest_channel = grpc::CreateCustomChannel(servers_.ingest->address(),
                                                    grpc::InsecureChannelCredentials(), args);
    ingest_ = v1::IngestService::NewStub(ingest_channel);
    feed_ = v1::ChangeFeed::NewStub(ingest_channel);
    admin_ = v1::AdminService::NewStub(ingest_channel);
    query_ = v1::QueryService::NewStub(grpc::CreateCustomChannel(
        servers_.query->address(), grpc::InsecureChannelCredentials(), args));
  }
  void TearDown() override { fs::remove_all(dir_); }

  grpc::Status Create(const v1::Report& report, v1::CreateReportResponse* response,
                      const std::string& request_id = "") {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(120));
    v1::CreateReportRequest req;
    *req.mutable_report() = report;
    req.set_request_id(request_id);
    return ingest_->CreateReport(&ctx, req, response);
  }

  grpc::Status Get(const std::string& name, v1::ReportView view, v1::Report* report) {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(60));
    v1::GetReportRequest req;
    req.set_name(name);
    req.set_view(view);
    return ingest_->GetReport(&ctx, req, report);
  }

  int64_t StoredReports() {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(20));
    v1::ListReportsRequest req;
    v1::ListReportsResponse resp;
    grpc::Status s = ingest_->ListReports(&ctx, req, &resp);
    return s.ok() ? resp.total_size() : -1;
  }

  // Rows of the originals table, read from the ingest database.
  int64_t StoredOriginals() {
    auto db = sqlite::Database::Open(dir_ + "/ingest/ingest.db", /*read_only=*/true);
    if (!db.ok()) return -1;
    auto st = (*db)->Prepare("SELECT COUNT(*) FROM originals");
    if (!st.ok()) return -1;
    auto row = st->Step();
    return row.ok() && *row ? st->ColumnInt(0) : -1;
  }

  // Runs `civicwatch ARGS --ingest_address ...`; returns the exit code and
  // sets `*output` to what it printed.
  int RunCli(std::vector<std::string> args, std::string* output) {
    args.push_back("--ingest_address=" + servers_.ingest->address());
    const std::string log = absl::StrCat(dir_, "/cli-", runs_++, ".log");
    int code = ServerProcess::RunToExit(CIVICWATCH_CLI_BIN, args, log, absl::Seconds(120));
    *output = ReadFile(log);
    return code;
  }

  // The event `name` as the query service serves it, once its replica has
  // it.
  absl::StatusOr<v1::Event> EventOnQuery(const std::string& name) {
    const absl::Time give_up = absl::Now() + absl::Seconds(20);
    while (true) {
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline(10));
      v1::GetEventRequest req;
      req.set_name(name);
      v1::Event event;
      grpc::Status s = query_->GetEvent(&ctx, req, &event);
      if (s.ok()) return event;
      if (absl::Now() > give_up) return absl::DeadlineExceededError(s.error_message());
      absl::SleepFor(absl::Milliseconds(100));
    }
  }

  std::string dir_;
  int runs_ = 0;
  testing::IngestAndQuery servers_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::ChangeFeed::Stub> feed_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::QueryService::Stub> query_;
};

// Every document of the test set, sent as bytes: NormalizeReport finds
// exactly the events `civicwatch normalize FILE` finds offline, and
// CreateReport stores them, each located in the original.
TEST_F(DocumentWireTest, EveryDocumentGivesTheEventsTheCliFinds) {
  int documents = 0;
  for (const auto& entry : fs::directory_iterator(CIVICWATCH_DOCUMENTS_DIR)) {
    const std::string path = entry.path().string();
    if (absl::EndsWith(path, ".twin.txt")) continue;
    SCOPED_TRACE(path);
    ++documents;
    const std::string bytes = ReadFile(path);

    std::string out;
    ASSERT_EQ(RunCli({"normalize", path, "--format=json"}, &out), 0) << out;
    v1::NormalizeReportResponse offline;
    for (absl::string_view line : absl::StrSplit(out, '\n')) {
      if (absl::StartsWith(line, "{")) {
        ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(line), &offline).ok());
      }
    }
    ASSERT_GT(offline.events_size(), 0) << out;

    v1::NormalizeReportResponse online;
    {
      grpc::ClientContext ctx;
      ctx.set_deadline(Deadline(60));
      v1::NormalizeReportRequest req;
      *req.mutable_report() = DocumentReport(bytes);
      grpc::Status s = ingest_->NormalizeReport(&ctx, req, &online);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
    ASSERT_EQ(online.events_size(), offline.events_size());
    for (int i = 0; i < online.events_size(); ++i) {
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(online.events(i),
                                                                     offline.events(i)))
          << "event " << i << "\nservice: " << online.events(i).ShortDebugString()
          << "\ncli:     " << offline.events(i).ShortDebugString();
    }
    EXPECT_EQ(online.report().title(), offline.report().title());
    EXPECT_FALSE(online.report().body().empty());
    EXPECT_TRUE(online.report().original().content().empty());

    v1::CreateReportResponse created;
    grpc::Status s = Create(DocumentReport(bytes), &created);
    ASSERT_TRUE(s.ok()) << s.error_message();
    const v1::ReportOriginal& original = created.report().original();
    EXPECT_EQ(original.sha256(), Sha256Hex(bytes));
    EXPECT_EQ(original.size_bytes(), static_cast<int64_t>(bytes.size()));
    EXPECT_TRUE(original.content().empty());
    ASSERT_EQ(created.events_size(), offline.events_size());
    for (const v1::Event& event : created.events()) {
      const v1::Provenance* own = nullptr;
      for (const v1::Provenance& p : event.provenance()) {
        if (p.report() == created.report().name()) own = &p;
      }
      ASSERT_NE(own, nullptr) << event.ShortDebugString();
      const v1::OriginalLocation& where = own->original_location();
      if (absl::EndsWith(path, ".pdf")) {
        EXPECT_EQ(original.media_type(), "application/pdf");
        EXPECT_GE(where.page(), 1) << event.ShortDebugString();
      } else if (absl::EndsWith(path, ".docx")) {
        EXPECT_THAT(where.element_path(), ::testing::StartsWith("word/"));
      } else if (absl::EndsWith(path, ".html")) {
        EXPECT_EQ(original.media_type(), "text/html");
        EXPECT_THAT(where.element_path(), ::testing::StartsWith("html/"));
        EXPECT_GT(where.end_offset(), where.start_offset());
      } else {
        EXPECT_EQ(original.media_type(), "text/plain");
        EXPECT_FALSE(original.encoding().empty());
        EXPECT_GT(where.end_offset(), where.start_offset());
      }
    }
  }
  EXPECT_EQ(documents, 18);
  EXPECT_EQ(StoredReports(), 18);
  EXPECT_EQ(StoredOriginals(), 18);
}

// A 20 MiB PDF goes through CreateReport; its events know their pages, on
// the query service too; one byte more is refused naming the field; every
// other method still refuses requests over 8 MiB, naming the field.
TEST_F(DocumentWireTest, ATwentyMebibytePdfGoesThroughAndOtherMethodsKeepTheirBound) {
  const std::string pdf = IncidentPdf(size_t{20} << 20);
  ASSERT_LE(pdf.size(), size_t{20} << 20);
  ASSERT_GE(pdf.size(), (size_t{20} << 20) - 64);

  v1::CreateReportResponse created;
  grpc::Status s = Create(DocumentReport(pdf, "application/pdf"), &created);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(created.report().country_code(), "KG");
  EXPECT_EQ(created.report().original().size_bytes(), static_cast<int64_t>(pdf.size()));
  ASSERT_EQ(created.events_size(), 2);
  EXPECT_EQ(created.events(0).provenance(0).original_location().page(), 2);
  EXPECT_EQ(created.events(1).provenance(0).original_location().page(), 3);
  auto on_query = EventOnQuery(created.events(1).name());
  ASSERT_TRUE(on_query.ok()) << on_query.status();
  EXPECT_EQ(on_query->provenance(0).original_location().page(), 3);

  v1::Report full;
  s = Get(created.report().name(), v1::REPORT_VIEW_FULL, &full);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(full.original().content().size(), pdf.size());
  EXPECT_EQ(Sha256Hex(full.original().content()), Sha256Hex(pdf));

  {
    std::string over = pdf;
    over.append((size_t{20} << 20) + 1 - over.size(), ' ');
    v1::CreateReportResponse r;
    s = Create(DocumentReport(over), &r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
    EXPECT_EQ(ViolatedField(s), "report.original.content");
  }
  const std::string nine_mib(size_t{9} << 20, 'a');
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(30));
    v1::GetReportRequest req;
    req.set_name(nine_mib);
    v1::Report r;
    s = ingest_->GetReport(&ctx, req, &r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
    EXPECT_EQ(ViolatedField(s), "name");
  }
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(30));
    v1::ListReportsRequest req;
    req.set_page_token(nine_mib);
    v1::ListReportsResponse r;
    s = ingest_->ListReports(&ctx, req, &r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
    EXPECT_EQ(ViolatedField(s), "page_token");
  }
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(30));
    v1::UpdateEventRequest req;
    req.mutable_event()->set_name(created.events(0).name());
    req.mutable_event()->set_summary(nine_mib);
    req.mutable_update_mask()->add_paths("summary");
    v1::Event r;
    s = ingest_->UpdateEvent(&ctx, req, &r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
    EXPECT_EQ(ViolatedField(s), "event.summary");
  }
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(30));
    v1::GetServerInfoRequest req;
    req.GetReflection()->MutableUnknownFields(&req)->AddLengthDelimited(99, nine_mib);
    v1::ServerInfo r;
    s = admin_->GetServerInfo(&ctx, req, &r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
  }
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(30));
    v1::WatchChangesRequest req;
    req.GetReflection()->MutableUnknownFields(&req)->AddLengthDelimited(99, nine_mib);
    auto reader = feed_->WatchChanges(&ctx, req);
    v1::WatchChangesResponse r;
    EXPECT_FALSE(reader->Read(&r));
    s = reader->Finish();
    EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
  }
  // Still serving, with the one report.
  EXPECT_EQ(StoredReports(), 1);
}

// Each bad document: INVALID_ARGUMENT naming report.original.content with
// the reason, nothing stored, the service still up.
TEST_F(DocumentWireTest, BadDocumentsAreInvalidArgumentAndStoreNothing) {
  std::string deep = "<html><body>";
  for (int i = 0; i < 1000000; ++i) deep += "<div>";
  deep += "text";
  struct Bad {
    std::string what;
    std::string bytes;
    std::string reason;
  };
  const std::vector<Bad> bad = {
      {"corrupt PDF", "%PDF-1.7\n1 0 obj << /Type /Catalog", "the PDF is corrupt"},
      {"zip bomb", document::testing::MakeZip({{"word/document.xml", std::string(80u << 20, ' ')}}),
       "the DOCX expands past the 64 MiB limit"},
      {"deep HTML", deep, "the HTML nests deeper than 256 elements"},
      {"0 bytes", "", "the document is empty (0 bytes)"},
      {"password-protected PDF",
       document::testing::MakePdf({{"On 1 May 2022 police detained a journalist."}}, true),
       "the PDF is encrypted (password-protected)"},
  };
  for (const Bad& b : bad) {
    SCOPED_TRACE(b.what);
    const absl::Time start = absl::Now();
    v1::CreateReportResponse r;
    grpc::Status s = Create(DocumentReport(b.bytes), &r);
    EXPECT_LT(absl::Now() - start, absl::Seconds(20));
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
    EXPECT_EQ(ViolatedField(s), "report.original.content");
    EXPECT_THAT(s.error_message(), HasSubstr(b.reason));
  }
  {
    v1::Report both = DocumentReport(document::testing::MakeDocx({{"Text."}}));
    both.set_body("Text.");
    v1::CreateReportResponse r;
    grpc::Status s = Create(both, &r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(ViolatedField(s), "report.body");
  }
  {
    v1::CreateReportResponse r;
    grpc::Status s = Create(DocumentReport("text", "image/png"), &r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(ViolatedField(s), "report.original.media_type");
  }
  EXPECT_EQ(StoredReports(), 0);
  EXPECT_EQ(StoredOriginals(), 0);

  // The service's limits are its flags.
  ServerProcess strict(CIVICWATCH_INGEST_BIN,
                       {"--data_dir=" + dir_ + "/strict", "--document_max_pages=2"},
                       dir_ + "/strict.log");
  ASSERT_TRUE(strict.Start().ok()) << strict.ReadLog();
  auto stub = v1::IngestService::NewStub(
      grpc::CreateChannel(strict.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(Deadline(30));
  v1::CreateReportRequest req;
  *req.mutable_report() = DocumentReport(IncidentPdf(10000));
  v1::CreateReportResponse r;
  grpc::Status s = stub->CreateReport(&ctx, req, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_EQ(ViolatedField(s), "report.original.content");
  EXPECT_THAT(s.error_message(), HasSubstr("the PDF has 3 pages, over the limit of 2"));
  strict.Stop(SIGTERM);
}

// The original comes back byte for byte only when asked for, is stored
// once however often it is sent, goes when a new version supersedes its
// report, and survives a backup and a restore.
TEST_F(DocumentWireTest, OriginalsRoundTripOnceEachAndSurviveABackup) {
  const std::string docx = document::testing::MakeDocx(
      {{"Kyrgyzstan: update"}, {"On 3 May 2021 police det", "ained journalist Aigul Nurlanova."}});
  v1::Report report = DocumentReport(docx);
  report.set_source_uri("https://example.org/kg/2021");
  v1::CreateReportResponse first;
  grpc::Status s = Create(report, &first, "first");
  ASSERT_TRUE(s.ok()) << s.error_message();
  const std::string name = first.report().name();
  EXPECT_EQ(first.report().original().media_type(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

  v1::Report basic;
  ASSERT_TRUE(Get(name, v1::REPORT_VIEW_UNSPECIFIED, &basic).ok());
  EXPECT_EQ(basic.original().sha256(), Sha256Hex(docx));
  EXPECT_TRUE(basic.original().content().empty());
  EXPECT_THAT(basic.body(), HasSubstr("detained journalist"));
  v1::Report full;
  ASSERT_TRUE(Get(name, v1::REPORT_VIEW_FULL, &full).ok());
  EXPECT_EQ(full.original().content(), docx);
  EXPECT_EQ(Sha256Hex(full.original().content()), full.original().sha256());
  {
    grpc::ClientContext ctx;
    v1::GetReportRequest req;
    req.set_name(name);
    req.set_view(static_cast<v1::ReportView>(7));
    v1::Report r;
    s = ingest_->GetReport(&ctx, req, &r);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(ViolatedField(s), "view");
  }

  // The same bytes again: the same report, one stored original.
  v1::CreateReportResponse again;
  ASSERT_TRUE(Create(report, &again, "second").ok());
  EXPECT_EQ(again.report().name(), name);
  EXPECT_EQ(StoredOriginals(), 1);

  // A backup carries the original; a restored service returns it.
  std::string out;
  ASSERT_EQ(RunCli({"backup", dir_ + "/ingest.snapshot"}, &out), 0) << out;
  ServerProcess restored(CIVICWATCH_INGEST_BIN,
                         {"--data_dir=" + dir_ + "/restored",
                          "--restore_from=" + dir_ + "/ingest.snapshot"},
                         dir_ + "/restored.log");
  ASSERT_TRUE(restored.Start().ok()) << restored.ReadLog();
  {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 << 20);
    auto stub = v1::IngestService::NewStub(grpc::CreateCustomChannel(
        restored.address(), grpc::InsecureChannelCredentials(), args));
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(30));
    v1::GetReportRequest req;
    req.set_name(name);
    req.set_view(v1::REPORT_VIEW_FULL);
    v1::Report r;
    s = stub->GetReport(&ctx, req, &r);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(r.original().content(), docx);
  }
  restored.Stop(SIGTERM);

  // A new version at the same source_uri supersedes the report: its
  // original goes with it.
  const std::string pdf = document::testing::MakePdf(
      {{"Kyrgyzstan: update, second version", "",
        "On 3 May 2021 police in Bishkek detained journalist Aigul Nurlanova."}});
  v1::Report newer = DocumentReport(pdf);
  newer.set_source_uri("https://example.org/kg/2021");
  v1::CreateReportResponse second;
  ASSERT_TRUE(Create(newer, &second).ok());
  EXPECT_NE(second.report().name(), name);
  EXPECT_EQ(StoredOriginals(), 1);
  v1::Report gone;
  EXPECT_EQ(Get(name, v1::REPORT_VIEW_FULL, &gone).error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(Get(second.report().name(), v1::REPORT_VIEW_FULL, &full).ok());
  EXPECT_EQ(full.original().content(), pdf);
}

// The command line: `ingest` sends the file, `report get --original`
// saves it again byte for byte; a report sent as text has no original.
TEST_F(DocumentWireTest, CliSavesTheOriginal) {
  const std::string pdf_path = dir_ + "/update.pdf";
  const std::string pdf = IncidentPdf(200000);
  std::ofstream(pdf_path, std::ios::binary) << pdf;
  std::string out;
  ASSERT_EQ(RunCli({"ingest", pdf_path, "--source_uri", "https://example.org/kg/q2"}, &out), 0)
      << out;
  const size_t at = out.find("reports/");
  ASSERT_NE(at, std::string::npos) << out;
  const std::string name = out.substr(at, out.find(',', at) - at);

  const std::string saved = dir_ + "/saved.pdf";
  ASSERT_EQ(RunCli({"report", "get", name, "--original", saved}, &out), 0) << out;
  EXPECT_THAT(out, HasSubstr("application/pdf"));
  EXPECT_THAT(out, HasSubstr(Sha256Hex(pdf)));
  EXPECT_THAT(out, HasSubstr("source_uri:   https://example.org/kg/q2"));
  EXPECT_EQ(ReadFile(saved), pdf);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_FALSE(absl::StartsWith(entry.path().filename().string(), "saved.pdf."))
        << entry.path() << " left behind";
  }

  v1::Report text;
  text.set_body("On 3 May 2021 police in Bishkek, Kyrgyzstan, detained journalist Aigul Nurlanova.");
  v1::CreateReportResponse created;
  ASSERT_TRUE(Create(text, &created).ok());
  EXPECT_EQ(RunCli({"report", "get", created.report().name(), "--original", dir_ + "/none"}, &out),
            1);
  EXPECT_THAT(out, HasSubstr("was submitted as text"));
  EXPECT_FALSE(fs::exists(dir_ + "/none"));
}

}  // namespace
}  // namespace civicwatch
