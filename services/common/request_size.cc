#include "services/common/request_size.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/wire_fields.h"

namespace civicwatch {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// The path of the largest field in `bytes`, descending into messages.
std::string LargestField(const Descriptor& type, absl::string_view bytes,
                         const std::string& prefix, int depth) {
  const WireMessage message(type, bytes, prefix, depth);
  if (!message.ok()) return prefix.empty() ? "request" : prefix;
  std::optional<absl::string_view> largest;
  std::string largest_path;
  const FieldDescriptor* largest_descriptor = nullptr;
  message.ForEachLengthDelimited(
      [&](const std::string& path, const FieldDescriptor* fd, absl::string_view value) {
        if (!largest.has_value() || value.size() > largest->size()) {
          largest = value;
          largest_descriptor = fd;
          largest_path = path;
        }
        return true;
      });
  if (!largest.has_value()) return prefix.empty() ? "request" : prefix;
  if (largest_descriptor != nullptr && largest_descriptor->type() == FieldDescriptor::TYPE_MESSAGE &&
      !largest_descriptor->is_map()) {
    return LargestField(*largest_descriptor->message_type(), *largest, largest_path, depth + 1);
  }
  return largest_path;
}

}  // namespace

std::string DescribeBytes(size_t bytes) {
  if (bytes % (size_t{1} << 20) == 0) {
    return absl::StrCat(bytes >> 20, " MiB (", bytes, " bytes)");
  }
  return absl::StrCat(bytes, " bytes");
}

absl::Status CheckRequestSize(const Descriptor& type, absl::string_view bytes, size_t limit) {
  if (bytes.size() <= limit) return absl::OkStatus();
  return TooLargeError(LargestField(type, bytes, "", 0),
                       absl::StrCat(DescribeBytes(limit), " for a whole ", type.name(),
                                    ", which is ", bytes.size(), " bytes"));
}

absl::Status CheckRequestSize(const google::protobuf::Message& message, size_t limit) {
  if (message.ByteSizeLong() <= limit) return absl::OkStatus();
  return CheckRequestSize(*message.GetDescriptor(), message.SerializeAsString(), limit);
}

}  // namespace civicwatch
