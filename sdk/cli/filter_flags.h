// The filter flags shared by every query command (--country, --from, --to,
// --category, --freedom, --valence, --entity, --text) and the EventFilter
// they make.
#ifndef CIVICWATCH_SDK_CLI_FILTER_FLAGS_H_
#define CIVICWATCH_SDK_CLI_FILTER_FLAGS_H_

#include "absl/status/statusor.h"
#include "args.h"
#include "civicwatch/client.h"
#include "civicwatch/v1/query.pb.h"

namespace civicwatch::cli {

// Adds the filter flags to `parser`.
void AddFilterFlags(ArgParser& parser);

// The EventFilter the flags describe. Country codes are upper-cased;
// dates parsed by ParseDate; enum names by the parsers of enums.h.
// --entity takes a resource name ("entities/…"); a plain name is looked up
// with `client` (ListEntities) when one is given and must match exactly one
// entity. Returns INVALID_ARGUMENT with a sentence naming the flag.
absl::StatusOr<v1::EventFilter> FilterFromFlags(const ParsedArgs& args,
                                                Client* client = nullptr);

// The flag a filter field path from the server corresponds to, for error
// messages: "filter.start_date" -> "--from". Empty when there is none.
std::string FlagForField(const std::string& field);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_FILTER_FLAGS_H_
