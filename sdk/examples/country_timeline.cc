// Prints a country's timeline: every event, oldest first.
//
//   country_timeline KG [FROM [TO]]      dates as YYYY, YYYY-MM or YYYY-MM-DD
//
// The servers are found at the default loopback addresses, or at
// $CIVICWATCH_QUERY_ADDRESS; $CIVICWATCH_TOKEN is sent when set.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include <civicwatch/client.h>

#include "example_setup.h"

namespace {

// "2018-06" -> {2018, 6, 0}. Minimal parsing for an example; the
// civicwatch CLI validates more carefully.
civicwatch::v1::PartialDate ParseDate(const std::string& text) {
  civicwatch::v1::PartialDate date;
  int y = 0, m = 0, d = 0;
  std::sscanf(text.c_str(), "%d-%d-%d", &y, &m, &d);
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

std::string FormatDate(const civicwatch::v1::PartialDate& d) {
  char buffer[16];
  if (d.year() == 0) return "undated";
  if (d.month() == 0) std::snprintf(buffer, sizeof buffer, "%04d", d.year());
  else if (d.day() == 0) std::snprintf(buffer, sizeof buffer, "%04d-%02d", d.year(), d.month());
  else std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  civicwatch_examples::ExitUnlessArguments(argc, 1, 3, "country_timeline CC [FROM [TO]]");
  std::unique_ptr<civicwatch::Client> client = civicwatch_examples::ClientFromEnvironment();

  civicwatch::v1::EventFilter filter;
  filter.add_country_codes(argv[1]);
  if (argc > 2) *filter.mutable_start_date() = ParseDate(argv[2]);
  if (argc > 3) *filter.mutable_end_date() = ParseDate(argv[3]);

  // The range fetches pages as it goes; an error is its last element.
  int count = 0;
  for (const absl::StatusOr<civicwatch::v1::Event>& event : client->ListEvents(filter)) {
    if (!event.ok()) {
      std::cerr << "ListEvents failed: " << event.status().message() << "\n";
      for (const auto& [field, description] : civicwatch::FieldViolations(event.status())) {
        std::cerr << "  " << field << ": " << description << "\n";
      }
      return 1;
    }
    std::cout << FormatDate(event->date()) << "\t" << event->summary() << "\n";
    ++count;
  }
  std::cerr << count << " events\n";
  return 0;
}
