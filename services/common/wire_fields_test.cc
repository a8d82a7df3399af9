#include "services/common/wire_fields.h"

#include <string>
#include <vector>

#include "civicwatch/v1/ingest.pb.h"
#include "gtest/gtest.h"

namespace civicwatch {
namespace {

TEST(WireFieldsTest, PathsNameFieldsAndIndexRepeatedOnes) {
  v1::Report report;
  report.set_body("text");
  report.add_publishers("a");
  report.add_publishers("b");
  google::protobuf::UnknownFieldSet fields;
  ASSERT_TRUE(ParseWireFields(report.SerializeAsString(), 0, &fields));
  WireFieldPaths paths(*v1::Report::descriptor(), "report");
  std::vector<std::string> seen;
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::FieldDescriptor* fd = nullptr;
    seen.push_back(paths.PathOf(fields.field(i), &fd));
    EXPECT_NE(fd, nullptr);
  }
  // Serialised in field number order: publishers (6) before body (10).
  EXPECT_EQ(seen, (std::vector<std::string>{"report.publishers[0]", "report.publishers[1]",
                                            "report.body"}));
}

TEST(WireFieldsTest, AnUnknownFieldIsNamedByNumber) {
  google::protobuf::UnknownFieldSet unknown;
  unknown.AddLengthDelimited(999, "x");
  std::string bytes;
  ASSERT_TRUE(unknown.SerializeToString(&bytes));
  google::protobuf::UnknownFieldSet fields;
  ASSERT_TRUE(ParseWireFields(bytes, 0, &fields));
  WireFieldPaths paths(*v1::Report::descriptor(), "");
  const google::protobuf::FieldDescriptor* fd = nullptr;
  EXPECT_EQ(paths.PathOf(fields.field(0), &fd), "field 999");
  EXPECT_EQ(fd, nullptr);
}

TEST(WireFieldsTest, RefusesWhatIsNoMessageAndNestingPastTheLimit) {
  google::protobuf::UnknownFieldSet fields;
  EXPECT_FALSE(ParseWireFields("\xff\xff\xff", 0, &fields));
  EXPECT_FALSE(ParseWireFields("", kMaxWireDepth + 1, &fields));
  EXPECT_TRUE(ParseWireFields("", kMaxWireDepth, &fields));
}

}  // namespace
}  // namespace civicwatch
