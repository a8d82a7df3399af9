// Builders of synthetic change-feed values, for the query service's tests
// and benchmark.
#ifndef CIVICWATCH_SERVICES_QUERY_TEST_CHANGES_H_
#define CIVICWATCH_SERVICES_QUERY_TEST_CHANGES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "civicwatch/v1/feed.pb.h"

namespace civicwatch::query::testing {

// {year, month, day}; zeros for the parts not known.
v1::PartialDate Date(int year, int month = 0, int day = 0);

// An event "events/<id>" in `country` on `date`, negative, freedom of
// association, public.
v1::Event MakeEvent(const std::string& id, const std::string& country,
                    const v1::PartialDate& date,
                    v1::Category category = v1::CATEGORY_DETENTION);

// Adds a participant "entities/<entity_id>" in `role`.
void AddParticipant(v1::Event& event, const std::string& entity_id,
                    v1::Role role = v1::ROLE_VICTIM);

// Adds provenance in "reports/<report_id>" for body[start, end).
void AddProvenance(v1::Event& event, const std::string& report_id, int64_t start, int64_t end);

v1::Report MakeReport(const std::string& id, const std::string& body);
v1::Entity MakeEntity(const std::string& id, const std::string& display_name,
                      const std::vector<std::string>& aliases = {},
                      v1::EntityKind kind = v1::ENTITY_KIND_PERSON);

// Changes with sequence number `sequence`.
v1::Change Upsert(int64_t sequence, const v1::Event& event);
v1::Change Upsert(int64_t sequence, const v1::Report& report);
v1::Change Upsert(int64_t sequence, const v1::Entity& entity);
v1::Change Delete(int64_t sequence, const std::string& resource_name);

// A batch; head_sequence defaults to the last change's sequence.
v1::WatchChangesResponse Batch(std::vector<v1::Change> changes, int64_t head_sequence = -1);

}  // namespace civicwatch::query::testing

#endif  // CIVICWATCH_SERVICES_QUERY_TEST_CHANGES_H_
