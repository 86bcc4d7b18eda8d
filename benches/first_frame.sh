#!/usr/bin/env bash
# Benchmark (not a test): time from process start to the first frame, and resident memory then,
# for the release binary under Xvfb. Usage: benches/first_frame.sh [runs]
set -euo pipefail
runs=${1:-5}
cd "$(dirname "$0")/.."
cargo build --release --quiet
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb' EXIT
  export DISPLAY=:97
  sleep 1
fi
for _ in $(seq "$runs"); do
  dir=$(mktemp -d)
  ./target/release/stagecraft --data-dir "$dir" --report-first-frame
  rm -rf "$dir"
done
