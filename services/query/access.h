// What a caller may see of confidential and restricted events (docs/design.md
// "Errors, security, limits"):
//   - confidential events reach only callers with query.confidential; to
//     the others they do not exist, not even in counts;
//   - restricted events reach callers without query.restricted with every
//     person participant withheld, and those participations do not count
//     for them (an entity filter or an entity statistic never reveals them);
//   - a withheld person's name is also blanked out of the event's summary,
//     location and provenance quotes, in every form known (as written in the
//     event, the entity's display name and its aliases), and a text search
//     for it does not find the event (withheld_search.h).
#ifndef CIVICWATCH_SERVICES_QUERY_ACCESS_H_
#define CIVICWATCH_SERVICES_QUERY_ACCESS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::query {

struct Access {
  // The caller holds query.restricted.
  bool restricted = true;
  // The caller holds query.confidential.
  bool confidential = true;
};

// What a withheld person reads as.
inline constexpr absl::string_view kWithheldName = "[withheld]";

// Whether `access` may see `event` at all.
bool MaySee(const Access& access, const v1::Event& event);

// Whether a participant is withheld from callers without query.restricted:
// a person in a restricted event.
bool IsWithheldParticipant(v1::Confidentiality event_confidentiality,
                           const v1::Participant& participant);

// The participants `access` may not see in `event` (none when it holds
// query.restricted), before Withhold() blanks them.
std::vector<const v1::Participant*> WithheldParticipants(const Access& access,
                                                         const v1::Event& event);

// `text` with every occurrence of each name in `names` replaced by
// "[withheld]": each whole name, then each of its words of three letters or
// more (a surname alone, "Omurbekov's"), compared case-insensitively for
// ASCII letters and only where a word starts and ends.
std::string RedactNames(absl::string_view text, const std::vector<std::string>& names);

// Replaces, in place, what `access` may not see of a visible event: each
// withheld participant loses its entity and title and reads "[withheld]",
// and its name (as written, and every form in `other_names`, such as the
// entity's display name and aliases) is redacted from the summary, the
// location and the provenance quotes. Call it after the quotes are filled.
void Withhold(const Access& access, v1::Event* event,
              const std::vector<std::string>& other_names = {});

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_ACCESS_H_
