// One row of the bad-input matrix (bad_input_matrix_test.cc): a malformed or
// hostile request to one method, the exact status code it must get and the
// field a google.rpc.BadRequest in the status details must name ("" when
// the code carries no field). The rows live in ingest_bad_input_cases.cc
// and query_bad_input_cases.cc, one function per method.
#ifndef CIVICWATCH_TESTS_FAULT_BAD_INPUT_CASE_H_
#define CIVICWATCH_TESTS_FAULT_BAD_INPUT_CASE_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "civicwatch/v1/feed.grpc.pb.h"
#include "civicwatch/v1/ingest.grpc.pb.h"
#include "civicwatch/v1/query.grpc.pb.h"

namespace civicwatch::fault {

// The stubs a case calls through, and what was stored before the cases run.
struct Stubs {
  std::unique_ptr<v1::IngestService::Stub> ingest;
  std::unique_ptr<v1::ChangeFeed::Stub> feed;
  std::unique_ptr<v1::QueryService::Stub> query;
  std::shared_ptr<grpc::Channel> query_channel;
  // A report stored before the cases run, and page tokens issued for it.
  std::string seed_body;
  std::string seed_request_id;
  std::string seed_report;
  std::string seed_event;
  std::string seed_entity;
  std::string list_events_token;    // ListEvents, empty filter, page_size 1
  std::string export_resume_token;  // ExportEvents, empty filter
  std::string list_reports_token;   // ListReports, no country, page_size 1
};

// The server a case's method belongs to, which must still answer after it.
enum class Server { kIngest, kQuery };

// Makes one call with a context that carries the test's deadline.
using CaseCall = std::function<grpc::Status(Stubs&, grpc::ClientContext&)>;

struct Case {
  std::string method;
  std::string name;
  Server server;
  CaseCall call;
  grpc::StatusCode code;
  std::string field;
};

// Appends rows to a table of cases; each call reads as one row.
class CaseTable {
 public:
  explicit CaseTable(std::vector<Case>& cases) : cases_(cases) {}

  void operator()(std::string method, std::string name, Server server, CaseCall call,
                  grpc::StatusCode code, std::string field) {
    cases_.push_back(
        {std::move(method), std::move(name), server, std::move(call), code, std::move(field)});
  }

 private:
  std::vector<Case>& cases_;
};

// The body of a good report, which the cases change.
inline const std::string kGoodBody =
    "Kyrgyzstan: update\n\nOn 7th September 2018 human rights defender Aibek Ulanov was "
    "detained by police in Bishkek.";

// Makes the call's deadline one that has already passed.
inline void Expire(grpc::ClientContext& ctx) {
  ctx.set_deadline(std::chrono::system_clock::now() - std::chrono::seconds(1));
}

// Sets a partial date.
inline void SetDate(v1::PartialDate* d, int y, int m, int day) {
  d->set_year(y);
  d->set_month(m);
  d->set_day(day);
}

// A syntactically valid token (URL-safe base64) that this service never
// issued.
inline std::string ForgedToken() {
  return absl::WebSafeBase64Escape("forged cursor: last=zzz");
}

// The cases of IngestService and ChangeFeed.
std::vector<Case> IngestBadInputCases();

// The cases of QueryService.
std::vector<Case> QueryBadInputCases();

}  // namespace civicwatch::fault

#endif  // CIVICWATCH_TESTS_FAULT_BAD_INPUT_CASE_H_
