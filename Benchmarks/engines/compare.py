#!/usr/bin/env python3
"""Checks that the engines computed what Løft computed: the same keys and values.

    python3 Benchmarks/engines/compare.py --snapshot SNAPSHOT_FOLDER ENGINE_OUT_FOLDER...

Reads the sector rows of Løft's `maturity`, `competence_gap` and `course_completion` from the
snapshot (`snapshot.sqlite.zst`, decompressed with the zstd tool into a temporary file) and
compares every engine's maturity.csv, competence_gap.csv and completion.csv with them: the
same (year, sector, item) keys; counts exactly; means to 1e-9. Values Løft suppressed (NULL)
are skipped, its counts are not. Prints one line per engine and table; exits 1 on a mismatch.
Standard library only (run it with any python3).
"""

import argparse
import csv
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

TABLES = {
    # engine file: (SQL over the snapshot, key columns, count columns, real columns)
    "maturity.csv": (
        "SELECT period AS year, group_key AS sector, dimension, n, mean FROM maturity "
        "WHERE grouping = 'sector' AND dimension <> 'overall'",
        ("year", "sector", "dimension"), ("n",), ("mean",)),
    "competence_gap.csv": (
        "SELECT period AS year, group_key AS sector, area, n, mean_current, mean_target, "
        "mean_gap FROM competence_gap WHERE grouping = 'sector'",
        ("year", "sector", "area"), ("n",), ("mean_current", "mean_target", "mean_gap")),
    "completion.csv": (
        "SELECT period AS year, course_id AS course, group_key AS sector, learners, completed "
        "FROM course_completion WHERE grouping = 'sector'",
        ("year", "course", "sector"), ("learners", "completed"), ()),
}


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--snapshot", required=True)
    p.add_argument("engines", nargs="+")
    args = p.parse_args()
    with tempfile.NamedTemporaryFile(suffix=".sqlite") as db:
        subprocess.run(["zstd", "-d", "-q", "-f", "-o", db.name,
                        str(Path(args.snapshot) / "snapshot.sqlite.zst")], check=True)
        con = sqlite3.connect(db.name)
        con.row_factory = sqlite3.Row
        loft = {name: {tuple(str(r[k]) for k in keys): dict(r) for r in con.execute(sql)}
                for name, (sql, keys, _, _) in TABLES.items()}
    status = 0
    for folder in args.engines:
        for name, (_, keys, counts, reals) in TABLES.items():
            with open(Path(folder) / name, newline="", encoding="utf-8") as f:
                rows = {tuple(r[k] for k in keys): r for r in csv.DictReader(f)}
            expected = loft[name]
            problems = []
            if rows.keys() != expected.keys():
                problems.append(f"keys differ: {len(rows.keys() - expected.keys())} only in "
                                f"the engine, {len(expected.keys() - rows.keys())} only in Løft")
            for key in rows.keys() & expected.keys():
                mine, theirs = rows[key], expected[key]
                for c in counts:
                    if theirs[c] is not None and int(mine[c]) != theirs[c]:
                        problems.append(f"{key} {c}: {mine[c]} vs Løft {theirs[c]}")
                for c in reals:
                    if theirs[c] is not None and not close(float(mine[c]), theirs[c]):
                        problems.append(f"{key} {c}: {mine[c]} vs Løft {theirs[c]}")
            verdict = "same as Løft" if not problems else f"{len(problems)} differences"
            print(f"compare: {Path(folder).name}/{name}: {len(rows)} rows, {verdict}")
            for line in problems[:5]:
                print(f"  {line}")
            status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
