#!/usr/bin/env bash
# Backtest throughput, parse to results written (DuckDB, predictions, metrics), on simulated readings.
# Default: 100 pumps x 28 h at 1 Hz = 10,080,000 readings (about 1.4 GB of JSON lines in $WORK).
#   PUMPS=10 tests/PumpWatch.Benchmarks/backtest-throughput.sh     # 1 M readings
# Prints readings/s and peak resident memory; run it at two sizes to see that memory is flat in input length.
set -euo pipefail
cd "$(dirname "$0")/../.."
PUMPS=${PUMPS:-100}
DURATION=${DURATION:-1.04:00:00}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
dotnet build Pipeline.sln -c Release -nologo -v quiet
sim=simulator/PumpWatch.Simulator.Cli/bin/Release/net10.0/pumpwatch-sim.dll
pw=pipeline/PumpWatch.Cli/bin/Release/net10.0/linux-x64/pumpwatch.dll
if [ ! -f "$WORK/readings.jsonl" ]; then
  echo "simulating $PUMPS pumps for $DURATION into $WORK ..."
  dotnet "$sim" --pumps "$PUMPS" --duration "$DURATION" --start 2026-05-01T00:00:00Z --seed 3 --labels "$WORK/labels.csv" -o "$WORK/readings.jsonl"
fi
readings=$(wc -l < "$WORK/readings.jsonl")
# The simulator's faults start at 40% of the run (11.2 h of 28 h): train on the healthy first 10 h.
dotnet "$pw" train "$WORK/readings.jsonl" --to 2026-05-01T10:00:00Z -o "$WORK/model.json" > /dev/null
/usr/bin/time -f '%e %M' -o "$WORK/time.txt" dotnet "$pw" backtest "$WORK/readings.jsonl" --model "$WORK/model.json" --labels "$WORK/labels.csv" -o "$WORK/out" > "$WORK/backtest.txt"
read -r wall rss < "$WORK/time.txt"
cat "$WORK/backtest.txt"
awk -v n="$readings" -v w="$wall" -v m="$rss" 'BEGIN { printf "RESULT %d readings in %.1f s wall (process start to exit): %.0f readings/s, peak RSS %.0f MB\n", n, w, n / w, m / 1024 }'
