// Messages as JSON in the proto3 JSON mapping (lowerCamelCase field names,
// enum values by name, default values left out).
#ifndef CIVICWATCH_SDK_CLI_JSON_H_
#define CIVICWATCH_SDK_CLI_JSON_H_

#include <ostream>
#include <string>

#include "google/protobuf/message.h"

namespace civicwatch::cli {

// The message as one line of JSON, without a newline. A message that
// cannot be printed (never for civicwatch's own types) gives "{}".
std::string ToJson(const google::protobuf::Message& message);

// Writes ToJson(message) and a newline to `out`, printing a long message
// as it goes rather than holding it whole. Returns false, having written
// part of the message, for a message that cannot be printed (never for
// civicwatch's own types).
bool WriteJsonLine(const google::protobuf::Message& message, std::ostream& out);

// A string as a JSON string literal, quotes included; "" for text that is
// not UTF-8 (the CLI quotes only what servers sent, which always is).
std::string JsonString(const std::string& value);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_JSON_H_
