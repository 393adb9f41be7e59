#!/usr/bin/env bash
# Installs the Debian 12 packages trygg needs to build, test and run.
# Idempotent: when everything is present it only checks and exits (well under a second).
# Needs root (or sudo) only when something is missing. --build-only: only what building needs.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config ccache git
  # libraries
  librocksdb-dev
  libprotobuf-dev protobuf-compiler
  libgrpc++-dev protobuf-compiler-grpc
  libabsl-dev
  libboost-dev
  libssl-dev
  libcli11-dev
  libtomlplusplus-dev
  libjemalloc-dev
  tzdata
  # reports: the HTML template library and the xlsx writer
  libkainjow-mustache-dev libxlsxwriter-dev
)
# Only for the tests and benchmarks: left out by --build-only (the container image's build stage).
test_packages=(
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # fuzzing (the fuzz preset, tests/fuzz): clang with its sanitizer runtimes and libFuzzer
  clang-14 libclang-rt-14-dev libfuzzer-14-dev
  # report tests: the HTML page rendered and printed headless, the PDF's pages counted, the
  # workbook unzipped
  chromium poppler-utils unzip
  # deployment tests (tests/deploy): the manifests parsed, the systemd unit verified and scored
  python3-yaml systemd
  # metrics and alert rules checked with promtool (tests/server, tests/deploy)
  prometheus
)
if [[ "${1:-}" != "--build-only" ]]; then packages+=("${test_packages[@]}"); fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
