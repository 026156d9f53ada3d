#!/usr/bin/env bash
# Løft at national size, side by side with DuckDB and Polars, in one command:
#
#   Benchmarks/run.sh [--skip-x10] [--skip-micro] [--runs N]
#   LOFT=/path/to/loft Benchmarks/run.sh                        # an already built binary
#   LOFT_MICRO_BIN=/path/to/loft-micro Benchmarks/run.sh        # and an already built loft-micro
#   SWIFT_BUILD_FLAGS="--scratch-path .build-hf" Benchmarks/run.sh
#
# In one run, on the same files, it
#   1. generates (Benchmarks/generate.py, seed 1) the national clean inbox (450 agencies,
#      50 000 leaders, 5 years, 5 000 000 completion records), the national messy inbox (the
#      same, every dialect and defect) and — unless --skip-x10, or the disk is short — the ×10
#      clean inbox (50 000 000 records, ~3 GB, takes a while), into $LOFT_BENCH_DIR
#      (default /tmp/loft-bench, outside the repository). An inbox whose .stamp matches the
#      arguments and generate.py is reused;
#   2. times `loft run` end to end (release build, warm cache: the inbox is read once with
#      `cat` first; N runs, default 3; the median; peak RSS from /usr/bin/time -v), each run
#      into a fresh --output folder so it really publishes: --threads 1 and 2 on national
#      clean, --threads 2 on messy and ×10;
#   3. times the same aggregation in DuckDB and in Polars (Benchmarks/engines/, installed from
#      PyPI into a venv under $LOFT_BENCH_DIR; two threads each) on national clean (and ×10),
#      and checks their output against Løft's snapshot (engines/compare.py). Steps 2 and 3
#      take turns, run after run, so that the shared cores' slower minutes fall on every
#      contender alike;
#   4. times the floors over the same bytes: `cat` of every file, and `tar | zstd -1 -T2`;
#   5. micro-benchmarks: `loft validate` on 200 MB single-dialect inboxes (comma UTF-8,
#      semicolon Windows-1252 CRLF, UTF-16 tab; Benchmarks/micro/make_inbox.py) for MB/s per
#      dialect, a 1 GB one-agency assessment + completion delivery for MB/s and peak RSS, the
#      stages of `loft run` from its run reports (<output>/reports/*.json), and the hot paths
#      one by one, each against a baseline in the same process (`loft-micro`, built with
#      LOFT_MICRO=1, or LOFT_MICRO_BIN=/path/to/loft-micro): tokenizing and row checks per
#      dialect and on national clean, adding to and merging statistics states, statistics,
#      disclosure, and the snapshot's SQLite write against zstd over the same bytes;
#   6. writes Benchmarks/RESULTS.md (Benchmarks/report.py) with every figure, the ratios, the
#      machine, the date and this command. Raw measurements stay in $LOFT_BENCH_DIR/results.
# Needs python3 (3.11) with venv, zstd, /usr/bin/time (GNU). Exits non-zero if anything fails.
# On two shared cores, once the data is there: about 10 minutes with ×10 and 3 runs, 15 with
# --runs 5 (generating it all first takes another 30 minutes: ×10 alone 20).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
bench="${LOFT_BENCH_DIR:-/tmp/loft-bench}"
as_of="2026-11-30"
runs=3
x10=1
micro=1
command_line="Benchmarks/run.sh $*"
for var in SWIFT_BUILD_FLAGS LOFT LOFT_MICRO_BIN LOFT_BENCH_DIR; do  # the environment that changes what runs
  [[ -n "${!var:-}" ]] && command_line="$var=\"${!var}\" $command_line"
done
started="$(date -u '+%Y-%m-%d %H:%M')"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-x10) x10=0 ;;
    --skip-micro) micro=0 ;;
    --runs) runs="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

for tool in python3 zstd tar /usr/bin/time; do
  command -v "$tool" >/dev/null || die "$tool is missing (zstd: Scripts/setup; time: apt-get install time)"
done
case "$repo" in "$bench"|"$bench"/*) die "LOFT_BENCH_DIR must be outside the repository" ;; esac
case "$bench" in "$repo"/*) die "LOFT_BENCH_DIR must be outside the repository" ;; esac

mkdir -p "$bench"
results="$bench/results"
rm -rf "$results"
mkdir -p "$results/reports" "$results/logs"
measurements="$results/measurements.tsv"
printf 'label\trun\tmillis\trss_kb\tuser_s\tsys_s\tload\n' > "$measurements"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# MARK: - The binary

if [[ -z "${LOFT:-}" ]]; then
  log "building loft (release)"
  # shellcheck disable=SC2086  # SWIFT_BUILD_FLAGS is a list of flags on purpose
  (cd "$repo" && swift build -c release --product loft ${SWIFT_BUILD_FLAGS:-} >&2)
  # shellcheck disable=SC2086
  LOFT="$(cd "$repo" && swift build -c release ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/loft"
fi
[[ -x "$LOFT" ]] || die "no loft binary at $LOFT"
if [[ $micro == 1 && -z "${LOFT_MICRO_BIN:-}" ]]; then
  log "building loft-micro (release, LOFT_MICRO=1)"
  # shellcheck disable=SC2086
  (cd "$repo" && LOFT_MICRO=1 swift build -c release --product loft-micro ${SWIFT_BUILD_FLAGS:-} >&2)
  # shellcheck disable=SC2086
  LOFT_MICRO_BIN="$(cd "$repo" && LOFT_MICRO=1 swift build -c release ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/loft-micro"
fi
[[ $micro == 0 || -x "${LOFT_MICRO_BIN:-}" ]] || die "no loft-micro binary at ${LOFT_MICRO_BIN:-}"

# MARK: - Measuring

# measure LABEL RUN COMMAND...: runs COMMAND under GNU time; appends wall milliseconds, peak
# RSS (the largest process, for a pipeline its largest member), CPU seconds and the 1-minute
# load average just before (others' work on the shared cores) to the table.
measure() {
  local label="$1" run="$2"
  shift 2
  local start end load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  start="$(date +%s%N)"
  if ! /usr/bin/time -v -o "$results/time.txt" "$@" > "$results/logs/$label-$run.out" \
    2> "$results/logs/$label-$run.err"; then
    tail -5 "$results/logs/$label-$run.err" >&2
    die "$label (run $run) failed: $*"
  fi
  end="$(date +%s%N)"
  awk -F': ' -v label="$label" -v run="$run" -v ms="$(((end - start) / 1000000))" -v load="$load" '
    /Maximum resident set size/ { rss = $2 }
    /User time/ { user = $2 }
    /System time/ { sys = $2 }
    END { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", label, run, ms, rss, user, sys, load }
  ' "$results/time.txt" >> "$measurements"
  log "$label #$run: $(tail -1 "$measurements" | cut -f3) ms, $(tail -1 "$measurements" | cut -f4) kB"
}

# warm FOLDER: reads every file once, so every contender starts from the page cache.
warm() { find "$1" -type f -exec cat {} + > /dev/null; }

# bytes FOLDER: the size of every file in it.
bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }'; }

# MARK: - Data

# generate NAME ARGS...: Benchmarks/generate.py --out $bench/NAME ARGS, unless the .stamp says
# that folder holds exactly that already.
generate() {
  local dir="$bench/$1"
  shift
  local stamp
  stamp="$* generate.py:$(sha256sum "$here/generate.py" | cut -c1-16)"
  if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" ]]; then
    log "reusing $dir"
    return
  fi
  log "generating $dir ($*)"
  rm -rf "$dir"
  python3 "$here/generate.py" --out "$dir" "$@" >&2
  echo "$stamp" > "$dir/.stamp"
}

# micro_inbox NAME ARGS...: the same for Benchmarks/micro/make_inbox.py.
micro_inbox() {
  local dir="$bench/$1"
  shift
  local stamp
  stamp="$* make_inbox.py:$(cat "$here/micro/make_inbox.py" "$here/generate.py" | sha256sum | cut -c1-16)"
  if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" ]]; then
    log "reusing $dir"
    return
  fi
  log "generating $dir ($*)"
  rm -rf "$dir"
  python3 "$here/micro/make_inbox.py" --out "$dir" "$@" >&2
  echo "$stamp" > "$dir/.stamp"
}

national=(--agencies 450 --leaders 50000 --years 5 --seed 1)
generate national-clean "${national[@]}" --events 5000000 --clean
generate national-messy "${national[@]}" --events 5000000
inboxes=(national-clean national-messy)
if [[ $x10 == 1 ]]; then
  need_kb=$((8 * 1024 * 1024))  # the inbox (~3 GB), a snapshot, and room to spare
  free_kb="$(df -Pk "$bench" | awk 'NR == 2 { print $4 }')"
  if [[ -f "$bench/x10-clean/.stamp" || $free_kb -ge $need_kb ]]; then
    generate x10-clean "${national[@]}" --events 50000000 --clean
    inboxes+=(x10-clean)
  else
    log "skipping ×10: $((free_kb / 1024)) MB free under $bench, need $((need_kb / 1024))"
    x10=0
  fi
fi
for name in "${inboxes[@]}"; do
  printf '%s\t%s\t%s\n' "$name" "$(bytes "$bench/$name/inbox")" \
    "$(find "$bench/$name/inbox" -type f | wc -l)" >> "$results/inboxes.tsv"
done

# MARK: - Løft, DuckDB and Polars

venv="$bench/venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import duckdb, polars" 2>/dev/null; then
  log "installing duckdb and polars into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check duckdb polars >&2
fi
"$venv/bin/python" -c 'import duckdb, polars; print(f"DuckDB {duckdb.__version__}, Polars {polars.__version__}")' \
  > "$results/engines.txt"

# loft_run LABEL INBOX THREADS RUN: one `loft run` into a fresh output folder; keeps its report
# and its snapshot's path.
loft_run() {
  local label="$1" inbox="$2" threads="$3" run="$4" out="$bench/out/$1"
  rm -rf "$out"
  measure "$label" "$run" "$LOFT" run "$bench/$inbox/pipeline.yaml" --output "$out" \
    --threads "$threads" --as-of "$as_of"
  cp "$out"/reports/*.json "$results/reports/$label-$run.json"
  cp "$results/logs/$label-$run.out" "$results/$label.snapshot"
}

# engine_run INBOX SUFFIX RUN: the same aggregation once in DuckDB and once in Polars.
engine_run() {
  local inbox="$1" suffix="$2" run="$3"
  measure "duckdb-$suffix" "$run" "$venv/bin/python" "$here/engines/duckdb_aggregate.py" \
    --data "$bench/$inbox" --out "$bench/engines/duckdb-$suffix" --threads 2
  measure "polars-$suffix" "$run" env POLARS_MAX_THREADS=2 "$venv/bin/python" \
    "$here/engines/polars_aggregate.py" --data "$bench/$inbox" --out "$bench/engines/polars-$suffix"
}

# compare_engines SUFFIX: the engines' tables against Løft's snapshot of the same inbox.
compare_engines() {
  local suffix="$1"
  python3 "$here/engines/compare.py" --snapshot "$(cat "$results/loft-$suffix-t2.snapshot")" \
    "$bench/engines/duckdb-$suffix" "$bench/engines/polars-$suffix" | tee "$results/compare-$suffix.txt" >&2 \
    || die "an engine computed something else than Løft (see $results/compare-$suffix.txt)"
}

# National size: the contenders take turns, round after round, so that a slower minute on the
# shared cores falls on all of them alike and the ratios compare like with like. Both inboxes
# stay in the page cache between rounds.
warm "$bench/national-clean/inbox"
warm "$bench/national-messy/inbox"
for run in $(seq 1 "$runs"); do
  loft_run loft-clean-t1 national-clean 1 "$run"
  loft_run loft-clean-t2 national-clean 2 "$run"
  loft_run loft-messy-t2 national-messy 2 "$run"
  engine_run national-clean clean "$run"
done
compare_engines clean

if [[ $x10 == 1 ]]; then
  warm "$bench/x10-clean/inbox"
  for run in $(seq 1 "$runs"); do
    loft_run loft-x10-t2 x10-clean 2 "$run"
    engine_run x10-clean x10 "$run"
  done
  compare_engines x10
fi

# MARK: - Floors

for inbox in "${inboxes[@]}"; do
  [[ $inbox == national-messy ]] && continue
  warm "$bench/$inbox/inbox"
  for run in $(seq 1 "$runs"); do
    measure "cat-$inbox" "$run" bash -c 'find "$1" -type f -exec cat {} + > /dev/null' _ \
      "$bench/$inbox/inbox"
    measure "zstd-$inbox" "$run" bash -c 'tar cf - -C "$1" inbox | zstd -q -1 -T2 > /dev/null' _ \
      "$bench/$inbox"
  done
done

# MARK: - Micro-benchmarks

if [[ $micro == 1 ]]; then
  for dialect in comma semicolon utf16; do
    micro_inbox "micro-$dialect" --dialect "$dialect" --mb 200 --agencies 8
  done
  micro_inbox micro-1gb --dialect comma --mb 1000 --agencies 1 --learners 20000
  for name in micro-comma micro-semicolon micro-utf16 micro-1gb; do
    printf '%s\t%s\t%s\n' "$name" "$(bytes "$bench/$name/inbox")" \
      "$(find "$bench/$name/inbox" -type f | wc -l)" >> "$results/inboxes.tsv"
    warm "$bench/$name/inbox"
    threads_list="1 2"
    [[ $name == micro-1gb ]] && threads_list="2"  # one agency: one worker whatever --threads
    for threads in $threads_list; do
      for run in $(seq 1 "$runs"); do
        measure "validate-$name-t$threads" "$run" "$LOFT" validate "$bench/$name/pipeline.yaml" \
          --as-of "$as_of" --threads "$threads" --format json
      done
      cp "$results/logs/validate-$name-t$threads-1.out" "$results/reports/validate-$name-t$threads.json"
    done
  done
  # The hot paths one by one, each against its baseline, N rounds in one process.
  mkdir -p "$results/micro"
  for name in micro-comma micro-semicolon micro-utf16 national-clean; do
    log "loft-micro reading $name"
    "$LOFT_MICRO_BIN" reading "$bench/$name/pipeline.yaml" --rounds "$runs" --as-of "$as_of" \
      > "$results/micro/reading-$name.tsv" || die "loft-micro reading $name failed"
  done
  log "loft-micro state national-clean"
  "$LOFT_MICRO_BIN" state "$bench/national-clean/pipeline.yaml" --rounds "$runs" --as-of "$as_of" \
    > "$results/micro/state-national-clean.tsv" || die "loft-micro state national-clean failed"
fi

# MARK: - The machine, and the report

{
  echo "date: $started–$(date -u '+%H:%M') UTC"
  echo "command: $command_line"
  echo "runs: $runs"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME") ($(uname -r))"
  echo "swift: $(swift --version 2>&1 | head -1)"
  echo "python: $(python3 --version 2>&1)"
  echo "engines: $(cat "$results/engines.txt")"
  echo "zstd: $(zstd --version | grep -o "v[0-9.]*" | head -1)"
  echo "loft: $LOFT ($(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "load_before: $load_before"
  echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$results/machine.txt"

python3 "$here/report.py" --results "$results" > "$here/RESULTS.md"
log "wrote $here/RESULTS.md"
