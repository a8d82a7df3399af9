// The audit trail of reads of restricted and confidential events
// (DESIGN.md "Errors, security, limits"): one line on stderr per call that
// returned any, with the principal, the method and the events' names.
//
// Use one EventReadAudit per call, from one thread.
#ifndef CIVICWATCH_SERVICES_QUERY_AUDIT_LOG_H_
#define CIVICWATCH_SERVICES_QUERY_AUDIT_LOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "civicwatch/v1/types.pb.h"

namespace civicwatch::query {

class EventReadAudit {
 public:
  EventReadAudit(std::string principal, std::string method)
      : principal_(std::move(principal)), method_(std::move(method)) {}
  // Writes the line, if any event was noted.
  ~EventReadAudit();

  // Notes that `event` was returned to the caller.
  void Note(const v1::Event& event);

 private:
  // Names listed in full on the line; beyond, only counted.
  static constexpr size_t kMaxNamesListed = 20;

  std::string principal_;
  std::string method_;
  int64_t restricted_ = 0;
  int64_t confidential_ = 0;
  std::vector<std::string> names_;
};

}  // namespace civicwatch::query

#endif  // CIVICWATCH_SERVICES_QUERY_AUDIT_LOG_H_
