// The bodies of the last few reports the replica writer read: the events
// of one report arrive together, and each quotes the report's body in its
// full-text row.
//
// Not thread-safe.
#ifndef CIVICWATCH_SERVICES_QUERY_REPORT_BODY_CACHE_H_
#define CIVICWATCH_SERVICES_QUERY_REPORT_BODY_CACHE_H_

#include <list>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "services/common/sqlite.h"

namespace civicwatch::query {

class ReportBodyCache {
 public:
  // Reads bodies from `db`'s reports table; `db` must outlive the result.
  static absl::StatusOr<std::unique_ptr<ReportBodyCache>> Create(sqlite::Database& db);

  // The body of stored report `report`, or nullptr when it is not stored.
  absl::StatusOr<std::shared_ptr<const std::string>> Get(const std::string& report);

  // Forgets `report`'s body (it was written or deleted).
  void Forget(const std::string& report);

  // Forgets every body (a rolled-back transaction may have written them).
  void Clear() { bodies_.clear(); }

 private:
  explicit ReportBodyCache(sqlite::Statement select) : select_(std::move(select)) {}

  sqlite::Statement select_;
  // Most recently used first.
  std::list<std::pair<std::string, std::shared_ptr<const std::string>>> bodies_;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_REPORT_BODY_CACHE_H_
