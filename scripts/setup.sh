#!/usr/bin/env bash
# From a fresh Debian 12 machine with Swift: system libraries, then a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product permafrost-atlas >&2
