#include "services/common/snapshot/snapshot_file.h"

#include <cstdint>
#include <fstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace civicwatch::snapshot {

std::string EncodeSnapshotHeader(const v1::SnapshotMetadata& metadata) {
  std::string body = metadata.SerializeAsString();
  std::string out(kSnapshotMagic);
  const uint32_t n = static_cast<uint32_t>(body.size());
  out.push_back(static_cast<char>(n >> 24));
  out.push_back(static_cast<char>(n >> 16));
  out.push_back(static_cast<char>(n >> 8));
  out.push_back(static_cast<char>(n));
  out += body;
  return out;
}

absl::StatusOr<v1::SnapshotMetadata> ParseSnapshotHeader(absl::string_view bytes,
                                                        size_t* header_size) {
  if (bytes.size() < kSnapshotMagic.size() ||
      bytes.substr(0, kSnapshotMagic.size()) != kSnapshotMagic) {
    return FailedPreconditionError("not a civicwatch snapshot file (no snapshot header)");
  }
  bytes.remove_prefix(kSnapshotMagic.size());
  if (bytes.size() < 4) return FailedPreconditionError("the snapshot header is truncated");
  const uint32_t n = (static_cast<uint32_t>(static_cast<unsigned char>(bytes[0])) << 24) |
                     (static_cast<uint32_t>(static_cast<unsigned char>(bytes[1])) << 16) |
                     (static_cast<uint32_t>(static_cast<unsigned char>(bytes[2])) << 8) |
                     static_cast<uint32_t>(static_cast<unsigned char>(bytes[3]));
  bytes.remove_prefix(4);
  if (n > kMaxMetadataBytes) {
    return FailedPreconditionError(
        absl::StrCat("the snapshot header announces ", n, " bytes of metadata; at most ",
                     kMaxMetadataBytes));
  }
  if (bytes.size() < n) return FailedPreconditionError("the snapshot header is truncated");
  v1::SnapshotMetadata metadata;
  if (!metadata.ParseFromArray(bytes.data(), static_cast<int>(n))) {
    return FailedPreconditionError("the snapshot's metadata cannot be decoded");
  }
  if (metadata.size_bytes() < 0) {
    return FailedPreconditionError("the snapshot's metadata has a negative size");
  }
  *header_size = kSnapshotMagic.size() + 4 + n;
  return metadata;
}

absl::StatusOr<v1::SnapshotMetadata> ExtractSnapshotFile(const std::string& file,
                                                        const std::string& db_path,
                                                        const DatabaseProfile& profile) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return UnavailableError(absl::StrCat("cannot read ", file));
  std::string head(kSnapshotMagic.size() + 4, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  size_t header_size = 0;
  // Read the announced metadata length, then the whole header.
  if (head.size() == kSnapshotMagic.size() + 4 && head.substr(0, kSnapshotMagic.size()) == kSnapshotMagic) {
    const uint32_t n = (static_cast<uint32_t>(static_cast<unsigned char>(head[head.size() - 4])) << 24) |
                       (static_cast<uint32_t>(static_cast<unsigned char>(head[head.size() - 3])) << 16) |
                       (static_cast<uint32_t>(static_cast<unsigned char>(head[head.size() - 2])) << 8) |
                       static_cast<uint32_t>(static_cast<unsigned char>(head[head.size() - 1]));
    if (n <= kMaxMetadataBytes) {
      std::string rest(n, '\0');
      in.read(rest.data(), static_cast<std::streamsize>(n));
      rest.resize(static_cast<size_t>(in.gcount()));
      head += rest;
    }
  }
  auto metadata = ParseSnapshotHeader(head, &header_size);
  if (!metadata.ok()) {
    return FailedPreconditionError(absl::StrCat(file, ": ", metadata.status().message()));
  }
  {
    auto out = AtomicFile::Create(db_path);
    if (!out.ok()) return out.status();
    std::string buffer(kChunkBytes, '\0');
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      std::streamsize n = in.gcount();
      if (n <= 0) break;
      if (absl::Status s = out->Write(absl::string_view(buffer.data(), static_cast<size_t>(n)));
          !s.ok()) {
        return s;
      }
    }
    if (in.bad()) return UnavailableError(absl::StrCat("cannot read ", file));
    // Checked before it takes the target name, so a bad file never does.
    if (absl::Status s = CheckSnapshot(out->temporary_path(), *metadata, profile); !s.ok()) {
      return FailedPreconditionError(absl::StrCat(file, ": ", s.message()));
    }
    if (absl::Status s = out->Commit(); !s.ok()) return s;
  }
  return metadata;
}

absl::StatusOr<std::unique_ptr<SnapshotReceiver>> SnapshotReceiver::Create(
    const std::string& target, Layout layout) {
  auto file = AtomicFile::Create(target);
  if (!file.ok()) return file.status();
  return std::unique_ptr<SnapshotReceiver>(new SnapshotReceiver(std::move(*file), layout));
}

SnapshotReceiver::SnapshotReceiver(AtomicFile file, Layout layout)
    : file_(std::move(file)), layout_(layout), sha_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(sha_, EVP_sha256(), nullptr);
}

SnapshotReceiver::~SnapshotReceiver() { EVP_MD_CTX_free(sha_); }

absl::Status SnapshotReceiver::Add(const v1::SnapshotChunk& chunk) {
  if (ended_) return FailedPreconditionError("the snapshot stream went on after its end");
  if (chunk.has_metadata()) {
    if (metadata_.has_value()) {
      return FailedPreconditionError("the snapshot stream sent its metadata twice");
    }
    const v1::SnapshotMetadata& metadata = chunk.metadata();
    if (metadata.size_bytes() < 0) {
      return FailedPreconditionError("the snapshot stream announced a negative size");
    }
    const int64_t head = metadata.deferred_head_bytes();
    if (head < 0 || head > kMaxDeferredHeadBytes || head > metadata.size_bytes()) {
      return FailedPreconditionError(
          absl::StrCat("the snapshot stream announced a deferred head of ", head,
                       " bytes; at most ", kMaxDeferredHeadBytes, " and the database's size"));
    }
    metadata_ = metadata;
    if (head > 0) {
      // The header of a snapshot file holds the SHA-256, which such a
      // stream sends last.
      if (layout_ == Layout::kSnapshotFile) {
        return FailedPreconditionError(
            "a stream with a deferred head cannot be written as a snapshot file");
      }
      // The head's place, filled when it comes.
      return file_.Write(std::string(static_cast<size_t>(head), '\0'));
    }
    if (layout_ == Layout::kSnapshotFile) return file_.Write(EncodeSnapshotHeader(*metadata_));
    return absl::OkStatus();
  }
  if (!metadata_.has_value()) {
    return FailedPreconditionError("the snapshot stream sent bytes before its metadata");
  }
  const int64_t head = metadata_->deferred_head_bytes();
  if (chunk.has_end()) {
    if (head == 0) {
      return FailedPreconditionError(
          "the snapshot stream sent an end, but announced no deferred head");
    }
    if (received_ != metadata_->size_bytes() - head) {
      return FailedPreconditionError(absl::StrCat("the snapshot stream ended after ", received_,
                                                  " of ", metadata_->size_bytes() - head,
                                                  " bytes"));
    }
    if (static_cast<int64_t>(chunk.end().head().size()) != head) {
      return FailedPreconditionError(absl::StrCat("the snapshot stream's head is ",
                                                  chunk.end().head().size(),
                                                  " bytes; it announced ", head));
    }
    EVP_DigestUpdate(sha_, chunk.end().head().data(), chunk.end().head().size());
    received_ += head;
    ended_ = true;
    metadata_->set_sha256(chunk.end().sha256());
    return file_.WriteAt(0, chunk.end().head());
  }
  const std::string& data = chunk.data();
  if (received_ + static_cast<int64_t>(data.size()) > metadata_->size_bytes() - head) {
    return FailedPreconditionError(
        absl::StrCat("the snapshot stream sent more than the ", metadata_->size_bytes() - head,
                     " bytes it announced"));
  }
  EVP_DigestUpdate(sha_, data.data(), data.size());
  received_ += static_cast<int64_t>(data.size());
  return file_.Write(data);
}

absl::StatusOr<v1::SnapshotMetadata> SnapshotReceiver::Finish() {
  if (!metadata_.has_value()) {
    return FailedPreconditionError("the snapshot stream ended before its metadata");
  }
  if (metadata_->deferred_head_bytes() > 0 && !ended_) {
    return FailedPreconditionError(absl::StrCat(
        "the snapshot stream ended without its head and SHA-256, after ", received_, " of ",
        metadata_->size_bytes() - metadata_->deferred_head_bytes(), " bytes"));
  }
  if (received_ != metadata_->size_bytes()) {
    return FailedPreconditionError(absl::StrCat("the snapshot stream ended after ",
                                                      received_, " of ", metadata_->size_bytes(),
                                                      " bytes"));
  }
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(sha_, hash, &length);
  const std::string sha256 =
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(hash), length));
  if (sha256 != metadata_->sha256()) {
    return FailedPreconditionError(absl::StrCat(
        "the snapshot's SHA-256 is ", sha256, "; the stream announced ", metadata_->sha256()));
  }
  if (absl::Status s = file_.Commit(); !s.ok()) return s;
  return *metadata_;
}

}  // namespace civicwatch::snapshot
