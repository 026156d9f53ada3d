"""The CSV files of a clean inbox from Benchmarks/generate.py, grouped by header.

Agencies write `org_number` or leave it out, so the files have two layouts per kind. Reading
each file's first line and giving each engine the layout of each group is what a careful user
does: DuckDB's `union_by_name` sniffs every one of the ~6 500 files instead (minutes), and
Polars would otherwise need one scan per file. The listing is part of the timed work.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path


def files_by_header(inbox: Path) -> dict[str, dict[tuple[str, ...], list[str]]]:
    """kind (`assessment`, `completion`) → header columns → absolute paths, each list in
    byte order of the path below the inbox (the order Løft gives same-day answers)."""
    groups: dict[str, dict[tuple[str, ...], list[str]]] = {
        "assessment": defaultdict(list), "completion": defaultdict(list)}
    paths = sorted((p for p in inbox.rglob("*.csv") if p.is_file()),
                   key=lambda p: p.relative_to(inbox).as_posix().encode())
    for path in paths:
        kind = "assessment" if path.name.startswith("assessment") else \
            "completion" if path.name.startswith("completion") else None
        if kind is None:
            continue
        with open(path, "rb") as f:
            header = tuple(f.readline().decode("utf-8").strip().split(","))
        groups[kind][header].append(str(path))
    return groups
