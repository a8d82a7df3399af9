#!/usr/bin/env bash
# The main job on one machine: installs what is missing, builds, starts
# civicwatch-ingest and civicwatch-query on loopback with SQLite data in a
# temporary folder, ingests a sample report and prints its timeline and
# statistics. Both services stop when the script ends.
#
#   bash deploy/local/demo.sh [REPORT.txt ...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
bash scripts/install-deps.sh
bash scripts/build.sh >/dev/null

BIN=${BUILD_DIR:-build}
DATA=$(mktemp -d /tmp/civicwatch-demo-XXXXXX)
INGEST_ADDR=127.0.0.1:${INGEST_PORT:-50051}
QUERY_ADDR=127.0.0.1:${QUERY_PORT:-50052}

"$BIN/services/ingest/civicwatch-ingest" --listen="$INGEST_ADDR" --data_dir="$DATA/ingest" \
  2>"$DATA/ingest.log" &
INGEST_PID=$!
"$BIN/services/query/civicwatch-query" --listen="$QUERY_ADDR" --data_dir="$DATA/query" \
  --ingest_address="$INGEST_ADDR" 2>"$DATA/query.log" &
QUERY_PID=$!
trap 'kill $QUERY_PID $INGEST_PID 2>/dev/null; wait 2>/dev/null; echo "logs and data: $DATA"' EXIT

CLI="$BIN/sdk/cli/civicwatch --ingest_address=$INGEST_ADDR --query_address=$QUERY_ADDR"
for _ in $(seq 50); do
  $CLI reports >/dev/null 2>&1 && break
  sleep 0.2
done

if [ $# -gt 0 ]; then
  REPORTS=("$@")
else
  REPORTS=("$ROOT/deploy/local/sample-report.txt")
fi
echo "== ingest ${REPORTS[*]}"
$CLI ingest "${REPORTS[@]}"
# The query service follows the ingest service's change feed; give it a
# moment to apply the new events.
for _ in $(seq 50); do
  [ -n "$($CLI timeline --format csv 2>/dev/null | sed -n 2p)" ] && break
  sleep 0.2
done
echo "== timeline"
$CLI timeline
echo "== statistics by category"
$CLI stats --by category
