#include "services/ingest/incident_record.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/auth.h"
#include "services/common/country_codes.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"
#include "services/text/fold.h"
#include "services/normalize/normalizer.h"

namespace civicwatch::ingest {
namespace {

constexpr size_t kMaxIdChars = 256;

std::string EventIdFor(const v1::IncidentRecord& record) {
  const std::string key = absl::StrCat("import\x1f", record.source(), "\x1f", record.external_id());
  return auth::Sha256Hex(key).substr(0, 20);
}

}  // namespace

absl::Status ValidateIncidentRecord(const v1::IncidentRecord& record) {
  for (auto [value, field] : {std::pair{&record.external_id(), "external_id"},
                              std::pair{&record.source(), "source"}}) {
    if (value->empty()) return InvalidFieldError(field, "is required");
    if (value->size() > kMaxIdChars) {
      return InvalidFieldError(field, "must be at most 256 characters");
    }
  }
  if (!record.has_event()) return InvalidFieldError("event", "is required");
  const v1::Event& e = record.event();
  if (absl::Status s = ValidateEventFields(e, "event."); !s.ok()) return s;
  if (!v1::ReviewState_IsValid(e.review_state())) {
    return InvalidFieldError("event.review_state", "is not a ReviewState value");
  }
  return absl::OkStatus();
}

absl::Status ValidateEventFields(const v1::Event& e, absl::string_view prefix) {
  auto at = [prefix](absl::string_view field) { return absl::StrCat(prefix, field); };
  if (absl::Status s = CheckCountryCode(e.country_code(), at("country_code")); !s.ok()) {
    return s;
  }
  if (absl::Status s = ValidatePartialDate(e.date(), at("date")); !s.ok()) return s;
  if (absl::Status s = ValidatePartialDate(e.end_date(), at("end_date")); !s.ok()) return s;
  if (e.end_date().year() != 0) {
    if (e.date().year() == 0) {
      return InvalidFieldError(at("end_date"), "needs a date to end after");
    }
    if (LastDayOf(e.end_date()) < FirstDayOf(e.date())) {
      return InvalidFieldError(at("end_date"), absl::StrCat("must not be before ", at("date")));
    }
  }
  if (!v1::Category_IsValid(e.category()) || e.category() == v1::CATEGORY_UNSPECIFIED) {
    return InvalidFieldError(at("category"), "must be one of the Category values");
  }
  if (!v1::Freedom_IsValid(e.freedom())) {
    return InvalidFieldError(at("freedom"), "is not a Freedom value");
  }
  if (!v1::Valence_IsValid(e.valence()) || e.valence() == v1::VALENCE_UNSPECIFIED) {
    return InvalidFieldError(at("valence"), "must be NEGATIVE, POSITIVE or NEUTRAL");
  }
  if (!v1::Confidentiality_IsValid(e.confidentiality())) {
    return InvalidFieldError(at("confidentiality"), "is not a Confidentiality value");
  }
  return ValidateParticipants(e, prefix);
}

absl::Status ValidateParticipants(const v1::Event& e, absl::string_view prefix) {
  if (e.participants_size() > kMaxParticipants) {
    return InvalidFieldError(absl::StrCat(prefix, "participants"),
                             absl::StrCat("must hold at most ", kMaxParticipants, " entries"));
  }
  for (int i = 0; i < e.participants_size(); ++i) {
    const v1::Participant& p = e.participants(i);
    const std::string in = absl::StrCat(prefix, "participants[", i, "]");
    if (p.display_name().empty()) {
      return InvalidFieldError(absl::StrCat(in, ".display_name"), "is required");
    }
    if (p.display_name().size() > kMaxIdChars || p.title().size() > kMaxIdChars) {
      return InvalidFieldError(
          absl::StrCat(in, p.display_name().size() > kMaxIdChars ? ".display_name" : ".title"),
          "must be at most 256 bytes");
    }
    if (!v1::EntityKind_IsValid(p.kind()) || p.kind() == v1::ENTITY_KIND_UNSPECIFIED) {
      return InvalidFieldError(absl::StrCat(in, ".kind"), "must be one of the EntityKind values");
    }
    if (!p.entity().empty() &&
        (p.entity().rfind("entities/", 0) != 0 || p.entity().size() == 9 ||
         p.entity().find('/', 9) != std::string::npos)) {
      return InvalidFieldError(absl::StrCat(in, ".entity"),
                               "must be empty or a resource name like \"entities/{id}\"");
    }
    if (!v1::Role_IsValid(p.role())) {
      return InvalidFieldError(absl::StrCat(in, ".role"), "is not a Role value");
    }
  }
  return absl::OkStatus();
}

std::vector<v1::Entity> ResolveParticipants(v1::Event& event) {
  std::vector<v1::Entity> entities;
  for (v1::Participant& p : *event.mutable_participants()) {
    if (p.entity().empty()) {
      const std::string key = text::FoldingKey(p.display_name());
      if (key.empty()) continue;
      p.set_entity(absl::StrCat("entities/", normalize::EntityIdForKey(key)));
    }
    v1::Entity entity;
    entity.set_name(p.entity());
    entity.set_kind(p.kind());
    entity.set_display_name(p.display_name());
    if (!p.title().empty()) entity.add_titles(p.title());
    entity.set_country_code(event.country_code());
    entities.push_back(std::move(entity));
  }
  return entities;
}

ImportedIncident IncidentFromRecord(const v1::IncidentRecord& record) {
  ImportedIncident out;
  v1::Event& event = out.event;
  event = record.event();
  event.set_name(absl::StrCat("events/", EventIdFor(record)));
  event.clear_provenance();
  event.clear_create_time();
  event.clear_update_time();
  if (event.confidentiality() == v1::CONFIDENTIALITY_UNSPECIFIED) {
    event.set_confidentiality(v1::CONFIDENTIALITY_PUBLIC);
  }
  // Records come from systems people keep: confirmed unless they say.
  if (event.review_state() == v1::REVIEW_STATE_UNSPECIFIED) {
    event.set_review_state(v1::REVIEW_STATE_CONFIRMED);
  }
  event.clear_review();
  event.clear_orphaned();
  event.clear_etag();
  out.entities = ResolveParticipants(event);
  out.source = record.source();
  out.external_id = record.external_id();
  return out;
}

}  // namespace civicwatch::ingest
