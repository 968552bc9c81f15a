#!/usr/bin/env bash
# `pumpwatch score --tabular` / `train --tabular` against scikit-learn's IsolationForest on the same rows.
# Not part of CI. Needs Debian's scikit-learn and pandas: apt-get install -y python3-sklearn python3-pandas
# (run with Debian's /usr/bin/python3, not a pyenv python on PATH).
#   tests/PumpWatch.Benchmarks/tabular-vs-sklearn.sh            # 567,498 rows x 3, best of RUNS=3 each
#   ROWS=100000 RUNS=5 tests/PumpWatch.Benchmarks/tabular-vs-sklearn.sh
# pumpwatch is timed as a whole process (start, parse, score or train, write) in both forms a user runs: the build
# output (what `dotnet run` starts, after its build check) and the published tool (`dotnet pack` / `dotnet publish`:
# ReadyToRun, precompiled); scikit-learn as the calls alone: score_samples for scoring, and pandas.read_csv + fit for
# training (read_csv being the usual way to load a CSV).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-567498}
RUNS=${RUNS:-3}
PY=${PY:-/usr/bin/python3}
WORK=${WORK:-$(mktemp -d)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet build pipeline/PumpWatch.Cli/PumpWatch.Cli.csproj -c Release -nologo -v quiet > /dev/null
pw=pipeline/PumpWatch.Cli/bin/Release/net10.0/linux-x64/pumpwatch.dll
dotnet publish pipeline/PumpWatch.Cli/PumpWatch.Cli.csproj -c Release -nologo -v quiet -o "$WORK/tool" > /dev/null
tool="$WORK/tool/pumpwatch.dll"
csv="$WORK/tabular.csv"
if [ ! -f "$csv" ]; then
  # Seeded: three correlated gauges around an operating point, and 0.1% of rows pushed far out as outliers.
  "$PY" - "$ROWS" "$csv" <<'PY'
import sys
import numpy as np
n, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(20260501)
base = rng.normal(0.0, 1.0, size=(n, 1))
x = np.hstack([60 + 5 * base + rng.normal(0, 1, (n, 1)),
               120 + 10 * base + rng.normal(0, 3, (n, 1)),
               2.5 + rng.gamma(2.0, 0.5, (n, 1))])
out = rng.choice(n, size=max(1, n // 1000), replace=False)
x[out] += rng.normal(0, 25, (len(out), 3))
np.savetxt(path, x, delimiter=",", fmt="%.17g", header="temperature,pressure,vibration", comments="")
PY
fi
echo "input: $(wc -l < "$csv") lines ($(du -h "$csv" | cut -f1)) in $csv"

best() { # best wall time of RUNS runs of a command, in seconds
  local b=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e' -o "$WORK/t" "$@" > /dev/null
    local t; t=$(cat "$WORK/t")
    if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN { exit !(t < b) }'; then b=$t; fi
  done
  echo "$b"
}

train=$(best dotnet "$pw" train "$csv" --tabular -o "$WORK/model.json")
score=$(best dotnet "$pw" score "$csv" --tabular --model "$WORK/model.json" -o "$WORK/scores.csv")
tool_train=$(best dotnet "$tool" train "$csv" --tabular -o "$WORK/model.json")
tool_score=$(best dotnet "$tool" score "$csv" --tabular --model "$WORK/model.json" -o "$WORK/scores.csv")

read -r sk_load sk_fit sk_score < <("$PY" - "$csv" "$RUNS" <<'PY'
import sys, time
import pandas as pd
from sklearn.ensemble import IsolationForest
path, runs = sys.argv[1], int(sys.argv[2])
load = fit = score = float("inf")
for _ in range(runs):
    t0 = time.perf_counter(); x = pd.read_csv(path).to_numpy(); t1 = time.perf_counter()
    f = IsolationForest(n_estimators=100, max_samples=256, random_state=42).fit(x); t2 = time.perf_counter()
    f.score_samples(x); t3 = time.perf_counter()
    load, fit, score = min(load, t1 - t0), min(fit, t2 - t1), min(score, t3 - t2)
print(f"{load:.3f} {fit:.3f} {score:.3f}")
PY
)
"$PY" -c 'import sklearn; print("scikit-learn", sklearn.__version__)'
awk -v tr="$train" -v sc="$score" -v ttr="$tool_train" -v tsc="$tool_score" -v l="$sk_load" -v f="$sk_fit" -v s="$sk_score" 'BEGIN {
  printf "pumpwatch train --tabular (build output)    %6.2f s | scikit-learn read_csv + fit   %6.2f s (%.2f + %.2f) | ratio sklearn/pumpwatch %5.1fx\n", tr, l + f, l, f, (l + f) / tr
  printf "pumpwatch train --tabular (published tool)  %6.2f s |                                                   | ratio sklearn/pumpwatch %5.1fx\n", ttr, (l + f) / ttr
  printf "pumpwatch score --tabular (build output)    %6.2f s | scikit-learn score_samples    %6.2f s               | ratio sklearn/pumpwatch %5.1fx\n", sc, s, s / sc
  printf "pumpwatch score --tabular (published tool)  %6.2f s |                                                   | ratio sklearn/pumpwatch %5.1fx\n", tsc, s / tsc
}'
