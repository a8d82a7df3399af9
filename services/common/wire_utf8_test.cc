#include "services/common/wire_utf8.h"

#include "civicwatch/v1/ingest.pb.h"
#include "gtest/gtest.h"
#include "services/common/errors.h"

namespace civicwatch {
namespace {

// Serialises a request whose string fields were set byte by byte, as a
// client in a language without UTF-8 checks could send it.
std::string WireWithBadBytes(bool in_publishers) {
  v1::CreateReportRequest req;
  req.set_request_id("r1");
  req.mutable_report()->set_body("fine");
  req.mutable_report()->add_publishers("ok");
  // The library would refuse to encode these bytes in a string field, so
  // build the message with them in a bytes-compatible way: encode a valid
  // placeholder and patch it.
  if (in_publishers) {
    req.mutable_report()->add_publishers("XX");
  } else {
    req.mutable_report()->set_body("XX");
  }
  std::string wire = req.SerializeAsString();
  size_t at = wire.find("XX");
  wire[at] = '\xff';
  wire[at + 1] = '\xfe';
  return wire;
}

TEST(WireUtf8Test, NamesTheFieldWithBadBytes) {
  EXPECT_EQ(FindInvalidUtf8Field(*v1::CreateReportRequest::descriptor(), WireWithBadBytes(false)),
            "report.body");
  EXPECT_EQ(FindInvalidUtf8Field(*v1::CreateReportRequest::descriptor(), WireWithBadBytes(true)),
            "report.publishers[1]");
}

TEST(WireUtf8Test, DecodeRequestTurnsBadUtf8IntoInvalidArgument) {
  v1::CreateReportRequest req;
  absl::Status s = DecodeRequest(WireWithBadBytes(false), req);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(FieldViolationsOf(s).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(s)[0].first, "report.body");
}

TEST(WireUtf8Test, GoodAndGarbageBytes) {
  v1::CreateReportRequest good;
  good.mutable_report()->set_body("Джакупова");
  v1::CreateReportRequest out;
  EXPECT_TRUE(DecodeRequest(good.SerializeAsString(), out).ok());
  EXPECT_EQ(out.report().body(), "Джакупова");
  EXPECT_FALSE(DecodeRequest("\x0a\xff\xff\xff", out).ok());
}

}  // namespace
}  // namespace civicwatch
