#include "services/query/request_validation.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/country_codes.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"

namespace civicwatch::query {
namespace {

std::string Indexed(absl::string_view field, absl::string_view repeated, int i) {
  return absl::StrCat(field, ".", repeated, "[", i, "]");
}

absl::Status CheckCount(int count, absl::string_view field, absl::string_view repeated) {
  if (count > kMaxFilterValues) {
    return InvalidFieldError(absl::StrCat(field, ".", repeated),
                             absl::StrCat("at most ", kMaxFilterValues, " values are allowed"));
  }
  return absl::OkStatus();
}

// Checks a repeated enum field: every value known, and not zero unless
// `zero_allowed`.
template <typename IsValid>
absl::Status CheckEnums(const google::protobuf::RepeatedField<int>& values,
                        absl::string_view field, absl::string_view repeated, IsValid is_valid,
                        bool zero_allowed) {
  if (absl::Status s = CheckCount(values.size(), field, repeated); !s.ok()) return s;
  for (int i = 0; i < values.size(); ++i) {
    if (!is_valid(values[i])) {
      return InvalidFieldError(Indexed(field, repeated, i),
                               absl::StrCat(values[i], " is not a known value"));
    }
    if (values[i] == 0 && !zero_allowed) {
      return InvalidFieldError(Indexed(field, repeated, i),
                               "the UNSPECIFIED value cannot be used as a filter");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNames(const google::protobuf::RepeatedPtrField<std::string>& names,
                        absl::string_view field, absl::string_view repeated,
                        absl::string_view collection) {
  if (absl::Status s = CheckCount(names.size(), field, repeated); !s.ok()) return s;
  for (int i = 0; i < names.size(); ++i) {
    absl::Status s = ValidateResourceName(names[i], collection, Indexed(field, repeated, i));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateEventFilter(const v1::EventFilter& filter, absl::string_view field) {
  if (absl::Status s = CheckCount(filter.country_codes_size(), field, "country_codes"); !s.ok()) {
    return s;
  }
  for (int i = 0; i < filter.country_codes_size(); ++i) {
    if (absl::Status s =
            CheckCountryCode(filter.country_codes(i), Indexed(field, "country_codes", i));
        !s.ok()) {
      return s;
    }
  }

  const std::string start_field = absl::StrCat(field, ".start_date");
  const std::string end_field = absl::StrCat(field, ".end_date");
  if (absl::Status s = ValidatePartialDate(filter.start_date(), start_field); !s.ok()) return s;
  if (absl::Status s = ValidatePartialDate(filter.end_date(), end_field); !s.ok()) return s;
  bool has_start = PrecisionOf(filter.start_date()) != DatePrecision::kUndated;
  bool has_end = PrecisionOf(filter.end_date()) != DatePrecision::kUndated;
  if (has_start && has_end && LastDayOf(filter.end_date()) < FirstDayOf(filter.start_date())) {
    return InvalidFieldError(end_field, absl::StrCat("must not be before ", start_field));
  }
  if (!v1::DateMatch_IsValid(filter.date_match())) {
    return InvalidFieldError(absl::StrCat(field, ".date_match"),
                             absl::StrCat(filter.date_match(), " is not a known value"));
  }

  if (absl::Status s = CheckEnums(filter.categories(), field, "categories",
                                  v1::Category_IsValid, /*zero_allowed=*/false);
      !s.ok()) {
    return s;
  }
  // FREEDOM_UNSPECIFIED is a stored value ("none of the three applies"),
  // so it is a meaningful filter value, unlike the other enums' zero.
  if (absl::Status s = CheckEnums(filter.freedoms(), field, "freedoms", v1::Freedom_IsValid,
                                  /*zero_allowed=*/true);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckEnums(filter.valences(), field, "valences", v1::Valence_IsValid,
                                  /*zero_allowed=*/false);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckEnums(filter.confidentialities(), field, "confidentialities",
                                  v1::Confidentiality_IsValid, /*zero_allowed=*/false);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckEnums(filter.review_states(), field, "review_states",
                                  v1::ReviewState_IsValid, /*zero_allowed=*/false);
      !s.ok()) {
    return s;
  }

  if (absl::Status s = CheckNames(filter.entities(), field, "entities", "entities"); !s.ok()) {
    return s;
  }
  const std::string role_field = absl::StrCat(field, ".entity_role");
  if (!v1::Role_IsValid(filter.entity_role())) {
    return InvalidFieldError(role_field,
                             absl::StrCat(filter.entity_role(), " is not a known value"));
  }
  if (filter.entity_role() != v1::ROLE_UNSPECIFIED && filter.entities().empty()) {
    return InvalidFieldError(role_field,
                             absl::StrCat("applies to ", field, ".entities, which is empty"));
  }
  if (absl::Status s = CheckNames(filter.reports(), field, "reports", "reports"); !s.ok()) {
    return s;
  }
  if (filter.text().size() > kMaxTextBytes) {
    return InvalidFieldError(absl::StrCat(field, ".text"),
                             absl::StrCat("must be at most ", kMaxTextBytes, " bytes"));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> EffectivePageSize(int32_t page_size, absl::string_view field) {
  return civicwatch::EffectivePageSize(page_size, field, kDefaultPageSize, kMaxPageSize);
}

absl::Status ValidateGroupBy(const google::protobuf::RepeatedField<int>& group_by) {
  if (group_by.empty() || group_by.size() > 3) {
    return InvalidFieldError("group_by", "must name one to three dimensions");
  }
  absl::flat_hash_set<int> seen;
  for (int i = 0; i < group_by.size(); ++i) {
    std::string f = absl::StrCat("group_by[", i, "]");
    if (!v1::StatisticsDimension_IsValid(group_by[i]) ||
        group_by[i] == v1::STATISTICS_DIMENSION_UNSPECIFIED) {
      return InvalidFieldError(f, absl::StrCat(group_by[i], " is not a dimension"));
    }
    if (!seen.insert(group_by[i]).second) {
      return InvalidFieldError(f, "repeats an earlier dimension");
    }
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::query
