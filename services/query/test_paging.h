// Paging through a read model to the end, for the query service's tests.
#ifndef CIVICWATCH_SERVICES_QUERY_TEST_PAGING_H_
#define CIVICWATCH_SERVICES_QUERY_TEST_PAGING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/read_model.h"

namespace civicwatch::query::testing {

// The names of every event `query` lists, page after page (each of
// query.page_size) from query.after on, in the order the pages give them.
// The first failing page's status is returned.
absl::StatusOr<std::vector<std::string>> AllEventNames(ReadModel& model, ListEventsQuery query);

}  // namespace civicwatch::query::testing

#endif  // CIVICWATCH_SERVICES_QUERY_TEST_PAGING_H_
