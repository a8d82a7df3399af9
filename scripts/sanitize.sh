#!/usr/bin/env bash
# Builds civicwatch with AddressSanitizer and UndefinedBehaviorSanitizer
# into ./build-asan (or $ASAN_BUILD_DIR) and runs every unit and
# integration test there. Any sanitizer report stops the process that made
# it, which fails its test; the servers the integration tests start inherit
# the same options. Run scripts/install-deps.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}

BUILD_DIR="$BUILD_DIR" bash scripts/build.sh \
  -DCIVICWATCH_SANITIZE=address,undefined \
  -DCIVICWATCH_BUILD_BENCHMARKS=OFF

# LeakSanitizer suppressions for leaks inside the system's gRPC and
# protobuf libraries (see the file for each entry and why).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/tests/fault/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# Sanitized servers start and run slower; keep the fault tests' loops short.
export CIVICWATCH_CRASH_ROUNDS=${CIVICWATCH_CRASH_ROUNDS:-10}
export CIVICWATCH_LOAD_SECONDS=${CIVICWATCH_LOAD_SECONDS:-5}
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 600 -j "$(nproc)"
