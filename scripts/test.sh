#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine with Swift.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
# Formatting is part of the suite: .swift-format is the style; `swift format --in-place
# --recursive Sources Tests Package.swift` applies it.
swift format lint --strict --recursive --parallel Sources Tests Package.swift
swift build --build-tests
swift test --skip-build
