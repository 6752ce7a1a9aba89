#!/usr/bin/env bash
# Installs GDAL and PROJ (headers, library, command-line tools), cairo and the DejaVu fonts
# (map pages) and OpenSSL's headers (SHA-256) from Debian when missing.
set -euo pipefail
packages=(libgdal-dev libproj-dev gdal-bin pkg-config libcairo2-dev fonts-dejavu-core libssl-dev)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
export PATH="/opt/swift/usr/bin:$PATH"
command -v swift >/dev/null || { echo "swift not found: install Swift 6 (expected at /opt/swift)" >&2; exit 1; }
