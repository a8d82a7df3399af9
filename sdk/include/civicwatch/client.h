// The civicwatch C++ client: submit monitoring reports, read timelines,
// statistics and entities.
//
//   #include <civicwatch/client.h>
//
//   auto client = civicwatch::Client::Create(civicwatch::ClientOptions{});
//   if (!client.ok()) return Fail(client.status());
//   civicwatch::v1::EventFilter filter;
//   filter.add_country_codes("KG");
//   for (const absl::StatusOr<civicwatch::v1::Event>& e :
//        (*client)->ListEvents(filter)) {
//     if (!e.ok()) return Fail(e.status());
//     std::cout << e->summary() << "\n";
//   }
//
// Errors. Every method returns absl::Status (or StatusOr) with the
// server's canonical code and message unchanged, and the server's
// google.rpc.Status details attached (read them with FieldViolations() in
// civicwatch/errors.h). Besides the codes each method lists, any call can
// return UNAVAILABLE (server unreachable, after the retries),
// DEADLINE_EXCEEDED (ClientOptions::timeout passed), UNAUTHENTICATED
// (missing or unknown token), PERMISSION_DENIED (the token lacks a scope)
// and INTERNAL.
//
// Retries. Calls that are safe to repeat (every read, NormalizeReport, and
// CreateReport when it has a request_id) are retried on UNAVAILABLE up to
// ClientOptions::max_retries times, with exponential backoff and jitter,
// within the call's deadline. Nothing else is retried.
//
// Thread safety. A Client is safe to share between threads: it holds no
// mutable state of its own and every method may be called concurrently.
// Create one Client per process and reuse it (each holds two gRPC
// channels). A
// StreamRange returned by a method is not thread-safe itself: iterate each
// one on one thread. Ranges keep the connection alive, so they may outlive
// the Client that made them.
#ifndef CIVICWATCH_SDK_CLIENT_H_
#define CIVICWATCH_SDK_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "civicwatch/connection.h"
#include "civicwatch/errors.h"
#include "civicwatch/options.h"
#include "civicwatch/stream_range.h"
#include "civicwatch/v1/ingest.pb.h"
#include "civicwatch/v1/query.pb.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch {

// Options of ListEvents beyond the filter.
struct ListEventsOptions {
  // "date" (oldest first, the default when empty) or "date desc".
  std::string order_by;
  // Events fetched per page; 0 lets the server choose (50). Only changes
  // how many round trips the range makes, never which events it yields.
  int32_t page_size = 0;
};

// Options of ListReports.
struct ListReportsOptions {
  // Only reports about this ISO 3166-1 alpha-2 country, when set.
  std::string country_code;
  // Reports fetched per page; 0 lets the server choose.
  int32_t page_size = 0;
};

// Options of ListEntities.
struct ListEntitiesOptions {
  // Only entities of this kind, when set.
  v1::EntityKind kind = v1::ENTITY_KIND_UNSPECIFIED;
  // Entities fetched per page; 0 lets the server choose.
  int32_t page_size = 0;
};

// A client of the civicwatch ingest and query services. Thread-safe (see
// the file comment).
class Client {
 public:
  // Connects to the services named in `options` (lazily: nothing is sent
  // until the first call). Returns INVALID_ARGUMENT, naming the option,
  // when an address is empty, timeout is not positive, max_retries is
  // negative or the token cannot be sent as a header.
  static absl::StatusOr<std::unique_ptr<Client>> Create(
      ClientOptions options = {});

  // A client over any Connection; tests pass a MockConnection here.
  explicit Client(std::shared_ptr<Connection> connection);

  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // --- Ingest -----------------------------------------------------------

  // Stores `report` (body required, or original: a document, whose text
  // the service extracts and whose bytes it keeps; other fields are read
  // from the text when empty) and the events normalised from it. Returns the stored
  // report, its events and the normaliser's warnings. Submitting the same
  // body, or the same `request_id`, again returns the first answer and
  // creates nothing. With a `request_id` (at most 128 characters; a hash of
  // the content is a good choice) the call is retried on UNAVAILABLE;
  // without one it is never retried, because the client cannot know
  // whether a lost answer means the report was stored.
  // Errors: INVALID_ARGUMENT (empty, non-UTF-8 body, a document that
  // cannot be read, unknown country code, request_id too long; the field is
  // named), RESOURCE_EXHAUSTED (body over 4 MiB, original over 20 MiB).
  absl::StatusOr<v1::CreateReportResponse> CreateReport(
      const v1::Report& report, std::string request_id = "");

  // Runs the server's normaliser on `report` and returns what CreateReport
  // would store, storing nothing. Errors as CreateReport.
  absl::StatusOr<v1::NormalizeReportResponse> NormalizeReport(
      const v1::Report& report);

  // Returns the report named `name` ("reports/{id}") with its body; with
  // `view` REPORT_VIEW_FULL also the bytes of the document it was
  // submitted as (original.content; compare original.sha256).
  // Errors: NOT_FOUND, INVALID_ARGUMENT for a malformed name.
  absl::StatusOr<v1::Report> GetReport(const std::string& name,
                                       v1::ReportView view = v1::REPORT_VIEW_BASIC);

  // Every stored report, newest first, without bodies, fetched a page at a
  // time as the range is walked. Errors (as the range's last element):
  // INVALID_ARGUMENT for a bad country code or page size.
  StreamRange<v1::Report> ListReports(ListReportsOptions options = {});

  // Imports structured incident records (a partner's case-management or
  // spreadsheet export). Each valid record creates or updates the event
  // fixed by its (source, external_id); importing the same record again
  // changes nothing, so the call is retried on UNAVAILABLE. Records are
  // sent in calls of at most 10000; the returned counts add up every call,
  // and each rejected record's index is its position in `records`. A
  // rejected record (listed with its field and reason) does not stop the
  // others. Errors: UNAVAILABLE, PERMISSION_DENIED, UNAUTHENTICATED,
  // DEADLINE_EXCEEDED (each call has the client's timeout); the records of
  // calls made before the error stay imported.
  absl::StatusOr<v1::ImportIncidentsResponse> ImportIncidents(
      const std::vector<v1::IncidentRecord>& records);

  // --- Review (scope review.write; ListEventRevisions: query.read) ------

  // Sets the fields of event `event.name()` named in `fields` ("date",
  // "end_date", "category", "freedom", "valence", "location", "summary",
  // "participants", "confidentiality")
  // to their values in `event`; the change is kept over re-normalisation.
  // With `event.etag()` set, the call fails ABORTED (changing nothing) when
  // someone changed the event since. Returns the event as stored.
  // Errors: INVALID_ARGUMENT naming the field, NOT_FOUND, ABORTED,
  // PERMISSION_DENIED.
  absl::StatusOr<v1::Event> UpdateEvent(const v1::Event& event,
                                        const std::vector<std::string>& fields,
                                        const std::string& comment = "");

  // Confirms or rejects event `name`; `etag` (empty: no check) as for
  // UpdateEvent. Errors: NOT_FOUND, ABORTED, PERMISSION_DENIED.
  absl::StatusOr<v1::Event> ConfirmEvent(const std::string& name,
                                         const std::string& etag = "",
                                         const std::string& comment = "");
  absl::StatusOr<v1::Event> RejectEvent(const std::string& name,
                                        const std::string& etag = "",
                                        const std::string& comment = "");

  // Adds an incident the normaliser missed (CURATED): `event` with one
  // provenance entry (report and byte span). Errors: INVALID_ARGUMENT
  // naming the field, NOT_FOUND for the report, ALREADY_EXISTS.
  absl::StatusOr<v1::Event> CreateEvent(const v1::Event& event,
                                        const std::string& comment = "");

  // Every revision of event `name`, oldest first, a page at a time.
  // Errors (as the range's last element): NOT_FOUND, INVALID_ARGUMENT.
  StreamRange<v1::EventRevision> ListEventRevisions(const std::string& name);

  // --- Incidents told by several reports (scope review.write) -----------

  // Every pair of events the incident matcher found perhaps one incident
  // and left apart, by event and then other_event, a page at a time.
  StreamRange<v1::MergeCandidate> ListMergeCandidates();

  // Folds the events `folded` into event `name` (one incident with every
  // mention of them all); the person's decision holds over re-ingest and
  // re-normalisation. `etag` (empty: no check) is `name`'s. Returns the
  // event as stored. Errors: INVALID_ARGUMENT naming the field, NOT_FOUND,
  // ABORTED, FAILED_PRECONDITION, PERMISSION_DENIED.
  absl::StatusOr<v1::Event> MergeEvents(const std::string& name,
                                        const std::vector<std::string>& folded,
                                        const std::string& etag = "",
                                        const std::string& comment = "");

  // Moves `mentions` of event `name` (each a report and the span the
  // event's provenance gives, or 0 and 0 for its mention from that report)
  // out into a new event. Returns both events. Errors as MergeEvents.
  absl::StatusOr<v1::SplitEventResponse> SplitEvent(
      const std::string& name, const std::vector<v1::Provenance>& mentions,
      const std::string& etag = "", const std::string& comment = "");

  // Streams a consistent point-in-time copy of the ingest database
  // (AdminService.BackupDatabase; needs the admin scope): a chunk with the
  // SnapshotMetadata first, then the database bytes. Errors (as the
  // range's last element): PERMISSION_DENIED without the admin scope,
  // UNAVAILABLE when the copy cannot be taken or the server is
  // unreachable.
  StreamRange<v1::SnapshotChunk> BackupDatabase();

  // Starts normalising every stored report again with the ingest
  // service's current normaliser (AdminService.CreateRenormalization;
  // needs the admin scope), keeping every person's layer, and returns the
  // job. Errors: FAILED_PRECONDITION while another job runs,
  // PERMISSION_DENIED without the admin scope.
  absl::StatusOr<v1::Renormalization> CreateRenormalization();

  // A re-normalisation job as it is now: state, progress and what changed
  // (AdminService.GetRenormalization; admin scope). `name` is
  // "renormalizations/{id}", or "renormalizations/latest" (the default)
  // for the last one started. Errors: NOT_FOUND, INVALID_ARGUMENT naming
  // "name".
  absl::StatusOr<v1::Renormalization> GetRenormalization(
      const std::string& name = "renormalizations/latest");

  // --- Query ------------------------------------------------------------

  // Every event matching `filter`, in date order, fetched a page at a time
  // as the range is walked. Errors (as the range's last element):
  // INVALID_ARGUMENT naming the filter field at fault (for example
  // "filter.end_date" before start_date) or an unknown order_by.
  StreamRange<v1::Event> ListEvents(const v1::EventFilter& filter,
                                    ListEventsOptions options = {});

  // Every event matching `filter`, in ascending date order, over one
  // server stream (resumed after transient failures). Errors as
  // ListEvents; UNIMPLEMENTED from servers that do not offer it yet.
  StreamRange<v1::Event> ExportEvents(const v1::EventFilter& filter);

  // Returns the event named `name` ("events/{id}") with its provenance
  // quotes. Errors: NOT_FOUND, INVALID_ARGUMENT for a malformed name.
  absl::StatusOr<v1::Event> GetEvent(const std::string& name);

  // Counts the events matching `filter`, grouped by `group_by` (one to
  // three dimensions). Errors: INVALID_ARGUMENT for a bad filter, no
  // dimension, too many or an unspecified one.
  absl::StatusOr<v1::ComputeStatisticsResponse> ComputeStatistics(
      const v1::EventFilter& filter,
      const std::vector<v1::StatisticsDimension>& group_by);

  // The same with a full request, for fields the overload above lacks.
  absl::StatusOr<v1::ComputeStatisticsResponse> ComputeStatistics(
      const v1::ComputeStatisticsRequest& request);

  // Returns the entity named `name` ("entities/{id}") with its aliases and
  // counts. Errors: NOT_FOUND, INVALID_ARGUMENT for a malformed name.
  absl::StatusOr<v1::Entity> GetEntity(const std::string& name);

  // Every entity known by a name, prefix or spelling matching `query`
  // (every entity when empty), a page at a time. Errors (as the range's
  // last element): INVALID_ARGUMENT; UNIMPLEMENTED from servers that do not
  // offer it yet.
  StreamRange<v1::Entity> ListEntities(const std::string& query = "",
                                       ListEntitiesOptions options = {});

 private:
  std::shared_ptr<Connection> connection_;
};

}  // namespace civicwatch

#endif  // CIVICWATCH_SDK_CLIENT_H_
