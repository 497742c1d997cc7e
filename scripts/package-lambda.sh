#!/usr/bin/env bash
# Build the AWS Lambda `provided.al2023` package (x86_64): build/release/guardduty-slack-lambda-x86_64.zip
# holding a single stripped executable `bootstrap` at its root (layout (a) of docs/PACKAGING.md: static
# libcurl + OpenSSL + libstdc++ + libgcc, dynamic glibc only, every GLIBC_ version <= 2.34).
#
#   scripts/package-lambda.sh            # configure + build the release preset, gate, zip
#   SKIP_BUILD=1 scripts/package-lambda.sh   # package an already-built build/release binary
#
# Fails (exit 1) when the binary imports GLIBC_ > 2.34 or needs a shared library outside glibc
# (scripts/check-glibc-ceiling.sh), or when the zip exceeds MAX_ZIP_BYTES (default 5 MB).
# The link recipe itself is cmake/LambdaPackage.cmake (gdslack_lambda_link), switched on by the release
# preset's GDSLACK_LAMBDA_PACKAGE=ON.
#
# arm64: not produced. Debian 12's cross compiler (g++-aarch64-linux-gnu 12.2) exists, but the static
# closure needs the :arm64 -dev packages (libcurl4-openssl-dev, libssl-dev, libnghttp2-dev, libpsl-dev,
# libidn2-dev, libunistring-dev, libssh2-1-dev, libzstd-dev, libbrotli-dev, zlib1g-dev) through
# `dpkg --add-architecture arm64` on the build host plus a CMake toolchain file; see docs/PACKAGING.md
# ("arm64") for the status and the exact steps.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
build=$repo/build/release
zip_name=guardduty-slack-lambda-x86_64.zip
max_zip=${MAX_ZIP_BYTES:-5000000}
max_glibc=${MAX_GLIBC:-2.34}

command -v zip >/dev/null || { echo "zip not found: apt-get install zip" >&2; exit 2; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  cmake --preset release
  cmake --build --preset release --target guardduty-slack -j "$(nproc)"
fi

binary=$(find "$build" -type f -name guardduty-slack -perm -u+x -not -path '*/CMakeFiles/*' | head -n1)
[[ -n $binary ]] || { echo "guardduty-slack not found under $build" >&2; exit 1; }
if ! grep -q '^GDSLACK_LAMBDA_PACKAGE:BOOL=ON' "$build/CMakeCache.txt"; then
  echo "warning: $build was not configured with GDSLACK_LAMBDA_PACKAGE=ON" >&2
fi

stage=$build/lambda-stage
rm -rf "$stage"
mkdir -p "$stage"
cp "$binary" "$stage/bootstrap"
strip --strip-all "$stage/bootstrap"
chmod 0755 "$stage/bootstrap"

echo "== gate (provided.al2023: glibc $max_glibc)"
"$repo/scripts/check-glibc-ceiling.sh" "$stage/bootstrap" "$max_glibc"

# Reproducible archive: fixed mtime, no extra attributes (uid/gid), mode 0755 kept.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 315532800)}
touch -d "@$epoch" "$stage/bootstrap"
rm -f "$build/$zip_name"
(cd "$stage" && zip -q -X -9 "$build/$zip_name" bootstrap)

bin_bytes=$(stat -c %s "$stage/bootstrap")
zip_bytes=$(stat -c %s "$build/$zip_name")
echo "== package"
unzip -Z -l "$build/$zip_name" | sed -n '3p'
echo "bootstrap: $bin_bytes bytes (stripped), unstripped $(stat -c %s "$binary") bytes"
echo "zip:       $build/$zip_name  $zip_bytes bytes ($(awk "BEGIN{printf \"%.2f\", $zip_bytes/1048576}") MiB)"
if (( zip_bytes > max_zip )); then
  echo "FAIL: zip is $zip_bytes bytes > $max_zip" >&2
  exit 1
fi
echo "next: tests/package/test_chroot.sh $build/$zip_name   (as root)"
