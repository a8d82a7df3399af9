// Writes a country's event counts by category and month as CSV.
//
//   statistics_to_csv KG > kg-by-category-and-month.csv
#include <cstdlib>
#include <iostream>
#include <string>

#include <civicwatch/client.h>

#include "example_setup.h"

namespace {

// Quotes a CSV field when it must be (RFC 4180).
std::string Csv(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  civicwatch_examples::ExitUnlessArguments(argc, 1, 1, "statistics_to_csv CC");
  std::unique_ptr<civicwatch::Client> client = civicwatch_examples::ClientFromEnvironment();

  civicwatch::v1::EventFilter filter;
  filter.add_country_codes(argv[1]);
  auto stats = client->ComputeStatistics(
      filter, {civicwatch::v1::STATISTICS_DIMENSION_CATEGORY,
               civicwatch::v1::STATISTICS_DIMENSION_MONTH});
  if (!stats.ok()) {
    std::cerr << "ComputeStatistics failed: " << stats.status().message() << "\n";
    return 1;
  }
  std::cout << "category,month,count\r\n";
  for (const civicwatch::v1::StatisticsRow& row : stats->rows()) {
    // Keys are in group_by order: the category's enum name, then "YYYY-MM"
    // ("YYYY-unknown" for an event known only to its year).
    std::cout << Csv(row.keys(0)) << "," << Csv(row.keys(1)) << "," << row.count() << "\r\n";
  }
  std::cerr << stats->total() << " events\n";
  return 0;
}
