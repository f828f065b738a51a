#!/usr/bin/env bash
# Runs the whole suite N times in a row, each time as CI does (./mvnw -B verify -Pbrowser) on a fresh clone
# of this repository's HEAD, and prints the tally: a suite that fails by chance shows up here
# before it blocks a landing. Run it by hand; .ci/run does not call it.
#
#   backend/scripts/repeat-suite.sh N [more Maven arguments, e.g. -Dit.test=LiveChangesTest]
#
# Each clone is a clean checkout (uncommitted changes are not tested) under /tmp, deleted after
# its run; Maven's local repository (~/.m2) is shared. A failing run keeps its build log, its
# surefire and failsafe reports and the Keycloak log in the results folder that is printed at the
# end. Exits non-zero when any run failed.
set -uo pipefail

runs=${1:-}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 N [Maven arguments]   (N: how many runs, at least 1)" >&2
  exit 2
fi
shift

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
head=$(git -C "$repo" rev-parse HEAD)
results=$(mktemp -d /tmp/repeat-suite.XXXXXX)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "note: uncommitted changes in $repo are not tested; every run checks out $head"
fi
echo "$runs runs of ./mvnw -B verify -Pbrowser $* on clean clones of $head; results in $results"

clone=""
trap '[ -n "$clone" ] && rm -rf "$clone"; exit 130' INT TERM

passed=0
failed=0
for i in $(seq 1 "$runs"); do
  clone=$(mktemp -d /tmp/repeat-suite-clone.XXXXXX)
  log="$clone/verify.log"
  start=$(date +%s)
  if git clone --quiet "$repo" "$clone/repo" && git -C "$clone/repo" checkout --quiet --detach "$head"; then
    (cd "$clone/repo" && ./mvnw -B verify -Pbrowser "$@") > "$log" 2>&1
    status=$?
  else
    echo "could not clone $repo at $head" > "$log"
    status=1
  fi
  seconds=$(( $(date +%s) - start ))
  took=$(printf '%dm%02ds' $((seconds / 60)) $((seconds % 60)))
  # the totals of the fast layer (surefire) and the end-to-end layer (failsafe)
  totals=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" \
    | sed -E 's/^\[[A-Z]+\] Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+)/\1 tests (\2 failures, \3 errors, \4 skipped)/' \
    | paste -sd ';' - | sed 's/;/, then /g')
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    echo "run $i/$runs: passed in $took: ${totals:-no tests}"
    echo "run $i: passed in $took: ${totals:-no tests}" >> "$results/summary.txt"
  else
    failed=$((failed + 1))
    kept="$results/run-$i"
    mkdir -p "$kept"
    cp "$log" "$kept/"
    for reports in surefire-reports failsafe-reports; do
      [ -d "$clone/repo/backend/target/$reports" ] && cp -r "$clone/repo/backend/target/$reports" "$kept/"
    done
    find "$clone/repo/.keycloak" -maxdepth 2 -name 'keycloak-*.log' -exec cp {} "$kept/" \; 2>/dev/null
    echo "run $i/$runs: FAILED in $took (exit $status): ${totals:-no test totals}; log and reports in $kept"
    grep '^\[ERROR\]' "$log" | head -12 | sed 's/^/    /'
    echo "run $i: FAILED in $took; see $kept" >> "$results/summary.txt"
  fi
  rm -rf "$clone"
  clone=""
done

echo "$runs runs: $passed passed, $failed failed" | tee -a "$results/summary.txt"
[ "$failed" -eq 0 ]
