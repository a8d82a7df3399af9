// Runs whole command lines against a mock connection.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "civicwatch/mocks/mock_connection.h"
#include "cli.h"
#include "gmock/gmock.h"
#include "report_files.h"
#include "gtest/gtest.h"
#include "services/document/test_documents.h"

namespace civicwatch::cli {
namespace {

using ::testing::_;
using ::testing::HasSubstr;
using ::testing::Return;

class CommandsTest : public ::testing::Test {
 protected:
  int Run(std::vector<std::string> args,
          std::map<std::string, std::string> env = {}) {
    Context ctx{out_, err_};
    ctx.make_client = [this](const ClientOptions& o) -> absl::StatusOr<std::unique_ptr<Client>> {
      options_ = o;
      return std::make_unique<Client>(mock_);
    };
    return RunCli(args, ctx, [env](const char* name) {
      auto it = env.find(name);
      return it == env.end() ? std::string() : it->second;
    });
  }

  static v1::Event MakeEvent(int y, int m, int d, const std::string& summary) {
    v1::Event e;
    e.set_name("events/" + summary);
    e.set_country_code("KG");
    e.mutable_date()->set_year(y);
    e.mutable_date()->set_month(m);
    e.mutable_date()->set_day(d);
    e.set_category(v1::CATEGORY_DETENTION);
    e.set_freedom(v1::FREEDOM_EXPRESSION);
    e.set_summary(summary);
    e.set_review_state(v1::REVIEW_STATE_SUGGESTED);
    return e;
  }

  std::shared_ptr<MockConnection> mock_ = std::make_shared<MockConnection>();
  std::ostringstream out_, err_;
  ClientOptions options_;
};

TEST_F(CommandsTest, HelpEverywhereWithExamples) {
  EXPECT_EQ(Run({"--help"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("timeline"));
  EXPECT_THAT(out_.str(), HasSubstr("Exit codes"));
  for (const Command& c : AllCommands()) {
    out_.str("");
    EXPECT_EQ(Run({c.name, "--help"}), kExitOk) << c.name;
    EXPECT_THAT(out_.str(), HasSubstr("Example")) << c.name;
    EXPECT_THAT(out_.str(), HasSubstr("civicwatch " + c.name)) << c.name;
  }
}

TEST_F(CommandsTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Run({}), kExitUsage);
  EXPECT_EQ(Run({"frobnicate"}), kExitUsage);
  EXPECT_EQ(Run({"timeline", "--from", "June"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--from: \"June\" is not a date"));
  EXPECT_EQ(Run({"stats"}), kExitUsage);
  EXPECT_EQ(Run({"timeline", "--timeout", "soon"}), kExitUsage);
  EXPECT_EQ(Run({"ingest"}), kExitUsage);
}

TEST_F(CommandsTest, FlagsThenEnvironmentThenDefaults) {
  EXPECT_CALL(*mock_, ListEvents(_)).WillRepeatedly(Return(v1::ListEventsResponse()));
  Run({"timeline"});
  EXPECT_EQ(options_.query_address, "127.0.0.1:50052");
  Run({"timeline"}, {{"CIVICWATCH_QUERY_ADDRESS", "env:1"}, {"CIVICWATCH_TOKEN", "t0k"}});
  EXPECT_EQ(options_.query_address, "env:1");
  EXPECT_EQ(options_.token, "t0k");
  Run({"--query_address", "flag:2", "timeline", "--timeout=5s"},
      {{"CIVICWATCH_QUERY_ADDRESS", "env:1"}});
  EXPECT_EQ(options_.query_address, "flag:2");
  EXPECT_EQ(options_.timeout, absl::Seconds(5));
}

TEST_F(CommandsTest, SeveralQueryAddressesRepeatedOrCommaSeparatedMakeOneList) {
  EXPECT_CALL(*mock_, ListEvents(_)).WillRepeatedly(Return(v1::ListEventsResponse()));
  Run({"--query_address", "a:1", "--query_address=b:2,c:3", "timeline"},
      {{"CIVICWATCH_QUERY_ADDRESS", "env:1"}});
  EXPECT_EQ(options_.query_address, "a:1,b:2,c:3");
  Run({"timeline"}, {{"CIVICWATCH_QUERY_ADDRESS", "env:1,env:2"}});
  EXPECT_EQ(options_.query_address, "env:1,env:2");
}

TEST_F(CommandsTest, TlsFlagsReadTheirFilesAndGoTogether) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("cw-cli-tls-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  const std::string ca = write("ca.pem", "CA PEM"), cert = write("c.pem", "CERT PEM"),
                    key = write("c.key", "KEY PEM");
  EXPECT_CALL(*mock_, ListEvents(_)).WillRepeatedly(Return(v1::ListEventsResponse()));

  EXPECT_EQ(Run({"timeline", "--tls_ca", ca, "--tls_cert", cert, "--tls_key", key}), kExitOk);
  EXPECT_EQ(options_.tls_root_certs_pem, "CA PEM");
  EXPECT_EQ(options_.tls_client_cert_pem, "CERT PEM");
  EXPECT_EQ(options_.tls_client_key_pem, "KEY PEM");
  options_ = ClientOptions();
  EXPECT_EQ(Run({"timeline"}, {{"CIVICWATCH_TLS_CA", ca}}), kExitOk);
  EXPECT_EQ(options_.tls_root_certs_pem, "CA PEM");
  EXPECT_EQ(options_.tls_client_cert_pem, "");

  EXPECT_EQ(Run({"timeline", "--tls_ca", ca, "--tls_cert", cert}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--tls_cert needs --tls_key"));
  EXPECT_EQ(Run({"timeline", "--tls_cert", cert, "--tls_key", key}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--tls_cert needs --tls_ca"));
  EXPECT_EQ(Run({"timeline", "--tls_ca", (dir / "missing.pem").string()}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--tls_ca: cannot read"));
  EXPECT_EQ(Run({"timeline", "--tls_ca", write("empty.pem", "")}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("empty.pem is empty"));
  std::filesystem::remove_all(dir);
}

TEST_F(CommandsTest, TimelineTableWalksPages) {
  v1::ListEventsResponse p1, p2;
  *p1.add_events() = MakeEvent(2018, 6, 7, "first");
  p1.set_next_page_token("t");
  *p2.add_events() = MakeEvent(2018, 0, 0, "second");
  *p2.add_events() = MakeEvent(0, 0, 0, "third");
  v1::ListEventsRequest seen;
  EXPECT_CALL(*mock_, ListEvents(_))
      .WillOnce([&](const v1::ListEventsRequest& r) { seen = r; return p1; })
      .WillOnce(Return(p2));
  EXPECT_EQ(Run({"timeline", "--country", "kg", "--from", "2018", "--order", "desc"}), kExitOk);
  EXPECT_EQ(seen.filter().country_codes(0), "KG");
  EXPECT_EQ(seen.order_by(), "date desc");
  EXPECT_EQ(out_.str(),
            "DATE        COUNTRY  CATEGORY   FREEDOM     REVIEW     SUMMARY\n"
            "2018-06-07  KG       detention  expression  suggested  first\n"
            "2018        KG       detention  expression  suggested  second\n"
            "undated     KG       detention  expression  suggested  third\n");
}

TEST_F(CommandsTest, TimelineJsonAndCsvAndLimit) {
  v1::ListEventsResponse page;
  *page.add_events() = MakeEvent(2018, 6, 0, "one, two");
  *page.add_events() = MakeEvent(2019, 1, 1, "three");
  EXPECT_CALL(*mock_, ListEvents(_)).WillRepeatedly(Return(page));
  EXPECT_EQ(Run({"timeline", "--format", "json", "--limit", "1"}), kExitOk);
  EXPECT_EQ(out_.str(),
            "{\"name\":\"events/one, two\",\"countryCode\":\"KG\",\"date\":{\"year\":2018,"
            "\"month\":6},\"category\":\"CATEGORY_DETENTION\",\"freedom\":\"FREEDOM_EXPRESSION\","
            "\"summary\":\"one, two\",\"reviewState\":\"REVIEW_STATE_SUGGESTED\"}\n");
  out_.str("");
  EXPECT_EQ(Run({"timeline", "--format", "csv"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("name,date,end_date,country,category"));
  EXPECT_THAT(out_.str(), HasSubstr("\"events/one, two\",2018-06,,KG,detention,expression,-,,,\"one, two\",,suggested\r\n"));
}

TEST_F(CommandsTest, ReviewStateFilterAndReviewCommands) {
  v1::ListEventsRequest seen;
  EXPECT_CALL(*mock_, ListEvents(_)).WillOnce([&](const v1::ListEventsRequest& r) {
    seen = r;
    return v1::ListEventsResponse();
  });
  EXPECT_EQ(Run({"timeline", "--review-state", "rejected,corrected"}), kExitOk);
  ASSERT_EQ(seen.filter().review_states_size(), 2);
  EXPECT_EQ(seen.filter().review_states(0), v1::REVIEW_STATE_REJECTED);
  EXPECT_EQ(Run({"timeline", "--review-state", "maybe"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--review_state: \"maybe\" is not a review state"));

  v1::UpdateEventRequest update;
  EXPECT_CALL(*mock_, UpdateEvent(_)).WillOnce([&](const v1::UpdateEventRequest& r) {
    update = r;
    v1::Event e = r.event();
    e.set_review_state(v1::REVIEW_STATE_CORRECTED);
    return absl::StatusOr<v1::Event>(e);
  });
  out_.str("");
  EXPECT_EQ(Run({"event", "edit", "abc", "--date", "2018-09", "--category", "detention",
                 "--comment", "the text says September", "--etag", "e1"}),
            kExitOk);
  EXPECT_EQ(update.event().name(), "events/abc");
  EXPECT_EQ(update.event().etag(), "e1");
  EXPECT_EQ(update.event().date().month(), 9);
  ASSERT_EQ(update.update_mask().paths_size(), 2);
  EXPECT_EQ(update.update_mask().paths(0), "date");
  EXPECT_EQ(update.update_mask().paths(1), "category");
  EXPECT_EQ(update.comment(), "the text says September");
  EXPECT_THAT(out_.str(), HasSubstr("review:       corrected"));
  EXPECT_EQ(Run({"event", "edit", "abc"}), kExitUsage);
  EXPECT_EQ(Run({"event", "edit", "abc", "--category", "nonsense"}), kExitUsage);

  EXPECT_CALL(*mock_, RejectEvent(_)).WillOnce([](const v1::RejectEventRequest& r) {
    EXPECT_EQ(r.name(), "events/abc");
    EXPECT_EQ(r.comment(), "not an incident");
    return absl::StatusOr<v1::Event>(absl::AbortedError("etag: events/abc changed"));
  });
  EXPECT_EQ(Run({"event", "reject", "abc", "--comment", "not an incident"}), kExitFailure);

  EXPECT_CALL(*mock_, ListEventRevisions(_)).WillOnce([](const v1::ListEventRevisionsRequest&) {
    v1::ListEventRevisionsResponse page;
    v1::EventRevision* r = page.add_revisions();
    r->set_action(v1::REVISION_ACTION_UPDATE);
    r->set_principal("analyst");
    r->set_comment("month only");
    v1::FieldChange* c = r->add_field_changes();
    c->set_field("category");
    c->set_old_value("CATEGORY_DETENTION");
    c->set_new_value("CATEGORY_FINE");
    return absl::StatusOr<v1::ListEventRevisionsResponse>(page);
  });
  out_.str("");
  EXPECT_EQ(Run({"event", "history", "abc"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("analyst  update  category: detention -> fine  month only"));
}

TEST_F(CommandsTest, EventCreateSendsTheSpanAndTheFields) {
  v1::Report report;
  report.set_name("reports/r1");
  report.set_body("Intro. On 3 May a protest took place in Bishkek. Outro.");
  EXPECT_CALL(*mock_, GetReport(_)).WillRepeatedly([&](const v1::GetReportRequest& r) {
    EXPECT_EQ(r.name(), "reports/r1");
    return absl::StatusOr<v1::Report>(report);
  });
  v1::CreateEventRequest sent;
  EXPECT_CALL(*mock_, CreateEvent(_)).WillOnce([&](const v1::CreateEventRequest& r) {
    sent = r;
    v1::Event e = r.event();
    e.set_name("events/c1");
    e.set_review_state(v1::REVIEW_STATE_CURATED);
    return absl::StatusOr<v1::Event>(e);
  });
  out_.str("");
  EXPECT_EQ(Run({"event", "create", "--report", "r1", "--quote", "a protest took place",
                 "--date", "2021-05-03", "--category", "protest", "--valence", "neutral",
                 "--participants", "Aigul Nurlanova:person:actor; Police:state_body",
                 "--comment", "missed"}),
            kExitOk);
  ASSERT_EQ(sent.event().provenance_size(), 1);
  EXPECT_EQ(sent.event().provenance(0).report(), "reports/r1");
  EXPECT_EQ(sent.event().provenance(0).start_offset(), 16);
  EXPECT_EQ(sent.event().provenance(0).end_offset(), 36);
  EXPECT_EQ(sent.event().category(), v1::CATEGORY_PROTEST);
  EXPECT_EQ(sent.event().date().day(), 3);
  ASSERT_EQ(sent.event().participants_size(), 2);
  EXPECT_EQ(sent.event().participants(0).role(), v1::ROLE_ACTOR);
  EXPECT_EQ(sent.event().participants(1).kind(), v1::ENTITY_KIND_STATE_BODY);
  EXPECT_EQ(sent.comment(), "missed");
  EXPECT_THAT(out_.str(), HasSubstr("review:       curated"));

  // Offsets instead of a quote; usage mistakes caught before any call.
  EXPECT_CALL(*mock_, CreateEvent(_)).WillOnce([&](const v1::CreateEventRequest& r) {
    sent = r;
    return absl::StatusOr<v1::Event>(r.event());
  });
  EXPECT_EQ(Run({"event", "create", "--report", "reports/r1", "--start_offset", "7",
                 "--end_offset", "12", "--category", "protest", "--valence", "neutral"}),
            kExitOk);
  EXPECT_EQ(sent.event().provenance(0).start_offset(), 7);
  EXPECT_EQ(sent.event().provenance(0).end_offset(), 12);
  EXPECT_EQ(Run({"event", "create", "--category", "protest"}), kExitUsage);  // no --report
  EXPECT_EQ(Run({"event", "create", "--report", "r1", "--category", "protest"}), kExitUsage);
  EXPECT_EQ(Run({"event", "create", "--report", "r1", "--quote", "o"}), kExitUsage);  // twice
  EXPECT_EQ(Run({"event", "create", "--report", "r1", "--quote", "protest", "--participants",
                 "Aigul Nurlanova"}),
            kExitUsage);
}

TEST_F(CommandsTest, EventEditSetsParticipantsAndConfidentiality) {
  v1::UpdateEventRequest update;
  EXPECT_CALL(*mock_, UpdateEvent(_)).WillOnce([&](const v1::UpdateEventRequest& r) {
    update = r;
    return absl::StatusOr<v1::Event>(r.event());
  });
  EXPECT_EQ(Run({"event", "edit", "abc", "--participants",
                 "Aigul Nurlanova:person:victim; GKNB:state_body:perpetrator",
                 "--confidentiality", "restricted"}),
            kExitOk);
  ASSERT_EQ(update.update_mask().paths_size(), 2);
  EXPECT_EQ(update.update_mask().paths(0), "participants");
  EXPECT_EQ(update.update_mask().paths(1), "confidentiality");
  ASSERT_EQ(update.event().participants_size(), 2);
  EXPECT_EQ(update.event().participants(0).display_name(), "Aigul Nurlanova");
  EXPECT_EQ(update.event().participants(0).role(), v1::ROLE_VICTIM);
  EXPECT_EQ(update.event().participants(1).role(), v1::ROLE_PERPETRATOR);
  EXPECT_EQ(update.event().confidentiality(), v1::CONFIDENTIALITY_RESTRICTED);
  EXPECT_EQ(Run({"event", "edit", "abc", "--confidentiality", "secret"}), kExitUsage);
  EXPECT_EQ(Run({"event", "edit", "abc", "--participants", "X:wizard"}), kExitUsage);
}

TEST_F(CommandsTest, RenormalizeStartsAndFollowsAJob) {
  v1::Renormalization running;
  running.set_name("renormalizations/3");
  running.set_state(v1::RENORMALIZATION_STATE_RUNNING);
  running.set_reports_total(40);
  running.set_reports_done(0);
  v1::Renormalization done = running;
  done.set_state(v1::RENORMALIZATION_STATE_SUCCEEDED);
  done.set_reports_done(40);
  done.set_last_report("reports/ff");
  done.set_events_new(2);
  done.set_events_gone(1);
  done.set_events_changed(5);
  done.set_events_unchanged(120);
  done.set_events_orphaned(1);
  done.add_orphaned_events("events/e1");
  EXPECT_CALL(*mock_, CreateRenormalization(_)).WillOnce(Return(running));
  EXPECT_CALL(*mock_, GetRenormalization(_))
      .WillOnce([&](const v1::GetRenormalizationRequest& r) {
        EXPECT_EQ(r.name(), "renormalizations/3");
        return absl::StatusOr<v1::Renormalization>(done);
      });
  EXPECT_EQ(Run({"renormalize", "start", "--wait"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("renormalizations/3  succeeded  40 of 40 reports"));
  EXPECT_THAT(out_.str(),
              HasSubstr("events: 2 new, 1 gone, 5 changed, 120 unchanged, 1 orphaned"));
  EXPECT_THAT(out_.str(), HasSubstr("orphaned: events/e1"));

  // status without a name asks for the latest; a failed job exits 1.
  v1::Renormalization failed = running;
  failed.set_state(v1::RENORMALIZATION_STATE_FAILED);
  failed.set_error("disk full");
  EXPECT_CALL(*mock_, GetRenormalization(_))
      .WillOnce([&](const v1::GetRenormalizationRequest& r) {
        EXPECT_EQ(r.name(), "renormalizations/latest");
        return absl::StatusOr<v1::Renormalization>(failed);
      });
  EXPECT_EQ(Run({"renormalize", "status"}), kExitFailure);
  EXPECT_THAT(out_.str(), HasSubstr("error: disk full"));
  EXPECT_EQ(Run({"renormalize", "stop"}), kExitUsage);
  EXPECT_CALL(*mock_, CreateRenormalization(_))
      .WillOnce(Return(absl::FailedPreconditionError("renormalizations/3 is still running")));
  EXPECT_EQ(Run({"renormalize"}), kExitFailure);
}

TEST_F(CommandsTest, ServerErrorsAreSentencesAndExitOne) {
  EXPECT_CALL(*mock_, ListEvents(_))
      .WillOnce(Return(absl::UnavailableError("failed to connect to all addresses")));
  EXPECT_EQ(Run({"timeline"}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("civicwatch: could not reach the query service"));
}

TEST_F(CommandsTest, StatsTableHasBars) {
  v1::ComputeStatisticsResponse stats;
  auto* r = stats.add_rows();
  r->add_keys("CATEGORY_DETENTION");
  r->set_count(4);
  r = stats.add_rows();
  r->add_keys("CATEGORY_FINE");
  r->set_count(2);
  stats.set_total(6);
  v1::ComputeStatisticsRequest seen;
  EXPECT_CALL(*mock_, ComputeStatistics(_)).WillRepeatedly([&](const auto& req) {
    seen = req;
    return stats;
  });
  EXPECT_EQ(Run({"stats", "--by", "category"}), kExitOk);
  EXPECT_EQ(seen.group_by(0), v1::STATISTICS_DIMENSION_CATEGORY);
  // Not on a terminal, bars are 40 cells at the largest count.
  std::string full_bar;
  for (int i = 0; i < 40; ++i) full_bar += "\u2588";
  EXPECT_THAT(out_.str(), HasSubstr("detention      4  " + full_bar + "\n"));
  EXPECT_THAT(out_.str(), HasSubstr("fine           2  " + full_bar.substr(0, 20 * 3) + "\n"));
  EXPECT_THAT(out_.str(), HasSubstr("6 events"));
  out_.str("");
  EXPECT_EQ(Run({"stats", "--by", "category", "--format", "csv"}), kExitOk);
  EXPECT_EQ(out_.str(), "category,count\r\nCATEGORY_DETENTION,4\r\nCATEGORY_FINE,2\r\n");
  out_.str("");
  EXPECT_EQ(Run({"stats", "--by", "category", "--format", "json"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("{\"category\":\"CATEGORY_DETENTION\",\"count\":4}\n"));
}

TEST_F(CommandsTest, EntityShowsItsBreakdowns) {
  v1::Entity entity;
  entity.set_name("entities/dj");
  entity.set_display_name("Cholpon Djakupova");
  entity.set_kind(v1::ENTITY_KIND_PERSON);
  entity.set_event_count(3);
  auto* category = entity.add_category_counts();
  category->set_category(v1::CATEGORY_DETENTION);
  category->set_event_count(2);
  category = entity.add_category_counts();
  category->set_category(v1::CATEGORY_COURT_RULING);
  category->set_event_count(1);
  auto* role = entity.add_role_counts();
  role->set_role(v1::ROLE_VICTIM);
  role->set_event_count(3);
  auto* country = entity.add_country_counts();
  country->set_country_code("KG");
  country->set_event_count(3);
  std::string asked;
  EXPECT_CALL(*mock_, GetEntity(_)).WillOnce([&](const v1::GetEntityRequest& req) {
    asked = req.name();
    return entity;
  });
  EXPECT_EQ(Run({"entity", "dj"}), kExitOk);
  EXPECT_EQ(asked, "entities/dj");
  EXPECT_THAT(out_.str(), HasSubstr("by category:   detention 2, court_ruling 1\n"));
  EXPECT_THAT(out_.str(), HasSubstr("by role:       victim 3\n"));
  EXPECT_THAT(out_.str(), HasSubstr("by country:    KG 3\n"));
}

TEST_F(CommandsTest, ImportSendsRecordsAndNamesTheLinesAtFault) {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("cw_import_test_" + std::to_string(::getpid()));
  std::ofstream(file)
      << "{\"externalId\": \"a\", \"event\": {\"countryCode\": \"KG\"}}\n"
      << "\n"
      << "this is not json\n"
      << "{\"externalId\": \"b\", \"source\": \"own\", \"event\": {}}\n";
  std::vector<v1::IncidentRecord> sent;
  EXPECT_CALL(*mock_, ImportIncidents(_))
      .WillOnce([&](const std::vector<v1::IncidentRecord>& records) {
        sent = records;
        v1::ImportIncidentsResponse resp;
        resp.set_created(1);
        v1::RejectedRecord* r = resp.add_rejected();
        r->set_index(1);
        r->set_external_id("b");
        r->set_field("event.country_code");
        r->set_reason("required");
        return resp;
      });
  EXPECT_EQ(Run({"import", file.string(), "--source", "partner/cases"}), kExitFailure);
  fs::remove(file);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].external_id(), "a");
  EXPECT_EQ(sent[0].source(), "partner/cases");  // filled by --source
  EXPECT_EQ(sent[0].event().country_code(), "KG");
  EXPECT_EQ(sent[1].source(), "own");  // kept
  EXPECT_THAT(err_.str(), HasSubstr(":3: not an incident record"));
  EXPECT_THAT(err_.str(), HasSubstr(":4: rejected record b: event.country_code: required"));
  EXPECT_THAT(out_.str(), HasSubstr("imported 1 created, 0 updated, 0 unchanged; 1 rejected, 1 failed"));
}

TEST_F(CommandsTest, IngestGoesOnAfterAFailure) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("cw_ingest_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.txt") << "Report A";
  std::ofstream(dir / "b.txt") << "Report B";
  std::ofstream(dir / "empty.txt") << "  \n";
  std::ofstream(dir / "a.gold.json") << "{}";
  std::vector<std::string> ids;
  EXPECT_CALL(*mock_, CreateReport(_))
      .WillOnce([&](const v1::CreateReportRequest& r) -> absl::StatusOr<v1::CreateReportResponse> {
        ids.push_back(r.request_id());
        v1::CreateReportResponse resp;
        resp.mutable_report()->set_name("reports/a");
        resp.add_events();
        resp.add_events();
        return resp;
      })
      .WillOnce(Return(absl::InvalidArgumentError("bad")));
  int code = Run({"ingest", dir.string(), (dir / "missing.txt").string()});
  EXPECT_EQ(code, kExitFailure);
  EXPECT_THAT(out_.str(), HasSubstr("ingested 1 report, 2 events; 3 failed"));
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0].rfind("sha256-", 0), 0u);
  EXPECT_EQ(ids[0].size(), 7u + 64u);
  fs::remove_all(dir);
}

// A folder of documents of every kind: each is read by content, sent as
// its text, and a bad one fails with its reason without stopping the rest.
TEST_F(CommandsTest, IngestReadsDocumentsOfEveryKind) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("cw_ingest_docs_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "page.htm")
      << "<html><head><title>T</title></head><body><nav>Home Menu</nav><article><h1>Arrest</h1>"
         "<p>On 3 May 2022 police detained Dana &amp; Ali.</p></article>"
         "<footer>Copyright</footer></body></html>";
  // windows-1251: "Задержан журналист." under a name that says nothing.
  std::ofstream(dir / "ru.txt", std::ios::binary)
      << "\xC7\xE0\xE4\xE5\xF0\xE6\xE0\xED \xE6\xF3\xF0\xED\xE0\xEB\xE8\xF1\xF2.";
  std::ofstream(dir / "note.docx", std::ios::binary)
      << document::testing::MakeDocx({{"Fined on 2 June ", "20", "23."}});
  std::ofstream(dir / "locked.pdf", std::ios::binary)
      << document::testing::MakePdf({{"secret"}}, /*encrypted_with_password=*/true);
  std::ofstream(dir / "zero.pdf", std::ios::binary);
  std::vector<v1::ReportOriginal> sent;
  std::vector<std::string> ids;
  EXPECT_CALL(*mock_, CreateReport(_))
      .Times(3)
      .WillRepeatedly([&](const v1::CreateReportRequest& r)
                          -> absl::StatusOr<v1::CreateReportResponse> {
        EXPECT_TRUE(r.report().body().empty());
        sent.push_back(r.report().original());
        ids.push_back(r.request_id());
        v1::CreateReportResponse resp;
        resp.mutable_report()->set_name("reports/x");
        return resp;
      });
  int code = Run({"ingest", dir.string()});
  EXPECT_EQ(code, kExitFailure);
  EXPECT_THAT(out_.str(), HasSubstr("locked.pdf: the PDF is encrypted (password-protected)"));
  EXPECT_THAT(out_.str(), HasSubstr("zero.pdf: the document is empty (0 bytes)"));
  EXPECT_THAT(out_.str(), HasSubstr("ingested 3 reports, 0 events; 2 failed"));
  // Each file goes as it is, with the type it was read as; the request id
  // is the hash of the text read from it.
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].media_type(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(sent[0].content().substr(0, 2), "PK");  // the archive itself
  EXPECT_EQ(ids[0], ContentRequestId("Fined on 2 June 2023."));
  EXPECT_EQ(sent[1].media_type(), "text/html");
  EXPECT_THAT(sent[1].content(), HasSubstr("<nav>Home Menu</nav>"));
  EXPECT_EQ(ids[1], ContentRequestId("Arrest\n\nOn 3 May 2022 police detained Dana & Ali."));
  EXPECT_EQ(sent[2].media_type(), "text/plain");
  EXPECT_EQ(sent[2].content(), "\xC7\xE0\xE4\xE5\xF0\xE6\xE0\xED \xE6\xF3\xF0\xED\xE0\xEB\xE8\xF1\xF2.");
  EXPECT_EQ(ids[2], ContentRequestId("Задержан журналист."));
  fs::remove_all(dir);
}

// `report get NAME --original FILE` asks for the full view and writes the
// bytes when their SHA-256 is the one stored; damaged bytes write nothing.
TEST_F(CommandsTest, ReportGetSavesTheOriginal) {
  namespace fs = std::filesystem;
  const fs::path file = fs::temp_directory_path() / ("cw_original_" + std::to_string(::getpid()));
  v1::Report report;
  report.set_name("reports/abc");
  report.set_body("Text.");
  report.mutable_original()->set_media_type("application/pdf");
  report.mutable_original()->set_content("%PDF-1.4 bytes");
  report.mutable_original()->set_sha256(ContentRequestId("%PDF-1.4 bytes").substr(7));
  report.mutable_original()->set_size_bytes(14);
  v1::ReportView view = v1::REPORT_VIEW_UNSPECIFIED;
  EXPECT_CALL(*mock_, GetReport(_))
      .WillOnce([&](const v1::GetReportRequest& r) -> absl::StatusOr<v1::Report> {
        view = r.view();
        EXPECT_EQ(r.name(), "reports/abc");
        return report;
      })
      .WillOnce([&](const v1::GetReportRequest&) -> absl::StatusOr<v1::Report> {
        v1::Report damaged = report;
        damaged.mutable_original()->set_content("%PDF-1.4 bytez");
        return damaged;
      });
  EXPECT_EQ(Run({"report", "get", "abc", "--original", file.string()}), kExitOk) << err_.str();
  EXPECT_EQ(view, v1::REPORT_VIEW_FULL);
  std::ifstream in(file, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "%PDF-1.4 bytes");
  EXPECT_THAT(out_.str(), HasSubstr("original:     application/pdf, 14 bytes"));
  fs::remove(file);
  EXPECT_EQ(Run({"report", "get", "abc", "--original", file.string()}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("arrived damaged"));
  EXPECT_FALSE(fs::exists(file));
}

TEST_F(CommandsTest, IngestSendsTheSourceUriOfOneFile) {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("cw_source_uri_" + std::to_string(::getpid()) + ".txt");
  std::ofstream(file) << "Report text.";
  std::string uri;
  EXPECT_CALL(*mock_, CreateReport(_))
      .WillOnce([&](const v1::CreateReportRequest& r) -> absl::StatusOr<v1::CreateReportResponse> {
        uri = r.report().source_uri();
        return v1::CreateReportResponse();
      });
  EXPECT_EQ(Run({"ingest", file.string(), "--source_uri", "https://example.org/r/1"}), kExitOk);
  EXPECT_EQ(uri, "https://example.org/r/1");
  EXPECT_EQ(Run({"ingest", file.string(), file.string(), "--source_uri", "https://x"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--source_uri names one report"));
  fs::remove(file);
}

TEST_F(CommandsTest, NormalizeReadsDocumentsOffline) {
  namespace fs = std::filesystem;
  fs::path base = fs::temp_directory_path() / ("cw_normalize_" + std::to_string(::getpid()));
  std::ofstream(base.string() + ".pdf", std::ios::binary) << document::testing::MakePdf(
      {{"Kyrgyzstan update", "", "On 12 March 2021 police in Bishkek detained the journalist",
        "Aziz Usenov."}});
  EXPECT_EQ(Run({"normalize", base.string() + ".pdf", "--format", "table"}), kExitOk)
      << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("document:   application/pdf"));
  EXPECT_THAT(out_.str(), HasSubstr("1 event"));

  std::ofstream(base.string() + ".txt", std::ios::binary) << "\xEA\xEF\xCC";  // KOI8-R
  out_.str("");
  EXPECT_EQ(Run({"normalize", base.string() + ".txt", "--encoding", "no-such", "--format", "table"}),
            kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("unknown character encoding \"no-such\""));
  EXPECT_EQ(Run({"normalize", base.string() + ".txt", "--max_pages", "0"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--max_pages must be a whole number"));

  std::string deep = "<html><body>";
  for (int i = 0; i < 300; ++i) deep += "<div>";
  std::ofstream(base.string() + ".html") << deep << "text";
  EXPECT_EQ(Run({"normalize", base.string() + ".html"}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("the HTML nests deeper than 256 elements"));
  EXPECT_EQ(Run({"normalize", base.string() + ".html", "--max_nesting_depth", "400"}), kExitOk);
  for (const char* ext : {".pdf", ".txt", ".html"}) fs::remove(base.string() + ext);
}

TEST_F(CommandsTest, ExportFallsBackToListEvents) {
  EXPECT_CALL(*mock_, ExportEvents(_))
      .WillOnce(Return(testing::ByMove(MakeStreamRange<v1::ExportEventsResponse>(
          {absl::UnimplementedError("not yet")}))));
  v1::ListEventsResponse page;
  *page.add_events() = MakeEvent(2018, 6, 0, "x");
  EXPECT_CALL(*mock_, ListEvents(_)).WillOnce(Return(page));
  EXPECT_EQ(Run({"export"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("event_id_cnty,event_date,year,time_precision"));
  EXPECT_THAT(out_.str(), HasSubstr("x,2018-06,2018,2,detention,expression"));
}

// The chunks of a snapshot stream carrying `bytes`, announced as `sha256`.
std::vector<absl::StatusOr<v1::SnapshotChunk>> SnapshotStream(const std::string& bytes,
                                                              const std::string& sha256) {
  std::vector<absl::StatusOr<v1::SnapshotChunk>> chunks;
  v1::SnapshotChunk meta;
  meta.mutable_metadata()->set_database_kind(v1::DATABASE_KIND_INGEST);
  meta.mutable_metadata()->set_sequence(42);
  meta.mutable_metadata()->set_size_bytes(static_cast<int64_t>(bytes.size()));
  meta.mutable_metadata()->set_sha256(sha256);
  chunks.push_back(meta);
  for (size_t at = 0; at < bytes.size(); at += 4) {
    v1::SnapshotChunk data;
    data.set_data(bytes.substr(at, 4));
    chunks.push_back(data);
  }
  return chunks;
}

// SHA-256 of "database bytes".
constexpr char kBytesSha256[] = "9b76aee208d5c14d1920b0498a3d06fff761dcc6ef7b16d0fcecaa233181e248";

TEST_F(CommandsTest, BackupWritesTheFileOnlyWhenItArrivedWhole) {
  namespace fs = std::filesystem;
  const std::string dir = ::testing::TempDir() + "/cli-backup";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string target = dir + "/ingest.snapshot";

  // A checksum that does not match: nothing under the target name.
  EXPECT_CALL(*mock_, BackupDatabase(_))
      .WillOnce(Return(testing::ByMove(MakeStreamRange<v1::SnapshotChunk>(
          SnapshotStream("database bytes", std::string(64, '0'))))));
  EXPECT_EQ(Run({"backup", target}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("SHA-256"));
  EXPECT_TRUE(fs::is_empty(dir));

  // A stream that breaks off: the same.
  auto broken = SnapshotStream("database bytes", kBytesSha256);
  broken.resize(2);
  broken.push_back(absl::UnavailableError("connection reset"));
  EXPECT_CALL(*mock_, BackupDatabase(_))
      .WillOnce(Return(testing::ByMove(MakeStreamRange<v1::SnapshotChunk>(std::move(broken)))));
  EXPECT_EQ(Run({"backup", target}), kExitFailure);
  EXPECT_TRUE(fs::is_empty(dir));

  EXPECT_EQ(Run({"backup"}), kExitUsage);

  // A whole stream: the file holds the header and the bytes.
  EXPECT_CALL(*mock_, BackupDatabase(_))
      .WillOnce(Return(testing::ByMove(MakeStreamRange<v1::SnapshotChunk>(
          SnapshotStream("database bytes", kBytesSha256)))));
  EXPECT_EQ(Run({"backup", target}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("feed sequence 42"));
  std::ifstream in(target, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str().rfind("CIVICWATCH-SNAPSHOT 1\n", 0), 0u);
  EXPECT_EQ(content.str().substr(content.str().size() - 14), "database bytes");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace civicwatch::cli
