#include "services/normalize/sentence_reader.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/match.h"
#include "services/normalize/classifier.h"
#include "services/normalize/cues_across_dates.h"
#include "services/normalize/entity_extractor.h"
#include "services/normalize/occasion_dates.h"
#include "services/normalize/paragraph_roles.h"
#include "services/normalize/sentence_analysis.h"
#include "services/normalize/tokenizer.h"

namespace civicwatch::normalize {
namespace {

bool Contains(const Span& outer, const Span& inner) {
  return inner.begin >= outer.begin && inner.end <= outer.end;
}

// True when `date` opens the heading `tokens` as a year or a range of
// years followed by a colon or a dash and a label ("2023: new case").
bool IsYearLabel(const std::vector<Token>& tokens, const DateMention& date) {
  if (date.first_token != 0 || date.kind != DateKind::kAbsolute || date.date.month || !date.date.year) {
    return false;
  }
  if (date.end_token + 1 >= tokens.size()) return false;
  return LowerIs(tokens[date.end_token], ":") || IsDash(tokens[date.end_token]);
}

// True when the heading `tokens` closes on `date` after a few words that
// name what happened that day ("2. Заседание 14 апреля 2011 года",
// "Hearing of 3 May 2019", "III. Events of 12 June"): the day of the
// section under it.
bool NamesItsSectionByDay(const std::vector<Token>& tokens, const DateMention& date) {
  size_t end = date.end_token;
  while (end < tokens.size() && tokens[end].kind == TokenKind::kPunct) ++end;
  if (end != tokens.size() || date.first_token == 0) return false;
  // "Amnesty International public statement, 7 October 2022": a date set
  // off by a comma is when the text was written.
  if (tokens[date.first_token - 1].lower == ",") return false;
  size_t words = 0;
  for (size_t k = 0; k < date.first_token; ++k) words += tokens[k].kind == TokenKind::kWord;
  return words >= 1 && words <= 4;
}

// A chronology entry's title on the line above its text reads as part of
// the entry's first sentence ("April 2011 – Exit ban\nOn 17 April 2011,
// border guards ..."). When that sentence gives a day or month within the
// title's month or year, the sentence's date is the act's; the title's,
// the same time told less precisely, becomes a bound that dates no act.
void MakeEntryTitleDateABound(absl::string_view body, const std::vector<Token>& tokens,
                              std::vector<DateMention>* dates) {
  if (dates->size() < 2) return;
  DateMention& title = (*dates)[0];
  const DateMention& told = (*dates)[1];
  if (title.first_token > 1 || title.kind != DateKind::kAbsolute || !title.date.year || title.date.day ||
      title.end_date.known() || told.kind != DateKind::kAbsolute) {
    return;
  }
  // The title ends at a line break after a dash and a few words.
  const size_t line_end = body.find('\n', title.end);
  if (line_end == absl::string_view::npos || line_end >= told.start) return;
  bool dash = false;
  for (size_t k = title.end_token; k < tokens.size() && tokens[k].start < line_end; ++k) {
    if (k == title.end_token) dash = IsDash(tokens[k]);
    if (LowerIs(tokens[k], ".") || LowerIs(tokens[k], "!") || LowerIs(tokens[k], "?")) return;
  }
  if (!dash) return;
  const bool finer = title.date.month ? told.date.month == title.date.month && told.date.day
                                      : told.date.month != 0;
  if (!finer || (told.date.year && told.date.year != title.date.year)) return;
  title.kind = DateKind::kBound;
}

// The state carried from paragraph to paragraph while a report is read.
class SentenceReader {
 public:
  SentenceReader(absl::string_view body, const ReportMetadata& metadata, const NormalizerOptions& options,
                 SentenceArena* arena, EntityResolver* resolver, CountryTally* country)
      : body_(body), metadata_(metadata), options_(options), arena_(arena), resolver_(resolver),
        country_(country) {
    out_.sentences.reserve(body.size() / 100 + 1);
    out_.places.reserve(body.size() / 100 + 1);
    country_->Add(Tokenize(metadata.title, 0, metadata.title.size()), 5);
  }

  void ReadParagraph(size_t index, const Paragraph& paragraph);
  ReadText Finish() { return std::move(out_); }

 private:
  void ReadHeading(const Paragraph& paragraph, absl::string_view text);
  Sentence ReadSentence(size_t paragraph_index, const Span& span, bool paragraph_start,
                        const std::optional<DateMention>& heading_date, bool heading_dates_act);
  std::vector<DateMention> DatesOf(size_t paragraph_index, bool paragraph_start,
                                   const std::optional<DateMention>& heading_date, bool heading_dates_act,
                                   Sentence* sentence);
  void ResolveNames(size_t paragraph_index, Sentence* sentence);

  const absl::string_view body_;
  const ReportMetadata& metadata_;
  const NormalizerOptions& options_;
  SentenceArena* const arena_;
  EntityResolver* const resolver_;
  CountryTally* const country_;
  ReadText out_;

  v1::Freedom section_ = v1::FREEDOM_UNSPECIFIED;  // of the section being read
  bool section_start_ = true;
  bool first_line_ = true;
  // The items under "X calls on the authorities to:" are what is asked
  // for, not incidents.
  bool demand_list_ = false;
  std::optional<DateMention> heading_date_;  // a date heading over the next paragraph
  bool in_signatures_ = false;               // past a letter's closing formula
  bool in_notes_ = false;                    // under a notes heading, until the next heading
  bool past_end_mark_ = false;               // past a press release's "ENDS"
  // The date of a sentence that opens a list ("On Thursday, 13 June:"):
  // it dates the items under it that give no date of their own.
  std::optional<DateMention> list_date_;
  // A year heading ("2021") over a chronology: it gives its year to the
  // days of every paragraph under it, until the next heading.
  std::optional<DateMention> year_heading_;
  // The day a heading names its section by ("2. Заседание 14 апреля 2011
  // года", "Hearing of 3 May"): it dates the first sentence of every
  // paragraph under it that gives no date of its own, until the next
  // heading.
  std::optional<DateMention> section_day_;
  BackReferences back_references_;

  // Buffers for the sentence being read, one for all.
  std::vector<Token> tokens_;
  std::vector<CueMatch> cue_buffer_;  // a sentence's cues with those across a date
  std::vector<EntityMention> names_;
  std::vector<SentenceMention> mentions_;
  std::vector<int> entity_ids_;
  std::vector<BackReference> refs_;
};

void SentenceReader::ReadParagraph(size_t index, const Paragraph& paragraph) {
  absl::string_view text = body_.substr(paragraph.span.begin, paragraph.span.size());
  if (paragraph.section_break) {
    section_ = v1::FREEDOM_UNSPECIFIED;
    section_start_ = true;
  }
  if (paragraph.is_heading || first_line_ || IsCaption(text)) {
    ReadHeading(paragraph, text);
    return;
  }
  // The closing formula and what comes under it (the signatures). A
  // heading or a paragraph of several sentences after them opens the
  // text again: an urgent action's "Additional information" follows its
  // model letter.
  if (in_signatures_ && paragraph.sentences.size() >= 2) in_signatures_ = false;
  in_signatures_ |= IsClosingFormula(text);
  past_end_mark_ |= IsEndMark(text);
  in_notes_ |= OpensNotes(text);
  const bool list_item = IsListItem(body_, paragraph.span.begin);
  const bool demand_item = demand_list_ && list_item;
  const bool footnote = IsFootnote(body_, paragraph.span.begin) || IsFactBox(text);
  demand_list_ = demand_item;
  if (!list_item) list_date_.reset();
  std::optional<DateMention> heading_date = heading_date_.has_value() ? heading_date_ : list_date_;
  heading_date_.reset();
  bool heading_dates_act = true;
  if (!heading_date.has_value() && section_day_.has_value()) {
    heading_date = section_day_;
  } else if (!heading_date.has_value() && year_heading_.has_value()) {
    heading_date = year_heading_;
    heading_dates_act = false;
  }
  for (size_t k = 0; k < paragraph.sentences.size(); ++k) {
    Sentence s = ReadSentence(index, paragraph.sentences[k], k == 0, heading_date, heading_dates_act);
    // Neither tells an incident: what is asked for, notes, signatures,
    // the matter after a release's end mark, shouted instructions.
    if (demand_item || footnote || in_signatures_ || in_notes_ || past_end_mark_ ||
        IsFootnote(body_, paragraph.sentences[k].begin) ||
        IsShouted(body_.substr(paragraph.sentences[k].begin, paragraph.sentences[k].size()))) {
      s.skip = true;
    }
    if (k + 1 == paragraph.sentences.size() && absl::EndsWith(text, ":")) {
      if (OpensCall(s.cues)) {
        demand_list_ = true;
      } else if (!s.dates.empty() && s.dates.back().kind != DateKind::kBound && s.dates.back().date.month) {
        list_date_ = s.dates.back();
        list_date_->first_token = list_date_->end_token = 0;
      }
    }
    out_.sentences.push_back(s);
  }
}

// The title and headings give no sentence, but they set the section's
// freedom, introduce names ("Azimjan Askarov dies"), count for the
// country, and a heading that is only a date ("22 May 2024") dates the
// paragraph under it, as case histories and chronologies are laid out.
void SentenceReader::ReadHeading(const Paragraph& paragraph, absl::string_view text) {
  in_signatures_ = false;
  in_notes_ = OpensNotes(text);
  past_end_mark_ |= IsEndMark(text);
  TokenizeInto(body_, paragraph.span.begin, paragraph.span.end, &tokens_);
  v1::Freedom f;
  if (paragraph.is_heading && SectionHeadingFreedom(tokens_, &f)) {
    section_ = f;
    section_start_ = true;
  }
  heading_date_.reset();
  year_heading_.reset();
  section_day_.reset();
  if (!first_line_ && !IsCaption(text)) {
    std::vector<DateMention> dates = FindDates(tokens_);
    if (dates.size() == 1 && dates[0].first_token == 0 && dates[0].end_token == tokens_.size() &&
        dates[0].kind == DateKind::kAbsolute) {
      heading_date_ = dates[0];
      heading_date_->first_token = heading_date_->end_token = 0;
      if (!heading_date_->date.month) year_heading_ = heading_date_;
    } else if (!dates.empty() && IsYearLabel(tokens_, dates[0])) {
      // "2023: a new criminal case", "2019–2020 — «дорожное» дело": the
      // section's year, given to its days as a bound; it dates no act.
      year_heading_ = dates[0];
      year_heading_->first_token = year_heading_->end_token = 0;
      year_heading_->end_date = SimpleDate{};
    } else if (dates.size() == 1 && dates[0].kind == DateKind::kAbsolute && dates[0].date.day &&
               !dates[0].end_date.known() && text.find('\n') == absl::string_view::npos &&
               NamesItsSectionByDay(tokens_, dates[0])) {
      section_day_ = dates[0];
      section_day_->first_token = section_day_->end_token = 0;
      heading_date_ = section_day_;
    }
  }
  country_->Add(tokens_);
  for (const EntityMention& m : FindEntityMentions(body_, tokens_, *resolver_)) {
    if (m.name.kind == v1::ENTITY_KIND_PERSON && m.end_token - m.first_token >= 2) {
      resolver_->Resolve(m.name);
    }
  }
  demand_list_ = absl::EndsWith(text, ":") && OpensCall(FindCues(tokens_, 0, tokens_.size(), options_.cues));
  first_line_ = false;
}

Sentence SentenceReader::ReadSentence(size_t paragraph_index, const Span& span, bool paragraph_start,
                                      const std::optional<DateMention>& heading_date, bool heading_dates_act) {
  Sentence s;
  s.span = span;
  s.paragraph = paragraph_index;
  s.paragraph_start = paragraph_start;
  s.section = section_;
  s.section_start = section_start_;
  section_start_ = false;
  for (const Span& meta : metadata_.metadata_sentences) {
    if (Contains(meta, s.span) || Contains(s.span, meta)) s.skip = true;
  }
  TokenizeInto(body_, s.span.begin, s.span.end, &tokens_);
  AnalyseTokens(tokens_, arena_, &s, options_.cues);
  s.dates = arena_->Copy(DatesOf(paragraph_index, paragraph_start, heading_date, heading_dates_act, &s));
  names_ = FindEntityMentions(body_, tokens_, *resolver_);
  // The place of a dateline ("KYIV, 24 July 2019 –") is where the text
  // was filed, not a participant.
  const Span& dateline = metadata_.dateline;
  if (dateline.size() > 0) {
    names_.erase(std::remove_if(names_.begin(), names_.end(),
                                [&](const EntityMention& m) {
                                  return m.start >= dateline.begin && m.end <= dateline.end;
                                }),
                 names_.end());
  }
  ResolveNames(paragraph_index, &s);
  out_.places.push_back(FindPlaces(tokens_, dateline, names_, country_, arena_));
  return s;
}

// The sentence's dates as written. A date heading over the paragraph dates
// its first sentence, or, when that sentence has dates of its own
// ("3 марта — ..." under "2023"), gives their year as a bound that dates
// no act. A year heading further up gives its year only
// (`heading_dates_act` false). A date in the dateline or the publication
// line is a bound too.
std::vector<DateMention> SentenceReader::DatesOf(size_t paragraph_index, bool paragraph_start,
                                                 const std::optional<DateMention>& heading_date,
                                                 bool heading_dates_act, Sentence* sentence) {
  std::vector<DateMention> dates = FindDates(tokens_);
  MakeEntryTitleDateABound(body_, tokens_, &dates);
  if (options_.occasion_dates) CoarsenOccasionDates(tokens_, &dates);
  // "refused on 21st May 2022 to allow": the cue around the date.
  if (!dates.empty()) {
    cue_buffer_.assign(sentence->cues.begin(), sentence->cues.end());
    if (AddCuesAcrossDates(tokens_, dates, &cue_buffer_, options_.cues)) {
      sentence->cues = arena_->Copy(cue_buffer_);
    }
  }
  if (paragraph_start && heading_date.has_value()) {
    if (dates.empty()) {
      if (heading_dates_act) dates.push_back(*heading_date);
    } else {
      DateMention context = *heading_date;
      context.kind = DateKind::kBound;
      dates.insert(dates.begin(), context);
    }
  }
  for (DateMention& d : dates) {
    d.paragraph = static_cast<int>(paragraph_index);
    const Span date_span{d.start, d.end};
    if ((metadata_.dateline.size() > 0 && Contains(metadata_.dateline, date_span)) ||
        (metadata_.publication_line.size() > 0 && Contains(metadata_.publication_line, date_span))) {
      d.kind = DateKind::kBound;
      d.publication = true;
    }
  }
  return dates;
}

// Resolves the sentence's names (names_) and its back references ("the
// same court", "the judge": the body or person named before) to entities,
// kept in text order as the segmenter reads them.
void SentenceReader::ResolveNames(size_t paragraph_index, Sentence* sentence) {
  mentions_.clear();
  entity_ids_.clear();
  for (const EntityMention& m : names_) {
    entity_ids_.push_back(resolver_->Resolve(m.name));
    mentions_.push_back(SentenceMention::From(m, arena_));
  }
  back_references_.Note(tokens_, names_, entity_ids_, *resolver_, paragraph_index);
  back_references_.Find(tokens_, paragraph_index, &refs_);
  if (!refs_.empty()) {
    for (const BackReference& r : refs_) {
      SentenceMention m;
      m.first_token = static_cast<uint32_t>(r.first_token);
      m.end_token = static_cast<uint32_t>(r.end_token);
      m.start = tokens_[r.first_token].start;
      m.end = tokens_[r.end_token - 1].end;
      m.actor_title = r.actor;
      m.back_reference = true;
      mentions_.push_back(m);
      entity_ids_.push_back(r.entity);
    }
    std::vector<size_t> order(mentions_.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return mentions_[a].first_token < mentions_[b].first_token;
    });
    std::vector<SentenceMention> sorted_mentions;
    std::vector<int> sorted_ids;
    for (size_t k : order) {
      sorted_mentions.push_back(mentions_[k]);
      sorted_ids.push_back(entity_ids_[k]);
    }
    mentions_.swap(sorted_mentions);
    entity_ids_.swap(sorted_ids);
  }
  sentence->mentions = arena_->Copy(mentions_);
  sentence->entity_ids = arena_->Copy(entity_ids_);
}

}  // namespace

ReadText ReadSentences(absl::string_view body, const std::vector<Paragraph>& paragraphs,
                       const ReportMetadata& metadata, const NormalizerOptions& options,
                       SentenceArena* arena, EntityResolver* resolver, CountryTally* country) {
  SentenceReader reader(body, metadata, options, arena, resolver, country);
  for (size_t p = 0; p < paragraphs.size(); ++p) reader.ReadParagraph(p, paragraphs[p]);
  return reader.Finish();
}

}  // namespace civicwatch::normalize
