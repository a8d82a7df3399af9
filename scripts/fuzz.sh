#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer into ./build-fuzz (or $FUZZ_BUILD_DIR), replays
# each target's seed corpus, then fuzzes each for a bounded time and prints
# the executions it ran. Exits non-zero when a target crashes, leaks or
# trips a sanitizer; the input that did it is saved in the build folder.
#
#   scripts/fuzz.sh            # 30 s per target
#   FUZZ_SECONDS=300 scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(pwd)}
# Objects built with debug info are cached whatever folder they were built
# in, so a fresh clone (CI) reuses what another checkout compiled.
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-30}

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ is missing; run scripts/install-deps.sh" >&2
  exit 1
fi

CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCIVICWATCH_SANITIZE=address,undefined \
  -DCIVICWATCH_FUZZ=ON \
  -DCIVICWATCH_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target civicwatch_fuzzers

export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# target binary (relative to the build folder) and its committed seeds.
TARGETS=(
  "tests/fuzz/page_token_fuzzer tests/fuzz/corpus/page_token"
  "tests/fuzz/request_decode_fuzzer tests/fuzz/corpus/request_decode"
  "tests/fuzz/partial_date_fuzzer tests/fuzz/corpus/partial_date"
  "tests/fuzz/incident_record_fuzzer tests/fuzz/corpus/incident_record"
  "tests/fuzz/snapshot_header_fuzzer tests/fuzz/corpus/snapshot_header"
  "tests/fuzz/snapshot_stream_fuzzer tests/fuzz/corpus/snapshot_stream"
  "services/normalize/normalize_fuzzer tests/fuzz/corpus/normalize"
  "tests/fuzz/html_document_fuzzer tests/fuzz/corpus/html_document"
  "tests/fuzz/pdf_document_fuzzer tests/fuzz/corpus/pdf_document"
  "tests/fuzz/docx_document_fuzzer tests/fuzz/corpus/docx_document"
  "tests/fuzz/text_document_fuzzer tests/fuzz/corpus/text_document"
)

summary=()
for entry in "${TARGETS[@]}"; do
  read -r binary seeds <<<"$entry"
  name=$(basename "$binary")
  work="$BUILD_DIR/fuzz-work/$name"
  mkdir -p "$work/corpus" "$work/artifacts"
  log="$work/fuzz.log"
  echo "== $name: replaying $(ls "$ROOT/$seeds" | wc -l) seeds"
  "$BUILD_DIR/$binary" -runs=0 "$ROOT/$seeds" >"$work/replay.log" 2>&1 || {
    cat "$work/replay.log"; echo "fuzz.sh: $name failed on its seed corpus" >&2; exit 1; }
  echo "== $name: fuzzing for ${SECONDS_PER_TARGET} s"
  # New inputs go to the scratch corpus (first folder); seeds stay as
  # committed. -rss_limit_mb keeps a runaway input from taking the machine.
  if ! "$BUILD_DIR/$binary" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$work/artifacts/" \
       "$work/corpus" "$ROOT/$seeds" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz.sh: $name found a failure; inputs in $work/artifacts/" >&2
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo "?")
  echo "== $name: $execs executions ($speed/s), coverage $cov"
  summary+=("$name: $execs executions in ${SECONDS_PER_TARGET} s, coverage $cov")
done
echo "fuzz summary:"
printf '  %s\n' "${summary[@]}"
