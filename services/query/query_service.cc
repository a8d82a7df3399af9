#include "services/query/query_service.h"

#include <chrono>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/grpc_status.h"
#include "services/common/log.h"
#include "services/common/snapshot_stream.h"
#include "services/common/page_token.h"
#include "services/query/audit_log.h"
#include "services/query/request_validation.h"

namespace civicwatch::query {
namespace {

// Events read from the replica per step of an export.
constexpr int kExportChunk = 500;

absl::Time DeadlineOf(const grpc::ServerContext* context) {
  auto deadline = context->deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return absl::InfiniteFuture();
  return absl::FromChrono(deadline);
}

// The fingerprint a page token is bound to: the method and the request
// without its paging fields.
template <typename Request>
std::string PagingFingerprint(absl::string_view method, const Request& request) {
  Request copy = request;
  copy.clear_page_size();
  copy.clear_page_token();
  return MethodFingerprint(method, copy.SerializeAsString());
}

// Renames the field of a page-token error (page_token.h names
// "page_token") for a request whose token field is called otherwise.
absl::Status RenameTokenField(const absl::Status& status, absl::string_view field) {
  if (status.code() != absl::StatusCode::kInvalidArgument) return status;
  auto violations = FieldViolationsOf(status);
  return InvalidFieldError(field, violations.empty() ? "is not valid" : violations[0].second);
}

// What the caller may see, from its scopes.
Access AccessOf(const auth::Caller& caller) {
  return Access{caller.Has(auth::kQueryRestricted), caller.Has(auth::kQueryConfidential)};
}

}  // namespace

QueryServiceImpl::QueryServiceImpl(const ReadModel* model, SnapshotSource snapshots)
    : model_(model), snapshots_(std::move(snapshots)) {
  ServeUnaryFromBytes("ListEvents", &QueryServiceImpl::ListEvents);
  ServeServerStreamFromBytes("ExportEvents", &QueryServiceImpl::ExportEventsTo);
  ServeUnaryFromBytes("GetEvent", &QueryServiceImpl::GetEvent);
  ServeUnaryFromBytes("ComputeStatistics", &QueryServiceImpl::ComputeStatistics);
  ServeUnaryFromBytes("GetEntity", &QueryServiceImpl::GetEntity);
  ServeUnaryFromBytes("ListEntities", &QueryServiceImpl::ListEntities);
}

grpc::Status QueryServiceImpl::StreamReplicaSnapshot(grpc::ServerContext* context,
                                                     const v1::StreamReplicaSnapshotRequest*,
                                                     grpc::ServerWriter<v1::SnapshotChunk>* writer) {
  if (auto caller = auth::Authorize(*context, auth::kFeedRead); !caller.ok()) {
    return ToGrpcStatus(caller.status());
  }
  if (!snapshots_) {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "this replica hands out no snapshots");
  }
  auto sent = snapshots_(ChunkWriter(*context, *writer));
  if (!sent.ok()) return ToGrpcStatus(sent.status());
  LogLine("replica_snapshot", {{"cursor", absl::StrCat(sent->sequence())},
                               {"bytes", absl::StrCat(sent->size_bytes())}});
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::Admit(grpc::ServerContext& context) {
  return ToGrpcStatus(auth::Authorize(context, auth::kQueryRead).status());
}

grpc::Status QueryServiceImpl::ListEvents(grpc::ServerContext* context,
                                          const v1::ListEventsRequest* request,
                                          v1::ListEventsResponse* response) {
  return ToGrpcStatus(DoListEvents(context, *request, response));
}

absl::Status QueryServiceImpl::DoListEvents(grpc::ServerContext* context,
                                            const v1::ListEventsRequest& request,
                                            v1::ListEventsResponse* response) {
  auto caller = auth::Authorize(*context, auth::kQueryRead);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = ValidateEventFilter(request.filter(), "filter"); !s.ok()) return s;
  auto direction = ParseOrderBy(request.order_by());
  if (!direction.ok()) return direction.status();
  auto page_size = EffectivePageSize(request.page_size(), "page_size");
  if (!page_size.ok()) return page_size.status();

  ListEventsQuery query;
  query.filter = request.filter();
  query.access = AccessOf(*caller);
  query.direction = *direction;
  query.page_size = *page_size;
  const std::string fingerprint = PagingFingerprint("ListEvents", request);
  if (!request.page_token().empty()) {
    auto cursor = DecodePageToken(request.page_token(), fingerprint);
    if (!cursor.ok()) return cursor.status();
    auto key = DecodeEventKey(cursor->last_key, "page_token");
    if (!key.ok()) return key.status();
    query.after = std::move(*key);
  }

  auto page = model_->ListEvents(query, DeadlineOf(context));
  if (!page.ok()) return page.status();
  EventReadAudit audit(caller->principal, "ListEvents");
  for (v1::Event& event : page->events) {
    audit.Note(event);
    *response->add_events() = std::move(event);
  }
  if (page->next.has_value()) {
    response->set_next_page_token(EncodePageToken({fingerprint, EncodeEventKey(*page->next)}));
  }
  response->set_total_size(page->total_size);
  response->set_total_size_is_lower_bound(page->total_size_is_lower_bound);
  return absl::OkStatus();
}

grpc::Status QueryServiceImpl::ExportEvents(grpc::ServerContext* context,
                                            const v1::ExportEventsRequest* request,
                                            grpc::ServerWriter<v1::ExportEventsResponse>* writer) {
  return ExportEventsTo(context, request, writer);
}

grpc::Status QueryServiceImpl::ExportEventsTo(
    grpc::ServerContext* context, const v1::ExportEventsRequest* request,
    grpc::internal::WriterInterface<v1::ExportEventsResponse>* writer) {
  return ToGrpcStatus(DoExportEvents(context, *request, writer));
}

// Streams in ascending order, a chunk at a time, each chunk read in its own
// snapshot: the keyset cursor makes the chunks join without loss or
// repetition, and memory stays at one chunk however slow the reader (Write
// blocks under gRPC flow control). Events that arrive during the export
// appear in it when they sort after the current position.
absl::Status QueryServiceImpl::DoExportEvents(
    grpc::ServerContext* context, const v1::ExportEventsRequest& request,
    grpc::internal::WriterInterface<v1::ExportEventsResponse>* writer) {
  auto caller = auth::Authorize(*context, auth::kQueryRead);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = ValidateEventFilter(request.filter(), "filter"); !s.ok()) return s;
  v1::ExportEventsRequest unresumed = request;
  unresumed.clear_resume_token();
  const std::string fingerprint = MethodFingerprint("ExportEvents", unresumed.SerializeAsString());

  ListEventsQuery query;
  query.filter = request.filter();
  query.access = AccessOf(*caller);
  query.page_size = kExportChunk;
  query.count_total = false;
  if (!request.resume_token().empty()) {
    auto cursor = DecodePageToken(request.resume_token(), fingerprint);
    if (!cursor.ok()) return RenameTokenField(cursor.status(), "resume_token");
    auto key = DecodeEventKey(cursor->last_key, "resume_token");
    if (!key.ok()) return key.status();
    query.after = std::move(*key);
  }

  const absl::Time deadline = DeadlineOf(context);
  v1::ExportEventsResponse response;
  EventReadAudit audit(caller->principal, "ExportEvents");
  while (true) {
    if (context->IsCancelled()) return CancelledError("the export was cancelled");
    auto page = model_->ListEvents(query, deadline);
    if (!page.ok()) return page.status();
    for (v1::Event& event : page->events) {
      response.set_resume_token(
          EncodePageToken({fingerprint, EncodeEventKey(KeyOfEvent(event))}));
      audit.Note(event);
      *response.mutable_event() = std::move(event);
      if (!writer->Write(response)) {
        return CancelledError("the client went away during the export");
      }
    }
    if (!page->next.has_value()) return absl::OkStatus();
    query.after = std::move(page->next);
  }
}

grpc::Status QueryServiceImpl::GetEvent(grpc::ServerContext* context,
                                        const v1::GetEventRequest* request,
                                        v1::Event* response) {
  return ToGrpcStatus(DoGetEvent(context, *request, response));
}

absl::Status QueryServiceImpl::DoGetEvent(grpc::ServerContext* context,
                                          const v1::GetEventRequest& request,
                                          v1::Event* response) {
  auto caller = auth::Authorize(*context, auth::kQueryRead);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = ValidateResourceName(request.name(), "events", "name"); !s.ok()) return s;
  auto event = model_->GetEvent(request.name(), AccessOf(*caller), DeadlineOf(context));
  if (!event.ok()) return event.status();
  EventReadAudit(caller->principal, "GetEvent").Note(*event);
  *response = std::move(*event);
  return absl::OkStatus();
}

grpc::Status QueryServiceImpl::ComputeStatistics(grpc::ServerContext* context,
                                                 const v1::ComputeStatisticsRequest* request,
                                                 v1::ComputeStatisticsResponse* response) {
  return ToGrpcStatus(DoComputeStatistics(context, *request, response));
}

absl::Status QueryServiceImpl::DoComputeStatistics(grpc::ServerContext* context,
                                                   const v1::ComputeStatisticsRequest& request,
                                                   v1::ComputeStatisticsResponse* response) {
  auto caller = auth::Authorize(*context, auth::kQueryRead);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = ValidateEventFilter(request.filter(), "filter"); !s.ok()) return s;
  if (absl::Status s = ValidateGroupBy(request.group_by()); !s.ok()) return s;
  std::vector<v1::StatisticsDimension> group_by;
  for (int d : request.group_by()) group_by.push_back(static_cast<v1::StatisticsDimension>(d));

  if (request.top_n() < 0) return InvalidFieldError("top_n", "must not be negative");
  auto statistics = model_->ComputeStatistics(request.filter(), group_by, AccessOf(*caller),
                                              DeadlineOf(context), request.top_n());
  if (!statistics.ok()) return statistics.status();
  for (StatisticsRow& row : statistics->rows) {
    v1::StatisticsRow* out = response->add_rows();
    for (std::string& key : row.keys) out->add_keys(std::move(key));
    out->set_count(row.count);
  }
  response->set_total(statistics->total);
  response->set_unplaced(statistics->unplaced);
  response->set_other_groups(statistics->other_groups);
  return absl::OkStatus();
}

grpc::Status QueryServiceImpl::GetEntity(grpc::ServerContext* context,
                                         const v1::GetEntityRequest* request,
                                         v1::Entity* response) {
  return ToGrpcStatus(DoGetEntity(context, *request, response));
}

absl::Status QueryServiceImpl::DoGetEntity(grpc::ServerContext* context,
                                           const v1::GetEntityRequest& request,
                                           v1::Entity* response) {
  auto caller = auth::Authorize(*context, auth::kQueryRead);
  if (!caller.ok()) return caller.status();
  if (absl::Status s = ValidateResourceName(request.name(), "entities", "name"); !s.ok()) {
    return s;
  }
  auto entity = model_->GetEntity(request.name(), AccessOf(*caller), DeadlineOf(context));
  if (!entity.ok()) return entity.status();
  *response = std::move(*entity);
  return absl::OkStatus();
}

grpc::Status QueryServiceImpl::ListEntities(grpc::ServerContext* context,
                                            const v1::ListEntitiesRequest* request,
                                            v1::ListEntitiesResponse* response) {
  return ToGrpcStatus(DoListEntities(context, *request, response));
}

absl::Status QueryServiceImpl::DoListEntities(grpc::ServerContext* context,
                                              const v1::ListEntitiesRequest& request,
                                              v1::ListEntitiesResponse* response) {
  auto caller = auth::Authorize(*context, auth::kQueryRead);
  if (!caller.ok()) return caller.status();
  if (request.query().size() > kMaxTextBytes) {
    return InvalidFieldError("query", absl::StrCat("must be at most ", kMaxTextBytes, " bytes"));
  }
  if (!v1::EntityKind_IsValid(request.kind())) {
    return InvalidFieldError("kind", absl::StrCat(request.kind(), " is not a known value"));
  }
  auto page_size = EffectivePageSize(request.page_size(), "page_size");
  if (!page_size.ok()) return page_size.status();

  const std::string fingerprint = PagingFingerprint("ListEntities", request);
  std::optional<EntityKey> after;
  if (!request.page_token().empty()) {
    auto cursor = DecodePageToken(request.page_token(), fingerprint);
    if (!cursor.ok()) return cursor.status();
    if (cursor->last_key.size() != 2) {
      return InvalidFieldError("page_token",
                               "is not a token this service issued; pass next_page_token "
                               "unchanged");
    }
    after = EntityKey{cursor->last_key[0], cursor->last_key[1]};
  }

  auto page = model_->ListEntities(request.query(), request.kind(), *page_size, after,
                                   AccessOf(*caller), DeadlineOf(context));
  if (!page.ok()) return page.status();
  for (v1::Entity& entity : page->entities) *response->add_entities() = std::move(entity);
  if (page->next.has_value()) {
    response->set_next_page_token(
        EncodePageToken({fingerprint, {page->next->sort_name, page->next->name}}));
  }
  response->set_total_size(page->total_size);
  return absl::OkStatus();
}

}  // namespace civicwatch::query
