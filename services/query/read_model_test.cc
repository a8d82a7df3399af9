#include "services/query/read_model.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/query/read_model_test_fixture.h"
#include "services/query/test_changes.h"
#include "services/query/test_paging.h"

namespace civicwatch::query {
namespace {

using testing::AddParticipant;
using testing::AddProvenance;
using testing::Batch;
using testing::Date;
using testing::Delete;
using testing::MakeEntity;
using testing::MakeEvent;
using testing::MakeReport;
using testing::RandomDate;
using testing::ReadModelTest;
using testing::Upsert;

TEST_F(ReadModelTest, AppliesChangesStoresTheCursorAndResumesAfterRestart) {
  EXPECT_EQ(model_->cursor(), 0);
  Apply({Upsert(1, MakeEvent("a", "KG", Date(2018, 1, 5))),
         Upsert(2, MakeEvent("b", "KG", Date(2018, 2, 5)))});
  EXPECT_EQ(model_->cursor(), 2);

  Reopen();
  EXPECT_EQ(model_->cursor(), 2);
  EXPECT_EQ(ListAll({}), (std::vector<std::string>{"events/a", "events/b"}));

  // A batch that overlaps what was applied (a follower resuming after a
  // crash between commit and acknowledgement) changes nothing twice.
  v1::Event a_changed = MakeEvent("a", "KG", Date(2019));
  Apply({Upsert(1, a_changed), Upsert(2, MakeEvent("b", "KG", Date(2018, 2, 5))),
         Upsert(3, MakeEvent("c", "KG", Date(2018, 3)))});
  EXPECT_EQ(model_->cursor(), 3);
  EXPECT_EQ(ListAll({}), (std::vector<std::string>{"events/a", "events/b", "events/c"}));
  auto a = model_->GetEvent("events/a", {}, absl::InfiniteFuture());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->date().year(), 2018);  // Sequence 1 was not applied again.
}

TEST_F(ReadModelTest, RebuildStartsFromZero) {
  Apply({Upsert(1, MakeEvent("a", "KG", Date(2018)))});
  Reopen(/*rebuild=*/true);
  EXPECT_EQ(model_->cursor(), 0);
  EXPECT_TRUE(ListAll({}).empty());
}

TEST_F(ReadModelTest, EmptyBatchesWriteNothing) {
  ASSERT_TRUE(model_->Apply(Batch({}, 10)).ok());
  EXPECT_EQ(model_->cursor(), 0);
}

TEST_F(ReadModelTest, OrdersMixedPrecisionAtPeriodStartCoarserFirstUndatedLast) {
  Apply({Upsert(1, MakeEvent("day", "KG", Date(2018, 1, 1))),
         Upsert(2, MakeEvent("undated-b", "KG", Date(0))),
         Upsert(3, MakeEvent("month", "KG", Date(2018, 1))),
         Upsert(4, MakeEvent("year", "KG", Date(2018))),
         Upsert(5, MakeEvent("undated-a", "KG", Date(0))),
         Upsert(6, MakeEvent("before", "KG", Date(2017, 12, 31))),
         Upsert(7, MakeEvent("later", "KG", Date(2018, 1, 2)))});
  EXPECT_EQ(ListAll({}, SortDirection::kAscending, 2),
            (std::vector<std::string>{"events/before", "events/year", "events/month",
                                      "events/day", "events/later", "events/undated-a",
                                      "events/undated-b"}));
  EXPECT_EQ(ListAll({}, SortDirection::kDescending, 2),
            (std::vector<std::string>{"events/later", "events/day", "events/month",
                                      "events/year", "events/before", "events/undated-b",
                                      "events/undated-a"}));
}

TEST_F(ReadModelTest, DateRangeWithinAndOverlap) {
  v1::Event span = MakeEvent("span", "KG", Date(2018, 5, 30));
  *span.mutable_end_date() = Date(2018, 6, 2);
  Apply({Upsert(1, MakeEvent("year", "KG", Date(2018))),
         Upsert(2, MakeEvent("june7", "KG", Date(2018, 6, 7))),
         Upsert(3, MakeEvent("june", "KG", Date(2018, 6))), Upsert(4, span),
         Upsert(5, MakeEvent("undated", "KG", Date(0))),
         Upsert(6, MakeEvent("july", "KG", Date(2018, 7, 1)))});
  v1::EventFilter june;
  *june.mutable_start_date() = Date(2018, 6);
  *june.mutable_end_date() = Date(2018, 6);
  EXPECT_EQ(ListAll(june), (std::vector<std::string>{"events/june", "events/june7"}));
  june.set_date_match(v1::DATE_MATCH_OVERLAP);
  EXPECT_EQ(ListAll(june), (std::vector<std::string>{"events/year", "events/span",
                                                     "events/june", "events/june7"}));

  v1::EventFilter from_june;  // Open-ended range.
  *from_june.mutable_start_date() = Date(2018, 6, 1);
  EXPECT_EQ(ListAll(from_june),
            (std::vector<std::string>{"events/june", "events/june7", "events/july"}));
}

TEST_F(ReadModelTest, FiltersCombine) {
  v1::Event a = MakeEvent("a", "KG", Date(2018, 3), v1::CATEGORY_DETENTION);
  AddParticipant(a, "askarov", v1::ROLE_VICTIM);
  AddProvenance(a, "r1", 0, 4);
  v1::Event b = MakeEvent("b", "KZ", Date(2018, 4), v1::CATEGORY_FINE);
  AddParticipant(b, "askarov", v1::ROLE_ACTOR);
  b.set_freedom(v1::FREEDOM_EXPRESSION);
  v1::Event c = MakeEvent("c", "KG", Date(2018, 5), v1::CATEGORY_FINE);
  c.set_valence(v1::VALENCE_POSITIVE);
  c.set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  AddProvenance(c, "r2", 0, 4);
  Apply({Upsert(1, a), Upsert(2, b), Upsert(3, c)});

  v1::EventFilter f;
  f.add_country_codes("KG");
  EXPECT_EQ(ListAll(f), (std::vector<std::string>{"events/a", "events/c"}));
  f.add_categories(v1::CATEGORY_FINE);
  EXPECT_EQ(ListAll(f), (std::vector<std::string>{"events/c"}));

  v1::EventFilter by_entity;
  by_entity.add_entities("entities/askarov");
  EXPECT_EQ(ListAll(by_entity), (std::vector<std::string>{"events/a", "events/b"}));
  by_entity.set_entity_role(v1::ROLE_ACTOR);
  EXPECT_EQ(ListAll(by_entity), (std::vector<std::string>{"events/b"}));

  v1::EventFilter other;
  other.add_freedoms(v1::FREEDOM_EXPRESSION);
  EXPECT_EQ(ListAll(other), (std::vector<std::string>{"events/b"}));
  other.Clear();
  other.add_valences(v1::VALENCE_POSITIVE);
  EXPECT_EQ(ListAll(other), (std::vector<std::string>{"events/c"}));
  other.Clear();
  other.add_confidentialities(v1::CONFIDENTIALITY_PUBLIC);
  EXPECT_EQ(ListAll(other), (std::vector<std::string>{"events/a", "events/b"}));
  other.Clear();
  other.add_reports("reports/r2");
  EXPECT_EQ(ListAll(other), (std::vector<std::string>{"events/c"}));
}

TEST_F(ReadModelTest, TextSearchCoversSummaryAndSourceText) {
  const std::string body = "Police detained the blogger in Osh. Later a court fined him.";
  v1::Event a = MakeEvent("a", "KG", Date(2018, 3));
  a.set_summary("Arrest of a blogger");
  AddProvenance(a, "r1", 0, 35);
  v1::Event b = MakeEvent("b", "KG", Date(2018, 4));
  b.set_summary("A fine");
  AddProvenance(b, "r1", 36, static_cast<int64_t>(body.size()));
  // The event arrives before its report: the text is indexed when the
  // report comes.
  Apply({Upsert(1, a), Upsert(2, b), Upsert(3, MakeReport("r1", body))});

  v1::EventFilter f;
  f.set_text("blogger");
  EXPECT_EQ(ListAll(f), (std::vector<std::string>{"events/a"}));
  f.set_text("OSH police");
  EXPECT_EQ(ListAll(f), (std::vector<std::string>{"events/a"}));
  f.set_text("court");
  EXPECT_EQ(ListAll(f), (std::vector<std::string>{"events/b"}));
  f.set_text("\"court\" OR NEAR(");  // Punctuation is never FTS5 syntax.
  EXPECT_TRUE(ListAll(f).empty());
  f.set_text("   ");
  EXPECT_EQ(ListAll(f).size(), 2u);
}

TEST_F(ReadModelTest, GetEventQuotesTheReportAndUpdatesAndDeletesReachTheReplica) {
  const std::string body = "Intro. Джакупова was fined on 7 June.";
  v1::Event e = MakeEvent("e", "KG", Date(2018, 6, 7));
  AddProvenance(e, "r1", 7, static_cast<int64_t>(body.size()));
  AddProvenance(e, "r1", 8, 12);  // Starts inside a two-byte character.
  Apply({Upsert(1, MakeReport("r1", body)), Upsert(2, e)});

  auto got = model_->GetEvent("events/e", {}, absl::InfiniteFuture());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->provenance(0).quote(), "Джакупова was fined on 7 June.");
  EXPECT_EQ(got->provenance(1).quote(), "ж");
  EXPECT_EQ(got->name(), "events/e");

  v1::Event moved = e;
  *moved.mutable_date() = Date(2017);
  Apply({Upsert(3, moved), Delete(4, "reports/r1")});
  got = model_->GetEvent("events/e", {}, absl::InfiniteFuture());
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->date().year(), 2017);
  EXPECT_EQ(got->date().month(), 0);
  EXPECT_EQ(got->provenance(0).quote(), "");

  Apply({Delete(5, "events/e")});
  got = model_->GetEvent("events/e", {}, absl::InfiniteFuture());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(ListAll({}).empty());
  EXPECT_EQ(model_->GetEvent("events/never", {}, absl::InfiniteFuture()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ReadModelTest, PaginationLosesAndRepeatsNothingWhileEventsArrive) {
  int64_t sequence = 0;
  std::vector<v1::Change> changes;
  for (int i = 0; i < 40; ++i) {
    v1::PartialDate date = i % 7 == 0 ? Date(0)
                           : i % 5 == 0 ? Date(2010 + i % 4)
                           : i % 3 == 0 ? Date(2010 + i % 4, 1 + i % 12)
                                        : Date(2010 + i % 4, 1 + i % 12, 1 + i % 28);
    changes.push_back(Upsert(++sequence, MakeEvent(absl::StrCat("e", i), "KG", date)));
  }
  Apply(std::move(changes));
  const std::vector<std::string> before = ListAll({}, SortDirection::kAscending, 40);

  for (SortDirection direction : {SortDirection::kAscending, SortDirection::kDescending}) {
    std::vector<std::string> seen;
    ListEventsQuery query;
    query.direction = direction;
    query.page_size = 6;
    int round = 0;
    while (true) {
      auto page = model_->ListEvents(query, absl::InfiniteFuture());
      ASSERT_TRUE(page.ok()) << page.status();
      for (const auto& e : page->events) seen.push_back(e.name());
      if (!page->next.has_value()) break;
      query.after = page->next;
      // New events land on both sides of the cursor between pages.
      ++round;
      Apply({Upsert(++sequence, MakeEvent(absl::StrCat("new-early-", direction == SortDirection::kAscending, round), "KG", Date(2000 + round))),
             Upsert(++sequence, MakeEvent(absl::StrCat("new-late-", direction == SortDirection::kAscending, round), "KG", Date(2030 + round)))});
    }
    std::set<std::string> unique(seen.begin(), seen.end());
    EXPECT_EQ(unique.size(), seen.size()) << "an event was repeated";
    for (const std::string& name : before) {
      EXPECT_TRUE(unique.count(name)) << name << " was lost";
    }
  }
}

TEST_F(ReadModelTest, GetEntityBreaksItsEventsDownByCategoryRoleAndCountry) {
  v1::Event a = MakeEvent("a", "KG", Date(2018, 1), v1::CATEGORY_DETENTION);
  AddParticipant(a, "dj", v1::ROLE_VICTIM);
  v1::Event b = MakeEvent("b", "KG", Date(2018, 2), v1::CATEGORY_DETENTION);
  AddParticipant(b, "dj", v1::ROLE_VICTIM);
  // Named twice in one event, in two roles: one arrest, one event per role.
  AddParticipant(b, "dj", v1::ROLE_ACTOR);
  v1::Event c = MakeEvent("c", "KZ", Date(2018, 3), v1::CATEGORY_COURT_RULING);
  AddParticipant(c, "dj", v1::ROLE_ACTOR);
  v1::Event secret = MakeEvent("secret", "UZ", Date(2018, 4), v1::CATEGORY_COURT_RULING);
  secret.set_confidentiality(v1::CONFIDENTIALITY_CONFIDENTIAL);
  AddParticipant(secret, "dj", v1::ROLE_OBSERVER);
  Apply({Upsert(1, MakeEntity("dj", "Cholpon Djakupova", {})), Upsert(2, a), Upsert(3, b),
         Upsert(4, c), Upsert(5, secret)});

  const Access plain{/*restricted=*/true, /*confidential=*/false};
  auto dj = model_->GetEntity("entities/dj", plain, absl::InfiniteFuture());
  ASSERT_TRUE(dj.ok()) << dj.status();
  EXPECT_EQ(dj->event_count(), 3);
  ASSERT_EQ(dj->category_counts_size(), 2);
  EXPECT_EQ(dj->category_counts(0).category(), v1::CATEGORY_DETENTION);
  EXPECT_EQ(dj->category_counts(0).event_count(), 2);
  EXPECT_EQ(dj->category_counts(1).category(), v1::CATEGORY_COURT_RULING);
  EXPECT_EQ(dj->category_counts(1).event_count(), 1);
  ASSERT_EQ(dj->role_counts_size(), 2);
  EXPECT_EQ(dj->role_counts(0).role(), v1::ROLE_VICTIM);  // tie 2:2, lower role first
  EXPECT_EQ(dj->role_counts(0).event_count(), 2);
  EXPECT_EQ(dj->role_counts(1).role(), v1::ROLE_ACTOR);
  EXPECT_EQ(dj->role_counts(1).event_count(), 2);
  ASSERT_EQ(dj->country_counts_size(), 2);
  EXPECT_EQ(dj->country_counts(0).country_code(), "KG");
  EXPECT_EQ(dj->country_counts(0).event_count(), 2);
  EXPECT_EQ(dj->country_counts(1).country_code(), "KZ");

  // With the confidential scope the hidden event counts too.
  auto all = model_->GetEntity("entities/dj", Access{}, absl::InfiniteFuture());
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->event_count(), 4);
  EXPECT_EQ(all->category_counts(0).event_count(), 2);
  EXPECT_EQ(all->category_counts(1).event_count(), 2);
  EXPECT_EQ(all->role_counts_size(), 3);
  EXPECT_EQ(all->country_counts_size(), 3);
}

TEST_F(ReadModelTest, EntityCountsLeaveRejectedEventsOut) {
  v1::Event kept = MakeEvent("kept", "KG", Date(2017, 3), v1::CATEGORY_DETENTION);
  AddParticipant(kept, "dj", v1::ROLE_VICTIM);
  v1::Event rejected = MakeEvent("rejected", "KZ", Date(2019, 5), v1::CATEGORY_COURT_RULING);
  rejected.set_review_state(v1::REVIEW_STATE_REJECTED);
  AddParticipant(rejected, "dj", v1::ROLE_ACTOR);
  v1::Event only_rejected = MakeEvent("only", "KG", Date(2018), v1::CATEGORY_ATTACK);
  only_rejected.set_review_state(v1::REVIEW_STATE_REJECTED);
  AddParticipant(only_rejected, "rk", v1::ROLE_VICTIM);
  Apply({Upsert(1, MakeEntity("dj", "Cholpon Djakupova", {})),
         Upsert(2, MakeEntity("rk", "Dilnoza Rakhimova", {})), Upsert(3, kept),
         Upsert(4, rejected), Upsert(5, only_rejected)});

  auto dj = model_->GetEntity("entities/dj", {}, absl::InfiniteFuture());
  ASSERT_TRUE(dj.ok()) << dj.status();
  EXPECT_EQ(dj->event_count(), 1);
  EXPECT_EQ(dj->last_event_date().year(), 2017);
  ASSERT_EQ(dj->category_counts_size(), 1);
  EXPECT_EQ(dj->category_counts(0).category(), v1::CATEGORY_DETENTION);
  ASSERT_EQ(dj->role_counts_size(), 1);
  EXPECT_EQ(dj->role_counts(0).role(), v1::ROLE_VICTIM);
  ASSERT_EQ(dj->country_counts_size(), 1);
  EXPECT_EQ(dj->country_counts(0).country_code(), "KG");

  auto page = model_->ListEntities("", v1::ENTITY_KIND_UNSPECIFIED, 10, std::nullopt, {},
                                   absl::InfiniteFuture());
  ASSERT_TRUE(page.ok()) << page.status();
  std::map<std::string, int64_t> counts;
  for (const v1::Entity& e : page->entities) counts[e.name()] = e.event_count();
  EXPECT_EQ(counts["entities/dj"], 1);
  EXPECT_EQ(counts["entities/rk"], 0);

  auto stats =
      model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_ENTITY}, {}, absl::InfiniteFuture());
  ASSERT_TRUE(stats.ok()) << stats.status();
  ASSERT_EQ(stats->rows.size(), 1u);
  EXPECT_EQ(stats->rows[0].keys[0], "entities/dj");
  EXPECT_EQ(stats->rows[0].count, 1);
}

TEST_F(ReadModelTest, EntitiesHaveCountsDatesAndAreFoundByAnySpelling) {
  v1::Event a = MakeEvent("a", "KG", Date(2017, 3));
  AddParticipant(a, "dj");
  v1::Event b = MakeEvent("b", "KG", Date(2018, 9, 7));
  AddParticipant(b, "dj");
  v1::Event c = MakeEvent("c", "KG", Date(0));
  AddParticipant(c, "dj");
  Apply({Upsert(1, MakeEntity("dj", "Cholpon Djakupova", {"Djakupova"})),
         Upsert(2, MakeEntity("gknb", "State Committee of National Security", {"GKNB"},
                              v1::ENTITY_KIND_STATE_BODY)),
         Upsert(3, a), Upsert(4, b), Upsert(5, c)});

  auto dj = model_->GetEntity("entities/dj", {}, absl::InfiniteFuture());
  ASSERT_TRUE(dj.ok()) << dj.status();
  EXPECT_EQ(dj->event_count(), 3);
  EXPECT_EQ(dj->first_event_date().year(), 2017);
  EXPECT_EQ(dj->first_event_date().month(), 3);
  EXPECT_EQ(dj->last_event_date().day(), 7);
  EXPECT_EQ(model_->GetEntity("entities/none", {}, absl::InfiniteFuture()).status().code(),
            absl::StatusCode::kNotFound);

  auto names = [&](const std::string& q, v1::EntityKind kind = v1::ENTITY_KIND_UNSPECIFIED) {
    std::vector<std::string> out;
    auto page = model_->ListEntities(q, kind, 10, std::nullopt, {}, absl::InfiniteFuture());
    EXPECT_TRUE(page.ok()) << page.status();
    if (page.ok()) {
      for (const auto& e : page->entities) out.push_back(e.name());
    }
    return out;
  };
  const std::vector<std::string> dj_only = {"entities/dj"};
  EXPECT_EQ(names("djak"), dj_only);
  EXPECT_EQ(names("CHOLPON"), dj_only);
  EXPECT_EQ(names("Dzhakupova"), dj_only);
  EXPECT_EQ(names("Джакупова"), dj_only);
  EXPECT_EQ(names("gknb"), (std::vector<std::string>{"entities/gknb"}));
  EXPECT_EQ(names("national sec"), (std::vector<std::string>{"entities/gknb"}));
  EXPECT_EQ(names("", v1::ENTITY_KIND_PERSON), dj_only);
  EXPECT_EQ(names("").size(), 2u);
  EXPECT_TRUE(names("zzz").empty());

  // Paging through all entities.
  auto first = model_->ListEntities("", v1::ENTITY_KIND_UNSPECIFIED, 1, std::nullopt, {},
                                    absl::InfiniteFuture());
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->next.has_value());
  EXPECT_EQ(first->total_size, 2);
  auto second = model_->ListEntities("", v1::ENTITY_KIND_UNSPECIFIED, 1, first->next, {},
                                     absl::InfiniteFuture());
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->entities.size(), 1u);
  EXPECT_NE(second->entities[0].name(), first->entities[0].name());
  EXPECT_FALSE(second->next.has_value());

  Apply({Delete(6, "entities/dj")});
  EXPECT_TRUE(names("djak").empty());
}

TEST_F(ReadModelTest, QueriesStopAtTheirDeadline) {
  std::vector<v1::Change> changes;
  for (int i = 0; i < 3000; ++i) {
    changes.push_back(Upsert(i + 1, MakeEvent(absl::StrCat("e", i), "KG", Date(2018, 1 + i % 12))));
  }
  Apply(std::move(changes));
  auto stats = model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_MONTH}, {}, absl::Now() - absl::Seconds(1));
  EXPECT_EQ(stats.status().code(), absl::StatusCode::kDeadlineExceeded);
  // So does a timeline page.
  ListEventsQuery list;
  list.page_size = 10;
  EXPECT_EQ(model_->ListEvents(list, absl::Now() - absl::Seconds(1)).status().code(),
            absl::StatusCode::kDeadlineExceeded);
  // The connection goes back to the pool usable.
  stats = model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_MONTH}, {}, absl::InfiniteFuture());
  EXPECT_TRUE(stats.ok()) << stats.status();
}

TEST_F(ReadModelTest, MalformedChangesAreSkipped) {
  v1::Change no_resource;
  no_resource.set_sequence(1);
  no_resource.set_type(v1::CHANGE_TYPE_UPSERT);
  no_resource.set_resource_name("events/x");
  v1::Change wrong_kind = Upsert(2, MakeReport("r", "body"));
  wrong_kind.set_resource_name("events/r");
  Apply({no_resource, wrong_kind, Upsert(3, MakeEvent("ok", "KG", Date(2018)))});
  EXPECT_EQ(model_->cursor(), 3);
  EXPECT_EQ(ListAll({}), (std::vector<std::string>{"events/ok"}));
}

TEST_F(ReadModelTest, CallersSeeOnlyWhatTheirScopesAllow) {
  v1::Event open = MakeEvent("open", "KG", Date(2018, 1));
  AddParticipant(open, "askarov");
  v1::Event restricted = MakeEvent("restricted", "KG", Date(2018, 2));
  restricted.set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  AddParticipant(restricted, "askarov");
  v1::Participant* ngo = restricted.add_participants();
  ngo->set_entity("entities/ngo");
  ngo->set_display_name("Bir Duino");
  ngo->set_kind(v1::ENTITY_KIND_ORGANISATION);
  v1::Event secret = MakeEvent("secret", "KG", Date(2018, 3));
  secret.set_confidentiality(v1::CONFIDENTIALITY_CONFIDENTIAL);
  AddParticipant(secret, "askarov");
  Apply({Upsert(1, MakeEntity("askarov", "Azimjan Askarov")), Upsert(2, open),
         Upsert(3, restricted), Upsert(4, secret)});

  const Access everything;
  const Access plain{/*restricted=*/false, /*confidential=*/false};
  EXPECT_EQ(ListAll({}, SortDirection::kAscending, 3, everything).size(), 3u);
  EXPECT_EQ(ListAll({}, SortDirection::kAscending, 3, plain),
            (std::vector<std::string>{"events/open", "events/restricted"}));

  // Persons in restricted events are withheld, and do not match filters.
  auto got = model_->GetEvent("events/restricted", plain, absl::InfiniteFuture());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->participants(0).entity(), "");
  EXPECT_EQ(got->participants(0).display_name(), "[withheld]");
  EXPECT_EQ(got->participants(1).entity(), "entities/ngo");
  v1::EventFilter by_person;
  by_person.add_entities("entities/askarov");
  EXPECT_EQ(ListAll(by_person, SortDirection::kAscending, 3, plain),
            (std::vector<std::string>{"events/open"}));
  v1::EventFilter by_ngo;
  by_ngo.add_entities("entities/ngo");
  EXPECT_EQ(ListAll(by_ngo, SortDirection::kAscending, 3, plain).size(), 1u);

  // Confidential events do not exist for them, not even as counts.
  EXPECT_EQ(model_->GetEvent("events/secret", plain, absl::InfiniteFuture()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(model_->GetEvent("events/secret", everything, absl::InfiniteFuture()).ok());
  auto stats = model_->ComputeStatistics({}, {v1::STATISTICS_DIMENSION_ENTITY}, plain,
                                         absl::InfiniteFuture());
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total, 2);
  ASSERT_EQ(stats->rows.size(), 2u);
  EXPECT_EQ(stats->rows[0].keys[0], "entities/askarov");
  EXPECT_EQ(stats->rows[0].count, 1);
  auto person = model_->GetEntity("entities/askarov", plain, absl::InfiniteFuture());
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->event_count(), 1);
  EXPECT_EQ(person->last_event_date().month(), 1);
  person = model_->GetEntity("entities/askarov", everything, absl::InfiniteFuture());
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->event_count(), 3);
}

TEST(ReadModelOpenTest, FailsClearlyOnAFileThatIsNotADatabase) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "read_model_bad";
  std::filesystem::create_directories(dir);
  {
    std::FILE* f = std::fopen((dir / "query.db").c_str(), "w");
    std::fputs("this is not a database, just some text that is long enough to matter......", f);
    std::fclose(f);
  }
  auto model = ReadModel::Open((dir / "query.db").string(), {});
  EXPECT_FALSE(model.ok());
  std::filesystem::remove_all(dir);
}

// The event_counts summary follows updates and deletions, and the totals
// and statistics it answers agree with the events ListEvents pages through,
// for whole-month and whole-year ranges (summary) as for day ranges
// (events), with events spanning into the next year.

TEST_F(ReadModelTest, BulkLoadDefersIndexesAndBuildsThemAtTheEnd) {
  auto index_count = [&]() {
    auto db = sqlite::Database::Open((dir_ / "query.db").string(), /*read_only=*/true);
    EXPECT_TRUE(db.ok());
    auto st = (*db)->Prepare(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_by_date'");
    EXPECT_TRUE(st.ok());
    auto row = st->Step();
    EXPECT_TRUE(row.ok() && *row);
    return st->ColumnInt(0);
  };
  const int64_t head = 1000000;
  std::vector<v1::Change> changes;
  for (int i = 0; i < 10; ++i) {
    changes.push_back(Upsert(i + 1, MakeEvent(absl::StrCat("e", i), "KG", Date(2018, 1 + i))));
  }
  ASSERT_TRUE(model_->Apply(Batch(std::move(changes), head)).ok());
  EXPECT_EQ(index_count(), 0);
  v1::EventFilter kg;
  kg.add_country_codes("KG");
  EXPECT_EQ(ListAll(kg).size(), 10u);
  Reopen();
  EXPECT_EQ(index_count(), 0);
  // The last batch: the indexes come back, in the same transaction.
  ASSERT_TRUE(model_->Apply(Batch({Upsert(head, MakeEvent("last", "KG", Date(2019)))}, head)).ok());
  EXPECT_EQ(index_count(), 1);
  EXPECT_EQ(ListAll(kg).size(), 11u);
  EXPECT_EQ(TotalOf(kg), 11);
}

}  // namespace
}  // namespace civicwatch::query
