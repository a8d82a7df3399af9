// Named constructors for the errors civicwatch returns, as absl::Status.
//
// Text from a request that ends up in an error (a quoted value, a resource
// name) is made valid UTF-8 and cut to 512 bytes, so that the error always
// reaches the client.
//
// Domain code and handlers build errors only through these functions, so
// that every error carries what a client needs to act on it: the request
// field at fault (a google.rpc.BadRequest field violation) and a stable
// reason (google.rpc.ErrorInfo). Both ride as absl::Status payloads and are
// turned into gRPC error details in one place, ToGrpcStatus().
#ifndef CIVICWATCH_SERVICES_COMMON_ERRORS_H_
#define CIVICWATCH_SERVICES_COMMON_ERRORS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace civicwatch {

// Payload type URLs, as google.protobuf.Any names them.
inline constexpr absl::string_view kBadRequestTypeUrl =
    "type.googleapis.com/google.rpc.BadRequest";
inline constexpr absl::string_view kErrorInfoTypeUrl =
    "type.googleapis.com/google.rpc.ErrorInfo";
inline constexpr absl::string_view kErrorDomain = "civicwatch.v1";

// INVALID_ARGUMENT naming `field` (a dot path in the request, such as
// "report.body"); `description` says what is wrong and how to fix it.
// The message reads "<field>: <description>".
absl::Status InvalidFieldError(absl::string_view field, absl::string_view description);

// INVALID_ARGUMENT for several fields at once; the message names the first.
absl::Status InvalidFieldsError(
    const std::vector<std::pair<std::string, std::string>>& violations);

// NOT_FOUND for a resource name such as "events/abc".
absl::Status ResourceNotFoundError(absl::string_view resource_name);

// NOT_FOUND for `resource_name`, named in the request by `field` (as
// "events[2]"): the message reads "<field>: <name> does not exist" and a
// google.rpc.BadRequest names the field.
absl::Status FieldResourceNotFoundError(absl::string_view field, absl::string_view resource_name);

// FAILED_PRECONDITION about what `field` names: the message reads
// "<field>: <what>" and a google.rpc.BadRequest names the field.
absl::Status FieldPreconditionError(absl::string_view field, absl::string_view what);

// ABORTED: the caller's etag for `resource_name` is not the current one
// (someone changed it since the caller read it); re-read and retry.
absl::Status StaleEtagError(absl::string_view resource_name);

// ALREADY_EXISTS: `resource_name` exists; `why` says what made it the same.
absl::Status AlreadyExistsError(absl::string_view resource_name, absl::string_view why);

// PERMISSION_DENIED: what `field` asks for needs `scope`, which the
// caller lacks; `why` says what it would have done.
absl::Status ScopeRequiredError(absl::string_view field, absl::string_view scope,
                                absl::string_view why);

// RESOURCE_EXHAUSTED: `field` is over `limit` (a human-readable size).
absl::Status TooLargeError(absl::string_view field, absl::string_view limit);

// UNAVAILABLE: storage or a dependency cannot serve now; safe to retry.
absl::Status StorageUnavailableError(absl::string_view what);

// DEADLINE_EXCEEDED: the call's deadline passed; `what` says where.
absl::Status DeadlineExceededError(absl::string_view what);

// CANCELLED: the client cancelled the call or went away; `what` says
// where.
absl::Status CancelledError(absl::string_view what);

// INTERNAL: a bug or corruption. `detail` is for the server's log only;
// clients see a generic message.
absl::Status InternalError(absl::string_view detail);

// PERMISSION_DENIED: `principal` lacks `scope` for the method it called.
absl::Status CallerLacksScopeError(absl::string_view principal, absl::string_view scope);

// UNAUTHENTICATED: the call's credentials are missing or not valid; `what`
// says which.
absl::Status UnauthenticatedError(absl::string_view what);

// FAILED_PRECONDITION: the system is not in the state the operation needs
// (a data folder that already holds a database, a snapshot of another
// schema); `what` says which state and, where it can, how to reach it.
absl::Status FailedPreconditionError(absl::string_view what);

// UNAVAILABLE: a peer, a file or a resource other than the service's own
// storage cannot serve now (StorageUnavailableError is for that); `what`
// says which. Safe to retry.
absl::Status UnavailableError(absl::string_view what);

// The errors below are for input that is not a request's field, or found
// where the field is not known: a document's bytes, a file, a flag. A
// handler that knows the field turns them into InvalidFieldError or
// TooLargeError naming it.

// INVALID_ARGUMENT: the input is not what it should be; `what` says how.
absl::Status InvalidInputError(absl::string_view what);

// RESOURCE_EXHAUSTED: the input, or the work it asks for, is past a
// limit; `what` names the limit.
absl::Status LimitExceededError(absl::string_view what);

// NOT_FOUND: a file, or a part the input must have, is not there; `what`
// says which. (ResourceNotFoundError is for the API's resources.)
absl::Status MissingInputError(absl::string_view what);

// The field violations carried by `status`, as (field, description).
std::vector<std::pair<std::string, std::string>> FieldViolationsOf(const absl::Status& status);

// The ErrorInfo reason carried by `status`, if any.
std::optional<std::string> ErrorReasonOf(const absl::Status& status);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_ERRORS_H_
