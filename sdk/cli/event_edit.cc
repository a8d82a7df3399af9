#include "event_edit.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "dates.h"
#include "enums.h"

namespace civicwatch::cli {

const std::vector<EditableField>& EditableFields() {
  static const auto* fields = new std::vector<EditableField>{
      {"date", 'd', "YYYY, YYYY-MM or YYYY-MM-DD"},
      {"end_date", 'n', "YYYY, YYYY-MM or YYYY-MM-DD; empty for none"},
      {"category", 'c', "detention, imprisonment, fine, censorship, attack, ..."},
      {"freedom", 'f', "association, peaceful_assembly, expression or none"},
      {"valence", 'v', "negative, positive or neutral"},
      {"location", 'l', "the place"},
      {"summary", 's', "one sentence"},
      {"participants", 'p', "NAME:KIND:ROLE; ... (KIND person, organisation, state_body, ...)"},
      {"confidentiality", 'x', "public, restricted or confidential"},
  };
  return *fields;
}

absl::StatusOr<std::vector<v1::Participant>> ParseParticipants(const std::string& text) {
  std::vector<v1::Participant> out;
  for (absl::string_view item : absl::StrSplit(text, ';', absl::SkipWhitespace())) {
    std::vector<std::string> parts = absl::StrSplit(item, ':');
    for (std::string& p : parts) p = std::string(absl::StripAsciiWhitespace(p));
    if (parts.size() < 2 || parts.size() > 3 || parts[0].empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "\"", absl::StripAsciiWhitespace(item),
          "\" is not NAME:KIND or NAME:KIND:ROLE (for example \"Aigul Nurlanova:person:victim\")"));
    }
    v1::Participant participant;
    participant.set_display_name(parts[0]);
    auto kind = ParseEntityKind(parts[1]);
    if (!kind.ok()) return kind.status();
    participant.set_kind(*kind);
    if (parts.size() == 3 && !parts[2].empty()) {
      auto role = ParseRole(parts[2]);
      if (!role.ok()) return role.status();
      participant.set_role(*role);
    }
    out.push_back(std::move(participant));
  }
  return out;
}

absl::Status SetFieldFromText(const std::string& path, const std::string& text,
                              v1::Event& event) {
  const std::string value(absl::StripAsciiWhitespace(text));
  if (path == "date" || path == "end_date") {
    if (path == "end_date" && value.empty()) {
      event.clear_end_date();
      return absl::OkStatus();
    }
    auto date = ParseDate(value);
    if (!date.ok()) return date.status();
    *(path == "date" ? event.mutable_date() : event.mutable_end_date()) = *date;
  } else if (path == "category") {
    auto v = ParseCategory(value);
    if (!v.ok()) return v.status();
    event.set_category(*v);
  } else if (path == "freedom") {
    if (value == "none" || value == "unspecified") {
      event.set_freedom(v1::FREEDOM_UNSPECIFIED);
    } else {
      auto v = ParseFreedom(value);
      if (!v.ok()) return v.status();
      event.set_freedom(*v);
    }
  } else if (path == "valence") {
    auto v = ParseValence(value);
    if (!v.ok()) return v.status();
    event.set_valence(*v);
  } else if (path == "confidentiality") {
    auto v = ParseConfidentiality(value);
    if (!v.ok()) return v.status();
    event.set_confidentiality(*v);
  } else if (path == "location") {
    event.set_location(text);
  } else if (path == "summary") {
    event.set_summary(text);
  } else if (path == "participants") {
    auto participants = ParseParticipants(value);
    if (!participants.ok()) return participants.status();
    event.clear_participants();
    for (v1::Participant& p : *participants) *event.add_participants() = std::move(p);
  } else {
    return absl::InvalidArgumentError(absl::StrCat("\"", path, "\" is not a field to edit"));
  }
  return absl::OkStatus();
}

}  // namespace civicwatch::cli
