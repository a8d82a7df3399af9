// The original documents of reports, kept in the ingest database beside
// the reports (so a backup or restore of the database carries them):
// content-addressed by SHA-256, each distinct document stored once however
// many reports were made from it, and dropped with the last report that
// refers to it. Every function works inside the caller's transaction.
//
// Tables (part of kIngestSchema): originals(sha256, media_type,
// size_bytes, content), and reports.original_sha256 for the reference.
#ifndef CIVICWATCH_SERVICES_INGEST_ORIGINAL_STORE_H_
#define CIVICWATCH_SERVICES_INGEST_ORIGINAL_STORE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"
#include "services/common/sqlite.h"

namespace civicwatch::ingest {

// Gives a store made before originals were kept the reports column and
// its index. Idempotent.
absl::Status AddOriginalColumn(sqlite::Database& db);

// Stores `content` under `original.sha256()` unless the same bytes are
// stored already.
absl::Status PutOriginal(sqlite::Database& db, const v1::ReportOriginal& original,
                         absl::string_view content);

// Deletes the original `sha256` when no report refers to it any more.
absl::Status DropOriginalIfUnreferenced(sqlite::Database& db, const std::string& sha256);

// The bytes stored under `sha256`; nullopt when none are.
absl::StatusOr<std::optional<std::string>> LoadOriginalContent(sqlite::Database& db,
                                                               const std::string& sha256);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_ORIGINAL_STORE_H_
