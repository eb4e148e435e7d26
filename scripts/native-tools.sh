#!/usr/bin/env bash
# Builds the HiGHS LP/MIP solver once per clone (decision 0010), so that cargo's builds (debug,
# release, clippy) link it instead of each compiling its C++ again:
#   1. CMake and libclang (for bindgen) from PyPI into .tools/native, pinned with hashes by
#      scripts/native-tools.lock;
#   2. HiGHS from the sources bundled in the `highs-sys` crate of Cargo.lock (cargo fetches it),
#      built as a static library into .tools/highs, with a pkg-config file there.
# `.cargo/config.toml` points cargo at all three (CMAKE, LIBCLANG_PATH, PKG_CONFIG_PATH) unless
# the environment names others; without .tools/highs, highs-sys builds HiGHS itself with that
# CMake. A no-op when nothing changed since the last run.
#
# Environment: PYTHON  interpreter for the venv (default: python3)
set -euo pipefail
cd "$(dirname "$0")/.."

lock=scripts/native-tools.lock
tools=.tools/native
stamp=$tools/.installed
want=$(sha256sum "$lock" | cut -d' ' -f1)
if ! { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$tools/bin/cmake" ] && [ -e "$tools/libclang" ]; }; then
  py=${PYTHON:-python3}
  echo "==> build tools of the HiGHS solver (cmake, libclang) into $tools" >&2
  rm -rf "$tools"
  "$py" -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
  native=$("$tools/bin/python" -c 'import clang, os; print(os.path.join(os.path.dirname(clang.__file__), "native"))')
  ln -sfn "$native" "$tools/libclang"
  echo "$want" > "$stamp"
fi

# The HiGHS sources of the highs-sys version in Cargo.lock.
source_dir=$(cargo metadata --locked --format-version 1 --filter-platform "$(rustc -vV | sed -n "s/^host: //p")" | "$tools/bin/python" -c '
import json, os, sys
packages = [p for p in json.load(sys.stdin)["packages"] if p["name"] == "highs-sys"]
if len(packages) != 1:
    sys.exit("expected one highs-sys package in Cargo.lock, found %d" % len(packages))
print(os.path.join(os.path.dirname(packages[0]["manifest_path"]), "HiGHS"))
')
prefix=$PWD/.tools/highs
highs_stamp=$prefix/.built-from
if [ -f "$highs_stamp" ] && [ "$(cat "$highs_stamp")" = "$source_dir" ] && [ -f "$prefix/lib/libhighs.a" ]; then
  exit 0
fi
echo "==> HiGHS from $source_dir into $prefix (once per clone; a few minutes)" >&2
rm -rf "$prefix" .tools/highs-build
"$tools/bin/cmake" -S "$source_dir" -B .tools/highs-build -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DFAST_BUILD=ON -DBUILD_CXX_EXE=OFF \
  -DBUILD_EXAMPLES=OFF -DBUILD_TESTING=OFF -DZLIB=OFF -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
"$tools/bin/cmake" --build .tools/highs-build --parallel "$(nproc)" >/dev/null
"$tools/bin/cmake" --install .tools/highs-build >/dev/null
rm -rf .tools/highs-build
# HiGHS's own pkg-config file names only the library; a static C++ library also needs the C++
# runtime on the link line.
version=$(sed -n 's/^Version: //p' "$prefix/lib/pkgconfig/highs.pc")
cat > "$prefix/lib/pkgconfig/highs.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include/highs

Name: HiGHS
Description: Linear Optimization Software (static, built by scripts/native-tools.sh)
Version: $version
Libs: -L\${libdir} -lhighs -lstdc++
Cflags: -I\${includedir}
PC
echo "$source_dir" > "$highs_stamp"
