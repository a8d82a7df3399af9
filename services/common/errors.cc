#include "services/common/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "services/text/utf8.h"

namespace civicwatch {
namespace {

// Longest text taken from a request into an error, in bytes. Errors travel
// in gRPC trailers, which clients refuse past 8 KiB (the call then fails
// with RESOURCE_EXHAUSTED and the real error is lost).
constexpr size_t kMaxEchoedBytes = 512;

// `text` as valid UTF-8, cut to kMaxEchoedBytes at a character boundary.
std::string Echo(absl::string_view text) {
  std::string out = text::ToValidUtf8(text);
  if (out.size() <= kMaxEchoedBytes) return out;
  size_t cut = kMaxEchoedBytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  out += "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
  return out;
}

void AttachReason(absl::Status& status, absl::string_view reason) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(std::string(kErrorDomain));
  status.SetPayload(kErrorInfoTypeUrl, absl::Cord(info.SerializeAsString()));
}

// `status` with the ErrorInfo `reason`.
absl::Status WithReason(absl::Status status, absl::string_view reason) {
  AttachReason(status, reason);
  return status;
}

}  // namespace

absl::Status InvalidFieldError(absl::string_view field, absl::string_view description) {
  return InvalidFieldsError({{std::string(field), std::string(description)}});
}

absl::Status InvalidFieldsError(
    const std::vector<std::pair<std::string, std::string>>& violations) {
  // Descriptions often quote what the client sent, which may be huge or
  // not UTF-8; a BadRequest holding bad UTF-8 would not parse at the
  // client, which would lose the field named.
  google::rpc::BadRequest bad;
  for (const auto& [field, description] : violations) {
    auto* v = bad.add_field_violations();
    v->set_field(Echo(field));
    v->set_description(Echo(description));
  }
  std::string message = violations.empty()
                            ? "invalid request"
                            : absl::StrCat(Echo(violations[0].first), ": ",
                                           Echo(violations[0].second));
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(bad.SerializeAsString()));
  AttachReason(status, "INVALID_FIELD");
  return status;
}

absl::Status ResourceNotFoundError(absl::string_view resource_name) {
  return WithReason(absl::NotFoundError(absl::StrCat(Echo(resource_name), " does not exist")),
                    "RESOURCE_NOT_FOUND");
}

namespace {

// `status` with a google.rpc.BadRequest naming `field`.
absl::Status NamingField(absl::Status status, absl::string_view field,
                         absl::string_view description) {
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field(Echo(field));
  v->set_description(Echo(description));
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(bad.SerializeAsString()));
  return status;
}

}  // namespace

absl::Status FieldResourceNotFoundError(absl::string_view field, absl::string_view resource_name) {
  const std::string what = absl::StrCat(Echo(resource_name), " does not exist");
  return NamingField(
      WithReason(absl::NotFoundError(absl::StrCat(Echo(field), ": ", what)), "RESOURCE_NOT_FOUND"),
      field, what);
}

absl::Status FieldPreconditionError(absl::string_view field, absl::string_view what) {
  return NamingField(WithReason(absl::FailedPreconditionError(
                                    absl::StrCat(Echo(field), ": ", Echo(what))),
                                "FAILED_PRECONDITION"),
                     field, what);
}

absl::Status StaleEtagError(absl::string_view resource_name) {
  return WithReason(absl::AbortedError(absl::StrCat(
                        "etag: ", Echo(resource_name),
                        " changed since the etag given was read; read it again and retry")),
                    "STALE_ETAG");
}

absl::Status AlreadyExistsError(absl::string_view resource_name, absl::string_view why) {
  return WithReason(
      absl::AlreadyExistsError(absl::StrCat(Echo(resource_name), " already exists: ", why)),
      "ALREADY_EXISTS");
}

absl::Status ScopeRequiredError(absl::string_view field, absl::string_view scope,
                                absl::string_view why) {
  return WithReason(
      absl::PermissionDeniedError(absl::StrCat(field, ": ", why, " needs the scope ", scope)),
      "MISSING_SCOPE");
}

absl::Status TooLargeError(absl::string_view field, absl::string_view limit) {
  absl::Status status =
      absl::ResourceExhaustedError(absl::StrCat(field, ": larger than the limit of ", limit));
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field(Echo(field));
  v->set_description(absl::StrCat("must be at most ", limit));
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(bad.SerializeAsString()));
  AttachReason(status, "TOO_LARGE");
  return status;
}

absl::Status StorageUnavailableError(absl::string_view what) {
  return WithReason(absl::UnavailableError(absl::StrCat(what, "; try again later")),
                    "STORAGE_UNAVAILABLE");
}

absl::Status DeadlineExceededError(absl::string_view what) {
  return WithReason(absl::DeadlineExceededError(what), "DEADLINE_EXCEEDED");
}

absl::Status CancelledError(absl::string_view what) {
  return WithReason(absl::CancelledError(what), "CANCELLED");
}

absl::Status InternalError(absl::string_view detail) {
  return WithReason(absl::InternalError(detail), "INTERNAL");
}

absl::Status CallerLacksScopeError(absl::string_view principal, absl::string_view scope) {
  return WithReason(absl::PermissionDeniedError(absl::StrCat("principal ", Echo(principal),
                                                             " lacks the scope ", Echo(scope))),
                    "MISSING_SCOPE");
}

absl::Status UnauthenticatedError(absl::string_view what) {
  return WithReason(absl::UnauthenticatedError(Echo(what)), "UNAUTHENTICATED");
}

absl::Status FailedPreconditionError(absl::string_view what) {
  return WithReason(absl::FailedPreconditionError(Echo(what)), "FAILED_PRECONDITION");
}

absl::Status UnavailableError(absl::string_view what) {
  return WithReason(absl::UnavailableError(Echo(what)), "UNAVAILABLE");
}

absl::Status InvalidInputError(absl::string_view what) {
  return WithReason(absl::InvalidArgumentError(Echo(what)), "INVALID_INPUT");
}

absl::Status LimitExceededError(absl::string_view what) {
  return WithReason(absl::ResourceExhaustedError(Echo(what)), "LIMIT_EXCEEDED");
}

absl::Status MissingInputError(absl::string_view what) {
  return WithReason(absl::NotFoundError(Echo(what)), "MISSING_INPUT");
}

std::vector<std::pair<std::string, std::string>> FieldViolationsOf(const absl::Status& status) {
  std::vector<std::pair<std::string, std::string>> out;
  auto payload = status.GetPayload(kBadRequestTypeUrl);
  if (!payload) return out;
  google::rpc::BadRequest bad;
  if (!bad.ParseFromString(std::string(*payload))) return out;
  for (const auto& v : bad.field_violations()) out.emplace_back(v.field(), v.description());
  return out;
}

std::optional<std::string> ErrorReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(kErrorInfoTypeUrl);
  if (!payload) return std::nullopt;
  google::rpc::ErrorInfo info;
  if (!info.ParseFromString(std::string(*payload))) return std::nullopt;
  return info.reason();
}

}  // namespace civicwatch
