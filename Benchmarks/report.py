#!/usr/bin/env python3
"""Renders Benchmarks/RESULTS.md from what Benchmarks/run.sh measured.

    python3 Benchmarks/report.py --results $LOFT_BENCH_DIR/results > Benchmarks/RESULTS.md

Reads, in the results folder: measurements.tsv (label, run, wall milliseconds, peak RSS in kB,
user and system seconds, one row per run), inboxes.tsv (name, bytes, files), machine.txt,
reports/<label>-<run>.json (Løft's run reports) and reports/validate-*.json, compare-*.txt.
Every figure is the median of the runs (min–max beside it); ratios are of medians.
Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
from collections import defaultdict
from pathlib import Path

MB = 1e6


def load(results: Path):
    runs: dict[str, list[dict]] = defaultdict(list)
    with open(results / "measurements.tsv", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            runs[row["label"]].append({
                "s": int(row["millis"]) / 1000, "rss": int(row["rss_kb"]) * 1024 / MB,
                "cpu": float(row["user_s"]) + float(row["sys_s"]),
                "load": float(row["load"]) if row.get("load") else None})
    inboxes = {}
    with open(results / "inboxes.tsv", newline="") as f:
        for name, size, files in csv.reader(f, delimiter="\t"):
            inboxes[name] = (int(size), int(files))
    machine = {}
    for line in (results / "machine.txt").read_text().splitlines():
        key, _, value = line.partition(": ")
        machine[key] = value
    return runs, inboxes, machine


class Figures:
    def __init__(self, runs: dict[str, list[dict]]) -> None:
        self.runs = runs

    def has(self, label: str) -> bool:
        return label in self.runs

    def median(self, label: str, key: str = "s") -> float:
        return statistics.median(r[key] for r in self.runs[label])

    def spread(self, label: str, key: str = "s") -> str:
        values = [r[key] for r in self.runs[label]]
        return f"{min(values):.2f}–{max(values):.2f}"


def table(header: list[str], rows: list[list[str]], left: int = 1) -> str:
    """A Markdown table; the first `left` columns align left, the rest right."""
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i < left else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--results", required=True)
    args = p.parse_args()
    results = Path(args.results)
    runs, inboxes, machine = load(results)
    f = Figures(runs)
    out: list[str] = []
    say = out.append

    say("# Benchmark results\n")
    say(f"Measured {machine['date']} with `{machine['command']}` (Benchmarks/run.sh; how to "
        "read and rerun it is at the top of that script). Generated, not edited: rerunning "
        f"rewrites this file. Every figure is the median of {machine['runs']} runs (min–max "
        "beside it), warm page cache, wall-clock time; peak RSS is GNU time's \"Maximum "
        "resident set size\" of the largest process. The contenders on one inbox take turns, "
        "run after run (Løft at one and two threads, Løft on the messy inbox, DuckDB, "
        "Polars), so that a slower minute on the shared cores falls on all of them alike.\n")
    say("## Machine\n")
    say(table(["", ""], [
        ["CPU", f"{machine['cpu']} — `nproc` {machine['nproc']}"],
        ["memory", machine["memory"]], ["OS", machine["os"]], ["Swift", machine["swift"]],
        ["Python", machine["python"]], ["engines", machine["engines"]], ["zstd", machine["zstd"]],
        ["loft", f"`{machine['loft']}`"],
        ["load average (1, 5, 15 min)", f"{machine['load_before']} before, "
                                        f"{machine['load_after']} after"]], left=2))
    say("")
    say("The machine is shared: other sessions' builds, fuzzers and generators may run at the "
        "same time (see the load average), which makes the two-thread figures the noisiest.\n")

    say("## Inboxes\n")
    say(table(["inbox", "files", "MB"], [
        [name, f"{files:,}".replace(",", " "), f"{size / MB:,.0f}".replace(",", " ")]
        for name, (size, files) in inboxes.items()]))
    say("")
    say("From `Benchmarks/generate.py --agencies 450 --leaders 50000 --years 5 --seed 1`: "
        "`national-clean` with `--events 5000000 --clean`, `national-messy` with "
        "`--events 5000000` (every dialect, xAPI, `.zst`, 0.5 % defective records), "
        "`x10-clean` with `--events 50000000 --clean`; `micro-*` from "
        "`Benchmarks/micro/make_inbox.py`.\n")

    say("## End to end\n")
    rows = []
    plan = [
        ("loft-clean-t1", "national-clean", "`loft run --threads 1`"),
        ("loft-clean-t2", "national-clean", "`loft run --threads 2`"),
        ("duckdb-clean", "national-clean", "DuckDB, 2 threads"),
        ("polars-clean", "national-clean", "Polars, 2 threads"),
        ("cat-national-clean", "national-clean", "floor: `cat` every file"),
        ("zstd-national-clean", "national-clean", "floor: `tar … \\| zstd -1 -T2`"),
        ("loft-messy-t2", "national-messy", "`loft run --threads 2`"),
        ("loft-x10-t2", "x10-clean", "`loft run --threads 2`"),
        ("duckdb-x10", "x10-clean", "DuckDB, 2 threads"),
        ("polars-x10", "x10-clean", "Polars, 2 threads"),
        ("cat-x10-clean", "x10-clean", "floor: `cat` every file"),
        ("zstd-x10-clean", "x10-clean", "floor: `tar … \\| zstd -1 -T2`"),
    ]
    for label, inbox, what in plan:
        if not f.has(label):
            continue
        seconds = f.median(label)
        cpu = f.median(label, "cpu")
        rows.append([what, inbox, f"{seconds:.2f}", f.spread(label),
                     f"{inboxes[inbox][0] / MB / seconds:.0f}",
                     f"{f.median(label, 'rss'):.0f}", f"{cpu:.1f}", f"{cpu / seconds:.2f}"])
    say(table(["what", "inbox", "s", "min–max s", "MB/s", "peak RSS MB", "CPU s", "cores busy"],
              rows, left=2))
    say("")
    say("CPU s is user + system time (median); cores busy is CPU s over wall s — up to 2 "
        "here, lower when the process waits or another session holds the cores.\n")
    say("Løft's time is the whole `loft run`: read, check and fold every record, compute "
        "every table for every grouping, primary and secondary suppression, the SQLite "
        "snapshot compressed with zstd level 3, summaries, report page, manifest, atomic publish "
        "(a fresh `--output` each run). DuckDB and Polars compute three of those tables "
        "for one grouping (sector): maturity per year × sector × dimension (n, mean of each "
        "respondent's latest answer per year), competence gap per year × sector × area, and "
        "completion per year × course × sector (distinct learners, completed) — the "
        "smallest job Løft's job contains, so the ratios favour them.\n")

    compares = sorted(results.glob("compare-*.txt"))
    if compares:
        say("The engines compute exactly what Løft publishes for those rows "
            "(`Benchmarks/engines/compare.py`, counts exact, means to 1e-9):\n")
        say("```")
        for c in compares:
            say(c.read_text().rstrip())
        say("```\n")

    say("## Targets\n")
    say("Each time ratio is given twice: of wall-clock medians (what the targets mean) and of "
        "CPU-second medians (user + system), which another session's load on the shared "
        "cores disturbs far less. The verdict is on wall time.\n")
    rows = []

    def target(name: str, wall: float | None, cpu: float | None, goal: str, ok: bool | None,
               note: str = "") -> None:
        cpu_text = "—" if cpu is None else f"{cpu:.2f}"
        if wall is None:
            rows.append([name, "not measured", cpu_text, goal, "—", note])
        else:
            rows.append([name, f"{wall:.2f}", cpu_text, goal,
                         "met" if ok else "**not met**", note])

    def ratio(a: str, b: str) -> tuple[float, float]:
        return f.median(a) / f.median(b), f.median(a, "cpu") / f.median(b, "cpu")

    base = "loft-clean-t2"
    if f.has("duckdb-clean"):
        wall, cpu = ratio("duckdb-clean", base)
        target("DuckDB / Løft time, national clean", wall, cpu, "≥ 3.0", wall >= 3.0,
               "Løft --threads 2; above 1: Løft is faster")
    if f.has("polars-clean"):
        wall, cpu = ratio("polars-clean", base)
        target("Polars / Løft time, national clean", wall, cpu, "> 1.0", wall > 1.0)
    if f.has("loft-messy-t2"):
        wall, cpu = ratio("loft-messy-t2", base)
        target("messy / clean time", wall, cpu, "≤ 2.0", wall <= 2.0,
               f"messy is {inboxes['national-messy'][0] / inboxes['national-clean'][0]:.2f}× "
               "the bytes")
    if f.has("loft-x10-t2"):
        wall, cpu = ratio("loft-x10-t2", base)
        target("×10 / national time", wall, cpu, "≤ 10 (linear)", wall <= 10.0,
               f"{inboxes['x10-clean'][0] / inboxes['national-clean'][0]:.1f}× the bytes")
        rss = f.median("loft-x10-t2", "rss") / f.median(base, "rss")
        target("×10 / national peak RSS", rss, None, "≤ 1.5", rss <= 1.5)
    else:
        target("×10 / national time", None, None, "≤ 10 (linear)", None,
               "run without --skip-x10")
        target("×10 / national peak RSS", None, None, "≤ 1.5", None)
    rss = f.median(base, "rss")
    target("national peak RSS, MB (clean, --threads 2)", rss, None, "≤ 300", rss <= 300)
    if f.has("loft-messy-t2"):
        rss = f.median("loft-messy-t2", "rss")
        target("national peak RSS, MB (messy, --threads 2)", rss, None, "≤ 300", rss <= 300)
    wall, cpu = ratio("loft-clean-t1", base)
    target("threads 1 / threads 2 time", wall, cpu, "≥ 1.7", wall >= 1.7,
           "national clean; CPU: the cost of the second thread")
    if f.has("validate-micro-1gb-t2"):
        rss = f.median("validate-micro-1gb-t2", "rss")
        target("1 GB one-agency delivery, `loft validate` peak RSS, MB", rss, None, "< 300",
               rss < 300)
    say(table(["ratio", "wall", "CPU", "target", "", "note"], rows))
    say("")
    more = []
    t2 = f.median(base)
    if f.has("cat-national-clean"):
        more.append(f"Løft / `cat` floor: {t2 / f.median('cat-national-clean'):.1f}×")
    if f.has("zstd-national-clean"):
        more.append(f"Løft / `zstd -1 -T2` floor: {t2 / f.median('zstd-national-clean'):.1f}×")
    if f.has("duckdb-clean") and f.has("polars-clean"):
        more.append("peak RSS Løft / DuckDB / Polars: "
                    f"{f.median('loft-clean-t2', 'rss'):.0f} / "
                    f"{f.median('duckdb-clean', 'rss'):.0f} / "
                    f"{f.median('polars-clean', 'rss'):.0f} MB")
    if more:
        say("Also (national clean, medians): " + "; ".join(more) + ".\n")

    say("## Løft's stages\n")
    say("Seconds per stage from the run reports (`<output>/reports/*.json`, `timings`), the "
        "median over the runs; the rest of the wall time is process start, reading the "
        "definition, register and catalogue, and writing the report.\n")
    stages: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted((results / "reports").glob("loft-*.json")):
        label = path.stem.rsplit("-", 1)[0]
        for timing in json.loads(path.read_text())["timings"]:
            stages[label][timing["stage"]].append(timing["seconds"])
    names: list[str] = []
    for by_stage in stages.values():
        names += [s for s in by_stage if s not in names]
    labels = [label for label, _, _ in plan if label in stages]
    rows = []
    for name in names:
        row = [name]
        for label in labels:
            values = stages[label].get(name)
            if values:
                share = statistics.median(values) / f.median(label)
                row.append(f"{statistics.median(values):.2f} ({share:.0%})")
            else:
                row.append("—")
        rows.append(row)
    rows.append(["wall (measured)"] + [f"{f.median(label):.2f}" for label in labels])
    say(table(["stage"] + labels, rows))
    say("")

    micro = [name for name in ("micro-comma", "micro-semicolon", "micro-utf16", "micro-1gb")
             if name in inboxes]
    if micro:
        say("## Micro-benchmarks: reading and checking, per dialect\n")
        say("`loft validate` (every check, the fold into statistics states; nothing "
            "published) on inboxes of one dialect from `Benchmarks/micro/make_inbox.py`: 8 "
            "agencies, each an assessment file (¼ of the bytes) and a completion file (¾), "
            "every record valid. MB/s is file bytes (UTF-16 counts two bytes a character) "
            "over the median wall time, process start included. `micro-1gb` is one agency's "
            "delivery of about 1 GB (20 000 pseudonyms): a large agency, read in parts of its "
            "pseudonyms, its first reading checked in chunks on every thread (README, \"How a "
            "run reads and scales\").\n")
        rows = []
        for name in micro:
            size = inboxes[name][0]
            for threads in (1, 2):
                label = f"validate-{name}-t{threads}"
                if not f.has(label):
                    continue
                report = results / "reports" / f"{label}.json"
                accepted = rejected = "?"
                if report.exists():
                    totals = json.loads(report.read_text())["totals"]
                    accepted, rejected = totals["rowsAccepted"], totals["rowsRejected"]
                rows.append([name, str(threads), f"{size / MB:.0f}", f"{f.median(label):.2f}",
                             f.spread(label), f"{size / MB / f.median(label):.0f}",
                             f"{f.median(label, 'rss'):.0f}", f"{accepted:,}".replace(",", " "),
                             str(rejected)])
        say(table(["inbox", "threads", "MB", "s", "min–max s", "MB/s", "peak RSS MB",
                   "rows accepted", "rejected"], rows))
        say("")

    isolated = sorted((results / "micro").glob("*.tsv")) if (results / "micro").exists() else []
    if isolated:
        say("## Micro-benchmarks: the hot paths one by one\n")
        say("`loft-micro` (`Benchmarks/micro/loft-micro`, built with `LOFT_MICRO=1`) times each "
            "step alone, on one thread, in the same release build, with its inputs already in "
            "memory (the files read, or every agency's records folded, before any timing), "
            "and compares it with a baseline timed in the same run, round after round: "
            "`tokenize` (sniff, transcode, dialect, split into fields) against `floor-newlines` "
            "(one look at every byte); `validate` (and every record checked by its row "
            "validator) against `tokenize`; `merge` (two workers' statistics states, the even "
            "and the odd agencies) against `add` (the records added into those two states); "
            "`snapshot-write` (the statistic tables into the SQLite database, serialized) "
            "against `zstd-3` over the same database bytes. Median and fastest of the "
            "rounds; per item is per record (reading, `add`), per state cell (`merge`) or per "
            "table row (the rest).\n")
        rows = []
        for path in isolated:
            with open(path, newline="") as fh:
                lines = list(csv.DictReader(fh, delimiter="\t"))
            by_name = {line["name"]: line for line in lines}
            inbox = path.stem.split("-", 1)[1]
            for line in lines:
                median = float(line["median_s"])
                size, items = int(line["bytes"]), int(line["items"])
                base = by_name.get(line["baseline"])
                rows.append([
                    inbox, f"`{line['name']}`",
                    f"`{line['baseline']}`" if base else "",
                    f"{median:.3f}", f"{float(line['fastest_s']):.3f}",
                    f"{size / MB / median:.0f}" if size else "",
                    f"{median * 1e9 / items:.0f}" if items else "",
                    f"{median / float(base['median_s']):.2f}" if base else ""])
        say(table(["inbox", "step", "baseline", "s", "fastest s", "MB/s", "ns per item",
                   "× baseline"], rows, left=3))
        say("")

    # Where the time goes: measured by hand with perf, kept beside this script.
    profile = Path(__file__).resolve().parent / "PROFILE.md"
    if profile.exists():
        say(profile.read_text().rstrip() + "\n")

    print("\n".join(out))


if __name__ == "__main__":
    main()
