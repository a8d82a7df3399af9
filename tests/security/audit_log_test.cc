// The query service's --audit_log on the secured cluster: reads of
// protected events leave a JSON record naming the caller, the method and
// only the events it saw; public reads leave none; SIGHUP reopens the file
// so that it can be rotated.
#include <grpcpp/grpcpp.h>

#include <signal.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/security/secured_cluster.h"
#include "tests/security/security_support.h"

namespace civicwatch::security {
namespace {

using testing::AddBearer;

// The --audit_log file as JSON objects, one a line; fails the test on a line
// that is not one.
std::vector<google::protobuf::Struct> AuditRecords(const Cluster& c) {
  std::vector<google::protobuf::Struct> records;
  for (absl::string_view line :
       absl::StrSplit(testing::ReadFile(c.audit_log), '\n', absl::SkipEmpty())) {
    google::protobuf::Struct record;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(line), &record).ok())
        << "not a JSON object: " << line;
    records.push_back(std::move(record));
  }
  return records;
}

std::string Field(const google::protobuf::Struct& record, const std::string& key) {
  auto it = record.fields().find(key);
  return it == record.fields().end() ? "" : it->second.string_value();
}

std::set<std::string> EventsOf(const google::protobuf::Struct& record) {
  std::set<std::string> out;
  auto it = record.fields().find("events");
  if (it == record.fields().end()) return out;
  for (const auto& v : it->second.list_value().values()) out.insert(v.string_value());
  return out;
}

TEST_F(SecuredClusterTest, ReadsOfProtectedEventsLeaveAnAuditRecord) {
  const Principal& reader = c().readers.back();
  const v1::Event& confidential = FirstEventOf(v1::CONFIDENTIALITY_CONFIDENTIAL);
  const v1::Event& restricted = FirstEventOf(v1::CONFIDENTIALITY_RESTRICTED);
  auto stub = v1::QueryService::NewStub(c().query_channel);
  {
    v1::Event got;
    ASSERT_TRUE(GetEventAs(reader, confidential.name(), &got).ok());
  }
  const Principal& plain = c().readers.front();  // query.read only
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline());
    AddBearer(ctx, plain.token);
    v1::ListEventsResponse resp;
    ASSERT_TRUE(stub->ListEvents(&ctx, v1::ListEventsRequest(), &resp).ok());
  }
  // The record is written as the call ends; give it a moment.
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  bool found_get = false;
  bool found_list = false;
  while (!(found_get && found_list) && absl::Now() < give_up) {
    for (const auto& record : AuditRecords(c())) {
      const std::set<std::string> events = EventsOf(record);
      EXPECT_FALSE(Field(record, "time").empty());
      if (Field(record, "principal") == reader.label && Field(record, "method") == "GetEvent" &&
          events.count(confidential.name()) > 0) {
        found_get = true;
        EXPECT_EQ(record.fields().at("confidential").number_value(), 1);
      }
      if (Field(record, "principal") == plain.label && Field(record, "method") == "ListEvents" &&
          events.count(restricted.name()) > 0) {
        found_list = true;
        // The caller never saw the confidential event, so it is not listed.
        EXPECT_EQ(events.count(confidential.name()), 0u);
      }
    }
    if (!(found_get && found_list)) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(found_get) << "no audit record of " << reader.label << " reading "
                         << confidential.name() << ":\n" << testing::ReadFile(c().audit_log);
  EXPECT_TRUE(found_list) << "no audit record of " << plain.label << " listing "
                          << restricted.name() << ":\n" << testing::ReadFile(c().audit_log);
  // Public events are never recorded, and with --audit_log nothing goes to
  // stderr.
  const v1::Event& open = FirstEventOf(v1::CONFIDENTIALITY_PUBLIC);
  for (const auto& record : AuditRecords(c())) {
    EXPECT_EQ(EventsOf(record).count(open.name()), 0u);
  }
  EXPECT_FALSE(absl::StrContains(c().query->ReadLog(), "audit: principal="));
}

// Log rotation: after the file is moved away and the service gets SIGHUP,
// new records go to a fresh file at the same path.
TEST_F(SecuredClusterTest, AuditLogIsReopenedOnSighup) {
  const Principal& reader = c().readers.back();
  const v1::Event& confidential = FirstEventOf(v1::CONFIDENTIALITY_CONFIDENTIAL);
  const std::string rotated = c().audit_log + ".1";
  ASSERT_EQ(std::rename(c().audit_log.c_str(), rotated.c_str()), 0);
  const size_t log_before = c().query->ReadLog().size();
  ASSERT_EQ(kill(c().query->pid(), SIGHUP), 0);
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (!absl::StrContains(c().query->ReadLog().substr(log_before), "reopened") &&
         absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  const std::string after = c().query->ReadLog().substr(log_before);
  ASSERT_TRUE(absl::StrContains(after, "sighup")) << after;
  EXPECT_TRUE(absl::StrContains(after, "reopened=audit_log")) << after;

  v1::Event got;
  ASSERT_TRUE(GetEventAs(reader, confidential.name(), &got).ok());

  const size_t rotated_size = testing::ReadFile(rotated).size();
  bool found = false;
  const absl::Time wait_record = absl::Now() + absl::Seconds(5);
  while (!found && absl::Now() < wait_record) {
    for (const auto& record : AuditRecords(c())) {
      found = found || (Field(record, "method") == "GetEvent" &&
                        EventsOf(record).count(confidential.name()) > 0);
    }
    if (!found) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(found) << "no record in the reopened " << c().audit_log;
  EXPECT_EQ(testing::ReadFile(rotated).size(), rotated_size) << "the rotated file grew";
}

}  // namespace
}  // namespace civicwatch::security
