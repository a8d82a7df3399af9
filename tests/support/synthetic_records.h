// Structured incident records made up for tests that need many of them:
// record n has its own external id, and its fields cycle so that
// countries, months and categories are spread.
#ifndef CIVICWATCH_TESTS_SUPPORT_SYNTHETIC_RECORDS_H_
#define CIVICWATCH_TESTS_SUPPORT_SYNTHETIC_RECORDS_H_

#include <string>

#include "civicwatch/v1/ingest.pb.h"

namespace civicwatch::testing {

// Record number `n` from `source` ("r-N" within it): a detention or a fine
// in KG or KZ, dated to a month between 2010 and 2021, with no participant.
v1::IncidentRecord SyntheticRecord(const std::string& source, int n);

}  // namespace civicwatch::testing

#endif  // CIVICWATCH_TESTS_SUPPORT_SYNTHETIC_RECORDS_H_
