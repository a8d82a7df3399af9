#include "services/common/request_size.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/unknown_field_set.h"
#include "services/common/errors.h"
#include "services/common/wire_fields.h"

namespace civicwatch {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// The path of the largest field in `bytes`, descending into messages.
std::string LargestField(const Descriptor& type, absl::string_view bytes,
                         const std::string& prefix, int depth) {
  UnknownFieldSet fields;
  if (!ParseWireFields(bytes, depth, &fields)) return prefix.empty() ? "request" : prefix;
  WireFieldPaths paths(type, prefix);
  const UnknownField* largest = nullptr;
  std::string largest_path;
  const FieldDescriptor* largest_descriptor = nullptr;
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& f = fields.field(i);
    const FieldDescriptor* fd = nullptr;
    std::string path = paths.PathOf(f, &fd);
    if (f.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    if (largest != nullptr && f.length_delimited().size() <= largest->length_delimited().size()) {
      continue;
    }
    largest = &f;
    largest_descriptor = fd;
    largest_path = std::move(path);
  }
  if (largest == nullptr) return prefix.empty() ? "request" : prefix;
  if (largest_descriptor != nullptr && largest_descriptor->type() == FieldDescriptor::TYPE_MESSAGE &&
      !largest_descriptor->is_map()) {
    return LargestField(*largest_descriptor->message_type(), largest->length_delimited(),
                        largest_path, depth + 1);
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
