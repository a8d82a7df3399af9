#include "services/query/test_changes.h"

namespace civicwatch::query::testing {

v1::PartialDate Date(int year, int month, int day) {
  v1::PartialDate date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

v1::Event MakeEvent(const std::string& id, const std::string& country,
                    const v1::PartialDate& date, v1::Category category) {
  v1::Event event;
  event.set_name("events/" + id);
  event.set_country_code(country);
  *event.mutable_date() = date;
  event.set_category(category);
  event.set_freedom(v1::FREEDOM_ASSOCIATION);
  event.set_valence(v1::VALENCE_NEGATIVE);
  event.set_confidentiality(v1::CONFIDENTIALITY_PUBLIC);
  event.set_summary("Event " + id + " happened.");
  return event;
}

void AddParticipant(v1::Event& event, const std::string& entity_id, v1::Role role) {
  v1::Participant* p = event.add_participants();
  p->set_entity("entities/" + entity_id);
  p->set_display_name(entity_id);
  p->set_kind(v1::ENTITY_KIND_PERSON);
  p->set_role(role);
}

void AddProvenance(v1::Event& event, const std::string& report_id, int64_t start, int64_t end) {
  v1::Provenance* p = event.add_provenance();
  p->set_report("reports/" + report_id);
  p->set_start_offset(start);
  p->set_end_offset(end);
}

v1::Report MakeReport(const std::string& id, const std::string& body) {
  v1::Report report;
  report.set_name("reports/" + id);
  report.set_title("Report " + id);
  report.set_country_code("KG");
  report.set_body(body);
  return report;
}

v1::Entity MakeEntity(const std::string& id, const std::string& display_name,
                      const std::vector<std::string>& aliases, v1::EntityKind kind) {
  v1::Entity entity;
  entity.set_name("entities/" + id);
  entity.set_display_name(display_name);
  for (const auto& a : aliases) entity.add_aliases(a);
  entity.set_kind(kind);
  entity.set_country_code("KG");
  return entity;
}

namespace {
v1::Change Base(int64_t sequence, v1::ChangeType type, const std::string& name) {
  v1::Change change;
  change.set_sequence(sequence);
  change.set_type(type);
  change.set_resource_name(name);
  return change;
}
}  // namespace

v1::Change Upsert(int64_t sequence, const v1::Event& event) {
  v1::Change change = Base(sequence, v1::CHANGE_TYPE_UPSERT, event.name());
  *change.mutable_event() = event;
  return change;
}

v1::Change Upsert(int64_t sequence, const v1::Report& report) {
  v1::Change change = Base(sequence, v1::CHANGE_TYPE_UPSERT, report.name());
  *change.mutable_report() = report;
  return change;
}

v1::Change Upsert(int64_t sequence, const v1::Entity& entity) {
  v1::Change change = Base(sequence, v1::CHANGE_TYPE_UPSERT, entity.name());
  *change.mutable_entity() = entity;
  return change;
}

v1::Change Delete(int64_t sequence, const std::string& resource_name) {
  return Base(sequence, v1::CHANGE_TYPE_DELETE, resource_name);
}

v1::WatchChangesResponse Batch(std::vector<v1::Change> changes, int64_t head_sequence) {
  v1::WatchChangesResponse batch;
  int64_t last = 0;
  for (auto& c : changes) {
    last = c.sequence();
    *batch.add_changes() = std::move(c);
  }
  batch.set_head_sequence(head_sequence >= 0 ? head_sequence : last);
  return batch;
}

}  // namespace civicwatch::query::testing
