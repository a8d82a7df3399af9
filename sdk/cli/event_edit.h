// The event fields a person may change (UpdateEvent's update_mask paths)
// and how their new values are typed: shared by `civicwatch event edit`
// (one flag per field) and `civicwatch review` (a prompt per field).
#ifndef CIVICWATCH_SDK_CLI_EVENT_EDIT_H_
#define CIVICWATCH_SDK_CLI_EVENT_EDIT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::cli {

// One editable field: its update_mask path (also its flag, "--end_date"),
// the key that picks it in `civicwatch review`, and how a value is typed.
struct EditableField {
  const char* path;
  char key;
  const char* value_hint;
};

// date, end_date, category, freedom, valence, location, summary,
// participants, confidentiality: UpdateEvent's paths, in mask order.
const std::vector<EditableField>& EditableFields();

// Sets `path` of `event` from `text` as a person types it:
//   date, end_date    YYYY, YYYY-MM or YYYY-MM-DD; an empty end_date clears it
//   category, freedom, valence, confidentiality   a short name ("detention");
//                     freedom also "none" to clear
//   location, summary the text itself
//   participants      "NAME:KIND:ROLE; NAME:KIND:ROLE" (KIND person,
//                     organisation, state_body, ...; ROLE victim,
//                     perpetrator, actor, observer; ROLE may be left out),
//                     empty for none
// INVALID_ARGUMENT with a sentence for the user (without the field's name)
// when the text does not parse; `event` is then unchanged.
absl::Status SetFieldFromText(const std::string& path, const std::string& text,
                              v1::Event& event);

// The participants of "NAME:KIND:ROLE; ..." (see SetFieldFromText).
absl::StatusOr<std::vector<v1::Participant>> ParseParticipants(const std::string& text);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_EVENT_EDIT_H_
