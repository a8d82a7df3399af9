#!/usr/bin/env bash
# Builds civicwatch with AddressSanitizer and UndefinedBehaviorSanitizer
# into ./build-asan (or $ASAN_BUILD_DIR) and runs every test there: unit,
# integration, fault, security, SDK, CLI, normaliser and query. Any
# sanitizer report stops the process that made it, which fails its test;
# the servers the integration tests start inherit the same options.
# SANITIZE_SUBSET=1 builds and runs only the shared and ingest unit tests
# and the fault suite (both real servers; a quicker check). The build is
# -O1 with line tables only (-g1): enough for symbolised reports, and
# quicker to compile than the default -O2 -g. Run scripts/install-deps.sh
# first.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}

TARGETS=(civicwatch-ingest civicwatch-query common_test ingest_test
         query_crash_test ingest_outage_test disk_fault_test graceful_shutdown_test
         bad_input_matrix_test load_test)
TESTS='^(ErrorsTest|PageTokenTest|PartialDateTest|SqliteTest|Utf8Test|WireUtf8Test|ReportValidationTest|IngestStoreTest|QueryCrashTest|IngestOutageTest|DiskFaultTest|GracefulShutdownTest|BadInputMatrixTest|LoadTest)\.'

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(pwd)}
# Objects built with debug info are cached whatever folder they were built
# in, so a fresh clone (CI) reuses what another checkout compiled.
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
cmake -S . -B "$BUILD_DIR" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" \
  -DCIVICWATCH_SANITIZE=address,undefined \
  -DCIVICWATCH_BUILD_BENCHMARKS=OFF
if [ "${SANITIZE_SUBSET:-0}" = 1 ]; then
  cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target "${TARGETS[@]}"
else
  cmake --build "$BUILD_DIR" --parallel "$(nproc)"
  TESTS='.'
fi

# LeakSanitizer suppressions for leaks inside the system's gRPC and
# protobuf libraries (see the file for each entry and why).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/tests/fault/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# Sanitized servers start and run slower; keep the fault tests' loops short.
export CIVICWATCH_CRASH_ROUNDS=${CIVICWATCH_CRASH_ROUNDS:-10}
export CIVICWATCH_LOAD_SECONDS=${CIVICWATCH_LOAD_SECONDS:-5}
# sdk_examples_against_install builds sdk/examples against the installed,
# here instrumented, SDK as a partner's project would; that project needs
# the sanitizer runtimes too (and then runs its example test under them).
export CXXFLAGS="${CXXFLAGS:-} -fsanitize=address,undefined"
export LDFLAGS="${LDFLAGS:-} -fsanitize=address,undefined"
rm -rf "$BUILD_DIR/sdk/install-check/build"
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 600 -j "$(nproc)" -R "$TESTS"
