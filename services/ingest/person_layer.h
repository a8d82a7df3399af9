// The person's layer of an event: what reviewers decided about it, kept
// apart from what the normaliser made, so that a new run of the normaliser
// over the event's report rebuilds the machine's fields and the person's
// decisions go back on top (docs/design.md "Review").
//
// Plain functions over protos: no storage, no gRPC.
#ifndef CIVICWATCH_SERVICES_INGEST_PERSON_LAYER_H_
#define CIVICWATCH_SERVICES_INGEST_PERSON_LAYER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::ingest {

// The Event fields a person may change with UpdateEvent, as field-mask
// paths.
const std::vector<std::string>& EditableEventFields();

// Comments on review actions are at most this many bytes.
inline constexpr size_t kMaxReviewCommentBytes = 2000;

// What reviewers decided about one event.
struct PersonLayer {
  // The review state the person set (never SUGGESTED once a person acted).
  v1::ReviewState state = v1::REVIEW_STATE_UNSPECIFIED;
  // The fields the person set, in the order first set; "*" for an event
  // a person added (CURATED): every field is the person's.
  std::vector<std::string> paths;
  // The values of those fields.
  v1::Event values;
  // The last review action.
  v1::Review review;
};

// OK when `paths` is a non-empty list of EditableEventFields() without
// repeats; otherwise INVALID_ARGUMENT naming "update_mask.paths[i]" (or
// "update_mask" when empty).
absl::Status ValidateUpdateMask(const std::vector<std::string>& paths);

// OK when the fields of `event` named by `paths` hold valid values, and
// the date and end_date of `result` (the event as it would be stored)
// still make a period; otherwise INVALID_ARGUMENT naming "event.<field>".
absl::Status ValidateUpdatedFields(const v1::Event& event, const std::vector<std::string>& paths,
                                   const v1::Event& result);

// OK for a comment of at most kMaxReviewCommentBytes; INVALID_ARGUMENT
// naming `field` otherwise.
absl::Status ValidateComment(const std::string& comment, const std::string& field);

// Copies the fields named by `paths` (EditableEventFields) from `from` to
// `to`, and returns each as a change from its old value in `to` to its new
// value, as text (see FieldChange).
std::vector<v1::FieldChange> CopyFields(const v1::Event& from,
                                        const std::vector<std::string>& paths, v1::Event& to);

// Adds `paths` to the layer and their values from `event`.
void RecordFields(const v1::Event& event, const std::vector<std::string>& paths,
                  PersonLayer& layer);

// `machine` (the normaliser's event, or an imported record's) with the
// person's layer on top: the person's fields, state and review. A curated
// layer ("*") replaces every field but name, provenance, create_time and
// confidentiality (which it replaces too when its paths also name
// "confidentiality": a person set the event's own level).
v1::Event ApplyPersonLayer(v1::Event machine, const PersonLayer& layer);

// Whether the person set the event's confidentiality (then it is not
// taken from its report's).
bool SetsConfidentiality(const PersonLayer& layer);

// The changes between two versions of an event, over EditableEventFields()
// and review_state, as text.
std::vector<v1::FieldChange> DiffEvents(const v1::Event& before, const v1::Event& after);

// The state an event reaches when a person edits it (CORRECTED; a CURATED
// or REJECTED event keeps its state) and when a person confirms it
// (CONFIRMED; CORRECTED and CURATED kept).
v1::ReviewState StateAfterEdit(v1::ReviewState current);
v1::ReviewState StateAfterConfirm(v1::ReviewState current);

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_PERSON_LAYER_H_
