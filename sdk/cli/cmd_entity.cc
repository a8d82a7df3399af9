// `civicwatch entity NAME`: one person or body, with its names and counts.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "command.h"
#include "command_steps.h"
#include "dates.h"
#include "enums.h"
#include "error_messages.h"
#include "json.h"
#include "output_format.h"

namespace civicwatch::cli {

int RunEntity(const ParsedArgs& args, Context& ctx) {
  if (args.positionals.size() != 1) {
    return ReportUsage(ctx, "entity", "name exactly one entity (entities/ID)");
  }
  absl::StatusOr<Format> format = FormatFrom(args, Format::kTable, "table|json");
  if (!format.ok()) return ReportUsage(ctx, "entity", format.status().message());
  std::string name = args.positionals[0];
  if (!absl::StartsWith(name, "entities/")) name = absl::StrCat("entities/", name);
  std::unique_ptr<Client> client = ClientOrUsage(ctx, "entity");
  if (client == nullptr) return kExitUsage;
  auto entity = client->GetEntity(name);
  if (!entity.ok()) return ReportError(ctx, entity.status(), QueryServiceOf(ctx.client_options));
  if (*format == Format::kJson) {
    ctx.out << ToJson(*entity) << "\n";
    return kExitOk;
  }
  const v1::Entity& e = *entity;
  ctx.out << "name:          " << e.name() << "\n"
          << "display name:  " << e.display_name() << "\n"
          << "kind:          " << ShortName(e.kind()) << "\n";
  if (!e.country_code().empty()) ctx.out << "country:       " << e.country_code() << "\n";
  if (e.aliases_size() > 0) ctx.out << "aliases:       " << absl::StrJoin(e.aliases(), "; ") << "\n";
  if (e.titles_size() > 0) ctx.out << "titles:        " << absl::StrJoin(e.titles(), "; ") << "\n";
  ctx.out << "events:        " << e.event_count() << "\n";
  if (IsSet(e.first_event_date())) {
    ctx.out << "active:        " << FormatDate(e.first_event_date()) << " .. "
            << FormatDate(e.last_event_date()) << "\n";
  }
  // "detention 2, court_ruling 1"
  auto join_counts = [](const auto& counts, auto key_of) {
    return absl::StrJoin(counts, ", ", [&](std::string* out, const auto& c) {
      absl::StrAppend(out, key_of(c), " ", c.event_count());
    });
  };
  if (e.category_counts_size() > 0) {
    ctx.out << "by category:   "
            << join_counts(e.category_counts(),
                           [](const v1::Entity::CategoryCount& c) { return ShortName(c.category()); })
            << "\n";
  }
  if (e.role_counts_size() > 0) {
    ctx.out << "by role:       "
            << join_counts(e.role_counts(),
                           [](const v1::Entity::RoleCount& c) { return ShortName(c.role()); })
            << "\n";
  }
  if (e.country_counts_size() > 0) {
    ctx.out << "by country:    "
            << join_counts(e.country_counts(),
                           [](const v1::Entity::CountryCount& c) { return c.country_code(); })
            << "\n";
  }
  return kExitOk;
}

void DefineEntityFlags(ArgParser& p) {
  AddFormatFlag(p, "table|json");
}

}  // namespace civicwatch::cli
