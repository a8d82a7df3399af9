#include "services/common/wire_fields.h"

#include <utility>

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

WireMessage::WireMessage(const google::protobuf::Descriptor& type, absl::string_view bytes,
                         std::string prefix, int depth)
    : type_(type), prefix_(std::move(prefix)), ok_(ParseWireFields(bytes, depth, &fields_)) {}

void WireMessage::ForEachLengthDelimited(
    absl::FunctionRef<bool(const std::string& path,
                           const google::protobuf::FieldDescriptor* descriptor,
                           absl::string_view value)>
        visit) const {
  // Every field goes through PathOf, so that a repeated field's items are
  // numbered whatever their wire type.
  WireFieldPaths paths(type_, prefix_);
  for (int i = 0; i < fields_.field_count(); ++i) {
    const google::protobuf::UnknownField& f = fields_.field(i);
    const google::protobuf::FieldDescriptor* fd = nullptr;
    std::string path = paths.PathOf(f, &fd);
    if (f.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) continue;
    if (!visit(path, fd, f.length_delimited())) return;
  }
}

}  // namespace civicwatch
