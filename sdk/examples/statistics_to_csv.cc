// Writes a country's event counts by category and month as CSV.
//
//   statistics_to_csv KG > kg-by-category-and-month.csv
#include <cstdlib>
#include <iostream>
#include <string>

#include <civicwatch/client.h>

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
  if (argc != 2) {
    std::cerr << "usage: statistics_to_csv CC\n";
    return 2;
  }
  civicwatch::ClientOptions options;
  if (const char* a = std::getenv("CIVICWATCH_QUERY_ADDRESS")) options.query_address = a;
  if (const char* t = std::getenv("CIVICWATCH_TOKEN")) options.token = t;
  auto client = civicwatch::Client::Create(options);
  if (!client.ok()) {
    std::cerr << client.status().message() << "\n";
    return 2;
  }

  civicwatch::v1::EventFilter filter;
  filter.add_country_codes(argv[1]);
  auto stats = (*client)->ComputeStatistics(
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
