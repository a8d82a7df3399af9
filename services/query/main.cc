// civicwatch-query: follows the ingest service's change feed into a local
// SQLite replica and answers civicwatch.v1.QueryService from it.
//
//   civicwatch-query --data_dir=/var/lib/civicwatch/query
//                    [--listen=127.0.0.1:50052]
//                    [--ingest_address=127.0.0.1:50051] [--rebuild]
//
// Health ("" and "civicwatch.v1.QueryService") is NOT_SERVING until the
// replica has caught up with the feed once. SIGINT/SIGTERM drain in-flight
// calls, stop the follower and close the database.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "services/common/health_service.h"
#include "services/common/server_runner.h"
#include "services/query/feed_follower.h"
#include "services/query/query_service.h"
#include "services/query/read_model.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052", "host:port to serve QueryService on");
ABSL_FLAG(std::string, data_dir, "",
          "folder for the replica (query.db); created if missing. Required.");
ABSL_FLAG(std::string, ingest_address, "127.0.0.1:50051",
          "host:port of the ingest service whose change feed to follow");
ABSL_FLAG(bool, rebuild, false,
          "drop the replica and rebuild it from the start of the change feed");

namespace {

constexpr char kProgram[] = "civicwatch-query";
constexpr char kServiceName[] = "civicwatch.v1.QueryService";

int Fail(const std::string& message) {
  std::cerr << kProgram << ": " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  civicwatch::BlockShutdownSignals();
  absl::SetProgramUsageMessage(
      "Serves civicwatch timelines and statistics from a replica of the ingest store.\n"
      "Usage: civicwatch-query --data_dir=DIR [--listen=HOST:PORT] "
      "[--ingest_address=HOST:PORT] [--rebuild]");
  absl::ParseCommandLine(argc, argv);

  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  if (data_dir.empty()) return Fail("--data_dir is required");
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  if (error) return Fail("cannot create --data_dir " + data_dir + ": " + error.message());
  const std::string db_path = (std::filesystem::path(data_dir) / "query.db").string();

  civicwatch::query::ReadModel::Options model_options;
  model_options.rebuild = absl::GetFlag(FLAGS_rebuild);
  auto model = civicwatch::query::ReadModel::Open(db_path, model_options);
  if (!model.ok()) {
    return Fail("cannot open the replica " + db_path + ": " +
                std::string(model.status().message()));
  }
  std::cerr << kProgram << ": replica " << db_path << " at sequence " << (*model)->cursor()
            << (model_options.rebuild ? " (rebuilt)" : "") << "\n";

  civicwatch::HealthService health;
  health.SetStatus("", grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  health.SetStatus(kServiceName, grpc::health::v1::HealthCheckResponse::NOT_SERVING);

  civicwatch::query::QueryServiceImpl service(model->get());

  civicwatch::query::FeedFollower::Options follow;
  follow.ingest_address = absl::GetFlag(FLAGS_ingest_address);
  follow.on_caught_up = [&health] {
    health.SetStatus("", grpc::health::v1::HealthCheckResponse::SERVING);
    health.SetStatus(kServiceName, grpc::health::v1::HealthCheckResponse::SERVING);
  };
  civicwatch::query::FeedFollower follower(model->get(), follow);
  follower.Start();

  civicwatch::ServerConfig config;
  config.program = kProgram;
  config.listen_address = absl::GetFlag(FLAGS_listen);
  config.services = {&service};
  config.health = &health;
  config.on_shutdown = [&follower] { follower.Stop(); };
  absl::Status status = civicwatch::RunServer(config);

  follower.Stop();
  model->reset();  // Closes the database.
  if (!status.ok()) return Fail(std::string(status.message()));
  return 0;
}
