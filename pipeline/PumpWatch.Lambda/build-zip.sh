#!/usr/bin/env bash
# Builds the Lambda deployment package: the Native AOT `bootstrap` for the provided.al2023 runtime, alone at the root
# of a zip (Lambda runs the file named bootstrap at the zip root). Takes minutes; ./test.sh does not run it.
#
#   pipeline/PumpWatch.Lambda/build-zip.sh              # linux-x64: Lambda architecture x86_64
#   pipeline/PumpWatch.Lambda/build-zip.sh linux-arm64  # Lambda architecture arm64 (cross toolchain, see below)
#
# Writes pipeline/PumpWatch.Lambda/bin/deploy/<rid>/pumpwatch-lambda.zip and prints its path and size.
#
# Native tools: the ILCompiler (a NuGet package the SDK restores) emits an object file that a C toolchain links; its
# targets use clang and fall back to gcc, so gcc and binutils (ld, objcopy to strip the symbols into bootstrap.dbg)
# are enough for linux-x64. Cross-compiling to linux-arm64 from x64 needs clang (the targets pass --target=aarch64-
# linux-gnu, which gcc does not take), lld, llvm-objcopy and an arm64 glibc to link against (Debian:
# gcc-aarch64-linux-gnu). Missing Debian packages are installed with apt-get when running as root, as test.sh does
# for its tools; otherwise the script names them and stops.
set -euo pipefail
rid="${1:-linux-x64}"
case "$rid" in
  linux-x64 | linux-arm64) ;;
  *) echo "build-zip.sh: '$rid' is not linux-x64 or linux-arm64, the two architectures Lambda runs" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/bin/deploy/$rid"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

has() { command -v "$1" >/dev/null 2>&1; }
packages=()
extra=()
has zip || packages+=(zip)
has objdump || packages+=(binutils)
if [ "$rid" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ]; then
  has clang || packages+=(clang)
  has ld.lld || packages+=(lld)
  has llvm-objcopy || packages+=(llvm)
  has aarch64-linux-gnu-gcc || packages+=(gcc-aarch64-linux-gnu)
  extra+=(-p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld)
else
  has clang || has gcc || packages+=(gcc)
  has objcopy || packages+=(binutils)
fi
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && has apt-get; then
    echo "build-zip.sh: installing ${packages[*]} (apt-get)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "build-zip.sh: install the Debian/Ubuntu packages ${packages[*]} first" >&2
    exit 2
  fi
fi

rm -rf "$out"
dotnet publish "$here/PumpWatch.Lambda.csproj" -r "$rid" -c Release -p:PublishAot=true -o "$out/publish" -nologo -v quiet "${extra[@]}"

# provided.al2023 has glibc 2.34: a bootstrap that needs a newer symbol version would not start there.
newest="$(objdump -T "$out/publish/bootstrap" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)"
if [ "$(printf '%s\n' "$newest" 2.34 | sort -V | tail -1)" != 2.34 ]; then
  echo "build-zip.sh: bootstrap needs glibc $newest, newer than provided.al2023's 2.34; build on an older distribution" >&2
  exit 1
fi

# Only the executable, at the zip root (-j drops the folder); bootstrap.dbg (symbols) stays beside it for debugging.
zip -q -j -X "$out/pumpwatch-lambda.zip" "$out/publish/bootstrap"
echo "$out/pumpwatch-lambda.zip: $(stat -c %s "$out/pumpwatch-lambda.zip") bytes (bootstrap $(stat -c %s "$out/publish/bootstrap") bytes, needs glibc >= $newest)"
