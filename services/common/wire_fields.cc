#include "services/common/wire_fields.h"

#include "absl/strings/str_cat.h"

namespace civicwatch {

bool ParseWireFields(absl::string_view bytes, int depth, google::protobuf::UnknownFieldSet* fields) {
  return depth <= kMaxWireDepth &&
         fields->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

std::string WireFieldPaths::PathOf(const google::protobuf::UnknownField& field,
                                   const google::protobuf::FieldDescriptor** descriptor) {
  const int index = seen_[field.number()]++;
  const google::protobuf::FieldDescriptor* fd = type_.FindFieldByNumber(field.number());
  *descriptor = fd;
  std::string path = absl::StrCat(prefix_, prefix_.empty() ? "" : ".",
                                  fd == nullptr ? absl::StrCat("field ", field.number()) : fd->name());
  if (fd != nullptr && fd->is_repeated()) absl::StrAppend(&path, "[", index, "]");
  return path;
}

}  // namespace civicwatch
