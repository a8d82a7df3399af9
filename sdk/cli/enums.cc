#include "enums.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"

namespace civicwatch::cli {
namespace {

using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;

// "CATEGORY" for Category, "STATISTICS_DIMENSION" for StatisticsDimension:
// the prefix every value name of the enum carries.
std::string Prefix(const EnumDescriptor* d) {
  std::string name = d->value(0)->name();  // "CATEGORY_UNSPECIFIED"
  return name.substr(0, name.size() - std::string("UNSPECIFIED").size());
}

bool IsUnspecified(const EnumValueDescriptor* v) {
  return absl::EndsWith(v->name(), "_UNSPECIFIED");
}

std::string Short(const EnumValueDescriptor* v) {
  return absl::AsciiStrToLower(v->name().substr(Prefix(v->type()).size()));
}

absl::StatusOr<int> Parse(const EnumDescriptor* d, absl::string_view text,
                          absl::string_view what) {
  std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  std::replace(upper.begin(), upper.end(), '-', '_');
  const EnumValueDescriptor* v = d->FindValueByName(upper);
  if (v == nullptr) v = d->FindValueByName(Prefix(d) + upper);
  if (v != nullptr && !IsUnspecified(v)) return v->number();
  std::vector<std::string> names;
  for (int i = 0; i < d->value_count(); ++i) {
    if (!IsUnspecified(d->value(i))) names.push_back(Short(d->value(i)));
  }
  return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a ", what,
                                                 "; use one of: ",
                                                 absl::StrJoin(names, ", ")));
}

std::string ShortOf(const EnumDescriptor* d, int number) {
  const EnumValueDescriptor* v = d->FindValueByNumber(number);
  if (v == nullptr) return absl::StrCat(number);
  if (IsUnspecified(v)) return "-";
  return Short(v);
}

// Parses `text` as a value of the enum E, by its short or its full name.
template <typename E>
absl::StatusOr<E> ParseEnum(absl::string_view text, absl::string_view what) {
  auto n = Parse(google::protobuf::GetEnumDescriptor<E>(), text, what);
  if (!n.ok()) return n.status();
  return static_cast<E>(*n);
}

// The short name of a value of the enum E ("detention"; "-" when unspecified).
template <typename E>
std::string ShortOf(E value) {
  return ShortOf(google::protobuf::GetEnumDescriptor<E>(), value);
}

}  // namespace

absl::StatusOr<v1::Category> ParseCategory(absl::string_view text) {
  return ParseEnum<v1::Category>(text, "category");
}
absl::StatusOr<v1::Freedom> ParseFreedom(absl::string_view text) {
  return ParseEnum<v1::Freedom>(text, "freedom");
}
absl::StatusOr<v1::Valence> ParseValence(absl::string_view text) {
  return ParseEnum<v1::Valence>(text, "valence");
}
absl::StatusOr<v1::EntityKind> ParseEntityKind(absl::string_view text) {
  return ParseEnum<v1::EntityKind>(text, "kind of entity");
}
absl::StatusOr<v1::Role> ParseRole(absl::string_view text) {
  return ParseEnum<v1::Role>(text, "role");
}
absl::StatusOr<v1::Confidentiality> ParseConfidentiality(absl::string_view text) {
  return ParseEnum<v1::Confidentiality>(text, "confidentiality");
}
absl::StatusOr<v1::ReviewState> ParseReviewState(absl::string_view text) {
  return ParseEnum<v1::ReviewState>(text, "review state");
}
absl::StatusOr<v1::StatisticsDimension> ParseDimension(absl::string_view text) {
  return ParseEnum<v1::StatisticsDimension>(text, "dimension");
}

std::string ShortName(v1::Category value) { return ShortOf(value); }
std::string ShortName(v1::Freedom value) { return ShortOf(value); }
std::string ShortName(v1::Valence value) { return ShortOf(value); }
std::string ShortName(v1::EntityKind value) { return ShortOf(value); }
std::string ShortName(v1::Role value) { return ShortOf(value); }
std::string ShortName(v1::ReviewState value) { return ShortOf(value); }
std::string ShortName(v1::Confidentiality value) { return ShortOf(value); }
std::string ShortName(v1::StatisticsDimension value) { return ShortOf(value); }

std::string ShortKey(absl::string_view key) {
  for (const EnumDescriptor* d :
       {v1::Category_descriptor(), v1::Freedom_descriptor(), v1::Valence_descriptor(),
        v1::EntityKind_descriptor(), v1::ReviewState_descriptor()}) {
    if (absl::StartsWith(key, Prefix(d))) {
      const EnumValueDescriptor* v = d->FindValueByName(std::string(key));
      if (v != nullptr) return IsUnspecified(v) ? "unspecified" : Short(v);
    }
  }
  return std::string(key);
}

}  // namespace civicwatch::cli
