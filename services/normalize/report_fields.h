// The first stage of the normaliser: the report's own fields, as the
// caller gave them and completed from what the text says of itself.
#ifndef CIVICWATCH_SERVICES_NORMALIZE_REPORT_FIELDS_H_
#define CIVICWATCH_SERVICES_NORMALIZE_REPORT_FIELDS_H_

#include "civicwatch/v1/types.pb.h"
#include "services/normalize/report_metadata.h"

namespace civicwatch::normalize {

// Every field of `input` but the body (the caller's to keep: copying it
// only to free it would cost a pass over it and its memory) and the fields
// the store fills (name, content_hash, create_time, event_count). Title,
// language, coverage, publishers and published date left empty in `input`
// are taken from `metadata`.
v1::Report CompleteReportFields(const v1::Report& input, const ReportMetadata& metadata);

// A date of the text as a PartialDate, and back.
void SetPartialDate(const SimpleDate& date, v1::PartialDate* out);
SimpleDate FromPartialDate(const v1::PartialDate& date);

}  // namespace civicwatch::normalize

#endif  // CIVICWATCH_SERVICES_NORMALIZE_REPORT_FIELDS_H_
