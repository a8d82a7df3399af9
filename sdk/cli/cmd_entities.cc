// `civicwatch entities [QUERY]`: people and bodies by any of their names.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "command.h"
#include "command_steps.h"
#include "dates.h"
#include "enums.h"
#include "error_messages.h"
#include "json.h"
#include "listing_output.h"
#include "output_format.h"
#include "table.h"

namespace civicwatch::cli {
namespace {

const ListingColumns<v1::Entity> kEntityColumns = {
    {"name", "kind", "display name", "events", "aliases"},
    [](const v1::Entity& e) -> std::vector<std::string> {
      return {e.name(), ShortName(e.kind()), e.display_name(), absl::StrCat(e.event_count()),
              absl::StrJoin(e.aliases(), "; ")};
    },
    {"name", "kind", "display_name", "country", "events", "aliases"},
    [](const v1::Entity& e) -> std::vector<std::string> {
      return {e.name(),         ShortName(e.kind()),           e.display_name(),
              e.country_code(), absl::StrCat(e.event_count()), absl::StrJoin(e.aliases(), "; ")};
    },
    /*right_aligned_column=*/3,
};

}  // namespace

int RunEntities(const ParsedArgs& args, Context& ctx) {
  if (args.positionals.size() > 1) {
    return ReportUsage(ctx, "entities", "give at most one search text (quote names with spaces)");
  }
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable);
  if (!format.ok()) return ReportUsage(ctx, "entities", format.status().message());
  ListEntitiesOptions options;
  options.page_size = 500;
  if (args.Has("kind")) {
    auto kind = ParseEntityKind(args.Get("kind"));
    if (!kind.ok()) return ReportUsage(ctx, "entities", absl::StrCat("--kind: ", kind.status().message()));
    options.kind = *kind;
  }
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "entities");
  if (client == nullptr) return kExitUsage;
  std::string query = args.positionals.empty() ? "" : args.positionals[0];
  return PrintListing(client->ListEntities(query, options), *format, kEntityColumns,
                      "No entities match.", QueryServiceOf(ctx.client_options), ctx);
}

void DefineEntitiesFlags(ArgParser& p) {
  p.Add({"kind", "KIND", "only entities of this kind"});
  AddFormatFlag(p);
}

}  // namespace civicwatch::cli
