#include "civicwatch/client.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "page_range.h"

namespace civicwatch {
namespace {

// A ConfirmEventRequest or RejectEventRequest: the same three fields.
template <typename Request>
Request VerdictRequest(const std::string& name, const std::string& etag,
                       const std::string& comment) {
  Request request;
  request.set_name(name);
  request.set_etag(etag);
  request.set_comment(comment);
  return request;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> Client::Create(ClientOptions options) {
  absl::StatusOr<std::shared_ptr<Connection>> connection =
      MakeConnection(options);
  if (!connection.ok()) return connection.status();
  return std::make_unique<Client>(*std::move(connection));
}

Client::Client(std::shared_ptr<Connection> connection)
    : connection_(std::move(connection)) {}

absl::StatusOr<v1::CreateReportResponse> Client::CreateReport(
    const v1::Report& report, std::string request_id) {
  v1::CreateReportRequest request;
  *request.mutable_report() = report;
  request.set_request_id(std::move(request_id));
  return connection_->CreateReport(request);
}

absl::StatusOr<v1::NormalizeReportResponse> Client::NormalizeReport(
    const v1::Report& report) {
  v1::NormalizeReportRequest request;
  *request.mutable_report() = report;
  return connection_->NormalizeReport(request);
}

absl::StatusOr<v1::Report> Client::GetReport(const std::string& name, v1::ReportView view) {
  v1::GetReportRequest request;
  request.set_name(name);
  request.set_view(view);
  return connection_->GetReport(request);
}

absl::StatusOr<v1::ImportIncidentsResponse> Client::ImportIncidents(
    const std::vector<v1::IncidentRecord>& records) {
  // The server takes at most this many records per call.
  constexpr size_t kRecordsPerCall = 10000;
  v1::ImportIncidentsResponse total;
  for (size_t first = 0; first < records.size(); first += kRecordsPerCall) {
    const size_t end = std::min(records.size(), first + kRecordsPerCall);
    absl::StatusOr<v1::ImportIncidentsResponse> part =
        connection_->ImportIncidents(std::vector<v1::IncidentRecord>(
            records.begin() + first, records.begin() + end));
    if (!part.ok()) return part.status();
    total.set_created(total.created() + part->created());
    total.set_updated(total.updated() + part->updated());
    total.set_unchanged(total.unchanged() + part->unchanged());
    for (v1::RejectedRecord& rejected : *part->mutable_rejected()) {
      rejected.set_index(rejected.index() + static_cast<int64_t>(first));
      *total.add_rejected() = std::move(rejected);
    }
  }
  return total;
}

// The ranges capture the connection (a shared_ptr), not `this`, so they
// stay valid after the Client is gone.

StreamRange<v1::SnapshotChunk> Client::BackupDatabase() {
  return connection_->BackupDatabase(v1::BackupDatabaseRequest());
}

absl::StatusOr<v1::Renormalization> Client::CreateRenormalization() {
  return connection_->CreateRenormalization(v1::CreateRenormalizationRequest());
}

absl::StatusOr<v1::Renormalization> Client::GetRenormalization(const std::string& name) {
  v1::GetRenormalizationRequest request;
  request.set_name(name);
  return connection_->GetRenormalization(request);
}

absl::StatusOr<v1::Event> Client::UpdateEvent(
    const v1::Event& event, const std::vector<std::string>& fields,
    const std::string& comment) {
  v1::UpdateEventRequest request;
  *request.mutable_event() = event;
  for (const std::string& f : fields) request.mutable_update_mask()->add_paths(f);
  request.set_comment(comment);
  return connection_->UpdateEvent(request);
}

absl::StatusOr<v1::Event> Client::ConfirmEvent(const std::string& name,
                                               const std::string& etag,
                                               const std::string& comment) {
  return connection_->ConfirmEvent(VerdictRequest<v1::ConfirmEventRequest>(name, etag, comment));
}

absl::StatusOr<v1::Event> Client::RejectEvent(const std::string& name,
                                              const std::string& etag,
                                              const std::string& comment) {
  return connection_->RejectEvent(VerdictRequest<v1::RejectEventRequest>(name, etag, comment));
}

absl::StatusOr<v1::Event> Client::CreateEvent(const v1::Event& event,
                                              const std::string& comment) {
  v1::CreateEventRequest request;
  *request.mutable_event() = event;
  request.set_comment(comment);
  return connection_->CreateEvent(request);
}

StreamRange<v1::EventRevision> Client::ListEventRevisions(
    const std::string& name) {
  v1::ListEventRevisionsRequest request;
  request.set_name(name);
  return internal::MakePageRange(connection_, &Connection::ListEventRevisions,
                                 std::move(request),
                                 &v1::ListEventRevisionsResponse::mutable_revisions);
}

StreamRange<v1::MergeCandidate> Client::ListMergeCandidates() {
  return internal::MakePageRange(connection_, &Connection::ListMergeCandidates,
                                 v1::ListMergeCandidatesRequest(),
                                 &v1::ListMergeCandidatesResponse::mutable_merge_candidates);
}

absl::StatusOr<v1::Event> Client::MergeEvents(const std::string& name,
                                              const std::vector<std::string>& folded,
                                              const std::string& etag,
                                              const std::string& comment) {
  v1::MergeEventsRequest request;
  request.set_name(name);
  for (const std::string& f : folded) request.add_events(f);
  request.set_etag(etag);
  request.set_comment(comment);
  return connection_->MergeEvents(request);
}

absl::StatusOr<v1::SplitEventResponse> Client::SplitEvent(
    const std::string& name, const std::vector<v1::Provenance>& mentions,
    const std::string& etag, const std::string& comment) {
  v1::SplitEventRequest request;
  request.set_name(name);
  for (const v1::Provenance& m : mentions) *request.add_mentions() = m;
  request.set_etag(etag);
  request.set_comment(comment);
  return connection_->SplitEvent(request);
}

StreamRange<v1::Report> Client::ListReports(ListReportsOptions options) {
  v1::ListReportsRequest request;
  request.set_country_code(std::move(options.country_code));
  request.set_page_size(options.page_size);
  return internal::MakePageRange(connection_, &Connection::ListReports, std::move(request),
                                 &v1::ListReportsResponse::mutable_reports);
}

StreamRange<v1::Event> Client::ListEvents(const v1::EventFilter& filter,
                                          ListEventsOptions options) {
  v1::ListEventsRequest request;
  *request.mutable_filter() = filter;
  request.set_order_by(std::move(options.order_by));
  request.set_page_size(options.page_size);
  return internal::MakePageRange(connection_, &Connection::ListEvents, std::move(request),
                                 &v1::ListEventsResponse::mutable_events);
}

StreamRange<v1::Event> Client::ExportEvents(const v1::EventFilter& filter) {
  v1::ExportEventsRequest request;
  *request.mutable_filter() = filter;
  // The inner range is moved into shared state: a StreamRange must not move
  // once iteration has begun, and a shared_ptr never moves it.
  auto responses = std::make_shared<StreamRange<v1::ExportEventsResponse>>(
      connection_->ExportEvents(request));
  auto it = std::make_shared<StreamRange<v1::ExportEventsResponse>::iterator>();
  auto started = std::make_shared<bool>(false);
  return StreamRange<v1::Event>(
      [responses, it, started]() -> absl::variant<absl::Status, v1::Event> {
        if (!*started) {
          *started = true;
          *it = responses->begin();
        } else {
          ++*it;
        }
        if (*it == responses->end()) return absl::OkStatus();
        const absl::StatusOr<v1::ExportEventsResponse>& r = **it;
        if (!r.ok()) return r.status();
        return r->event();
      });
}

absl::StatusOr<v1::Event> Client::GetEvent(const std::string& name) {
  v1::GetEventRequest request;
  request.set_name(name);
  return connection_->GetEvent(request);
}

absl::StatusOr<v1::ComputeStatisticsResponse> Client::ComputeStatistics(
    const v1::EventFilter& filter,
    const std::vector<v1::StatisticsDimension>& group_by) {
  v1::ComputeStatisticsRequest request;
  *request.mutable_filter() = filter;
  for (v1::StatisticsDimension d : group_by) request.add_group_by(d);
  return connection_->ComputeStatistics(request);
}

absl::StatusOr<v1::ComputeStatisticsResponse> Client::ComputeStatistics(
    const v1::ComputeStatisticsRequest& request) {
  return connection_->ComputeStatistics(request);
}

absl::StatusOr<v1::Entity> Client::GetEntity(const std::string& name) {
  v1::GetEntityRequest request;
  request.set_name(name);
  return connection_->GetEntity(request);
}

StreamRange<v1::Entity> Client::ListEntities(const std::string& query,
                                             ListEntitiesOptions options) {
  v1::ListEntitiesRequest request;
  request.set_query(query);
  request.set_kind(options.kind);
  request.set_page_size(options.page_size);
  return internal::MakePageRange(connection_, &Connection::ListEntities, std::move(request),
                                 &v1::ListEntitiesResponse::mutable_entities);
}

}  // namespace civicwatch
