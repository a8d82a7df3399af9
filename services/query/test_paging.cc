#include "services/query/test_paging.h"

#include "absl/time/time.h"

namespace civicwatch::query::testing {

absl::StatusOr<std::vector<std::string>> AllEventNames(ReadModel& model, ListEventsQuery query) {
  std::vector<std::string> names;
  while (true) {
    auto page = model.ListEvents(query, absl::InfiniteFuture());
    if (!page.ok()) return page.status();
    for (const auto& e : page->events) names.push_back(e.name());
    if (!page->next.has_value()) return names;
    query.after = page->next;
  }
}

}  // namespace civicwatch::query::testing
