#include "services/ingest/original_store.h"

namespace civicwatch::ingest {

absl::Status AddOriginalColumn(sqlite::Database& db) {
  absl::StatusOr<bool> present = sqlite::HasColumn(db, "reports", "original_sha256");
  if (!present.ok()) return present.status();
  if (!*present) {
    if (absl::Status s = db.Exec(
            "ALTER TABLE reports ADD COLUMN original_sha256 TEXT NOT NULL DEFAULT ''");
        !s.ok()) {
      return s;
    }
  }
  return db.Exec(
      "CREATE INDEX IF NOT EXISTS reports_by_original ON reports(original_sha256) "
      "WHERE original_sha256 != ''");
}

absl::Status PutOriginal(sqlite::Database& db, const v1::ReportOriginal& original,
                         absl::string_view content) {
  auto st = db.Prepare(
      "INSERT OR IGNORE INTO originals(sha256, media_type, size_bytes, content) "
      "VALUES (?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  return st->Bind(1, original.sha256())
      .Bind(2, original.media_type())
      .Bind(3, static_cast<int64_t>(content.size()))
      .BindBlob(4, content)
      .Run();
}

absl::Status DropOriginalIfUnreferenced(sqlite::Database& db, const std::string& sha256) {
  if (sha256.empty()) return absl::OkStatus();
  auto st = db.Prepare(
      "DELETE FROM originals WHERE sha256 = ?1 AND NOT EXISTS "
      "(SELECT 1 FROM reports WHERE original_sha256 = ?1)");
  if (!st.ok()) return st.status();
  return st->Bind(1, sha256).Run();
}

absl::StatusOr<std::optional<std::string>> LoadOriginalContent(sqlite::Database& db,
                                                               const std::string& sha256) {
  auto st = db.Prepare("SELECT content FROM originals WHERE sha256 = ?");
  if (!st.ok()) return st.status();
  return st->Bind(1, sha256).FirstText();
}

}  // namespace civicwatch::ingest
