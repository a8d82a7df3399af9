// The Connection that speaks gRPC to the ingest and query services.
// Internal: users get it through MakeConnection() or Client::Create().
#ifndef CIVICWATCH_SDK_SRC_GRPC_CONNECTION_H_
#define CIVICWATCH_SDK_SRC_GRPC_CONNECTION_H_

#include <memory>

#include "absl/status/status.h"
#include "civicwatch/connection.h"
#include "civicwatch/options.h"
#include "civicwatch/v1/admin.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "grpcpp/channel.h"
#include "retry.h"

namespace civicwatch::internal {

// Returns OK when `options` can be used to connect, otherwise
// INVALID_ARGUMENT naming the first option at fault.
absl::Status ValidateOptions(const ClientOptions& options);

// Each call gets a deadline, the bearer token, status conversion and the
// retry policy of retry.h. Stubs and settings are immutable after
// construction, so every method may be called from any thread.
class GrpcConnection : public Connection {
 public:
  GrpcConnection(const ClientOptions& options,
                 std::shared_ptr<grpc::Channel> ingest_channel,
                 std::shared_ptr<grpc::Channel> query_channel);

  absl::StatusOr<v1::CreateReportResponse> CreateReport(
      const v1::CreateReportRequest& request) override;
  absl::StatusOr<v1::NormalizeReportResponse> NormalizeReport(
      const v1::NormalizeReportRequest& request) override;
  absl::StatusOr<v1::Report> GetReport(
      const v1::GetReportRequest& request) override;
  absl::StatusOr<v1::ListReportsResponse> ListReports(
      const v1::ListReportsRequest& request) override;
  absl::StatusOr<v1::ImportIncidentsResponse> ImportIncidents(
      const std::vector<v1::IncidentRecord>& records) override;
  absl::StatusOr<v1::Event> UpdateEvent(
      const v1::UpdateEventRequest& request) override;
  absl::StatusOr<v1::Event> ConfirmEvent(
      const v1::ConfirmEventRequest& request) override;
  absl::StatusOr<v1::Event> RejectEvent(
      const v1::RejectEventRequest& request) override;
  absl::StatusOr<v1::Event> CreateEvent(
      const v1::CreateEventRequest& request) override;
  absl::StatusOr<v1::ListEventRevisionsResponse> ListEventRevisions(
      const v1::ListEventRevisionsRequest& request) override;
  absl::StatusOr<v1::ListMergeCandidatesResponse> ListMergeCandidates(
      const v1::ListMergeCandidatesRequest& request) override;
  absl::StatusOr<v1::Event> MergeEvents(
      const v1::MergeEventsRequest& request) override;
  absl::StatusOr<v1::SplitEventResponse> SplitEvent(
      const v1::SplitEventRequest& request) override;
  absl::StatusOr<v1::ListEventsResponse> ListEvents(
      const v1::ListEventsRequest& request) override;
  StreamRange<v1::ExportEventsResponse> ExportEvents(
      const v1::ExportEventsRequest& request) override;
  absl::StatusOr<v1::Event> GetEvent(
      const v1::GetEventRequest& request) override;
  absl::StatusOr<v1::ComputeStatisticsResponse> ComputeStatistics(
      const v1::ComputeStatisticsRequest& request) override;
  absl::StatusOr<v1::Entity> GetEntity(
      const v1::GetEntityRequest& request) override;
  absl::StatusOr<v1::ListEntitiesResponse> ListEntities(
      const v1::ListEntitiesRequest& request) override;
  StreamRange<v1::SnapshotChunk> BackupDatabase(
      const v1::BackupDatabaseRequest& request) override;
  absl::StatusOr<v1::Renormalization> CreateRenormalization(
      const v1::CreateRenormalizationRequest& request) override;
  absl::StatusOr<v1::Renormalization> GetRenormalization(
      const v1::GetRenormalizationRequest& request) override;

 private:
  // Runs one unary RPC through the retry loop. `rpc` is called as
  // rpc(ClientContext*, Response*) and returns a grpc::Status.
  template <typename Response, typename Rpc>
  absl::StatusOr<Response> Unary(bool idempotent, Rpc&& rpc);

  // Unary for the RPC that is `method` of `stub`: a stub's method called
  // with the request; `idempotent` as for Unary.
  template <typename Stub, typename Request, typename Response>
  absl::StatusOr<Response> Call(
      Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
      const Request& request, bool idempotent);

  std::string token_;
  RetrySettings retry_;
  std::shared_ptr<v1::IngestService::Stub> ingest_;
  std::shared_ptr<v1::AdminService::Stub> ingest_admin_;
  std::shared_ptr<v1::QueryService::Stub> query_;
};

}  // namespace civicwatch::internal

#endif  // CIVICWATCH_SDK_SRC_GRPC_CONNECTION_H_
