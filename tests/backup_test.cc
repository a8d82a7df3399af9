// Backups of the ingest database against the real binaries: `civicwatch
// backup` while the service takes writes, `civicwatch-ingest
// --restore_from`, and a query replica that notices the restore (a new
// database identity) and rebuilds itself to exactly the backed-up state.
//
// CIVICWATCH_BACKUP_RECORDS (default 6000) sizes the import that a backup
// is taken during; the figure is 100000.
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/common/snapshot/snapshot_file.h"
#include "services/common/sqlite.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

namespace fs = std::filesystem;
using testing::MakeTempDir;
using testing::ServerProcess;

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

v1::IncidentRecord Record(const std::string& id, int n) {
  v1::IncidentRecord r;
  r.set_source("backup-test");
  r.set_external_id(id);
  v1::Event* e = r.mutable_event();
  e->set_country_code("TJ");
  e->mutable_date()->set_year(2000 + n % 24);
  e->mutable_date()->set_month(1 + n % 12);
  e->mutable_date()->set_day(1 + n % 28);
  e->set_category(v1::CATEGORY_DETENTION);
  e->set_freedom(v1::FREEDOM_EXPRESSION);
  e->set_valence(v1::VALENCE_NEGATIVE);
  e->set_summary(absl::StrCat("Journalist number ", n, " detained in Dushanbe."));
  e->set_location("Dushanbe");
  return r;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("cw-backup");
    auto servers = testing::StartIngestAndQuery(dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    ingest_ = std::move(servers->ingest);
    query_ = std::move(servers->query);
    Connect();
  }

  void Connect() {
    auto ingest_channel = grpc::CreateChannel(ingest_->address(), grpc::InsecureChannelCredentials());
    ingest_stub_ = v1::IngestService::NewStub(ingest_channel);
    ingest_admin_ = v1::AdminService::NewStub(ingest_channel);
    auto query_channel = grpc::CreateChannel(query_->address(), grpc::InsecureChannelCredentials());
    query_stub_ = v1::QueryService::NewStub(query_channel);
    query_admin_ = v1::AdminService::NewStub(query_channel);
  }

  // Imports records [from, to) named PREFIX-n in calls of `per_call` (each
  // call is one transaction at ingest).
  void Import(const std::string& prefix, int from, int to, int per_call = 500) {
    for (int start = from; start < to; start += per_call) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
      v1::ImportIncidentsResponse resp;
      auto writer = ingest_stub_->ImportIncidents(&ctx, &resp);
      for (int n = start; n < std::min(to, start + per_call); ++n) {
        writer->Write(Record(absl::StrCat(prefix, "-", n), n));
      }
      writer->WritesDone();
      grpc::Status status = writer->Finish();
      ASSERT_TRUE(status.ok()) << status.error_message();
      ASSERT_EQ(resp.rejected_size(), 0);
    }
  }

  // The names of every event the replica serves.
  std::set<std::string> ReplicaEvents() {
    std::set<std::string> names;
    std::string token;
    do {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      v1::ListEventsRequest req;
      req.set_page_size(1000);
      req.set_page_token(token);
      v1::ListEventsResponse resp;
      grpc::Status status = query_stub_->ListEvents(&ctx, req, &resp);
      if (!status.ok()) return {};
      for (const auto& e : resp.events()) names.insert(e.name());
      token = resp.next_page_token();
    } while (!token.empty());
    return names;
  }

  // Waits until the replica serves `count` events; returns their names.
  std::set<std::string> WaitForReplicaEvents(size_t count) {
    std::set<std::string> names;
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while (absl::Now() < deadline) {
      names = ReplicaEvents();
      if (names.size() == count) break;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return names;
  }

  v1::ServerInfo Info(v1::AdminService::Stub& admin) {
    grpc::ClientContext ctx;
    ctx.set_wait_for_ready(true);  // Across a restart of the server.
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ServerInfo info;
    const grpc::Status status = admin.GetServerInfo(&ctx, v1::GetServerInfoRequest(), &info);
    EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    return info;
  }

  int Backup(const std::string& target) {
    return ServerProcess::RunToExit(CIVICWATCH_CLI_BIN,
                                    {"backup", target, "--ingest_address", ingest_->address()},
                                    dir_ + "/cli.log", absl::Seconds(120));
  }

  std::string dir_;
  std::unique_ptr<ServerProcess> ingest_;
  std::unique_ptr<ServerProcess> query_;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub_;
  std::unique_ptr<v1::AdminService::Stub> ingest_admin_;
  std::unique_ptr<v1::QueryService::Stub> query_stub_;
  std::unique_ptr<v1::AdminService::Stub> query_admin_;
};

TEST_F(BackupTest, RestoreGoesBackInTimeAndTheReplicaFollows) {
  Import("a", 0, 30);
  const std::set<std::string> backed_up = WaitForReplicaEvents(30);
  ASSERT_EQ(backed_up.size(), 30u) << query_->ReadLog();
  const std::string old_id = Info(*ingest_admin_).database_id();
  ASSERT_EQ(old_id.size(), 32u);

  const std::string backup = dir_ + "/ingest.snapshot";
  ASSERT_EQ(Backup(backup), 0) << ReadFile(dir_ + "/cli.log");
  EXPECT_NE(ReadFile(dir_ + "/cli.log").find("Backed up the ingest database"), std::string::npos);

  Import("b", 0, 20);
  ASSERT_EQ(WaitForReplicaEvents(50).size(), 50u);

  // A restore goes into an empty folder only, and names the one refused.
  const std::string refused_log = dir_ + "/refused.log";
  EXPECT_EQ(ServerProcess::RunToExit(CIVICWATCH_INGEST_BIN,
                                     {"--data_dir=" + dir_ + "/ingest", "--restore_from=" + backup,
                                      "--listen=127.0.0.1:0"},
                                     refused_log),
            1);
  EXPECT_NE(ReadFile(refused_log).find(dir_ + "/ingest is not empty"), std::string::npos)
      << ReadFile(refused_log);
  // A damaged backup is refused before anything is written.
  std::string bytes = ReadFile(backup);
  bytes[bytes.size() - 5000] ^= 0x20;
  std::ofstream(dir_ + "/damaged.snapshot", std::ios::binary) << bytes;
  const std::string damaged_log = dir_ + "/damaged.log";
  EXPECT_EQ(ServerProcess::RunToExit(CIVICWATCH_INGEST_BIN,
                                     {"--data_dir=" + dir_ + "/ingest-damaged",
                                      "--restore_from=" + dir_ + "/damaged.snapshot",
                                      "--listen=127.0.0.1:0"},
                                     damaged_log),
            1);
  EXPECT_NE(ReadFile(damaged_log).find("SHA-256"), std::string::npos) << ReadFile(damaged_log);
  EXPECT_FALSE(fs::exists(dir_ + "/ingest-damaged/ingest.db"));

  // Restore on the same address; the replica keeps running.
  ASSERT_EQ(ingest_->Stop(SIGTERM), 0);
  ingest_->SetArgs({"--data_dir=" + dir_ + "/ingest-restored", "--restore_from=" + backup});
  ASSERT_TRUE(ingest_->Start().ok()) << ingest_->ReadLog();
  EXPECT_NE(ingest_->ReadLog().find("restored " + dir_ + "/ingest-restored"), std::string::npos);
  const std::string new_id = Info(*ingest_admin_).database_id();
  EXPECT_EQ(new_id.size(), 32u);
  EXPECT_NE(new_id, old_id);

  // The replica sees the new identity, starts again and ends with exactly
  // what was backed up: none of the events imported after the backup.
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (absl::Now() < deadline && Info(*query_admin_).database_id() != new_id) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_EQ(WaitForReplicaEvents(30), backed_up);
  EXPECT_EQ(Info(*query_admin_).database_id(), new_id);
  EXPECT_TRUE(query_->WaitForLog("identity changed from " + old_id + " to " + new_id))
      << query_->ReadLog();

  // And it follows the restored store's new writes.
  Import("c", 0, 5);
  EXPECT_EQ(WaitForReplicaEvents(35).size(), 35u);
}

TEST_F(BackupTest, ReplicaOfAReplacedStoreRebuilds) {
  // A store replaced by an empty one while the replica was down: on its
  // return the replica finds another identity (and a head below its cursor).
  Import("a", 0, 10);
  ASSERT_EQ(WaitForReplicaEvents(10).size(), 10u);
  ASSERT_EQ(query_->Stop(SIGTERM), 0);
  ASSERT_EQ(ingest_->Stop(SIGTERM), 0);
  ingest_->SetArgs({"--data_dir=" + dir_ + "/ingest-new"});
  ASSERT_TRUE(ingest_->Start().ok());
  ASSERT_TRUE(query_->Start().ok());
  EXPECT_EQ(WaitForReplicaEvents(0).size(), 0u);
  EXPECT_TRUE(query_->WaitForLog("rebuilding it from sequence 0")) << query_->ReadLog();
  Import("z", 0, 3);
  EXPECT_EQ(WaitForReplicaEvents(3).size(), 3u);
}

TEST_F(BackupTest, BackupDuringAnImportHoldsWholeTransactions) {
  const int records = EnvInt("CIVICWATCH_BACKUP_RECORDS", 6000);
  constexpr int kPerCall = 250;
  std::atomic<int> calls_done{0};
  std::thread importer([&] {
    for (int start = 0; start < records; start += kPerCall) {
      Import("bulk", start, std::min(records, start + kPerCall), kPerCall);
      calls_done.fetch_add(1);
    }
  });
  while (calls_done.load() < 2) absl::SleepFor(absl::Milliseconds(5));
  const std::string backup = dir_ + "/during.snapshot";
  const int code = Backup(backup);
  const int calls_at_backup_end = calls_done.load();
  importer.join();
  ASSERT_EQ(code, 0) << ReadFile(dir_ + "/cli.log");

  // The copy passes every check and holds whole import transactions only.
  snapshot::DatabaseProfile profile;
  profile.kind = v1::DATABASE_KIND_INGEST;
  profile.schema_version = 1;
  auto metadata = snapshot::ExtractSnapshotFile(backup, dir_ + "/during.db", profile);
  ASSERT_TRUE(metadata.ok()) << metadata.status();
  auto db = sqlite::Database::Open(dir_ + "/during.db", /*read_only=*/true);
  ASSERT_TRUE(db.ok());
  auto st = (*db)->Prepare("SELECT (SELECT COUNT(*) FROM events), (SELECT MAX(sequence) FROM changes)");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  const int64_t events = st->ColumnInt(0);
  EXPECT_EQ(st->ColumnInt(1), metadata->sequence());
  EXPECT_EQ(events % kPerCall, 0) << events << " events: a transaction was cut";
  EXPECT_GE(events, 2 * kPerCall);
  EXPECT_LE(events, static_cast<int64_t>(calls_at_backup_end + 1) * kPerCall);
  std::cout << "backup during import: " << events << " of " << records << " events, "
            << metadata->size_bytes() << " bytes, feed sequence " << metadata->sequence() << "\n";

  // And the real binary restores it: the same count, served.
  ServerProcess restored(CIVICWATCH_INGEST_BIN,
                         {"--data_dir=" + dir_ + "/restored", "--restore_from=" + backup},
                         dir_ + "/restored.log");
  ASSERT_TRUE(restored.Start().ok()) << restored.ReadLog();
  auto admin = v1::AdminService::NewStub(
      grpc::CreateChannel(restored.address(), grpc::InsecureChannelCredentials()));
  EXPECT_EQ(Info(*admin).event_count(), events);
}

TEST_F(BackupTest, KilledBackupLeavesNothingUnderTheTargetName) {
  Import("k", 0, 3000);
  const std::string target = dir_ + "/killed.snapshot";
  bool killed_mid_way = false;
  for (int attempt = 0; attempt < 20 && !killed_mid_way; ++attempt) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      freopen((dir_ + "/cli.log").c_str(), "a", stdout);
      freopen((dir_ + "/cli.log").c_str(), "a", stderr);
      const std::string address = ingest_->address();
      execl(CIVICWATCH_CLI_BIN, CIVICWATCH_CLI_BIN, "backup", target.c_str(), "--ingest_address",
            address.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    const std::string partial = absl::StrCat(target, ".partial-", pid);
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    while (absl::Now() < give_up && !fs::exists(partial) && !fs::exists(target)) {
      absl::SleepFor(absl::Microseconds(50));
    }
    // Wait for bytes in the partial file on the first attempts; a small
    // store streams in a millisecond, so later attempts kill as soon as the
    // file exists (the call is under way then as well).
    const bool want_bytes = attempt < 10;
    while (want_bytes && absl::Now() < give_up && fs::exists(partial) &&
           fs::file_size(partial) == 0) {
      absl::SleepFor(absl::Microseconds(20));
    }
    std::error_code ec;
    if (fs::exists(partial, ec) && !fs::exists(target, ec)) {
      kill(pid, SIGKILL);
      killed_mid_way = true;
      std::cout << "killed the backup with " << fs::file_size(partial, ec)
                << " bytes in the partial file\n";
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (killed_mid_way && WIFSIGNALED(status)) {
      EXPECT_FALSE(fs::exists(target)) << "a killed backup left a file under the target name";
      EXPECT_TRUE(fs::exists(partial));
      fs::remove(partial);
    } else {
      killed_mid_way = false;
      fs::remove(target);
      fs::remove(partial);
    }
  }
  EXPECT_TRUE(killed_mid_way) << "no attempt caught the backup mid-way";
  // A backup run to its end then puts a whole, checked file there.
  ASSERT_EQ(Backup(target), 0) << ReadFile(dir_ + "/cli.log");
  snapshot::DatabaseProfile profile;
  profile.kind = v1::DATABASE_KIND_INGEST;
  profile.schema_version = 1;
  EXPECT_TRUE(snapshot::ExtractSnapshotFile(target, dir_ + "/killed.db", profile).ok());
}

}  // namespace
}  // namespace civicwatch
