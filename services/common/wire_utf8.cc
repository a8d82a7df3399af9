#include "services/common/wire_utf8.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"
#include "services/common/errors.h"
#include "services/common/wire_fields.h"
#include "services/text/utf8.h"

namespace civicwatch {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

std::optional<std::string> Walk(const Descriptor& type, absl::string_view bytes,
                                const std::string& prefix, int depth) {
  UnknownFieldSet fields;
  if (!ParseWireFields(bytes, depth, &fields)) return std::nullopt;
  WireFieldPaths paths(type, prefix);
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& f = fields.field(i);
    const FieldDescriptor* fd = nullptr;
    std::string path = paths.PathOf(f, &fd);
    if (fd == nullptr || f.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    if (fd->type() == FieldDescriptor::TYPE_STRING) {
      if (!text::IsValidUtf8(f.length_delimited())) return path;
    } else if (fd->type() == FieldDescriptor::TYPE_MESSAGE && !fd->is_map()) {
      if (auto found = Walk(*fd->message_type(), f.length_delimited(), path, depth + 1)) {
        return found;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FindInvalidUtf8Field(const Descriptor& type, absl::string_view bytes) {
  return Walk(type, bytes, "", 0);
}

absl::Status DecodeRequest(absl::string_view bytes, google::protobuf::Message& message) {
  if (message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::OkStatus();
  }
  if (auto field = FindInvalidUtf8Field(*message.GetDescriptor(), bytes)) {
    return InvalidFieldError(*field, "is not valid UTF-8; send text as UTF-8");
  }
  return InvalidInputError(
      absl::StrCat("the request is not a valid ", message.GetDescriptor()->full_name()));
}

}  // namespace civicwatch
