#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "services/common/snapshot/atomic_file.h"
#include "services/common/snapshot/database_snapshot.h"
#include "services/common/snapshot/page_queue_vfs.h"
#include "services/common/snapshot/snapshot_file.h"
#include "services/common/snapshot/streamed_snapshot.h"
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

// The chunks a streamed copy sends, kept.
struct SentStream {
  std::vector<v1::SnapshotChunk> chunks;
  std::function<absl::Status(const v1::SnapshotChunk&)> Sender() {
    return [this](const v1::SnapshotChunk& chunk) {
      chunks.push_back(chunk);
      return absl::OkStatus();
    };
  }
};

TEST(SnapshotTest, CopyStreamedWhileTakenDuringWritesArrivesWhole) {
  const std::string dir = TempDir();
  auto db = MakeDatabase(dir + "/src.db", 2000);
  std::thread writer([&] {
    for (int i = 0; i < 2000; ++i) {
      sqlite::Transaction tx(*db);
      ASSERT_TRUE(db->Exec("INSERT INTO changes(body) VALUES(hex(randomblob(200)))").ok());
      ASSERT_TRUE(db->Exec("INSERT INTO changes(body) VALUES(hex(randomblob(200)))").ok());
      ASSERT_TRUE(tx.Commit().ok());
    }
  });
  SentStream sent;
  // Steps of four pages: many steps, each sent while writers commit.
  auto streamed = StreamSnapshotWhileCopying(dir + "/src.db", TestProfile(),
                                             sent.Sender(), 4 * 4096);
  writer.join();
  ASSERT_TRUE(streamed.ok()) << streamed.status();
  EXPECT_FALSE(fs::exists(dir + "/tmp")) << "the copy makes no file";
  ASSERT_GE(sent.chunks.size(), 3u);
  ASSERT_TRUE(sent.chunks.front().has_metadata());
  const v1::SnapshotMetadata& announced = sent.chunks.front().metadata();
  EXPECT_EQ(announced.deferred_head_bytes(), 4096);
  EXPECT_TRUE(announced.sha256().empty());
  ASSERT_TRUE(sent.chunks.back().has_end());
  EXPECT_EQ(sent.chunks.back().end().sha256(), streamed->sha256());

  auto receiver =
      SnapshotReceiver::Create(dir + "/copy.db", SnapshotReceiver::Layout::kDatabaseOnly);
  ASSERT_TRUE(receiver.ok());
  for (const v1::SnapshotChunk& chunk : sent.chunks) {
    ASSERT_TRUE((*receiver)->Add(chunk).ok());
  }
  auto received = (*receiver)->Finish();
  ASSERT_TRUE(received.ok()) << received.status();
  EXPECT_EQ(received->sha256(), streamed->sha256());
  EXPECT_EQ(received->size_bytes(), static_cast<int64_t>(fs::file_size(dir + "/copy.db")));
  // The bytes as they lie in the file (head first) have a digest of their
  // own: check the pages fully, not the stream's digest.
  auto digest = DigestFile(dir + "/copy.db");
  ASSERT_TRUE(digest.ok());
  v1::SnapshotMetadata as_file = *received;
  as_file.set_sha256(digest->sha256);
  ASSERT_TRUE(CheckSnapshot(dir + "/copy.db", as_file, TestProfile()).ok());
  // A standalone file: no WAL beside it once opened and closed.
  {
    auto copy = sqlite::Database::Open(dir + "/copy.db", true);
    ASSERT_TRUE(copy.ok());
    auto mode = (*copy)->Prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.ok());
    ASSERT_TRUE(*mode->Step());
    EXPECT_EQ(mode->ColumnText(0), "delete");
    // Whole transactions (rows in pairs on top of 2,000) as of the
    // announced cursor.
    auto st = (*copy)->Prepare("SELECT COUNT(*), MAX(sequence) FROM changes");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*st->Step());
    EXPECT_EQ(st->ColumnInt(0), st->ColumnInt(1));
    EXPECT_EQ(st->ColumnInt(0) % 2, 0);
    EXPECT_EQ(st->ColumnInt(0), announced.sequence());
  }
}

TEST(SnapshotTest, StreamedCopyStopsAtTheFirstFailedSend) {
  const std::string dir = TempDir();
  auto db = MakeDatabase(dir + "/src.db", 500);
  int calls = 0;
  auto streamed = StreamSnapshotWhileCopying(
      dir + "/src.db", TestProfile(),
      [&](const v1::SnapshotChunk&) {
        return ++calls == 3 ? absl::CancelledError("the client went away") : absl::OkStatus();
      },
      4096);
  EXPECT_EQ(streamed.status().code(), absl::StatusCode::kCancelled) << streamed.status();
  EXPECT_EQ(calls, 3);
}

TEST(SnapshotTest, ReceiverRefusesADeferredHeadOutOfForm) {
  const std::string dir = TempDir();
  auto db = MakeDatabase(dir + "/src.db", 300);
  SentStream sent;
  ASSERT_TRUE(StreamSnapshotWhileCopying(dir + "/src.db", TestProfile(),
                                         sent.Sender())
                  .ok());
  const std::vector<v1::SnapshotChunk>& good = sent.chunks;
  ASSERT_TRUE(good.back().has_end());
  // What the receiver says of `chunks`: the first refusal, or Finish's.
  auto receive = [&](const std::vector<v1::SnapshotChunk>& chunks,
                     SnapshotReceiver::Layout layout = SnapshotReceiver::Layout::kDatabaseOnly) {
    auto r = SnapshotReceiver::Create(dir + "/b.db", layout);
    EXPECT_TRUE(r.ok());
    for (const v1::SnapshotChunk& chunk : chunks) {
      if (absl::Status s = (*r)->Add(chunk); !s.ok()) return s;
    }
    return (*r)->Finish().status();
  };
  ASSERT_TRUE(receive(good).ok());
  ASSERT_TRUE(fs::remove(dir + "/b.db"));

  // The SHA-256 that comes after the bytes does not match them.
  std::vector<v1::SnapshotChunk> wrong_sha = good;
  wrong_sha.back().mutable_end()->set_sha256(std::string(64, '0'));
  absl::Status s = receive(wrong_sha);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("the stream announced 0000"), std::string::npos) << s;
  // A byte of the head changed on the way.
  std::vector<v1::SnapshotChunk> bad_head = good;
  (*bad_head.back().mutable_end()->mutable_head())[100] ^= 1;
  EXPECT_NE(receive(bad_head).message().find("the stream announced"), std::string::npos);
  // The stream stops after every byte but before its end.
  std::vector<v1::SnapshotChunk> no_end(good.begin(), good.end() - 1);
  EXPECT_NE(receive(no_end).message().find("ended without its head and SHA-256"),
            std::string::npos);
  // An end before the last bytes.
  std::vector<v1::SnapshotChunk> early_end = good;
  early_end.erase(early_end.end() - 2);
  EXPECT_NE(receive(early_end).message().find("the snapshot stream ended after"),
            std::string::npos);
  // A head of another length than announced.
  std::vector<v1::SnapshotChunk> short_head = good;
  short_head.back().mutable_end()->mutable_head()->resize(100);
  EXPECT_NE(receive(short_head).message().find("head is 100 bytes"), std::string::npos);
  // Anything after the end.
  std::vector<v1::SnapshotChunk> after_end = good;
  after_end.push_back(good[1]);
  EXPECT_NE(receive(after_end).message().find("after its end"), std::string::npos);
  // An end on a stream that announced no deferred head.
  std::vector<v1::SnapshotChunk> undeclared = good;
  undeclared.front().mutable_metadata()->set_deferred_head_bytes(0);
  EXPECT_EQ(receive(undeclared).code(), absl::StatusCode::kFailedPrecondition);
  // A head larger than any page.
  std::vector<v1::SnapshotChunk> huge = good;
  huge.front().mutable_metadata()->set_deferred_head_bytes(1 << 20);
  EXPECT_NE(receive(huge).message().find("deferred head of 1048576"), std::string::npos);
  // A snapshot file starts with the SHA-256: it cannot take such a stream.
  EXPECT_NE(receive(good, SnapshotReceiver::Layout::kSnapshotFile)
                .message()
                .find("cannot be written as a snapshot file"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(dir + "/b.db"));
  for (const auto& entry : fs::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename().string().find("b.db"), std::string::npos)
        << "a refused stream leaves no file: " << entry.path();
  }
}

TEST(SnapshotTest, PageQueueHandsOverEachByteOnceAndRefusesToRewriteOne) {
  PageQueue queue;
  const std::string a(4096, 'a'), b(4096, 'b'), c(4096, 'c');
  ASSERT_EQ(queue.Write(a.data(), 4096, 0), SQLITE_OK);
  ASSERT_EQ(queue.Write(b.data(), 4096, 4096), SQLITE_OK);
  ASSERT_EQ(queue.Write(c.data(), 4096, 3 * 4096), SQLITE_OK);
  EXPECT_EQ(queue.size(), 4 * 4096);
  // Page 3 was never written: not made up.
  std::string out;
  EXPECT_EQ(queue.Take(4096, 4 * 4096, out).code(), absl::StatusCode::kUnavailable);
  ASSERT_EQ(queue.Write(c.data(), 4096, 2 * 4096), SQLITE_OK);
  out.clear();
  ASSERT_TRUE(queue.Take(4096, 3 * 4096, out).ok());
  EXPECT_EQ(out, b + c);
  // Taken bytes are neither read nor written again, nor taken twice.
  char buffer[100];
  EXPECT_EQ(queue.Read(buffer, 100, 4096), SQLITE_IOERR_READ);
  EXPECT_EQ(queue.Write(a.data(), 4096, 2 * 4096), SQLITE_IOERR_WRITE);
  EXPECT_FALSE(queue.Take(2 * 4096, 3 * 4096, out).ok());
  // A part of a page over another is refused.
  EXPECT_EQ(queue.Write(a.data(), 100, 3 * 4096 + 10), SQLITE_IOERR_WRITE);
  // The head, rewritten, then taken last; reads past the end are short.
  ASSERT_EQ(queue.Write(b.data(), 4096, 0), SQLITE_OK);
  EXPECT_EQ(queue.Read(buffer, 100, 0), SQLITE_OK);
  EXPECT_EQ(buffer[99], 'b');
  EXPECT_EQ(queue.Read(buffer, 100, 4 * 4096 - 50), SQLITE_IOERR_SHORT_READ);
  out.clear();
  ASSERT_TRUE(queue.Take(3 * 4096, 4 * 4096, out).ok());
  ASSERT_TRUE(queue.Take(0, 4096, out).ok());
  EXPECT_EQ(out, c + b);
  EXPECT_EQ(queue.Take(0, 5 * 4096, out).code(), absl::StatusCode::kUnavailable);
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
