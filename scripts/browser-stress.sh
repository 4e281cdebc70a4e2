#!/usr/bin/env bash
# The browser tests several times in a row while both cores are kept busy, to prove they wait for the state they
# assert instead of racing the page (issue 15, item 11). Green every time, or it says which run failed.
#   scripts/browser-stress.sh                 # 3 runs, one busy loop per core
#   RUNS=5 scripts/browser-stress.sh -x       # extra arguments go to pytest
# The load is bounded: LOAD_WORKERS busy loops (default: the number of cores), each stopped after at most
# LOAD_SECONDS (default 3600) and in any case when this script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
LOAD_WORKERS=${LOAD_WORKERS:-$(nproc)}
LOAD_SECONDS=${LOAD_SECONDS:-3600}

scripts/venv.sh dev
load_pids=()
test_pid=""
stop_all() {
  for pid in "${load_pids[@]}" $test_pid; do kill "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
for _ in $(seq "$LOAD_WORKERS"); do
  timeout "$LOAD_SECONDS" .venv/bin/python -c 'while True: pass' &
  load_pids+=($!)
done

failed=()
for run in $(seq "$RUNS"); do
  echo "== browser tests, run $run of $RUNS, $LOAD_WORKERS busy loop(s) on $(nproc) core(s)"
  start=$(date +%s)
  SKIP_CHECKS=1 scripts/test.sh -m browser -q "$@" &
  test_pid=$!
  if wait "$test_pid"; then
    echo "== run $run: green in $(( $(date +%s) - start )) s"
  else
    echo "== run $run: FAILED after $(( $(date +%s) - start )) s"
    failed+=("$run")
  fi
  test_pid=""
done
echo "== $(( RUNS - ${#failed[@]} )) of $RUNS runs green${failed:+; failed: ${failed[*]}}"
[ ${#failed[@]} -eq 0 ]
