// gRPC handlers of civicwatch.v1.IngestService: validate, normalise, store.
#ifndef CIVICWATCH_SERVICES_INGEST_INGEST_SERVICE_H_
#define CIVICWATCH_SERVICES_INGEST_INGEST_SERVICE_H_

#include "civicwatch/v1/ingest.grpc.pb.h"
#include "services/ingest/ingest_store.h"

namespace civicwatch::ingest {

class IngestServiceImpl final : public v1::IngestService::Service {
 public:
  // `store` is not owned and must outlive the service.
  explicit IngestServiceImpl(IngestStore* store) : store_(store) {}

  grpc::Status CreateReport(grpc::ServerContext* context, const v1::CreateReportRequest* request,
                            v1::CreateReportResponse* response) override;
  grpc::Status NormalizeReport(grpc::ServerContext* context,
                               const v1::NormalizeReportRequest* request,
                               v1::NormalizeReportResponse* response) override;
  grpc::Status GetReport(grpc::ServerContext* context, const v1::GetReportRequest* request,
                         v1::Report* response) override;
  grpc::Status ListReports(grpc::ServerContext* context, const v1::ListReportsRequest* request,
                           v1::ListReportsResponse* response) override;
  grpc::Status ImportIncidents(grpc::ServerContext* context,
                               grpc::ServerReader<v1::IncidentRecord>* reader,
                               v1::ImportIncidentsResponse* response) override;

 private:
  IngestStore* store_;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INGEST_SERVICE_H_
