#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and runs each for FUZZ_SECONDS
# (default 600) on 2 workers, seeded from Fixtures/ and Patterns/. Crashes are written
# to out/fuzz/<target>/ (replay one with: .build/debug/<target> FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-600}
scripts/ensure-deps.sh
for target in fuzz-pipeline fuzz-rule-loader; do
    swift build --scratch-path .build-fuzz -c debug --product "$target" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >/dev/null
done
bin=$(swift build --scratch-path .build-fuzz -c debug --show-bin-path)
mkdir -p out/fuzz/seeds-pipeline out/fuzz/seeds-rules
cp Fixtures/*.txt out/fuzz/seeds-pipeline/
cp Patterns/*.yaml Examples/house-rules/*.yaml out/fuzz/seeds-rules/
for target in fuzz-pipeline fuzz-rule-loader; do
    seeds=out/fuzz/seeds-pipeline; [ "$target" = fuzz-rule-loader ] && seeds=out/fuzz/seeds-rules
    mkdir -p "out/fuzz/$target/corpus" "out/fuzz/$target/crashes"
    echo "== $target for $seconds s"
    "$bin/$target" "out/fuzz/$target/corpus" "$seeds" -max_total_time="$seconds" -max_len=65536 \
        -timeout=20 -rss_limit_mb=4096 -artifact_prefix="out/fuzz/$target/crashes/" -print_final_stats=1 \
        2>&1 | tee "out/fuzz/$target.log" | grep -E "^(#[0-9]+ +DONE|stat::|==[0-9]+==ERROR|SUMMARY|Done)" || true
done
