// Text search pages whose cost does not grow with the matches
// (TextSearchPlan::kAdaptive): the same pages, in the same order, as
// finding every match first (TextSearchPlan::kEveryMatch), whichever way
// the adaptive plan takes; totals exact up to kExactTotalBound and a lower
// bound beyond.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/query/read_model.h"
#include "services/query/test_changes.h"
#include "services/query/test_paging.h"

namespace civicwatch::query {
namespace {

using testing::Batch;
using testing::Date;
using testing::MakeEvent;
using testing::Upsert;

class TextSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           absl::StrCat("text_search_test_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto model = ReadModel::Open((dir_ / "query.db").string(), {});
    ASSERT_TRUE(model.ok()) << model.status();
    model_ = std::move(*model);
  }
  void TearDown() override {
    model_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Adds an event of `country` with a random date (some undated) whose
  // summary holds "monitors" when `with_word`.
  void AddEvent(const std::string& country, bool with_word) {
    const int i = next_++;
    const int precision = absl::Uniform(random_, 0, 4);
    const int year = absl::Uniform(random_, 2015, 2020);
    const int month = absl::Uniform(random_, 1, 13);
    v1::PartialDate date = precision == 0   ? Date(0)
                           : precision == 1 ? Date(year)
                           : precision == 2 ? Date(year, month)
                                            : Date(year, month, absl::Uniform(random_, 1, 29));
    v1::Event event = MakeEvent(absl::StrCat("e", i), country, date, v1::CATEGORY_DETENTION);
    event.set_review_state(v1::REVIEW_STATE_SUGGESTED);
    event.set_summary(absl::StrCat("Event ", i, with_word ? " seen by monitors" : " seen"));
    if (with_word) with_word_[country].insert(event.name());
    pending_.push_back(Upsert(++sequence_, event));
    if (pending_.size() == 2000) Flush();
  }
  void Flush() {
    if (pending_.empty()) return;
    absl::Status s = model_->Apply(Batch(std::move(pending_)));
    ASSERT_TRUE(s.ok()) << s;
    pending_.clear();
  }

  // Every page of `filter` with `plan`, as event names.
  std::vector<std::string> ListAll(const v1::EventFilter& filter, TextSearchPlan plan,
                                   SortDirection direction, int page_size) {
    ListEventsQuery query;
    query.filter = filter;
    query.text_plan = plan;
    query.direction = direction;
    query.page_size = page_size;
    auto names = testing::AllEventNames(*model_, query);
    EXPECT_TRUE(names.ok()) << names.status();
    return names.ok() ? *names : std::vector<std::string>();
  }

  EventPage FirstPage(const v1::EventFilter& filter) {
    ListEventsQuery query;
    query.filter = filter;
    query.page_size = 10;
    auto page = model_->ListEvents(query, absl::InfiniteFuture());
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? *page : EventPage();
  }

  // Checks that both plans page `filter` alike, in both directions, and
  // that the pages hold exactly `expected`.
  void ExpectSamePages(const v1::EventFilter& filter, const std::set<std::string>& expected) {
    for (SortDirection direction : {SortDirection::kAscending, SortDirection::kDescending}) {
      for (int page_size : {40, 250}) {
        const std::vector<std::string> adaptive =
            ListAll(filter, TextSearchPlan::kAdaptive, direction, page_size);
        EXPECT_EQ(adaptive, ListAll(filter, TextSearchPlan::kEveryMatch, direction, page_size))
            << filter.ShortDebugString() << " page_size " << page_size;
        EXPECT_EQ(std::set<std::string>(adaptive.begin(), adaptive.end()), expected)
            << filter.ShortDebugString();
        EXPECT_EQ(adaptive.size(), expected.size()) << "an event on two pages";
      }
    }
  }

  std::filesystem::path dir_;
  std::unique_ptr<ReadModel> model_;
  absl::BitGen random_;
  int next_ = 0;
  int64_t sequence_ = 0;
  std::vector<v1::Change> pending_;
  std::map<std::string, std::set<std::string>> with_word_;  // By country.
};

TEST_F(TextSearchTest, AWordInManyEventsIsWalkedInPageOrderAndPagesAsEveryMatchFindsThem) {
  // 2,400 of 6,000 events hold the word: more than a walk starts from.
  for (int i = 0; i < 6000; ++i) AddEvent(i % 2 == 0 ? "KG" : "KZ", i % 5 < 2);
  Flush();
  std::set<std::string> every;
  for (const auto& [country, names] : with_word_) every.insert(names.begin(), names.end());
  ASSERT_GE(every.size(), 2000u);

  v1::EventFilter filter;
  filter.set_text("Monitors");
  ExpectSamePages(filter, every);
  EventPage first = FirstPage(filter);
  EXPECT_EQ(first.total_size, static_cast<int64_t>(every.size()));
  EXPECT_FALSE(first.total_size_is_lower_bound);

  filter.add_country_codes("KZ");
  ExpectSamePages(filter, with_word_["KZ"]);
  first = FirstPage(filter);
  EXPECT_EQ(first.total_size, static_cast<int64_t>(with_word_["KZ"].size()));
  EXPECT_FALSE(first.total_size_is_lower_bound);
}

TEST_F(TextSearchTest, AWordRareInTheRestOfTheFilterIsFoundFromItsMatches) {
  // 2,500 KZ events hold the word, only 3 of the 9,000 KG events do: a
  // walk over KG would test every KG event for a page of 3.
  for (int i = 0; i < 2500; ++i) AddEvent("KZ", true);
  for (int i = 0; i < 9000; ++i) AddEvent("KG", i % 3100 == 5);
  Flush();
  ASSERT_EQ(with_word_["KG"].size(), 3u);
  v1::EventFilter filter;
  filter.set_text("monitors");
  filter.add_country_codes("KG");
  ExpectSamePages(filter, with_word_["KG"]);
  EXPECT_EQ(FirstPage(filter).total_size, 3);
}

TEST_F(TextSearchTest, TotalsBeyondTheBoundAreLowerBoundsAndSummaryCountsStayExact) {
  const int64_t events = kExactTotalBound + 300;
  for (int64_t i = 0; i < events; ++i) AddEvent("KG", true);
  Flush();

  v1::EventFilter text;
  text.set_text("monitors");
  EventPage page = FirstPage(text);
  EXPECT_EQ(page.total_size, kExactTotalBound);
  EXPECT_TRUE(page.total_size_is_lower_bound);
  EXPECT_EQ(page.events.size(), 10u);

  // No text, but a filter the summaries cannot count: counted up to the
  // bound through the indexes.
  v1::EventFilter by_review;
  by_review.add_review_states(v1::REVIEW_STATE_SUGGESTED);
  page = FirstPage(by_review);
  EXPECT_EQ(page.total_size, kExactTotalBound);
  EXPECT_TRUE(page.total_size_is_lower_bound);

  // Counted from the summaries: exact at any size.
  v1::EventFilter by_country;
  by_country.add_country_codes("KG");
  page = FirstPage(by_country);
  EXPECT_EQ(page.total_size, events);
  EXPECT_FALSE(page.total_size_is_lower_bound);

  // A few matches in many: exact.
  v1::EventFilter one;
  one.set_text("e77");
  EXPECT_EQ(FirstPage(one).total_size, 0);  // Words are whole: "e77" is no word here.
  one.set_text("77");
  page = FirstPage(one);
  EXPECT_EQ(page.total_size, 1);
  EXPECT_FALSE(page.total_size_is_lower_bound);
}

}  // namespace
}  // namespace civicwatch::query
