// Reads one protobuf stored in a row of the ingest store.
#ifndef CIVICWATCH_SERVICES_INGEST_STORED_PROTO_H_
#define CIVICWATCH_SERVICES_INGEST_STORED_PROTO_H_

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/errors.h"
#include "services/common/sqlite.h"
#include "services/ingest/statement_cache.h"

namespace civicwatch::ingest {

// Runs `sql` (one parameter, `key`; the proto in the first column of the
// first row) and parses the proto into `out`. False when there is no row;
// INTERNAL when the stored bytes are not a `Proto`.
template <typename Proto>
absl::StatusOr<bool> LoadProto(sqlite::Database& db, absl::string_view sql,
                               absl::string_view key, Proto& out) {
  auto st = db.Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(1, key);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return false;
  if (!out.ParseFromString(st->ColumnText(0))) {
    return InternalError(absl::StrCat("undecodable row for ", key));
  }
  return true;
}

// LoadProto with `sql` prepared once in `statements`, for the reads every
// event repeats (candidate incidents).
template <typename Proto>
absl::StatusOr<bool> LoadProto(StatementCache& statements, const std::string& sql,
                               absl::string_view key, Proto& out) {
  auto st = statements.Get(sql);
  if (!st.ok()) return st.status();
  (*st)->Bind(1, key);
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  const bool parsed = *row && out.ParseFromString((*st)->ColumnText(0));
  (*st)->Reset();
  if (!*row) return false;
  if (!parsed) return InternalError(absl::StrCat("undecodable row for ", key));
  return true;
}

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_STORED_PROTO_H_
