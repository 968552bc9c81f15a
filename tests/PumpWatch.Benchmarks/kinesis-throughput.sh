#!/usr/bin/env bash
# PutRecords throughput (KinesisPutBatcher -> KinesisClient -> kinesalite on 127.0.0.1, in memory).
#   tests/PumpWatch.Benchmarks/kinesis-throughput.sh            # 20,000 readings, 4 shards, 500 per call
#   RECORDS=50000 SHARDS=1 CHUNK=100 tests/PumpWatch.Benchmarks/kinesis-throughput.sh
# kinesalite is a single Node process, so this measures the client against it, not against AWS.
set -euo pipefail
cd "$(dirname "$0")/../.."
servers=tests/PumpWatch.Aws.Tests/servers
[ -d "$servers/node_modules/kinesalite" ] || npm ci --prefix "$servers" --no-audit --no-fund --omit=optional --loglevel=error
dotnet build tests/PumpWatch.Benchmarks -c Release -nologo -v quiet
# kinesalite.js exits when its stdin closes; its stdin is a pipe this script holds, so it ends with the script.
coproc KINESALITE { cd "$servers" && exec node kinesalite.js; }
read -r port <&"${KINESALITE[0]}"
trap 'kill "$KINESALITE_PID" 2>/dev/null || true' EXIT
AWS_EC2_METADATA_DISABLED=true dotnet tests/PumpWatch.Benchmarks/bin/Release/net10.0/PumpWatch.Benchmarks.dll \
  kinesis-put "http://127.0.0.1:$port/" "${RECORDS:-20000}" "${SHARDS:-4}" "${CHUNK:-500}"
