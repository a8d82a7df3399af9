#include "services/common/proto_time.h"

#include "google/protobuf/util/time_util.h"

namespace civicwatch {

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

}  // namespace civicwatch
