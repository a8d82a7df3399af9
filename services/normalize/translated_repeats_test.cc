#include "services/normalize/translated_repeats.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "services/normalize/normalizer.h"

namespace civicwatch::normalize {
namespace {

std::vector<v1::Event> EventsOf(const std::string& body) {
  v1::Report report;
  report.set_body(body);
  auto result = NormalizeReport(report);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? result->events : std::vector<v1::Event>{};
}

std::multimap<std::string, v1::Category> ByDate(const std::vector<v1::Event>& events) {
  std::multimap<std::string, v1::Category> out;
  for (const auto& e : events) {
    out.emplace(std::to_string(e.date().year()) + "-" + std::to_string(e.date().month()) + "-" +
                    std::to_string(e.date().day()),
                e.category());
  }
  return out;
}

const char kEnglish[] =
    "Journalist detained in Minsk\n\n"
    "On 3 March 2023 police in Minsk detained the journalist Pavel Sadovsky at his home.\n\n"
    "On 10 April 2023 a court in Minsk sentenced Pavel Sadovsky to three years in prison.\n\n";
const char kRussian[] =
    "Журналист задержан в Минске\n\n"
    "3 марта 2023 года милиция в Минске задержала журналиста Павла Садовского у него дома.\n\n"
    "10 апреля 2023 года суд в Минске приговорил Павла Садовского к трём годам лишения свободы.\n";

TEST(TranslatedRepeatsTest, AStoryToldInTwoLanguagesIsCountedOnce) {
  const auto english_only = EventsOf(kEnglish);
  ASSERT_EQ(english_only.size(), 2u);
  const auto both = EventsOf(std::string(kEnglish) + kRussian);
  EXPECT_EQ(ByDate(both), ByDate(english_only));
}

TEST(TranslatedRepeatsTest, TheFirstLanguageIsKeptWhicheverItIs) {
  const auto russian_only = EventsOf(kRussian);
  ASSERT_EQ(russian_only.size(), 2u);
  const auto both = EventsOf(std::string(kRussian) + "\n" + kEnglish);
  ASSERT_EQ(both.size(), 2u);
  // The events' provenance points into the Russian part, told first.
  for (const auto& e : both) EXPECT_LT(e.provenance(0).end_offset(), sizeof(kRussian));
}

TEST(TranslatedRepeatsTest, OtherActsInTheSecondLanguageStay) {
  const std::string body = std::string(kEnglish) + kRussian +
                           "\n5 мая 2023 года сотрудники КГБ провели обыск в офисе правозащитного центра.\n";
  const auto events = EventsOf(body);
  EXPECT_EQ(events.size(), 3u);
}

TEST(TranslatedRepeatsTest, TheIncidentsKeptKeepTheirParticipants) {
  const auto both = EventsOf(std::string(kEnglish) + kRussian);
  ASSERT_EQ(both.size(), 2u);
  for (const auto& e : both) {
    bool sadovsky = false;
    for (const auto& p : e.participants()) sadovsky |= p.display_name() == "Pavel Sadovsky";
    EXPECT_TRUE(sadovsky) << e.summary();
  }
}

}  // namespace
}  // namespace civicwatch::normalize
