// `civicwatch event merge NAME OTHER...` and `civicwatch event split NAME
// --mention REPORT[:START-END]...`: a person's decision that events tell
// one incident, or that an event's mentions tell two.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "command.h"
#include "command_steps.h"
#include "error_messages.h"
#include "event_format.h"
#include "json.h"
#include "output_format.h"

namespace civicwatch::cli {
namespace {

std::string WithPrefix(const std::string& text, const std::string& prefix) {
  return absl::StartsWith(text, prefix) ? text : absl::StrCat(prefix, text);
}

// A --mention value: "reports/ID" or "ID", optionally ":START-END" (the
// span the event's provenance gives).
absl::StatusOr<v1::Provenance> ParseMention(const std::string& text) {
  v1::Provenance mention;
  const size_t colon = text.find(':');
  mention.set_report(WithPrefix(text.substr(0, colon), "reports/"));
  if (colon == std::string::npos) return mention;
  const std::string span = text.substr(colon + 1);
  const size_t dash = span.find('-');
  int64_t start = 0, end = 0;
  if (dash == std::string::npos || !absl::SimpleAtoi(span.substr(0, dash), &start) ||
      !absl::SimpleAtoi(span.substr(dash + 1), &end)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--mention ", text, ": give REPORT or REPORT:START-END (bytes, as the event's provenance "
        "says)"));
  }
  mention.set_start_offset(start);
  mention.set_end_offset(end);
  return mention;
}

}  // namespace

int RunEventMerge(const ParsedArgs& args, Context& ctx) {
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable, "table|json");
  if (!format.ok()) return ReportUsage(ctx, "event", format.status().message());
  if (args.positionals.size() < 3) {
    return ReportUsage(ctx, "event",
                       "event merge takes the event that stays and the events to fold into it");
  }
  const std::string name = WithPrefix(args.positionals[1], "events/");
  std::vector<std::string> folded;
  for (size_t i = 2; i < args.positionals.size(); ++i) {
    folded.push_back(WithPrefix(args.positionals[i], "events/"));
  }
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "event");
  if (client == nullptr) return kExitUsage;
  auto merged = client->MergeEvents(name, folded, args.Get("etag"), args.Get("comment"));
  if (!merged.ok()) return ReportError(ctx, merged.status(), IngestServiceOf(ctx.client_options));
  if (*format == Format::kJson) {
    ctx.out << ToJson(*merged) << "\n";
  } else {
    PrintEventDetails(ctx.out, *merged);
  }
  return kExitOk;
}

int RunEventSplit(const ParsedArgs& args, Context& ctx) {
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable, "table|json");
  if (!format.ok()) return ReportUsage(ctx, "event", format.status().message());
  if (args.positionals.size() != 2) {
    return ReportUsage(ctx, "event", "event split takes one event (events/ID) and --mention");
  }
  std::vector<v1::Provenance> mentions;
  for (const std::string& text : args.GetAll("mention")) {
    auto mention = ParseMention(text);
    if (!mention.ok()) return ReportUsage(ctx, "event", mention.status().message());
    mentions.push_back(*std::move(mention));
  }
  if (mentions.empty()) {
    return ReportUsage(ctx, "event",
                       "event split needs --mention REPORT (each mention to move to a new event)");
  }
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "event");
  if (client == nullptr) return kExitUsage;
  auto split = client->SplitEvent(WithPrefix(args.positionals[1], "events/"), mentions,
                                  args.Get("etag"), args.Get("comment"));
  if (!split.ok()) return ReportError(ctx, split.status(), IngestServiceOf(ctx.client_options));
  if (*format == Format::kJson) {
    ctx.out << ToJson(*split) << "\n";
    return kExitOk;
  }
  PrintEventDetails(ctx.out, split->event());
  ctx.out << "\nnew event:\n";
  PrintEventDetails(ctx.out, split->new_event());
  return kExitOk;
}

}  // namespace civicwatch::cli
