#!/usr/bin/env bash
# Build the AWS Lambda `provided.al2023` packages: one zip per architecture, each holding a single stripped
# executable `bootstrap` at its root (layout (a) of docs/PACKAGING.md: static libcurl + OpenSSL + libstdc++ +
# libgcc, dynamic glibc only, every GLIBC_ version <= 2.34).
#
#   scripts/package-lambda.sh                 # both: build/release/guardduty-slack-lambda-x86_64.zip
#                                             #   and build/release-arm64/guardduty-slack-lambda-arm64.zip
#   scripts/package-lambda.sh x86_64|arm64    # one architecture (preset `release` / `release-arm64`)
#   SKIP_BUILD=1 scripts/package-lambda.sh arm64   # package an already-built binary
#   CONFIG=routing.yaml scripts/package-lambda.sh  # also package a routing configuration as config.yaml
#
# CONFIG: the file is first checked with the host's `guardduty-slack check-config` (CLI=path, default
# build/release/src/cli/guardduty-slack; exit 1 when it is refused, 2 when no CLI is built), then put beside
# bootstrap as config.yaml, which the bootstrap reads at init when neither CONFIG_FILE nor CONFIG_PARAMETER is
# set. OUT_DIR: where the zips go (default: each preset's build directory).
#
# arm64 is cross-built with Debian's aarch64 toolchain (cmake/toolchain-aarch64.cmake; scripts/install-deps.sh
# installs g++-aarch64-linux-gnu and the :arm64 -dev packages).
# Fails (exit 1) when the binary imports GLIBC_ > 2.34 or needs a shared library outside glibc
# (scripts/check-glibc-ceiling.sh), or when a zip exceeds MAX_ZIP_BYTES (default 5 MB); exit 2 on usage.
# The link recipe itself is cmake/LambdaPackage.cmake (gdslack_lambda_link), switched on by the release
# presets' GDSLACK_LAMBDA_PACKAGE=ON.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
max_zip=${MAX_ZIP_BYTES:-5000000}
max_glibc=${MAX_GLIBC:-2.34}

case ${1:-all} in
  all) arches=(x86_64 arm64) ;;
  x86_64|arm64) arches=("$1") ;;
  *) echo "usage: $0 [x86_64|arm64]   (no argument: both)" >&2; exit 2 ;;
esac
command -v zip >/dev/null || { echo "zip not found: apt-get install zip" >&2; exit 2; }

package() {  # $1 = x86_64 | arm64
  local arch=$1 preset strip_tool
  case $arch in
    x86_64) preset=release strip_tool=strip ;;
    arm64) preset=release-arm64 strip_tool=aarch64-linux-gnu-strip ;;
  esac
  command -v "$strip_tool" >/dev/null || { echo "$strip_tool not found: run scripts/install-deps.sh" >&2; exit 2; }
  local build=$repo/build/$preset
  local zip_name=guardduty-slack-lambda-$arch.zip
  echo "=== $arch (preset $preset)"

  if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" --target bootstrap -j "$(nproc)"
  fi

  local binary
  binary=$build/src/lambda/bootstrap
  [[ -x $binary ]] || { echo "bootstrap not found under $build (build the target bootstrap)" >&2; exit 1; }
  if ! grep -q '^GDSLACK_LAMBDA_PACKAGE:BOOL=ON' "$build/CMakeCache.txt"; then
    echo "warning: $build was not configured with GDSLACK_LAMBDA_PACKAGE=ON" >&2
  fi

  local stage=$build/lambda-stage
  rm -rf "$stage"
  mkdir -p "$stage"
  cp "$binary" "$stage/bootstrap"
  "$strip_tool" --strip-all "$stage/bootstrap"
  chmod 0755 "$stage/bootstrap"
  local files=(bootstrap)
  if [[ -n ${CONFIG:-} ]]; then
    local cli=${CLI:-$repo/build/release/src/cli/guardduty-slack}
    [[ -f $CONFIG ]] || { echo "CONFIG=$CONFIG: no such file" >&2; exit 2; }
    [[ -x $cli ]] || { echo "CONFIG needs the host CLI to check it: build the release preset (or set CLI=)" >&2; exit 2; }
    if ! "$cli" check-config "$CONFIG" >/dev/null; then
      echo "FAIL: CONFIG=$CONFIG is not a valid routing configuration (above)" >&2
      exit 1
    fi
    cp "$CONFIG" "$stage/config.yaml"
    chmod 0644 "$stage/config.yaml"
    files+=(config.yaml)
  fi

  echo "== gate (provided.al2023: glibc $max_glibc)"
  "$repo/scripts/check-glibc-ceiling.sh" "$stage/bootstrap" "$max_glibc"

  # Reproducible archive: fixed mtime, no extra attributes (uid/gid), mode 0755 kept.
  local epoch
  epoch=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || echo 315532800)}
  local out_dir=${OUT_DIR:-$build}
  mkdir -p "$out_dir"
  out_dir=$(cd "$out_dir" && pwd)
  (cd "$stage" && touch -d "@$epoch" "${files[@]}")
  rm -f "$out_dir/$zip_name"
  (cd "$stage" && zip -q -X -9 "$out_dir/$zip_name" "${files[@]}")

  local bin_bytes zip_bytes
  bin_bytes=$(stat -c %s "$stage/bootstrap")
  zip_bytes=$(stat -c %s "$out_dir/$zip_name")
  echo "== package"
  unzip -Z -l "$out_dir/$zip_name" | sed -n "3,$((2 + ${#files[@]}))p"
  echo "bootstrap: $bin_bytes bytes (stripped), unstripped $(stat -c %s "$binary") bytes"
  echo "zip:       $out_dir/$zip_name  $zip_bytes bytes ($(awk "BEGIN{printf \"%.2f\", $zip_bytes/1048576}") MiB)"
  if (( zip_bytes > max_zip )); then
    echo "FAIL: zip is $zip_bytes bytes > $max_zip" >&2
    exit 1
  fi
  echo "next: tests/package/test_chroot.sh $out_dir/$zip_name   (as root)"
}

for arch in "${arches[@]}"; do package "$arch"; done
