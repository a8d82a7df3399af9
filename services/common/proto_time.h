// absl::Time as the google.protobuf.Timestamp the API's messages carry.
#ifndef CIVICWATCH_SERVICES_COMMON_PROTO_TIME_H_
#define CIVICWATCH_SERVICES_COMMON_PROTO_TIME_H_

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace civicwatch {

// `t` to the microsecond (finer parts are dropped).
google::protobuf::Timestamp ToTimestamp(absl::Time t);

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_PROTO_TIME_H_
