#include "json_printer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/stubs/strutil.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/field_mask_util.h"
#include "google/protobuf/util/time_util.h"

namespace civicwatch::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

enum class WellKnown { kNone, kTimestamp, kDuration, kFieldMask, kOther };

WellKnown WellKnownOf(const Descriptor* type) {
  if (type->file()->package() != "google.protobuf") return WellKnown::kNone;
  if (type->full_name() == "google.protobuf.Timestamp") return WellKnown::kTimestamp;
  if (type->full_name() == "google.protobuf.Duration") return WellKnown::kDuration;
  if (type->full_name() == "google.protobuf.FieldMask") return WellKnown::kFieldMask;
  return WellKnown::kOther;
}

bool Handles(const Descriptor* type, absl::flat_hash_set<const Descriptor*>* seen) {
  switch (WellKnownOf(type)) {
    case WellKnown::kNone: break;
    case WellKnown::kOther: return false;
    default: return true;
  }
  if (!seen->insert(type).second) return true;  // a recursive type: judged where first met
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->is_map() || field->type() == FieldDescriptor::TYPE_GROUP) return false;
    if (field->message_type() != nullptr && !Handles(field->message_type(), seen)) return false;
  }
  return true;
}

// Code points protobuf's printer writes as \uXXXX besides the ASCII ones:
// C1 controls, the soft hyphen, and characters that format text without
// showing (Arabic number signs, zero-width and direction marks, the byte
// order mark, interlinear annotation).
bool EscapedAboveAscii(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || c == 0xAD || (c >= 0x600 && c <= 0x603) || c == 0x6DD ||
         c == 0x70F || c == 0x17B4 || c == 0x17B5 || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x206A && c <= 0x206F) ||
         c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB);
}

void AppendUnicodeEscape(char32_t c, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char escape[6] = {'\\', 'u', kHex[(c >> 12) & 0xF], kHex[(c >> 8) & 0xF], kHex[(c >> 4) & 0xF],
                          kHex[c & 0xF]};
  out->append(escape, 6);
}

// A float or double as protobuf prints it: the shortest text that reads
// back to the same value, or a quoted name for infinities and NaN.
template <typename Float>
void AppendFloat(Float value, std::string* out) {
  if (std::isnan(value)) {
    out->append("\"NaN\"");
  } else if (std::isinf(value)) {
    out->append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  } else if constexpr (sizeof(Float) == sizeof(float)) {
    out->append(google::protobuf::SimpleFtoa(value));
  } else {
    out->append(google::protobuf::SimpleDtoa(value));
  }
}

// Where printed text goes: appended to `text`, which is written out to
// `stream` (when there is one) each time it has grown past kFlushBytes at
// the end of an element of a repeated field, so that a long list is never
// held whole.
struct Output {
  static constexpr size_t kFlushBytes = 64 * 1024;
  std::string* text;
  std::ostream* stream = nullptr;

  void FlushIfLong() {
    if (stream == nullptr || text->size() < kFlushBytes) return;
    stream->write(text->data(), static_cast<std::streamsize>(text->size()));
    text->clear();
  }
};

bool PrintMessage(const Message& message, Output& out);

// A message type's fields in field-number order (the order protobuf's
// printer takes them in), each with its key as printed ("\"displayName\":")
// and, for a message field, which well-known type it holds.
struct FieldPlan {
  const FieldDescriptor* field;
  std::string key;
  WellKnown well_known;
};
const std::vector<FieldPlan>& PlanOf(const Descriptor* type) {
  // Node-based: a plan stays where it is while the plans of the message
  // fields printed inside it are added.
  thread_local absl::node_hash_map<const Descriptor*, std::vector<FieldPlan>> plans;
  auto [it, added] = plans.try_emplace(type);
  if (added) {
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      const WellKnown well_known =
          field->message_type() == nullptr ? WellKnown::kNone : WellKnownOf(field->message_type());
      it->second.push_back({field, absl::StrCat("\"", field->json_name(), "\":"), well_known});
    }
    std::sort(it->second.begin(), it->second.end(),
              [](const FieldPlan& a, const FieldPlan& b) { return a.field->number() < b.field->number(); });
  }
  return it->second;
}

bool PrintWellKnown(const Message& message, WellKnown kind, std::string* out) {
  using google::protobuf::util::TimeUtil;
  std::string text;
  switch (kind) {
    case WellKnown::kTimestamp: {
      google::protobuf::Timestamp ts;
      ts.CopyFrom(message);
      if (ts.seconds() < TimeUtil::kTimestampMinSeconds || ts.seconds() > TimeUtil::kTimestampMaxSeconds ||
          ts.nanos() < 0 || ts.nanos() > 999999999) {
        return false;
      }
      text = TimeUtil::ToString(ts);
      break;
    }
    case WellKnown::kDuration: {
      google::protobuf::Duration d;
      d.CopyFrom(message);
      if (d.seconds() < TimeUtil::kDurationMinSeconds || d.seconds() > TimeUtil::kDurationMaxSeconds ||
          d.nanos() <= -1000000000 || d.nanos() >= 1000000000 ||
          (d.seconds() < 0 && d.nanos() > 0) || (d.seconds() > 0 && d.nanos() < 0)) {
        return false;
      }
      text = TimeUtil::ToString(d);
      break;
    }
    case WellKnown::kFieldMask: {
      google::protobuf::FieldMask mask;
      mask.CopyFrom(message);
      if (!google::protobuf::util::FieldMaskUtil::ToJsonString(mask, &text)) return false;
      break;
    }
    default:
      return false;
  }
  PrintJsonString(text, out);
  return true;
}

// One value of `plan`'s field: element `index` of a repeated field, or the
// field's value when `index` is -1.
bool PrintValue(const Message& message, const Reflection& r, const FieldPlan& plan, int index,
                Output& output) {
  std::string* out = output.text;
  const FieldDescriptor* field = plan.field;
  const bool one = index < 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      absl::StrAppend(out, one ? r.GetInt32(message, field) : r.GetRepeatedInt32(message, field, index));
      return true;
    case FieldDescriptor::CPPTYPE_UINT32:
      absl::StrAppend(out, one ? r.GetUInt32(message, field) : r.GetRepeatedUInt32(message, field, index));
      return true;
    case FieldDescriptor::CPPTYPE_INT64:
      // 64-bit integers are strings: JSON numbers lose precision past 2^53.
      absl::StrAppend(out, "\"", one ? r.GetInt64(message, field) : r.GetRepeatedInt64(message, field, index),
                      "\"");
      return true;
    case FieldDescriptor::CPPTYPE_UINT64:
      absl::StrAppend(out, "\"",
                      one ? r.GetUInt64(message, field) : r.GetRepeatedUInt64(message, field, index), "\"");
      return true;
    case FieldDescriptor::CPPTYPE_BOOL:
      out->append((one ? r.GetBool(message, field) : r.GetRepeatedBool(message, field, index)) ? "true"
                                                                                                 : "false");
      return true;
    case FieldDescriptor::CPPTYPE_FLOAT:
      AppendFloat(one ? r.GetFloat(message, field) : r.GetRepeatedFloat(message, field, index), out);
      return true;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      AppendFloat(one ? r.GetDouble(message, field) : r.GetRepeatedDouble(message, field, index), out);
      return true;
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int number = one ? r.GetEnumValue(message, field) : r.GetRepeatedEnumValue(message, field, index);
      const auto* value = field->enum_type()->FindValueByNumber(number);
      if (value == nullptr) {
        absl::StrAppend(out, number);  // a value this build does not know
      } else {
        absl::StrAppend(out, "\"", value->name(), "\"");
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& value = one ? r.GetStringReference(message, field, &scratch)
                                     : r.GetRepeatedStringReference(message, field, index, &scratch);
      if (field->type() == FieldDescriptor::TYPE_BYTES) {
        absl::StrAppend(out, "\"", absl::Base64Escape(value), "\"");
      } else {
        PrintJsonString(value, out);
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Message& value = one ? r.GetMessage(message, field) : r.GetRepeatedMessage(message, field, index);
      return plan.well_known == WellKnown::kNone ? PrintMessage(value, output)
                                                 : PrintWellKnown(value, plan.well_known, out);
    }
  }
  return false;
}

// Whether singular `field`, which has no presence of its own (a proto3
// scalar), holds other than its default value: what protobuf's printer
// asks of it, read here with the one call that reads the value.
bool NotDefault(const Message& message, const Reflection& r, const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: return r.GetInt32(message, field) != 0;
    case FieldDescriptor::CPPTYPE_UINT32: return r.GetUInt32(message, field) != 0;
    case FieldDescriptor::CPPTYPE_INT64: return r.GetInt64(message, field) != 0;
    case FieldDescriptor::CPPTYPE_UINT64: return r.GetUInt64(message, field) != 0;
    case FieldDescriptor::CPPTYPE_BOOL: return r.GetBool(message, field);
    case FieldDescriptor::CPPTYPE_ENUM: return r.GetEnumValue(message, field) != 0;
    // By the bits, as protobuf judges them: -0.0 is not the default.
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const float v = r.GetFloat(message, field);
      return v != 0 || std::signbit(v);
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      const double v = r.GetDouble(message, field);
      return v != 0 || std::signbit(v);
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      return !r.GetStringReference(message, field, &scratch).empty();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: return r.HasField(message, field);
  }
  return false;
}

bool PrintMessage(const Message& message, Output& output) {
  std::string* out = output.text;
  const Reflection& r = *message.GetReflection();
  out->push_back('{');
  bool first = true;
  for (const FieldPlan& plan : PlanOf(message.GetDescriptor())) {
    const FieldDescriptor* field = plan.field;
    // Present as protobuf's printer judges it: a repeated field with
    // elements; a singular one set, or (proto3 without presence) not its
    // default value.
    const int size = field->is_repeated() ? r.FieldSize(message, field) : 0;
    if (field->is_repeated()) {
      if (size == 0) continue;
    } else if (field->has_presence() ? !r.HasField(message, field) : !NotDefault(message, r, field)) {
      continue;
    }
    if (!first) out->push_back(',');
    first = false;
    out->append(plan.key);
    if (!field->is_repeated()) {
      if (!PrintValue(message, r, plan, -1, output)) return false;
      continue;
    }
    out->push_back('[');
    for (int k = 0; k < size; ++k) {
      if (k > 0) out->push_back(',');
      if (!PrintValue(message, r, plan, k, output)) return false;
      output.FlushIfLong();
    }
    out->push_back(']');
  }
  out->push_back('}');
  return true;
}

}  // namespace

bool JsonPrinterHandles(const Descriptor* type) {
  static absl::Mutex mu(absl::kConstInit);
  static auto* judged = new absl::flat_hash_map<const Descriptor*, bool>;
  absl::MutexLock lock(&mu);
  auto it = judged->find(type);
  if (it != judged->end()) return it->second;
  absl::flat_hash_set<const Descriptor*> seen;
  const bool handles = WellKnownOf(type) == WellKnown::kNone && Handles(type, &seen);
  judged->emplace(type, handles);
  return handles;
}

bool PrintJson(const Message& message, std::string* out) {
  Output output{out};
  return PrintMessage(message, output);
}

bool WriteJson(const Message& message, std::ostream& out) {
  std::string text;
  Output output{&text, &out};
  const bool printed = PrintMessage(message, output);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return printed;
}

void PrintJsonString(const std::string& value, std::string* out) {
  // Bytes that may need an escape: ASCII controls, the quote (0x22),
  // backslash (0x5C), "<" and ">" (0x3C, 0x3E), DEL, and the lead bytes of
  // the escaped characters above ASCII (U+0080 to U+00AD, U+0600 to
  // U+070F, U+17B4, U+2000 to U+206F, U+FE00 to U+FFFF). Everything else,
  // Cyrillic included, is copied as it is.
  static const auto* const kAttention = [] {
    auto* table = new std::array<bool, 256>{};
    for (int b = 0; b < 0x20; ++b) (*table)[b] = true;
    for (int b : {0x22, 0x5C, 0x3C, 0x3E, 0x7F, 0xC2, 0xD8, 0xDB, 0xDC, 0xE1, 0xE2, 0xEF}) (*table)[b] = true;
    return table;
  }();
  out->reserve(out->size() + value.size() + 2);
  out->push_back('"');
  const size_t n = value.size();
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  while (i < n) {
    const auto byte = static_cast<unsigned char>(value[i]);
    if (!(*kAttention)[byte]) {
      ++i;
      continue;
    }
    if (byte >= 0x80) {
      // Decode only to find the few escaped code points.
      char32_t c = 0;
      size_t length = 2;
      if (byte < 0xE0) {
        if (i + 1 < n) c = (byte & 0x1F) << 6 | (static_cast<unsigned char>(value[i + 1]) & 0x3F);
      } else {
        length = 3;
        if (i + 2 < n) {
          c = (byte & 0x0F) << 12 | (static_cast<unsigned char>(value[i + 1]) & 0x3F) << 6 |
              (static_cast<unsigned char>(value[i + 2]) & 0x3F);
        }
      }
      if (c != 0 && EscapedAboveAscii(c)) {
        out->append(value, run, i - run);
        AppendUnicodeEscape(c, out);
        run = i + length;
      }
      i += length;
      continue;
    }
    out->append(value, run, i - run);
    switch (byte) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: AppendUnicodeEscape(byte, out); break;
    }
    ++i;
    run = i;
  }
  out->append(value, run, n - run);
  out->push_back('"');
}

}  // namespace civicwatch::cli
