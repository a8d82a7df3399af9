// libFuzzer target for snapshot file headers
// (services/common/snapshot/snapshot_file.h), which `civicwatch-ingest
// --restore_from` reads from a file an operator hands it.
//
// Any input either parses, with a header size within the input and a
// non-negative database size, or is refused with FAILED_PRECONDITION; a
// parsed header encodes back to the bytes it was read from when those
// bytes were a canonical encoding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "services/common/snapshot/snapshot_file.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  size_t header_size = 0;
  auto metadata = civicwatch::snapshot::ParseSnapshotHeader(bytes, &header_size);
  if (!metadata.ok()) {
    Check(metadata.status().code() == absl::StatusCode::kFailedPrecondition);
    return 0;
  }
  Check(header_size <= size);
  Check(metadata->size_bytes() >= 0);
  // What was parsed encodes to a header that parses to the same metadata.
  const std::string again = civicwatch::snapshot::EncodeSnapshotHeader(*metadata);
  size_t again_size = 0;
  auto reparsed = civicwatch::snapshot::ParseSnapshotHeader(again, &again_size);
  Check(reparsed.ok());
  Check(again_size == again.size());
  Check(reparsed->SerializeAsString() == metadata->SerializeAsString());
  return 0;
}
