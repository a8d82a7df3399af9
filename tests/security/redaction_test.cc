// The pieces of the query service that keep withheld names and the audit
// trail right, tested directly: name redaction (access.h) and the audit
// log's file format (audit_log.h).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/query/access.h"
#include "services/query/audit_log.h"
#include "services/query/withheld_names.h"
#include "tests/security/security_support.h"
#include "tests/support/server_process.h"

namespace civicwatch::query {
namespace {

TEST(RedactNamesTest, WholeNamesAndTheirWordsAreReplaced) {
  const std::vector<std::string> names = {"Bakyt Omurbekov"};
  EXPECT_EQ(RedactNames("defender Bakyt Omurbekov was summoned", names),
            "defender [withheld] was summoned");
  EXPECT_EQ(RedactNames("Omurbekov was summoned; Bakyt said", names),
            "[withheld] was summoned; [withheld] said");
  EXPECT_EQ(RedactNames("OMURBEKOV's lawyer and omurbekov", names),
            "[withheld]'s lawyer and [withheld]");
  // Only whole words: a longer word that starts with the name stays.
  EXPECT_EQ(RedactNames("Omurbekova and Omurbekovs", names), "Omurbekova and Omurbekovs");
}

TEST(RedactNamesTest, OtherScriptsAndShortWords) {
  EXPECT_EQ(RedactNames("Задержан Бакыт Омурбеков.", {"Бакыт Омурбеков"}), "Задержан [withheld].");
  EXPECT_EQ(RedactNames("Омурбеков задержан", {"Бакыт Омурбеков"}), "[withheld] задержан");
  // Words under three letters go only as part of the whole name.
  EXPECT_EQ(RedactNames("Li Wei and Li Na", {"Li Wei"}), "[withheld] and Li Na");
  EXPECT_EQ(RedactNames("nothing to hide", {}), "nothing to hide");
  EXPECT_EQ(RedactNames("a [withheld] b", {"[withheld]", "  "}), "a [withheld] b");
}

v1::Event RestrictedEvent() {
  v1::Event event;
  event.set_name("events/7");
  event.set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  event.set_summary("Human rights defender Bakyt Omurbekov was summoned in Bishkek.");
  event.set_location("outside Omurbekov's home, Bishkek");
  v1::Participant* person = event.add_participants();
  person->set_entity("entities/1");
  person->set_display_name("Bakyt Omurbekov");
  person->set_kind(v1::ENTITY_KIND_PERSON);
  person->set_title("human rights defender");
  v1::Participant* body = event.add_participants();
  body->set_entity("entities/2");
  body->set_display_name("State Committee of National Security");
  body->set_kind(v1::ENTITY_KIND_ORGANISATION);
  event.add_provenance()->set_quote(
      "B. Omurbekov (Бакыт Омурбеков) was summoned by the State "
      "Committee of National Security.");
  return event;
}

TEST(WithholdTest, RestrictedEventLosesEveryFormOfThePersonsName) {
  v1::Event event = RestrictedEvent();
  Withhold(Access{/*restricted=*/false, /*confidential=*/false}, &event,
           {"Бакыт Омурбеков", "Bakyt Omurbekov"});
  EXPECT_EQ(event.summary(), "Human rights defender [withheld] was summoned in Bishkek.");
  EXPECT_EQ(event.location(), "outside [withheld]'s home, Bishkek");
  EXPECT_EQ(event.provenance(0).quote(),
            "B. [withheld] ([withheld]) was summoned by the State Committee of National "
            "Security.");
  EXPECT_EQ(event.participants(0).display_name(), "[withheld]");
  EXPECT_EQ(event.participants(0).entity(), "");
  EXPECT_EQ(event.participants(0).title(), "");
  // Bodies are not withheld.
  EXPECT_EQ(event.participants(1).display_name(), "State Committee of National Security");
  EXPECT_EQ(event.participants(1).entity(), "entities/2");
}

TEST(WithholdTest, NothingChangesForAllowedCallersOrOtherLevels) {
  const v1::Event original = RestrictedEvent();
  v1::Event allowed = original;
  Withhold(Access{/*restricted=*/true, /*confidential=*/false}, &allowed, {"Bakyt Omurbekov"});
  EXPECT_EQ(allowed.SerializeAsString(), original.SerializeAsString());
  v1::Event open = original;
  open.set_confidentiality(v1::CONFIDENTIALITY_PUBLIC);
  const std::string before = open.SerializeAsString();
  Withhold(Access{false, false}, &open, {"Bakyt Omurbekov"});
  EXPECT_EQ(open.SerializeAsString(), before);
}

TEST(VisibleEventConditionTest, OnlyATextSearchByACallerWithoutRestrictedIsNarrowed) {
  v1::EventFilter filter;
  filter.set_text("Omurbekov");
  const std::string plain = EventFilterCondition(filter, Access{false, false}).sql;
  EXPECT_EQ(VisibleEventCondition(filter, Access{true, false}).sql,
            EventFilterCondition(filter, Access{true, false}).sql);
  const SqlCondition narrowed = VisibleEventCondition(filter, Access{false, false});
  EXPECT_NE(narrowed.sql, plain);
  EXPECT_TRUE(absl::StrContains(narrowed.sql, "p.withheld = 1")) << narrowed.sql;
  EXPECT_EQ(std::count(narrowed.sql.begin(), narrowed.sql.end(), '?'),
            static_cast<long>(narrowed.values.size()));
  v1::EventFilter no_text;
  EXPECT_EQ(VisibleEventCondition(no_text, Access{false, false}).sql,
            EventFilterCondition(no_text, Access{false, false}).sql);
  EXPECT_EQ(SearchedNameForms("Omurbekov OMURBEKOV"), SearchedNameForms("omurbekov"));
}

google::protobuf::Struct ParseJson(absl::string_view line) {
  google::protobuf::Struct record;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(line), &record).ok()) << line;
  return record;
}

TEST(AuditLogTest, JsonLineEscapesAndListsEveryEvent) {
  const std::string line = AuditJsonLine("2026-01-01T00:00:00.000Z", "odd \"name\"\n", "GetEvent",
                                         1, 2, {"events/1", "events/2", "events/3"});
  ASSERT_TRUE(absl::EndsWith(line, "}\n"));
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
  google::protobuf::Struct record = ParseJson(line);
  EXPECT_EQ(record.fields().at("principal").string_value(), "odd \"name\"\n");
  EXPECT_EQ(record.fields().at("method").string_value(), "GetEvent");
  EXPECT_EQ(record.fields().at("restricted").number_value(), 1);
  EXPECT_EQ(record.fields().at("confidential").number_value(), 2);
  EXPECT_EQ(record.fields().at("events").list_value().values_size(), 3);
}

TEST(AuditLogTest, RecordsAreAppendedOneLineEach) {
  const std::string path = testing::MakeTempDir("cw-audit") + "/audit.jsonl";
  testing::WriteFile(path, "{\"earlier\":true}\n");
  ASSERT_TRUE(OpenAuditLog(path).ok());
  v1::Event restricted;
  restricted.set_name("events/5");
  restricted.set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  v1::Event open;
  open.set_name("events/6");
  open.set_confidentiality(v1::CONFIDENTIALITY_PUBLIC);
  {
    EventReadAudit audit("analyst", "ListEvents");
    audit.Note(restricted);
    audit.Note(open);
  }
  {
    EventReadAudit audit("analyst", "ListEvents");
    audit.Note(open);  // Nothing protected: no record.
  }
  std::vector<std::string> lines = absl::StrSplit(testing::ReadFile(path), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "{\"earlier\":true}");
  google::protobuf::Struct record = ParseJson(lines[1]);
  EXPECT_EQ(record.fields().at("principal").string_value(), "analyst");
  const auto& events = record.fields().at("events").list_value();
  ASSERT_EQ(events.values_size(), 1);
  EXPECT_EQ(events.values(0).string_value(), "events/5");
  EXPECT_FALSE(record.fields().at("time").string_value().empty());
}

TEST(AuditLogTest, AnUnwritablePathIsAnError) {
  EXPECT_FALSE(OpenAuditLog("/nonexistent-dir/audit.jsonl").ok());
}

}  // namespace
}  // namespace civicwatch::query
