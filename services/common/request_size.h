// Per-method bounds on a request's size, checked on its wire bytes.
//
// A server has one receive limit for every method; when one method must
// take larger messages (CreateReport with a 20 MiB document) the server's
// limit is raised for it and every other method checks its own, smaller
// bound here, so that it still refuses what it refused before, and says
// which field made the request too large.
#ifndef CIVICWATCH_SERVICES_COMMON_REQUEST_SIZE_H_
#define CIVICWATCH_SERVICES_COMMON_REQUEST_SIZE_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace civicwatch {

// The largest request most methods take: 8 MiB.
inline constexpr size_t kDefaultMaxRequestBytes = size_t{8} << 20;

// "8 MiB (8388608 bytes)".
std::string DescribeBytes(size_t bytes);

// OK when `bytes` (a serialised message of type `type`) is at most `limit`
// bytes. Otherwise RESOURCE_EXHAUSTED naming the field that holds most of
// it, followed into nested messages ("report.body", "event.summary"); the
// request as a whole ("request") when its bytes do not parse.
absl::Status CheckRequestSize(const google::protobuf::Descriptor& type, absl::string_view bytes,
                              size_t limit);

// The same for a decoded message (a method gRPC decoded itself).
absl::Status CheckRequestSize(const google::protobuf::Message& message, size_t limit);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_REQUEST_SIZE_H_
