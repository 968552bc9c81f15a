#!/usr/bin/env bash
# The test command: restores packages (NuGet), builds every project with warnings as errors, runs every test.
# Tests read ../shared/data (the ODDS benchmark sets) beside the repository; without it they are skipped (under CI=true
# they fail instead, since CI always has it). The AWS tests run local API servers and the official AWS SDK for JavaScript
# (npm, Node 20: kinesalite, dynalite, s3rver, @aws-sdk/client-*), installed here from the committed package-lock.json
# (fast when already installed; optional native LevelDB left out: the servers run in memory or in a temporary folder).
# The dashboard and report tests save screenshots in tests/PumpWatch.Cli.Tests/bin/Release/net10.0/linux-x64/artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
# The AWS tests sign with dummy credentials against local servers only; the credential chain must not probe EC2 metadata.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 AWS_EC2_METADATA_DISABLED=true AWS_ACCESS_KEY_ID=dummy AWS_SECRET_ACCESS_KEY=dummy
servers=tests/PumpWatch.Aws.Tests/servers
if [ ! -d "$servers/node_modules/kinesalite" ] || [ ! -d "$servers/node_modules/dynalite" ] || [ "$servers/package-lock.json" -nt "$servers/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$servers" --no-audit --no-fund --omit=optional --loglevel=error
fi
# The dashboard and report tests run Debian's chromium (Playwright drives it; no browser download): installed here when
# missing and this runs as root (CI does), otherwise those tests are skipped with the reason (under CI=true they fail).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
  else
    echo "note: the browser tests need Debian's chromium: sudo apt-get install -y chromium (skipped without it)" >&2
  fi
fi
dotnet build Pipeline.sln -c Release -nologo -v quiet
if [ ! -d ../shared/data ]; then
  echo "note: ../shared/data is not beside this clone, so the tests that need its benchmark data are skipped" >&2
fi
# The console logger at minimal verbosity prints each failed test's message and stack trace (quiet alone names it only).
dotnet test Pipeline.sln -c Release --no-build -nologo -v quiet --logger "console;verbosity=minimal"
