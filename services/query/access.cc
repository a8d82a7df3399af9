#include "services/query/access.h"

namespace civicwatch::query {

bool MaySee(const Access& access, const v1::Event& event) {
  return access.confidential || event.confidentiality() != v1::CONFIDENTIALITY_CONFIDENTIAL;
}

bool IsWithheldParticipant(v1::Confidentiality event_confidentiality,
                           const v1::Participant& participant) {
  return event_confidentiality == v1::CONFIDENTIALITY_RESTRICTED &&
         participant.kind() == v1::ENTITY_KIND_PERSON;
}

void Withhold(const Access& access, v1::Event* event) {
  if (access.restricted) return;
  for (v1::Participant& p : *event->mutable_participants()) {
    if (!IsWithheldParticipant(event->confidentiality(), p)) continue;
    p.clear_entity();
    p.clear_title();
    p.set_display_name("[withheld]");
  }
}

}  // namespace civicwatch::query
