#!/bin/bash
# The --engine auto boundary (network/columnar/choice.py, COLUMNAR_ROWS; docs/columnar.md):
# `entente centrality FOLDER --level state` on CSV folders of the event generator, the plain path
# against the columnar one, each a whole command timed by /usr/bin/time, interleaved, 3 rounds.
#
#   bash bench/columnar/cutover.sh [CACHE]      # CACHE: default bench/columnar/cache
#   SIZES="2000 25000" bash bench/columnar/cutover.sh   # other sizes (default 2k to 400k)
#
# One line per run on stdout: SIZE ENGINE ROUND wall, CPU (user+system) and peak memory.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="${1:-bench/columnar/cache}"
sizes=(${SIZES:-2000 5000 10000 25000 50000 100000 200000 400000})
declare -A folder
for n in "${sizes[@]}"; do  # generated once, then read from the cache
  folder[$n]="$(python -c "import sys; sys.path.insert(0, 'bench/columnar'); from events import cached; print(cached($n, '$cache'))")/csv"
done
for round in 1 2 3; do
  for n in "${sizes[@]}"; do
    for engine in python columnar; do
      /usr/bin/time -f "$n $engine round$round %e s %U+%S cpu %M KB" \
        python -m network centrality "${folder[$n]}" --level state --engine "$engine" --format csv 2>&1 >/dev/null | tail -1
    done
  done
done
