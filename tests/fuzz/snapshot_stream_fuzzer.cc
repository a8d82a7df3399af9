// libFuzzer target for snapshot streams as a new replica receives them
// (SnapshotReceiver, services/common/snapshot/snapshot_file.h): the chunks
// a peer sends, in any order and form, with or without a deferred head.
//
// The input is a sequence of chunks, each a 2-byte big-endian length and
// that many bytes of a serialised civicwatch.v1.SnapshotChunk. The
// receiver refuses a stream out of form with FAILED_PRECONDITION (never
// another code, never a crash); a stream it accepts leaves a file of
// exactly the announced size, and a refused one leaves no file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "civicwatch/v1/snapshot.pb.h"
#include "services/common/snapshot/snapshot_file.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

const std::string& Target() {
  static const std::string* target = [] {
    const std::string dir = absl::StrCat("/tmp/snapshot_stream_fuzzer-", getpid());
    std::filesystem::create_directories(dir);
    return new std::string(dir + "/received.db");
  }();
  return *target;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace snapshot = civicwatch::snapshot;
  const bool file_layout = size > 0 && (data[0] & 1) != 0;
  auto receiver = snapshot::SnapshotReceiver::Create(
      Target(), file_layout ? snapshot::SnapshotReceiver::Layout::kSnapshotFile
                            : snapshot::SnapshotReceiver::Layout::kDatabaseOnly);
  Check(receiver.ok());
  absl::Status status;
  size_t at = size > 0 ? 1 : 0;
  while (status.ok() && at + 2 <= size) {
    const size_t n = (static_cast<size_t>(data[at]) << 8) | data[at + 1];
    at += 2;
    if (at + n > size) break;
    civicwatch::v1::SnapshotChunk chunk;
    if (chunk.ParseFromArray(data + at, static_cast<int>(n))) status = (*receiver)->Add(chunk);
    at += n;
  }
  if (status.ok()) {
    auto finished = (*receiver)->Finish();
    status = finished.status();
    if (finished.ok()) {
      std::error_code ec;
      const int64_t written = static_cast<int64_t>(std::filesystem::file_size(Target(), ec));
      size_t header = 0;
      if (file_layout) header = snapshot::EncodeSnapshotHeader(*finished).size();
      Check(written == finished->size_bytes() + static_cast<int64_t>(header));
      std::filesystem::remove(Target(), ec);
    }
  }
  Check(status.ok() || status.code() == absl::StatusCode::kFailedPrecondition);
  receiver->reset();
  Check(!std::filesystem::exists(Target()));
  return 0;
}
