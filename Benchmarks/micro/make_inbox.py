#!/usr/bin/env python3
"""Single-dialect inboxes of a given size, streamed to disk, for the micro-benchmarks.

    python3 Benchmarks/micro/make_inbox.py --out DIR --dialect comma|semicolon|utf16
                                           --mb 200 [--agencies 8] [--seed 1]

Writes DIR/reference (the register and catalogue, from Benchmarks/generate.py),
DIR/pipeline.yaml and DIR/inbox/<org>/assessment-2026.csv and completion-2026.csv per agency,
about a quarter of the bytes assessments and three quarters completions, `--mb` megabytes
(10^6 bytes) in all, every file in one dialect:
- comma: UTF-8, `,`, LF, English headers and words, ISO dates (generate.py --clean);
- semicolon: Windows-1252, `;`, CRLF, Norwegian headers and words (påmeldt, fullført),
  DD.MM.YYYY dates, decimal comma in `ledelse` — Norwegian Excel's "CSV (semikolondelt)";
- utf16: UTF-16 LE with BOM, tab, CRLF, Norwegian headers and words, DD.MM.YYYY.
Every record is valid (a few hundred repeat an earlier row by chance: Løft counts them as
duplicates, not rejects). Respondents and learners are drawn from `--learners` pseudonyms per
agency (default 5000): respondents answer many times (the latest per year counts, so that
state stays at pseudonyms × years), while enrolments (learner, course, day over five years)
are nearly all distinct, so they grow with the bytes as in a real export; an enrolment is 1–3
event rows (enrolled; in progress; completed, failed or withdrawn).
`--agencies 1` makes the one-agency delivery of the 1 GB memory check. Python 3.11 standard
library only; a few MB of memory whatever `--mb`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import generate as g  # noqa: E402  (the national generator: register, catalogue, headers)

DIALECTS = {"comma": g.CANONICAL, "semicolon": g.EXCEL_NB, "utf16": g.UTF16_TAB}
FIRST = date(2022, 1, 3).toordinal()
LAST = date(2026, 10, 31).toordinal()


def agencies(n: int, seed: int) -> list[g.Agency]:
    r = Random(f"micro:{seed}:agencies")
    taken: set[str] = set()
    out = []
    for i in range(n):
        out.append(g.Agency(g.new_org(r, taken, "9"), f"Mikro kommune {i + 1}", "municipality",
                            list(g.COUNTIES)[i % len(g.COUNTIES)],
                            leaders=5000))
    out.sort(key=lambda a: a.org)
    return out


class Writer:
    """Writes rows in a dialect, in chunks, counting the bytes."""

    def __init__(self, path: Path, dialect: g.Dialect, header: list[str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = open(path, "wb")
        self.dialect = dialect
        self.bytes = 0
        self.rows: list[str] = []
        if dialect.encoding == "utf-16":
            self._write_raw(b"\xff\xfe")
        self.row(header)

    def _write_raw(self, data: bytes) -> None:
        self.file.write(data)
        self.bytes += len(data)

    def row(self, cells: list[str]) -> None:
        self.rows.append(self.dialect.delimiter.join(cells))
        if len(self.rows) >= 4096:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            nl = self.dialect.newline
            text = nl.join(self.rows) + nl
            enc = "utf-16-le" if self.dialect.encoding == "utf-16" else self.dialect.encoding
            self._write_raw(text.encode(enc))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.file.close()


def assessments(w: Writer, a: g.Agency, budget: int, r: Random, days: dict[int, str],
                roles: dict[str, str]) -> None:
    people = [(f"r{r.getrandbits(48):012x}", r.choice(g.ROLES)) for _ in range(a.leaders)]
    comma = w.dialect.decimal_comma != ()
    while w.bytes < budget:
        respondent, role = people[int(r.random() * len(people))]
        day = FIRST + int(r.random() * (LAST - FIRST))
        base = 2 + int(r.random() * 3)
        dims = [str(min(6, max(1, base + int(r.random() * 3) - 1))) for _ in range(4)]
        if comma:
            dims[3] += ",0"
        areas = []
        for _ in range(5):
            cur = 1 + int(r.random() * 6)
            areas += [str(cur), str(min(8, cur + int(r.random() * 3)))]
        w.row([respondent, days[day], roles[role]] + dims + areas)


def completions(w: Writer, a: g.Agency, budget: int, r: Random, days: dict[int, str],
                words: dict[str, str], courses: list[g.Course]) -> None:
    learners = [f"l{r.getrandbits(48):012x}" for _ in range(a.leaders)]
    ids = [c.course_id for c in courses]
    while w.bytes < budget:
        learner = learners[int(r.random() * len(learners))]
        course = ids[int(r.random() * len(ids))]
        enrolled = FIRST + int(r.random() * (LAST - FIRST - 20))
        start = days[enrolled]
        w.row([learner, course, words["enrolled"], start, "", ""])
        u = r.random()
        if u < 0.1:
            continue
        minutes = 5 + int(r.random() * 60)
        w.row([learner, course, words["in_progress"], start, "", str(minutes)])
        if u < 0.3:
            continue
        done = enrolled + 1 + int(r.random() * 19)
        status = "completed" if u < 0.85 else "failed" if u < 0.9 else "withdrawn"
        w.row([learner, course, words[status], start,
               days[done] if status == "completed" else "", str(minutes + 30)])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--dialect", choices=sorted(DIALECTS), required=True)
    p.add_argument("--mb", type=float, required=True, help="megabytes (10^6) in all")
    p.add_argument("--agencies", type=int, default=8)
    p.add_argument("--learners", type=int, default=5000, help="pseudonyms per agency")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    out = Path(args.out).resolve()
    dialect = DIALECTS[args.dialect]
    out.mkdir(parents=True, exist_ok=True)
    for sub in ("inbox", "reference"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    listed = agencies(args.agencies, args.seed)
    for a in listed:
        a.leaders = args.learners
    courses = g.make_courses(g.Seeds(args.seed))
    g.write_reference(out / "reference", listed, courses)
    days = g.DAYS.table(dialect)
    roles = g.ROLE_NB if dialect.words == "nb" else {x: x for x in g.ROLES}
    words = g.STATUS_NB if dialect.words == "nb" else {s: s for s in g.STATUSES}
    per_agency = int(args.mb * 1e6 / len(listed))
    a_cols = [c for c in g.ASSESSMENT_COLUMNS if c != "org_number"]
    c_cols = [c for c in g.COMPLETION_COLUMNS if c != "org_number"]
    total = 0
    for a in listed:
        r = Random(f"micro:{args.seed}:{a.org}")
        w = Writer(out / "inbox" / a.org / "assessment-2026.csv", dialect,
                   g.header_for(a_cols, dialect))
        assessments(w, a, per_agency // 4, r, days, roles)
        w.close()
        total += w.bytes
        w = Writer(out / "inbox" / a.org / "completion-2026.csv", dialect,
                   g.header_for(c_cols, dialect))
        completions(w, a, per_agency - per_agency // 4, r, days, words, courses)
        w.close()
        total += w.bytes
    g.write_pipeline(out, "year", 5)
    print(f"make_inbox: {len(listed)} agencies, {args.dialect}, {total / 1e6:.0f} MB in {out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
