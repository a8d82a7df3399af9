#include "services/query/report_body_cache.h"

namespace civicwatch::query {
namespace {

constexpr size_t kBodiesKept = 4;

}  // namespace

absl::StatusOr<std::unique_ptr<ReportBodyCache>> ReportBodyCache::Create(sqlite::Database& db) {
  auto select = db.Prepare("SELECT body FROM reports WHERE name = ?");
  if (!select.ok()) return select.status();
  return std::unique_ptr<ReportBodyCache>(new ReportBodyCache(std::move(*select)));
}

absl::StatusOr<std::shared_ptr<const std::string>> ReportBodyCache::Get(
    const std::string& report) {
  for (auto it = bodies_.begin(); it != bodies_.end(); ++it) {
    if (it->first == report) {
      bodies_.splice(bodies_.begin(), bodies_, it);
      return bodies_.front().second;
    }
  }
  select_.Bind(1, absl::string_view(report));
  auto row = select_.Step();
  std::shared_ptr<const std::string> body;
  if (row.ok() && *row) body = std::make_shared<const std::string>(select_.ColumnText(0));
  select_.Reset();
  if (!row.ok()) return row.status();
  if (body == nullptr) return body;
  bodies_.emplace_front(report, body);
  if (bodies_.size() > kBodiesKept) bodies_.pop_back();
  return body;
}

void ReportBodyCache::Forget(const std::string& report) {
  bodies_.remove_if([&](const auto& entry) { return entry.first == report; });
}

}  // namespace civicwatch::query
