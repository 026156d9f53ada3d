#!/usr/bin/env bash
# Løft against an independent reference (SPEC §4), in one command:
#
#   Benchmarks/reference-check.sh            # builds loft in release, then checks
#   LOFT=/path/to/loft Benchmarks/reference-check.sh
#   SWIFT_BUILD_FLAGS="--scratch-path .build-ha" Benchmarks/reference-check.sh
#
# Generates small clean national-shape inboxes (120 agencies, 8 000 leaders, two years,
# 40 000 completion records) in a temporary folder, runs `loft run` on each, and compares
# every cell with Benchmarks/reference_check.py (NumPy/SciPy, no Løft code):
#   1. period: year,    k = 5 — the published and suppressed rows as the pipeline makes them;
#   2. period: quarter, k = 1, assessments in the second year only — nearly nothing
#      suppressed, so the small cells (n = 1 and 2, all-completed courses, no known
#      minutes) are compared value by value too, and the first year's quarters have
#      completions only (coverage rows with zeros).
# Exits 0 when every cell matches, 1 on a mismatch, 2 when something could not run.
# Takes well under two minutes after the build.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
as_of="2026-11-30"

command -v zstd >/dev/null || { echo "reference-check: the zstd tool is missing (run Scripts/setup)" >&2; exit 2; }
if ! python3 -c "import numpy, scipy" 2>/dev/null; then
  echo "reference-check: installing numpy and scipy for the reference" >&2
  python3 -m pip install --quiet numpy scipy >&2 || { echo "reference-check: numpy and scipy are needed" >&2; exit 2; }
fi

if [[ -z "${LOFT:-}" ]]; then
  # shellcheck disable=SC2086  # SWIFT_BUILD_FLAGS is a list of flags on purpose
  (cd "$repo" && swift build -c release --product loft ${SWIFT_BUILD_FLAGS:-} >&2)
  # shellcheck disable=SC2086
  LOFT="$(cd "$repo" && swift build -c release ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/loft"
fi
[[ -x "$LOFT" ]] || { echo "reference-check: no loft binary at $LOFT" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/loft-reference.XXXXXX")"
trap 'rm -rf "$work"' EXIT

status=0
for run in "year 5" "quarter 1 --assessment-years 1"; do
  read -r period k extra <<<"$run"  # extra: further generator flags (word-split on purpose)
  data="$work/$period-k$k"
  echo "== period $period, k = $k" >&2
  python3 "$here/generate.py" --out "$data" --agencies 120 --leaders 8000 --years 2 \
    --events 40000 --clean --seed "${SEED:-1}" --period "$period" --k "$k" ${extra:+$extra}
  snapshot="$("$LOFT" run "$data/pipeline.yaml" --as-of "$as_of")"
  python3 "$here/reference_check.py" --pipeline "$data/pipeline.yaml" \
    --snapshot "$snapshot" --as-of "$as_of" || status=$?
  [[ $status -eq 0 ]] || break
done
exit "$status"
