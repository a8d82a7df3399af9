#include "services/normalize/event_builder.h"

#include <gtest/gtest.h>

#include <string>

#include "services/normalize/sentence_reader.h"

namespace civicwatch::normalize {
namespace {

// Sentences of `body` read by the reading stage, for incidents made by hand.
struct Built {
  explicit Built(std::string text, std::string country = "KG")
      : body(std::move(text)), arena(body.size() * 2) {
    const std::vector<Paragraph> paragraphs = SplitParagraphs(body);
    metadata = ReadReportMetadata(body, paragraphs);
    read = ReadSentences(body, paragraphs, metadata, NormalizerOptions(), &arena, &resolver, &tally);
    report.set_country_code(country);
    sources.body = body;
    sources.report = &report;
    sources.sentences = &read.sentences;
    sources.places = &read.places;
    sources.entities = &resolver.entities();
  }
  // An incident anchored in sentence `k` naming every entity it mentions.
  Incident IncidentAt(size_t k) const {
    Incident inc;
    inc.sentence = k;
    inc.end_token = read.sentences[k].token_count;
    for (int id : read.sentences[k].entity_ids) {
      if (id >= 0) inc.entities.push_back(id);
    }
    return inc;
  }

  std::string body;
  SentenceArena arena;
  EntityResolver resolver;
  CountryTally tally;
  ReportMetadata metadata;
  ReadText read;
  v1::Report report;
  EventSources sources;
};

TEST(EventBuilderTest, AnEventOfAnIncident) {
  Built b("Title\n\nPolice detained Aibek Asanov in Osh on 3 May 2023. He was released the next day.\n");
  Incident inc = b.IncidentAt(0);
  inc.date = {2023, 5, 3};
  inc.category = v1::CATEGORY_DETENTION;
  inc.freedom = v1::FREEDOM_EXPRESSION;
  inc.negative = 3;
  inc.follow_ups = {1};
  const BuiltEvents out = BuildEvents(b.sources, {inc});
  ASSERT_EQ(out.events.size(), 1u);
  const v1::Event& ev = out.events[0];
  EXPECT_EQ(ev.country_code(), "KG");
  EXPECT_EQ(ev.date().year(), 2023);
  EXPECT_EQ(ev.date().day(), 3);
  EXPECT_FALSE(ev.has_end_date());
  EXPECT_EQ(ev.category(), v1::CATEGORY_DETENTION);
  EXPECT_EQ(ev.valence(), v1::VALENCE_NEGATIVE);
  EXPECT_EQ(ev.location(), "Osh");
  EXPECT_EQ(ev.summary(), "Police detained Aibek Asanov in Osh on 3 May 2023.");
  ASSERT_EQ(ev.provenance_size(), 1);
  EXPECT_EQ(ev.provenance(0).start_offset(), static_cast<int64_t>(b.body.find("Police")));
  EXPECT_EQ(ev.provenance(0).end_offset(), static_cast<int64_t>(b.body.find("day.") + 4))
      << "the provenance runs over the follow-ups";
  ASSERT_EQ(ev.participants_size(), 2);
  EXPECT_EQ(ev.participants(0).display_name(), "Police");
  EXPECT_EQ(ev.participants(0).role(), v1::ROLE_PERPETRATOR);
  EXPECT_EQ(ev.participants(1).display_name(), "Aibek Asanov");
  EXPECT_EQ(ev.participants(1).role(), v1::ROLE_VICTIM);
  ASSERT_EQ(out.entities.size(), 2u);
  EXPECT_EQ(out.entities[1].name(), ev.participants(1).entity());
  EXPECT_EQ(out.entities[1].country_code(), "KG");
  EXPECT_TRUE(out.warnings.empty());
}

TEST(EventBuilderTest, UndatedIncidentsAndNoIncidentsAreWarned) {
  Built b("Title\n\nAibek Asanov was detained.\n");
  const BuiltEvents one = BuildEvents(b.sources, {b.IncidentAt(0)});
  ASSERT_EQ(one.warnings.size(), 1u);
  EXPECT_EQ(one.warnings[0].code(), "UNDATED_EVENT");
  EXPECT_EQ(one.warnings[0].start_offset(), static_cast<int64_t>(b.body.find("Aibek")));
  const BuiltEvents none = BuildEvents(b.sources, {});
  ASSERT_EQ(none.warnings.size(), 1u);
  EXPECT_EQ(none.warnings[0].code(), "NO_EVENTS");
  EXPECT_TRUE(none.entities.empty()) << "only entities an event names";
}

// Undated, only an act done to a named person is an event; a response, or
// an act with no one named, is a warning with its span.
TEST(EventBuilderTest, AnUndatedIncidentIsAnEventOnlyAsAnActToANamedPerson) {
  Built b("Title\n\nPolice searched an office in Osh. The Committee called for an inquiry. "
          "Aibek Asanov was beaten in custody.\n");
  b.sources.category_model = false;
  std::vector<Incident> incidents = {b.IncidentAt(0), b.IncidentAt(1), b.IncidentAt(2)};
  incidents[0].category = v1::CATEGORY_RAID;
  incidents[1].category = v1::CATEGORY_ADVOCACY;
  incidents[2].category = v1::CATEGORY_ATTACK;
  const BuiltEvents out = BuildEvents(b.sources, incidents);
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].summary(), "Aibek Asanov was beaten in custody.");
  ASSERT_EQ(out.warnings.size(), 3u);
  EXPECT_EQ(out.warnings[0].code(), "UNDATED_MENTION");
  EXPECT_EQ(out.warnings[0].start_offset(), static_cast<int64_t>(b.body.find("Police")));
  EXPECT_EQ(out.warnings[1].code(), "UNDATED_MENTION");
  EXPECT_EQ(out.warnings[1].start_offset(), static_cast<int64_t>(b.body.find("The Committee")));
  EXPECT_EQ(out.warnings[2].code(), "UNDATED_EVENT");
  auto names_police = [](const BuiltEvents& built) {
    for (const v1::Entity& e : built.entities) {
      if (e.display_name() == "Police") return true;
    }
    return false;
  };
  EXPECT_FALSE(names_police(out)) << "named only by a left-out incident";
  EventSources all = b.sources;
  all.undated_acts_only = false;
  const BuiltEvents everything = BuildEvents(all, incidents);
  EXPECT_EQ(everything.events.size(), 3u);
  EXPECT_TRUE(names_police(everything));
}

TEST(EventBuilderTest, AForeignCityMovesTheEventToItsCountry) {
  Built b("Title\n\nOn 3 May 2023 Aibek Asanov was detained in Almaty.\n");
  const BuiltEvents out = BuildEvents(b.sources, {b.IncidentAt(0)});
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].location(), "Almaty");
  EXPECT_EQ(out.events[0].country_code(), "KZ");
}

TEST(EventBuilderTest, ARangeKeepsItsEndDate) {
  Built b("Title\n\nFrom 3 to 5 May 2023 Aibek Asanov was held.\n");
  Incident inc = b.IncidentAt(0);
  inc.date = {2023, 5, 3};
  inc.end_date = {2023, 5, 5};
  const BuiltEvents out = BuildEvents(b.sources, {inc});
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].end_date().day(), 5);
}

}  // namespace
}  // namespace civicwatch::normalize
