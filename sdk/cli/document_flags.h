// The flags `civicwatch normalize` and `ingest` share for reading
// documents: the encoding override and the extraction limits.
#ifndef CIVICWATCH_SDK_CLI_DOCUMENT_FLAGS_H_
#define CIVICWATCH_SDK_CLI_DOCUMENT_FLAGS_H_

#include "absl/status/statusor.h"
#include "args.h"
#include "services/document/document.h"

namespace civicwatch::cli {

// --encoding NAME, --max_pages N, --max_expanded_mib N, --max_nesting_depth N.
void AddDocumentFlags(ArgParser& parser);

// The options those flags give (defaults: document::Limits). INVALID_ARGUMENT
// with a sentence for the user on a value that is not a positive number.
absl::StatusOr<document::ExtractOptions> DocumentOptionsFrom(const ParsedArgs& args);

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_DOCUMENT_FLAGS_H_
