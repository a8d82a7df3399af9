// gRPC handlers of civicwatch.v1.IngestService: validate, normalise, store.
//
// CreateReport, NormalizeReport and GetReport take their requests as raw bytes (see
// services/common/raw_unary.h) so that a report whose text is not UTF-8
// is refused with INVALID_ARGUMENT naming the field.
#ifndef CIVICWATCH_SERVICES_INGEST_INGEST_SERVICE_H_
#define CIVICWATCH_SERVICES_INGEST_INGEST_SERVICE_H_

#include "absl/status/statusor.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "services/ingest/ingest_store.h"

namespace civicwatch::ingest {

using IngestServiceBase = v1::IngestService::WithRawCallbackMethod_CreateReport<
    v1::IngestService::WithRawCallbackMethod_NormalizeReport<
        v1::IngestService::WithRawCallbackMethod_GetReport<v1::IngestService::Service>>>;

class IngestServiceImpl final : public IngestServiceBase {
 public:
  // `store` is not owned and must outlive the service.
  explicit IngestServiceImpl(IngestStore* store) : store_(store) {}

  grpc::ServerUnaryReactor* CreateReport(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* NormalizeReport(grpc::CallbackServerContext* context,
                                            const grpc::ByteBuffer* request,
                                            grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetReport(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::Status ListReports(grpc::ServerContext* context, const v1::ListReportsRequest* request,
                           v1::ListReportsResponse* response) override;
  grpc::Status ImportIncidents(grpc::ServerContext* context,
                               grpc::ServerReader<v1::IncidentRecord>* reader,
                               v1::ImportIncidentsResponse* response) override;

 private:
  absl::StatusOr<v1::CreateReportResponse> DoCreateReport(grpc::ServerContextBase& context,
                                                          const v1::CreateReportRequest& request);
  absl::StatusOr<v1::Report> DoGetReport(grpc::ServerContextBase& context,
                                         const v1::GetReportRequest& request);
  absl::StatusOr<v1::NormalizeReportResponse> DoNormalizeReport(
      grpc::ServerContextBase& context, const v1::NormalizeReportRequest& request);

  IngestStore* store_;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INGEST_SERVICE_H_
