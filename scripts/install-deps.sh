#!/usr/bin/env bash
# Installs what guardduty-slack needs on Debian 12, from Debian's archive (and npm for test tooling).
# Idempotent: does nothing when everything is present. Run as root.
#   install-deps.sh core   what the main job needs (scripts/quickstart.sh): compiler, CMake, libcurl, OpenSSL,
#                          nlohmann-json, libyaml, CLI11 — nothing else
#   install-deps.sh        everything the test command needs (scripts/test.sh): the above, plus the Lambda
#                          package's static closure, the arm64 cross toolchain and qemu, clang for the fuzzers,
#                          the linters, ccache, Python stand-ins and the npm test tooling
set -euo pipefail
scope=${1:-all}
case $scope in core | all) ;; *) echo "usage: install-deps.sh [core|all]" >&2; exit 2 ;; esac

core_packages=(
  g++ cmake make pkg-config ca-certificates           # toolchain
  libcurl4-openssl-dev libssl-dev                     # HTTP + TLS
  nlohmann-json3-dev libcli11-dev libyaml-dev         # JSON, command line, routing configuration (YAML)
)
need_update=0  # 1: refresh apt's lists even when nothing is missing (a dpkg architecture was just added)
extra=()       # installed without a dpkg check (nodejs npm, when no npm is on PATH: any install will do)
install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  missing+=("${extra[@]}")
  [ ${#missing[@]} -gt 0 ] || [ "$need_update" = 1 ] || return 0
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing ${missing[*]}; run as root (or install them yourself)" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]:-nothing (new architecture: updating package lists)}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
if [ "$scope" = core ]; then
  install_missing "${core_packages[@]}"
  exit 0
fi

packages=(
  "${core_packages[@]}" git ccache                    # ccache: the test command builds several trees
  zlib1g-dev libnghttp2-dev libpsl-dev libidn2-dev libunistring-dev libssh2-1-dev libzstd-dev libbrotli-dev  # static closure of libcurl for the Lambda bootstrap (the stubs compile against the headers)
  lld                                                 # the Lambda bootstrap links with LLVM's linker (cmake/LambdaPackage.cmake)
  libgtest-dev libbenchmark-dev                       # tests, benchmarks
  jq time                                             # scripts/bench-cli.sh: the jq baseline, /usr/bin/time -v
  python3 python3-pytest python3-botocore            # loopback stand-ins; botocore verifies SigV4 independently
  python3-yaml                                        # tests/deploy reads the CloudFormation templates
  openssl zip unzip binutils                          # test certificates, Lambda zip, symbol checks
  clang libclang-rt-14-dev                            # libFuzzer targets (scripts/fuzz.sh)
  clang-format clang-tidy                             # scripts/lint.sh (.clang-format, .clang-tidy)
  # arm64 Lambda package (preset release-arm64, cmake/toolchain-aarch64.cmake): Debian's cross compiler, the
  # static closure's :arm64 -dev packages (Multi-Arch: same, beside the amd64 ones) and qemu-user to run the
  # arm64 tests (called directly as qemu-aarch64-static; binfmt_misc is not needed).
  g++-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-user-static
  libcurl4-openssl-dev:arm64 libssl-dev:arm64 zlib1g-dev:arm64 libnghttp2-dev:arm64 libpsl-dev:arm64
  libidn2-dev:arm64 libunistring-dev:arm64 libssh2-1-dev:arm64 libzstd-dev:arm64 libbrotli-dev:arm64
  libyaml-dev:arm64 libgtest-dev:arm64
)
# The :arm64 packages need dpkg to know the architecture, and apt to fetch its package lists (apt-get update).
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: dpkg lacks the arm64 architecture; run as root: dpkg --add-architecture arm64" >&2
    exit 1
  fi
  dpkg --add-architecture arm64
  need_update=1
fi
# Node.js + npm for the @slack/types type-check: any install will do (this image may ship NodeSource's, whose
# nodejs package already holds npm and conflicts with Debian's npm package).
command -v npm >/dev/null 2>&1 || extra=(nodejs npm)
install_missing "${packages[@]}"

# Test tooling from npm (TypeScript + Slack's official types), pinned by package-lock.json.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$here/tests/slack_types/package-lock.json" ] && [ ! -d "$here/tests/slack_types/node_modules/@slack/types" ]; then
  (cd "$here/tests/slack_types" && npm ci --no-audit --no-fund --silent)
fi
# AWS's own GuardDuty API model (@aws-sdk/client-guardduty) for the model check (tests/guardduty_model), pinned the same way.
if [ -f "$here/tests/guardduty_model/package-lock.json" ] && [ ! -d "$here/tests/guardduty_model/node_modules/@aws-sdk/client-guardduty" ]; then
  (cd "$here/tests/guardduty_model" && npm ci --no-audit --no-fund --silent)
fi
# AWS's CloudFormation resource specification (@aws-cdk/cfnspec) for tests/deploy, pinned the same way.
if [ -f "$here/tests/deploy/package-lock.json" ] && [ ! -f "$here/tests/deploy/node_modules/@aws-cdk/cfnspec/spec/specification.json" ]; then
  (cd "$here/tests/deploy" && npm ci --no-audit --no-fund --silent)
fi
# dynalite (a DynamoDB implementation on LevelDB) for the state-table tests, pinned by tests/state/package-lock.json.
# Its LevelDB binding (classic-level) ships prebuilt binaries inside the npm package: nothing is compiled or fetched.
if [ -f "$here/tests/state/package-lock.json" ] && [ ! -d "$here/tests/state/node_modules/dynalite" ]; then
  (cd "$here/tests/state" && npm ci --no-audit --no-fund --silent)
fi
