#include "services/normalize/report_fields.h"

#include <string>

#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/util/field_mask_util.h"

namespace civicwatch::normalize {

void SetPartialDate(const SimpleDate& date, v1::PartialDate* out) {
  out->set_year(date.year);
  out->set_month(date.month);
  out->set_day(date.day);
}

SimpleDate FromPartialDate(const v1::PartialDate& date) { return {date.year(), date.month(), date.day()}; }

v1::Report CompleteReportFields(const v1::Report& input, const ReportMetadata& metadata) {
  static const google::protobuf::FieldMask* const kAllButBody = [] {
    auto* mask = new google::protobuf::FieldMask;
    const google::protobuf::Descriptor* d = v1::Report::descriptor();
    for (int i = 0; i < d->field_count(); ++i) {
      if (d->field(i)->number() != v1::Report::kBodyFieldNumber) mask->add_paths(d->field(i)->name());
    }
    return mask;
  }();
  v1::Report report;
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(
      input, *kAllButBody, google::protobuf::util::FieldMaskUtil::MergeOptions(), &report);
  report.GetReflection()->MutableUnknownFields(&report)->MergeFrom(
      input.GetReflection()->GetUnknownFields(input));
  report.clear_name();
  report.clear_content_hash();
  report.clear_create_time();
  report.clear_event_count();

  if (report.title().empty()) report.set_title(metadata.title);
  if (report.language().empty()) report.set_language(metadata.language);
  if (!report.has_coverage_start() && metadata.coverage_start.known()) {
    SetPartialDate(metadata.coverage_start, report.mutable_coverage_start());
  }
  if (!report.has_coverage_end() && metadata.coverage_end.known()) {
    SetPartialDate(metadata.coverage_end, report.mutable_coverage_end());
  }
  if (report.publishers().empty()) {
    for (const std::string& p : metadata.publishers) report.add_publishers(p);
  }
  if (!report.has_published_date() && metadata.published_date.known()) {
    SetPartialDate(metadata.published_date, report.mutable_published_date());
  }
  return report;
}

}  // namespace civicwatch::normalize
