// gRPC handlers of civicwatch.v1.IngestService: validate, normalise, store.
//
// Every unary method but ListReports reads its request as bytes
// and decodes it itself (services/common/raw_unary.h), so that a report
// whose text is not UTF-8 is refused with INVALID_ARGUMENT naming the
// field; ImportIncidents decodes each record itself likewise. Every method
// is synchronous: each call holds a thread of the
// server's quota (--max_concurrent_calls) while it runs.
#ifndef CIVICWATCH_SERVICES_INGEST_INGEST_SERVICE_H_
#define CIVICWATCH_SERVICES_INGEST_INGEST_SERVICE_H_

#include "absl/status/statusor.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "services/common/raw_unary.h"
#include "services/ingest/ingest_metrics.h"
#include "services/ingest/ingest_store.h"
#include "services/document/document.h"
#include "services/normalize/normalizer.h"

namespace civicwatch::ingest {

class IngestServiceImpl final : public RequestsFromBytes<v1::IngestService> {
 public:
  // `store` is not owned and must outlive the service. `document_limits`
  // bound the work of reading a report submitted as a document.
  explicit IngestServiceImpl(IngestStore* store, document::Limits document_limits = {});

  grpc::Status CreateReport(grpc::ServerContext* context, const v1::CreateReportRequest* request,
                            v1::CreateReportResponse* response) override;
  grpc::Status NormalizeReport(grpc::ServerContext* context,
                               const v1::NormalizeReportRequest* request,
                               v1::NormalizeReportResponse* response) override;
  grpc::Status GetReport(grpc::ServerContext* context, const v1::GetReportRequest* request,
                         v1::Report* response) override;
  grpc::Status ListReports(grpc::ServerContext* context, const v1::ListReportsRequest* request,
                           v1::ListReportsResponse* response) override;
  // Review (person_layer.h); scope review.write, and query.read for
  // ListEventRevisions.
  grpc::Status UpdateEvent(grpc::ServerContext* context, const v1::UpdateEventRequest* request,
                           v1::Event* response) override;
  grpc::Status ConfirmEvent(grpc::ServerContext* context, const v1::ConfirmEventRequest* request,
                            v1::Event* response) override;
  grpc::Status RejectEvent(grpc::ServerContext* context, const v1::RejectEventRequest* request,
                           v1::Event* response) override;
  grpc::Status CreateEvent(grpc::ServerContext* context, const v1::CreateEventRequest* request,
                           v1::Event* response) override;
  grpc::Status ListEventRevisions(grpc::ServerContext* context,
                                  const v1::ListEventRevisionsRequest* request,
                                  v1::ListEventRevisionsResponse* response) override;
  // The matcher's uncertain pairs (incident_matching.h); scope
  // review.write.
  grpc::Status ListMergeCandidates(grpc::ServerContext* context,
                                   const v1::ListMergeCandidatesRequest* request,
                                   v1::ListMergeCandidatesResponse* response) override;
  // A person's merge and split of incidents (incident_edits.h); scope
  // review.write.
  grpc::Status MergeEvents(grpc::ServerContext* context, const v1::MergeEventsRequest* request,
                           v1::Event* response) override;
  grpc::Status SplitEvent(grpc::ServerContext* context, const v1::SplitEventRequest* request,
                          v1::SplitEventResponse* response) override;
  // ImportIncidents (served from bytes: a record whose text is not UTF-8 is
  // rejected by itself, naming its field, and the stream goes on).
  grpc::Status ImportIncidentsFromBytes(grpc::ServerContext* context,
                                        RequestReader<v1::IncidentRecord>* records,
                                        v1::ImportIncidentsResponse* response);

  // What the handlers recorded: normaliser runs and import outcomes.
  const IngestMetrics& metrics() const { return metrics_; }

 private:
  absl::StatusOr<v1::Event> DoMergeEvents(grpc::ServerContextBase& context,
                                          const v1::MergeEventsRequest& request);
  absl::StatusOr<v1::SplitEventResponse> DoSplitEvent(grpc::ServerContextBase& context,
                                                      const v1::SplitEventRequest& request);
  absl::StatusOr<v1::ListMergeCandidatesResponse> DoListMergeCandidates(
      grpc::ServerContextBase& context, const v1::ListMergeCandidatesRequest& request);
  absl::StatusOr<v1::CreateReportResponse> DoCreateReport(grpc::ServerContextBase& context,
                                                          const v1::CreateReportRequest& request);
  absl::StatusOr<v1::Report> DoGetReport(grpc::ServerContextBase& context,
                                         const v1::GetReportRequest& request);
  absl::StatusOr<v1::NormalizeReportResponse> DoNormalizeReport(
      grpc::ServerContextBase& context, const v1::NormalizeReportRequest& request);

  // A submitted report ready to store: `report` has its body (extracted
  // from its original when it came as a document, with the original's
  // metadata), and `normalized` what the normaliser read from it, each
  // event's provenance located in the original.
  struct PreparedReport {
    v1::Report report;
    normalize::NormalizedReport normalized;
  };

  // Validates `report` (extracting a document's text) and runs the
  // normaliser on it, recording the run.
  absl::StatusOr<PreparedReport> ValidateAndNormalize(grpc::ServerContextBase* context,
                                                      bool has_report, const v1::Report& report);
  absl::StatusOr<v1::Event> DoUpdateEvent(grpc::ServerContextBase& context,
                                          const v1::UpdateEventRequest& request);
  absl::StatusOr<v1::Event> DoReviewEvent(grpc::ServerContextBase& context,
                                          const std::string& name, const std::string& etag,
                                          const std::string& comment,
                                          IngestStore::Verdict verdict);
  absl::StatusOr<v1::Event> DoCreateEvent(grpc::ServerContextBase& context,
                                          const v1::CreateEventRequest& request);
  absl::StatusOr<v1::ListEventRevisionsResponse> DoListEventRevisions(
      grpc::ServerContextBase& context, const v1::ListEventRevisionsRequest& request);

  IngestStore* store_;
  const document::Limits document_limits_;
  IngestMetrics metrics_;
};

}  // namespace civicwatch::ingest

#endif  // CIVICWATCH_SERVICES_INGEST_INGEST_SERVICE_H_
