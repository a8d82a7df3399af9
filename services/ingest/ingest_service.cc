#include "services/ingest/ingest_service.h"

#include <chrono>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/auth.h"
#include "services/common/country_codes.h"
#include "services/common/errors.h"
#include "services/common/grpc_status.h"
#include "services/common/page_token.h"
#include "services/common/raw_unary.h"
#include "services/common/request_checks.h"
#include "services/common/request_size.h"
#include "services/document/report_from_document.h"
#include "services/ingest/incident_edits.h"
#include "services/ingest/incident_record.h"
#include "services/ingest/person_layer.h"
#include "services/ingest/report_document.h"
#include "services/ingest/report_validation.h"
#include "services/ingest/review_audit.h"
#include "services/normalize/normalizer.h"

namespace civicwatch::ingest {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
constexpr int kMaxRevisionPageSize = 500;
constexpr int kMaxCandidatePageSize = 1000;
// Events folded, or mentions moved, by one MergeEvents or SplitEvent.
constexpr int kMaxEventsPerEdit = 100;

// A call whose deadline has already passed does no work.
absl::Status CheckDeadline(grpc::ServerContextBase* context) {
  if (context->IsCancelled() ||
      context->deadline() < std::chrono::system_clock::now()) {
    return DeadlineExceededError("the call's deadline passed before it could start");
  }
  return absl::OkStatus();
}

// Whether `caller` may know that `report` exists: confidential reports only
// for callers with query.confidential.
bool MayList(const auth::Caller& caller, const v1::Report& report) {
  return report.confidentiality() != v1::CONFIDENTIALITY_CONFIDENTIAL ||
         caller.Has(auth::kQueryConfidential);
}

// The most confidential level of event `caller` may see (and know exists):
// the query service's rule for events.
v1::Confidentiality HighestLevelSeenBy(const auth::Caller& caller) {
  if (caller.Has(auth::kQueryConfidential)) return v1::CONFIDENTIALITY_CONFIDENTIAL;
  if (caller.Has(auth::kQueryRestricted)) return v1::CONFIDENTIALITY_RESTRICTED;
  return v1::CONFIDENTIALITY_PUBLIC;
}

// Copies `answer` into `response`, or returns its error as a gRPC status.
template <typename Response>
grpc::Status Answer(absl::StatusOr<Response> answer, Response* response) {
  if (!answer.ok()) return ToGrpcStatus(answer.status());
  *response = *std::move(answer);
  return grpc::Status::OK;
}

}  // namespace

IngestServiceImpl::IngestServiceImpl(IngestStore* store, document::Limits document_limits)
    : store_(store), document_limits_(document_limits) {
  // The two methods that take a document take up to 21 MiB; every other
  // one keeps the 8 MiB bound (the server's receive limit is the larger).
  ServeUnaryFromBytes("CreateReport", &IngestServiceImpl::CreateReport, kMaxDocumentRequestBytes);
  ServeUnaryFromBytes("NormalizeReport", &IngestServiceImpl::NormalizeReport,
                      kMaxDocumentRequestBytes);
  ServeUnaryFromBytes("GetReport", &IngestServiceImpl::GetReport);
  ServeUnaryFromBytes("ListReports", &IngestServiceImpl::ListReports);
  ServeUnaryFromBytes("UpdateEvent", &IngestServiceImpl::UpdateEvent);
  ServeUnaryFromBytes("ConfirmEvent", &IngestServiceImpl::ConfirmEvent);
  ServeUnaryFromBytes("RejectEvent", &IngestServiceImpl::RejectEvent);
  ServeUnaryFromBytes("CreateEvent", &IngestServiceImpl::CreateEvent);
  ServeUnaryFromBytes("ListEventRevisions", &IngestServiceImpl::ListEventRevisions);
  ServeUnaryFromBytes("ListMergeCandidates", &IngestServiceImpl::ListMergeCandidates);
  ServeUnaryFromBytes("MergeEvents", &IngestServiceImpl::MergeEvents);
  ServeUnaryFromBytes("SplitEvent", &IngestServiceImpl::SplitEvent);
  ServeClientStreamFromBytes("ImportIncidents", &IngestServiceImpl::ImportIncidentsFromBytes);
}

grpc::Status IngestServiceImpl::CreateReport(grpc::ServerContext* context,
                                             const v1::CreateReportRequest* request,
                                             v1::CreateReportResponse* response) {
  return Answer(DoCreateReport(*context, *request), response);
}

grpc::Status IngestServiceImpl::NormalizeReport(grpc::ServerContext* context,
                                                const v1::NormalizeReportRequest* request,
                                                v1::NormalizeReportResponse* response) {
  return Answer(DoNormalizeReport(*context, *request), response);
}

absl::StatusOr<v1::CreateReportResponse> IngestServiceImpl::DoCreateReport(
    grpc::ServerContextBase& context, const v1::CreateReportRequest& request) {
  if (auto caller = auth::Authorize(context, auth::kIngestWrite); !caller.ok()) {
    return caller.status();
  }
  if (request.request_id().size() > kMaxRequestIdChars) {
    return InvalidFieldError("request_id", "must be at most 128 characters");
  }
  auto prepared = ValidateAndNormalize(&context, request.has_report(), request.report());
  if (!prepared.ok()) return prepared.status();
  if (absl::Status s = CheckDeadline(&context); !s.ok()) return s;
  return store_->CreateReport(prepared->report, request.request_id(), prepared->normalized,
                              request.report().original().content());
}

absl::StatusOr<IngestServiceImpl::PreparedReport> IngestServiceImpl::ValidateAndNormalize(
    grpc::ServerContextBase* context, bool has_report, const v1::Report& submitted) {
  if (absl::Status s = CheckDeadline(context); !s.ok()) return s;
  if (!has_report) return InvalidFieldError("report", "is required");
  // Only the original's bytes may take the request past the 8 MiB every
  // other request keeps to.
  if (submitted.ByteSizeLong() - submitted.original().content().size() >
      kDefaultMaxRequestBytes) {
    v1::Report rest = submitted;
    rest.mutable_original()->clear_content();
    auto violations = FieldViolationsOf(CheckRequestSize(rest, kDefaultMaxRequestBytes));
    return TooLargeError(
        violations.empty() ? "report" : absl::StrCat("report.", violations[0].first),
        absl::StrCat(DescribeBytes(kDefaultMaxRequestBytes),
                     " for everything in a report but original.content"));
  }
  PreparedReport prepared;
  std::optional<document::ExtractedDocument> extracted;
  if (submitted.has_original()) {
    auto read = ReadReportDocument(submitted, "report", document_limits_);
    if (!read.ok()) return read.status();
    prepared.report = std::move(read->report);
    extracted = std::move(read->extracted);
    // Extracting a large document takes time of its own.
    if (absl::Status s = CheckDeadline(context); !s.ok()) return s;
  } else {
    prepared.report = submitted;
  }
  const v1::Report& report = prepared.report;
  if (absl::Status s = ValidateReport(report, "report"); !s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  auto normalized = normalize::NormalizeReport(report);
  metrics_.RecordNormalize(
      report.body().size(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  if (!normalized.ok()) {
    if (normalized.status().code() == absl::StatusCode::kInvalidArgument) {
      return InvalidFieldError("report.body", normalized.status().message());
    }
    return normalized.status();
  }
  prepared.normalized = *std::move(normalized);
  if (extracted) document::LocateEventsInOriginal(*extracted, prepared.normalized.events);
  return prepared;
}

absl::StatusOr<v1::NormalizeReportResponse> IngestServiceImpl::DoNormalizeReport(
    grpc::ServerContextBase& context, const v1::NormalizeReportRequest& request) {
  if (auto caller = auth::Authorize(context, auth::kIngestWrite); !caller.ok()) {
    return caller.status();
  }
  auto prepared = ValidateAndNormalize(&context, request.has_report(), request.report());
  if (!prepared.ok()) return prepared.status();
  normalize::NormalizedReport& normalized = prepared->normalized;
  v1::NormalizeReportResponse response;
  *response.mutable_report() = std::move(normalized.report);
  if (prepared->report.has_original()) {
    // A document's text is news to the caller; a text report's is not.
    response.mutable_report()->set_body(prepared->report.body());
    *response.mutable_report()->mutable_original() = prepared->report.original();
  }
  for (auto& e : normalized.events) *response.add_events() = std::move(e);
  for (auto& w : normalized.warnings) *response.add_warnings() = std::move(w);
  return response;
}

grpc::Status IngestServiceImpl::GetReport(grpc::ServerContext* context,
                                          const v1::GetReportRequest* request,
                                          v1::Report* response) {
  return Answer(DoGetReport(*context, *request), response);
}

absl::StatusOr<v1::Report> IngestServiceImpl::DoGetReport(grpc::ServerContextBase& context,
                                                          const v1::GetReportRequest& request) {
  auto caller = auth::Authorize(context, auth::kQueryRead);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = CheckDeadline(&context); !s.ok()) return s;
  if (absl::Status s = ValidateResourceName(request.name(), "reports", "name"); !s.ok()) {
    return s;
  }
  if (!v1::ReportView_IsValid(request.view())) {
    return InvalidFieldError("view", "is not a ReportView value");
  }
  auto report = store_->GetReport(request.name(), request.view() == v1::REPORT_VIEW_FULL);
  if (!report.ok()) return report.status();
  // The same rules as the query service's events: a confidential report
  // does not exist for callers without query.confidential, and the body of
  // a restricted one, which names its people verbatim, is kept from
  // callers without query.restricted.
  if (!MayList(*caller, *report)) return ResourceNotFoundError(request.name());
  if (report->confidentiality() == v1::CONFIDENTIALITY_RESTRICTED &&
      !caller->Has(auth::kQueryRestricted)) {
    // The original names the same people.
    report->clear_body();
    report->mutable_original()->clear_content();
    if (!report->original().sha256().empty()) report->mutable_original()->clear_sha256();
  }
  return report;
}

grpc::Status IngestServiceImpl::ListReports(grpc::ServerContext* context,
                                            const v1::ListReportsRequest* request,
                                            v1::ListReportsResponse* response) {
  auto caller = auth::Authorize(*context, auth::kQueryRead);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (absl::Status s = CheckDeadline(context); !s.ok()) return ToGrpcStatus(s);
  if (!request->country_code().empty()) {
    if (absl::Status s = CheckCountryCode(request->country_code(), "country_code"); !s.ok()) {
      return ToGrpcStatus(s);
    }
  }
  auto page_size_or =
      EffectivePageSize(request->page_size(), "page_size", kDefaultPageSize, kMaxPageSize);
  if (!page_size_or.ok()) return ToGrpcStatus(page_size_or.status());
  const int page_size = *page_size_or;
  v1::ListReportsRequest shape = *request;
  shape.clear_page_size();
  shape.clear_page_token();
  // Callers who may and may not see confidential reports walk different
  // lists; the fingerprint keeps their tokens apart.
  const std::string fingerprint =
      Fingerprint(absl::StrCat(shape.SerializeAsString(), "|confidential=",
                               caller->Has(auth::kQueryConfidential) ? "yes" : "no"));
  std::string after_key;
  if (!request->page_token().empty()) {
    auto cursor = DecodePageToken(request->page_token(), fingerprint);
    if (!cursor.ok()) return ToGrpcStatus(cursor.status());
    if (cursor->last_key.size() != 1) {
      return ToGrpcStatus(InvalidFieldError("page_token", "is not a token this method issued"));
    }
    after_key = cursor->last_key[0];
  }
  // Without query.confidential, confidential reports do not exist for the
  // caller: not in the page and not in total_size.
  auto page = store_->ListReports(request->country_code(),
                                  caller->Has(auth::kQueryConfidential), page_size, after_key);
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (auto& r : page->reports) *response->add_reports() = std::move(r);
  response->set_total_size(page->total_size);
  if (!page->next_key.empty()) {
    response->set_next_page_token(EncodePageToken({fingerprint, {page->next_key}}));
  }
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::ImportIncidentsFromBytes(
    grpc::ServerContext* context, RequestReader<v1::IncidentRecord>* records,
    v1::ImportIncidentsResponse* response) {
  if (auto caller = auth::Authorize(*context, auth::kIngestWrite); !caller.ok()) {
    return ToGrpcStatus(caller.status());
  }
  // Read the whole stream first: valid records are stored together, in one
  // transaction, and each invalid one is reported with its index.
  std::vector<ImportedIncident> incidents;
  v1::IncidentRecord record;
  int64_t index = 0;
  absl::Status decoded;
  for (; records->Read(&record, &decoded); ++index) {
    if (index >= static_cast<int64_t>(kMaxImportRecords)) {
      return ToGrpcStatus(TooLargeError("records", "10000 records per call"));
    }
    absl::Status s = decoded.ok() ? ValidateIncidentRecord(record) : decoded;
    if (!s.ok()) {
      auto* rejected = response->add_rejected();
      rejected->set_index(index);
      // A record that did not decode may hold anything in external_id.
      if (decoded.ok()) rejected->set_external_id(record.external_id());
      auto violations = FieldViolationsOf(s);
      rejected->set_field(violations.empty() ? "" : violations[0].first);
      rejected->set_reason(violations.empty() ? std::string(s.message()) : violations[0].second);
      continue;
    }
    incidents.push_back(IncidentFromRecord(record));
  }
  if (absl::Status s = CheckDeadline(context); !s.ok()) return ToGrpcStatus(s);
  auto counts = store_->ImportIncidents(incidents);
  if (!counts.ok()) return ToGrpcStatus(counts.status());
  response->set_created(counts->created);
  response->set_updated(counts->updated);
  response->set_unchanged(counts->unchanged);
  metrics_.RecordImport(IngestMetrics::ImportOutcome::kCreated, counts->created);
  metrics_.RecordImport(IngestMetrics::ImportOutcome::kUpdated, counts->updated);
  metrics_.RecordImport(IngestMetrics::ImportOutcome::kUnchanged, counts->unchanged);
  metrics_.RecordImport(IngestMetrics::ImportOutcome::kRejected, response->rejected_size());
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::UpdateEvent(grpc::ServerContext* context,
                                            const v1::UpdateEventRequest* request,
                                            v1::Event* response) {
  return Answer(DoUpdateEvent(*context, *request), response);
}

grpc::Status IngestServiceImpl::ConfirmEvent(grpc::ServerContext* context,
                                             const v1::ConfirmEventRequest* request,
                                             v1::Event* response) {
  return Answer(DoReviewEvent(*context, request->name(), request->etag(), request->comment(),
                              IngestStore::Verdict::kConfirm),
                response);
}

grpc::Status IngestServiceImpl::RejectEvent(grpc::ServerContext* context,
                                            const v1::RejectEventRequest* request,
                                            v1::Event* response) {
  return Answer(DoReviewEvent(*context, request->name(), request->etag(), request->comment(),
                              IngestStore::Verdict::kReject),
                response);
}

grpc::Status IngestServiceImpl::CreateEvent(grpc::ServerContext* context,
                                            const v1::CreateEventRequest* request,
                                            v1::Event* response) {
  return Answer(DoCreateEvent(*context, *request), response);
}

grpc::Status IngestServiceImpl::ListEventRevisions(grpc::ServerContext* context,
                                                   const v1::ListEventRevisionsRequest* request,
                                                   v1::ListEventRevisionsResponse* response) {
  return Answer(DoListEventRevisions(*context, *request), response);
}

absl::StatusOr<v1::Event> IngestServiceImpl::DoUpdateEvent(
    grpc::ServerContextBase& context, const v1::UpdateEventRequest& request) {
  auto caller = auth::Authorize(context, auth::kReviewWrite);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = CheckDeadline(&context); !s.ok()) return s;
  if (!request.has_event()) return InvalidFieldError("event", "is required");
  if (absl::Status s = ValidateResourceName(request.event().name(), "events", "event.name");
      !s.ok()) {
    return s;
  }
  const std::vector<std::string> paths(request.update_mask().paths().begin(),
                                       request.update_mask().paths().end());
  if (absl::Status s = ValidateUpdateMask(paths); !s.ok()) return s;
  if (absl::Status s = ValidateComment(request.comment(), "comment"); !s.ok()) return s;
  auto updated = store_->UpdateEvent(request.event(), paths, request.comment(), caller->principal,
                                     HighestLevelSeenBy(*caller));
  if (!updated.ok()) return updated.status();
  AuditReview(caller->principal, "UpdateEvent", updated->event, updated->revision);
  return std::move(updated->event);
}

absl::StatusOr<v1::Event> IngestServiceImpl::DoReviewEvent(grpc::ServerContextBase& context,
                                                           const std::string& name,
                                                           const std::string& etag,
                                                           const std::string& comment,
                                                           IngestStore::Verdict verdict) {
  auto caller = auth::Authorize(context, auth::kReviewWrite);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = CheckDeadline(&context); !s.ok()) return s;
  if (absl::Status s = ValidateResourceName(name, "events", "name"); !s.ok()) return s;
  if (absl::Status s = ValidateComment(comment, "comment"); !s.ok()) return s;
  auto reviewed =
      store_->ReviewEvent(name, etag, verdict, comment, caller->principal, HighestLevelSeenBy(*caller));
  if (!reviewed.ok()) return reviewed.status();
  AuditReview(caller->principal,
              verdict == IngestStore::Verdict::kReject ? "RejectEvent" : "ConfirmEvent",
              reviewed->event, reviewed->revision);
  return std::move(reviewed->event);
}

absl::StatusOr<v1::Event> IngestServiceImpl::DoCreateEvent(grpc::ServerContextBase& context,
                                                           const v1::CreateEventRequest& request) {
  auto caller = auth::Authorize(context, auth::kReviewWrite);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = CheckDeadline(&context); !s.ok()) return s;
  if (!request.has_event()) return InvalidFieldError("event", "is required");
  if (absl::Status s = ValidateComment(request.comment(), "comment"); !s.ok()) return s;
  auto created = store_->CreateEvent(request.event(), request.comment(), caller->principal);
  if (!created.ok()) return created.status();
  AuditReview(caller->principal, "CreateEvent", created->event, created->revision);
  return std::move(created->event);
}

absl::StatusOr<v1::ListEventRevisionsResponse> IngestServiceImpl::DoListEventRevisions(
    grpc::ServerContextBase& context, const v1::ListEventRevisionsRequest& request) {
  auto caller = auth::Authorize(context, auth::kQueryRead);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = CheckDeadline(&context); !s.ok()) return s;
  if (absl::Status s = ValidateResourceName(request.name(), "events", "name"); !s.ok()) return s;
  auto page_size_or =
      EffectivePageSize(request.page_size(), "page_size", kDefaultPageSize, kMaxRevisionPageSize);
  if (!page_size_or.ok()) return page_size_or.status();
  const int page_size = *page_size_or;
  const std::string fingerprint =
      MethodFingerprint("ListEventRevisions", request.name());
  int64_t after_id = 0;
  if (!request.page_token().empty()) {
    auto cursor = DecodePageToken(request.page_token(), fingerprint);
    if (!cursor.ok()) return cursor.status();
    if (cursor->last_key.size() != 1 || !absl::SimpleAtoi(cursor->last_key[0], &after_id)) {
      return InvalidFieldError("page_token", "is not a token this method issued");
    }
  }
  auto revisions =
      store_->ListEventRevisions(request.name(), after_id, page_size + 1, HighestLevelSeenBy(*caller));
  if (!revisions.ok()) return revisions.status();
  v1::ListEventRevisionsResponse response;
  for (int i = 0; i < static_cast<int>(revisions->size()) && i < page_size; ++i) {
    *response.add_revisions() = std::move((*revisions)[i]);
  }
  if (static_cast<int>(revisions->size()) > page_size) {
    // Revision ids count from 1 without gaps, so the page's last is this.
    response.set_next_page_token(
        EncodePageToken({fingerprint, {absl::StrCat(after_id + page_size)}}));
  }
  return response;
}

grpc::Status IngestServiceImpl::ListMergeCandidates(grpc::ServerContext* context,
                                                    const v1::ListMergeCandidatesRequest* request,
                                                    v1::ListMergeCandidatesResponse* response) {
  return Answer(DoListMergeCandidates(*context, *request), response);
}

absl::StatusOr<v1::ListMergeCandidatesResponse> IngestServiceImpl::DoListMergeCandidates(
    grpc::ServerContextBase& context, const v1::ListMergeCandidatesRequest& request) {
  auto caller = auth::Authorize(context, auth::kReviewWrite);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = CheckDeadline(&context); !s.ok()) return s;
  auto page_size =
      EffectivePageSize(request.page_size(), "page_size", kDefaultPageSize, kMaxCandidatePageSize);
  if (!page_size.ok()) return page_size.status();
  const bool include_confidential = caller->Has(auth::kQueryConfidential);
  // A caller who sees other pairs gets tokens of its own.
  const std::string fingerprint =
      MethodFingerprint("ListMergeCandidates", include_confidential ? "all" : "visible");
  IngestStore::CandidateKey after;
  if (!request.page_token().empty()) {
    auto cursor = DecodePageToken(request.page_token(), fingerprint);
    if (!cursor.ok()) return cursor.status();
    if (cursor->last_key.size() != 2) {
      return InvalidFieldError("page_token", "is not a token this method issued");
    }
    after = {cursor->last_key[0], cursor->last_key[1]};
  }
  auto pairs = store_->ListMergeCandidates(after, include_confidential, *page_size + 1);
  if (!pairs.ok()) return pairs.status();
  v1::ListMergeCandidatesResponse response;
  for (int i = 0; i < static_cast<int>(pairs->size()) && i < *page_size; ++i) {
    *response.add_merge_candidates() = std::move((*pairs)[i]);
  }
  if (static_cast<int>(pairs->size()) > *page_size) {
    const v1::MergeCandidate& last = response.merge_candidates(*page_size - 1);
    response.set_next_page_token(EncodePageToken(
        {fingerprint,
         {std::string(absl::StripPrefix(last.event(), "events/")),
          std::string(absl::StripPrefix(last.other_event(), "events/"))}}));
  }
  return response;
}

grpc::Status IngestServiceImpl::MergeEvents(grpc::ServerContext* context,
                                            const v1::MergeEventsRequest* request,
                                            v1::Event* response) {
  return Answer(DoMergeEvents(*context, *request), response);
}

grpc::Status IngestServiceImpl::SplitEvent(grpc::ServerContext* context,
                                           const v1::SplitEventRequest* request,
                                           v1::SplitEventResponse* response) {
  return Answer(DoSplitEvent(*context, *request), response);
}

absl::StatusOr<v1::Event> IngestServiceImpl::DoMergeEvents(grpc::ServerContextBase& context,
                                                           const v1::MergeEventsRequest& request) {
  auto caller = auth::Authorize(context, auth::kReviewWrite);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = CheckDeadline(&context); !s.ok()) return s;
  if (absl::Status s = ValidateResourceName(request.name(), "events", "name"); !s.ok()) return s;
  if (request.events().empty()) {
    return InvalidFieldError("events", "name at least one event to fold into the event `name`");
  }
  if (request.events_size() > kMaxEventsPerEdit) {
    return InvalidFieldError("events", absl::StrCat("at most ", kMaxEventsPerEdit, " per call"));
  }
  for (int i = 0; i < request.events_size(); ++i) {
    const std::string field = absl::StrCat("events[", i, "]");
    if (absl::Status s = ValidateResourceName(request.events(i), "events", field); !s.ok()) {
      return s;
    }
    if (request.events(i) == request.name()) {
      return InvalidFieldError(field, "is the event `name` itself; name the events to fold into it");
    }
    for (int j = 0; j < i; ++j) {
      if (request.events(j) == request.events(i)) {
        return InvalidFieldError(field, absl::StrCat("names the same event as events[", j, "]"));
      }
    }
  }
  if (absl::Status s = ValidateComment(request.comment(), "comment"); !s.ok()) return s;
  const std::vector<std::string> folded(request.events().begin(), request.events().end());
  auto merged = store_->MergeEvents(
      request.name(), folded, request.etag(),
      IncidentEditor{caller->principal, request.comment(), HighestLevelSeenBy(*caller)});
  if (!merged.ok()) return merged.status();
  AuditReview(caller->principal, "MergeEvents", merged->event, merged->revision);
  return std::move(merged->event);
}

absl::StatusOr<v1::SplitEventResponse> IngestServiceImpl::DoSplitEvent(
    grpc::ServerContextBase& context, const v1::SplitEventRequest& request) {
  auto caller = auth::Authorize(context, auth::kReviewWrite);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = CheckDeadline(&context); !s.ok()) return s;
  if (absl::Status s = ValidateResourceName(request.name(), "events", "name"); !s.ok()) return s;
  if (request.mentions().empty()) {
    return InvalidFieldError("mentions", "name at least one mention of the event to move out");
  }
  if (request.mentions_size() > kMaxEventsPerEdit) {
    return InvalidFieldError("mentions", absl::StrCat("at most ", kMaxEventsPerEdit, " per call"));
  }
  for (int i = 0; i < request.mentions_size(); ++i) {
    const v1::Provenance& m = request.mentions(i);
    const std::string field = absl::StrCat("mentions[", i, "]");
    if (absl::Status s = ValidateResourceName(m.report(), "reports", field + ".report"); !s.ok()) {
      return s;
    }
    if (m.start_offset() < 0 || m.end_offset() < m.start_offset()) {
      return InvalidFieldError(field + ".end_offset",
                               "start_offset and end_offset must make a byte range (0 and 0: "
                               "the event's mention from that report)");
    }
  }
  if (absl::Status s = ValidateComment(request.comment(), "comment"); !s.ok()) return s;
  const std::vector<v1::Provenance> mentions(request.mentions().begin(), request.mentions().end());
  auto split = store_->SplitEvent(
      request.name(), mentions, request.etag(),
      IncidentEditor{caller->principal, request.comment(), HighestLevelSeenBy(*caller)});
  if (!split.ok()) return split.status();
  AuditReview(caller->principal, "SplitEvent", split->event, split->revision);
  v1::SplitEventResponse response;
  *response.mutable_event() = std::move(split->event);
  *response.mutable_new_event() = std::move(split->new_event);
  return response;
}

}  // namespace civicwatch::ingest
