// `civicwatch event NAME`: one event with its participants and sources;
// `civicwatch event confirm|reject|edit|history NAME`: review it.
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "command.h"
#include "command_steps.h"
#include "dates.h"
#include "enums.h"
#include "error_messages.h"
#include "event_format.h"
#include "json.h"
#include "output_format.h"
#include "table.h"

namespace civicwatch::cli {
namespace {

std::string EventName(const std::string& text) {
  return absl::StartsWith(text, "events/") ? text : absl::StrCat("events/", text);
}

// Prints an event a review action returned, as --format says.
int PrintEvent(Context& ctx, Format format, const v1::Event& event) {
  if (format == Format::kJson) {
    ctx.out << ToJson(event) << "\n";
  } else {
    PrintEventDetails(ctx.out, event);
  }
  return kExitOk;
}

// The edit flags and the Event fields they set, in update-mask order.
struct EditFlag {
  const char* flag;
  const char* field;
};
constexpr EditFlag kEditFlags[] = {
    {"date", "date"},         {"end_date", "end_date"}, {"category", "category"},
    {"freedom", "freedom"},   {"valence", "valence"},   {"location", "location"},
    {"summary", "summary"},
};

// The event and mask the edit flags describe; INVALID_ARGUMENT naming the
// flag for a value that does not parse.
absl::Status EditFromFlags(const ParsedArgs& args, v1::Event& event,
                           std::vector<std::string>& fields) {
  for (const EditFlag& f : kEditFlags) {
    if (!args.Has(f.flag)) continue;
    const std::string value = args.Get(f.flag);
    const std::string field = f.field;
    auto flag_error = [&](const absl::Status& s) {
      return absl::InvalidArgumentError(absl::StrCat("--", f.flag, ": ", s.message()));
    };
    if (field == "date" || field == "end_date") {
      // An empty --end_date clears the end of the period.
      if (!(field == "end_date" && value.empty())) {
        auto date = ParseDate(value);
        if (!date.ok()) return flag_error(date.status());
        *(field == "date" ? event.mutable_date() : event.mutable_end_date()) = *date;
      }
    } else if (field == "category") {
      auto v = ParseCategory(value);
      if (!v.ok()) return flag_error(v.status());
      event.set_category(*v);
    } else if (field == "freedom") {
      if (value == "none" || value == "unspecified") {
        event.set_freedom(v1::FREEDOM_UNSPECIFIED);
      } else {
        auto v = ParseFreedom(value);
        if (!v.ok()) return flag_error(v.status());
        event.set_freedom(*v);
      }
    } else if (field == "valence") {
      auto v = ParseValence(value);
      if (!v.ok()) return flag_error(v.status());
      event.set_valence(*v);
    } else if (field == "location") {
      event.set_location(value);
    } else if (field == "summary") {
      event.set_summary(value);
    }
    fields.push_back(field);
  }
  if (fields.empty()) {
    return absl::InvalidArgumentError(
        "name a field to change: --date, --end_date, --category, --freedom, --valence, "
        "--location or --summary");
  }
  return absl::OkStatus();
}

std::string TimeText(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

std::string ChangesText(const v1::EventRevision& r) {
  std::vector<std::string> parts;
  for (const v1::FieldChange& c : r.field_changes()) {
    auto shown = [](const std::string& v) { return v.empty() ? std::string("-") : v; };
    parts.push_back(absl::StrCat(c.field(), ": ", shown(ShortKey(c.old_value())), " -> ",
                                 shown(ShortKey(c.new_value()))));
  }
  return absl::StrJoin(parts, "; ");
}

int RunHistory(Context& ctx, Format format, Client& client, const std::string& name) {
  Table table({"time", "by", "action", "changes", "comment"});
  for (auto& revision : client.ListEventRevisions(name)) {
    if (!revision.ok()) {
      return ReportError(ctx, revision.status(), IngestServiceOf(ctx.client_options));
    }
    if (format == Format::kJson) {
      ctx.out << ToJson(*revision) << "\n";
      continue;
    }
    std::string action = v1::RevisionAction_Name(revision->action());
    action = absl::AsciiStrToLower(action.substr(std::string("REVISION_ACTION_").size()));
    table.AddRow({TimeText(revision->create_time()), revision->principal(), action,
                  ChangesText(*revision), revision->comment()});
  }
  if (format != Format::kJson) table.Print(ctx.out, ctx.terminal_width);
  return kExitOk;
}

int RunReview(const std::string& action, const ParsedArgs& args, Context& ctx, Format format) {
  if (args.positionals.size() != 2) {
    return ReportUsage(ctx, "event", absl::StrCat("event ", action, " takes one event (events/ID)"));
  }
  const std::string name = EventName(args.positionals[1]);
  const std::string comment = args.Get("comment");
  const std::string etag = args.Get("etag");
  v1::Event edit;
  std::vector<std::string> fields;
  if (action == "edit") {
    if (absl::Status s = EditFromFlags(args, edit, fields); !s.ok()) {
      return ReportUsage(ctx, "event", s.message());
    }
    edit.set_name(name);
    edit.set_etag(etag);
  }
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "event");
  if (client == nullptr) return kExitUsage;
  if (action == "history") return RunHistory(ctx, format, *client, name);
  absl::StatusOr<v1::Event> event =
      action == "confirm"  ? client->ConfirmEvent(name, etag, comment)
      : action == "reject" ? client->RejectEvent(name, etag, comment)
                           : client->UpdateEvent(edit, fields, comment);
  if (!event.ok()) return ReportError(ctx, event.status(), IngestServiceOf(ctx.client_options));
  return PrintEvent(ctx, format, *event);
}

int RunEvent(const ParsedArgs& args, Context& ctx) {
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable, "table|json");
  if (!format.ok()) return ReportUsage(ctx, "event", format.status().message());
  if (!args.positionals.empty()) {
    const std::string& first = args.positionals[0];
    if (first == "confirm" || first == "reject" || first == "edit" || first == "history") {
      return RunReview(first, args, ctx, *format);
    }
  }
  if (args.positionals.size() != 1) {
    return ReportUsage(ctx, "event", "name exactly one event (events/ID)");
  }
  const std::string name = EventName(args.positionals[0]);
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "event");
  if (client == nullptr) return kExitUsage;
  auto event = client->GetEvent(name);
  if (!event.ok()) return ReportError(ctx, event.status(), QueryServiceOf(ctx.client_options));
  return PrintEvent(ctx, *format, *event);
}

}  // namespace

Command EventCommand() {
  Command c;
  c.name = "event";
  c.synopsis =
      "event NAME | event confirm|reject NAME [--comment TEXT] [--etag E] | "
      "event edit NAME --date D --category C ... | event history NAME";
  c.summary = "Show one event; confirm, reject or correct it; show who changed it";
  c.details =
      "NAME is the event's resource name (events/ID) or just its ID.\n"
      "confirm, reject and edit need the review.write scope and talk to the ingest "
      "service; a person's changes are kept when the report is ingested again or "
      "superseded. With --etag (from `civicwatch event NAME`) the change is refused "
      "(ABORTED) if someone changed the event since. edit sets only the fields given: "
      "--date, --end_date (empty to clear), --category, --freedom (none to clear), "
      "--valence, --location, --summary. history lists every revision: when, who, what "
      "changed from what to what.";
  c.example =
      "civicwatch event events/3f2a9c0d1e4b5a67\n"
      "civicwatch event edit events/3f2a9c0d1e4b5a67 --date 2018-09 --category detention "
      "--comment \"the text says September\"\n"
      "civicwatch event reject events/3f2a9c0d1e4b5a67 --comment \"a court date, not a "
      "detention\"\n"
      "civicwatch event history events/3f2a9c0d1e4b5a67";
  c.define_flags = [](ArgParser& p) {
    AddFormatFlag(p, "table|json");
    p.Add({"comment", "TEXT", "confirm/reject/edit: why, kept with the revision"});
    p.Add({"etag", "E", "confirm/reject/edit: refuse if the event changed since this etag"});
    p.Add({"date", "DATE", "edit: the date (YYYY, YYYY-MM or YYYY-MM-DD)"});
    p.Add({"end_date", "DATE", "edit: the end of the period; empty to clear"});
    p.Add({"category", "C", "edit: the category (detention, censorship, ...)"});
    p.Add({"freedom", "F", "edit: association, peaceful_assembly, expression or none"});
    p.Add({"valence", "V", "edit: negative, positive or neutral"});
    p.Add({"location", "TEXT", "edit: the place"});
    p.Add({"summary", "TEXT", "edit: the one-sentence summary"});
  };
  c.run = RunEvent;
  return c;
}

}  // namespace civicwatch::cli
