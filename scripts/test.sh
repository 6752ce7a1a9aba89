#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine with Swift.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
swift test --skip-build
