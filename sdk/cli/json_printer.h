// The proto3 JSON mapping printed straight from a message's reflection.
//
// protobuf's own printer (util/json_util.h) serialises the message, then
// reads it back through a type resolver; on the CLI's largest outputs (a
// long report's events) that costs as much as a sixth of normalising the
// report. This printer walks the message once and writes the same bytes,
// for the kinds of fields civicwatch's messages have: scalars, enums,
// strings and bytes, nested and repeated messages, and the well-known
// Timestamp, Duration and FieldMask. A message type with anything else
// (maps, Any, Struct, Value, wrappers) is left to protobuf's printer.
#ifndef CIVICWATCH_SDK_CLI_JSON_PRINTER_H_
#define CIVICWATCH_SDK_CLI_JSON_PRINTER_H_

#include <ostream>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace civicwatch::cli {

// True when PrintJson can print messages of `type` (and every type they
// hold). The answer is computed once per type.
bool JsonPrinterHandles(const google::protobuf::Descriptor* type);

// Appends `message` as compact JSON, as protobuf's MessageToJsonString with
// default options would print it, and returns true; false (with part of
// the message appended) for a value protobuf refuses too: a Timestamp or
// Duration out of range, a FieldMask path it cannot name. Only for a type
// JsonPrinterHandles.
bool PrintJson(const google::protobuf::Message& message, std::string* out);

// Writes to `out` what PrintJson would append, in pieces of some 64 KB as
// they are printed, so that a long output (a long report's events) is
// never held whole. Returns false, with part of the message written, where
// PrintJson does.
bool WriteJson(const google::protobuf::Message& message, std::ostream& out);

// Appends `value` as a JSON string literal, quotes included, escaped as
// protobuf's printer escapes (control characters, quotes, backslash, "<"
// and ">", and invisible format characters as \uXXXX). `value` is UTF-8.
void PrintJsonString(const std::string& value, std::string* out);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_JSON_PRINTER_H_
