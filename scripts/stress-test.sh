#!/usr/bin/env bash
# Runs `npm test` RUNS times in a row (default 3) while a CPU hog keeps every core busy, to show the suite
# holds on a loaded machine (issue 11: "a flaky test is a broken test"). The hog is started and stopped here;
# it is killed on any exit (success, failure, Ctrl-C). Prints each run's result and time; exits non-zero when
# any run failed.  Usage: scripts/stress-test.sh [runs]
# HOG_WORKERS overrides the number of busy loops; STRESS_CMD the command (default `npm test`), e.g. to try the
# script itself on one test file.
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
cmd="${STRESS_CMD:-npm test}"
workers="${HOG_WORKERS:-$(nproc)}"
hog_pids=()

cleanup() {
  for pid in "${hog_pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait "${hog_pids[@]}" 2>/dev/null
  hog_pids=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One busy loop per core, at normal priority (a nice'd hog would leave the suite the CPU it needs to prove).
for _ in $(seq "$workers"); do
  node -e 'for (;;) {}' &
  hog_pids+=("$!")
done
echo "stress: ${#hog_pids[@]} busy loop(s) started (pids ${hog_pids[*]})"

failed=0
summary=()
for i in $(seq "$runs"); do
  start=$(date +%s)
  echo "stress: run $i/$runs: $cmd"
  if bash -c "$cmd"; then result=passed; else result=FAILED; failed=$((failed + 1)); fi
  secs=$(($(date +%s) - start))
  summary+=("run $i/$runs: $result in ${secs}s")
  echo "stress: ${summary[-1]}"
done

cleanup
echo "stress: summary (${workers} busy loop(s))"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "stress: $failed of $runs run(s) failed" >&2
  exit 1
fi
echo "stress: $runs/$runs passed"
