#!/usr/bin/env bash
# Configures and builds civicwatch into ./build (or $BUILD_DIR) with Ninja
# and ccache. Extra arguments go to cmake's configure step, for example
#   scripts/build.sh -DCIVICWATCH_SANITIZE=address,undefined
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
# Paths under the checkout count as relative for ccache, so another clone
# of the same sources reuses the cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(pwd)}
# Objects built with debug info are cached whatever folder they were built
# in, so a fresh clone (CI) reuses what another checkout compiled.
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
cmake -S . -B "$BUILD_DIR" -G Ninja "$@"
cmake --build "$BUILD_DIR" --parallel "$(nproc)"
