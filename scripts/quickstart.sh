#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run the main job on the bundled
# sample findings (render, print payload + Block Kit Builder link; deliver them if SLACK_URL is set).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target guardduty-slack -j"$(nproc)"
exec ./build/release/src/cli/guardduty-slack demo
