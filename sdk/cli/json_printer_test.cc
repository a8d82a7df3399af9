#include "json_printer.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <sstream>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

#include "civicwatch/v1/admin.pb.h"
#include "civicwatch/v1/ingest.pb.h"
#include "civicwatch/v1/types.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "json.h"

namespace civicwatch::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::string ProtobufJson(const Message& message) {
  std::string out;
  const auto status = google::protobuf::util::MessageToJsonString(message, &out);
  return status.ok() ? out : "error: " + status.ToString();
}

std::string OurJson(const Message& message) {
  std::string out;
  return PrintJson(message, &out) ? out : "refused";
}

// Values chosen to reach every branch of the mapping: extremes, numbers
// with and without a fraction, escapes of every kind, text in Cyrillic and
// beyond the Basic Multilingual Plane.
constexpr char kControls[] = "tab\tnew\nline\r feed\f bell\x07 nul\0 del\x7f";

const std::vector<std::string>& Strings() {
  static const auto* values = new std::vector<std::string>{
      "plain", "quote \" back \\ slash / solidus", "<b>&amp;</b> 'apostrophe'",
      std::string(kControls, sizeof kControls - 1), "Кириллица: ёлка, Ё",
      "soft\u00ADhyphen zero\u200Bwidth line\u2028sep bom\uFEFF rlm\u200F", "emoji \U0001F600 han 漢字",
      "\u0600\u06DD\u070F\u17B4\u2060\u206A\uFFF9 \u0080\u009F"};
  return *values;
}

void Fill(Message* message, int depth, int variant);

void SetScalar(Message* message, const FieldDescriptor* f, int k) {
  const Reflection* r = message->GetReflection();
  const bool repeated = f->is_repeated();
  auto pick = [k](auto values) { return values[static_cast<size_t>(k) % values.size()]; };
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      const int32_t v = pick(std::vector<int32_t>{-1, 7, std::numeric_limits<int32_t>::max(),
                                                  std::numeric_limits<int32_t>::min(), 0});
      repeated ? r->AddInt32(message, f, v) : r->SetInt32(message, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      const int64_t v = pick(std::vector<int64_t>{-1, 9007199254740993LL, std::numeric_limits<int64_t>::min(), 42, 0});
      repeated ? r->AddInt64(message, f, v) : r->SetInt64(message, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      const uint32_t v = pick(std::vector<uint32_t>{1, std::numeric_limits<uint32_t>::max(), 0});
      repeated ? r->AddUInt32(message, f, v) : r->SetUInt32(message, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      const uint64_t v = pick(std::vector<uint64_t>{1, std::numeric_limits<uint64_t>::max(), 0});
      repeated ? r->AddUInt64(message, f, v) : r->SetUInt64(message, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      const double v = pick(std::vector<double>{0.1, 1e21, -2.5e-8, 3, 123456.789, 1e-7, 5e-324,
                                                std::numeric_limits<double>::max(), 0.95, std::nan(""),
                                                std::numeric_limits<double>::infinity(), -0.0});
      repeated ? r->AddDouble(message, f, v) : r->SetDouble(message, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const float v = pick(std::vector<float>{0.1f, 3.0f, 1e10f, -1.5e-5f, 0.95f, std::nanf(""),
                                              -std::numeric_limits<float>::infinity()});
      repeated ? r->AddFloat(message, f, v) : r->SetFloat(message, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      const bool v = k % 3 != 2;
      repeated ? r->AddBool(message, f, v) : r->SetBool(message, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* type = f->enum_type();
      // Now and then a number this build does not know.
      const int v = k % 5 == 4 ? 999 : type->value(k % type->value_count())->number();
      repeated ? r->AddEnumValue(message, f, v) : r->SetEnumValue(message, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string v = f->type() == FieldDescriptor::TYPE_BYTES ? std::string("\x00\x01\xff bytes", 9)
                                                               : Strings()[static_cast<size_t>(k) % Strings().size()];
      repeated ? r->AddString(message, f, std::move(v)) : r->SetString(message, f, std::move(v));
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
}

void FillWellKnown(Message* message, int variant) {
  const std::string& name = message->GetDescriptor()->full_name();
  const Reflection* r = message->GetReflection();
  const Descriptor* d = message->GetDescriptor();
  if (name == "google.protobuf.FieldMask") {
    for (const char* path : {"display_name", "date.month", "participants"}) {
      r->AddString(message, d->FindFieldByName("paths"), path);
    }
    return;
  }
  const std::vector<int64_t> seconds = {1544140800, 0, -62135596800, 253402300799, 86400};
  const std::vector<int32_t> nanos = {0, 123000000, 123456000, 123456789, 1};
  int64_t s = seconds[static_cast<size_t>(variant) % seconds.size()];
  int32_t n = nanos[static_cast<size_t>(variant) % nanos.size()];
  if (name == "google.protobuf.Duration") {
    s = s % 315576000000LL;
    if (variant % 2 == 1) {
      s = -s;
      n = -n;
    }
  }
  r->SetInt64(message, d->FindFieldByName("seconds"), s);
  r->SetInt32(message, d->FindFieldByName("nanos"), n);
}

void Fill(Message* message, int depth, int variant) {
  const Descriptor* d = message->GetDescriptor();
  if (d->file()->package() == "google.protobuf") {
    FillWellKnown(message, variant);
    return;
  }
  const Reflection* r = message->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    // Each variant sets another member of a oneof.
    if (f->real_containing_oneof() != nullptr &&
        f->index_in_oneof() != variant % f->real_containing_oneof()->field_count()) {
      continue;
    }
    const int k = variant + i;
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      SetScalar(message, f, k);
      if (f->is_repeated()) SetScalar(message, f, k + 1);
      continue;
    }
    if (depth >= 3) continue;
    if (f->is_repeated()) {
      Fill(r->AddMessage(message, f), depth + 1, k);
      Fill(r->AddMessage(message, f), depth + 1, k + 1);
    } else {
      Fill(r->MutableMessage(message, f), depth + 1, k);
    }
  }
}

// Every message type in civicwatch's protos.
std::vector<const Descriptor*> CivicwatchTypes() {
  std::vector<const Descriptor*> types;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const char* file : {"civicwatch/v1/admin.proto", "civicwatch/v1/feed.proto", "civicwatch/v1/ingest.proto",
                           "civicwatch/v1/query.proto", "civicwatch/v1/snapshot.proto",
                           "civicwatch/v1/types.proto"}) {
    const auto* fd = pool->FindFileByName(file);
    if (fd == nullptr) continue;  // a service not linked into this test
    for (int i = 0; i < fd->message_type_count(); ++i) types.push_back(fd->message_type(i));
  }
  return types;
}

TEST(JsonPrinterTest, EveryCivicwatchTypePrintsAsProtobufPrintsIt) {
  const auto types = CivicwatchTypes();
  ASSERT_GT(types.size(), 20u);
  int compared = 0, refused = 0;
  for (const Descriptor* type : types) {
    if (!JsonPrinterHandles(type)) continue;
    for (int variant = 0; variant < 12; ++variant) {
      std::unique_ptr<Message> message(
          google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
      Fill(message.get(), 0, variant);
      const std::string want = ProtobufJson(*message);
      const std::string got = OurJson(*message);
      ++compared;
      if (got == "refused") {
        // Left to protobuf (a Duration whose parts differ in sign, a time
        // out of range): ToJson prints what protobuf prints, or "{}".
        ++refused;
        EXPECT_EQ(ToJson(*message), want.rfind("error:", 0) == 0 ? "{}" : want) << type->full_name();
        continue;
      }
      EXPECT_EQ(got, want) << type->full_name() << " variant " << variant;
      EXPECT_EQ(ToJson(*message), want) << type->full_name() << " variant " << variant;
    }
  }
  EXPECT_GT(compared, 200);
  // The printer itself prints nearly all of them.
  EXPECT_LT(refused * 20, compared);
}

TEST(JsonPrinterTest, EveryBasicPlaneCharacterIsEscapedAsProtobufEscapesIt) {
  // 256 code points a message, each between letters, across the plane
  // (surrogates are not characters) and a stretch beyond it.
  for (char32_t block = 0; block < 0x11000; block += 0x100) {
    if (block >= 0xD800 && block < 0xE000) continue;
    if (block >= 0x10000 && block < 0x10F00) block = 0x10F00;
    std::string text;
    for (char32_t c = block == 0 ? 1 : block; c < block + 0x100; ++c) {
      text.push_back('a');
      if (c < 0x80) {
        text.push_back(static_cast<char>(c));
      } else if (c < 0x800) {
        text.push_back(static_cast<char>(0xC0 | (c >> 6)));
        text.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      } else if (c < 0x10000) {
        text.push_back(static_cast<char>(0xE0 | (c >> 12)));
        text.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        text.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      } else {
        text.push_back(static_cast<char>(0xF0 | (c >> 18)));
        text.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        text.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        text.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
    }
    v1::Report report;
    report.set_body(text);
    ASSERT_EQ(OurJson(report), ProtobufJson(report)) << "block " << std::hex << block;
  }
}

// A thread's first message nests types it has not printed yet: their
// plans are made while the outer message is being printed.
TEST(JsonPrinterTest, NestedTypesPrintOnAFreshThread) {
  v1::NormalizeReportResponse response;
  response.mutable_report()->set_title("Kazakhstan: update");
  response.mutable_report()->mutable_coverage_start()->set_year(2023);
  for (int k = 0; k < 3; ++k) {
    v1::Event* event = response.add_events();
    event->set_summary("Police detained Marat Zhylanbayev.");
    event->mutable_date()->set_year(2023);
    event->set_category(v1::CATEGORY_DETENTION);
    v1::Participant* p = event->add_participants();
    p->set_display_name("Marat Zhylanbayev");
    p->set_role(v1::ROLE_VICTIM);
    event->add_provenance()->set_start_offset(10 * k);
  }
  response.add_warnings()->set_code("NO_COUNTRY");
  std::string got;
  std::thread printer([&] { got = OurJson(response); });
  printer.join();
  EXPECT_EQ(got, ProtobufJson(response));
}

// A proto3 scalar without presence is printed when it is not its default
// value, judged by its bits: -0.0 is printed, 0.0 is not.
TEST(JsonPrinterTest, NegativeZeroIsPrintedAndZeroIsNot) {
  v1::MergeCandidate candidate;
  candidate.set_score(-0.0);
  EXPECT_EQ(OurJson(candidate), ProtobufJson(candidate));
  EXPECT_NE(OurJson(candidate), "{}");
  candidate.set_score(0.0);
  EXPECT_EQ(OurJson(candidate), ProtobufJson(candidate));
  EXPECT_EQ(OurJson(candidate), "{}");
}

TEST(JsonPrinterTest, ValuesProtobufRefusesAreRefused) {
  v1::Event event;
  event.mutable_create_time()->set_seconds(253402300800);  // year 10000
  EXPECT_EQ(OurJson(event), "refused");
  EXPECT_EQ(ToJson(event), ProtobufJson(event).rfind("error:", 0) == 0 ? "{}" : ProtobufJson(event));
}

TEST(JsonPrinterTest, TypesItCannotPrintAreLeftToProtobuf) {
  EXPECT_FALSE(JsonPrinterHandles(google::protobuf::Struct::descriptor()));
  EXPECT_FALSE(JsonPrinterHandles(google::protobuf::Value::descriptor()));
  EXPECT_TRUE(JsonPrinterHandles(v1::Event::descriptor()));
  google::protobuf::Struct s;
  (*s.mutable_fields())["name"].set_string_value("Djakupova");
  EXPECT_EQ(ToJson(s), ProtobufJson(s));
}

// A stream that keeps what is written to it and how many writes it took.
class CountingBuffer : public std::streambuf {
 public:
  std::string text;
  int writes = 0;

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    text.append(s, static_cast<size_t>(n));
    ++writes;
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      text.push_back(static_cast<char>(c));
      ++writes;
    }
    return c;
  }
};

// A long list is written as it is printed, in pieces, and the pieces make
// exactly what PrintJson gives.
TEST(JsonPrinterTest, ALongMessageIsWrittenInPiecesThatMakeTheSameJson) {
  v1::NormalizeReportResponse response;
  response.mutable_report()->set_title("Belarus: update");
  for (int k = 0; k < 2000; ++k) {
    v1::Event* event = response.add_events();
    event->set_summary("On 3 March the KGB detained \"Viasna\" volunteer Ales Kaliada in Hrodna.");
    event->mutable_date()->set_year(2021);
    event->set_category(v1::CATEGORY_DETENTION);
    event->add_participants()->set_display_name("Ales Kaliada");
    event->add_provenance()->set_start_offset(100 * k);
  }
  const std::string whole = OurJson(response);
  ASSERT_GT(whole.size(), 3u * 64 * 1024);
  CountingBuffer buffer;
  std::ostream out(&buffer);
  ASSERT_TRUE(WriteJson(response, out));
  EXPECT_EQ(buffer.text, whole);
  EXPECT_GE(buffer.writes, 3);

  std::ostringstream line;
  ASSERT_TRUE(WriteJsonLine(response, line));
  EXPECT_EQ(line.str(), ToJson(response) + "\n");
}

TEST(JsonPrinterTest, AWriteOfAValueProtobufRefusesSaysSo) {
  v1::NormalizeReportResponse response;
  response.add_events()->mutable_create_time()->set_seconds(253402300800);  // year 10000
  std::ostringstream out;
  EXPECT_FALSE(WriteJson(response, out));
  std::ostringstream line;
  EXPECT_FALSE(WriteJsonLine(response, line));
  google::protobuf::Struct s;  // left to protobuf, which prints it
  (*s.mutable_fields())["name"].set_string_value("Djakupova");
  std::ostringstream struct_line;
  EXPECT_TRUE(WriteJsonLine(s, struct_line));
  EXPECT_EQ(struct_line.str(), ProtobufJson(s) + "\n");
}

}  // namespace
}  // namespace civicwatch::cli
