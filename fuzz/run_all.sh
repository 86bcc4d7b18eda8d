#!/usr/bin/env bash
# Runs every fuzz target in turn (one at a time: the machines have two cores), each for
# SECONDS_PER_TARGET seconds (default 600) with libFuzzer's 1-second hang limit, logging to
# fuzz/logs/<target>.log. Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets it use the nightly-only sanitizer flags.
#   nohup fuzz/run_all.sh > fuzz/logs/run_all.log 2>&1 &
set -uo pipefail
cd "$(dirname "$0")"
secs="${SECONDS_PER_TARGET:-600}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(pack_loader progress_files diagram_ron codepipeline_import cloudformation_import)
mkdir -p logs
[ -d corpus/progress_files ] || ./seed.sh
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
    case "$t" in
        codepipeline_import | cloudformation_import) dict=dicts/json.dict ;;
        *) dict=dicts/ron.dict ;;
    esac
    echo "== $t: start $(date -u +%FT%TZ), ${secs}s"
    cargo fuzz run "$t" -- -max_total_time="$secs" -timeout=1 -rss_limit_mb=2048 \
        -dict="$dict" -print_final_stats=1 > "logs/$t.log" 2>&1
    echo "== $t: exit $? at $(date -u +%FT%TZ)"
    grep -E "^stat::number_of_executed_units|^Done|SUMMARY|ERROR|Test unit written" "logs/$t.log" || true
done
