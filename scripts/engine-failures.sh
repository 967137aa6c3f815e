#!/usr/bin/env bash
# Counts the documents the engine dies on, per JSON Lines file: the supervised run
# survives each one and gives it a line with an "error" field naming the signal.
# usage: scripts/engine-failures.sh FILE.jsonl...   (WHOSAID=path/to/whosaid to pick a binary)
set -euo pipefail
bin=${WHOSAID:-"$(dirname "$0")/../.build/release/whosaid"}
for file in "$@"; do
    records=$(grep -c . "$file" || true)
    out=$("$bin" extract --input jsonl --format jsonl "$file" 2>/dev/null) || true
    lines=$(printf '%s\n' "$out" | grep -c . || true)
    failed=$(printf '%s\n' "$out" | grep -c '"error":"the engine failed' || true)
    echo "$(basename "$file"): $records records, $lines lines out, $failed engine failures"
    printf '%s\n' "$out" | grep '"error":"the engine failed' | sed 's/^{"id":"\([^"]*\)".*/  failed: \1/' || true
done
