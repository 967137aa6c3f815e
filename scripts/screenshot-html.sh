#!/usr/bin/env bash
# Renders the HTML audit page of an article with headless Chromium and saves a PNG, so a
# person can look at what WhoSaid shows. Installs chromium with apt-get when it can.
# Usage: scripts/screenshot-html.sh [ARTICLE] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
article=${1:-Fixtures/harbour-strike.txt}
png=${2:-out/audit.png}
mkdir -p "$(dirname "$png")"
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium is missing. Run: sudo apt-get install -y chromium" >&2
        exit 1
    fi
fi
make -s build >/dev/null
html="${png%.png}.html"
.build/release/whosaid extract --format html --output "$html" "$article"
# The URL points at q2, whose tooltip then shows (mark:target); the page has no scripts.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1500 \
    --screenshot="$png" "file://$(pwd)/$html#d1-q2" >/dev/null 2>&1
echo "$png"
