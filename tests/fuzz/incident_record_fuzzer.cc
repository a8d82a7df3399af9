// libFuzzer target for structured incident records (ImportIncidents,
// services/ingest/incident_record.h): the raw bytes of an IncidentRecord as
// a partner's tool may send them. Each input is decoded as the service
// would (services/common/wire_utf8.h), then validated; a record must be
// accepted or refused with INVALID_ARGUMENT naming a field of the record,
// and an accepted record must become an event the rest of the system can
// take: a stable name, a confidentiality, no provenance, and one entity
// named "entities/{id}" per participant that has a name to resolve.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/match.h"
#include "civicwatch/v1/ingest.pb.h"
#include "services/common/errors.h"
#include "services/common/wire_utf8.h"
#include "services/ingest/incident_record.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

// The fields ValidateIncidentRecord may name.
bool IsRecordField(const std::string& field) {
  for (const char* prefix : {"external_id", "source", "event"}) {
    if (absl::StartsWith(field, prefix)) return true;
  }
  return false;
}

bool IsEntityName(const std::string& name) {
  return absl::StartsWith(name, "entities/") && name.size() > 9 &&
         name.find('/', 9) == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  civicwatch::v1::IncidentRecord record;
  absl::Status decoded = civicwatch::DecodeRequest(bytes, record);
  if (!decoded.ok()) {
    Check(decoded.code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  absl::Status valid = civicwatch::ingest::ValidateIncidentRecord(record);
  if (!valid.ok()) {
    Check(valid.code() == absl::StatusCode::kInvalidArgument);
    auto violations = civicwatch::FieldViolationsOf(valid);
    Check(violations.size() == 1 && IsRecordField(violations[0].first));
    return 0;
  }
  const civicwatch::ingest::ImportedIncident incident =
      civicwatch::ingest::IncidentFromRecord(record);
  const civicwatch::v1::Event& event = incident.event;
  // "events/" and 20 hex digits, the same for the same (source, external_id).
  Check(absl::StartsWith(event.name(), "events/") && event.name().size() == 27);
  Check(civicwatch::ingest::IncidentFromRecord(record).event.name() == event.name());
  Check(event.confidentiality() != civicwatch::v1::CONFIDENTIALITY_UNSPECIFIED);
  Check(event.provenance_size() == 0 && !event.has_create_time() && !event.has_update_time());
  Check(event.participants_size() == record.event().participants_size());
  Check(static_cast<int>(incident.entities.size()) <= event.participants_size());
  for (const civicwatch::v1::Entity& entity : incident.entities) {
    Check(IsEntityName(entity.name()));
    Check(entity.country_code() == event.country_code());
  }
  // The event survives the trip to the change feed and back.
  civicwatch::v1::Event again;
  Check(civicwatch::DecodeRequest(event.SerializeAsString(), again).ok());
  return 0;
}
