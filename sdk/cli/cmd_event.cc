// `civicwatch event NAME`: one event with its participants and sources.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "error_messages.h"
#include "event_format.h"
#include "json.h"
#include "output_format.h"

namespace civicwatch::cli {
namespace {

int RunEvent(const ParsedArgs& args, Context& ctx) {
  if (args.positionals.size() != 1) {
    return ReportUsage(ctx, "event", "name exactly one event (events/ID)");
  }
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable, "table|json");
  if (!format.ok()) return ReportUsage(ctx, "event", format.status().message());
  std::string name = args.positionals[0];
  if (!absl::StartsWith(name, "events/")) name = absl::StrCat("events/", name);
  auto client = ctx.make_client(ctx.client_options);
  if (!client.ok()) return ReportUsage(ctx, "event", client.status().message());
  auto event = (*client)->GetEvent(name);
  if (!event.ok()) return ReportError(ctx, event.status(), QueryServiceOf(ctx.client_options));
  if (*format == Format::kJson) {
    ctx.out << ToJson(*event) << "\n";
  } else {
    PrintEventDetails(ctx.out, *event);
  }
  return kExitOk;
}

}  // namespace

Command EventCommand() {
  Command c;
  c.name = "event";
  c.synopsis = "event NAME [--format table|json]";
  c.summary = "Show one event with its participants and the text it came from";
  c.details = "NAME is the event's resource name (events/ID) or just its ID.";
  c.example = "civicwatch event events/3f2a9c0d1e4b5a67";
  c.define_flags = [](ArgParser& p) { AddFormatFlag(p, "table|json"); };
  c.run = RunEvent;
  return c;
}

}  // namespace civicwatch::cli
