#include "services/ingest/review_access.h"

#include "absl/strings/strip.h"
#include "services/common/auth.h"
#include "services/common/errors.h"
#include "services/ingest/change_writer.h"
#include "services/ingest/stored_proto.h"

namespace civicwatch::ingest {

absl::Status CheckVisible(const v1::Event& event, v1::Confidentiality highest_level,
                          const std::string& field) {
  if (event.confidentiality() <= highest_level) return absl::OkStatus();
  if (event.confidentiality() == v1::CONFIDENTIALITY_CONFIDENTIAL) {
    return field == "name" ? ResourceNotFoundError(event.name())
                           : FieldResourceNotFoundError(field, event.name());
  }
  return ScopeRequiredError(field, auth::kQueryRestricted,
                            "reviewing an event whose persons are withheld");
}

absl::StatusOr<v1::Event> LoadForReview(sqlite::Database& db, const std::string& name,
                                        const std::string& etag,
                                        v1::Confidentiality highest_level) {
  v1::Event stored;
  auto have = LoadProto(db, "SELECT event FROM events WHERE id = ?",
                        absl::StripPrefix(name, "events/"), stored);
  if (!have.ok()) return have.status();
  if (!*have) return ResourceNotFoundError(name);
  if (absl::Status s = CheckVisible(stored, highest_level); !s.ok()) return s;
  if (!etag.empty() && etag != EtagOf(stored)) return StaleEtagError(name);
  return stored;
}

}  // namespace civicwatch::ingest
