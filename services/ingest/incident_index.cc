#include "services/ingest/incident_index.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <string_view>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "services/common/partial_date.h"
#include "services/common/errors.h"
#include "services/ingest/incident_matching.h"

namespace civicwatch::ingest {
namespace {

constexpr uint32_t kNamesPeople = 1u << 31;
constexpr uint32_t kMaxYear = (1u << 14) - 1;
// A journal longer than this is given back once committed (the build at
// open, a large re-normalisation), so it does not hold its peak for the
// store's life.
constexpr size_t kKeptJournal = 1 << 16;
// Entries in one chunk of the pool: 1 MiB.
constexpr size_t kChunkEntries = 1 << 16;

// SplitMix64's finaliser: every bit of the result depends on every bit of
// `x`.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// The bucket of `key` for incidents of `country`, people named or not, and
// `year` (0: undated).
uint64_t BucketOf(absl::string_view key, uint16_t country, bool names_people, uint32_t year) {
  const uint64_t key_hash = std::hash<std::string_view>{}(std::string_view(key.data(), key.size()));
  const uint64_t rest = (static_cast<uint64_t>(country) << 32) |
                        (static_cast<uint64_t>(names_people) << 16) | year;
  return Mix(key_hash ^ Mix(rest + 0x9e3779b97f4a7c15ULL));
}

// Leading decimal digits of `s` from `pos` (moved past them), at most
// `max`.
uint32_t ReadNumber(absl::string_view s, size_t& pos, uint32_t max) {
  uint64_t v = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    v = std::min<uint64_t>(v * 10 + (s[pos] - '0'), max);
    ++pos;
  }
  return static_cast<uint32_t>(v);
}

// A date as the index keeps it: year << 9 | month << 5 | day (each 0
// when not given).
uint32_t PackDate(uint32_t year, uint32_t month, uint32_t day) { return year << 9 | month << 5 | day; }

// The date of a date_key ("YYYY-MM-DD/..." at its precision, IncidentDateKey)
// as year << 9 | month << 5 | day; 0 when undated.
uint32_t DateCode(absl::string_view date_key) {
  const absl::string_view date = date_key.substr(0, date_key.find('/'));
  if (date.empty()) return 0;
  size_t pos = 0;
  const uint32_t year = std::max<uint32_t>(ReadNumber(date, pos, kMaxYear), 1);
  uint32_t month = 0, day = 0;
  if (pos < date.size() && date[pos] == '-') {
    ++pos;
    month = ReadNumber(date, pos, 15);
  }
  if (pos < date.size() && date[pos] == '-') {
    ++pos;
    day = ReadNumber(date, pos, 31);
  }
  return PackDate(year, month, day);
}

uint32_t YearOf(uint32_t date) { return (date & ~kNamesPeople) >> 9; }

// Whether dates `a` and `b` (DateCode) are of one year and one lies inside
// the other: what the date ranges of a look-up meet.
bool Nested(uint32_t a, uint32_t b) {
  if (YearOf(a) != YearOf(b)) return false;
  const uint32_t ma = (a >> 5) & 15, mb = (b >> 5) & 15;
  if (ma == 0 || mb == 0) return true;
  if (ma != mb) return false;
  const uint32_t da = a & 31, db = b & 31;
  return da == 0 || db == 0 || da == db;
}

// The days before and after `date` (DateCode of a day), as DateCodes.
std::pair<uint32_t, uint32_t> NeighbourDays(uint32_t date) {
  const absl::CivilDay day(YearOf(date), (date >> 5) & 15, date & 31);
  auto code = [](const absl::CivilDay& d) {
    return PackDate(static_cast<uint32_t>(d.year()), static_cast<uint32_t>(d.month()),
                    static_cast<uint32_t>(d.day()));
  };
  return {code(day - 1), code(day + 1)};
}

uint16_t CategoryCode(int64_t category) {
  return category < 0 || category > 0xFFFF ? 0xFFFF : static_cast<uint16_t>(category);
}

}  // namespace

uint16_t IncidentIndex::CountryCode(const std::string& country_code, bool intern) {
  if (auto it = countries_.find(country_code); it != countries_.end()) return it->second;
  if (!intern || countries_.size() >= 0xFFFF) return 0xFFFF;
  const auto code = static_cast<uint16_t>(countries_.size());
  countries_.emplace(country_code, code);
  return code;
}

IncidentIndex::Entry IncidentIndex::EntryOf(int64_t event, const IncidentFiling& filing) {
  Entry e;
  e.event = event;
  e.date = DateCode(filing.date_key) | (filing.people.empty() ? 0 : kNamesPeople);
  e.country = CountryCode(filing.country_code, /*intern=*/true);
  e.category = CategoryCode(filing.category);
  return e;
}

IncidentIndex::Entry* IncidentIndex::Pool::Allocate(uint32_t capacity) {
  const int k = __builtin_ctz(capacity);
  if (Entry* block = free_[k]; block != nullptr) {
    std::memcpy(&free_[k], block, sizeof(Entry*));
    return block;
  }
  if (left_ < capacity) {
    KeepRest();
    const size_t size = std::max<size_t>(kChunkEntries, capacity);
    chunks_.push_back(std::make_unique<Entry[]>(size));
    bytes_ += static_cast<int64_t>(size * sizeof(Entry));
    next_ = chunks_.back().get();
    left_ = size;
  }
  Entry* block = next_;
  next_ += capacity;
  left_ -= capacity;
  return block;
}

void IncidentIndex::Pool::Free(Entry* block, uint32_t capacity) {
  const int k = __builtin_ctz(capacity);
  std::memcpy(block, &free_[k], sizeof(Entry*));
  free_[k] = block;
}

void IncidentIndex::Pool::KeepRest() {
  while (left_ >= 2) {
    const auto capacity =
        static_cast<uint32_t>(1u << (63 - __builtin_clzll(std::min<size_t>(left_, 1u << 30))));
    Free(next_, capacity);
    next_ += capacity;
    left_ -= capacity;
  }
  left_ = 0;
}

void IncidentIndex::Insert(uint64_t bucket, const Entry& entry) {
  Bucket& b = buckets_[bucket];
  if (b.size == b.capacity) {
    const uint32_t capacity = b.capacity * 2;
    Entry* block = pool_.Allocate(capacity);
    std::copy(b.data(), b.data() + b.size, block);
    if (b.capacity > 1) pool_.Free(b.many, b.capacity);
    b.many = block;
    b.capacity = capacity;
  }
  b.data()[b.size++] = entry;
  ++entries_;
}

bool IncidentIndex::Erase(uint64_t bucket, const Entry& entry) {
  auto it = buckets_.find(bucket);
  if (it == buckets_.end()) return false;
  Bucket& b = it->second;
  Entry* begin = b.data();
  Entry* end = begin + b.size;
  // From the back: a rollback takes out the entries filed last first.
  Entry* at = nullptr;
  for (Entry* e = end; e != begin && at == nullptr;) {
    --e;
    if (e->event == entry.event && e->date == entry.date && e->country == entry.country &&
        e->category == entry.category) {
      at = e;
    }
  }
  if (at == nullptr) return false;
  // Entries are in no order: the last one takes the place of the one
  // taken out.
  *at = end[-1];
  --b.size;
  --entries_;
  if (b.size == 0) {
    if (b.capacity > 1) pool_.Free(b.many, b.capacity);
    buckets_.erase(it);
  }
  return true;
}

void IncidentIndex::File(int64_t event, const IncidentFiling& filing) {
  const Entry entry = EntryOf(event, filing);
  const uint32_t year = YearOf(entry.date);
  const bool names = (entry.date & kNamesPeople) != 0;
  for (absl::string_view key : absl::StrSplit(filing.match_keys, '\n', absl::SkipEmpty())) {
    const uint64_t bucket = BucketOf(key, entry.country, names, year);
    Insert(bucket, entry);
    journal_.push_back(Change{bucket, entry, /*filed=*/true});
  }
}

absl::Status IncidentIndex::Unfile(int64_t event, const IncidentFiling& filing) {
  const Entry entry = EntryOf(event, filing);
  const uint32_t year = YearOf(entry.date);
  const bool names = (entry.date & kNamesPeople) != 0;
  for (absl::string_view key : absl::StrSplit(filing.match_keys, '\n', absl::SkipEmpty())) {
    const uint64_t bucket = BucketOf(key, entry.country, names, year);
    if (!Erase(bucket, entry)) {
      return InternalError(absl::StrCat("the incident index does not hold event row ", event,
                                        " under key ", key));
    }
    journal_.push_back(Change{bucket, entry, /*filed=*/false});
  }
  return absl::OkStatus();
}

std::vector<int64_t> IncidentIndex::Find(const v1::Event& mention) const {
  std::vector<int64_t> out;
  const auto country = countries_.find(mention.country_code());
  if (country == countries_.end() && countries_.size() < 0xFFFF) return out;
  const uint16_t country_code = country == countries_.end() ? 0xFFFF : country->second;
  std::vector<uint16_t> categories;
  for (v1::Category c : CompatibleCategories(mention.category())) {
    categories.push_back(CategoryCode(c));
  }
  const uint32_t date = DateCode(IncidentDateKey(mention));
  const uint32_t year = YearOf(date);
  // An act at night told on a day meets the tellings of the day before and
  // after (ToldAcrossMidnight), which may stand in another year's buckets.
  const bool day_precise = (date & 31) != 0 && PrecisionOf(mention.end_date()) == DatePrecision::kUndated;
  const bool across_midnight = day_precise && ToldAcrossMidnight(mention.category());
  std::pair<uint32_t, uint32_t> neighbours{0, 0};
  std::vector<uint32_t> years = {year};
  if (across_midnight) {
    neighbours = NeighbourDays(date);
    for (uint32_t d : {neighbours.first, neighbours.second}) {
      if (YearOf(d) != year) years.push_back(YearOf(d));
    }
  }
  auto date_met = [&](const Entry& e) {
    const uint32_t d = e.date & ~kNamesPeople;
    // (An incident told over a span is read and found distinct.)
    return Nested(d, date) || (across_midnight && (d == neighbours.first || d == neighbours.second));
  };

  // A person the mention names finds the incidents naming that person; a
  // body or its place finds the incidents naming nobody (an incident
  // naming other people is another incident), or every incident when the
  // mention names nobody either.
  const std::vector<std::string> people = PeopleOf(mention);
  // (key, lowest and highest people named of the incidents it finds).
  std::vector<std::tuple<std::string, int, int>> lookups;
  for (const std::string& person : people) lookups.emplace_back(person, 1, 1);
  const int body_high = people.empty() ? 1 : 0;
  for (const auto& p : mention.participants()) {
    if (p.kind() != v1::ENTITY_KIND_PERSON && !p.entity().empty()) {
      lookups.emplace_back(p.entity(), 0, body_high);
    }
  }
  if (std::string place = PlaceKey(mention.location()); !place.empty()) {
    lookups.emplace_back(std::move(place), 0, body_high);
  }
  std::sort(lookups.begin(), lookups.end());
  lookups.erase(std::unique(lookups.begin(), lookups.end()), lookups.end());
  for (const auto& [key, low, high] : lookups) {
    for (int names = low; names <= high; ++names) {
      for (uint32_t y : years) {
        auto it = buckets_.find(BucketOf(key, country_code, names != 0, y));
        if (it == buckets_.end()) continue;
        const uint32_t names_bit = names != 0 ? kNamesPeople : 0;
        const Bucket& b = it->second;
        for (const Entry* e = b.data(); e != b.data() + b.size; ++e) {
          // A bucket shared by keys whose hashes collide holds others too.
          if (e->country != country_code || (e->date & kNamesPeople) != names_bit || !date_met(*e) ||
              std::find(categories.begin(), categories.end(), e->category) == categories.end()) {
            continue;
          }
          out.push_back(e->event);
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void IncidentIndex::Commit() {
  journal_.clear();
  if (journal_.capacity() > kKeptJournal) std::vector<Change>().swap(journal_);
}

void IncidentIndex::Rollback() {
  for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) {
    if (it->filed) {
      Erase(it->bucket, it->entry);
    } else {
      Insert(it->bucket, it->entry);
    }
  }
  Commit();
}

int64_t IncidentIndex::MemoryBytes() const {
  const auto slots = [](const auto& map) {
    using Slot = typename std::decay_t<decltype(map)>::value_type;
    // One control byte per slot beside the slot itself.
    return static_cast<int64_t>(map.capacity() * (sizeof(Slot) + 1));
  };
  int64_t bytes = slots(buckets_) + pool_.bytes() + slots(countries_);
  bytes += static_cast<int64_t>(journal_.capacity() * sizeof(Change));
  return bytes;
}

}  // namespace civicwatch::ingest
