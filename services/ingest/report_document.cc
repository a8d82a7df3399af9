#include "services/ingest/report_document.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/common/auth.h"
#include "services/common/errors.h"
#include "services/common/request_size.h"
#include "services/document/report_from_document.h"

namespace civicwatch::ingest {
namespace {

// Every field of a Report but `original`.
const google::protobuf::FieldMask& AllButOriginal() {
  static const google::protobuf::FieldMask* const mask = [] {
    auto* m = new google::protobuf::FieldMask;
    const google::protobuf::Descriptor* d = v1::Report::descriptor();
    for (int i = 0; i < d->field_count(); ++i) {
      if (d->field(i)->number() != v1::Report::kOriginalFieldNumber) {
        m->add_paths(d->field(i)->name());
      }
    }
    return m;
  }();
  return *mask;
}

}  // namespace

absl::StatusOr<ReadDocument> ReadReportDocument(const v1::Report& report,
                                                absl::string_view prefix,
                                                const document::Limits& limits) {
  auto field = [&](absl::string_view name) { return absl::StrCat(prefix, ".", name); };
  const v1::ReportOriginal& original = report.original();
  if (!report.body().empty()) {
    return InvalidFieldError(field("body"),
                             "give either body (the text) or original (a document), not both");
  }
  if (original.content().size() > kMaxOriginalBytes) {
    return TooLargeError(field("original.content"), DescribeBytes(kMaxOriginalBytes));
  }
  document::ExtractOptions options;
  options.limits = limits;
  options.limits.max_input_bytes = std::min(limits.max_input_bytes, kMaxOriginalBytes);
  options.encoding = original.encoding();
  if (!original.media_type().empty()) {
    options.declared_type = document::MediaTypeFromName(original.media_type());
    if (options.declared_type == document::MediaType::kUnknown) {
      return InvalidFieldError(
          field("original.media_type"),
          absl::StrCat("\"", original.media_type(),
                       "\" is not a type civicwatch reads: application/pdf, text/html, "
                       "text/plain or application/vnd.openxmlformats-officedocument."
                       "wordprocessingml.document (or leave it empty to decide from the "
                       "content)"));
    }
  }
  auto extracted = document::ExtractDocument(original.content(), options);
  if (!extracted.ok()) {
    const bool about_encoding =
        absl::StartsWith(extracted.status().message(), "unknown character encoding");
    return InvalidFieldError(field(about_encoding ? "original.encoding" : "original.content"),
                             extracted.status().message());
  }
  ReadDocument read;
  // Everything but the original, then the original without its bytes: the
  // document is not copied.
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(
      report, AllButOriginal(), google::protobuf::util::FieldMaskUtil::MergeOptions(),
      &read.report);
  v1::ReportOriginal* kept = read.report.mutable_original();
  kept->set_media_type(std::string(document::MediaTypeName(extracted->media_type)));
  kept->set_encoding(extracted->encoding);
  kept->set_sha256(auth::Sha256Hex(original.content()));
  kept->set_size_bytes(static_cast<int64_t>(original.content().size()));
  read.extracted = *std::move(extracted);
  document::FillReportFromDocument(std::move(read.extracted), read.report);
  return read;
}

}  // namespace civicwatch::ingest
