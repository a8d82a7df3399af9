// Finds the field that makes a request undecodable because of bad UTF-8.
//
// protobuf refuses to decode a message whose `string` field holds invalid
// UTF-8, and gRPC then fails the call with a bare INTERNAL. Services that
// take text from outside receive such methods' requests as raw bytes, try
// to decode them, and on failure call FindInvalidUtf8Field so that the
// client hears INVALID_ARGUMENT naming the field.
#ifndef CIVICWATCH_SERVICES_COMMON_WIRE_UTF8_H_
#define CIVICWATCH_SERVICES_COMMON_WIRE_UTF8_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace civicwatch {

// Walks the wire-format `bytes` of a message of type `type` and returns the
// path ("report.body", "report.publishers[1]") of the first string field
// whose value is not valid UTF-8, or nullopt when there is none (or the
// bytes are not a well-formed message at all).
std::optional<std::string> FindInvalidUtf8Field(const google::protobuf::Descriptor& type,
                                                absl::string_view bytes);

// Decodes `bytes` into `message`. Errors: INVALID_ARGUMENT naming the field
// when a string field is not UTF-8, or naming nothing in particular ("the
// request") when the bytes are not a message of that type.
absl::Status DecodeRequest(absl::string_view bytes, google::protobuf::Message& message);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_WIRE_UTF8_H_
