#include "services/query/new_event_counts.h"

#include <tuple>
#include <utility>

namespace civicwatch::query {
namespace {

// event_counts_by_category's combination: no freedom or valence.
struct ByCategoryKey {
  std::string country;
  int64_t year, month, category, confidentiality, last_month;

  auto Columns() const {
    return std::tie(country, year, month, category, confidentiality, last_month);
  }
  bool operator<(const ByCategoryKey& other) const { return Columns() < other.Columns(); }
};

// event_counts_all_countries' combination.
struct AllCountriesKey {
  int64_t year, month, category, confidentiality;

  auto Columns() const { return std::tie(year, month, category, confidentiality); }
  bool operator<(const AllCountriesKey& other) const { return Columns() < other.Columns(); }
};

constexpr char kAddToCount[] = " ON CONFLICT DO UPDATE SET n = n + excluded.n";

// Adds one row to `buffer`: a key's columns, then its count.
template <typename Key>
void AddCountRow(RowBuffer& buffer, const Key& key, int64_t n) {
  std::apply([&](const auto&... column) { (buffer.Add(column), ...); }, key.Columns());
  buffer.Add(n);
}

}  // namespace

absl::StatusOr<std::unique_ptr<NewEventCounts>> NewEventCounts::Create(sqlite::Database& db) {
  std::unique_ptr<NewEventCounts> counts(new NewEventCounts());
  const struct {
    std::unique_ptr<RowBuffer>* buffer;
    const char* insert;
    int columns;
  } tables[] = {
      {&counts->event_counts_,
       "INSERT INTO event_counts(country, year, month, category, freedom, valence,"
       " confidentiality, last_month, n)",
       9},
      {&counts->by_category_,
       "INSERT INTO event_counts_by_category(country, year, month, category, confidentiality,"
       " last_month, n)",
       7},
      {&counts->all_countries_,
       "INSERT INTO event_counts_all_countries(year, month, category, confidentiality, n)", 5},
  };
  for (const auto& table : tables) {
    auto buffer = RowBuffer::Create(db, table.insert, table.columns, kAddToCount);
    if (!buffer.ok()) return buffer.status();
    *table.buffer = std::move(*buffer);
  }
  return counts;
}

absl::Status NewEventCounts::Flush() {
  std::map<ByCategoryKey, int64_t> by_category;
  std::map<AllCountriesKey, int64_t> all_countries;
  for (const auto& [key, n] : counts_) {
    AddCountRow(*event_counts_, key, n);
    by_category[{key.country, key.year, key.month, key.category, key.confidentiality,
                 key.last_month}] += n;
    all_countries[{key.year, key.month, key.category, key.confidentiality}] += n;
  }
  for (const auto& [key, n] : by_category) AddCountRow(*by_category_, key, n);
  for (const auto& [key, n] : all_countries) AddCountRow(*all_countries_, key, n);
  counts_.clear();
  absl::Status s = event_counts_->Flush();
  if (absl::Status c = by_category_->Flush(); s.ok()) s = c;
  if (absl::Status c = all_countries_->Flush(); s.ok()) s = c;
  return s;
}

void NewEventCounts::Clear() {
  counts_.clear();
  event_counts_->Clear();
  by_category_->Clear();
  all_countries_->Clear();
}

}  // namespace civicwatch::query
