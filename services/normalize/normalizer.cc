#include "services/normalize/normalizer.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/normalize/back_references.h"
#include "services/normalize/classifier.h"
#include "services/normalize/cues_across_dates.h"
#include "services/normalize/date_parser.h"
#include "services/normalize/duplicate_incidents.h"
#include "services/normalize/occasion_dates.h"
#include "services/normalize/translated_repeats.h"
#include "services/normalize/entity_extractor.h"
#include "services/normalize/entity_resolver.h"
#include "services/normalize/gazetteer.h"
#include "services/normalize/incident_segmenter.h"
#include "services/normalize/report_metadata.h"
#include "services/normalize/text_segmentation.h"
#include "services/normalize/tokenizer.h"
#include "services/normalize/utf8.h"

namespace civicwatch::normalize {
namespace {

void SetDate(const SimpleDate& d, v1::PartialDate* out) {
  out->set_year(d.year);
  out->set_month(d.month);
  out->set_day(d.day);
}

SimpleDate FromProto(const v1::PartialDate& d) { return {d.year(), d.month(), d.day()}; }

bool Contains(const Span& outer, const Span& inner) {
  return inner.begin >= outer.begin && inner.end <= outer.end;
}

// Credit lines and captions ("© ...", "Photo by ...") are not text.
bool IsCaption(absl::string_view text) {
  for (absl::string_view p : {"\xC2\xA9", "Photo", "Image", "Фото", "Source:", "Credit"}) {
    if (absl::StartsWith(text, p)) return true;
  }
  return false;
}

// True when `marker` is a list bullet or an item number: "-", "•", "1.",
// "a)".
bool IsListMarker(absl::string_view marker) {
  for (absl::string_view b : {"-", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2", "*", "\xC2\xB7"}) {
    if (marker == b) return true;
  }
  if (marker.size() < 2 || marker.size() > 4) return false;
  const char last = marker.back();
  if (last != '.' && last != ')') return false;
  for (size_t k = 0; k + 1 < marker.size(); ++k) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(marker[k]))) return false;
  }
  return true;
}

// Where the line holding body[begin] starts.
size_t LineStart(absl::string_view body, size_t begin) {
  return begin == 0 ? 0 : body.rfind('\n', begin - 1) + 1;
}

// True when the paragraph starting at body[begin] is a list item: its line
// opens with a list marker (the paragraph's text starts after it).
bool IsListItem(absl::string_view body, size_t begin) {
  const size_t line_start = LineStart(body, begin);
  absl::string_view prefix = absl::StripAsciiWhitespace(body.substr(line_start, begin - line_start));
  if (prefix.empty()) {
    // The marker may be kept in the paragraph: "- text".
    absl::string_view text = body.substr(begin, 8);
    const size_t space = text.find(' ');
    if (space == absl::string_view::npos) return false;
    prefix = text.substr(0, space);
  }
  return IsListMarker(prefix);
}

// True when the paragraph starting at body[begin] is a footnote: its line
// opens with a note marker ("[1] Interview with ...", "¹ Source: ..."). A
// note cites where something comes from; it tells no incident.
bool IsFootnote(absl::string_view body, size_t begin) {
  absl::string_view text = absl::StripLeadingAsciiWhitespace(body.substr(LineStart(body, begin), 16));
  if (absl::StartsWith(text, "[")) {
    size_t k = 1;
    while (k < text.size() && absl::ascii_isdigit(static_cast<unsigned char>(text[k]))) ++k;
    return k > 1 && k < text.size() && text[k] == ']';
  }
  // Superscript one, two, three.
  for (absl::string_view mark : {"\xC2\xB9", "\xC2\xB2", "\xC2\xB3"}) {
    if (absl::StartsWith(text, mark)) return true;
  }
  return false;
}

// A place named in a sentence (kept in the sentences' arena).
struct PlaceMention {
  PlaceKind kind;
  absl::string_view country_code;
  size_t start = 0;       // as in the text: body[start, end)
  size_t end = 0;
  bool after_in = false;  // "in Kazakhstan", "в Казахстане"
  bool region = false;    // "southern Kyrgyzstan", "Almaty region" (RegionAround)
  // Part of an organisation's name ("... Assembly Vanadzor Office"): it
  // tells the country, not where the event happened.
  bool in_name = false;
};

// True when a name of an organisation, international body or media outlet
// in `names` covers tokens [begin, end). (A court or state body named
// after its town sits there: "the Osh City Court".)
bool InOrganisationName(const std::vector<EntityMention>& names, size_t begin, size_t end) {
  for (const EntityMention& m : names) {
    const v1::EntityKind k = m.name.kind;
    if ((k == v1::ENTITY_KIND_ORGANISATION || k == v1::ENTITY_KIND_INTERNATIONAL_BODY ||
         k == v1::ENTITY_KIND_MEDIA_OUTLET) &&
        m.first_token <= begin && end <= m.end_token) {
      return true;
    }
  }
  return false;
}

// The places named in a sentence; each is also counted in *country. A
// place in the `dateline` counts for the country but is no event's place;
// nor is one inside an organisation's name among `names`.
absl::Span<const PlaceMention> FindPlaces(const std::vector<Token>& tokens, const Span& dateline,
                                          const std::vector<EntityMention>& names,
                                          CountryTally* country, SentenceArena* arena) {
  thread_local std::vector<PlaceMention> out;  // built here, kept in the arena
  out.clear();
  for (size_t i = 0; i < tokens.size();) {
    PlaceMatch pm;
    if (!MatchPlace(tokens, i, tokens.size(), &pm)) {
      ++i;
      continue;
    }
    country->AddPlace(pm);
    const bool in_dateline = dateline.size() > 0 && tokens[pm.begin].start >= dateline.begin &&
                             tokens[pm.end - 1].end <= dateline.end;
    size_t begin = pm.begin, end = pm.end;
    const bool region = pm.kind != PlaceKind::kCountryAdjective && RegionAround(tokens, pm, &begin, &end);
    if (pm.kind != PlaceKind::kCountryAdjective && !in_dateline) {
      PlaceMention m;
      m.kind = pm.kind;
      m.country_code = arena->CopyString(pm.country_code);
      m.start = tokens[begin].start;
      m.end = tokens[end - 1].end;
      m.after_in = begin > 0 && (LowerIs(tokens[begin - 1], "in") || LowerIs(tokens[begin - 1], "в") ||
                                 LowerIs(tokens[begin - 1], "на"));
      m.region = region;
      m.in_name = InOrganisationName(names, pm.begin, pm.end);
      out.push_back(m);
    }
    i = std::max(pm.end, end);
  }
  return arena->Copy(out);
}

// An event's summary: its sentence, cut (at a character boundary) after
// kMaxSummaryBytes so that many events from one very long sentence do not
// copy it whole each.
constexpr size_t kMaxSummaryBytes = 1000;
std::string SummaryOf(absl::string_view sentence) {
  sentence = absl::StripAsciiWhitespace(sentence);
  if (sentence.size() <= kMaxSummaryBytes) return std::string(sentence);
  size_t cut = kMaxSummaryBytes;
  while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat(sentence.substr(0, cut), "\xE2\x80\xA6");
}

v1::Warning MakeWarning(std::string code, std::string message, size_t start = 0, size_t end = 0) {
  v1::Warning w;
  w.set_code(std::move(code));
  w.set_message(std::move(message));
  w.set_start_offset(static_cast<int64_t>(start));
  w.set_end_offset(static_cast<int64_t>(end));
  return w;
}

// The role of a participant, from what the text says about it.
v1::Role RoleFor(const ResolvedEntity& e, v1::Category category, v1::Valence valence,
                 absl::string_view title, bool actor_title) {
  if (category == v1::CATEGORY_MONITORING && e.kind == v1::ENTITY_KIND_PERSON && !title.empty()) {
    return v1::ROLE_OBSERVER;
  }
  // Judges, lawyers, officials: they act in the incident.
  if (actor_title) return v1::ROLE_ACTOR;
  if (valence == v1::VALENCE_NEGATIVE) {
    if (e.kind == v1::ENTITY_KIND_STATE_BODY) return v1::ROLE_PERPETRATOR;
    if (e.kind == v1::ENTITY_KIND_PERSON || e.kind == v1::ENTITY_KIND_MEDIA_OUTLET ||
        e.kind == v1::ENTITY_KIND_ORGANISATION) {
      return v1::ROLE_VICTIM;
    }
  }
  return v1::ROLE_ACTOR;
}

}  // namespace

absl::StatusOr<NormalizedReport> NormalizeReport(const v1::Report& input,
                                                 const NormalizerOptions& options) {
  const std::string& body = input.body();
  if (body.empty()) return absl::InvalidArgumentError("report.body is empty");
  if (!IsValidUtf8(body)) return absl::InvalidArgumentError("report.body is not valid UTF-8");

  NormalizedReport result;
  v1::Report& report = result.report;
  // Every field of the input but the body, which is the caller's to keep
  // (copying it only to free it would cost a pass over it and its memory).
  {
    static const google::protobuf::FieldMask* const kAllButBody = [] {
      auto* mask = new google::protobuf::FieldMask;
      const google::protobuf::Descriptor* d = v1::Report::descriptor();
      for (int i = 0; i < d->field_count(); ++i) {
        if (d->field(i)->number() != v1::Report::kBodyFieldNumber) mask->add_paths(d->field(i)->name());
      }
      return mask;
    }();
    google::protobuf::util::FieldMaskUtil::MergeMessageTo(
        input, *kAllButBody, google::protobuf::util::FieldMaskUtil::MergeOptions(), &report);
    report.GetReflection()->MutableUnknownFields(&report)->MergeFrom(
        input.GetReflection()->GetUnknownFields(input));
  }
  report.clear_name();
  report.clear_content_hash();
  report.clear_create_time();
  report.clear_event_count();

  std::vector<Paragraph> paragraphs = SplitParagraphs(body);
  const ReportMetadata md = ReadReportMetadata(body, paragraphs);
  if (report.title().empty()) report.set_title(md.title);
  if (report.language().empty()) report.set_language(md.language);
  if (!report.has_coverage_start() && md.coverage_start.known()) {
    SetDate(md.coverage_start, report.mutable_coverage_start());
  }
  if (!report.has_coverage_end() && md.coverage_end.known()) {
    SetDate(md.coverage_end, report.mutable_coverage_end());
  }
  if (report.publishers().empty()) {
    for (const std::string& p : md.publishers) report.add_publishers(p);
  }
  if (!report.has_published_date() && md.published_date.known()) {
    SetDate(md.published_date, report.mutable_published_date());
  }
  const SimpleDate coverage_start = FromProto(report.coverage_start());
  const SimpleDate coverage_end = FromProto(report.coverage_end());

  // Analyse every sentence, in text order. Tokens live only while their
  // sentence is analysed, so memory stays a small multiple of the body.
  std::vector<Sentence> sentences;
  std::vector<absl::Span<const PlaceMention>> places;  // per sentence
  // The lists of every sentence (and its places), a few bytes a byte of text.
  SentenceArena arena(body.size() * 2);
  sentences.reserve(body.size() / 100 + 1);
  places.reserve(body.size() / 100 + 1);
  EntityResolver resolver;
  CountryTally country;  // the report's country, counted as the text is read
  {
    const std::string& title = md.title;
    country.Add(Tokenize(title, 0, title.size()), 5);
  }
  v1::Freedom section = v1::FREEDOM_UNSPECIFIED;
  bool section_start = true;
  bool first_line = true;
  // The items under "X calls on the authorities to:" are what is asked
  // for, not incidents.
  bool demand_list = false;
  std::vector<Token> tokens;  // of the sentence or heading being read; one buffer for all
  std::vector<CueMatch> cue_buffer;  // a sentence's cues with those across a date
  std::vector<SentenceMention> mentions;  // of the sentence being read, before the arena
  std::vector<int> entity_ids;
  std::optional<DateMention> heading_date;  // a date heading over the next paragraph
  BackReferences back_references;
  std::vector<BackReference> refs;  // of the sentence being read
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    const Paragraph& para = paragraphs[p];
    absl::string_view ptext = absl::string_view(body).substr(para.span.begin, para.span.size());
    if (para.section_break) {
      section = v1::FREEDOM_UNSPECIFIED;
      section_start = true;
    }
    if (para.is_heading || first_line || IsCaption(ptext)) {
      v1::Freedom f;
      if (para.is_heading && SectionHeadingFreedom(ptext, &f)) {
        section = f;
        section_start = true;
      }
      // The title and headings still introduce names ("Azimjan Askarov dies").
      std::vector<Token>& toks = tokens;
      TokenizeInto(body, para.span.begin, para.span.end, &toks);
      // A heading that is only a date ("22 May 2024") dates the paragraph
      // under it, as case histories and chronologies are laid out.
      heading_date.reset();
      if (!first_line && !IsCaption(ptext)) {
        std::vector<DateMention> hd = FindDates(toks);
        if (hd.size() == 1 && hd[0].first_token == 0 && hd[0].end_token == toks.size() &&
            hd[0].kind == DateKind::kAbsolute) {
          heading_date = hd[0];
          heading_date->first_token = heading_date->end_token = 0;
        }
      }
      country.Add(toks);
      for (const EntityMention& m : FindEntityMentions(body, toks, resolver)) {
        if (m.name.kind == v1::ENTITY_KIND_PERSON && m.end_token - m.first_token >= 2) {
          resolver.Resolve(m.name);
        }
      }
      demand_list = absl::EndsWith(ptext, ":") && OpensCall(FindCues(toks, 0, toks.size(), options.cues));
      first_line = false;
      continue;
    }
    const bool demand_item = demand_list && IsListItem(body, para.span.begin);
    const bool footnote = IsFootnote(body, para.span.begin);
    demand_list = demand_item;
    const std::optional<DateMention> para_heading_date = heading_date;
    heading_date.reset();
    for (size_t k = 0; k < para.sentences.size(); ++k) {
      Sentence s;
      s.span = para.sentences[k];
      s.paragraph = p;
      s.paragraph_start = k == 0;
      s.section = section;
      s.section_start = section_start;
      section_start = false;
      for (const Span& meta : md.metadata_sentences) {
        if (Contains(meta, s.span) || Contains(s.span, meta)) s.skip = true;
      }
      TokenizeInto(body, s.span.begin, s.span.end, &tokens);
      AnalyseTokens(tokens, &arena, &s, options.cues);
      std::vector<DateMention> dates = FindDates(tokens);
      if (options.occasion_dates) CoarsenOccasionDates(tokens, &dates);
      // "refused on 21st May 2022 to allow": the cue around the date.
      if (!dates.empty()) {
        cue_buffer.assign(s.cues.begin(), s.cues.end());
        if (AddCuesAcrossDates(tokens, dates, &cue_buffer, options.cues)) s.cues = arena.Copy(cue_buffer);
      }
      if (k == 0 && para_heading_date.has_value()) {
        if (dates.empty()) {
          dates.push_back(*para_heading_date);
        } else {
          // The paragraph dates its own acts ("3 марта — ..." under "2023"):
          // the heading gives their year, and dates no act.
          DateMention context = *para_heading_date;
          context.kind = DateKind::kBound;
          dates.insert(dates.begin(), context);
        }
      }
      for (DateMention& d : dates) {
        d.paragraph = static_cast<int>(p);
        const Span date_span{d.start, d.end};
        if ((md.dateline.size() > 0 && Contains(md.dateline, date_span)) ||
            (md.publication_line.size() > 0 && Contains(md.publication_line, date_span))) {
          d.kind = DateKind::kBound;
          d.publication = true;
        }
      }
      s.dates = arena.Copy(dates);
      std::vector<EntityMention> found = FindEntityMentions(body, tokens, resolver);
      // The place of a dateline ("KYIV, 24 July 2019 –") is where the text
      // was filed, not a participant.
      if (md.dateline.size() > 0) {
        found.erase(std::remove_if(found.begin(), found.end(),
                                   [&](const EntityMention& m) {
                                     return m.start >= md.dateline.begin && m.end <= md.dateline.end;
                                   }),
                    found.end());
      }
      mentions.clear();
      entity_ids.clear();
      for (const EntityMention& m : found) {
        entity_ids.push_back(resolver.Resolve(m.name));
        mentions.push_back(SentenceMention::From(m, &arena));
      }
      // "the same court", "the judge": the body or person named before.
      back_references.Note(tokens, found, entity_ids, resolver, p);
      back_references.Find(tokens, p, &refs);
      if (!refs.empty()) {
        for (const BackReference& r : refs) {
          SentenceMention m;
          m.first_token = static_cast<uint32_t>(r.first_token);
          m.end_token = static_cast<uint32_t>(r.end_token);
          m.start = tokens[r.first_token].start;
          m.end = tokens[r.end_token - 1].end;
          m.actor_title = r.actor;
          m.back_reference = true;
          mentions.push_back(m);
          entity_ids.push_back(r.entity);
        }
        // Back in text order, as the segmenter reads them.
        std::vector<size_t> order(mentions.size());
        for (size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
          return mentions[a].first_token < mentions[b].first_token;
        });
        std::vector<SentenceMention> sorted_mentions;
        std::vector<int> sorted_ids;
        for (size_t k : order) {
          sorted_mentions.push_back(mentions[k]);
          sorted_ids.push_back(entity_ids[k]);
        }
        mentions.swap(sorted_mentions);
        entity_ids.swap(sorted_ids);
      }
      s.mentions = arena.Copy(mentions);
      s.entity_ids = arena.Copy(entity_ids);
      places.push_back(FindPlaces(tokens, md.dateline, found, &country, &arena));
      if (demand_item || footnote) s.skip = true;
      if (k + 1 == para.sentences.size() && absl::EndsWith(ptext, ":") && OpensCall(s.cues)) {
        demand_list = true;
      }
      sentences.push_back(s);
    }
  }

  // The paragraphs are read: their memory serves what follows.
  std::vector<Paragraph>().swap(paragraphs);

  if (report.country_code().empty()) report.set_country_code(country.Best());
  if (report.country_code().empty()) {
    result.warnings.push_back(MakeWarning("NO_COUNTRY", "No country is named in the report; events have no country_code."));
  }

  // Years for day-and-month dates, and relative dates, across the report.
  std::vector<DateMention*> all_dates;
  for (Sentence& s : sentences) {
    for (DateMention& d : s.dates) all_dates.push_back(&d);
  }
  ResolveDates(coverage_start, coverage_end, &all_dates, FromProto(report.published_date()));

  std::vector<Incident> incidents = SegmentIncidents(sentences, resolver.entities());
  {
    // A news lede: the paragraph that opens with the dateline.
    long lede = -1;
    if (md.dateline.size() > 0) {
      for (const Sentence& s : sentences) {
        if (s.span.end > md.dateline.begin) {
          lede = static_cast<long>(s.paragraph);
          break;
        }
      }
    }
    DropDuplicateIncidents(sentences, resolver.entities(), lede, &incidents);
  }
  if (options.translated_repeats) DropTranslatedRepeats(input.body(), sentences, &incidents);
  std::vector<bool> used(resolver.entities().size(), false);
  // "entities/{id}" of each entity, made once.
  std::vector<std::string> entity_names(resolver.entities().size());
  for (size_t id = 0; id < entity_names.size(); ++id) {
    entity_names[id] = absl::StrCat("entities/", EntityIdForKey(resolver.entities()[id].key));
  }
  result.events.reserve(incidents.size());
  // Each participant's first mention in an incident's sentences (one map
  // for all incidents: cleared, not reallocated).
  absl::flat_hash_map<int, const SentenceMention*> firsts;
  for (const Incident& inc : incidents) {
    const Sentence& s = sentences[inc.sentence];
    v1::Event ev;
    // (Empty strings are not set: in proto3 that is the same value, and
    // each set string costs an allocation, for every event.)
    if (!report.country_code().empty()) ev.set_country_code(report.country_code());
    if (inc.date.known()) SetDate(inc.date, ev.mutable_date());
    if (inc.end_date.known() && inc.end_date != inc.date) SetDate(inc.end_date, ev.mutable_end_date());
    ev.set_category(inc.category);
    ev.set_freedom(inc.freedom);
    CueScores all;
    all.positive = SaturatingAdd(inc.positive, inc.context_positive);
    all.negative = SaturatingAdd(inc.negative, inc.context_negative);
    const v1::Valence valence = ValenceFor(inc.category, all);
    ev.set_valence(valence);
    // Place: a city or region named in the sentence ("Osh", "Almaty
    // region", "southern Kyrgyzstan"); a country named after "in" moves the
    // event there.
    for (const PlaceMention& pm : places[inc.sentence]) {
      if (!ev.location().empty()) break;  // the first city or region is enough
      if (pm.in_name) continue;
      if (pm.kind == PlaceKind::kCity || pm.region) {
        ev.set_location(body.data() + pm.start, pm.end - pm.start);
        if (pm.country_code != report.country_code() && !report.country_code().empty()) {
          ev.set_country_code(pm.country_code.data(), pm.country_code.size());
        }
      } else if (pm.kind == PlaceKind::kCountry && pm.after_in && pm.country_code != report.country_code()) {
        ev.set_country_code(pm.country_code.data(), pm.country_code.size());
      }
    }
    // Participants, as written in the first mention of each entity.
    firsts.clear();
    auto collect = [&](const Sentence& x) {
      // (Stops once every participant has a mention: a very long sentence
      // with many incidents is not walked whole for each.)
      for (size_t k = 0; k < x.mentions.size() && firsts.size() < inc.entities.size(); ++k) {
        if (x.entity_ids[k] >= 0) firsts.try_emplace(x.entity_ids[k], &x.mentions[k]);
      }
    };
    collect(s);
    for (size_t f : inc.follow_ups) collect(sentences[f]);
    ev.mutable_participants()->Reserve(static_cast<int>(inc.entities.size()));
    for (int id : inc.entities) {
      const ResolvedEntity& e = resolver.entities()[id];
      auto found = firsts.find(id);
      const SentenceMention* m = found == firsts.end() ? nullptr : found->second;
      v1::Participant* part = ev.add_participants();
      part->set_entity(entity_names[id]);
      if (m != nullptr && !m->back_reference) {
        part->set_display_name(body.data() + m->start, m->end - m->start);
      } else {
        part->set_display_name(e.display_name);
      }
      part->set_kind(e.kind);
      const absl::string_view title = m != nullptr ? m->title : absl::string_view();
      if (!title.empty()) part->set_title(title.data(), title.size());
      part->set_role(RoleFor(e, inc.category, valence, title, m != nullptr && m->actor_title));
      used[id] = true;
    }
    absl::string_view summary = absl::string_view(body).substr(s.span.begin, s.span.size());
    ev.set_summary(SummaryOf(summary));
    size_t end = s.span.end;
    for (size_t f : inc.follow_ups) end = std::max(end, sentences[f].span.end);
    v1::Provenance* prov = ev.add_provenance();
    prov->set_start_offset(static_cast<int64_t>(s.span.begin));
    prov->set_end_offset(static_cast<int64_t>(end));
    if (!inc.date.known()) {
      result.warnings.push_back(MakeWarning("UNDATED_EVENT", "The text gives no date for this incident.",
                                            s.span.begin, s.span.end));
    }
    result.events.push_back(std::move(ev));
  }
  if (result.events.empty()) {
    result.warnings.push_back(MakeWarning("NO_EVENTS", "No incident was found in the report."));
  }

  for (size_t id = 0; id < resolver.entities().size(); ++id) {
    if (!used[id]) continue;
    const ResolvedEntity& e = resolver.entities()[id];
    v1::Entity out;
    out.set_name(entity_names[id]);
    out.set_kind(e.kind);
    out.set_display_name(e.display_name);
    for (const std::string& a : e.aliases) out.add_aliases(a);
    for (const std::string& t : e.titles) out.add_titles(t);
    if (e.kind != v1::ENTITY_KIND_INTERNATIONAL_BODY) out.set_country_code(report.country_code());
    result.entities.push_back(std::move(out));
  }
  return result;
}

}  // namespace civicwatch::normalize
