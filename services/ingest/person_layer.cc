#include "services/ingest/person_layer.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "services/common/errors.h"
#include "services/common/partial_date.h"
#include "services/ingest/incident_record.h"
#include "services/text/utf8.h"

namespace civicwatch::ingest {
namespace {

// A summary or location longer than this is not a summary.
constexpr size_t kMaxTextFieldBytes = 4000;

// "Aigul Nurlanova (PERSON, VICTIM); GKNB (STATE_BODY, PERPETRATOR)".
std::string ParticipantsText(const v1::Event& e) {
  std::vector<std::string> parts;
  for (const v1::Participant& p : e.participants()) {
    std::string kind = v1::EntityKind_Name(p.kind());
    std::string role = v1::Role_Name(p.role());
    parts.push_back(absl::StrCat(p.display_name(), " (",
                                 absl::StripPrefix(kind, "ENTITY_KIND_"), ", ",
                                 absl::StripPrefix(role, "ROLE_"), ")"));
  }
  return absl::StrJoin(parts, "; ");
}

std::string FieldText(const v1::Event& e, const std::string& field) {
  if (field == "date") return FormatPartialDate(e.date());
  if (field == "end_date") return FormatPartialDate(e.end_date());
  if (field == "category") return v1::Category_Name(e.category());
  if (field == "freedom") return v1::Freedom_Name(e.freedom());
  if (field == "valence") return v1::Valence_Name(e.valence());
  if (field == "location") return e.location();
  if (field == "summary") return e.summary();
  if (field == "review_state") return v1::ReviewState_Name(e.review_state());
  if (field == "confidentiality") return v1::Confidentiality_Name(e.confidentiality());
  if (field == "participants") return ParticipantsText(e);
  return "";
}

void CopyField(const v1::Event& from, const std::string& field, v1::Event& to) {
  if (field == "date") {
    *to.mutable_date() = from.date();
  } else if (field == "end_date") {
    if (from.has_end_date()) {
      *to.mutable_end_date() = from.end_date();
    } else {
      to.clear_end_date();
    }
  } else if (field == "category") {
    to.set_category(from.category());
  } else if (field == "freedom") {
    to.set_freedom(from.freedom());
  } else if (field == "valence") {
    to.set_valence(from.valence());
  } else if (field == "location") {
    to.set_location(from.location());
  } else if (field == "summary") {
    to.set_summary(from.summary());
  } else if (field == "participants") {
    *to.mutable_participants() = from.participants();
  } else if (field == "confidentiality") {
    to.set_confidentiality(from.confidentiality());
  }
}

absl::Status ValidateText(const std::string& text, const std::string& field) {
  if (!text::IsValidUtf8(text)) return InvalidFieldError(field, "must be valid UTF-8");
  if (text.size() > kMaxTextFieldBytes) {
    return InvalidFieldError(field, "must be at most 4000 bytes");
  }
  return absl::OkStatus();
}

}  // namespace

const std::vector<std::string>& EditableEventFields() {
  static const auto* fields = new std::vector<std::string>{
      "date",     "end_date", "category",     "freedom",        "valence",
      "location", "summary",  "participants", "confidentiality"};
  return *fields;
}

absl::Status ValidateUpdateMask(const std::vector<std::string>& paths) {
  if (paths.empty()) {
    return InvalidFieldError("update_mask",
                             "must name the fields to change (date, end_date, category, freedom, "
                             "valence, location, summary, participants, confidentiality)");
  }
  absl::flat_hash_set<std::string> seen;
  const auto& editable = EditableEventFields();
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string field = absl::StrCat("update_mask.paths[", i, "]");
    if (std::find(editable.begin(), editable.end(), paths[i]) == editable.end()) {
      return InvalidFieldError(
          field, absl::StrCat("\"", text::ToValidUtf8(paths[i]).substr(0, 64),
                              "\" is not a field UpdateEvent changes (date, end_date, category, "
                              "freedom, valence, location, summary, participants, "
                              "confidentiality)"));
    }
    if (!seen.insert(paths[i]).second) {
      return InvalidFieldError(field, absl::StrCat("names \"", paths[i], "\" twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateUpdatedFields(const v1::Event& event, const std::vector<std::string>& paths,
                                   const v1::Event& result) {
  for (const std::string& path : paths) {
    const std::string field = absl::StrCat("event.", path);
    if (path == "date" || path == "end_date") {
      const v1::PartialDate& date = path == "date" ? event.date() : event.end_date();
      if (absl::Status s = ValidatePartialDate(date, field); !s.ok()) return s;
    } else if (path == "category") {
      if (!v1::Category_IsValid(event.category()) ||
          event.category() == v1::CATEGORY_UNSPECIFIED) {
        return InvalidFieldError(field, "must be one of the Category values");
      }
    } else if (path == "freedom") {
      if (!v1::Freedom_IsValid(event.freedom())) {
        return InvalidFieldError(field, "is not a Freedom value");
      }
    } else if (path == "valence") {
      if (!v1::Valence_IsValid(event.valence()) || event.valence() == v1::VALENCE_UNSPECIFIED) {
        return InvalidFieldError(field, "must be NEGATIVE, POSITIVE or NEUTRAL");
      }
    } else if (path == "location") {
      if (absl::Status s = ValidateText(event.location(), field); !s.ok()) return s;
    } else if (path == "summary") {
      if (event.summary().empty()) return InvalidFieldError(field, "must not be empty");
      if (absl::Status s = ValidateText(event.summary(), field); !s.ok()) return s;
    } else if (path == "participants") {
      if (absl::Status s = ValidateParticipants(event, "event."); !s.ok()) return s;
    } else if (path == "confidentiality") {
      if (!v1::Confidentiality_IsValid(event.confidentiality()) ||
          event.confidentiality() == v1::CONFIDENTIALITY_UNSPECIFIED) {
        return InvalidFieldError(field, "must be PUBLIC, RESTRICTED or CONFIDENTIAL");
      }
    }
  }
  // The period as it would be stored, whichever end the person changed.
  if (result.end_date().year() != 0) {
    const bool end_changed = std::find(paths.begin(), paths.end(), "end_date") != paths.end();
    const std::string field = end_changed ? "event.end_date" : "event.date";
    if (result.date().year() == 0) {
      return InvalidFieldError(field, "an end_date needs a date to end after");
    }
    if (LastDayOf(result.end_date()) < FirstDayOf(result.date())) {
      return InvalidFieldError(field, "the end_date must not be before the date");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateComment(const std::string& comment, const std::string& field) {
  if (!text::IsValidUtf8(comment)) return InvalidFieldError(field, "must be valid UTF-8");
  if (comment.size() > kMaxReviewCommentBytes) {
    return InvalidFieldError(field, "must be at most 2000 bytes");
  }
  return absl::OkStatus();
}

std::vector<v1::FieldChange> CopyFields(const v1::Event& from,
                                        const std::vector<std::string>& paths, v1::Event& to) {
  std::vector<v1::FieldChange> changes;
  for (const std::string& path : paths) {
    v1::FieldChange change;
    change.set_field(path);
    change.set_old_value(FieldText(to, path));
    CopyField(from, path, to);
    change.set_new_value(FieldText(to, path));
    changes.push_back(std::move(change));
  }
  return changes;
}

void RecordFields(const v1::Event& event, const std::vector<std::string>& paths,
                  PersonLayer& layer) {
  for (const std::string& path : paths) {
    if (std::find(layer.paths.begin(), layer.paths.end(), path) == layer.paths.end()) {
      layer.paths.push_back(path);
    }
    CopyField(event, path, layer.values);
  }
}

v1::Event ApplyPersonLayer(v1::Event machine, const PersonLayer& layer) {
  if (std::find(layer.paths.begin(), layer.paths.end(), "*") != layer.paths.end()) {
    v1::Event curated = layer.values;
    curated.set_name(machine.name());
    *curated.mutable_provenance() = machine.provenance();
    *curated.mutable_create_time() = machine.create_time();
    // The report's level, unless the person set the event's own.
    if (!SetsConfidentiality(layer)) curated.set_confidentiality(machine.confidentiality());
    machine = std::move(curated);
  } else {
    for (const std::string& path : layer.paths) CopyField(layer.values, path, machine);
  }
  if (layer.state != v1::REVIEW_STATE_UNSPECIFIED) machine.set_review_state(layer.state);
  *machine.mutable_review() = layer.review;
  return machine;
}

bool SetsConfidentiality(const PersonLayer& layer) {
  return std::find(layer.paths.begin(), layer.paths.end(), "confidentiality") != layer.paths.end();
}

std::vector<v1::FieldChange> DiffEvents(const v1::Event& before, const v1::Event& after) {
  std::vector<v1::FieldChange> changes;
  std::vector<std::string> fields = EditableEventFields();
  fields.push_back("review_state");
  for (const std::string& field : fields) {
    std::string old_value = FieldText(before, field);
    std::string new_value = FieldText(after, field);
    if (old_value == new_value) continue;
    v1::FieldChange change;
    change.set_field(field);
    change.set_old_value(std::move(old_value));
    change.set_new_value(std::move(new_value));
    changes.push_back(std::move(change));
  }
  return changes;
}

v1::ReviewState StateAfterEdit(v1::ReviewState current) {
  if (current == v1::REVIEW_STATE_CURATED || current == v1::REVIEW_STATE_REJECTED) {
    return current;
  }
  return v1::REVIEW_STATE_CORRECTED;
}

v1::ReviewState StateAfterConfirm(v1::ReviewState current) {
  if (current == v1::REVIEW_STATE_CURATED || current == v1::REVIEW_STATE_CORRECTED) {
    return current;
  }
  return v1::REVIEW_STATE_CONFIRMED;
}

}  // namespace civicwatch::ingest
