#!/usr/bin/env bash
# The README's first command: install what the main job needs (only that: scripts/install-deps.sh core), build
# the command line, and run it on the bundled sample findings (render, print payload + Block Kit Builder link;
# deliver them if SLACK_URL is set). The test command (scripts/test.sh) installs the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh core
cmake --preset cli >/dev/null
cmake --build --preset cli -j"$(nproc)"
exec ./build/cli/src/cli/guardduty-slack demo
