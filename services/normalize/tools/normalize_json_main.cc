// civicwatch-normalize-json FILE
//
// Normalises one report file (the whole file is the body; every other
// field is read from the text) and prints {"report": ..., "events": [...],
// "warnings": [...]} in the proto3 JSON mapping, the input that
// shared/tools/score_events.py expects.
#include <fstream>
#include <iostream>
#include <sstream>

#include "civicwatch/v1/ingest.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/normalize/normalizer.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: civicwatch-normalize-json REPORT_FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 1;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  civicwatch::v1::Report input;
  input.set_body(buf.str());
  auto result = civicwatch::normalize::NormalizeReport(input);
  if (!result.ok()) {
    std::cerr << result.status() << "\n";
    return 1;
  }
  civicwatch::v1::NormalizeReportResponse response;
  *response.mutable_report() = result->report;
  for (auto& e : result->events) *response.add_events() = e;
  for (auto& w : result->warnings) *response.add_warnings() = w;
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  auto status = google::protobuf::util::MessageToJsonString(response, &json, options);
  if (!status.ok()) {
    std::cerr << status.ToString() << "\n";
    return 1;
  }
  std::cout << json << "\n";
  return 0;
}
