// `civicwatch renormalize [start|status [NAME]] [--wait]`: normalise every
// stored report again with the ingest service's current normaliser, and
// follow the job.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "command.h"
#include "error_messages.h"
#include "json.h"
#include "output_format.h"

namespace civicwatch::cli {
namespace {

// How often --wait asks for the job's progress.
constexpr absl::Duration kPollInterval = absl::Seconds(1);

std::string StateWord(v1::RenormalizationState state) {
  switch (state) {
    case v1::RENORMALIZATION_STATE_RUNNING: return "running";
    case v1::RENORMALIZATION_STATE_SUCCEEDED: return "succeeded";
    case v1::RENORMALIZATION_STATE_FAILED: return "failed";
    default: return "unknown";
  }
}

void PrintJob(Context& ctx, Format format, const v1::Renormalization& job) {
  if (format == Format::kJson) {
    ctx.out << ToJson(job) << "\n";
    return;
  }
  ctx.out << job.name() << "  " << StateWord(job.state()) << "  " << job.reports_done() << " of "
          << job.reports_total() << " reports";
  if (!job.last_report().empty()) ctx.out << " (last " << job.last_report() << ")";
  ctx.out << "\n";
  ctx.out << "events: " << job.events_new() << " new, " << job.events_gone() << " gone, "
          << job.events_changed() << " changed, " << job.events_unchanged() << " unchanged, "
          << job.events_orphaned() << " orphaned\n";
  for (const std::string& name : job.orphaned_events()) ctx.out << "orphaned: " << name << "\n";
  if (!job.error().empty()) ctx.out << "error: " << job.error() << "\n";
}

}  // namespace

int RunRenormalize(const ParsedArgs& args, Context& ctx) {
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable, "table|json");
  if (!format.ok()) return ReportUsage(ctx, "renormalize", format.status().message());
  const std::string action = args.positionals.empty() ? "start" : args.positionals[0];
  if (action != "start" && action != "status") {
    return ReportUsage(ctx, "renormalize", "the action is start or status");
  }
  if ((action == "start" && args.positionals.size() > 1) || args.positionals.size() > 2) {
    return ReportUsage(ctx, "renormalize",
                       "start takes no argument; status takes at most a job's name");
  }
  auto client = ctx.make_client(ctx.client_options);
  if (!client.ok()) return ReportUsage(ctx, "renormalize", client.status().message());
  const Service service = IngestServiceOf(ctx.client_options);

  absl::StatusOr<v1::Renormalization> job;
  if (action == "start") {
    job = (*client)->CreateRenormalization();
  } else {
    std::string name =
        args.positionals.size() == 2 ? args.positionals[1] : "renormalizations/latest";
    if (!absl::StartsWith(name, "renormalizations/")) name = "renormalizations/" + name;
    job = (*client)->GetRenormalization(name);
  }
  if (!job.ok()) return ReportError(ctx, job.status(), service);
  while (args.Has("wait") && job->state() == v1::RENORMALIZATION_STATE_RUNNING) {
    absl::SleepFor(kPollInterval);
    job = (*client)->GetRenormalization(job->name());
    if (!job.ok()) return ReportError(ctx, job.status(), service);
  }
  PrintJob(ctx, *format, *job);
  return job->state() == v1::RENORMALIZATION_STATE_FAILED ? kExitFailure : kExitOk;
}

void DefineRenormalizeFlags(ArgParser& p) {
  AddFormatFlag(p, "table|json");
  p.Add({"wait", "", "follow the job until it ends, then print it"});
}

}  // namespace civicwatch::cli
