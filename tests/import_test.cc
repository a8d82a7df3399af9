// ImportIncidents against the real binaries: structured records become
// events (created, updated, unchanged), bad records are rejected one by one
// with the field at fault, a record and a report of one act meet in one
// incident whichever comes first, and the query replica serves the result.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "civicwatch/client.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

v1::IncidentRecord Record(const std::string& id, int day, const std::string& person) {
  v1::IncidentRecord r;
  r.set_source("partner-case-db");
  r.set_external_id(id);
  v1::Event* e = r.mutable_event();
  e->set_country_code("TJ");
  e->mutable_date()->set_year(2023);
  e->mutable_date()->set_month(3);
  e->mutable_date()->set_day(day);
  e->set_category(v1::CATEGORY_DETENTION);
  e->set_freedom(v1::FREEDOM_EXPRESSION);
  e->set_valence(v1::VALENCE_NEGATIVE);
  e->set_summary("Journalist detained in Dushanbe.");
  e->set_location("Dushanbe");
  auto* p = e->add_participants();
  p->set_display_name(person);
  p->set_kind(v1::ENTITY_KIND_PERSON);
  p->set_role(v1::ROLE_VICTIM);
  p->set_title("journalist");
  return r;
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("cw-import");
    auto servers = testing::StartIngestAndQuery(dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    ingest_ = std::move(servers->ingest);
    query_ = std::move(servers->query);
    ingest_stub_ = v1::IngestService::NewStub(
        grpc::CreateChannel(ingest_->address(), grpc::InsecureChannelCredentials()));
    query_stub_ = v1::QueryService::NewStub(
        grpc::CreateChannel(query_->address(), grpc::InsecureChannelCredentials()));
  }

  v1::ImportIncidentsResponse Import(const std::vector<v1::IncidentRecord>& records,
                                     grpc::Status* status) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    v1::ImportIncidentsResponse resp;
    auto writer = ingest_stub_->ImportIncidents(&ctx, &resp);
    for (const auto& r : records) writer->Write(r);
    writer->WritesDone();
    *status = writer->Finish();
    return resp;
  }

  grpc::Status Submit(const std::string& body, const std::string& source_uri) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    v1::CreateReportRequest req;
    req.mutable_report()->set_body(body);
    req.mutable_report()->set_source_uri(source_uri);
    v1::CreateReportResponse resp;
    return ingest_stub_->CreateReport(&ctx, req, &resp);
  }

  // The replica's TJ events (the servers run open: every level).
  std::vector<v1::Event> Events() {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ListEventsRequest req;
    req.mutable_filter()->add_country_codes("TJ");
    v1::ListEventsResponse resp;
    EXPECT_TRUE(query_stub_->ListEvents(&ctx, req, &resp).ok());
    return {resp.events().begin(), resp.events().end()};
  }

  // Events() once `done` holds of them, or after 20 s.
  std::vector<v1::Event> WaitForEvents(
      const std::function<bool(const std::vector<v1::Event>&)>& done) {
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    std::vector<v1::Event> events = Events();
    while (!done(events) && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
      events = Events();
    }
    return events;
  }

  // The replica's count of TJ incidents (ComputeStatistics).
  int64_t Incidents() {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ComputeStatisticsRequest req;
    req.mutable_filter()->add_country_codes("TJ");
    req.add_group_by(v1::STATISTICS_DIMENSION_CATEGORY);
    v1::ComputeStatisticsResponse resp;
    grpc::Status status = query_stub_->ComputeStatistics(&ctx, req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp.total();
  }

  std::string dir_;
  std::unique_ptr<ServerProcess> ingest_;
  std::unique_ptr<ServerProcess> query_;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub_;
  std::unique_ptr<v1::QueryService::Stub> query_stub_;
};

TEST_F(ImportTest, RecordsBecomeEventsAndReimportingChangesNothing) {
  v1::IncidentRecord bad_month = Record("c-3", 7, "Rustam Nazarzoda");
  bad_month.mutable_event()->mutable_date()->set_month(13);
  v1::IncidentRecord no_category = Record("c-4", 8, "Rustam Nazarzoda");
  no_category.mutable_event()->clear_category();

  grpc::Status status;
  auto first = Import({Record("c-1", 5, "Rustam Nazarzoda"), bad_month,
                       Record("c-2", 6, "Мадина Рахимова"), no_category},
                      &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(first.created(), 2);
  ASSERT_EQ(first.rejected_size(), 2);
  EXPECT_EQ(first.rejected(0).index(), 1);
  EXPECT_EQ(first.rejected(0).external_id(), "c-3");
  EXPECT_EQ(first.rejected(0).field(), "event.date.month");
  EXPECT_EQ(first.rejected(1).index(), 3);
  EXPECT_EQ(first.rejected(1).field(), "event.category");

  auto again = Import({Record("c-1", 5, "Rustam Nazarzoda"), Record("c-2", 6, "Мадина Рахимова")},
                      &status);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(again.created(), 0);
  EXPECT_EQ(again.unchanged(), 2);

  v1::IncidentRecord corrected = Record("c-2", 16, "Мадина Рахимова");
  auto changed = Import({corrected}, &status);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(changed.updated(), 1);

  absl::Time deadline = absl::Now() + absl::Seconds(20);
  std::vector<v1::Event> events = Events();
  while ((events.size() != 2 || events[1].date().day() != 16) && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    events = Events();
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].date().day(), 5);
  EXPECT_EQ(events[1].date().day(), 16);
  EXPECT_EQ(events[1].confidentiality(), v1::CONFIDENTIALITY_PUBLIC);
  ASSERT_EQ(events[1].participants_size(), 1);
  EXPECT_FALSE(events[1].participants(0).entity().empty());
}

TEST_F(ImportTest, SdkImportsRecordsAndGetEntityBreaksTheirEventsDown) {
  ClientOptions options;
  options.ingest_address = ingest_->address();
  options.query_address = query_->address();
  auto client = Client::Create(options);
  ASSERT_TRUE(client.ok()) << client.status();
  v1::IncidentRecord ruling = Record("c-9", 9, "Rustam Nazarzoda");
  ruling.mutable_event()->set_category(v1::CATEGORY_COURT_RULING);
  ruling.mutable_event()->mutable_participants(0)->set_role(v1::ROLE_ACTOR);
  v1::IncidentRecord no_id = Record("", 10, "Rustam Nazarzoda");
  auto imported = (*client)->ImportIncidents(
      {Record("c-7", 7, "Rustam Nazarzoda"), Record("c-8", 8, "Rustam Nazarzoda"), no_id, ruling});
  ASSERT_TRUE(imported.ok()) << imported.status();
  EXPECT_EQ(imported->created(), 3);
  ASSERT_EQ(imported->rejected_size(), 1);
  EXPECT_EQ(imported->rejected(0).index(), 2);
  EXPECT_EQ(imported->rejected(0).field(), "external_id");

  absl::Time deadline = absl::Now() + absl::Seconds(20);
  std::vector<v1::Event> events = Events();
  while (events.size() != 3 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    events = Events();
  }
  ASSERT_EQ(events.size(), 3u);
  const std::string person = events[0].participants(0).entity();
  auto entity = (*client)->GetEntity(person);
  ASSERT_TRUE(entity.ok()) << entity.status();
  EXPECT_EQ(entity->event_count(), 3);
  ASSERT_EQ(entity->category_counts_size(), 2);
  EXPECT_EQ(entity->category_counts(0).category(), v1::CATEGORY_DETENTION);
  EXPECT_EQ(entity->category_counts(0).event_count(), 2);
  EXPECT_EQ(entity->category_counts(1).category(), v1::CATEGORY_COURT_RULING);
  ASSERT_EQ(entity->role_counts_size(), 2);
  EXPECT_EQ(entity->role_counts(0).role(), v1::ROLE_VICTIM);
  EXPECT_EQ(entity->role_counts(0).event_count(), 2);
  EXPECT_EQ(entity->role_counts(1).role(), v1::ROLE_ACTOR);
  ASSERT_EQ(entity->country_counts_size(), 1);
  EXPECT_EQ(entity->country_counts(0).country_code(), "TJ");
  EXPECT_EQ(entity->country_counts(0).event_count(), 3);
}

// A record with text that is not UTF-8 is rejected by itself, naming the
// field; the records after it are still read and imported.
TEST_F(ImportTest, ARecordThatIsNotUtf8IsRejectedAndTheOthersImported) {
  v1::IncidentRecord bad = Record("u-2", 6, "Rustam Nazarzoda");
  bad.mutable_event()->set_summary("Journalist detained \xff\xfe in Dushanbe.");
  grpc::Status status;
  auto resp = Import({Record("u-1", 5, "Rustam Nazarzoda"), bad, Record("u-3", 7, "Rustam Nazarzoda")},
                     &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(resp.created(), 2);
  ASSERT_EQ(resp.rejected_size(), 1);
  EXPECT_EQ(resp.rejected(0).index(), 1);
  EXPECT_EQ(resp.rejected(0).field(), "event.summary");
}

TEST_F(ImportTest, MissingIdsAndUnknownCountryAreRejectedByField) {
  v1::IncidentRecord no_id = Record("", 5, "A B");
  v1::IncidentRecord bad_country = Record("x-1", 5, "A B");
  bad_country.mutable_event()->set_country_code("XX");
  v1::IncidentRecord no_name = Record("x-2", 5, "");
  grpc::Status status;
  auto resp = Import({no_id, bad_country, no_name}, &status);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(resp.created(), 0);
  ASSERT_EQ(resp.rejected_size(), 3);
  EXPECT_EQ(resp.rejected(0).field(), "external_id");
  EXPECT_EQ(resp.rejected(1).field(), "event.country_code");
  EXPECT_EQ(resp.rejected(2).field(), "event.participants[0].display_name");
}

constexpr char kReportUri[] = "https://example.org/nazarzoda";
constexpr char kReport[] =
    "Tajikistan: journalist detained\n\nOn 5 March 2023, police in Dushanbe detained the "
    "journalist Rustam Nazarzoda.\n";

// A record and a report of one act meet in one incident, the record first:
// the report joins the record's event, whose fields stay the record's; a
// record imported again keeps the report; the report's withdrawal leaves
// the event as the record says it. The replica counts one incident
// throughout.
TEST_F(ImportTest, AReportJoinsARecordOfTheSameActAndItsWithdrawalLeavesTheRecord) {
  grpc::Status status;
  v1::IncidentRecord record = Record("c-1", 5, "Rustam Nazarzoda");
  record.mutable_event()->set_summary("Detained at his home by police.");
  record.mutable_event()->set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  auto imported = Import({record}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(imported.created(), 1);
  std::vector<v1::Event> events = WaitForEvents([](const std::vector<v1::Event>& e) {
    return e.size() == 1;
  });
  ASSERT_EQ(events.size(), 1u);
  const std::string name = events[0].name();

  ASSERT_TRUE(Submit(kReport, kReportUri).ok());
  events = WaitForEvents([](const std::vector<v1::Event>& e) {
    return e.size() == 1 && e[0].provenance_size() == 1;
  });
  ASSERT_EQ(events.size(), 1u) << "the report's telling joins the record";
  EXPECT_EQ(events[0].name(), name);
  ASSERT_EQ(events[0].provenance_size(), 1);
  EXPECT_EQ(events[0].summary(), "Detained at his home by police.") << "the record's";
  EXPECT_EQ(events[0].date().day(), 5);
  EXPECT_EQ(events[0].category(), v1::CATEGORY_DETENTION);
  EXPECT_EQ(events[0].review_state(), v1::REVIEW_STATE_CONFIRMED);
  EXPECT_EQ(events[0].confidentiality(), v1::CONFIDENTIALITY_PUBLIC)
      << "as confidential as the least confidential source, the report";
  EXPECT_EQ(Incidents(), 1);

  auto again = Import({record}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.unchanged(), 1);
  record.mutable_event()->set_summary("Detained at his home by four police officers.");
  auto changed = Import({record}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(changed.updated(), 1);
  events = WaitForEvents([](const std::vector<v1::Event>& e) {
    return e.size() == 1 && absl::StrContains(e[0].summary(), "four");
  });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].provenance_size(), 1) << "the report stays with the record";

  ASSERT_TRUE(Submit("Withdrawn.", kReportUri).ok());
  events = WaitForEvents([](const std::vector<v1::Event>& e) {
    return e.size() == 1 && e[0].provenance_size() == 0;
  });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name(), name) << "the record's event outlives the report";
  EXPECT_EQ(events[0].provenance_size(), 0);
  EXPECT_EQ(events[0].summary(), "Detained at his home by four police officers.");
  EXPECT_EQ(events[0].date().day(), 5);
  EXPECT_EQ(events[0].confidentiality(), v1::CONFIDENTIALITY_RESTRICTED) << "the record's level";
}

// The report first: a new record of the same act takes the report's
// incident in under the record's name, and the replica drops the old name.
TEST_F(ImportTest, ANewRecordTakesInTheIncidentAReportTold) {
  ASSERT_TRUE(Submit(kReport, kReportUri).ok());
  std::vector<v1::Event> events =
      WaitForEvents([](const std::vector<v1::Event>& e) { return e.size() == 1; });
  ASSERT_EQ(events.size(), 1u);
  const std::string narrative = events[0].name();
  ASSERT_EQ(events[0].provenance_size(), 1);

  grpc::Status status;
  v1::IncidentRecord record = Record("c-1", 5, "Rustam Nazarzoda");
  auto imported = Import({record}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(imported.created(), 1);
  events = WaitForEvents([&](const std::vector<v1::Event>& e) {
    return e.size() == 1 && e[0].name() != narrative;
  });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0].name(), narrative);
  const std::string name = events[0].name();
  ASSERT_EQ(events[0].provenance_size(), 1) << "the report's provenance moved";
  EXPECT_EQ(events[0].summary(), "Journalist detained in Dushanbe.") << "the record's";
  EXPECT_EQ(Incidents(), 1);
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::GetEventRequest req;
    req.set_name(narrative);
    v1::Event gone;
    EXPECT_EQ(query_stub_->GetEvent(&ctx, req, &gone).error_code(), grpc::StatusCode::NOT_FOUND);
  }

  // Imported again, changed, it keeps the report; the report withdrawn,
  // the record stays.
  record.mutable_event()->set_location("Dushanbe, Sino district");
  auto changed = Import({record}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(changed.updated(), 1);
  events = WaitForEvents([](const std::vector<v1::Event>& e) {
    return e.size() == 1 && absl::StrContains(e[0].location(), "Sino");
  });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name(), name);
  EXPECT_EQ(events[0].provenance_size(), 1);
  ASSERT_TRUE(Submit("Withdrawn.", kReportUri).ok());
  events = WaitForEvents([](const std::vector<v1::Event>& e) {
    return e.size() == 1 && e[0].provenance_size() == 0;
  });
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name(), name);
  EXPECT_EQ(Incidents(), 1);
}

}  // namespace
}  // namespace civicwatch
