#include "services/query/audit_log.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace civicwatch::query {

void EventReadAudit::Note(const v1::Event& event) {
  if (event.confidentiality() == v1::CONFIDENTIALITY_RESTRICTED) {
    ++restricted_;
  } else if (event.confidentiality() == v1::CONFIDENTIALITY_CONFIDENTIAL) {
    ++confidential_;
  } else {
    return;
  }
  if (names_.size() < kMaxNamesListed) names_.push_back(event.name());
}

EventReadAudit::~EventReadAudit() {
  if (restricted_ == 0 && confidential_ == 0) return;
  std::string more = restricted_ + confidential_ > static_cast<int64_t>(names_.size()) ? ",..." : "";
  // One write, so lines from concurrent calls do not interleave.
  std::cerr << absl::StrCat("civicwatch-query audit: principal=", principal_,
                            " method=", method_, " restricted=", restricted_,
                            " confidential=", confidential_,
                            " events=", absl::StrJoin(names_, ","), more, "\n");
}

}  // namespace civicwatch::query
