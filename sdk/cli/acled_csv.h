// Events as CSV with ACLED-like columns, for analysts who already work with
// ACLED exports. The mapping:
//   event_id_cnty   the event's id (after "events/")
//   event_date      YYYY-MM-DD, YYYY-MM or YYYY as precise as known
//   year            the year, empty when undated
//   time_precision  1 day, 2 month, 3 year (empty when undated)
//   event_type      the category ("detention")
//   sub_event_type  the freedom ("expression")
//   valence         negative, positive or neutral
//   actor1          perpetrators, "; "-separated
//   actor2          victims
//   assoc_actor     every other participant
//   country         the ISO 3166-1 alpha-2 code (ACLED's iso column)
//   location        the place named, if any
//   source          the reports it comes from
//   notes           the summary
//   end_date        the end of a period, when there is one
#ifndef CIVICWATCH_SDK_CLI_ACLED_CSV_H_
#define CIVICWATCH_SDK_CLI_ACLED_CSV_H_

#include <string>
#include <vector>

#include "civicwatch/v1/types.pb.h"

namespace civicwatch::cli {

std::vector<std::string> AcledHeaders();
std::vector<std::string> AcledRecord(const v1::Event& event);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_ACLED_CSV_H_
