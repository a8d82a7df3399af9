#include "services/query/synthetic_feed.h"

#include "absl/random/distributions.h"
#include "absl/strings/str_cat.h"
#include "services/query/test_changes.h"

namespace civicwatch::query::testing {

SyntheticFeed::SyntheticFeed(const Options& options)
    : options_(options), random_(options.seed) {
  const int64_t reports =
      (options_.events + options_.events_per_report - 1) / options_.events_per_report;
  head_ = options_.entities + reports + options_.events;
}

const std::vector<std::string>& SyntheticFeed::Countries() {
  static const auto* countries = new std::vector<std::string>{
      "KG", "KZ", "UZ", "TJ", "TM", "RU", "BY", "AZ", "AM", "GE",
      "UA", "MD", "TR", "IR", "AF", "PK", "CN", "MN", "EG", "ET"};
  return *countries;
}

v1::WatchChangesResponse SyntheticFeed::NextBatch(int max_changes) {
  v1::WatchChangesResponse batch;
  while (batch.changes_size() < max_changes && sequence_ < head_) {
    *batch.add_changes() = NextChange();
  }
  batch.set_head_sequence(head_);
  return batch;
}

v1::Change SyntheticFeed::NextChange() {
  ++sequence_;
  if (entities_sent_ < options_.entities) {
    int i = entities_sent_++;
    return Upsert(sequence_, MakeEntity(absl::StrCat("p", i), absl::StrCat("Person Number", i),
                                        {absl::StrCat("Number", i)}));
  }
  if (events_sent_ % options_.events_per_report == 0 &&
      report_index_ < events_sent_ / options_.events_per_report) {
    ++report_index_;
    body_.clear();
    for (int i = 0; i < options_.events_per_report; ++i) {
      absl::StrAppend(&body_, "Paragraph ", i, ": on a given day the police detained an ",
                      "activist after a peaceful protest; the court later fined him. ");
    }
    return Upsert(sequence_, MakeReport(absl::StrCat("r", report_index_), body_));
  }

  const int64_t i = events_sent_++;
  const auto& countries = Countries();
  // Countries skewed like real coverage: a Zipf over the list.
  int country = static_cast<int>(absl::Zipf<int>(random_, countries.size() - 1, 1.2));
  int year = absl::Uniform(random_, 2010, 2024);
  int month = absl::Uniform(random_, 1, 13);
  int day = absl::Uniform(random_, 1, 29);
  double p = absl::Uniform(random_, 0.0, 1.0);
  v1::PartialDate date = p < 0.70   ? Date(year, month, day)
                         : p < 0.85 ? Date(year, month)
                         : p < 0.95 ? Date(year)
                                    : Date(0);
  v1::Event event = MakeEvent(absl::StrCat("e", i), countries[country], date,
                              static_cast<v1::Category>(absl::Uniform(random_, 1, 25)));
  // Summaries with words of known frequencies for text search: "monitors"
  // in a third of the events, "tribunal" in one in a thousand.
  event.set_summary(absl::StrCat("Event e", i, " happened",
                                 i % 3 == 0 ? "; monitors saw it" : "",
                                 i % 1000 == 7 ? " before a tribunal" : "", "."));
  event.set_freedom(static_cast<v1::Freedom>(absl::Uniform(random_, 0, 4)));
  event.set_valence(static_cast<v1::Valence>(absl::Uniform(random_, 1, 4)));
  if (absl::Uniform(random_, 0, 10) == 0) {
    *event.mutable_end_date() = date;
    event.mutable_end_date()->set_year(date.year() == 0 ? 0 : date.year() + 1);
  }
  int participants = absl::Uniform(random_, 0, 4);
  for (int k = 0; k < participants; ++k) {
    int entity = absl::Zipf<int>(random_, options_.entities - 1, 1.1);
    AddParticipant(event, absl::StrCat("p", entity),
                   static_cast<v1::Role>(absl::Uniform(random_, 1, 5)));
  }
  int64_t paragraph = i % options_.events_per_report;
  int64_t start = static_cast<int64_t>(body_.size()) / options_.events_per_report * paragraph;
  AddProvenance(event, absl::StrCat("r", report_index_), start, start + 60);
  return Upsert(sequence_, event);
}

}  // namespace civicwatch::query::testing
