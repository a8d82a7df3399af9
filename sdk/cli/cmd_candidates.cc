// `civicwatch candidates`: the pairs of events the incident matcher found
// perhaps one incident and left for a person (ListMergeCandidates).
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "command.h"
#include "command_steps.h"
#include "error_messages.h"
#include "listing_output.h"
#include "output_format.h"

namespace civicwatch::cli {
namespace {

std::string Score(const v1::MergeCandidate& c) { return absl::StrFormat("%.2f", c.score()); }

std::string Found(const v1::MergeCandidate& c) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(c.create_time().seconds()),
                          absl::UTCTimeZone());
}

const ListingColumns<v1::MergeCandidate> kCandidateColumns = {
    {"event", "other_event", "score", "evidence"},
    [](const v1::MergeCandidate& c) -> std::vector<std::string> {
      return {c.event(), c.other_event(), Score(c), c.evidence()};
    },
    {"event", "other_event", "score", "evidence", "create_time"},
    [](const v1::MergeCandidate& c) -> std::vector<std::string> {
      return {c.event(), c.other_event(), Score(c), c.evidence(), Found(c)};
    },
    /*right_aligned_column=*/2,
};

}  // namespace

int RunCandidates(const ParsedArgs& args, Context& ctx) {
  if (!args.positionals.empty()) return ReportUsage(ctx, "candidates", "candidates takes no arguments");
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable);
  if (!format.ok()) return ReportUsage(ctx, "candidates", format.status().message());
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "candidates");
  if (client == nullptr) return kExitUsage;
  return PrintListing(client->ListMergeCandidates(), *format, kCandidateColumns,
                      "No merge candidates.", IngestServiceOf(ctx.client_options), ctx);
}

void DefineCandidatesFlags(ArgParser& p) { AddFormatFlag(p, "table|json|csv"); }

}  // namespace civicwatch::cli
