#!/usr/bin/env python3
"""Check Løft's demo data (Fixtures/demo/) independently of its generator.

    python3 Scripts/check-demo.py

It reads the register, the catalogue and every inbox file with a small reader of its
own, written from SPEC §1–3 (glob matching, duplicate files, compression, encodings,
CSV dialects, column aliases, the row checks in the SPEC's order, duplicates, xAPI),
and compares what it finds with `Fixtures/demo/expected/inputs.csv` and
`expected/rejects.csv`, which the generator wrote from what it meant. It also checks
the register (mod-11, size classes, sectors, counties), that the Windows-1252 files
hold single-byte æøå, that every reason code and dialect occurs, that faults stay a
small minority, and that the inbox is under 5 MB.

Exit status 0 when everything holds; 1 and a list of problems otherwise.
Python 3.11 standard library and the `zstd` command-line tool.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "Fixtures" / "demo"
INBOX = DEMO / "inbox"
AS_OF = date(2026, 11, 30)
LAST_DAY = date(2026, 10, 31)
SOURCES = (("assessment", "csv", "**/assessment*"), ("completion", "csv", "**/completion*.csv*"),
           ("completion", "xapi", "**/*.json*"))
SECTORS = {"state", "municipality", "county_municipality", "other"}
COUNTIES = {"03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55",
            "56"}
REJECT_REASONS = {"bad_org_number", "unknown_org", "org_mismatch", "bad_date", "future_date",
                  "out_of_range", "missing_required", "no_answers", "unknown_course",
                  "bad_status", "completion_before_enrolment", "malformed_row"}
QUARANTINE_REASONS = {"unsupported_compression", "corrupt_compression", "bad_encoding",
                      "no_header", "missing_column", "ambiguous_column", "bad_json",
                      "unknown_agency_folder", "reject_rate"}

DIMENSIONS = {"strategy": "strategi", "technology": "teknologi",
              "organisation": "organisasjon", "leadership": "ledelse"}
AREAS = {"transformation_leadership": "transformasjonsledelse",
         "governance_strategy": "styring_og_strategi",
         "development_innovation": "utvikling_og_innovasjon",
         "user_involvement_ecosystem": "brukermedvirkning_og_samarbeid",
         "technology_data": "teknologi_og_data"}
ROLES = {"top_leader": "top_leader", "middle_manager": "middle_manager",
         "team_leader": "team_leader", "other": "other", "toppleder": "top_leader",
         "mellomleder": "middle_manager", "teamleder": "team_leader", "annen": "other"}
STATUSES = {"enrolled": "enrolled", "in_progress": "in_progress", "completed": "completed",
            "failed": "failed", "withdrawn": "withdrawn", "påmeldt": "enrolled",
            "pågår": "in_progress", "fullført": "completed", "ikke bestått": "failed",
            "trukket": "withdrawn"}


def aliases(kind: str) -> dict[str, str]:
    """Lower-case header → canonical column (SPEC §1.3 and §2)."""
    table = {"org_number": "org_number", "orgnr": "org_number",
             "organisasjonsnummer": "org_number"}
    if kind == "assessment":
        for name in ("respondent_id", "respondent", "respondent id", "id"):
            table[name] = "respondent_id"
        for name in ("assessed_on", "dato", "date"):
            table[name] = "assessed_on"
        table.update(role="role", rolle="role")
        for code, nb in DIMENSIONS.items():
            table[code] = table[nb] = code
        for code, nb in AREAS.items():
            for stem in (code, nb):
                for suffix, end in (("current", "current"), ("naa", "current"),
                                    ("nå", "current"), ("target", "target"),
                                    ("maal", "target"), ("mål", "target")):
                    table[f"{stem}_{suffix}"] = f"{code}_{end}"
    else:
        for name in ("learner_id", "learner", "deltaker"):
            table[name] = "learner_id"
        for name in ("course_id", "kurs", "course"):
            table[name] = "course_id"
        table.update(status="status", enrolled_on="enrolled_on", completed_on="completed_on",
                     minutes_spent="minutes_spent", minutter="minutes_spent")
        table["påmeldt_dato"] = "enrolled_on"
        table["fullført_dato"] = "completed_on"
    return table


REQUIRED = {"assessment": ("respondent_id", "assessed_on", "role"),
            "completion": ("learner_id", "course_id", "status", "enrolled_on")}
PROBLEMS: list[str] = []


def problem(text: str) -> None:
    PROBLEMS.append(text)


# MARK: - Values

def org_valid(text: str) -> str | None:
    digits = re.sub(r"[ \u00a0\u202f]", "", text)
    if not re.fullmatch(r"\d{9}", digits):
        return None
    remainder = sum(w * int(d) for w, d in zip((3, 2, 7, 6, 5, 4, 3, 2), digits)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return digits if check != 10 and check == int(digits[8]) else None


DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})"
                      r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
DATE_NB = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(text: str) -> date | None:
    if m := DATE_ISO.fullmatch(text):
        y, mo, d = m.group(1, 2, 3)
    elif m := DATE_NB.fullmatch(text):
        d, mo, y = m.group(1, 2, 3)
    else:
        return None
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        return None


def whole(text: str) -> int | None:
    m = re.fullmatch(r"(\d+)(?:[.,]0+)?", text)
    return int(m.group(1)) if m else None


# MARK: - Files

def glob_regex(glob: str) -> re.Pattern:
    out, i = "", 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif glob[i] == "*":
            out, i = out + "[^/]*", i + 1
        else:
            out, i = out + re.escape(glob[i]), i + 1
    return re.compile(out + r"\Z", re.IGNORECASE | re.DOTALL)


SOURCE_RES = [(kind, fmt, glob_regex(g)) for kind, fmt, g in SOURCES]
COMPRESSED = ((b"\x1f\x8b", ".gz"), (b"PK\x03\x04", ".zip"), (b"BZh", ".bz2"),
              (b"\xfd7zXZ\x00", ".xz"), (b"7z\xbc\xaf\x27\x1c", ".7z"))


class Quarantine(Exception):
    pass


def decompress(name: str, data: bytes) -> bytes:
    lower = name.lower()
    for magic, ext in COMPRESSED:
        if data.startswith(magic) or lower.endswith(ext):
            raise Quarantine("unsupported_compression")
    if data.startswith(b"\x28\xb5\x2f\xfd") or lower.endswith(".zst"):
        run = subprocess.run(["zstd", "-d", "-q", "-c"], input=data, capture_output=True)
        if run.returncode != 0:
            raise Quarantine("corrupt_compression")
        return run.stdout
    return data


def decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-bom"
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le"), "utf-16le"
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be"), "utf-16be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if any(b in data for b in (0x00, 0x81, 0x8D, 0x8F, 0x90, 0x9D)):
            raise Quarantine("bad_encoding")
        return data.decode("cp1252"), "windows-1252"


@dataclass
class Outcome:
    """What the checker makes of one record."""
    line: int
    reason: str = ""
    column: str = ""
    key: tuple | None = None  # canonical key of a valid record
    values: dict = field(default_factory=dict)


def split_records(text: str, delimiter: str) -> list[tuple[int, list[str], bool]]:
    """Physical records: (first line, fields, broken quoting), quotes as RFC 4180."""
    cr_only = "\n" not in text
    records, line, i, n = [], 1, 0, len(text)
    while i < n:
        start, fields, cell = line, [], []
        in_quotes = after_quote = bad = False
        at_start = True
        while True:
            if i >= n:
                bad |= in_quotes
                fields.append("".join(cell))
                break
            ch = text[i]
            if in_quotes:
                if ch == '"' and text.startswith('""', i):
                    cell.append('"')
                    i += 2
                    continue
                if ch == '"':
                    in_quotes, after_quote = False, True
                elif ch == "\n" or (cr_only and ch == "\r"):
                    line += 1
                    cell.append(ch)
                else:
                    cell.append(ch)
                i += 1
                continue
            if ch == '"' and at_start:
                in_quotes, at_start = True, False
                i += 1
                continue
            if ch == delimiter:
                fields.append("".join(cell))
                cell, at_start, after_quote = [], True, False
                i += 1
                continue
            if ch == "\n" or (cr_only and ch == "\r"):
                fields.append("".join(cell))
                line += 1
                i += 1
                break
            if ch == "\r" and text.startswith("\r\n", i):
                i += 1
                continue
            bad |= after_quote
            cell.append(ch)
            at_start = False
            i += 1
        records.append((start, fields, bad))
    return records


def check_org(raw: str, folder: str, register: dict) -> tuple[str, str] | None:
    if raw == "":
        return None
    org = org_valid(raw)
    if org is None:
        return ("bad_org_number", "org_number")
    if org not in register:
        return ("unknown_org", "org_number")
    if org != folder:
        return ("org_mismatch", "org_number")
    return None


def read_csv(text: str, kind: str, folder: str, register: dict, courses: dict) -> list[Outcome]:
    first = text.split("\n", 1)[0].split("\r", 1)[0]
    sep_line = first.lower().startswith("sep=") and len(first) >= 5
    lines = [x for x in re.split(r"\r\n|\n|\r", text) if x.strip()]
    if not lines:
        raise Quarantine("no_header")
    if sep_line:
        delimiter = first[4]
    else:
        delimiter = max(("\t", ";", ","), key=lambda d: lines[0].count(d))
    records = [r for r in split_records(text, delimiter)
               if any(cell.strip() for cell in r[1])]
    if sep_line:
        records = records[1:]
    if not records:
        raise Quarantine("no_header")
    table = aliases(kind)
    header = [table.get(cell.strip().lower()) for cell in records[0][1]]
    mapped = [c for c in header if c]
    if len(mapped) != len(set(mapped)):
        raise Quarantine("ambiguous_column")
    if any(c not in mapped for c in REQUIRED[kind]):
        raise Quarantine("missing_column")
    outcomes = []
    for line, cells, bad in records[1:]:
        out = Outcome(line)
        outcomes.append(out)
        if bad or len(cells) != len(header):
            out.reason = "malformed_row"
            continue
        row = {c: v.strip() for c, v in zip(header, cells) if c}
        status = STATUSES.get(row.get("status", "").lower())
        required = [c for c in header if c in REQUIRED[kind]
                    or (c == "completed_on" and status == "completed")]
        empty = next((c for c in required if row.get(c, "") == ""), None)
        if empty:
            out.reason, out.column = "missing_required", empty
            continue
        if org := check_org(row.get("org_number", ""), folder, register):
            out.reason, out.column = org
            continue
        values: dict = {"org_number": folder}
        for c in header:
            if not c or c == "org_number":
                continue
            v = row[c]
            defect = None
            if c in ("respondent_id", "learner_id"):
                defect = "out_of_range" if len(v) > 128 else None
                values[c] = v
            elif c in ("assessed_on", "enrolled_on") or (c == "completed_on"
                                                        and status == "completed"):
                d = parse_date(v)
                defect = "bad_date" if d is None else "future_date" if d > AS_OF else None
                if not defect and c == "completed_on" and "enrolled_on" in values \
                        and d < values["enrolled_on"]:
                    defect = "completion_before_enrolment"
                values[c] = d
            elif c == "completed_on":
                values[c] = None  # ignored on rows that are not completed
            elif c == "role":
                values[c] = ROLES.get(v.lower())
                defect = None if values[c] else "out_of_range"
            elif c == "status":
                values[c] = status
                defect = None if status else "bad_status"
            elif c == "course_id":
                values[c] = v
                defect = None if v in courses else "unknown_course"
            else:
                top = 6 if c in DIMENSIONS else 8 if kind == "assessment" else None
                number = whole(v) if v else None
                if v and (number is None or (top and not 1 <= number <= top)):
                    defect = "out_of_range"
                values[c] = number
            if defect:
                out.reason, out.column = defect, c
                break
        if out.reason:
            continue
        answers = [c for c in values if c in DIMENSIONS or c.endswith(("_current", "_target"))]
        if kind == "assessment" and all(values[c] is None for c in answers):
            out.reason = "no_answers"
            continue
        out.values = values
        out.key = (folder, kind) + tuple(sorted(values.items(), key=lambda kv: kv[0]))
    return outcomes


def statement_lines(text: str, depth_of_statements: int) -> list[int]:
    """The line of each `{` that opens an element of the statements array."""
    lines, depth, line, in_string, escape = [], 0, 1, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "{[":
            if ch == "{" and depth == depth_of_statements:
                lines.append(line)
            depth += 1
        elif ch in "}]":
            depth -= 1
    return lines


def check_statement(st, line: int, folder: str, register: dict, xapi: set) -> Outcome:
    out = Outcome(line)
    if not isinstance(st, dict):
        out.reason = "malformed_row"
        return out
    get = lambda *path: _dig(st, path)  # noqa: E731
    moment = get("timestamp") or get("stored")
    if not st.get("id") or not get("actor", "account", "name") or not get("verb", "id") \
            or not get("object", "id") or not moment:
        out.reason = "missing_required"
        return out
    if org := check_org(str(get("context", "extensions", "urn:loft:org-number") or ""), folder,
                        register):
        out.reason, out.column = org
        return out
    voided = get("verb", "id").rsplit("/", 1)[-1] == "voided"
    if not voided and get("object", "id") not in xapi:
        out.reason, out.column = "unknown_course", "course_id"
        return out
    d = parse_date(moment)
    if d is None or d > AS_OF:
        out.reason = "bad_date" if d is None else "future_date"
        return out
    out.key = (folder, "xapi", st["id"])
    out.values = {"date": d}
    return out


def _dig(value, path):
    for step in path:
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def read_xapi(name: str, text: str, folder: str, register: dict, xapi: set) -> list[Outcome]:
    if name.lower().endswith(".jsonl") or name.lower().endswith(".jsonl.zst"):
        outcomes = []
        for number, raw in enumerate(text.split("\n"), start=1):
            if not raw.strip():
                continue
            try:
                st = json.loads(raw)
            except json.JSONDecodeError:
                outcomes.append(Outcome(number, "malformed_row"))
                continue
            outcomes.append(check_statement(st, number, folder, register, xapi))
        return outcomes
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        raise Quarantine("bad_json")
    if isinstance(document, list):
        statements, lines = document, statement_lines(text, 1)
    elif isinstance(document, dict) and isinstance(document.get("statements"), list):
        statements, lines = document["statements"], statement_lines(text, 2)
    else:
        raise Quarantine("bad_json")
    return [check_statement(st, ln, folder, register, xapi) for st, ln in zip(statements, lines)]


# MARK: - The demo

def load_reference() -> tuple[dict, dict]:
    register: dict[str, dict] = {}
    with open(DEMO / "reference" / "agencies.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        org = org_valid(row["org_number"])
        if org is None:
            problem(f"agencies.csv: {row['org_number']} is not a valid org number")
            continue
        if org in register:
            problem(f"agencies.csv: {org} twice")
        leaders = int(row["leader_count"])
        size = "S" if leaders < 20 else "M" if leaders < 100 else "L"
        if row["size_class"] != size or leaders < 1:
            problem(f"agencies.csv: {org} size {row['size_class']} but {leaders} leaders")
        if row["sector"] not in SECTORS:
            problem(f"agencies.csv: {org} sector {row['sector']}")
        if row["county"] not in COUNTIES and not (row["county"] == "" and row["sector"] == "state"):
            problem(f"agencies.csv: {org} county {row['county']!r}")
        register[org] = row
    if {r["sector"] for r in register.values()} != SECTORS:
        problem("agencies.csv: not every sector occurs")
    if not 25 <= len(register) <= 40:
        problem(f"agencies.csv: {len(register)} agencies")
    if not any(" " in r["org_number"] for r in rows):
        problem("agencies.csv: no org number written with spaces")
    if not any(ch in "".join(r["name"] for r in rows) for ch in "æøåÆØÅ"):
        problem("agencies.csv: no æøå in the names")
    courses: dict[str, dict] = {}
    with open(DEMO / "reference" / "courses.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            courses[row["course_id"]] = row
            if any(a not in AREAS for a in row["areas"].split("|")):
                problem(f"courses.csv: {row['course_id']} areas {row['areas']}")
            if not row["xapi_activity_id"].startswith("https://") or not row["license"]:
                problem(f"courses.csv: {row['course_id']} xapi id or licence")
            int(row["minutes"])
    return register, courses


def main() -> int:
    register, courses = load_reference()
    xapi = {c["xapi_activity_id"] for c in courses.values()}
    paths = []
    for top, _, names in os.walk(INBOX):
        for name in names:
            paths.append(Path(top, name).relative_to(INBOX).as_posix())
    paths.sort(key=lambda p: p.encode("utf-8"))

    found_inputs: list[list[str]] = []
    found_rejects: list[tuple[str, int, str, str]] = []
    read_sha: dict[tuple[str, str], int] = {}  # (folder, sha) → rows_read of the original
    seen: set[tuple] = set()
    features: set[str] = set()
    total_bytes = 0
    respondents: dict[str, dict[str, list[date]]] = {}
    for rel in paths:
        data = (INBOX / rel).read_bytes()
        total_bytes += len(data)
        sha = hashlib.sha256(data).hexdigest()
        parts = rel.split("/")
        folder = parts[0] if len(parts) > 1 else ""
        below = "/".join(parts[1:]) if folder else rel
        source = next((s for s in SOURCE_RES if s[2].match(below)), None)
        kind, fmt = (source[0], source[1]) if source else ("", "")
        row = [rel, kind, fmt]
        if source is None:
            found_inputs.append(row + ["unmatched", "", 0, 0, 0, 0, sha, len(data)])
            continue
        if folder not in register:
            found_inputs.append(row + ["quarantined", "unknown_agency_folder", 0, 0, 0, 0, sha,
                                       len(data)])
            continue
        if (folder, sha) in read_sha:
            n = read_sha[folder, sha]
            found_inputs.append(row + ["duplicate_file", "", n, 0, 0, n, sha, len(data)])
            features.add("duplicate_file")
            continue
        try:
            plain = decompress(rel, data)
            if plain is not data:
                features.add("zstd" + ("" if rel.endswith(".zst") else "-magic-only"))
            if not plain:
                raise Quarantine("no_header")
            text, encoding = decode(plain)
            features.add(encoding)
            if fmt == "csv":
                features.update(describe(text))
                outcomes = read_csv(text, kind, folder, register, courses)
            else:
                outcomes = read_xapi(rel, text, folder, register, xapi)
                features.add("xapi-" + ("lines" if ".jsonl" in rel else "array"
                                        if text.lstrip().startswith("[") else "document"))
        except Quarantine as q:
            found_inputs.append(row + ["quarantined", str(q), 0, 0, 0, 0, sha, len(data)])
            continue
        rejected = [o for o in outcomes if o.reason]
        rate = len(rejected) / len(outcomes) if outcomes else 0
        for o in rejected:
            found_rejects.append((rel, o.line, o.column, o.reason))
        if rate > 0.2:
            found_inputs.append(row + ["quarantined", "reject_rate", len(outcomes), 0,
                                       len(outcomes), 0, sha, len(data)])
            continue
        dups = 0
        for o in outcomes:
            if o.key is None:
                continue
            if o.key in seen:
                dups += 1
                continue
            seen.add(o.key)
            if kind == "assessment":
                respondents.setdefault(folder, {}).setdefault(o.values["respondent_id"],
                                                              []).append(o.values["assessed_on"])
            check_dates(rel, o.values)
            if kind == "assessment" and o.values["assessed_on"].year == 2024 and any(
                    (o.values.get(c) or 0) > 5 for c in DIMENSIONS):
                problem(f"{rel}:{o.line}: generation 6 in 2024")
        read_sha[folder, sha] = len(outcomes)
        found_inputs.append(row + ["read", "", len(outcomes),
                                   len(outcomes) - len(rejected) - dups, len(rejected), dups,
                                   sha, len(data)])
        if rejected and len(rejected) / len(outcomes) >= 0.1:
            problem(f"{rel}: reject rate {rate:.0%} is not well below 20 %")

    compare(found_inputs, found_rejects)
    summary(found_inputs, found_rejects, features, total_bytes, register, respondents)
    for text in PROBLEMS:
        print("problem:", text)
    if not PROBLEMS:
        print(f"ok: {len(paths)} files, {total_bytes} bytes, {len(found_rejects)} rejected "
              f"records; expected/inputs.csv and expected/rejects.csv agree")
    return 1 if PROBLEMS else 0


def describe(text: str) -> set[str]:
    found = set()
    if "\r\n" in text:
        found.add("crlf")
    elif "\n" not in text and "\r" in text:
        found.add("cr-only")
    first = re.split(r"\r\n|\n|\r", text, maxsplit=1)[0]
    if first.lower().startswith("sep="):
        found.add("sep-line")
    for d, label in (("\t", "tab"), (";", "semicolon")):
        if d in first:
            found.add(label)
    if re.search(r'"[^"]*(""|\n)', text):
        found.add("quoted-quotes-or-newline")
    if re.search(r"(\r?\n|\r){3}$", text):
        found.add("trailing-blank-lines")
    if re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        found.add("date-times")
    if re.search(r"(^|[;,\t])(\d\.\d{1,2}|\d{1,2}\.\d)\.\d{4}([;,\t]|$)", text, re.M):
        found.add("d.m.yyyy")
    if re.search(r"(^|;)\d,0(;|$)", text, re.M):
        found.add("decimal-comma")
    return found


def check_dates(rel: str, values: dict) -> None:
    for c in ("assessed_on", "enrolled_on", "completed_on", "date"):
        d = values.get(c)
        if d is not None and not date(2024, 1, 1) <= d <= LAST_DAY:
            problem(f"{rel}: accepted date {d} outside 2024-01-01…{LAST_DAY}")


def compare(found_inputs: list, found_rejects: list) -> None:
    with open(DEMO / "expected" / "inputs.csv", encoding="utf-8", newline="") as f:
        expected = [r for r in csv.reader(f)][1:]
    found = {r[0]: [str(x) for x in r] for r in found_inputs}
    for e in expected:
        g = found.pop(e[0], None)
        if g is None:
            problem(f"expected file not found: {e[0]}")
        elif e != g:
            problem(f"{e[0]}: expected {e[1:9]}, found {g[1:9]}"
                    + (" (other bytes)" if e[9:] != g[9:] else ""))
    for path in found:
        problem(f"file not expected: {path}")
    with open(DEMO / "expected" / "rejects.csv", encoding="utf-8", newline="") as f:
        expected_rejects = [(r[0], int(r[1]), r[2], r[3]) for r in list(csv.reader(f))[1:]]
    got = sorted(found_rejects, key=lambda r: (r[0].encode(), r[1]))
    for e in sorted(set(expected_rejects) - set(got)):
        problem(f"expected reject not found: {e}")
    for g in sorted(set(got) - set(expected_rejects)):
        problem(f"unexpected reject: {g}")


def summary(inputs, rejects, features, total_bytes, register, respondents) -> None:
    reasons = {r[3] for r in rejects}
    for missing in sorted(REJECT_REASONS - reasons):
        problem(f"no record rejected with {missing}")
    quarantined = {r[4] for r in inputs if r[3] == "quarantined"}
    for missing in sorted(QUARANTINE_REASONS - quarantined):
        problem(f"no file quarantined with {missing}")
    statuses = {r[3] for r in inputs}
    for status in ("read", "quarantined", "duplicate_file", "unmatched"):
        if status not in statuses:
            problem(f"no file with status {status}")
    if not any(r[8] for r in inputs if r[3] == "read"):
        problem("no duplicate record")
    wanted = {"utf-8", "utf-8-bom", "utf-16le", "windows-1252", "crlf", "cr-only", "sep-line",
              "tab", "semicolon", "quoted-quotes-or-newline", "trailing-blank-lines",
              "date-times", "d.m.yyyy", "decimal-comma", "zstd", "zstd-magic-only",
              "xapi-lines", "xapi-array", "xapi-document", "duplicate_file"}
    for missing in sorted(wanted - features):
        problem(f"dialect not found: {missing}")
    rows = sum(r[5] for r in inputs)
    if len(rejects) / rows >= 0.03:
        problem(f"{len(rejects)} of {rows} records rejected: not a small minority")
    if total_bytes >= 5 * 1024 * 1024:
        problem(f"inbox is {total_bytes} bytes")
    for path in sorted(INBOX.rglob("*")):
        data = path.read_bytes() if path.is_file() else b""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            if not (set(data) & {0x00, 0x81}) and not re.search(rb"[\xe6\xf8\xe5\xc6\xd8\xc5]",
                                                                 data):
                problem(f"{path.relative_to(INBOX)}: Windows-1252 without single-byte æøå")
    for folder, people in respondents.items():
        leaders = int(register[folder]["leader_count"])
        if len(people) > 0.6 * leaders:
            problem(f"{folder}: {len(people)} respondents of {leaders} leaders")
        for pid, days in people.items():
            for year in {d.year for d in days}:
                if sum(1 for d in days if d.year == year) > 2:
                    problem(f"{folder}: {pid} answers more than twice in {year}")


if __name__ == "__main__":
    sys.exit(main())
