#include "services/common/sqlite.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "gtest/gtest.h"

namespace civicwatch::sqlite {
namespace {

std::string TempDbPath() {
  char tmpl[] = "/tmp/cw-sqlite-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  return dir + "/t.db";
}

TEST(SqliteTest, TransactionRollsBackUnlessCommitted) {
  auto db = Database::Open(TempDbPath());
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t(x INTEGER)").ok());
  {
    Transaction tx(**db);
    ASSERT_TRUE(tx.status().ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (1)").ok());
  }
  {
    Transaction tx(**db);
    ASSERT_TRUE((*db)->Exec("INSERT INTO t VALUES (2)").ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  auto st = (*db)->Prepare("SELECT group_concat(x) FROM t");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->ColumnText(0), "2");
}

TEST(SqliteTest, BindsAndReadsBytesWithNul) {
  auto db = Database::Open(TempDbPath());
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t(b BLOB)").ok());
  std::string bytes("a\0b", 3);
  auto ins = (*db)->Prepare("INSERT INTO t VALUES (?)");
  ASSERT_TRUE(ins->BindBlob(1, bytes).Run().ok());
  auto sel = (*db)->Prepare("SELECT b FROM t");
  ASSERT_TRUE(*sel->Step());
  EXPECT_EQ(sel->ColumnText(0), bytes);
}

// The files this process holds open whose path starts with `prefix`
// (SQLite unlinks its temporary files as it opens them, so only the
// process's descriptors still name them).
int OpenFilesUnder(const std::string& prefix) {
  int n = 0;
  std::error_code error;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    std::error_code link_error;
    const std::string target = std::filesystem::read_symlink(fd.path(), link_error).string();
    if (!link_error && target.rfind(prefix, 0) == 0) ++n;
  }
  return n;
}

// In a child process: UseTempDirectory is process-wide.
TEST(SqliteDeathTest, TemporaryFilesGoToTheChosenDirectory) {
  char tmpl[] = "/tmp/cw-sqlite-tmp-XXXXXX";
  const std::string dir = std::string(mkdtemp(tmpl)) + "/tmp";
  EXPECT_EXIT(
      {
        if (!UseTempDirectory(dir).ok()) std::_Exit(2);
        auto db = Database::Open(TempDbPath());
        if (!db.ok()) std::_Exit(3);
        // A temporary table larger than a tiny cache spills to a file.
        if (!(*db)->Exec("PRAGMA cache_size=10; PRAGMA temp_store=FILE;"
                         "CREATE TEMP TABLE spill AS WITH RECURSIVE c(x) AS (SELECT 1 UNION "
                         "ALL SELECT x+1 FROM c WHERE x < 20000) SELECT x, randomblob(200) AS b "
                         "FROM c")
                 .ok()) {
          std::_Exit(4);
        }
        std::_Exit(OpenFilesUnder(dir + "/") > 0 ? 0 : 5);
      },
      ::testing::ExitedWithCode(0), "");
  EXPECT_TRUE(std::filesystem::is_directory(dir));
}

TEST(SqliteTest, ExpiredDeadlineInterruptsQuery) {
  auto db = Database::Open(TempDbPath());
  ASSERT_TRUE(db.ok());
  (*db)->SetDeadline(absl::Now() - absl::Seconds(1));
  auto st = (*db)->Prepare(
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 10000000) "
      "SELECT count(*) FROM c");
  ASSERT_TRUE(st.ok());
  auto row = st->Step();
  EXPECT_EQ(row.status().code(), absl::StatusCode::kDeadlineExceeded);
}

TEST(SqliteTest, ForEachRowVisitsEveryRowAndStopsAtTheFirstError) {
  auto db = Database::Open(TempDbPath());
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t(x TEXT); INSERT INTO t VALUES ('a'), ('b'), ('c')").ok());
  auto st = (*db)->Prepare("SELECT x FROM t ORDER BY x");
  ASSERT_TRUE(st.ok());
  std::string seen;
  EXPECT_TRUE(st->ForEachRow([&] {
                  seen += st->ColumnText(0);
                  return absl::OkStatus();
                }).ok());
  EXPECT_EQ(seen, "abc");

  st->Reset();
  seen.clear();
  absl::Status s = st->ForEachRow([&] {
    seen += st->ColumnText(0);
    return seen.size() == 2 ? absl::DataLossError("stop") : absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(seen, "ab");

  st->Reset();
  auto texts = st->FirstColumnTexts();
  ASSERT_TRUE(texts.ok()) << texts.status();
  EXPECT_EQ(*texts, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(SqliteTest, FirstTextIsTheFirstRowOrNothing) {
  auto db = Database::Open(TempDbPath());
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t(x TEXT); INSERT INTO t VALUES ('a'), ('b')").ok());
  auto st = (*db)->Prepare("SELECT x FROM t WHERE x >= ? ORDER BY x");
  ASSERT_TRUE(st.ok());
  auto first = st->Bind(1, "b").FirstText();
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, std::optional<std::string>("b"));
  st->Reset();
  auto none = st->Bind(1, "c").FirstText();
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(*none, std::nullopt);
}

TEST(SqliteTest, HasColumnAndTheTableCanBeAlteredRightAfter) {
  auto db = Database::Open(TempDbPath());
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t(x TEXT)").ok());
  EXPECT_TRUE(*HasColumn(**db, "t", "x"));
  EXPECT_FALSE(*HasColumn(**db, "t", "y"));
  EXPECT_FALSE(*HasColumn(**db, "missing", "x"));
  ASSERT_TRUE((*db)->Exec("ALTER TABLE t ADD COLUMN y TEXT").ok());
  EXPECT_TRUE(*HasColumn(**db, "t", "y"));
}

TEST(SqliteTest, UnopenablePathIsUnavailable) {
  auto db = Database::Open("/proc/no/such/dir/x.db");
  EXPECT_EQ(db.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace civicwatch::sqlite
