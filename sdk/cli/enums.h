// The taxonomy's enum values as users type and read them: "detention" or
// "CATEGORY_DETENTION" in, "detention" out.
#ifndef CIVICWATCH_SDK_CLI_ENUMS_H_
#define CIVICWATCH_SDK_CLI_ENUMS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "civicwatch/v1/query.pb.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::cli {

// Each parser accepts the short lower-case name ("peaceful_assembly",
// "peaceful-assembly") or the enum's full name ("FREEDOM_PEACEFUL_ASSEMBLY"),
// in any case. The *_UNSPECIFIED values are refused. Errors are
// INVALID_ARGUMENT sentences that list the accepted names.
absl::StatusOr<v1::Category> ParseCategory(absl::string_view text);
absl::StatusOr<v1::Freedom> ParseFreedom(absl::string_view text);
absl::StatusOr<v1::Valence> ParseValence(absl::string_view text);
absl::StatusOr<v1::EntityKind> ParseEntityKind(absl::string_view text);
// Dimensions: category, freedom, valence, country, entity, year, month.
absl::StatusOr<v1::StatisticsDimension> ParseDimension(absl::string_view text);
absl::StatusOr<v1::ReviewState> ParseReviewState(absl::string_view text);
absl::StatusOr<v1::Role> ParseRole(absl::string_view text);
absl::StatusOr<v1::Confidentiality> ParseConfidentiality(absl::string_view text);

// The short name of a value: "detention", "peaceful_assembly"; "-" for an
// *_UNSPECIFIED value; the number for a value this build does not know.
std::string ShortName(v1::Category value);
std::string ShortName(v1::Freedom value);
std::string ShortName(v1::Valence value);
std::string ShortName(v1::EntityKind value);
std::string ShortName(v1::Role value);
std::string ShortName(v1::ReviewState value);
std::string ShortName(v1::Confidentiality value);
std::string ShortName(v1::StatisticsDimension value);

// The short form of an enum value name as the statistics keys carry it
// ("CATEGORY_DETENTION" -> "detention"); other keys are returned unchanged.
std::string ShortKey(absl::string_view key);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_ENUMS_H_
