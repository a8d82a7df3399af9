// The fixture of the read model's tests: a ReadModel on a fresh database
// in a temporary folder, and helpers to feed and page it.
#ifndef CIVICWATCH_SERVICES_QUERY_READ_MODEL_TEST_FIXTURE_H_
#define CIVICWATCH_SERVICES_QUERY_READ_MODEL_TEST_FIXTURE_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/query/read_model.h"
#include "services/query/test_changes.h"
#include "services/query/test_paging.h"

namespace civicwatch::query::testing {

// A date in 2015-2019 of random precision: none, year, month or day.
inline v1::PartialDate RandomDate(absl::BitGen& random) {
  const int precision = absl::Uniform(random, 0, 4);
  const int year = absl::Uniform(random, 2015, 2020);
  if (precision == 0) return Date(0);
  if (precision == 1) return Date(year);
  const int month = absl::Uniform(random, 1, 13);
  if (precision == 2) return Date(year, month);
  return Date(year, month, absl::Uniform(random, 1, 29));
}

class ReadModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           absl::StrCat("read_model_test_", ::testing::UnitTest::GetInstance()
                                                 ->current_test_info()
                                                 ->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    Reopen();
  }
  void TearDown() override {
    model_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Reopen(bool rebuild = false) {
    model_.reset();
    ReadModel::Options options;
    options.rebuild = rebuild;
    auto model = ReadModel::Open((dir_ / "query.db").string(), options);
    ASSERT_TRUE(model.ok()) << model.status();
    model_ = std::move(*model);
  }

  void Apply(std::vector<v1::Change> changes) {
    absl::Status s = model_->Apply(Batch(std::move(changes)));
    ASSERT_TRUE(s.ok()) << s;
  }

  // Every page of `filter` in `direction`, as event names.
  std::vector<std::string> ListAll(const v1::EventFilter& filter,
                                   SortDirection direction = SortDirection::kAscending,
                                   int page_size = 3, const Access& access = {}) {
    ListEventsQuery query;
    query.filter = filter;
    query.access = access;
    query.direction = direction;
    query.page_size = page_size;
    auto names = testing::AllEventNames(*model_, query);
    EXPECT_TRUE(names.ok()) << names.status();
    return names.ok() ? *names : std::vector<std::string>();
  }

  int64_t TotalOf(const v1::EventFilter& filter) {
    ListEventsQuery query;
    query.filter = filter;
    query.page_size = 1;
    auto page = model_->ListEvents(query, absl::InfiniteFuture());
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->total_size : -1;
  }

  std::filesystem::path dir_;
  std::unique_ptr<ReadModel> model_;
};

}  // namespace civicwatch::query::testing

#endif  // CIVICWATCH_SERVICES_QUERY_READ_MODEL_TEST_FIXTURE_H_
