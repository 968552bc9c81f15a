#!/usr/bin/env bash
# Dashboard panel answers over a large store, end to end (HTTP GET to JSON) from `pumpwatch dashboard`.
# Default: 10 pumps x 1,000,000 s at 1 Hz = 10,000,000 readings, backtested into a DuckDB store (windows, alerts,
# quarantine), then every panel of the catalogue for each time range, all pumps. Prints milliseconds and points.
#   PUMPS=2 DURATION=1.00:00:00 tests/PumpWatch.Benchmarks/dashboard-panels.sh    # a quick run
set -euo pipefail
cd "$(dirname "$0")/../.."
PUMPS=${PUMPS:-10}
DURATION=${DURATION:-11.13:46:40}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
dotnet build pipeline/PumpWatch.Cli -c Release -nologo -v quiet
dotnet build simulator/PumpWatch.Simulator.Cli -c Release -nologo -v quiet
sim=simulator/PumpWatch.Simulator.Cli/bin/Release/net10.0/pumpwatch-sim.dll
pw=pipeline/PumpWatch.Cli/bin/Release/net10.0/linux-x64/pumpwatch.dll
store="$WORK/out/backtest.duckdb"
if [ ! -f "$store" ]; then
  echo "simulating $PUMPS pumps for $DURATION and backtesting into $store ..."
  dotnet "$sim" --pumps "$PUMPS" --duration "$DURATION" --start 2026-05-01T00:00:00Z --seed 3 --labels "$WORK/labels.csv" -o "$WORK/readings.jsonl"
  # The simulator's faults start at 40% of the run: train on the first 10 h, which are healthy.
  dotnet "$pw" backtest "$WORK/readings.jsonl" --train-to 2026-05-01T10:00:00Z --labels "$WORK/labels.csv" -o "$WORK/out" > /dev/null
  rm -f "$WORK/readings.jsonl"
fi
# The server runs as a coprocess that ends with this script (and after 10 minutes at the latest).
coproc SERVER { exec timeout 600 dotnet "$pw" dashboard --db "$store" --port 0; }
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
read -r line <&"${SERVER[0]}"
url=$(grep -o 'http://[0-9.:]*/' <<< "$line")
curl -s "${url}api/meta" | head -c 300; echo
panels=$(curl -s "${url}api/meta" | grep -o '"id":"[a-z_]*"' | cut -d'"' -f4)
for range in all 6h 1h 15m; do
  for panel in $panels; do
    for attempt in 1 2 3; do
      curl -s -o "$WORK/panel.json" -w '%{time_total}\n' "${url}api/panels/$panel?range=$range" > "$WORK/time.txt"
    done
    # The third of three requests (caches warm); points = rows of every query of the panel.
    points=$(grep -o "\],\[" "$WORK/panel.json" | wc -l || true)
    awk -v p="$panel" -v r="$range" -v n="$points" '{ printf "RESULT %-24s %-4s %8.0f ms  ~%d rows\n", p, r, $1 * 1000, n + 1 }' "$WORK/time.txt"
  done
done
