#!/usr/bin/env bash
# The test command: restores packages (NuGet), builds every project with warnings as errors, runs every test.
# Tests read ../shared/data (the ODDS benchmark sets) beside the repository; without it they are skipped (under CI=true
# they fail instead, since CI always has it).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 AWS_EC2_METADATA_DISABLED=true
dotnet build Pipeline.sln -c Release -nologo -v quiet
if [ ! -d ../shared/data ]; then
  echo "note: ../shared/data is not beside this clone, so the tests that need its benchmark data are skipped" >&2
fi
dotnet test Pipeline.sln -c Release --no-build -nologo -v quiet
