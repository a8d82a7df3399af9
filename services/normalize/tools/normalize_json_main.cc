// civicwatch-normalize-json [--without=STAGE,...] FILE
//
// Normalises one report file (the whole file is the body; every other
// field is read from the text) and prints {"report": ..., "events": [...],
// "warnings": [...]} in the proto3 JSON mapping, the input that
// score_events.py expects. --without switches optional stages off, for
// the README's ablation: lexicon, stems (the lexicon matched only as
// listed), modality, framing, occasions, translations.
#include <fstream>
#include <iostream>
#include <sstream>

#include "civicwatch/v1/ingest.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/normalize/normalizer.h"

namespace {

// Applies --without's comma-separated stage names; false on an unknown one.
bool SwitchOff(const std::string& names, civicwatch::normalize::NormalizerOptions* options) {
  std::stringstream list(names);
  std::string name;
  while (std::getline(list, name, ',')) {
    if (name == "lexicon") options->cues.act_lexicon = false;
    else if (name == "stems") options->cues.lexicon_by_stem = false;
    else if (name == "modality") options->cues.modality = false;
    else if (name == "framing") options->cues.framing = false;
    else if (name == "occasions") options->occasion_dates = false;
    else if (name == "translations") options->translated_repeats = false;
    else return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  civicwatch::normalize::NormalizerOptions stages;
  const std::string kWithout = "--without=";
  int file_arg = 1;
  if (argc == 3 && std::string(argv[1]).rfind(kWithout, 0) == 0) {
    if (!SwitchOff(std::string(argv[1]).substr(kWithout.size()), &stages)) {
      std::cerr << "unknown stage in " << argv[1]
                << " (lexicon, stems, modality, framing, occasions, translations)\n";
      return 2;
    }
    file_arg = 2;
  } else if (argc != 2) {
    std::cerr << "usage: civicwatch-normalize-json [--without=STAGE,...] REPORT_FILE\n";
    return 2;
  }
  std::ifstream in(argv[file_arg], std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << argv[file_arg] << "\n";
    return 1;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  civicwatch::v1::Report input;
  input.set_body(buf.str());
  auto result = civicwatch::normalize::NormalizeReport(input, stages);
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
