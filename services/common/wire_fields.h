// A message's wire bytes read field by field without its generated class,
// for the request checks that must name a field of a request that cannot
// be decoded (wire_utf8.h) or is too large (request_size.h).
#ifndef CIVICWATCH_SERVICES_COMMON_WIRE_FIELDS_H_
#define CIVICWATCH_SERVICES_COMMON_WIRE_FIELDS_H_

#include <map>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"

namespace civicwatch {

// Nesting deeper than this is not followed (protobuf's own default limit).
inline constexpr int kMaxWireDepth = 100;

// Reads `bytes`, a message nested `depth` deep, into `fields`; false past
// kMaxWireDepth or when the bytes are not a message.
bool ParseWireFields(absl::string_view bytes, int depth, google::protobuf::UnknownFieldSet* fields);

// The paths of one message's fields as the API's errors name them, under
// `prefix` (the message's own path, "" for the request): "report.body",
// "report.publishers[1]"; a field `type` does not know is "field N".
class WireFieldPaths {
 public:
  WireFieldPaths(const google::protobuf::Descriptor& type, std::string prefix)
      : type_(type), prefix_(std::move(prefix)) {}

  // The descriptor and path of `field`. Call it for every field of the
  // message in wire order, so that a repeated field's items get their
  // indexes; `descriptor` is null for a field the type does not know.
  std::string PathOf(const google::protobuf::UnknownField& field,
                     const google::protobuf::FieldDescriptor** descriptor);

 private:
  const google::protobuf::Descriptor& type_;
  const std::string prefix_;
  std::map<int, int> seen_;  // field number -> occurrences so far
};

// One message's wire bytes, parsed field by field.
class WireMessage {
 public:
  // Reads `bytes`, a message of `type` at path `prefix` ("" for the
  // request) nested `depth` deep.
  WireMessage(const google::protobuf::Descriptor& type, absl::string_view bytes,
              std::string prefix, int depth);

  // False past kMaxWireDepth or when the bytes are not a message.
  bool ok() const { return ok_; }

  // Calls `visit(path, descriptor, value)` for each length-delimited field
  // (text, bytes, a nested message, a packed list) in wire order until it
  // returns false; `descriptor` is null for a field the type does not
  // know. `value` stays valid as long as this object.
  void ForEachLengthDelimited(
      absl::FunctionRef<bool(const std::string& path,
                             const google::protobuf::FieldDescriptor* descriptor,
                             absl::string_view value)>
          visit) const;

 private:
  const google::protobuf::Descriptor& type_;
  const std::string prefix_;
  google::protobuf::UnknownFieldSet fields_;
  bool ok_ = false;
};

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_WIRE_FIELDS_H_
