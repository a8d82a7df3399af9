// Disk trouble under the ingest store. On a small tmpfs that fills up,
// writes fail cleanly (RESOURCE_EXHAUSTED or UNAVAILABLE, nothing
// half-written), the service stays up and serves reads, and writes succeed
// again once space returns. On a read-only mount, start-up stops with a
// clear message and leaves the store untouched.
//
// Mounting needs root (CI runs as root); elsewhere the tests skip.
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/fault/fault_support.h"
#include "tests/support/server_process.h"

namespace civicwatch::fault {
namespace {

using civicwatch::testing::MakeTempDir;
using civicwatch::testing::ServerProcess;

// A mount made by a test, undone when it goes out of scope.
class ScopedMount {
 public:
  ~ScopedMount() {
    if (!target_.empty()) umount2(target_.c_str(), MNT_DETACH);
  }
  // A tmpfs of `bytes` at `target`; false (with errno) when not permitted.
  bool Tmpfs(const std::string& target, int64_t bytes) {
    std::filesystem::create_directories(target);
    const std::string options = absl::StrCat("size=", bytes);
    if (mount("tmpfs", target.c_str(), "tmpfs", 0, options.c_str()) != 0) return false;
    target_ = target;
    return true;
  }
  // `source` seen read-only at `target`.
  bool ReadOnlyBind(const std::string& source, const std::string& target) {
    std::filesystem::create_directories(target);
    if (mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0) return false;
    target_ = target;
    return mount(nullptr, target.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0;
  }

 private:
  std::string target_;
};

// Writes zeros to `path` until the filesystem is full; returns bytes written.
int64_t FillFilesystem(const std::string& path) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return -1;
  std::string chunk(64 * 1024, '\0');
  int64_t total = 0;
  while (true) {
    ssize_t n = write(fd, chunk.data(), chunk.size());
    if (n <= 0) break;
    total += n;
  }
  // Fill the last partial pages too.
  while (write(fd, chunk.data(), 1) == 1) total++;
  fsync(fd);
  close(fd);
  return total;
}

// A report whose body takes `bytes` or more: dated incidents plus
// background text.
std::string LargeBody(int n, size_t bytes) {
  std::string body = ReportBody(500, n);
  body += "\nBackground.\n\n";
  while (body.size() < bytes) {
    absl::StrAppend(&body, "Civil society groups continued their regular monitoring work in ",
                    "several regions of the country during the period under review. ");
  }
  return body;
}

int64_t CountEventsOf(const IngestSnapshot& s, const std::string& report) {
  int64_t n = 0;
  for (const auto& [name, e] : s.events) {
    for (const auto& p : e.provenance()) n += p.report() == report;
  }
  return n;
}

// The service answers reads and health.
void ExpectServingReads(const std::string& address) {
  EXPECT_EQ(HealthOf(address), "SERVING");
  auto stub = v1::IngestService::NewStub(FreshChannel(address));
  grpc::ClientContext ctx;
  ctx.set_deadline(DeadlineIn(absl::Seconds(10)));
  v1::ListReportsResponse resp;
  grpc::Status s = stub->ListReports(&ctx, v1::ListReportsRequest(), &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_GT(resp.reports_size(), 0);
}

TEST(DiskFaultTest, FullFilesystemFailsWritesCleanlyAndRecovers) {
  const std::string dir = MakeTempDir("cw-disk-full");
  ScopedMount disk;
  if (!disk.Tmpfs(dir + "/disk", 8 << 20)) {
    GTEST_SKIP() << "cannot mount a tmpfs here (" << std::strerror(errno) << "); needs root";
  }
  ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/disk/ingest"},
                       dir + "/ingest.log");
  ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
  v1::CreateReportResponse first;
  ASSERT_TRUE(SubmitReport(ingest.address(), ReportBody(1, 1), "first", &first).ok());

  const int64_t filled = FillFilesystem(dir + "/disk/filler");
  ASSERT_GT(filled, 0);
  const int64_t head = HeadSequence(ingest.address());

  // Every write now fails with a clean, retryable code, and writes nothing.
  const std::string body = LargeBody(2, 256 * 1024);
  for (int attempt = 0; attempt < 3; ++attempt) {
    v1::CreateReportResponse resp;
    grpc::Status s = SubmitReport(ingest.address(), body, "second", &resp);
    EXPECT_TRUE(s.error_code() == grpc::RESOURCE_EXHAUSTED || s.error_code() == grpc::UNAVAILABLE)
        << "attempt " << attempt << ": " << s.error_code() << " " << s.error_message();
    EXPECT_EQ(s.error_message().find("SQL"), std::string::npos) << s.error_message();
    EXPECT_EQ(s.error_message().find(dir), std::string::npos) << s.error_message();
    EXPECT_EQ(HeadSequence(ingest.address()), head) << "a failed write left changes";
    ExpectServingReads(ingest.address());
  }

  // Space returns: the retry with the same request_id succeeds, whole.
  ASSERT_TRUE(std::filesystem::remove(dir + "/disk/filler"));
  v1::CreateReportResponse second;
  grpc::Status s = SubmitReport(ingest.address(), body, "second", &second);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message() << "\n" << ingest.ReadLog();
  auto state = ReadIngest(ingest.address());
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->reports.size(), 2u);
  ASSERT_TRUE(state->reports.count(second.report().name()));
  EXPECT_EQ(CountEventsOf(*state, second.report().name()), second.events_size());
  EXPECT_GT(second.events_size(), 0);

  ASSERT_EQ(ingest.Stop(SIGTERM), 0) << ingest.ReadLog();
  EXPECT_EQ(IntegrityCheck(dir + "/disk/ingest/ingest.db"), "ok");
  std::cerr << "filled " << filled << " bytes; writes failed cleanly and recovered\n";
}

TEST(DiskFaultTest, FullFilesystemAtStartIsACleanError) {
  const std::string dir = MakeTempDir("cw-disk-full-start");
  ScopedMount disk;
  if (!disk.Tmpfs(dir + "/disk", 1 << 20)) {
    GTEST_SKIP() << "cannot mount a tmpfs here (" << std::strerror(errno) << "); needs root";
  }
  std::filesystem::create_directories(dir + "/disk/ingest");
  ASSERT_GT(FillFilesystem(dir + "/disk/filler"), 0);
  const int code = ServerProcess::RunToExit(
      CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/disk/ingest", "--listen=127.0.0.1:0"},
      dir + "/ingest.log");
  EXPECT_EQ(code, 1) << "expected a clean start-up failure";
}

TEST(DiskFaultTest, ReadOnlyDataFolderStopsStartUpWithoutDamage) {
  const std::string dir = MakeTempDir("cw-disk-ro");
  // A store with some reports, closed cleanly.
  {
    ServerProcess ingest(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/data"},
                         dir + "/ingest-rw.log");
    ASSERT_TRUE(ingest.Start().ok()) << ingest.ReadLog();
    for (int i = 0; i < 3; ++i) {
      v1::CreateReportResponse resp;
      ASSERT_TRUE(SubmitReport(ingest.address(), ReportBody(3, i), absl::StrCat(i), &resp).ok());
    }
    ASSERT_EQ(ingest.Stop(SIGTERM), 0);
  }
  ScopedMount read_only;
  if (!read_only.ReadOnlyBind(dir + "/data", dir + "/ro")) {
    GTEST_SKIP() << "cannot bind-mount read-only here (" << std::strerror(errno)
                 << "); needs root";
  }
  // The store cannot be opened for writing there: start-up stops with a
  // message saying so and exit code 1 (a server that cannot write must not
  // take writes), and the files are left as they were.
  const int code = ServerProcess::RunToExit(
      CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/ro", "--listen=127.0.0.1:0"},
      dir + "/ingest-ro.log");
  EXPECT_EQ(code, 1);
  std::ifstream log_file(dir + "/ingest-ro.log");
  const std::string log((std::istreambuf_iterator<char>(log_file)), {});
  EXPECT_NE(log.find("cannot open the database"), std::string::npos) << log;
  // The store is intact and writable again through the writable path.
  EXPECT_EQ(IntegrityCheck(dir + "/data/ingest.db"), "ok");
  ServerProcess again(CIVICWATCH_INGEST_BIN, {"--data_dir=" + dir + "/data"},
                      dir + "/ingest-again.log");
  ASSERT_TRUE(again.Start().ok()) << again.ReadLog();
  v1::CreateReportResponse resp;
  grpc::Status s = SubmitReport(again.address(), ReportBody(3, 99), "ro", &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  auto state = ReadIngest(again.address());
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->reports.size(), 4u);
}

}  // namespace
}  // namespace civicwatch::fault
