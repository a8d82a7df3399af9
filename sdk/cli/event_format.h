// How one event is shown: a table row, a CSV record, a detailed listing.
#ifndef CIVICWATCH_SDK_CLI_EVENT_FORMAT_H_
#define CIVICWATCH_SDK_CLI_EVENT_FORMAT_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "civicwatch/v1/types.pb.h"

namespace civicwatch::cli {

// Table columns: date, country, category, freedom, summary.
std::vector<std::string> EventTableHeaders();
std::vector<std::string> EventTableRow(const v1::Event& event);

// CSV columns of `timeline --format csv`: name, date, end_date, country,
// category, freedom, valence, location, participants, summary, reports.
std::vector<std::string> EventCsvHeaders();
std::vector<std::string> EventCsvRecord(const v1::Event& event);

// "Azimjan Askarov (victim); GKNB (perpetrator)".
std::string ParticipantsText(const v1::Event& event);

// The review state in short ("corrected"), with ", orphaned" when flagged.
std::string ReviewText(const v1::Event& event);

// The facts of an event both `event NAME` and `review` show, as (label,
// value) in this order: date, country, category, freedom, valence,
// location. A value is empty when the event does not say.
std::vector<std::pair<std::string, std::string>> EventFacts(const v1::Event& event);

// A multi-line "field: value" listing of every field, with provenance
// quotes, for `civicwatch event NAME`.
void PrintEventDetails(std::ostream& out, const v1::Event& event);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_EVENT_FORMAT_H_
