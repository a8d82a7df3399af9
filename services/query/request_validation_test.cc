#include "services/query/request_validation.h"

#include <functional>

#include "gtest/gtest.h"
#include "services/common/errors.h"
#include "services/query/test_changes.h"

namespace civicwatch::query {
namespace {

using testing::Date;

// The field the INVALID_ARGUMENT `status` names.
std::string FieldOf(const absl::Status& status) {
  auto violations = FieldViolationsOf(status);
  return violations.empty() ? "" : violations[0].first;
}

TEST(ValidateEventFilterTest, AcceptsAnEmptyAndAFullFilter) {
  v1::EventFilter filter;
  EXPECT_TRUE(ValidateEventFilter(filter, "filter").ok());
  filter.add_country_codes("KG");
  *filter.mutable_start_date() = Date(2018);
  *filter.mutable_end_date() = Date(2018, 6);
  filter.set_date_match(v1::DATE_MATCH_OVERLAP);
  filter.add_categories(v1::CATEGORY_DETENTION);
  filter.add_freedoms(v1::FREEDOM_UNSPECIFIED);
  filter.add_valences(v1::VALENCE_NEGATIVE);
  filter.add_entities("entities/askarov");
  filter.set_entity_role(v1::ROLE_VICTIM);
  filter.add_reports("reports/r1");
  filter.set_text("peaceful assembly");
  filter.add_confidentialities(v1::CONFIDENTIALITY_PUBLIC);
  EXPECT_TRUE(ValidateEventFilter(filter, "filter").ok());
}

TEST(ValidateEventFilterTest, NamesTheOffendingField) {
  struct Case {
    std::function<void(v1::EventFilter&)> spoil;
    std::string field;
  };
  std::vector<Case> cases = {
      {[](auto& f) { f.add_country_codes("KG"); f.add_country_codes("XX"); },
       "filter.country_codes[1]"},
      {[](auto& f) { f.add_country_codes("kg"); }, "filter.country_codes[0]"},
      {[](auto& f) { *f.mutable_start_date() = Date(2018, 13); }, "filter.start_date.month"},
      {[](auto& f) { *f.mutable_end_date() = Date(2018, 2, 30); }, "filter.end_date.day"},
      {[](auto& f) {
         *f.mutable_start_date() = Date(2018, 6);
         *f.mutable_end_date() = Date(2018, 5, 31);
       },
       "filter.end_date"},
      {[](auto& f) { f.set_date_match(static_cast<v1::DateMatch>(9)); }, "filter.date_match"},
      {[](auto& f) { f.add_categories(v1::CATEGORY_UNSPECIFIED); }, "filter.categories[0]"},
      {[](auto& f) { f.mutable_categories()->Add(99); }, "filter.categories[0]"},
      {[](auto& f) { f.mutable_freedoms()->Add(7); }, "filter.freedoms[0]"},
      {[](auto& f) { f.add_valences(v1::VALENCE_UNSPECIFIED); }, "filter.valences[0]"},
      {[](auto& f) { f.mutable_confidentialities()->Add(0); }, "filter.confidentialities[0]"},
      {[](auto& f) { f.add_entities("askarov"); }, "filter.entities[0]"},
      {[](auto& f) { f.set_entity_role(v1::ROLE_VICTIM); }, "filter.entity_role"},
      {[](auto& f) { f.add_reports("events/x"); }, "filter.reports[0]"},
      {[](auto& f) { f.set_text(std::string(kMaxTextBytes + 1, 'a')); }, "filter.text"},
  };
  for (const Case& c : cases) {
    v1::EventFilter filter;
    c.spoil(filter);
    absl::Status status = ValidateEventFilter(filter, "filter");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(FieldOf(status), c.field) << status;
  }
}

TEST(EffectivePageSizeTest, DefaultsCapsAndRejectsNegative) {
  EXPECT_EQ(*EffectivePageSize(0, "page_size"), kDefaultPageSize);
  EXPECT_EQ(*EffectivePageSize(7, "page_size"), 7);
  EXPECT_EQ(*EffectivePageSize(5000, "page_size"), kMaxPageSize);
  absl::StatusOr<int> negative = EffectivePageSize(-1, "page_size");
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(FieldOf(negative.status()), "page_size");
}

TEST(ValidateResourceNameTest, WantsCollectionSlashId) {
  EXPECT_TRUE(ValidateResourceName("events/abc", "events", "name").ok());
  EXPECT_FALSE(ValidateResourceName("events/", "events", "name").ok());
  EXPECT_FALSE(ValidateResourceName("entities/abc", "events", "name").ok());
  EXPECT_FALSE(ValidateResourceName("events/a/b", "events", "name").ok());
  EXPECT_FALSE(ValidateResourceName("", "events", "name").ok());
}

TEST(ValidateGroupByTest, OneToThreeDistinctKnownDimensions) {
  google::protobuf::RepeatedField<int> dims;
  EXPECT_EQ(FieldOf(ValidateGroupBy(dims)), "group_by");
  dims.Add(v1::STATISTICS_DIMENSION_MONTH);
  EXPECT_TRUE(ValidateGroupBy(dims).ok());
  dims.Add(v1::STATISTICS_DIMENSION_MONTH);
  EXPECT_EQ(FieldOf(ValidateGroupBy(dims)), "group_by[1]");
  dims.Set(1, 0);
  EXPECT_EQ(FieldOf(ValidateGroupBy(dims)), "group_by[1]");
  dims.Set(1, v1::STATISTICS_DIMENSION_CATEGORY);
  dims.Add(v1::STATISTICS_DIMENSION_COUNTRY);
  EXPECT_TRUE(ValidateGroupBy(dims).ok());
  dims.Add(v1::STATISTICS_DIMENSION_ENTITY);
  EXPECT_EQ(FieldOf(ValidateGroupBy(dims)), "group_by");
}

}  // namespace
}  // namespace civicwatch::query
