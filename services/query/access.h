// What a caller may see of confidential and restricted events (DESIGN.md
// "Errors, security, limits"):
//   - confidential events reach only callers with query.confidential; to
//     the others they do not exist, not even in counts;
//   - restricted events reach callers without query.restricted with every
//     person participant withheld, and those participations do not count
//     for them (an entity filter or an entity statistic never reveals them).
#ifndef CIVICWATCH_SERVICES_QUERY_ACCESS_H_
#define CIVICWATCH_SERVICES_QUERY_ACCESS_H_

#include "civicwatch/v1/types.pb.h"

namespace civicwatch::query {

struct Access {
  // The caller holds query.restricted.
  bool restricted = true;
  // The caller holds query.confidential.
  bool confidential = true;
};

// Whether `access` may see `event` at all.
bool MaySee(const Access& access, const v1::Event& event);

// Whether a participant is withheld from callers without query.restricted:
// a person in a restricted event.
bool IsWithheldParticipant(v1::Confidentiality event_confidentiality,
                           const v1::Participant& participant);

// Replaces, in place, what `access` may not see of a visible event: each
// withheld participant loses its entity and title and reads "[withheld]".
void Withhold(const Access& access, v1::Event* event);

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_ACCESS_H_
