// The table of the tool's subcommands: the order is that of its --help.
#include "command.h"

namespace civicwatch::cli {
namespace {

Command Make(const char* name, void (*define_flags)(ArgParser&),
             int (*run)(const ParsedArgs&, Context&)) {
  return Command{name, HelpOf(name), define_flags, run};
}

}  // namespace

const std::vector<Command>& AllCommands() {
  static const std::vector<Command>* commands = new std::vector<Command>{
      Make("ingest", DefineIngestFlags, RunIngest),
      Make("import", DefineImportFlags, RunImport),
      Make("normalize", DefineNormalizeFlags, RunNormalize),
      Make("timeline", DefineTimelineFlags, RunTimeline),
      Make("event", DefineEventFlags, RunEvent),
      Make("candidates", DefineCandidatesFlags, RunCandidates),
      Make("review", DefineReviewFlags, RunReview),
      Make("stats", DefineStatsFlags, RunStats),
      Make("export", DefineExportFlags, RunExport),
      Make("reports", DefineReportsFlags, RunReports),
      Make("report", DefineReportFlags, RunReport),
      Make("entities", DefineEntitiesFlags, RunEntities),
      Make("entity", DefineEntityFlags, RunEntity),
      Make("backup", nullptr, RunBackup),
      Make("renormalize", DefineRenormalizeFlags, RunRenormalize),
  };
  return *commands;
}

}  // namespace civicwatch::cli
