// NormalizeReport runs the normaliser's stages in order, each in its own
// file with its own tests:
//
//   1. paragraphs and the report's own metadata (text_segmentation.h,
//      report_metadata.h) complete the report's fields (report_fields.h);
//   2. every sentence is read: cues, dates as written, names resolved to
//      entities, places (sentence_reader.h);
//   3. the report's country is the one its text names most;
//   4. dates are resolved across the report: years of day-and-month dates,
//      relative dates (date_parser.h);
//   5. the sentences are cut into incidents (incident_segmenter.h), and an
//      incident told twice is kept once (duplicate_incidents.h,
//      translated_repeats.h);
//   6. incidents become events and entities (event_builder.h).
#include "services/normalize/normalizer.h"

#include <utility>

#include "services/common/errors.h"
#include "services/normalize/act_anchors.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/date_resolution.h"
#include "services/normalize/duplicate_incidents.h"
#include "services/normalize/entity_resolver.h"
#include "services/normalize/event_builder.h"
#include "services/normalize/incident_segmenter.h"
#include "services/normalize/report_fields.h"
#include "services/normalize/report_metadata.h"
#include "services/normalize/sentence_reader.h"
#include "services/normalize/text_segmentation.h"
#include "services/normalize/translated_repeats.h"
#include "services/normalize/utf8.h"

namespace civicwatch::normalize {
namespace {

// Years for day-and-month dates, and relative dates, across the report.
void ResolveReportDates(const v1::Report& report, std::vector<Sentence>* sentences) {
  MarkDateActs(sentences);
  std::vector<DateMention*> all_dates;
  for (Sentence& s : *sentences) {
    for (DateMention& d : s.dates) all_dates.push_back(&d);
  }
  ResolveDates(FromPartialDate(report.coverage_start()), FromPartialDate(report.coverage_end()), &all_dates,
               FromPartialDate(report.published_date()));
}

// The incidents of the report, each told once.
std::vector<Incident> FindIncidents(absl::string_view body, const ReportMetadata& metadata,
                                    const std::vector<Sentence>& sentences,
                                    const std::vector<ResolvedEntity>& entities,
                                    const NormalizerOptions& options) {
  const SimpleDate news_day = metadata.dateline.size() > 0 ? metadata.published_date : SimpleDate{};
  std::vector<Incident> incidents = SegmentIncidents(sentences, entities, news_day);
  // A news lede: the paragraph that opens with the dateline.
  long lede = -1;
  if (metadata.dateline.size() > 0) {
    for (const Sentence& s : sentences) {
      if (s.span.end > metadata.dateline.begin) {
        lede = static_cast<long>(s.paragraph);
        break;
      }
    }
  }
  DropDuplicateIncidents(sentences, entities, lede, &incidents);
  if (options.translated_repeats) DropTranslatedRepeats(body, sentences, &incidents);
  return incidents;
}

}  // namespace

absl::StatusOr<NormalizedReport> NormalizeReport(const v1::Report& input,
                                                 const NormalizerOptions& options) {
  const std::string& body = input.body();
  if (body.empty()) return InvalidFieldError("report.body", "is empty");
  if (!IsValidUtf8(body)) return InvalidFieldError("report.body", "is not valid UTF-8");

  NormalizedReport result;
  std::vector<Paragraph> paragraphs = SplitParagraphs(body);
  const ReportMetadata metadata = ReadReportMetadata(body, paragraphs);
  result.report = CompleteReportFields(input, metadata);
  v1::Report& report = result.report;

  // The lists of every sentence (and its places), a few bytes a byte of text.
  SentenceArena arena(body.size() * 2);
  EntityResolver resolver;
  CountryTally country;  // the report's country, counted as the text is read
  ReadText text = ReadSentences(body, paragraphs, metadata, options, &arena, &resolver, &country);
  // The paragraphs are read: their memory serves what follows.
  std::vector<Paragraph>().swap(paragraphs);

  if (report.country_code().empty()) report.set_country_code(country.Best());
  if (report.country_code().empty()) {
    result.warnings.push_back(
        MakeWarning("NO_COUNTRY", "No country is named in the report; events have no country_code."));
  }
  ResolveReportDates(report, &text.sentences);
  const std::vector<Incident> incidents =
      FindIncidents(body, metadata, text.sentences, resolver.entities(), options);

  EventSources sources;
  sources.body = body;
  sources.report = &report;
  sources.sentences = &text.sentences;
  sources.places = &text.places;
  sources.entities = &resolver.entities();
  sources.category_model = options.category_model;
  sources.undated_acts_only = options.undated_acts_only;
  BuiltEvents built = BuildEvents(sources, incidents);
  result.events = std::move(built.events);
  result.entities = std::move(built.entities);
  for (v1::Warning& w : built.warnings) result.warnings.push_back(std::move(w));
  return result;
}

}  // namespace civicwatch::normalize
