#include "grpc_connection.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "query_target.h"
#include "status_conversion.h"

namespace civicwatch::internal {
namespace {

// A stored report body may be up to 4 MiB, and GetReport returns it with
// its metadata; gRPC's default 4 MiB receive limit would refuse it.
constexpr int kMaxReceiveMessageBytes = 64 << 20;

// Deadline and credentials common to every call.
void PrepareContext(grpc::ClientContext& context, absl::Time deadline,
                    const std::string& token) {
  context.set_deadline(absl::ToChronoTime(deadline));
  if (!token.empty()) {
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
}

std::shared_ptr<grpc::ChannelCredentials> Credentials(
    const ClientOptions& options) {
  if (options.tls_root_certs_pem.empty()) {
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = options.tls_root_certs_pem;
  ssl.pem_cert_chain = options.tls_client_cert_pem;
  ssl.pem_private_key = options.tls_client_key_pem;
  return grpc::SslCredentials(ssl);
}

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           const ClientOptions& options) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxReceiveMessageBytes);
  args.SetUserAgentPrefix("civicwatch-cpp-sdk");
  return grpc::CreateCustomChannel(address, Credentials(options), args);
}

// The query channel: one replica, or several spread by round_robin with
// client-side health checking (query_target.h).
std::shared_ptr<grpc::Channel> MakeQueryChannel(const QueryTarget& target,
                                                const ClientOptions& options) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxReceiveMessageBytes);
  args.SetUserAgentPrefix("civicwatch-cpp-sdk");
  if (target.balanced) args.SetServiceConfigJSON(BalancedServiceConfig());
  if (!target.authority.empty()) args.SetString(GRPC_ARG_DEFAULT_AUTHORITY, target.authority);
  return grpc::CreateCustomChannel(target.target, Credentials(options), args);
}

// The state of one ExportEvents stream, shared by the reader function of
// the StreamRange it backs. The stream is reopened from the last
// resume_token after UNAVAILABLE, or after DEADLINE_EXCEEDED once it has
// made progress, up to max_retries times in a row without progress.
class ExportStream {
 public:
  ExportStream(std::shared_ptr<v1::QueryService::Stub> stub,
               v1::ExportEventsRequest request, std::string token,
               RetrySettings retry)
      : stub_(std::move(stub)),
        request_(std::move(request)),
        token_(std::move(token)),
        retry_(std::move(retry)) {}

  // A range abandoned mid-stream cancels the call rather than leaving it
  // open on the server.
  ~ExportStream() {
    if (context_ != nullptr) context_->TryCancel();
  }

  absl::variant<absl::Status, v1::ExportEventsResponse> Next() {
    for (;;) {
      if (reader_ == nullptr) Open();
      v1::ExportEventsResponse response;
      if (reader_->Read(&response)) {
        progressed_ = true;
        failures_ = 0;
        received_any_ = true;
        request_.set_resume_token(response.resume_token());
        return response;
      }
      absl::Status status = FromGrpcStatus(reader_->Finish());
      reader_.reset();
      context_.reset();
      if (status.ok() || !Resumable(status)) return status;
      retry_.sleep(retry_.delay ? retry_.delay(failures_)
                                : BackoffDelay(retry_.backoff, failures_));
      ++failures_;
    }
  }

 private:
  void Open() {
    context_ = std::make_unique<grpc::ClientContext>();
    PrepareContext(*context_, retry_.now() + retry_.timeout, token_);
    reader_ = stub_->ExportEvents(context_.get(), request_);
    progressed_ = false;
  }

  bool Resumable(const absl::Status& status) const {
    if (failures_ >= retry_.max_retries) return false;
    // Without a resume token, reopening after having received events would
    // send them again.
    if (received_any_ && request_.resume_token().empty()) return false;
    if (IsRetryable(status)) return true;
    return status.code() == absl::StatusCode::kDeadlineExceeded && progressed_;
  }

  std::shared_ptr<v1::QueryService::Stub> stub_;
  v1::ExportEventsRequest request_;
  std::string token_;
  RetrySettings retry_;
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientReader<v1::ExportEventsResponse>> reader_;
  bool progressed_ = false;    // In the current stretch of the stream.
  bool received_any_ = false;  // Since the export began.
  int failures_ = 0;           // In a row, without progress.
};

// One BackupDatabase call, read to its end by the StreamRange it backs.
class BackupStream {
 public:
  BackupStream(std::shared_ptr<v1::AdminService::Stub> stub, absl::Time deadline,
               const std::string& token)
      : stub_(std::move(stub)) {
    PrepareContext(context_, deadline, token);
  }
  ~BackupStream() {
    if (reader_ != nullptr && !finished_) context_.TryCancel();
  }

  absl::variant<absl::Status, v1::SnapshotChunk> Next() {
    if (finished_) return absl::OkStatus();
    if (reader_ == nullptr) reader_ = stub_->BackupDatabase(&context_, v1::BackupDatabaseRequest());
    v1::SnapshotChunk chunk;
    if (reader_->Read(&chunk)) return chunk;
    finished_ = true;
    return FromGrpcStatus(reader_->Finish());
  }

 private:
  std::shared_ptr<v1::AdminService::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<v1::SnapshotChunk>> reader_;
  bool finished_ = false;
};

// A backup copies the whole database: give it far longer than a query.
constexpr absl::Duration kMinBackupTimeout = absl::Hours(1);

}  // namespace

absl::Status ValidateOptions(const ClientOptions& options) {
  if (options.ingest_address.empty()) {
    return absl::InvalidArgumentError(
        "ClientOptions.ingest_address is empty; give host:port of the ingest "
        "service");
  }
  if (options.query_address.empty()) {
    return absl::InvalidArgumentError(
        "ClientOptions.query_address is empty; give host:port of the query "
        "service");
  }
  if (options.timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "ClientOptions.timeout must be positive");
  }
  if (options.max_retries < 0) {
    return absl::InvalidArgumentError(
        "ClientOptions.max_retries must not be negative");
  }
  if (options.tls_client_cert_pem.empty() != options.tls_client_key_pem.empty()) {
    return absl::InvalidArgumentError(
        options.tls_client_cert_pem.empty()
            ? "ClientOptions.tls_client_key_pem is set without "
              "tls_client_cert_pem; give both or neither"
            : "ClientOptions.tls_client_cert_pem is set without "
              "tls_client_key_pem; give both or neither");
  }
  if (!options.tls_client_cert_pem.empty() && options.tls_root_certs_pem.empty()) {
    return absl::InvalidArgumentError(
        "ClientOptions.tls_client_cert_pem needs tls_root_certs_pem: a client "
        "certificate is only sent over TLS");
  }
  for (char c : options.token) {
    // Printable ASCII without space: what an HTTP/2 header value and a
    // bearer token may hold.
    if (c <= ' ' || c > '~') {
      return absl::InvalidArgumentError(
          "ClientOptions.token holds a space, control or non-ASCII "
          "character; pass the token alone, without \"Bearer\" or a "
          "newline");
    }
  }
  return absl::OkStatus();
}

GrpcConnection::GrpcConnection(const ClientOptions& options,
                               std::shared_ptr<grpc::Channel> ingest_channel,
                               std::shared_ptr<grpc::Channel> query_channel)
    : token_(options.token),
      ingest_(v1::IngestService::NewStub(ingest_channel)),
      ingest_admin_(v1::AdminService::NewStub(ingest_channel)),
      query_(v1::QueryService::NewStub(std::move(query_channel))) {
  retry_.max_retries = options.max_retries;
  retry_.timeout = options.timeout;
}

template <typename Response, typename Rpc>
absl::StatusOr<Response> GrpcConnection::Unary(bool idempotent, Rpc&& rpc) {
  return RetryLoop<Response>(
      retry_, idempotent, [&](absl::Time deadline) -> absl::StatusOr<Response> {
        grpc::ClientContext context;
        PrepareContext(context, deadline, token_);
        Response response;
        grpc::Status status = rpc(&context, &response);
        if (!status.ok()) return FromGrpcStatus(status);
        return response;
      });
}

template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> GrpcConnection::Call(
    Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
    const Request& request, bool idempotent) {
  return Unary<Response>(idempotent, [&](grpc::ClientContext* context, Response* response) {
    return (stub.*method)(context, request, response);
  });
}

absl::StatusOr<v1::CreateReportResponse> GrpcConnection::CreateReport(
    const v1::CreateReportRequest& request) {
  // Safe to repeat only with an idempotency key: without one, a retry after
  // a lost answer could store the report a second time under new metadata.
  return Call(*ingest_, &v1::IngestService::Stub::CreateReport, request,
              !request.request_id().empty());
}

absl::StatusOr<v1::NormalizeReportResponse> GrpcConnection::NormalizeReport(
    const v1::NormalizeReportRequest& request) {
  return Call(*ingest_, &v1::IngestService::Stub::NormalizeReport, request, true);
}

absl::StatusOr<v1::Report> GrpcConnection::GetReport(
    const v1::GetReportRequest& request) {
  return Call(*ingest_, &v1::IngestService::Stub::GetReport, request, true);
}

absl::StatusOr<v1::ListReportsResponse> GrpcConnection::ListReports(
    const v1::ListReportsRequest& request) {
  return Call(*ingest_, &v1::IngestService::Stub::ListReports, request, true);
}

absl::StatusOr<v1::ImportIncidentsResponse> GrpcConnection::ImportIncidents(
    const std::vector<v1::IncidentRecord>& records) {
  // Idempotent: each record's event is fixed by (source, external_id).
  return Unary<v1::ImportIncidentsResponse>(
      true, [&](grpc::ClientContext* context,
                v1::ImportIncidentsResponse* response) {
        auto writer = ingest_->ImportIncidents(context, response);
        for (const v1::IncidentRecord& record : records) {
          // A failed write means the call is over; Finish says why.
          if (!writer->Write(record)) break;
        }
        writer->WritesDone();
        return writer->Finish();
      });
}

absl::StatusOr<v1::Event> GrpcConnection::UpdateEvent(
    const v1::UpdateEventRequest& request) {
  // With an etag a repeat after a lost answer fails ABORTED rather than
  // applying the change a second time.
  return Call(*ingest_, &v1::IngestService::Stub::UpdateEvent, request,
              !request.event().etag().empty());
}

absl::StatusOr<v1::Event> GrpcConnection::ConfirmEvent(
    const v1::ConfirmEventRequest& request) {
  return Call(*ingest_, &v1::IngestService::Stub::ConfirmEvent, request, true);
}

absl::StatusOr<v1::Event> GrpcConnection::RejectEvent(
    const v1::RejectEventRequest& request) {
  return Call(*ingest_, &v1::IngestService::Stub::RejectEvent, request, true);
}

absl::StatusOr<v1::Event> GrpcConnection::CreateEvent(
    const v1::CreateEventRequest& request) {
  // A repeat finds the event made for the same span: ALREADY_EXISTS.
  return Call(*ingest_, &v1::IngestService::Stub::CreateEvent, request, true);
}

absl::StatusOr<v1::ListEventRevisionsResponse>
GrpcConnection::ListEventRevisions(
    const v1::ListEventRevisionsRequest& request) {
  return Call(*ingest_, &v1::IngestService::Stub::ListEventRevisions, request, true);
}

absl::StatusOr<v1::ListMergeCandidatesResponse>
GrpcConnection::ListMergeCandidates(
    const v1::ListMergeCandidatesRequest& request) {
  return Call(*ingest_, &v1::IngestService::Stub::ListMergeCandidates, request, true);
}

absl::StatusOr<v1::Event> GrpcConnection::MergeEvents(
    const v1::MergeEventsRequest& request) {
  // Without an etag a repeat after a lost answer would find the folded
  // events gone (NOT_FOUND) and hide that the merge was made.
  return Call(*ingest_, &v1::IngestService::Stub::MergeEvents, request,
              !request.etag().empty());
}

absl::StatusOr<v1::SplitEventResponse> GrpcConnection::SplitEvent(
    const v1::SplitEventRequest& request) {
  return Call(*ingest_, &v1::IngestService::Stub::SplitEvent, request,
              !request.etag().empty());
}

absl::StatusOr<v1::ListEventsResponse> GrpcConnection::ListEvents(
    const v1::ListEventsRequest& request) {
  return Call(*query_, &v1::QueryService::Stub::ListEvents, request, true);
}

StreamRange<v1::ExportEventsResponse> GrpcConnection::ExportEvents(
    const v1::ExportEventsRequest& request) {
  auto stream = std::make_shared<ExportStream>(query_, request, token_, retry_);
  return StreamRange<v1::ExportEventsResponse>(
      [stream] { return stream->Next(); });
}

absl::StatusOr<v1::Renormalization> GrpcConnection::CreateRenormalization(
    const v1::CreateRenormalizationRequest& request) {
  // Not repeated: a retry after a lost answer would meet the job it
  // started (FAILED_PRECONDITION); GetRenormalization finds it.
  return Call(*ingest_admin_, &v1::AdminService::Stub::CreateRenormalization, request,
              false);
}

absl::StatusOr<v1::Renormalization> GrpcConnection::GetRenormalization(
    const v1::GetRenormalizationRequest& request) {
  return Call(*ingest_admin_, &v1::AdminService::Stub::GetRenormalization, request, true);
}

StreamRange<v1::SnapshotChunk> GrpcConnection::BackupDatabase(
    const v1::BackupDatabaseRequest&) {
  auto stream = std::make_shared<BackupStream>(
      ingest_admin_, retry_.now() + std::max(retry_.timeout, kMinBackupTimeout), token_);
  return StreamRange<v1::SnapshotChunk>([stream] { return stream->Next(); });
}

absl::StatusOr<v1::Event> GrpcConnection::GetEvent(
    const v1::GetEventRequest& request) {
  return Call(*query_, &v1::QueryService::Stub::GetEvent, request, true);
}

absl::StatusOr<v1::ComputeStatisticsResponse>
GrpcConnection::ComputeStatistics(const v1::ComputeStatisticsRequest& request) {
  return Call(*query_, &v1::QueryService::Stub::ComputeStatistics, request, true);
}

absl::StatusOr<v1::Entity> GrpcConnection::GetEntity(
    const v1::GetEntityRequest& request) {
  return Call(*query_, &v1::QueryService::Stub::GetEntity, request, true);
}

absl::StatusOr<v1::ListEntitiesResponse> GrpcConnection::ListEntities(
    const v1::ListEntitiesRequest& request) {
  return Call(*query_, &v1::QueryService::Stub::ListEntities, request, true);
}

}  // namespace civicwatch::internal

namespace civicwatch {

absl::StatusOr<std::shared_ptr<Connection>> MakeConnection(
    const ClientOptions& options) {
  absl::Status valid = internal::ValidateOptions(options);
  if (!valid.ok()) return valid;
  absl::StatusOr<internal::QueryTarget> query = internal::ResolveQueryTarget(options.query_address);
  if (!query.ok()) return query.status();
  return std::shared_ptr<Connection>(std::make_shared<internal::GrpcConnection>(
      options, internal::MakeChannel(options.ingest_address, options),
      internal::MakeQueryChannel(*query, options)));
}

}  // namespace civicwatch
