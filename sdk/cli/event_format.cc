#include "event_format.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "dates.h"
#include "enums.h"

namespace civicwatch::cli {

std::vector<std::string> EventTableHeaders() {
  return {"date", "country", "category", "freedom", "review", "summary"};
}

std::vector<std::string> EventTableRow(const v1::Event& e) {
  return {FormatPeriod(e.date(), e.end_date()),
          e.country_code().empty() ? "-" : e.country_code(),
          ShortName(e.category()), ShortName(e.freedom()), ReviewText(e), e.summary()};
}

std::vector<std::string> EventCsvHeaders() {
  return {"name",     "date",         "end_date", "country", "category", "freedom",
          "valence",  "location",     "participants", "summary", "reports", "review_state"};
}

std::vector<std::string> EventCsvRecord(const v1::Event& e) {
  std::vector<std::string> reports;
  for (const auto& p : e.provenance()) reports.push_back(p.report());
  return {e.name(),
          IsSet(e.date()) ? FormatDate(e.date()) : "",
          IsSet(e.end_date()) ? FormatDate(e.end_date()) : "",
          e.country_code(),
          ShortName(e.category()),
          ShortName(e.freedom()),
          ShortName(e.valence()),
          e.location(),
          ParticipantsText(e),
          e.summary(),
          absl::StrJoin(reports, ";"),
          ShortName(e.review_state())};
}

std::string ReviewText(const v1::Event& e) {
  std::string text = ShortName(e.review_state());
  if (e.orphaned()) absl::StrAppend(&text, ", orphaned");
  return text;
}

std::string ParticipantsText(const v1::Event& e) {
  std::vector<std::string> parts;
  for (const v1::Participant& p : e.participants()) {
    std::string text = p.display_name();
    if (p.role() != v1::ROLE_UNSPECIFIED) absl::StrAppend(&text, " (", ShortName(p.role()), ")");
    parts.push_back(std::move(text));
  }
  return absl::StrJoin(parts, "; ");
}

std::vector<std::pair<std::string, std::string>> EventFacts(const v1::Event& e) {
  return {{"date", FormatPeriod(e.date(), e.end_date())},
          {"country", e.country_code()},
          {"category", ShortName(e.category())},
          {"freedom", ShortName(e.freedom())},
          {"valence", ShortName(e.valence())},
          {"location", e.location()}};
}

void PrintEventDetails(std::ostream& out, const v1::Event& e) {
  auto line = [&](const std::string& label, const std::string& value) {
    if (!value.empty()) out << label << std::string(14 - label.size(), ' ') << value << "\n";
  };
  line("name:", e.name());
  for (const auto& [label, value] : EventFacts(e)) line(label + ":", value);
  line("summary:", e.summary());
  line("review:", ReviewText(e));
  if (e.has_review()) {
    line("reviewer:", e.review().reviewer());
    line("comment:", e.review().comment());
  }
  line("etag:", e.etag());
  if (e.participants_size() > 0) {
    out << "participants:\n";
    for (const v1::Participant& p : e.participants()) {
      out << "  " << p.display_name();
      std::vector<std::string> notes;
      if (p.role() != v1::ROLE_UNSPECIFIED) notes.push_back(ShortName(p.role()));
      if (p.kind() != v1::ENTITY_KIND_UNSPECIFIED) notes.push_back(ShortName(p.kind()));
      if (!p.title().empty()) notes.push_back(p.title());
      if (!notes.empty()) out << " (" << absl::StrJoin(notes, ", ") << ")";
      if (!p.entity().empty()) out << "  " << p.entity();
      out << "\n";
    }
  }
  for (const v1::Provenance& p : e.provenance()) {
    out << "source:       " << p.report() << " bytes " << p.start_offset() << ".."
        << p.end_offset() << "\n";
    if (!p.quote().empty()) out << "  \"" << p.quote() << "\"\n";
  }
}

}  // namespace civicwatch::cli
