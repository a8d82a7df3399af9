#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "services/common/snapshot/atomic_file.h"
#include "services/common/snapshot/database_snapshot.h"
#include "services/common/snapshot/snapshot_file.h"
#include "services/common/sqlite.h"

namespace civicwatch::snapshot {
namespace {

namespace fs = std::filesystem;

std::string TempDir() {
  char tmpl[] = "/tmp/cw-snapshot-XXXXXX";
  return mkdtemp(tmpl);
}

DatabaseProfile TestProfile() {
  DatabaseProfile p;
  p.kind = v1::DATABASE_KIND_INGEST;
  p.schema_version = 3;
  p.sequence_sql = "SELECT COALESCE(MAX(sequence), 0) FROM changes";
  p.database_id_sql = "SELECT value FROM meta WHERE key = 'database_id'";
  return p;
}

// A WAL database with `rows` changes, as the services keep them.
std::unique_ptr<sqlite::Database> MakeDatabase(const std::string& path, int rows) {
  auto db = sqlite::Database::Open(path);
  EXPECT_TRUE(db.ok()) << db.status();
  EXPECT_TRUE((*db)->Exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value NOT NULL);"
                          "INSERT INTO meta VALUES('schema_version', 3), ('database_id', 'abc');"
                          "CREATE TABLE changes(sequence INTEGER PRIMARY KEY, body TEXT);")
                  .ok());
  for (int i = 0; i < rows; ++i) {
    EXPECT_TRUE((*db)->Exec("INSERT INTO changes(body) VALUES(hex(randomblob(200)))").ok());
  }
  return std::move(*db);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(SnapshotTest, CopyHoldsItsMetadataAndPassesItsChecks) {
  const std::string dir = TempDir();
  auto db = MakeDatabase(dir + "/src.db", 50);
  auto taken = TakeSnapshot(dir + "/src.db", dir + "/tmp", TestProfile());
  ASSERT_TRUE(taken.ok()) << taken.status();
  const v1::SnapshotMetadata& m = (*taken)->metadata();
  EXPECT_EQ(m.database_kind(), v1::DATABASE_KIND_INGEST);
  EXPECT_EQ(m.schema_version(), 3);
  EXPECT_EQ(m.database_id(), "abc");
  EXPECT_EQ(m.sequence(), 50);
  EXPECT_EQ(m.size_bytes(), static_cast<int64_t>(fs::file_size((*taken)->path())));
  EXPECT_EQ(m.sha256().size(), 64u);
  EXPECT_TRUE(CheckSnapshot((*taken)->path(), m, TestProfile()).ok());
  const std::string path = (*taken)->path();
  taken->reset();
  EXPECT_FALSE(fs::exists(path));
}

TEST(SnapshotTest, CopyTakenDuringWritesIsAPrefix) {
  const std::string dir = TempDir();
  auto db = MakeDatabase(dir + "/src.db", 10);
  std::thread writer([&] {
    for (int i = 0; i < 2000; ++i) {
      sqlite::Transaction tx(*db);
      ASSERT_TRUE(db->Exec("INSERT INTO changes(body) VALUES(hex(randomblob(200)))").ok());
      ASSERT_TRUE(db->Exec("INSERT INTO changes(body) VALUES(hex(randomblob(200)))").ok());
      ASSERT_TRUE(tx.Commit().ok());
    }
  });
  auto taken = TakeSnapshot(dir + "/src.db", dir + "/tmp", TestProfile());
  writer.join();
  ASSERT_TRUE(taken.ok()) << taken.status();
  ASSERT_TRUE(CheckSnapshot((*taken)->path(), (*taken)->metadata(), TestProfile()).ok());
  // Transactions write rows in pairs on top of 10: a copy holds whole ones.
  auto copy = sqlite::Database::Open((*taken)->path(), true);
  ASSERT_TRUE(copy.ok());
  auto st = (*copy)->Prepare("SELECT COUNT(*), MAX(sequence) FROM changes");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->ColumnInt(0), st->ColumnInt(1));
  EXPECT_EQ(st->ColumnInt(0) % 2, 0);
  EXPECT_EQ(st->ColumnInt(0), (*taken)->metadata().sequence());
}

TEST(SnapshotTest, ChecksRefuseCorruptionTruncationAndOtherSchemas) {
  const std::string dir = TempDir();
  auto db = MakeDatabase(dir + "/src.db", 50);
  auto taken = TakeSnapshot(dir + "/src.db", dir + "/tmp", TestProfile());
  ASSERT_TRUE(taken.ok());
  const v1::SnapshotMetadata m = (*taken)->metadata();
  std::string bytes = ReadAll((*taken)->path());

  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x55;
  WriteAll(dir + "/flipped.db", flipped);
  absl::Status s = CheckSnapshot(dir + "/flipped.db", m, TestProfile());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("SHA-256"), std::string::npos) << s;

  WriteAll(dir + "/short.db", bytes.substr(0, bytes.size() - 4096));
  s = CheckSnapshot(dir + "/short.db", m, TestProfile());
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s;

  DatabaseProfile newer = TestProfile();
  newer.schema_version = 4;
  s = CheckSnapshot((*taken)->path(), m, newer);
  EXPECT_NE(s.message().find("schema version 3"), std::string::npos) << s;

  DatabaseProfile other_kind = TestProfile();
  other_kind.kind = v1::DATABASE_KIND_QUERY_REPLICA;
  EXPECT_FALSE(CheckSnapshot((*taken)->path(), m, other_kind).ok());
}

TEST(SnapshotTest, IntegrityCheckCatchesADamagedFileWithAMatchingChecksum) {
  const std::string dir = TempDir();
  auto db = MakeDatabase(dir + "/src.db", 300);
  auto taken = TakeSnapshot(dir + "/src.db", dir + "/tmp", TestProfile());
  ASSERT_TRUE(taken.ok());
  std::string bytes = ReadAll((*taken)->path());
  // Damage a b-tree page (not the header) and describe the damaged bytes
  // truthfully: only integrity_check can tell.
  for (size_t i = 4096 * 2 + 8; i < 4096 * 2 + 64; ++i) bytes[i] = '\xff';
  WriteAll(dir + "/damaged.db", bytes);
  auto digest = DigestFile(dir + "/damaged.db");
  ASSERT_TRUE(digest.ok());
  v1::SnapshotMetadata m = (*taken)->metadata();
  m.set_sha256(digest->sha256);
  absl::Status s = CheckSnapshot(dir + "/damaged.db", m, TestProfile());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s;
  // The one-pass check a bootstrap makes after checking the SHA-256 as the
  // bytes arrived sees the damaged page too.
  CheckOptions quick;
  quick.pages = PageCheck::kQuick;
  quick.digest_checked = true;
  s = CheckSnapshot(dir + "/damaged.db", m, TestProfile(), quick);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s;
}

TEST(SnapshotTest, StreamToFileAndExtractRoundTrip) {
  const std::string dir = TempDir();
  auto db = MakeDatabase(dir + "/src.db", 100);
  auto taken = TakeSnapshot(dir + "/src.db", dir + "/tmp", TestProfile());
  ASSERT_TRUE(taken.ok());
  const std::string bytes = ReadAll((*taken)->path());
  auto receiver = SnapshotReceiver::Create(dir + "/backup.snap", SnapshotReceiver::Layout::kSnapshotFile);
  ASSERT_TRUE(receiver.ok());
  v1::SnapshotChunk chunk;
  *chunk.mutable_metadata() = (*taken)->metadata();
  ASSERT_TRUE((*receiver)->Add(chunk).ok());
  for (size_t at = 0; at < bytes.size(); at += 1000) {
    chunk.Clear();
    chunk.set_data(bytes.substr(at, 1000));
    ASSERT_TRUE((*receiver)->Add(chunk).ok());
  }
  EXPECT_FALSE(fs::exists(dir + "/backup.snap"));  // Not before Finish.
  ASSERT_TRUE((*receiver)->Finish().ok());
  receiver->reset();
  ASSERT_TRUE(fs::exists(dir + "/backup.snap"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 5)
      << "src.db, its -wal and -shm, tmp/ and backup.snap: no partial file left";

  auto metadata = ExtractSnapshotFile(dir + "/backup.snap", dir + "/restored.db", TestProfile());
  ASSERT_TRUE(metadata.ok()) << metadata.status();
  EXPECT_EQ(metadata->sequence(), 100);
  EXPECT_EQ(ReadAll(dir + "/restored.db"), bytes);

  // A damaged file is refused and leaves nothing under the target name.
  std::string file = ReadAll(dir + "/backup.snap");
  file[file.size() - 100] ^= 1;
  WriteAll(dir + "/bad.snap", file);
  auto bad = ExtractSnapshotFile(dir + "/bad.snap", dir + "/bad.db", TestProfile());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(fs::exists(dir + "/bad.db"));
  auto not_snapshot = ExtractSnapshotFile(dir + "/src.db", dir + "/x.db", TestProfile());
  EXPECT_NE(not_snapshot.status().message().find("not a civicwatch snapshot"), std::string::npos);
}

TEST(SnapshotTest, ReceiverRefusesAStreamOutOfForm) {
  const std::string dir = TempDir();
  v1::SnapshotChunk data;
  data.set_data("xyz");
  v1::SnapshotChunk meta;
  meta.mutable_metadata()->set_size_bytes(2);
  meta.mutable_metadata()->set_sha256("00");
  {
    auto r = SnapshotReceiver::Create(dir + "/a", SnapshotReceiver::Layout::kDatabaseOnly);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ((*r)->Add(data).code(), absl::StatusCode::kFailedPrecondition);
  }
  {
    auto r = SnapshotReceiver::Create(dir + "/a", SnapshotReceiver::Layout::kDatabaseOnly);
    ASSERT_TRUE((*r)->Add(meta).ok());
    EXPECT_EQ((*r)->Add(meta).code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ((*r)->Add(data).code(), absl::StatusCode::kFailedPrecondition);  // 3 > 2
  }
  {
    auto r = SnapshotReceiver::Create(dir + "/a", SnapshotReceiver::Layout::kDatabaseOnly);
    ASSERT_TRUE((*r)->Add(meta).ok());
    EXPECT_NE((*r)->Finish().status().message().find("ended after 0 of 2"), std::string::npos);
  }
  EXPECT_TRUE(fs::is_empty(dir)) << "abandoned receivers leave no file";
}

TEST(SnapshotTest, HeaderParserRefusesGarbage) {
  size_t size = 0;
  EXPECT_FALSE(ParseSnapshotHeader("", &size).ok());
  EXPECT_FALSE(ParseSnapshotHeader("SQLite format 3", &size).ok());
  std::string header = EncodeSnapshotHeader(v1::SnapshotMetadata());
  EXPECT_TRUE(ParseSnapshotHeader(header, &size).ok());
  EXPECT_EQ(size, header.size());
  EXPECT_FALSE(ParseSnapshotHeader(header.substr(0, header.size() - 1), &size).ok());
  std::string huge(kSnapshotMagic);
  huge += std::string("\x7f\xff\xff\xff", 4);
  EXPECT_NE(ParseSnapshotHeader(huge, &size).status().message().find("at most"), std::string::npos);
}

}  // namespace
}  // namespace civicwatch::snapshot
