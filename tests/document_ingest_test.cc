// Documents through the real binaries: the `civicwatch` command line reads
// each document of the test set and a real ingest service stores what it
// sends; bad documents (a corrupt PDF, a zip bomb posing as a DOCX, a page
// of a million nested elements, an empty file, a password-protected PDF)
// each fail with one line naming the file and the reason, within the run's
// time limit, and store nothing.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "civicwatch/client.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/document/test_documents.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::ServerProcess;

class DocumentIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("cw_document_ingest");
    ingest_ = std::make_unique<ServerProcess>(
        CIVICWATCH_INGEST_BIN, std::vector<std::string>{"--data_dir=" + dir_ + "/ingest"},
        dir_ + "/ingest.log");
    ASSERT_TRUE(ingest_->Start().ok()) << ingest_->ReadLog();
    ClientOptions options;
    options.ingest_address = ingest_->address();
    auto client = Client::Create(options);
    ASSERT_TRUE(client.ok()) << client.status();
    client_ = *std::move(client);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `civicwatch ARGS --ingest_address ...`; returns the exit code and
  // sets `*output` to what it printed.
  int RunCli(std::vector<std::string> args, std::string* output) {
    args.push_back("--ingest_address=" + ingest_->address());
    const std::string log = absl::StrCat(dir_, "/cli-", runs_++, ".log");
    int code = ServerProcess::RunToExit(CIVICWATCH_CLI_BIN, args, log, absl::Seconds(60));
    std::ifstream in(log);
    output->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return code;
  }

  int64_t StoredReports() {
    int64_t n = 0;
    for (const auto& r : client_->ListReports()) {
      if (!r.ok()) return -1;
      ++n;
    }
    return n;
  }

  std::string dir_;
  int runs_ = 0;
  std::unique_ptr<ServerProcess> ingest_;
  std::unique_ptr<Client> client_;
};

TEST_F(DocumentIngestTest, EveryKindOfDocumentIsIngested) {
  // The test set's documents, without their plain-text twins.
  const std::string docs = dir_ + "/documents";
  fs::create_directories(docs);
  int count = 0;
  for (const auto& entry : fs::directory_iterator(CIVICWATCH_DOCUMENTS_DIR)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 9 && name.compare(name.size() - 9, 9, ".twin.txt") == 0) continue;
    fs::copy_file(entry.path(), docs + "/" + name);
    ++count;
  }
  ASSERT_EQ(count, 18);
  std::string out;
  int code = RunCli({"ingest", docs}, &out);
  EXPECT_EQ(code, 0) << out;
  EXPECT_THAT(out, HasSubstr("ingested 18 reports"));
  EXPECT_THAT(out, HasSubstr("; 0 failed"));
  for (const char* name : {"am-2021-trial-monitoring.html", "ge-2024-transparency-law.pdf",
                           "tj-2021-lawyer-statement.docx", "kz-2023-ru-update.txt",
                           "tm-2022-exit-bans.txt"}) {
    EXPECT_THAT(out, HasSubstr(absl::StrCat(name, ": reports/"))) << name;
  }
  EXPECT_EQ(StoredReports(), 18);
}

TEST_F(DocumentIngestTest, BadDocumentsFailByReasonAndStoreNothing) {
  const std::string bad = dir_ + "/bad";
  fs::create_directories(bad);
  std::ofstream(bad + "/corrupt.pdf", std::ios::binary) << "%PDF-1.7\n1 0 obj << /Type /Catalog";
  // 80 MiB of spaces inflate from about 80 KiB: past the 64 MiB limit.
  std::ofstream(bad + "/bomb.docx", std::ios::binary) << document::testing::MakeZip(
      {{"word/document.xml", std::string(80u << 20, ' ')}});
  {
    std::ofstream deep(bad + "/deep.html");
    deep << "<html><body>";
    for (int i = 0; i < 1000000; ++i) deep << "<div>";
    deep << "text";
  }
  std::ofstream(bad + "/empty.txt", std::ios::binary);
  std::ofstream(bad + "/locked.pdf", std::ios::binary)
      << document::testing::MakePdf({{"On 1 May 2022 police detained a journalist."}}, true);

  const absl::Time start = absl::Now();
  std::string out;
  int code = RunCli({"ingest", bad}, &out);
  EXPECT_LT(absl::Now() - start, absl::Seconds(30));
  EXPECT_EQ(code, 1) << out;
  EXPECT_THAT(out, HasSubstr("corrupt.pdf: the PDF is corrupt"));
  EXPECT_THAT(out, HasSubstr("bomb.docx: the DOCX expands past the 64 MiB limit"));
  EXPECT_THAT(out, HasSubstr("deep.html: the HTML nests deeper than 256 elements"));
  EXPECT_THAT(out, HasSubstr("empty.txt: the document is empty (0 bytes)"));
  EXPECT_THAT(out, HasSubstr("locked.pdf: the PDF is encrypted (password-protected)"));
  EXPECT_THAT(out, HasSubstr("ingested 0 reports, 0 events; 5 failed"));
  EXPECT_EQ(StoredReports(), 0);
}

}  // namespace
}  // namespace civicwatch
