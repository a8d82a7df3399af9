#include "json.h"

#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"

namespace civicwatch::cli {

std::string ToJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;  // Compact, one line.
  if (!google::protobuf::util::MessageToJsonString(message, &out, options).ok()) {
    return "{}";
  }
  return out;
}

std::string JsonString(const std::string& value) {
  std::string out = "\"";
  for (unsigned char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace civicwatch::cli
