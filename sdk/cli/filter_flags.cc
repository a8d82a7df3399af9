#include "filter_flags.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "dates.h"
#include "enums.h"
#include "services/common/country_codes.h"

namespace civicwatch::cli {
namespace {

// Prefixes a parser's sentence with the flag it came from.
absl::Status FlagError(const char* flag, const absl::Status& status) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", status.message()));
}

// Resolves a plain --entity name to resource names with ListEntities.
absl::StatusOr<std::string> ResolveEntity(const std::string& text, Client* client) {
  if (absl::StartsWith(text, "entities/")) return text;
  if (client == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--entity: give a resource name such as entities/1a2b3c4d5e6f7a8b, not \"",
        text, "\""));
  }
  std::vector<v1::Entity> exact;
  std::vector<std::string> close;
  for (const absl::StatusOr<v1::Entity>& e : client->ListEntities(text)) {
    if (!e.ok()) {
      if (e.status().code() == absl::StatusCode::kUnimplemented) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--entity: this server cannot look names up yet; give a resource "
            "name such as entities/1a2b3c4d5e6f7a8b (see `civicwatch event` "
            "output) instead of \"", text, "\""));
      }
      return e.status();
    }
    bool matches = absl::EqualsIgnoreCase(e->display_name(), text);
    for (const std::string& alias : e->aliases()) {
      matches = matches || absl::EqualsIgnoreCase(alias, text);
    }
    if (matches) {
      exact.push_back(*e);
    } else if (close.size() < 5) {
      close.push_back(absl::StrCat(e->display_name(), " (", e->name(), ")"));
    }
  }
  if (exact.size() == 1) return exact[0].name();
  if (exact.size() > 1) {
    std::vector<std::string> names;
    for (const auto& e : exact) names.push_back(absl::StrCat(e.display_name(), " (", e.name(), ")"));
    return absl::InvalidArgumentError(absl::StrCat(
        "--entity: \"", text, "\" names several entities: ", absl::StrJoin(names, ", "),
        "; give the resource name of the one you mean"));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--entity: no entity is called \"", text, "\"",
      close.empty() ? "" : absl::StrCat("; did you mean ", absl::StrJoin(close, ", "), "?")));
}

}  // namespace

void AddFilterFlags(ArgParser& parser) {
  parser.Add({"country", "CC", "only events in this country (ISO code: KG)", true});
  parser.Add({"from", "DATE", "only events from DATE on (YYYY, YYYY-MM or YYYY-MM-DD)"});
  parser.Add({"to", "DATE", "only events up to DATE, inclusive"});
  parser.Add({"category", "C", "only this category (detention, censorship, ...)", true});
  parser.Add({"freedom", "F", "only this freedom (association, peaceful_assembly, expression)", true});
  parser.Add({"valence", "V", "only negative, positive or neutral events", true});
  parser.Add({"entity", "NAME", "only events this entity takes part in", true});
  parser.Add({"text", "T", "only events whose text contains these words"});
  parser.Add({"review_state", "S",
              "only events in this review state (suggested, confirmed, corrected, rejected, "
              "curated); without it, every state but rejected",
              true});
}

absl::StatusOr<v1::EventFilter> FilterFromFlags(const ParsedArgs& args, Client* client) {
  v1::EventFilter filter;
  for (const std::string& cc : args.GetAll("country")) {
    // Any case is accepted; the check is the services' own, with its wording.
    const std::string code = absl::AsciiStrToUpper(cc);
    if (absl::Status s = CheckCountryCode(code, "--country"); !s.ok()) return s;
    filter.add_country_codes(code);
  }
  if (args.Has("from")) {
    auto date = ParseDate(args.Get("from"));
    if (!date.ok()) return FlagError("from", date.status());
    *filter.mutable_start_date() = *date;
  }
  if (args.Has("to")) {
    auto date = ParseDate(args.Get("to"));
    if (!date.ok()) return FlagError("to", date.status());
    *filter.mutable_end_date() = *date;
  }
  for (const std::string& c : args.GetAll("category")) {
    auto v = ParseCategory(c);
    if (!v.ok()) return FlagError("category", v.status());
    filter.add_categories(*v);
  }
  for (const std::string& f : args.GetAll("freedom")) {
    auto v = ParseFreedom(f);
    if (!v.ok()) return FlagError("freedom", v.status());
    filter.add_freedoms(*v);
  }
  for (const std::string& f : args.GetAll("valence")) {
    auto v = ParseValence(f);
    if (!v.ok()) return FlagError("valence", v.status());
    filter.add_valences(*v);
  }
  // Entity names may contain commas ("Askarov, Azimjan"), so they are not
  // split like the other repeated flags.
  if (auto it = args.flags.find("entity"); it != args.flags.end()) {
    for (const std::string& e : it->second) {
      auto name = ResolveEntity(e, client);
      if (!name.ok()) return name.status();
      filter.add_entities(*name);
    }
  }
  if (args.Has("text")) filter.set_text(args.Get("text"));
  for (const std::string& r : args.GetAll("review_state")) {
    auto v = ParseReviewState(r);
    if (!v.ok()) return FlagError("review_state", v.status());
    filter.add_review_states(*v);
  }
  return filter;
}

std::string FlagForField(const std::string& field) {
  static const std::pair<const char*, const char*> kFlags[] = {
      {"filter.country_codes", "--country"}, {"filter.start_date", "--from"},
      {"filter.end_date", "--to"},           {"filter.categories", "--category"},
      {"filter.freedoms", "--freedom"},      {"filter.valences", "--valence"},
      {"filter.entities", "--entity"},       {"filter.text", "--text"},
      {"filter.review_states", "--review_state"},
      {"order_by", "--order"},               {"group_by", "--by"},
      {"ingest_address", "--ingest_address"}, {"query_address", "--query_address"},
  };
  for (const auto& [prefix, flag] : kFlags) {
    if (absl::StartsWith(field, prefix)) return flag;
  }
  return "";
}

}  // namespace civicwatch::cli
