// `civicwatch event NAME`: one event with its participants and sources;
// `civicwatch event confirm|reject|edit|history NAME`: review it;
// `civicwatch event create --report R ...`: add one the normaliser missed;
// `civicwatch event merge|split` (cmd_event_incidents.cc).
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "command.h"
#include "command_steps.h"
#include "dates.h"
#include "enums.h"
#include "error_messages.h"
#include "event_edit.h"
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

// The event and mask the edit flags describe (one flag per editable
// field); INVALID_ARGUMENT naming the flag for a value that does not parse.
absl::Status EditFromFlags(const ParsedArgs& args, v1::Event& event,
                           std::vector<std::string>& fields) {
  std::vector<std::string> flags;
  for (const EditableField& f : EditableFields()) {
    flags.push_back(absl::StrCat("--", f.path));
    if (!args.Has(f.path)) continue;
    if (absl::Status s = SetFieldFromText(f.path, args.Get(f.path), event); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--", f.path, ": ", s.message()));
    }
    fields.push_back(f.path);
  }
  if (fields.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("name a field to change: ", absl::StrJoin(flags, ", ")));
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
  // A merge or split names the other events.
  if (!r.related_events().empty()) {
    parts.insert(parts.begin(), absl::StrCat("with ", absl::StrJoin(r.related_events(), ", ")));
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

int RunReviewAction(const std::string& action, const ParsedArgs& args, Context& ctx,
                    Format format) {
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

// The byte span `args` names in `body`: --start_offset/--end_offset, or
// --quote found exactly once.
absl::Status SpanFromFlags(const ParsedArgs& args, const std::string& body, int64_t& start,
                           int64_t& end) {
  if (args.Has("quote")) {
    if (args.Has("start_offset") || args.Has("end_offset")) {
      return absl::InvalidArgumentError("give --quote or --start_offset/--end_offset, not both");
    }
    const std::string quote = args.Get("quote");
    const size_t at = quote.empty() ? std::string::npos : body.find(quote);
    if (at == std::string::npos) {
      return absl::InvalidArgumentError("--quote: the report's text does not contain it");
    }
    if (body.find(quote, at + 1) != std::string::npos) {
      return absl::InvalidArgumentError(
          "--quote: the report's text contains it more than once; quote more of it, or give "
          "--start_offset and --end_offset");
    }
    start = static_cast<int64_t>(at);
    end = static_cast<int64_t>(at + quote.size());
    return absl::OkStatus();
  }
  if (!args.Has("start_offset") || !args.Has("end_offset")) {
    return absl::InvalidArgumentError(
        "say where the report tells the event: --quote TEXT, or --start_offset and "
        "--end_offset");
  }
  if (!absl::SimpleAtoi(args.Get("start_offset"), &start) ||
      !absl::SimpleAtoi(args.Get("end_offset"), &end)) {
    return absl::InvalidArgumentError("--start_offset and --end_offset take byte offsets");
  }
  return absl::OkStatus();
}

int RunCreate(const ParsedArgs& args, Context& ctx, Format format) {
  if (args.positionals.size() != 1) {
    return ReportUsage(ctx, "event", "event create takes no event name: the service names it");
  }
  if (!args.Has("report")) {
    return ReportUsage(ctx, "event", "event create needs --report (the report that tells it)");
  }
  const std::string report_name = absl::StartsWith(args.Get("report"), "reports/")
                                      ? args.Get("report")
                                      : absl::StrCat("reports/", args.Get("report"));
  v1::Event event;
  for (const EditableField& f : EditableFields()) {
    if (std::string(f.path) == "confidentiality" || !args.Has(f.path)) continue;
    if (absl::Status s = SetFieldFromText(f.path, args.Get(f.path), event); !s.ok()) {
      return ReportUsage(ctx, "event", absl::StrCat("--", f.path, ": ", s.message()));
    }
  }
  if (args.Has("confidentiality")) {
    return ReportUsage(ctx, "event",
                       "event create takes the report's confidentiality; change it afterwards "
                       "with event edit --confidentiality");
  }
  if (args.Has("country")) event.set_country_code(absl::AsciiStrToUpper(args.Get("country")));
  auto client = ctx.make_client(ctx.client_options);
  if (!client.ok()) return ReportUsage(ctx, "event", client.status().message());
  int64_t start = 0, end = 0;
  if (args.Has("quote")) {
    auto report = (*client)->GetReport(report_name);
    if (!report.ok()) {
      return ReportError(ctx, report.status(), IngestServiceOf(ctx.client_options));
    }
    if (absl::Status s = SpanFromFlags(args, report->body(), start, end); !s.ok()) {
      return ReportUsage(ctx, "event", s.message());
    }
  } else if (absl::Status s = SpanFromFlags(args, "", start, end); !s.ok()) {
    return ReportUsage(ctx, "event", s.message());
  }
  v1::Provenance* where = event.add_provenance();
  where->set_report(report_name);
  where->set_start_offset(start);
  where->set_end_offset(end);
  auto created = (*client)->CreateEvent(event, args.Get("comment"));
  if (!created.ok()) {
    return ReportError(ctx, created.status(), IngestServiceOf(ctx.client_options));
  }
  return PrintEvent(ctx, format, *created);
}

}  // namespace

int RunEvent(const ParsedArgs& args, Context& ctx) {
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable, "table|json");
  if (!format.ok()) return ReportUsage(ctx, "event", format.status().message());
  if (!args.positionals.empty()) {
    const std::string& first = args.positionals[0];
    if (first == "create") return RunCreate(args, ctx, *format);
    if (first == "merge") return RunEventMerge(args, ctx);
    if (first == "split") return RunEventSplit(args, ctx);
    if (first == "confirm" || first == "reject" || first == "edit" || first == "history") {
      return RunReviewAction(first, args, ctx, *format);
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

void DefineEventFlags(ArgParser& p) {
  AddFormatFlag(p, "table|json");
  p.Add({"comment", "TEXT", "confirm/reject/edit/create/merge/split: why, kept with the revision"});
  p.Add({"etag", "E",
         "confirm/reject/edit/merge/split: refuse if the event changed since this etag"});
  p.Add({"mention", "REPORT[:START-END]",
         "split: a mention to move to a new event (reports/ID, and the span its provenance gives)",
         true});
  p.Add({"date", "DATE", "edit/create: the date (YYYY, YYYY-MM or YYYY-MM-DD)"});
  p.Add({"end_date", "DATE", "edit/create: the end of the period; empty to clear"});
  p.Add({"category", "C", "edit/create: the category (detention, censorship, ...)"});
  p.Add({"freedom", "F", "edit/create: association, peaceful_assembly, expression or none"});
  p.Add({"valence", "V", "edit/create: negative, positive or neutral"});
  p.Add({"location", "TEXT", "edit/create: the place"});
  p.Add({"summary", "TEXT", "edit/create: the one-sentence summary"});
  p.Add({"participants", "LIST",
         "edit/create: every participant, \"NAME:KIND:ROLE; ...\" (Aigul Nurlanova:person:victim)"});
  p.Add({"confidentiality", "C", "edit: public, restricted or confidential"});
  p.Add({"report", "NAME", "create: the report that tells the event (reports/ID or ID)"});
  p.Add({"quote", "TEXT", "create: the event's text, found once in the report's"});
  p.Add({"start_offset", "N", "create: where the event's text starts (byte offset)"});
  p.Add({"end_offset", "N", "create: one past its last byte"});
  p.Add({"country", "CC", "create: the country (default: the report's)"});
}

}  // namespace civicwatch::cli
