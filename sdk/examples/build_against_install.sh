#!/bin/sh
# Installs the SDK from a civicwatch build tree into a temporary prefix and
# builds these examples against it, as a partner would. Used by ctest
# (sdk_examples_against_install) and CI.
#
#   sdk/examples/build_against_install.sh BUILD_DIR [WORK_DIR]
set -eu
build_dir=$1
work_dir=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)

cmake --install "$build_dir" --component sdk --prefix "$work_dir/prefix" >/dev/null
cmake -S "$here" -B "$work_dir/build" -G Ninja -DCMAKE_PREFIX_PATH="$work_dir/prefix" >/dev/null
cmake --build "$work_dir/build"
if [ -x "$work_dir/build/mock_connection_test" ]; then
  "$work_dir/build/mock_connection_test"
fi
# The pkg-config file must describe the same installation.
PKG_CONFIG_PATH=$(dirname "$(find "$work_dir/prefix" -name civicwatch.pc)") \
  pkg-config --cflags --libs civicwatch >/dev/null
echo "examples built against $work_dir/prefix"
