#include "services/common/sqlite.h"

#include <cstdlib>
#include <filesystem>

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

TEST(SqliteTest, UnopenablePathIsUnavailable) {
  auto db = Database::Open("/proc/no/such/dir/x.db");
  EXPECT_EQ(db.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace civicwatch::sqlite
