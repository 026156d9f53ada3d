#!/usr/bin/env bash
# Fuzzes Løft's readers with libFuzzer and AddressSanitizer.
#
#   Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Targets (Fuzz/<Name>/, defined in Package.swift only when LOFT_FUZZ=1):
#   fuzz-csv         bytes → TextSniffer, CSVReader, header mapping, row checks, agency fold
#   fuzz-xapi        bytes → XAPIReader (JSON Lines, documents, arrays), statement checks, fold
#   fuzz-definition  bytes → pipeline definition, model, register or catalogue (first byte picks)
# Each runs SECONDS_PER_TARGET seconds (default 20, about a minute for all three), starting from
# its seeds in Fuzz/corpus/<target>/ (small pieces of Fixtures/, made by Fuzz/make-corpus.py)
# plus what earlier runs found in .build-fuzz/corpus/<target>/, with the tokens of
# Fuzz/dictionaries/<target>.dict. Besides crashes, the CSV and
# xAPI targets fail when reading in chunks changes the outcome, or when a file's
# rows_read ≠ accepted + rejected + duplicate. A crashing input is written to
# .build-fuzz/artifacts/<target>/ and the script exits 1; replay it with
#   SWIFT_BACKTRACE=enable=no .build-fuzz/release/<target> .build-fuzz/artifacts/<target>/crash-…
# Builds go to .build-fuzz (release, so it runs fast; preconditions and overflow checks stay).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then targets=(fuzz-csv fuzz-xapi fuzz-definition); fi
scratch=.build-fuzz

for target in "${targets[@]}"; do
  echo "fuzz.sh: building $target" >&2
  LOFT_FUZZ=1 swift build -c release --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address --product "$target" 2>&1 \
    | grep -v "Cannot export local symbol" >&2
done

failed=0
summary=()
for target in "${targets[@]}"; do
  seeds="Fuzz/corpus/$target"
  seeds=${seeds/fuzz-/}
  corpus="$scratch/corpus/$target"
  artifacts="$scratch/artifacts/$target"
  log="$scratch/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "fuzz.sh: running $target for ${seconds}s (log: $log)" >&2
  dictionary="Fuzz/dictionaries/${target#fuzz-}.dict"
  status=0
  # New inputs go to the first folder; the committed seeds are only read. Leak checks are off:
  # the Swift runtime keeps metadata caches for the life of the process. Swift's own backtracer
  # is off too: under AddressSanitizer it can hang instead of letting libFuzzer report a crash.
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$scratch/release/$target" \
    "$corpus" "$seeds" -dict="$dictionary" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || echo "cov: ? ft: ?")
  if [[ $status -ne 0 ]]; then
    failed=1
    crash=$(ls -t "$artifacts" 2>/dev/null | head -1)
    summary+=("$target: FAILED (exit $status) after $execs runs, $coverage; input: $artifacts/$crash")
    grep -E 'ERROR|Fatal error|SUMMARY|==[0-9]+==' "$log" | head -5 >&2 || true
  else
    summary+=("$target: ok, $execs runs in ${seconds}s, $coverage")
  fi
done
printf '%s\n' "${summary[@]}"
exit $failed
