// ImportIncidents against the real binaries: structured records become
// events (created, updated, unchanged), bad records are rejected one by one
// with the field at fault, and the query replica serves the result.
#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

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

  std::vector<v1::Event> Events() {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ListEventsRequest req;
    req.mutable_filter()->add_country_codes("TJ");
    v1::ListEventsResponse resp;
    EXPECT_TRUE(query_stub_->ListEvents(&ctx, req, &resp).ok());
    return {resp.events().begin(), resp.events().end()};
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

// A report telling the same act as an imported record does not join it
// (imports keep their own names), so withdrawing the report leaves the
// record's event as it was.
TEST_F(ImportTest, AReportOfTheSameActLeavesTheRecordAndItsWithdrawalKeepsIt) {
  grpc::Status status;
  auto imported = Import({Record("c-1", 5, "Rustam Nazarzoda")}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(imported.created(), 1);
  ASSERT_TRUE(Submit("Tajikistan: journalist detained\n\nOn 5 March 2023, police in Dushanbe detained "
                     "the journalist Rustam Nazarzoda.\n",
                     "https://example.org/nazarzoda")
                  .ok());
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  std::vector<v1::Event> events = Events();
  while (events.size() != 2 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    events = Events();
  }
  ASSERT_EQ(events.size(), 2u) << "the record and the report's event, apart";
  ASSERT_TRUE(Submit("Withdrawn.", "https://example.org/nazarzoda").ok());
  deadline = absl::Now() + absl::Seconds(20);
  events = Events();
  while (events.size() != 1 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    events = Events();
  }
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].provenance_size(), 0) << "the record's event";
  EXPECT_EQ(events[0].date().day(), 5);
}

}  // namespace
}  // namespace civicwatch
