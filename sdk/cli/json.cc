#include "json.h"

#include "google/protobuf/struct.pb.h"
#include "json_printer.h"
#include "google/protobuf/util/json_util.h"

namespace civicwatch::cli {

std::string ToJson(const google::protobuf::Message& message) {
  std::string out;
  if (JsonPrinterHandles(message.GetDescriptor())) {
    if (PrintJson(message, &out)) return out;
    out.clear();
  }
  google::protobuf::util::JsonPrintOptions options;  // Compact, one line.
  if (!google::protobuf::util::MessageToJsonString(message, &out, options).ok()) {
    return "{}";
  }
  return out;
}

bool WriteJsonLine(const google::protobuf::Message& message, std::ostream& out) {
  if (JsonPrinterHandles(message.GetDescriptor())) {
    if (!WriteJson(message, out)) return false;
    out << "\n";
    return true;
  }
  const std::string text = ToJson(message);
  out << text << "\n";
  return text != "{}" || message.ByteSizeLong() == 0;
}

std::string JsonString(const std::string& value) {
  // protobuf's JSON printer does the escaping: a string Value prints as a
  // JSON string literal.
  google::protobuf::Value literal;
  literal.set_string_value(value);
  std::string out;
  if (!google::protobuf::util::MessageToJsonString(literal, &out).ok()) return "\"\"";
  return out;
}

}  // namespace civicwatch::cli
