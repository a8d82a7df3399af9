// `civicwatch review`: a terminal workflow over the events the normaliser
// suggested. Each is shown with its text highlighted in the report around
// it and its fields; one key confirms it, edits a field, rejects it with a
// comment, skips it or quits. Confirmed, corrected and rejected events are
// no longer SUGGESTED, and skipped ones are kept in a small local file, so
// the next session starts with the events not yet seen.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "command.h"
#include "dates.h"
#include "enums.h"
#include "error_messages.h"
#include "event_edit.h"
#include "event_format.h"
#include "key_input.h"
#include "skipped_events.h"
#include "span_context.h"
#include "terminal.h"

namespace civicwatch::cli {
namespace {

// Bytes of report text shown on each side of an event's span.
constexpr size_t kContextBytes = 400;

// How marks look: ANSI on a terminal, brackets elsewhere.
struct Style {
  std::string span_on, span_off, bold_on, bold_off, clear_screen;
};

Style StyleFor(bool terminal) {
  if (!terminal) return {"[[", "]]", "", "", ""};
  return {"\x1b[1;7m", "\x1b[0m", "\x1b[1m", "\x1b[0m", "\x1b[H\x1b[2J"};
}

// What the session did, for the closing line.
struct Tally {
  int confirmed = 0;
  int corrected = 0;
  int rejected = 0;
  int skipped = 0;
};

class ReviewSession {
 public:
  ReviewSession(Context& ctx, Client& client, KeyInput& keys, SkippedEvents& skipped,
                bool include_skipped)
      : ctx_(ctx),
        client_(client),
        keys_(keys),
        skipped_(skipped),
        include_skipped_(include_skipped),
        style_(StyleFor(keys.raw())),
        width_(keys.raw() ? TerminalWidth() : 0) {}

  int Run(const v1::EventFilter& filter) {
    int shown = 0, left_skipped = 0;
    bool quit = false;
    for (auto& listed : client_.ListEvents(filter)) {
      if (!listed.ok()) {
        return ReportError(ctx_, listed.status(), QueryServiceOf(ctx_.client_options));
      }
      if (!include_skipped_ && skipped_.Contains(listed->name())) {
        ++left_skipped;
        continue;
      }
      ++shown;
      if (!Review(listed->name(), shown)) {
        quit = true;
        break;
      }
    }
    ctx_.out << "\n";
    if (!quit) {
      ctx_.out << "No more suggested events";
      if (left_skipped > 0) {
        ctx_.out << " (" << left_skipped << " skipped before; --include_skipped shows them)";
      }
      ctx_.out << ".\n";
    }
    ctx_.out << "This session: " << tally_.confirmed << " confirmed, " << tally_.corrected
             << " corrected, " << tally_.rejected << " rejected, " << tally_.skipped
             << " skipped.\n";
    ctx_.out.flush();
    return kExitOk;
  }

 private:
  // Reviews one event until the person moves on (true) or quits (false).
  bool Review(const std::string& name, int number) {
    auto event = client_.GetEvent(name);
    if (!event.ok()) {
      // Gone or hidden since it was listed: nothing to review.
      if (event.status().code() == absl::StatusCode::kNotFound) return true;
      ctx_.out << "\n" << DescribeError(event.status(), QueryServiceOf(ctx_.client_options))
               << "\n";
      return AskToGoOn();
    }
    if (event->review_state() != v1::REVIEW_STATE_SUGGESTED) return true;
    bool corrected = false;
    while (true) {
      Show(*event, number);
      ctx_.out << style_.bold_on << "[c]" << style_.bold_off << " confirm  " << style_.bold_on
               << "[e]" << style_.bold_off << " edit a field  " << style_.bold_on << "[r]"
               << style_.bold_off << " reject  " << style_.bold_on << "[s]" << style_.bold_off
               << " skip  " << style_.bold_on << "[q]" << style_.bold_off << " quit > "
               << std::flush;
      const std::optional<char> key = keys_.ReadKey();
      if (!key || *key == 'q' || *key == 'Q') {
        ctx_.out << "\n";
        return false;
      }
      // Echo the key, unless it is a control key (Esc, an arrow).
      if (static_cast<unsigned char>(*key) >= 0x20 && *key != 0x7f) ctx_.out << *key;
      ctx_.out << "\n";
      absl::StatusOr<v1::Event> result;
      switch (absl::ascii_tolower(*key)) {
        case 'c':
          result = client_.ConfirmEvent(event->name(), event->etag());
          if (Done(result, *event)) {
            if (!corrected) ++tally_.confirmed;
            return true;
          }
          break;
        case 'r': {
          ctx_.out << "Why is it not an incident? (Enter: no comment; Esc: back)\n> "
                   << std::flush;
          const std::optional<std::string> comment = keys_.ReadLine();
          if (!comment) break;
          result = client_.RejectEvent(event->name(), event->etag(), *comment);
          if (Done(result, *event)) {
            if (corrected) --tally_.corrected;
            ++tally_.rejected;
            return true;
          }
          break;
        }
        case 'e':
          if (Edit(*event)) {
            if (!corrected) ++tally_.corrected;
            corrected = true;
          }
          break;
        case 's':
        case 'n':
        case ' ':
          if (event->review_state() == v1::REVIEW_STATE_SUGGESTED) {
            ++tally_.skipped;
            if (absl::Status s = skipped_.Add(event->name()); !s.ok()) {
              ctx_.err << "civicwatch: " << s.message()
                       << "; the skip is not remembered after this session\n";
            }
          }
          return true;
        default:
          ctx_.out << "Press c, e, r, s or q.\n";
          break;
      }
    }
  }

  // Whether a confirm or reject went through; on a stale etag, reloads
  // `event` so the person sees what changed.
  bool Done(const absl::StatusOr<v1::Event>& result, v1::Event& event) {
    if (result.ok()) {
      ctx_.out << "-> " << ShortName(result->review_state()) << "\n";
      return true;
    }
    Failed(result.status(), event);
    return false;
  }

  void Failed(const absl::Status& status, v1::Event& event) {
    ctx_.out << "Not done: " << DescribeError(status, IngestServiceOf(ctx_.client_options))
             << "\n";
    if (status.code() == absl::StatusCode::kAborted) {
      // Someone changed it: show it as it is now.
      if (auto fresh = client_.GetEvent(event.name()); fresh.ok()) event = *fresh;
    }
    AskToGoOn();
  }

  // Asks for one field and its new value and sends the change; true when
  // the event was changed (then `event` is the changed one).
  bool Edit(v1::Event& event) {
    ctx_.out << "Which field?";
    for (const EditableField& f : EditableFields()) {
      ctx_.out << "  " << style_.bold_on << "[" << f.key << "]" << style_.bold_off << " "
               << f.path;
    }
    ctx_.out << "  (Esc: back) > " << std::flush;
    const std::optional<char> key = keys_.ReadKey();
    const EditableField* field = nullptr;
    for (const EditableField& f : EditableFields()) {
      if (key && absl::ascii_tolower(*key) == f.key) field = &f;
    }
    if (field == nullptr) {
      ctx_.out << "\n";
      return false;
    }
    ctx_.out << field->path << "\nNew " << field->path << " (" << field->value_hint
             << "; Esc: back)\n> " << std::flush;
    const std::optional<std::string> text = keys_.ReadLine();
    if (!text) return false;
    v1::Event edit;
    edit.set_name(event.name());
    edit.set_etag(event.etag());
    if (absl::Status s = SetFieldFromText(field->path, *text, edit); !s.ok()) {
      ctx_.out << "Not changed: " << s.message() << "\n";
      AskToGoOn();
      return false;
    }
    auto updated = client_.UpdateEvent(edit, {field->path});
    if (!updated.ok()) {
      Failed(updated.status(), event);
      return false;
    }
    // The ingest service answers without quotes; the offsets are enough.
    event = *updated;
    return true;
  }

  bool AskToGoOn() {
    ctx_.out << "(press a key) " << std::flush;
    const bool more = keys_.ReadKey().has_value();
    ctx_.out << "\n";
    return more;
  }

  void Show(const v1::Event& e, int number) {
    ctx_.out << style_.clear_screen << style_.bold_on << "Event " << number << ": " << e.name()
             << "  (" << ReviewText(e) << ")" << style_.bold_off << "\n\n";
    if (!e.provenance().empty()) {
      const v1::Provenance& where = e.provenance(0);
      ctx_.out << where.report() << ", bytes " << where.start_offset() << ".."
               << where.end_offset();
      if (e.provenance_size() > 1) {
        ctx_.out << " (and " << e.provenance_size() - 1 << " more report"
                 << (e.provenance_size() > 2 ? "s" : "") << ")";
      }
      ctx_.out << ":\n\n" << WordWrap(absl::StripTrailingAsciiWhitespace(SpanText(where)), width_)
               << "\n\n";
    }
    // Values wrap under themselves, after the labels' column.
    constexpr int kLabelColumns = 19;
    auto line = [&](const std::string& label, const std::string& value) {
      std::string text = WordWrap(value.empty() ? "-" : value,
                                  width_ > kLabelColumns + 20 ? width_ - kLabelColumns : 0);
      text = absl::StrReplaceAll(text, {{"\n", "\n" + std::string(kLabelColumns, ' ')}});
      ctx_.out << "  " << label << std::string(kLabelColumns - 2 - label.size(), ' ') << text
               << "\n";
    };
    for (const auto& [label, value] : EventFacts(e)) line(label, value);
    line("participants", ParticipantsText(e));
    line("confidentiality", ShortName(e.confidentiality()));
    line("summary", e.summary());
    if (e.has_review() && !e.review().reviewer().empty()) {
      line("reviewed by", e.review().reviewer());
    }
    ctx_.out << "\n";
  }

  // The span marked in the report's text; the quote alone when the text
  // cannot be had (a restricted report without the scope, a failed call).
  std::string SpanText(const v1::Provenance& where) {
    auto cached = bodies_.find(where.report());
    if (cached == bodies_.end()) {
      auto report = client_.GetReport(where.report());
      cached = bodies_.emplace(where.report(), report.ok() ? report->body() : "").first;
    }
    const std::string& body = cached->second;
    if (!body.empty() && where.end_offset() <= static_cast<int64_t>(body.size())) {
      return SpanInContext(body, where.start_offset(), where.end_offset(), kContextBytes,
                           style_.span_on, style_.span_off);
    }
    if (!where.quote().empty()) {
      return absl::StrCat(style_.span_on, where.quote(), style_.span_off,
                          "  (the report's text is not available)");
    }
    return "(the report's text is not available)";
  }

  Context& ctx_;
  Client& client_;
  KeyInput& keys_;
  SkippedEvents& skipped_;
  const bool include_skipped_;
  const Style style_;
  // Columns to wrap text at; 0 (no wrapping) when not on a terminal.
  const int width_;
  Tally tally_;
  std::map<std::string, std::string> bodies_;
};

}  // namespace

int RunReview(const ParsedArgs& args, Context& ctx) {
  if (!args.positionals.empty()) {
    return ReportUsage(ctx, "review", "review takes no arguments; use --country or --report");
  }
  v1::EventFilter filter;
  for (const std::string& country : args.GetAll("country")) {
    filter.add_country_codes(absl::AsciiStrToUpper(country));
  }
  for (const std::string& report : args.GetAll("report")) {
    filter.add_reports(absl::StartsWith(report, "reports/") ? report
                                                            : absl::StrCat("reports/", report));
  }
  filter.add_review_states(v1::REVIEW_STATE_SUGGESTED);
  const std::string state_file =
      args.Has("state_file") ? args.Get("state_file") : SkippedEvents::DefaultPath();
  auto skipped = SkippedEvents::Load(state_file);
  if (!skipped.ok()) return ReportUsage(ctx, "review", skipped.status().message());
  auto client = ctx.make_client(ctx.client_options);
  if (!client.ok()) return ReportUsage(ctx, "review", client.status().message());
  KeyInput keys(0, ctx.out);
  ReviewSession session(ctx, **client, keys, *skipped, args.Has("include_skipped"));
  return session.Run(filter);
}

void DefineReviewFlags(ArgParser& p) {
  p.Add({"country", "CC", "only events in this country (ISO code: KG)", true});
  p.Add({"report", "NAME", "only events told in this report (reports/ID or ID)", true});
  p.Add({"include_skipped", "", "show the events skipped in earlier sessions too"});
  p.Add({"state_file", "FILE",
         "where skipped events are kept (default $XDG_STATE_HOME/civicwatch/review-skipped, "
         "else ~/.local/state/civicwatch/review-skipped)"});
}

}  // namespace civicwatch::cli
