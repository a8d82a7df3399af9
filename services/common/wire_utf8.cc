#include "services/common/wire_utf8.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "services/common/errors.h"
#include "services/common/wire_fields.h"
#include "services/text/utf8.h"

namespace civicwatch {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

std::optional<std::string> Walk(const Descriptor& type, absl::string_view bytes,
                                const std::string& prefix, int depth) {
  const WireMessage message(type, bytes, prefix, depth);
  if (!message.ok()) return std::nullopt;
  std::optional<std::string> found;
  message.ForEachLengthDelimited(
      [&](const std::string& path, const FieldDescriptor* fd, absl::string_view value) {
        if (fd == nullptr) return true;
        if (fd->type() == FieldDescriptor::TYPE_STRING) {
          if (!text::IsValidUtf8(value)) found = path;
        } else if (fd->type() == FieldDescriptor::TYPE_MESSAGE && !fd->is_map()) {
          found = Walk(*fd->message_type(), value, path, depth + 1);
        }
        return !found.has_value();
      });
  return found;
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
