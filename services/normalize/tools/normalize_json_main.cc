// civicwatch-normalize-json [--without=STAGE,...] [--category_model=FILE] FILE
//
// Normalises one report file (the whole file is the body; every other
// field is read from the text) and prints {"report": ..., "events": [...],
// "warnings": [...]} in the proto3 JSON mapping, the input that
// score_events.py expects. --without switches optional stages off, for
// the README's ablation: lexicon, stems (the lexicon matched only as
// listed), modality, framing, occasions, translations, model (the
// category model). --category_model runs with a model trained by
// train_category_model in place of the one built in.
#include <fstream>
#include <iostream>
#include <sstream>

#include "civicwatch/v1/ingest.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/normalize/embedded_data.h"
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
    else if (name == "undated") options->undated_acts_only = false;
    else if (name == "model") options->category_model = false;
    else return false;
  }
  return true;
}

// Reads a whole file; false when it cannot be read.
bool ReadFile(const std::string& path, std::string* contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *contents = buf.str();
  return true;
}

constexpr char kUsage[] =
    "usage: civicwatch-normalize-json [--without=STAGE,...] [--category_model=FILE] REPORT_FILE\n";

}  // namespace

int main(int argc, char** argv) {
  civicwatch::normalize::NormalizerOptions stages;
  const std::string kWithout = "--without=";
  const std::string kModel = "--category_model=";
  int file_arg = 1;
  for (; file_arg < argc - 1; ++file_arg) {
    const std::string arg = argv[file_arg];
    if (arg.rfind(kWithout, 0) == 0) {
      if (!SwitchOff(arg.substr(kWithout.size()), &stages)) {
        std::cerr << "unknown stage in " << arg
                  << " (lexicon, stems, modality, framing, occasions, translations, model, undated)\n";
        return 2;
      }
    } else if (arg.rfind(kModel, 0) == 0) {
      // Another trained model in place of the built-in one, to measure a
      // model trained without some reports on those reports.
      std::string model;
      if (!ReadFile(arg.substr(kModel.size()), &model) ||
          !civicwatch::normalize::ReplaceEmbeddedData("category_model.bin", std::move(model))) {
        std::cerr << "cannot use " << arg << "\n";
        return 2;
      }
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  if (file_arg != argc - 1) {
    std::cerr << kUsage;
    return 2;
  }
  civicwatch::v1::Report input;
  if (!ReadFile(argv[file_arg], input.mutable_body())) {
    std::cerr << "cannot read " << argv[file_arg] << "\n";
    return 1;
  }
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
