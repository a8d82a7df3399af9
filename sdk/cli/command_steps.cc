#include "command_steps.h"

#include <utility>

#include "error_messages.h"

namespace civicwatch::cli {

std::unique_ptr<Client> ClientOrUsage(Context& ctx, const std::string& command) {
  absl::StatusOr<std::unique_ptr<Client>> client = ctx.make_client(ctx.client_options);
  if (!client.ok()) {
    ReportUsage(ctx, command, client.status().message());
    return nullptr;
  }
  return std::move(*client);
}

int ReportFilterError(Context& ctx, const std::string& command, const absl::Status& status) {
  if (status.code() == absl::StatusCode::kInvalidArgument) {
    return ReportUsage(ctx, command, status.message());
  }
  return ReportError(ctx, status, QueryServiceOf(ctx.client_options));
}

}  // namespace civicwatch::cli
