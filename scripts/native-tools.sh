#!/usr/bin/env bash
# Installs what building the HiGHS LP/MIP solver needs (decision 0010): CMake and libclang, from
# PyPI into .tools/native, pinned by scripts/native-tools.lock. `.cargo/config.toml` points cargo
# at them (CMAKE, LIBCLANG_PATH) unless the environment already names others. A no-op when the
# lock file has not changed since the last install.
#
# Environment: PYTHON  interpreter for the venv (default: python3)
set -euo pipefail
cd "$(dirname "$0")/.."

lock=scripts/native-tools.lock
dir=.tools/native
stamp=$dir/.installed
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$dir/bin/cmake" ] && [ -e "$dir/libclang" ]; then
  exit 0
fi
py=${PYTHON:-python3}
echo "==> build tools of the HiGHS solver (cmake, libclang) into $dir" >&2
rm -rf "$dir"
"$py" -m venv "$dir"
"$dir/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
native=$("$dir/bin/python" -c 'import clang, os; print(os.path.join(os.path.dirname(clang.__file__), "native"))')
ln -sfn "$native" "$dir/libclang"
"$dir/bin/cmake" --version | head -1 >&2
echo "$want" > "$stamp"
