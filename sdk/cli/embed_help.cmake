# Writes OUTPUT, a C++ file holding the text of every help file named in
# NAMES (comma-separated) under HELP_DIR, so the civicwatch tool carries its
# help in the binary and never reads it from disk. Run at build time:
#   cmake -DHELP_DIR=... -DNAMES=backup,entities -DOUTPUT=help_files.cc -P embed_help.cmake
set(delimiter "civicwatch_help")
string(REPLACE "," ";" names "${NAMES}")
set(entries "")
foreach(name IN LISTS names)
  file(READ "${HELP_DIR}/${name}.txt" text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${HELP_DIR}/${name}.txt contains )${delimiter}\", which ends the raw string")
  endif()
  string(APPEND entries "    {\"${name}\", R\"${delimiter}(${text})${delimiter}\"},\n")
endforeach()
set(content "// Made at build time by sdk/cli/embed_help.cmake from sdk/cli/help/*.txt.
#include \"help_text.h\"

namespace civicwatch::cli {

const std::vector<HelpFile>& HelpFiles() {
  static const std::vector<HelpFile>* files = new std::vector<HelpFile>{
${entries}  };
  return *files;
}

}  // namespace civicwatch::cli
")
# Rewritten only when it changes, so an unchanged help file rebuilds nothing.
set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL content)
  file(WRITE "${OUTPUT}" "${content}")
endif()
