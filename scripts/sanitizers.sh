#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer, each in its own scratch path so
# it never disturbs the debug build. Exits non-zero if either finds a problem.
#
#   scripts/sanitizers.sh            # both
#   scripts/sanitizers.sh address    # one
#
# Leaks inside ICU and Foundation (not Dragoman's) are suppressed by .ci/lsan.supp. The child
# `dragoman` processes that the CLI tests start are sanitized too and read the same options.
set -euo pipefail
cd "$(dirname "$0")/.."
kinds=("${@:-address thread}")
status=0
for kind in ${kinds[*]}; do
  echo "sanitizers: swift test --sanitize=$kind"
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
  export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"
  export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1"
  log=".build-sanitize-$kind.log"
  if swift test --sanitize="$kind" --scratch-path ".build-sanitize-$kind" >"$log" 2>&1 \
    && ! grep -q -E "ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer" "$log"; then
    echo "sanitizers: $kind clean ($(grep -E '^. Test run with' "$log" | tail -1))"
  else
    echo "sanitizers: $kind FAILED; see $log"
    grep -E "ERROR: |WARNING: ThreadSanitizer|SUMMARY|✘" "$log" | head -20 || true
    status=1
  fi
done
exit $status
