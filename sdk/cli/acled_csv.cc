#include "acled_csv.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "dates.h"
#include "enums.h"

namespace civicwatch::cli {

std::vector<std::string> AcledHeaders() {
  return {"event_id_cnty", "event_date", "year",    "time_precision", "event_type",
          "sub_event_type", "valence",   "actor1",  "actor2",         "assoc_actor",
          "country",        "location",  "source",  "notes",          "end_date"};
}

std::vector<std::string> AcledRecord(const v1::Event& e) {
  std::vector<std::string> perpetrators, victims, others, sources;
  for (const v1::Participant& p : e.participants()) {
    switch (p.role()) {
      case v1::ROLE_PERPETRATOR: perpetrators.push_back(p.display_name()); break;
      case v1::ROLE_VICTIM: victims.push_back(p.display_name()); break;
      default: others.push_back(p.display_name()); break;
    }
  }
  for (const v1::Provenance& p : e.provenance()) sources.push_back(p.report());
  std::string id = e.name();
  if (absl::StartsWith(id, "events/")) id = id.substr(7);
  const v1::PartialDate& d = e.date();
  std::string precision = !IsSet(d) ? "" : d.day() != 0 ? "1" : d.month() != 0 ? "2" : "3";
  return {id,
          IsSet(d) ? FormatDate(d) : "",
          IsSet(d) ? absl::StrCat(d.year()) : "",
          precision,
          ShortName(e.category()),
          ShortName(e.freedom()),
          ShortName(e.valence()),
          absl::StrJoin(perpetrators, "; "),
          absl::StrJoin(victims, "; "),
          absl::StrJoin(others, "; "),
          e.country_code(),
          e.location(),
          absl::StrJoin(sources, "; "),
          e.summary(),
          IsSet(e.end_date()) ? FormatDate(e.end_date()) : ""};
}

}  // namespace civicwatch::cli
