// Connection: the transport under a Client, one method per RPC.
//
// A Client turns convenient calls (a filter in, every page out) into RPCs
// and hands them to a Connection. MakeConnection() returns the real one,
// which speaks gRPC, adds deadlines, the bearer token and TLS, converts
// errors, and retries what is safe to retry. Tests substitute their own
// (see civicwatch/mocks/mock_connection.h) and build a Client on it:
//
//   auto mock = std::make_shared<civicwatch::MockConnection>();
//   civicwatch::Client client(mock);
#ifndef CIVICWATCH_SDK_CONNECTION_H_
#define CIVICWATCH_SDK_CONNECTION_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "civicwatch/options.h"
#include "civicwatch/stream_range.h"
#include "civicwatch/v1/admin.pb.h"
#include "civicwatch/v1/ingest.pb.h"
#include "civicwatch/v1/query.pb.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch {

// One method per RPC of IngestService and QueryService, each returning the
// server's response or its error as an absl::Status (see errors.h). The
// list methods return one page. Implementations must be safe to call from
// many threads at once.
class Connection {
 public:
  virtual ~Connection() = default;

  // IngestService.
  virtual absl::StatusOr<v1::CreateReportResponse> CreateReport(
      const v1::CreateReportRequest& request) = 0;
  virtual absl::StatusOr<v1::NormalizeReportResponse> NormalizeReport(
      const v1::NormalizeReportRequest& request) = 0;
  virtual absl::StatusOr<v1::Report> GetReport(
      const v1::GetReportRequest& request) = 0;
  virtual absl::StatusOr<v1::ListReportsResponse> ListReports(
      const v1::ListReportsRequest& request) = 0;
  // The client stream of `records` (at most 10000), one call. The real
  // connection retries it whole on UNAVAILABLE: a record's event is fixed
  // by its (source, external_id), so sending it again changes nothing.
  virtual absl::StatusOr<v1::ImportIncidentsResponse> ImportIncidents(
      const std::vector<v1::IncidentRecord>& records) = 0;
  // Review. The real connection retries ConfirmEvent, RejectEvent and
  // ListEventRevisions on UNAVAILABLE (doing them twice leaves the event
  // as once), UpdateEvent only with an etag (a repeat then fails ABORTED
  // instead of applying twice) and CreateEvent (a repeat is ALREADY_EXISTS).
  virtual absl::StatusOr<v1::Event> UpdateEvent(
      const v1::UpdateEventRequest& request) = 0;
  virtual absl::StatusOr<v1::Event> ConfirmEvent(
      const v1::ConfirmEventRequest& request) = 0;
  virtual absl::StatusOr<v1::Event> RejectEvent(
      const v1::RejectEventRequest& request) = 0;
  virtual absl::StatusOr<v1::Event> CreateEvent(
      const v1::CreateEventRequest& request) = 0;
  virtual absl::StatusOr<v1::ListEventRevisionsResponse> ListEventRevisions(
      const v1::ListEventRevisionsRequest& request) = 0;
  // Incidents. The real connection retries ListMergeCandidates on
  // UNAVAILABLE, and MergeEvents and SplitEvent only with an etag (a
  // repeat then fails ABORTED instead of applying twice).
  virtual absl::StatusOr<v1::ListMergeCandidatesResponse> ListMergeCandidates(
      const v1::ListMergeCandidatesRequest& request) = 0;
  virtual absl::StatusOr<v1::Event> MergeEvents(
      const v1::MergeEventsRequest& request) = 0;
  virtual absl::StatusOr<v1::SplitEventResponse> SplitEvent(
      const v1::SplitEventRequest& request) = 0;

  // QueryService.
  virtual absl::StatusOr<v1::ListEventsResponse> ListEvents(
      const v1::ListEventsRequest& request) = 0;
  // The whole server stream; the real connection resumes it from the last
  // resume_token after a transient failure.
  virtual StreamRange<v1::ExportEventsResponse> ExportEvents(
      const v1::ExportEventsRequest& request) = 0;
  virtual absl::StatusOr<v1::Event> GetEvent(
      const v1::GetEventRequest& request) = 0;
  virtual absl::StatusOr<v1::ComputeStatisticsResponse> ComputeStatistics(
      const v1::ComputeStatisticsRequest& request) = 0;
  virtual absl::StatusOr<v1::Entity> GetEntity(
      const v1::GetEntityRequest& request) = 0;
  virtual absl::StatusOr<v1::ListEntitiesResponse> ListEntities(
      const v1::ListEntitiesRequest& request) = 0;

  // AdminService.BackupDatabase of the ingest service: the whole server
  // stream, not resumed (a new call takes a new snapshot). The real
  // connection gives it a deadline of at least an hour. Connections that
  // do not offer it answer UNIMPLEMENTED.
  virtual StreamRange<v1::SnapshotChunk> BackupDatabase(
      const v1::BackupDatabaseRequest& request);

  // AdminService.CreateRenormalization and GetRenormalization of the
  // ingest service. Connections that do not offer them answer
  // UNIMPLEMENTED.
  virtual absl::StatusOr<v1::Renormalization> CreateRenormalization(
      const v1::CreateRenormalizationRequest& request);
  virtual absl::StatusOr<v1::Renormalization> GetRenormalization(
      const v1::GetRenormalizationRequest& request);
};

inline absl::StatusOr<v1::Renormalization> Connection::CreateRenormalization(
    const v1::CreateRenormalizationRequest&) {
  return absl::UnimplementedError("this connection does not offer CreateRenormalization");
}

inline absl::StatusOr<v1::Renormalization> Connection::GetRenormalization(
    const v1::GetRenormalizationRequest&) {
  return absl::UnimplementedError("this connection does not offer GetRenormalization");
}

inline StreamRange<v1::SnapshotChunk> Connection::BackupDatabase(
    const v1::BackupDatabaseRequest&) {
  return StreamRange<v1::SnapshotChunk>([] {
    return absl::variant<absl::Status, v1::SnapshotChunk>(
        absl::UnimplementedError("this connection does not offer BackupDatabase"));
  });
}

// Returns a gRPC Connection to the two services named in `options`.
// Channels connect lazily: an unreachable server shows up as UNAVAILABLE on
// the first call, not here. Returns INVALID_ARGUMENT when an address is
// empty, the timeout is not positive, max_retries is negative, or the token
// holds characters not allowed in a header (spaces, control characters).
absl::StatusOr<std::shared_ptr<Connection>> MakeConnection(
    const ClientOptions& options);

}  // namespace civicwatch

#endif  // CIVICWATCH_SDK_CONNECTION_H_
