// The gRPC handlers of civicwatch.v1.QueryService: each authorizes the
// caller (query.read; query.restricted and query.confidential decide what
// it sees, access.h), checks its request (request_validation.h), asks the
// read model, converts the answer, and turns errors into gRPC statuses in
// one place (ToGrpcStatus). Every call runs under its RPC deadline. Reads
// of restricted and confidential events go to the audit log.
//
// The server reads every method's request as bytes and decodes it itself
// (raw_unary.h), so text that is not UTF-8 is INVALID_ARGUMENT naming the
// field rather than gRPC's bare INTERNAL; the methods below are the
// handlers either way (tests call them in-process).
//
// Thread-safe (the read model is).
#ifndef CIVICWATCH_SERVICES_QUERY_QUERY_SERVICE_H_
#define CIVICWATCH_SERVICES_QUERY_QUERY_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "services/common/auth.h"
#include "services/common/raw_unary.h"
#include "services/common/snapshot/database_snapshot.h"
#include "services/query/read_model.h"

namespace civicwatch::query {

class QueryServiceImpl final : public RequestsFromBytes<v1::QueryService> {
 public:
  // `model` must outlive the service. `snapshots` sends a copy of the
  // replica, as ReadModel::StreamSnapshot, for StreamReplicaSnapshot
  // (UNIMPLEMENTED without one).
  using SnapshotSource = std::function<absl::StatusOr<v1::SnapshotMetadata>(
      const std::function<absl::Status(const v1::SnapshotChunk&)>& send)>;
  explicit QueryServiceImpl(const ReadModel* model, SnapshotSource snapshots = nullptr);

  grpc::Status ListEvents(grpc::ServerContext* context, const v1::ListEventsRequest* request,
                          v1::ListEventsResponse* response) override;
  grpc::Status ExportEvents(grpc::ServerContext* context, const v1::ExportEventsRequest* request,
                            grpc::ServerWriter<v1::ExportEventsResponse>* writer) override;
  // ExportEvents to any writer (what the server calls).
  grpc::Status ExportEventsTo(grpc::ServerContext* context,
                              const v1::ExportEventsRequest* request,
                              grpc::internal::WriterInterface<v1::ExportEventsResponse>* writer);
  grpc::Status GetEvent(grpc::ServerContext* context, const v1::GetEventRequest* request,
                        v1::Event* response) override;
  grpc::Status ComputeStatistics(grpc::ServerContext* context,
                                 const v1::ComputeStatisticsRequest* request,
                                 v1::ComputeStatisticsResponse* response) override;
  grpc::Status GetEntity(grpc::ServerContext* context, const v1::GetEntityRequest* request,
                         v1::Entity* response) override;
  grpc::Status ListEntities(grpc::ServerContext* context, const v1::ListEntitiesRequest* request,
                            v1::ListEntitiesResponse* response) override;
  // Needs feed.read (a peer replica's token), not query.read.
  grpc::Status StreamReplicaSnapshot(grpc::ServerContext* context,
                                     const v1::StreamReplicaSnapshotRequest* request,
                                     grpc::ServerWriter<v1::SnapshotChunk>* writer) override;

 private:
  // Every method read from bytes needs query.read; checked before the
  // request is decoded.
  grpc::Status Admit(grpc::ServerContext& context) override;

  absl::Status DoListEvents(grpc::ServerContext* context, const v1::ListEventsRequest& request,
                            v1::ListEventsResponse* response);
  absl::Status DoExportEvents(grpc::ServerContext* context, const v1::ExportEventsRequest& request,
                              grpc::internal::WriterInterface<v1::ExportEventsResponse>* writer);
  absl::Status DoGetEvent(grpc::ServerContext* context, const v1::GetEventRequest& request,
                          v1::Event* response);
  absl::Status DoComputeStatistics(grpc::ServerContext* context,
                                   const v1::ComputeStatisticsRequest& request,
                                   v1::ComputeStatisticsResponse* response);
  absl::Status DoGetEntity(grpc::ServerContext* context, const v1::GetEntityRequest& request,
                           v1::Entity* response);
  absl::Status DoListEntities(grpc::ServerContext* context,
                              const v1::ListEntitiesRequest& request,
                              v1::ListEntitiesResponse* response);

  const ReadModel* const model_;
  const SnapshotSource snapshots_;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_QUERY_SERVICE_H_
