#!/usr/bin/env python3
"""An independent reference for Løft's statistics (SPEC §4), compared cell by cell.

    python3 Benchmarks/reference_check.py --pipeline DIR/pipeline.yaml \\
        --snapshot SNAPSHOT_FOLDER --as-of 2026-11-30 [--limit 5]
    python3 Benchmarks/reference_check.py --pipeline DIR/pipeline.yaml \\
        --snapshot SNAPSHOT_FOLDER --inputs-only

It shares no code with Løft. It reads a *clean* inbox itself (canonical UTF-8 CSV, plain or
`.zst`, as `Benchmarks/generate.py --clean` writes it; anything else stops it with exit 2),
folds the records as SPEC §3 and §1.3 say — each respondent (agency + pseudonym) once per
period with their latest row (latest date, then the later file in byte order of its path,
then the later line); completion rows into enrolments by agency, learner, course and
`enrolled_on` (status completed › failed › withdrawn › in_progress › enrolled, the earliest
`completed_on`, the largest `minutes_spent`) — and computes every table of SPEC §4 for every
grouping: exact integer and rational arithmetic for counts, means, variances and weighted
means; NumPy's linear percentile (type 7); SciPy's t quantile; Wilson with z = 1.959964.

Then, table by table, it compares with the snapshot: the same set of keys; for a published
row (`suppressed IS NULL`) every column — counts exactly, reals to 1e-9 (absolute or
relative) — except a `weighted_mean` that `_suppression` withholds with reason `weighted`;
for a suppressed row the counts Løft keeps (`n`, `learners`, `leaders`) and NULL in every
value column. `agency_benchmark` is computed over the agencies whose `maturity` agency row
the snapshot publishes (that set is Løft's decision). It also checks `_inputs` (every file
read, every row accepted) and a few disclosure invariants that need no audit: every cell
below k is suppressed, the dimensions of a maturity cell go together, and maturity_stage
follows its maturity row.

`--inputs-only` compares `_inputs` and the rejects file with the generator's
`expected/inputs.csv` and `expected/rejects.csv` instead: that works on messy inboxes too.

Prints a summary per table and exits 1 on any mismatch, 0 otherwise, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import date
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy import stats

Z = 1.959964
TOLERANCE = 1e-9
STATUS_RANK = {"enrolled": 0, "in_progress": 1, "withdrawn": 2, "failed": 3, "completed": 4}
ROLES = ("top_leader", "middle_manager", "team_leader", "other")
ASSESSMENT_GROUPINGS = ("national", "sector", "county", "size_class", "role", "agency")
COMPLETION_GROUPINGS = ("national", "sector", "county", "size_class", "agency")
WEIGHTED_GROUPINGS = ("national", "sector", "county", "size_class")


class Unsupported(Exception):
    """The inbox is not one this reference reads (it reads clean CSV only)."""


# MARK: - Definition, model, register, catalogue

def load_yaml(path: Path) -> dict:
    try:
        import yaml  # PyYAML, when present
    except ImportError:
        return mini_yaml(path.read_text(encoding="utf-8"))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def mini_yaml(text: str) -> dict:
    """Just enough YAML for a pipeline definition and the model, when PyYAML is absent:
    `key: value` at any indentation, flow mappings `{ a: b }` and lists `- {…}`."""
    def scalar(v: str):
        v = v.strip()
        if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
            return v[1:-1]
        if re.fullmatch(r"-?\d+", v):
            return int(v)
        if re.fullmatch(r"-?\d+\.\d*", v):
            return float(v)
        return v

    def flow(v: str):
        v = v.strip()
        if v.startswith("{") and v.endswith("}"):
            out = {}
            for part in split_top(v[1:-1]):
                if ":" in part:
                    k, _, val = part.partition(":")
                    out[scalar(k)] = flow(val)
            return out
        if v.startswith("[") and v.endswith("]"):
            return [flow(p) for p in split_top(v[1:-1]) if p.strip()]
        return scalar(v)

    def split_top(s: str) -> list[str]:
        parts, depth, cur, quote = [], 0, "", ""
        for ch in s:
            if quote:
                cur += ch
                if ch == quote:
                    quote = ""
                continue
            if ch in "\"'":
                quote = ch
            elif ch in "{[":
                depth += 1
            elif ch in "}]":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
                continue
            cur += ch
        if cur.strip():
            parts.append(cur)
        return parts

    lines = []
    buf = ""
    for raw in text.splitlines():
        line = re.sub(r"\s+#.*$", "", raw) if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        if buf:
            buf += " " + line.strip()
            if buf.count("{") == buf.count("}") and buf.count("[") == buf.count("]"):
                lines.append(buf)
                buf = ""
            continue
        if line.count("{") != line.count("}") or line.count("[") != line.count("]"):
            buf = line
            continue
        lines.append(line)
    root: dict = {}
    stack: list[tuple[int, object]] = [(-1, root)]
    pending: tuple[dict, str] | None = None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        while stack and indent <= stack[-1][0] and len(stack) > 1:
            stack.pop()
        parent = stack[-1][1]
        if pending is not None:
            holder, key = pending
            container: object = [] if body.startswith("- ") else {}
            holder[key] = container
            stack.append((indent - 1, container))
            parent = container
            pending = None
        if body.startswith("- "):
            assert isinstance(parent, list)
            parent.append(flow(body[2:]))
            continue
        key, _, value = body.partition(":")
        key = scalar(key)
        if value.strip() == "":
            pending = (parent, key)  # type: ignore[assignment]
        else:
            parent[key] = flow(value)  # type: ignore[index]
    return root


class Setup:
    def __init__(self, pipeline: Path) -> None:
        definition = load_yaml(pipeline)
        base = pipeline.resolve().parent
        self.inbox = (base / definition["inbox"]).resolve()
        self.register_path = (base / definition["register"]).resolve()
        self.catalogue_path = (base / definition["catalogue"]).resolve()
        self.output = (base / definition["output"]).resolve()
        self.model_path = (base / definition.get("model", "models/default.yaml")).resolve()
        self.period = definition.get("period", "year")
        self.k = int((definition.get("disclosure") or {}).get("k", 5))
        self.sources = [(s["kind"], s["format"], glob_regex(s["glob"]))
                        for s in definition["sources"]]
        model = load_yaml(self.model_path)
        maturity, competence = model["maturity"], model["competence"]
        self.dimensions = [d["code"] for d in maturity["dimensions"]]
        self.areas = [a["code"] for a in competence["areas"]]
        self.m_min, self.m_max = int(maturity["scale"]["min"]), int(maturity["scale"]["max"])
        self.c_min, self.c_max = int(competence["scale"]["min"]), int(competence["scale"]["max"])
        self.transformation_from = int(maturity["transformation_from"])
        self.agencies = {}
        with open(self.register_path, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                org = row["org_number"].replace(" ", "")
                self.agencies[org] = {
                    "name": row["name"], "sector": row["sector"], "county": row["county"],
                    "size_class": row["size_class"], "leaders": int(row["leader_count"])}
        with open(self.catalogue_path, encoding="utf-8-sig", newline="") as f:
            self.courses = {row["course_id"].strip() for row in csv.DictReader(f)}


def glob_regex(pattern: str) -> re.Pattern:
    """SPEC §1.1 globs: case-insensitive, `**/` zero or more folders, `*` within a name."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + r"\Z", re.IGNORECASE | re.DOTALL)


# MARK: - Reading the clean inbox

def period_of(d: date, kind: str) -> str:
    if kind == "half":
        return f"{d.year}-H{1 if d.month <= 6 else 2}"
    if kind == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    return str(d.year)


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if data[:4] == b"\x28\xb5\x2f\xfd":
        data = subprocess.run(["zstd", "-d", "-q", "-c"], input=data, capture_output=True,
                              check=True).stdout
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Unsupported(f"{path}: not UTF-8 ({e})") from None


def parse_day(text: str, where: str, as_of: date) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise Unsupported(f"{where}: date {text!r} is not YYYY-MM-DD")
    d = date.fromisoformat(text)
    if d > as_of:
        raise Unsupported(f"{where}: future date {text}")
    return d


def whole(text: str, low: int, high: int, where: str) -> int | None:
    if text == "":
        return None
    if not re.fullmatch(r"\d+", text) or not low <= int(text) <= high:
        raise Unsupported(f"{where}: value {text!r} outside {low}..{high}")
    return int(text)


class Inbox:
    """The accepted records of a clean inbox, folded."""

    def __init__(self, setup: Setup, as_of: date) -> None:
        self.setup = setup
        self.files: dict[str, int] = {}  # path → records read
        # (agency, respondent, period) → (date, file index, line, role, dims, areas)
        self.latest: dict[tuple[str, str, str], tuple] = {}
        # (agency, learner, course, enrolled_on) → [rank, completed_on, minutes]
        self.enrolments: dict[tuple[str, str, str, date], list] = {}
        self.assessment_periods: dict[str, set[str]] = defaultdict(set)  # period → agencies
        self.periods: set[str] = set()
        paths = sorted((p for p in setup.inbox.rglob("*") if p.is_file() or p.is_symlink()),
                       key=lambda p: p.relative_to(setup.inbox).as_posix().encode())
        for index, path in enumerate(paths):
            rel = path.relative_to(setup.inbox).as_posix()
            parts = rel.split("/")
            if len(parts) < 2 or parts[0] not in setup.agencies:
                raise Unsupported(f"{rel}: not inside a registered agency folder")
            below = "/".join(parts[1:])
            source = next(((k, f) for k, f, rx in setup.sources if rx.match(below)), None)
            if source is None:
                continue  # unmatched: counted by Løft, never read
            kind, fmt = source
            if fmt != "csv":
                raise Unsupported(f"{rel}: {fmt} deliveries are not read by this reference")
            self.read_csv(path, rel, parts[0], kind, index, as_of)

    def read_csv(self, path: Path, rel: str, org: str, kind: str, index: int,
                 as_of: date) -> None:
        setup = self.setup
        text = read_text(path)
        if "\r" in text:
            raise Unsupported(f"{rel}: not LF line ends")
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=",", strict=True)
        header = [h.strip().lower() for h in next(reader)]
        col = {h: i for i, h in enumerate(header)}
        if len(col) != len(header):
            raise Unsupported(f"{rel}: repeated column")
        seen: set[tuple] = set()
        count = 0
        for line_index, row in enumerate(reader):
            line = line_index + 2  # the header is line 1; no quoted newlines in clean data
            if not any(cell.strip() for cell in row):
                continue
            where = f"{rel}:{line}"
            if len(row) != len(header):
                raise Unsupported(f"{where}: {len(row)} fields, header has {len(header)}")
            row = [cell.strip() for cell in row]
            count += 1
            if "org_number" in col and row[col["org_number"]] not in ("", org):
                raise Unsupported(f"{where}: org number differs from the folder")
            if kind == "assessment":
                key = self.assessment(row, col, org, index, line, where, as_of)
            else:
                key = self.completion(row, col, org, where, as_of)
            if key in seen:
                raise Unsupported(f"{where}: duplicate record (a clean inbox has none)")
            seen.add(key)
        self.files[rel] = count

    def assessment(self, row, col, org, index, line, where, as_of) -> tuple:
        s = self.setup
        respondent, role = row[col["respondent_id"]], row[col["role"]]
        if not respondent or not role or not row[col["assessed_on"]]:
            raise Unsupported(f"{where}: an empty required column")
        if role not in ROLES:
            raise Unsupported(f"{where}: role {role!r}")
        day = parse_day(row[col["assessed_on"]], where, as_of)
        dims = tuple(whole(row[col[d]], s.m_min, s.m_max, where) if d in col else None
                     for d in s.dimensions)
        areas = tuple((whole(row[col[f"{a}_current"]], s.c_min, s.c_max, where)
                       if f"{a}_current" in col else None,
                       whole(row[col[f"{a}_target"]], s.c_min, s.c_max, where)
                       if f"{a}_target" in col else None) for a in s.areas)
        if all(v is None for v in dims) and all(c is None and t is None for c, t in areas):
            raise Unsupported(f"{where}: no answers")
        period = period_of(day, s.period)
        self.periods.add(period)
        self.assessment_periods[period].add(org)
        key = (org, respondent, period)
        candidate = (day, index, line, role, dims, areas)
        old = self.latest.get(key)
        if old is None or candidate[:3] > old[:3]:
            self.latest[key] = candidate
        return (respondent, day, role, dims, areas)

    def completion(self, row, col, org, where, as_of) -> tuple:
        s = self.setup
        learner, course = row[col["learner_id"]], row[col["course_id"]]
        status, enrolled = row[col["status"]], row[col["enrolled_on"]]
        if not learner or not course or not status or not enrolled:
            raise Unsupported(f"{where}: an empty required column")
        if course not in s.courses:
            raise Unsupported(f"{where}: unknown course {course!r}")
        if status not in STATUS_RANK:
            raise Unsupported(f"{where}: status {status!r}")
        enrolled_on = parse_day(enrolled, where, as_of)
        completed_on = None
        if status == "completed":
            text = row[col["completed_on"]] if "completed_on" in col else ""
            if not text:
                raise Unsupported(f"{where}: completed without completed_on")
            completed_on = parse_day(text, where, as_of)
            if completed_on < enrolled_on:
                raise Unsupported(f"{where}: completion before enrolment")
        minutes = None
        if "minutes_spent" in col and row[col["minutes_spent"]] != "":
            minutes = whole(row[col["minutes_spent"]], 0, 10 ** 12, where)
        self.periods.add(period_of(enrolled_on, s.period))
        key = (org, learner, course, enrolled_on)
        e = self.enrolments.get(key)
        if e is None:
            self.enrolments[key] = [STATUS_RANK[status], completed_on, minutes]
        else:
            e[0] = max(e[0], STATUS_RANK[status])
            if completed_on is not None and (e[1] is None or completed_on < e[1]):
                e[1] = completed_on
            if minutes is not None and (e[2] is None or minutes > e[2]):
                e[2] = minutes
        return (learner, course, status, enrolled_on, completed_on, minutes)


# MARK: - Statistics

def groups_of(setup: Setup, org: str, groupings, role: str | None = None):
    a = setup.agencies[org]
    for g in groupings:
        if g == "national":
            yield g, ""
        elif g == "role":
            yield g, role
        elif g == "agency":
            yield g, org
        else:
            yield g, a[g]


def real(x: Fraction | int) -> float:
    return float(Fraction(x))


def t975(df: int) -> float:
    return float(stats.t.ppf(0.975, df))


def type7(values: list) -> tuple[float, float, float]:
    q = np.percentile(np.asarray(values, dtype=np.float64), [25, 50, 75], method="linear")
    return float(q[0]), float(q[1]), float(q[2])


def describe(values: list[int], scale: int) -> dict:
    """n, mean, sd, ci95, quartiles of `values / scale` — exact integer moments, NumPy's
    type-7 quantiles, SciPy's t quantile."""
    n = len(values)
    total = sum(values)
    mean = Fraction(total, n * scale)
    out = {"n": n, "mean": real(mean), "sd": None, "ci95_low": None, "ci95_high": None}
    if n >= 2:
        squares = sum(v * v for v in values)
        var = Fraction(n * squares - total * total, n * (n - 1) * scale * scale)
        sd = math.sqrt(real(var))
        half = t975(n - 1) * sd / math.sqrt(n)
        out.update(sd=sd, ci95_low=real(mean) - half, ci95_high=real(mean) + half)
    out["p25"], out["median"], out["p75"] = type7([v / scale for v in values])
    return out


def wilson(successes: int, n: int) -> tuple[float, float]:
    p = successes / n
    z2 = Z * Z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return centre - half, centre + half


def compute(setup: Setup, inbox: Inbox) -> dict[str, dict[tuple, dict]]:
    tables: dict[str, dict[tuple, dict]] = {t: {} for t in (
        "maturity", "maturity_stage", "competence_gap", "course_completion", "reach",
        "coverage")}
    dims = setup.dimensions
    scale = math.lcm(*range(1, len(dims) + 1))  # every respondent's overall mean × scale is whole
    tf = setup.transformation_from * scale
    # -- Assessments: cell → dimension → agency → list of values × scale (integers).
    cells: dict[tuple, dict[str, dict[str, list]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    gaps: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    respondents: dict[tuple, int] = defaultdict(int)
    for (org, _, period), (_, _, _, role, values, areas) in inbox.latest.items():
        answered = [v for v in values if v is not None]
        for g, key in groups_of(setup, org, ASSESSMENT_GROUPINGS, role):
            cell = (period, g, key)
            if g != "role":
                respondents[cell] += 1
            for d, v in zip(dims, values):
                if v is not None:
                    cells[cell][d][org].append(v * scale)
            if answered:
                cells[cell]["overall"][org].append(sum(answered) * scale // len(answered))
            for area, (c, t) in zip(setup.areas, areas):
                if c is not None and t is not None:
                    gaps[cell][area].append((c, t))
    for cell, by_dim in cells.items():
        period, g, key = cell
        for d in dims + ["overall"]:
            per_agency = by_dim.get(d)
            if not per_agency:
                continue
            values = [v for org in sorted(per_agency) for v in per_agency[org]]
            row = describe(values, scale)
            n = row["n"]
            row["share_transforming"] = sum(1 for v in values if v >= tf) / n
            row["weighted_mean"] = None
            if g in WEIGHTED_GROUPINGS:
                num = sum((Fraction(setup.agencies[o]["leaders"] * sum(vs), len(vs))
                           for o, vs in per_agency.items()), Fraction(0))
                den = sum(setup.agencies[o]["leaders"] for o in per_agency) * scale
                row["weighted_mean"] = real(num / den)
            tables["maturity"][(period, g, key, d)] = row
            if d == "overall":
                continue
            histogram = defaultdict(int)
            for v in values:
                histogram[v // scale] += 1
            for stage in range(setup.m_min, setup.m_max + 1):
                count = histogram[stage]
                tables["maturity_stage"][(period, g, key, d, str(stage))] = {
                    "count": count, "share": count / n}
    for cell, by_area in gaps.items():
        period, g, key = cell
        for area, pairs in by_area.items():
            n = len(pairs)
            cur = sum(c for c, _ in pairs)
            tgt = sum(t for _, t in pairs)
            tables["competence_gap"][(period, g, key, area)] = {
                "n": n, "mean_current": cur / n, "mean_target": tgt / n,
                "mean_gap": real(Fraction(tgt - cur, n)),
                "share_below_target": sum(1 for c, t in pairs if c < t) / n}
    # -- Completions. A learner is agency + pseudonym, so the distinct learners of a group
    #    are the disjoint union of its agencies' learners: count per agency, then add up.
    per_course: dict[tuple, dict] = defaultdict(
        lambda: {"learners": set(), "completed": set(), "days": [], "minutes": 0})
    per_agency: dict[tuple, dict] = defaultdict(lambda: {"learners": set(), "completers": set()})
    for (org, learner, course, enrolled_on), (rank, completed_on, minutes) in \
            inbox.enrolments.items():
        period = period_of(enrolled_on, setup.period)
        c = per_course[(period, org, course)]
        a = per_agency[(period, org)]
        c["learners"].add(learner)
        a["learners"].add(learner)
        c["minutes"] += minutes or 0
        if rank == STATUS_RANK["completed"]:
            c["completed"].add(learner)
            c["days"].append((completed_on - enrolled_on).days)
            a["completers"].add(learner)
    course_cells: dict[tuple, list] = defaultdict(lambda: [0, 0, [], 0])
    for (period, org, course), c in per_course.items():
        for g, key in groups_of(setup, org, COMPLETION_GROUPINGS):
            cell = course_cells[(period, g, key, course)]
            cell[0] += len(c["learners"])
            cell[1] += len(c["completed"])
            cell[2].extend(c["days"])
            cell[3] += c["minutes"]
    for key, (n, k, days, minutes) in course_cells.items():
        low, high = wilson(k, n)
        tables["course_completion"][key] = {
            "learners": n, "completed": k, "completion_rate": k / n, "ci95_low": low,
            "ci95_high": high,
            "median_days_to_complete": float(np.percentile(
                np.asarray(days, dtype=np.float64), 50, method="linear")) if days else None,
            "minutes_total": minutes}
    reach_cells: dict[tuple, list] = defaultdict(lambda: [0, 0, 0])
    for (period, org), a in per_agency.items():
        for g, key in groups_of(setup, org, COMPLETION_GROUPINGS):
            cell = reach_cells[(period, g, key)]
            cell[0] += setup.agencies[org]["leaders"]  # the agency delivered for the period
            cell[1] += len(a["learners"])
            cell[2] += len(a["completers"])
    for key, (leaders, learners, completers) in reach_cells.items():
        tables["reach"][key] = {"leaders": leaders, "learners": learners,
                                "completers": completers,
                                "reach": min(1.0, completers / leaders)}
    # -- Coverage: every group of the register, every period with an accepted record.
    registered: dict[tuple, list[str]] = defaultdict(list)
    for org in setup.agencies:
        for g, key in groups_of(setup, org, COMPLETION_GROUPINGS):
            registered[(g, key)].append(org)
    for period in inbox.periods:
        delivered = inbox.assessment_periods.get(period, set())
        for (g, key), orgs in registered.items():
            leaders = sum(setup.agencies[o]["leaders"] for o in orgs)
            n = respondents.get((period, g, key), 0)
            tables["coverage"][(period, g, key)] = {
                "agencies_registered": len(orgs),
                "agencies_delivered": sum(1 for o in orgs if o in delivered),
                "respondents": n, "leaders": leaders, "response_rate": n / leaders}
    return tables


def benchmark(setup: Setup, inbox: Inbox, published: set[tuple[str, str, str]]) -> dict:
    """agency_benchmark over the agencies whose maturity agency row is published."""
    scale = math.lcm(*range(1, len(setup.dimensions) + 1))
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for (org, _, period), (_, _, _, _, dims, _) in inbox.latest.items():
        answered = [v for v in dims if v is not None]
        for d, v in zip(setup.dimensions, dims):
            if v is not None:
                acc = sums[(period, org, d)]
                acc[0] += v * scale
                acc[1] += 1
        if answered:
            acc = sums[(period, org, "overall")]
            acc[0] += sum(answered) * scale // len(answered)
            acc[1] += 1
    means = {key: (n, Fraction(total, n * scale)) for key, (total, n) in sums.items()}
    peers: dict[tuple[str, str, str], list[Fraction]] = defaultdict(list)
    for (period, org, d) in published:
        if (period, org, d) in means:
            peers[(period, setup.agencies[org]["sector"], d)].append(means[(period, org, d)][1])
    out = {}
    for (period, org, d) in published:
        if (period, org, d) not in means:
            continue
        n, mean = means[(period, org, d)]
        sector = setup.agencies[org]["sector"]
        group = peers[(period, sector, d)]
        lower = sum(1 for m in group if m < mean)
        equal = sum(1 for m in group if m == mean)
        out[(period, org, d)] = {
            "name": setup.agencies[org]["name"], "sector": sector, "n": n, "mean": real(mean),
            "percentile_in_sector": real(Fraction(100) * (lower + Fraction(equal, 2)) / len(group))}
    return out


# MARK: - Comparing with the snapshot

KEYS = {
    "maturity": ("period", "grouping", "group_key", "dimension"),
    "maturity_stage": ("period", "grouping", "group_key", "dimension", "stage"),
    "competence_gap": ("period", "grouping", "group_key", "area"),
    "course_completion": ("period", "grouping", "group_key", "course_id"),
    "reach": ("period", "grouping", "group_key"),
    "coverage": ("period", "grouping", "group_key"),
    "agency_benchmark": ("period", "org_number", "dimension"),
}
KEPT_COUNTS = {"maturity": ("n",), "competence_gap": ("n",), "course_completion": ("learners",),
               "reach": ("leaders", "learners"), "maturity_stage": ()}
COUNT_COLUMNS = {"n", "count", "learners", "completed", "minutes_total", "leaders",
                 "completers", "agencies_registered", "agencies_delivered", "respondents"}
ITEM = {"maturity": "dimension", "maturity_stage": "dimension", "competence_gap": "area",
        "course_completion": "course_id", "reach": None}


def close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE or abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


class Report:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.failed = False
        self.lines: list[str] = []

    def table(self, name: str, compared: int, problems: list[str], note: str = "",
              warnings: list[str] = ()) -> None:
        status = "ok" if not problems else f"{len(problems)} MISMATCHES"
        extra = f" ({note})" if note else ""
        self.lines.append(f"{name:<18} {compared:>8} rows compared: {status}{extra}")
        for w in warnings:
            self.lines.append(f"    note: {w}")
        for p in problems[: self.limit]:
            self.lines.append(f"    {p}")
        if len(problems) > self.limit:
            self.lines.append(f"    … and {len(problems) - self.limit} more")
        if problems:
            self.failed = True

    def print(self) -> None:
        print("\n".join(self.lines))


def open_snapshot(folder: Path, scratch: Path) -> sqlite3.Connection:
    source = folder / "snapshot.sqlite.zst"
    if not source.exists():
        raise SystemExit(f"reference_check: no snapshot.sqlite.zst in {folder}")
    target = scratch / "snapshot.sqlite"
    with open(target, "wb") as out:
        subprocess.run(["zstd", "-d", "-q", "-c", str(source)], stdout=out, check=True)
    db = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    return db


def snapshot_rows(db: sqlite3.Connection, table: str) -> tuple[list[str], dict[tuple, dict]]:
    columns = [r["name"] for r in db.execute(f"PRAGMA table_info({table})")]
    rows = {}
    for r in db.execute(f"SELECT * FROM {table}"):
        row = dict(r)
        key = tuple(row[k] for k in KEYS[table])
        rows[key] = row
    return columns, rows


def fmt_key(table: str, key: tuple) -> str:
    return table + "[" + ", ".join(f"{k}={v!r}" for k, v in zip(KEYS[table], key)) + "]"


def compare_table(report: Report, table: str, mine: dict[tuple, dict], db: sqlite3.Connection,
                  weighted: set[tuple], k: int, strict_types: bool) -> dict[tuple, dict]:
    columns, theirs = snapshot_rows(db, table)
    problems: list[str] = []
    keys = KEYS[table]
    notes = []
    for i, name in enumerate(keys):
        types = sorted({type(key[i]).__name__ for key in theirs} - {"str"})
        if types:
            note = (f"{table}.{name}: a key stored as {', '.join(types)}, not TEXT "
                    "(SPEC §4: keys are TEXT)")
            (problems if strict_types else notes).append(note)
    str_theirs = {tuple(str(v) for v in key): row for key, row in theirs.items()}
    missing = sorted(set(mine) - set(str_theirs))
    extra = sorted(set(str_theirs) - set(mine))
    for key in missing:
        problems.append(f"{fmt_key(table, key)}: missing in Løft (reference: "
                        f"{short(mine[key])})")
    for key in extra:
        problems.append(f"{fmt_key(table, key)}: only in Løft ({short(str_theirs[key])})")
    value_columns = [c for c in columns if c not in keys and c != "suppressed"]
    unknown = [c for c in value_columns if c not in next(iter(mine.values()), {})] if mine else []
    for c in unknown:
        problems.append(f"{table}.{c}: a column the reference does not know")
    compared = 0
    suppressed_rows = 0
    for key in sorted(set(mine) & set(str_theirs)):
        ref, row = mine[key], str_theirs[key]
        compared += 1
        where = fmt_key(table, key)
        suppressed = row.get("suppressed") if "suppressed" in columns else None
        if suppressed is not None:
            suppressed_rows += 1
            kept = KEPT_COUNTS.get(table, ())
            for c in value_columns:
                if c in kept:
                    if row[c] != ref.get(c):
                        problems.append(f"{where}.{c} (suppressed {suppressed}): Løft "
                                        f"{row[c]!r}, reference {ref.get(c)!r}")
                elif row[c] is not None:
                    problems.append(f"{where}.{c}: suppressed ({suppressed}) but published "
                                    f"as {row[c]!r}")
            continue
        for c in value_columns:
            if c not in ref:
                continue
            a, b = row[c], ref[c]
            if isinstance(b, str) or isinstance(a, str):
                if a != b:
                    problems.append(f"{where}.{c}: Løft {a!r}, reference {b!r}")
            elif c in COUNT_COLUMNS:
                if a is not None and not isinstance(a, int):
                    problems.append(f"{where}.{c}: a count stored as {type(a).__name__}")
                if a != b:
                    problems.append(f"{where}.{c}: Løft {a!r}, reference {b!r}")
            elif a is None or b is None:
                if a is None and b is not None and c == "weighted_mean" and \
                        (key[0], key[1], key[2], key[3]) in weighted:
                    continue  # withheld by the weighted_mean elimination (§5)
                if a is not b:
                    problems.append(f"{where}.{c}: Løft {a!r}, reference {b!r}")
            elif not close(float(a), float(b)):
                problems.append(f"{where}.{c}: Løft {a!r}, reference {b!r} "
                                f"(difference {float(a) - float(b):.3g})")
        # Primary suppression is checkable from outside: a published count must reach k.
        for c in KEPT_COUNTS.get(table, ())[:1] if table != "reach" else ("learners",):
            if c in row and row[c] is not None and row[c] < k:
                problems.append(f"{where}: published with {c} = {row[c]} < k = {k}")
    report.table(table, compared, problems,
                 f"{suppressed_rows} suppressed" if "suppressed" in columns else "", notes)
    return str_theirs


def short(row: dict) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in list(row.items())[:4] if k not in (
        "period", "grouping", "group_key"))


def exposure_check(report: Report, setup: Setup, seen: dict[str, dict[tuple, dict]],
                   strict: bool) -> None:
    """SPEC §5's necessary condition: no published cell may have exactly one suppressed cell
    among the cells that partition it (national = Σ sectors = Σ counties = Σ size classes =
    Σ roles = Σ agencies; a sector, county or size class = Σ its agencies), or that one is
    parent − Σ the others. Cells without contributors are known (empty), not unknowns.
    Not sufficient (two suppressed cells can still be solved together): an audit, not this."""
    problems = []
    parts = 0
    for table, item_at, item_name in (("maturity", 3, "dimension"),
                                      ("competence_gap", 3, "area"),
                                      ("course_completion", 3, "course_id"), ("reach", None, "")):
        rows = seen[table]
        children: dict[tuple, list[tuple]] = defaultdict(list)  # parent + partition → cells
        for key, row in rows.items():
            period, g, gk = key[:3]
            item = key[item_at] if item_at is not None else ""
            if g == "national":
                continue
            children[(period, "national", "", item, g)].append((key, row))
            if g == "agency":
                a = setup.agencies.get(gk)
                if a is None:
                    continue
                for pg in ("sector", "county", "size_class"):
                    children[(period, pg, a[pg], item, g)].append((key, row))
        for (period, pg, pk, item, g), cells in sorted(children.items()):
            parent_key = (period, pg, pk) + ((item,) if item_at is not None else ())
            parent = rows.get(parent_key)
            if parent is None or parent["suppressed"] is not None:
                continue
            parts += 1
            hidden = [(key, row) for key, row in cells if row["suppressed"] is not None]
            if len(hidden) == 1:
                (key, row), = hidden
                problems.append(
                    f"{table}: {dict(zip(KEYS[table], key))} is the only suppressed "
                    f"{g} cell inside the published {pg} {pk!r} ({item_name} {item!r}, "
                    f"period {period}): its values are the {pg} cell minus "
                    f"{len(cells) - 1} published ones")
    report.lines.append(f"{'exposure':<18} {parts:>8} partitions checked: "
                        + ("ok" if not problems else
                           f"{len(problems)} with exactly one suppressed cell (SPEC §5)"
                           + ("" if strict else " — a warning; --strict-disclosure fails")))
    for p in problems[: report.limit]:
        report.lines.append(f"    {p}")
    if len(problems) > report.limit:
        report.lines.append(f"    … and {len(problems) - report.limit} more")
    if problems and strict:
        report.failed = True


def disclosure_checks(report: Report, maturity: dict[tuple, dict],
                      stages: dict[tuple, dict]) -> None:
    problems = []
    by_cell: dict[tuple, set] = defaultdict(set)
    for (period, g, key, d), row in maturity.items():
        by_cell[(period, g, key)].add(row["suppressed"] is not None)
    for cell, states in sorted(by_cell.items()):
        if len(states) > 1:
            problems.append(f"maturity cell {cell}: suppressed in some dimensions, not in others")
    for (period, g, key, d, stage), row in stages.items():
        parent = maturity.get((period, g, key, d))
        if parent is None:
            problems.append(f"maturity_stage {(period, g, key, d, stage)}: no maturity row")
        elif (parent["suppressed"] is None) != (row["suppressed"] is None):
            problems.append(f"maturity_stage {(period, g, key, d, stage)}: suppressed "
                            f"{row['suppressed']!r}, its maturity row {parent['suppressed']!r}")
    report.table("disclosure", len(by_cell), problems, "cells tied across dimensions")


def inputs_check(report: Report, db: sqlite3.Connection, inbox: Inbox) -> None:
    problems = []
    rows = {r["path"]: dict(r) for r in db.execute("SELECT * FROM _inputs")}
    for path, count in sorted(inbox.files.items()):
        r = rows.get(path)
        if r is None:
            problems.append(f"_inputs: no row for {path}")
            continue
        want = ("read", count, count, 0, 0)
        got = (r["status"], r["rows_read"], r["rows_accepted"], r["rows_rejected"],
               r["rows_duplicate"])
        if got != want:
            problems.append(f"_inputs[{path}]: (status, read, accepted, rejected, duplicate) "
                            f"Løft {got}, reference {want}")
    report.table("_inputs", len(inbox.files), problems)


def expected_check(report: Report, db: sqlite3.Connection, setup: Setup, folder: Path,
                   snapshot: Path) -> None:
    """Compare `_inputs` and the rejects file with the generator's plan (messy inboxes)."""
    expected = folder / "expected" / "inputs.csv"
    if not expected.exists():
        raise SystemExit(f"reference_check: {expected} not found (made by generate.py)")
    problems = []
    rows = {r["path"]: dict(r) for r in db.execute("SELECT * FROM _inputs")}
    with open(expected, encoding="utf-8", newline="") as f:
        plan = list(csv.DictReader(f))
    for p in plan:
        r = rows.get(p["path"])
        want = ("read", p["kind"], p["format"], int(p["rows_read"]), int(p["rows_accepted"]),
                int(p["rows_rejected"]), int(p["rows_duplicate"]))
        if r is None:
            problems.append(f"_inputs: no row for {p['path']}")
            continue
        got = (r["status"], r["kind"], r["format"], r["rows_read"], r["rows_accepted"],
               r["rows_rejected"], r["rows_duplicate"])
        if got != want:
            problems.append(f"_inputs[{p['path']}]: (status, kind, format, read, accepted, "
                            f"rejected, duplicate) Løft {got}, planned {want}"
                            + (f", reason {r['reason']}" if r.get("reason") else ""))
    for path in sorted(set(rows) - {p["path"] for p in plan}):
        problems.append(f"_inputs[{path}]: a file the generator did not write")
    report.table("_inputs", len(plan), problems, "against expected/inputs.csv")
    rejects = setup.output / "rejects" / f"{snapshot.name}.csv"
    problems = []
    got: dict[tuple[str, str], int] = defaultdict(int)
    if rejects.exists():
        with open(rejects, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                got[(r["file"], r["reason"])] += 1
    want: dict[tuple[str, str], int] = {}
    with open(folder / "expected" / "rejects.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            want[(r["path"], r["reason"])] = int(r["count"])
    for key in sorted(set(got) | set(want)):
        if got.get(key, 0) != want.get(key, 0):
            problems.append(f"rejects {key}: Løft {got.get(key, 0)}, planned {want.get(key, 0)}")
    report.table("rejects", sum(want.values()), problems, f"by file and reason, {rejects.name}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pipeline", required=True, type=Path)
    p.add_argument("--snapshot", required=True, type=Path, help="a snapshot folder")
    p.add_argument("--as-of", default="2026-11-30", help="the run's as-of date")
    p.add_argument("--limit", type=int, default=5, help="mismatches shown per table")
    p.add_argument("--strict-types", action="store_true",
                   help="a key column that is not TEXT is a mismatch (else a note)")
    p.add_argument("--strict-disclosure", action="store_true",
                   help="a cell exposed by one partition is a mismatch (else a warning)")
    p.add_argument("--no-inputs", action="store_true",
                   help="skip the _inputs check: the snapshot is of another inbox with the same "
                        "accepted records (generate.py --twin)")
    p.add_argument("--inputs-only", action="store_true",
                   help="compare _inputs and rejects with the generator's expected/ only")
    args = p.parse_args()
    setup = Setup(args.pipeline)
    report = Report(args.limit)
    with tempfile.TemporaryDirectory(prefix="loft-reference-") as scratch:
        db = open_snapshot(args.snapshot.resolve(), Path(scratch))
        if args.inputs_only:
            expected_check(report, db, setup, args.pipeline.resolve().parent,
                           args.snapshot.resolve())
            report.print()
            return 1 if report.failed else 0
        try:
            inbox = Inbox(setup, date.fromisoformat(args.as_of))
        except Unsupported as e:
            print(f"reference_check: this reference reads clean inboxes only: {e}",
                  file=sys.stderr)
            return 2
        print(f"reference: {len(inbox.files)} files, {len(inbox.latest)} respondent-periods, "
              f"{len(inbox.enrolments)} enrolments, periods {', '.join(sorted(inbox.periods))}")
        tables = compute(setup, inbox)
        weighted = {(r["period"], r["grouping"], r["group_key"], r["item"]) for r in db.execute(
            "SELECT * FROM _suppression WHERE reason = 'weighted' AND \"table\" = 'maturity'")}
        if not args.no_inputs:
            inputs_check(report, db, inbox)
        seen = {}
        for table in ("maturity", "maturity_stage", "competence_gap", "course_completion",
                      "reach", "coverage"):
            seen[table] = compare_table(report, table, tables[table], db, weighted, setup.k,
                                        args.strict_types)
        published = {(period, key, d) for (period, g, key, d), row in seen["maturity"].items()
                     if g == "agency" and row["suppressed"] is None}
        compare_table(report, "agency_benchmark", benchmark(setup, inbox, published), db,
                      weighted, setup.k, args.strict_types)
        disclosure_checks(report, seen["maturity"], seen["maturity_stage"])
        exposure_check(report, setup, seen, args.strict_disclosure)
    report.print()
    print("reference check: " + ("MISMATCH" if report.failed else "every cell matches"))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
