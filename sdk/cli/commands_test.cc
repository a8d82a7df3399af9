// Runs whole command lines against a mock connection.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "civicwatch/mocks/mock_connection.h"
#include "cli.h"
#include "gmock/gmock.h"
#include "commands_test_fixture.h"
#include "report_files.h"
#include "gtest/gtest.h"
#include "services/document/test_documents.h"

namespace civicwatch::cli {
namespace {

using ::testing::_;
using ::testing::HasSubstr;
using ::testing::Return;

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
