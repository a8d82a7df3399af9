#!/usr/bin/env bash
# Installs every package civicwatch needs to build, test and run, from
# Debian 12's own repositories. Idempotent and non-interactive; run as root
# (or through sudo). Installs nothing that is already present.
set -euo pipefail

PACKAGES=(
  build-essential g++ cmake pkg-config ninja-build ccache git
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc grpc-proto
  libprotobuf-dev protobuf-compiler
  libabsl-dev libsqlite3-dev libre2-dev libicu-dev libstemmer-dev libfasttext-dev
  libgumbo-dev libpoppler-cpp-dev libzip-dev libxml2-dev libuchardet-dev
  libcpp-httplib-dev prometheus
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-grpcio python3-protobuf python3-yaml
  openssl libssl-dev ca-certificates
  clang libclang-rt-14-dev llvm
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
