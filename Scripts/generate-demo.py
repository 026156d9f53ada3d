#!/usr/bin/env python3
"""Generate Løft's bundled demo data under Fixtures/demo/.

Run it from the repository root (or anywhere; paths follow this file):

    python3 Scripts/generate-demo.py

Then check the result with an independent reader:

    python3 Scripts/check-demo.py

It deletes and recreates `Fixtures/demo/inbox`, `Fixtures/demo/reference` and
`Fixtures/demo/expected`, and rewrites `Fixtures/demo/README.md`. The output is a pure
function of SEED: no wall clock, no file-system order and no hash order is consulted,
so running it twice gives byte-identical files. Python 3.11 standard library only,
plus the `zstd` command-line tool for the one compressed delivery.

What it writes:
- `reference/agencies.csv` and `reference/courses.csv` (SPEC §1.2);
- `inbox/<org_number>/…` deliveries for 2024–2026 in the dialects of SPEC §1.4, with a
  small, documented minority of faulty rows and files (SPEC §3);
- `expected/inputs.csv` (per file: the `_inputs` status, reason and row counts this
  generator intends) and `expected/rejects.csv` (`file,line,column,reason` of every
  rejected record, sorted by file and line), judged with an as-of date of 2026-11-30;
- `README.md`: the layout, the counts, the dialect and fault inventory.

Every random choice comes from `random.Random` objects seeded with SEED and a fixed
label (string seeds are hashed with SHA-512, independent of PYTHONHASHSEED), so a
change in one agency's plan does not reshuffle the others.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import random
import shutil
import struct
import subprocess
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

SEED = 20261130
ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "Fixtures" / "demo"
INBOX = DEMO / "inbox"
REFERENCE = DEMO / "reference"
EXPECTED = DEMO / "expected"

AS_OF = date(2026, 11, 30)  # the earliest as-of date the demo is judged against
LAST_DAY = date(2026, 10, 31)  # no generated event lies after this day
YEARS = (2024, 2025, 2026)
XAPI_VERB = "http://adlnet.gov/expapi/verbs/"
COURSE_IRI = "https://learn.loft.example/courses/"
ORG_EXTENSION = "urn:loft:org-number"

DIMENSIONS = ("strategy", "technology", "organisation", "leadership")
AREAS = (
    "transformation_leadership",
    "governance_strategy",
    "development_innovation",
    "user_involvement_ecosystem",
    "technology_data",
)
LEVEL_COLUMNS = tuple(f"{area}_{end}" for area in AREAS for end in ("current", "target"))
ANSWER_COLUMNS = DIMENSIONS + LEVEL_COLUMNS
ASSESSMENT_COLUMNS = ("respondent_id", "org_number", "assessed_on", "role") + ANSWER_COLUMNS
COMPLETION_COLUMNS = (
    "learner_id", "org_number", "course_id", "status", "enrolled_on", "completed_on",
    "minutes_spent",
)

# Norwegian headers as Excel exports write them; both spellings of the suffixes occur.
NB_HEADERS = {
    "respondent_id": "respondent", "org_number": "orgnr", "assessed_on": "dato", "role": "rolle",
    "strategy": "strategi", "technology": "teknologi", "organisation": "organisasjon",
    "leadership": "ledelse",
    "transformation_leadership_current": "transformasjonsledelse_naa",
    "transformation_leadership_target": "transformasjonsledelse_maal",
    "governance_strategy_current": "styring_og_strategi_nå",
    "governance_strategy_target": "styring_og_strategi_mål",
    "development_innovation_current": "utvikling_og_innovasjon_naa",
    "development_innovation_target": "utvikling_og_innovasjon_maal",
    "user_involvement_ecosystem_current": "brukermedvirkning_og_samarbeid_nå",
    "user_involvement_ecosystem_target": "brukermedvirkning_og_samarbeid_mål",
    "technology_data_current": "teknologi_og_data_naa",
    "technology_data_target": "teknologi_og_data_maal",
    "learner_id": "deltaker", "course_id": "kurs", "status": "status",
    "enrolled_on": "påmeldt_dato", "completed_on": "fullført_dato", "minutes_spent": "minutter",
}
ROLE_NB = {"top_leader": "toppleder", "middle_manager": "mellomleder",
           "team_leader": "teamleder", "other": "annen"}
STATUS_NB = {"enrolled": "påmeldt", "in_progress": "pågår", "completed": "fullført",
             "failed": "ikke bestått", "withdrawn": "trukket"}


def sub_rng(*label: object) -> random.Random:
    """A generator of its own for one labelled part of the data."""
    return random.Random(":".join([str(SEED), *map(str, label)]))


# MARK: - Organisation numbers

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(first8: str) -> int | None:
    """The mod-11 check digit of eight digits, or None when it would be 10."""
    remainder = sum(w * int(d) for w, d in zip(WEIGHTS, first8)) % 11
    if remainder == 0:
        return 0
    check = 11 - remainder
    return None if check == 10 else check


def is_valid_org(number: str) -> bool:
    digits = number.replace(" ", "")
    return len(digits) == 9 and digits.isdigit() and check_digit(digits[:8]) == int(digits[8])


def synth_org(r: random.Random, taken: set[str]) -> str:
    """A valid, unused organisation number starting with 8 or 9, as real ones do."""
    while True:
        first8 = r.choice("89") + "".join(r.choice("0123456789") for _ in range(7))
        check = check_digit(first8)
        number = f"{first8}{check}"
        if check is not None and number not in taken:
            taken.add(number)
            return number


def spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def broken_check(number: str) -> str:
    """The same number with a wrong check digit."""
    return number[:8] + str((int(number[8]) + 1) % 10)


# MARK: - Reference data

@dataclass
class Agency:
    key: str
    name: str
    sector: str
    county: str
    leaders: int
    org: str = ""
    spaced_in_register: bool = False
    maturity: float = 0.0  # the agency's typical generation
    competence: float = 0.0  # the agency's typical current level

    @property
    def size_class(self) -> str:
        return "S" if self.leaders < 20 else "M" if self.leaders < 100 else "L"


AGENCIES = [
    # key, name, sector, county (empty: national), leader_count
    Agency("brreg", "Brønnøysundregistrene", "state", "", 64),
    Agency("skatt", "Skatteetaten", "state", "", 600),
    Agency("nav", "Nav", "state", "", 550),
    Agency("digdir", "Digitaliseringsdirektoratet", "state", "", 72),
    Agency("vegvesen", "Statens vegvesen", "state", "", 280),
    Agency("helsedir", "Helsedirektoratet", "state", "", 90),
    Agency("kartverket", "Kartverket", "state", "", 58),
    Agency("sfvl", "Statsforvalteren i Vestland", "state", "46", 38),
    Agency("oslo", "Oslo kommune", "municipality", "03", 480),
    Agency("bergen", "Bergen kommune", "municipality", "46", 350),
    Agency("trondheim", "Trondheim kommune", "municipality", "50", 300),
    Agency("stavanger", "Stavanger kommune", "municipality", "11", 98),
    Agency("baerum", "Bærum kommune", "municipality", "32", 96),
    Agency("kristiansand", "Kristiansand kommune", "municipality", "42", 92),
    Agency("tromso", "Tromsø kommune", "municipality", "55", 95),
    Agency("drammen", "Drammen kommune", "municipality", "33", 85),
    Agency("fredrikstad", "Fredrikstad kommune", "municipality", "31", 75),
    Agency("alesund", "Ålesund kommune", "municipality", "15", 70),
    Agency("bodo", "Bodø kommune", "municipality", "18", 60),
    Agency("sandefjord", "Sandefjord kommune", "municipality", "39", 55),
    Agency("skien", "Skien kommune", "municipality", "40", 50),
    Agency("lillehammer", "Lillehammer kommune", "municipality", "34", 32),
    Agency("alta", "Alta kommune", "municipality", "56", 28),
    Agency("roros", "Røros kommune", "municipality", "50", 12),
    Agency("laerdal", "Lærdal kommune", "municipality", "46", 9),
    Agency("smola", "Smøla kommune", "municipality", "15", 7),
    Agency("varoy", "Værøy kommune", "municipality", "18", 5),
    Agency("vestlandfk", "Vestland fylkeskommune", "county_municipality", "46", 140),
    Agency("nordlandfk", "Nordland fylkeskommune", "county_municipality", "18", 66),
    Agency("finnmarkfk", "Finnmark fylkeskommune", "county_municipality", "56", 24),
    Agency("ks", "KS – Kommunesektorens organisasjon", "other", "03", 40),
    Agency("helsenord", "Helse Nord RHF", "other", "18", 16),
    Agency("iktagder", "IKT Agder IKS", "other", "42", 14),
]
BY_KEY = {a.key: a for a in AGENCIES}
SILENT = ("kartverket", "smola", "nordlandfk", "helsenord", "iktagder")  # deliver nothing

# Numbers used by faulty rows and folders: valid mod-11, never registered.
UNREGISTERED_FOLDER = "999999999"


def assign_org_numbers() -> dict[str, str]:
    r = sub_rng("org-numbers")
    taken = {"974760673", UNREGISTERED_FOLDER}
    BY_KEY["brreg"].org = "974760673"  # the SPEC's own example: Brønnøysundregistrene
    BY_KEY["brreg"].spaced_in_register = True
    BY_KEY["bergen"].spaced_in_register = True
    for agency in AGENCIES:
        if not agency.org:
            agency.org = synth_org(r, taken)
        agency.maturity = r.uniform(2.3, 3.3)
        agency.competence = r.uniform(2.6, 3.9)
    return {"unregistered_a": synth_org(r, taken), "unregistered_b": synth_org(r, taken)}


@dataclass
class Course:
    course_id: str
    title: str
    provider: str
    license: str
    areas: tuple[str, ...]
    minutes: int
    weight: int  # popularity

    @property
    def xapi_id(self) -> str:
        return COURSE_IRI + self.course_id


COURSES = [
    Course("DL101", "Digital transformasjon for ledere", "Digdir", "CC BY 4.0",
           ("transformation_leadership", "governance_strategy"), 90, 10),
    Course("DL102", "Ledelse av digital transformasjon i kommunene", "KS", "CC BY 4.0",
           ("transformation_leadership",), 120, 8),
    Course("DL103", "Gevinstrealisering, styring og porteføljestyring", "Digdir", "CC BY 4.0",
           ("governance_strategy",), 75, 6),
    Course("DL104", "Tjenestedesign og brukerinvolvering", "Digdir", "CC BY-SA 4.0",
           ("user_involvement_ecosystem", "development_innovation"), 60, 6),
    Course("DL105", "Innovasjon i offentlig sektor", "KS", "CC BY 4.0",
           ("development_innovation",), 45, 7),
    Course("DL106", "Data, deling og informasjonsforvaltning", "Digdir", "NLOD 2.0",
           ("technology_data", "governance_strategy"), 80, 5),
    Course("DL107", "Kunstig intelligens for ledere", "NTNU", "CC BY 4.0",
           ("technology_data", "transformation_leadership"), 150, 9),
    Course("DL108", "Informasjonssikkerhet og personvern i praksis", "NSM", "CC BY 4.0",
           ("technology_data",), 60, 5),
    Course("DL109", "Samarbeid på tvers: økosystemer og partnerskap", "KS", "CC BY-SA 4.0",
           ("user_involvement_ecosystem", "governance_strategy"), 50, 3),
    Course("DL110", "Endringsledelse i praksis", "NTNU", "CC BY 4.0",
           ("transformation_leadership",), 100, 6),
    Course("DL111", "Felles arkitekturprinsipper for digitalisering", "Digdir", "NLOD 2.0",
           ("technology_data", "governance_strategy"), 40, 2),
    Course("DL112", 'Smidig utvikling, "MVP" og eksperimentering', "Universitetet i Bergen",
           "CC BY 4.0", ("development_innovation", "user_involvement_ecosystem"), 70, 3),
]
COURSE_BY_ID = {c.course_id: c for c in COURSES}


def write_reference() -> None:
    REFERENCE.mkdir(parents=True)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["org_number", "name", "sector", "county", "size_class", "leader_count"])
    for a in AGENCIES:
        org = spaced(a.org) if a.spaced_in_register else a.org
        w.writerow([org, a.name, a.sector, a.county, a.size_class, a.leaders])
    (REFERENCE / "agencies.csv").write_bytes(out.getvalue().encode("utf-8"))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["course_id", "title", "provider", "license", "areas", "minutes",
                "xapi_activity_id"])
    for c in COURSES:
        w.writerow([c.course_id, c.title, c.provider, c.license, "|".join(c.areas), c.minutes,
                    c.xapi_id])
    (REFERENCE / "courses.csv").write_bytes(out.getvalue().encode("utf-8"))


# MARK: - People and their answers

ROLE_SHIFT = {"top_leader": 0.35, "middle_manager": 0.1, "team_leader": -0.1, "other": -0.2}
DIMENSION_SHIFT = {"strategy": 0.2, "technology": 0.3, "organisation": -0.25, "leadership": -0.1}
AREA_SHIFT = {"transformation_leadership": 0.1, "governance_strategy": 0.3,
              "development_innovation": -0.2, "user_involvement_ecosystem": 0.0,
              "technology_data": -0.4}
PSEUDONYMS: set[str] = set()


@dataclass
class Leader:
    pid: str
    role: str
    maturity: float
    competence: float


def pseudonym(r: random.Random) -> str:
    while True:
        pid = f"r-{r.getrandbits(32):08x}"
        if pid not in PSEUDONYMS:
            PSEUDONYMS.add(pid)
            return pid


def population(agency: Agency) -> list[Leader]:
    """The agency's pseudonymous respondents: at most 60 % of its leaders."""
    r = sub_rng("population", agency.key)
    size = max(1, math.floor(agency.leaders * r.uniform(0.45, 0.6)))
    top = 1 + size // 70
    other = size // 25
    roles = ["top_leader"] * top + ["other"] * other
    for _ in range(size - len(roles)):
        roles.append("middle_manager" if r.random() < 0.42 else "team_leader")
    r.shuffle(roles)
    return [Leader(pseudonym(r), role, r.gauss(0, 0.45), r.gauss(0, 0.6)) for role in roles]


def clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def answers(agency: Agency, leader: Leader, year: int, r: random.Random) -> dict:
    """One assessment's answers: generations and levels, some left empty."""
    top = 5 if year == 2024 else 6  # generation 6 was added to the staircase in 2024
    values: dict = {}
    for d in DIMENSIONS:
        mean = (agency.maturity + DIMENSION_SHIFT[d] + 0.2 * (year - 2024) + leader.maturity
                + ROLE_SHIFT[leader.role])
        values[d] = None if r.random() < 0.035 else clamp(round(r.gauss(mean, 0.55)), 1, top)
    for a in AREAS:
        mean = (agency.competence + AREA_SHIFT[a] + 0.25 * (year - 2024) + leader.competence
                + ROLE_SHIFT[leader.role])
        current = clamp(round(r.gauss(mean, 0.7)), 1, 8)
        target = clamp(current + r.choices((-1, 0, 1, 2, 3), (3, 17, 42, 28, 10))[0], 1, 8)
        u = r.random()
        if u < 0.03:
            current = target = None
        elif u < 0.05:
            target = None
        elif u < 0.06:
            current = None
        values[f"{a}_current"] = current
        values[f"{a}_target"] = target
    if all(values[c] is None for c in ANSWER_COLUMNS):
        values["strategy"] = 3
    return values


def campaign_start(r: random.Random, year: int) -> date:
    month, day = r.choice(((2, 1), (3, 1), (4, 8), (9, 1), (9, 20)))
    return date(year, month, day)


@dataclass
class Rec:
    """One record as the generator means it, and how it should come out."""
    values: dict  # canonical column -> str | int | date | datetime | None
    written: dict = field(default_factory=dict)  # canonical column -> literal text (faults)
    extra: dict = field(default_factory=dict)  # unknown column -> text
    fault: tuple[str, str, str] | None = None  # (reason, canonical column or "", note)
    duplicate: str = ""  # why this valid record repeats an earlier one
    raw: list[str] | str | None = None  # literal cells, or literal text (malformed rows)
    blank_before: bool = False  # JSON Lines: an empty line before this record
    line: int = 0  # physical line it starts on, filled in by the writer


def assessment_recs(agency: Agency, leaders: list[Leader], year: int, share: float,
                    seconds: float = 0.15, window: int = 42, start: date | None = None,
                    label: str = "") -> list[Rec]:
    """One campaign of assessments, and for some leaders a later second answer."""
    r = sub_rng("assessments", agency.key, year, label)
    start = start or campaign_start(r, year)
    if year == 2026 and start.month >= 9:
        start = date(2026, 8, 24)
    recs = []
    for leader in leaders:
        if r.random() >= share:
            continue
        day = min(start + timedelta(days=r.randrange(window)), LAST_DAY)
        recs.append(Rec({"respondent_id": leader.pid, "assessed_on": day, "role": leader.role,
                         **answers(agency, leader, year, r)}))
        if r.random() < seconds:
            later = day + timedelta(days=r.randrange(60, 150))
            if later <= min(date(year, 12, 31), LAST_DAY):
                recs.append(Rec({"respondent_id": leader.pid, "assessed_on": later,
                                 "role": leader.role, **answers(agency, leader, year, r)}))
    recs.sort(key=lambda rec: (rec.values["assessed_on"], rec.values["respondent_id"]))
    return recs


# MARK: - Course enrolments

@dataclass
class Enrolment:
    learner: str
    course: Course
    enrolled: datetime
    progress: datetime | None  # first launch
    outcome: str  # enrolled | in_progress | completed | failed | withdrawn
    finished: datetime | None  # completed/failed/withdrawn moment
    minutes: tuple[int, int]  # minutes after the launch, and in total
    registration: str | None = None
    passed: bool = False


def clock(r: random.Random, day: date) -> datetime:
    return datetime(day.year, day.month, day.day, r.randrange(7, 17), r.randrange(60),
                    r.randrange(60))


def enrolments(agency: Agency, leaders: list[Leader], year: int, share: float) -> list[Enrolment]:
    """A year of course enrolments: a share of the leaders take one to three courses."""
    r = sub_rng("enrolments", agency.key, year)
    last_enrol = min(date(year, 12, 10), date(2026, 10, 15))
    first = date(year, 1, 8)
    span = (last_enrol - first).days
    result = []
    for leader in leaders:
        if r.random() >= share:
            continue
        count = r.choices((1, 2, 3), (70, 25, 5))[0]
        chosen: list[Course] = []
        while len(chosen) < count:
            course = r.choices(COURSES, [c.weight for c in COURSES])[0]
            if course not in chosen:
                chosen.append(course)
        for course in chosen:
            enrolled = clock(r, first + timedelta(days=r.randrange(span)))
            outcome = r.choices(("enrolled", "in_progress", "completed", "failed", "withdrawn"),
                                (8, 17, 58, 7, 10))[0]
            progress = finished = None
            m1 = m2 = 0
            if outcome != "enrolled":
                progress = clock(r, enrolled.date() + timedelta(days=r.randrange(0, 6)))
                m1 = max(5, round(course.minutes * r.uniform(0.2, 0.6)))
                m2 = m1
            if outcome in ("completed", "failed", "withdrawn"):
                end = progress.date() + timedelta(days=r.randrange(2, 75))
                if end > min(date(year, 12, 31), LAST_DAY):
                    outcome = "in_progress"  # not finished within its year or the data
                else:
                    finished = clock(r, end)
                    if outcome != "withdrawn":
                        m2 = m1 + max(5, round(course.minutes * r.uniform(0.5, 1.1)))
            result.append(Enrolment(leader.pid, course, enrolled, progress, outcome, finished,
                                    (m1, m2), passed=r.random() < 0.5))
    result.sort(key=lambda e: (e.enrolled, e.learner, e.course.course_id))
    return result


def completion_recs(enrols: list[Enrolment], style: str) -> list[Rec]:
    """CSV completion rows: one per event (`events`) or one per enrolment (`final`)."""
    recs = []
    for e in enrols:
        base = {"learner_id": e.learner, "course_id": e.course.course_id,
                "enrolled_on": e.enrolled, "completed_on": None, "minutes_spent": None}
        rows = []
        if style == "events":
            rows.append({**base, "status": "enrolled"})
            if e.progress is not None:
                rows.append({**base, "status": "in_progress", "minutes_spent": e.minutes[0]})
        if e.outcome == "completed":
            rows.append({**base, "status": "completed", "completed_on": e.finished,
                         "minutes_spent": e.minutes[1]})
        elif e.outcome in ("failed", "withdrawn"):
            rows.append({**base, "status": e.outcome, "minutes_spent": e.minutes[1]})
        elif style == "final":
            rows.append({**base, "status": e.outcome,
                         "minutes_spent": e.minutes[0] if e.progress else None})
        recs.extend(Rec(values) for values in rows)
    return recs


# MARK: - Writing CSV deliveries

@dataclass
class Dialect:
    name: str
    delimiter: str = ","
    encoding: str = "utf-8"  # utf-8 | utf-8-sig | cp1252 | utf-16
    newline: str = "\n"
    dates: str = "iso"  # iso | dmy | d.m | ts (ISO date-times)
    words: str = "en"  # enum words: en | nb | nb-mixed (some capitalised)
    headers: str = "en"  # en | nb
    org_column: bool = False
    order: tuple[str, ...] | None = None  # canonical columns in this order (else the canonical)
    renamed: dict = field(default_factory=dict)  # canonical column -> header as written
    extra: tuple[str, ...] = ()  # unknown columns, appended
    decimal_comma: tuple[str, ...] = ()  # columns written like `3,0`
    quote: tuple[str, ...] = ()  # columns always quoted
    sep_line: bool = False
    trailing_blank_lines: int = 0
    trailing_empty_rows: int = 0
    drop: tuple[str, ...] = ()  # canonical columns left out (missing_column)


CANONICAL = Dialect("canonical: UTF-8, `,`, LF, ISO dates, English headers")
CANONICAL_ORG = Dialect("canonical with an org_number column", org_column=True)
EXCEL_NB = Dialect("Norwegian Excel: Windows-1252, `;`, CRLF, DD.MM.YYYY, Norwegian headers "
                   "and words, decimal comma in `ledelse`", delimiter=";", encoding="cp1252",
                   newline="\r\n", dates="dmy", words="nb-mixed", headers="nb", org_column=True,
                   decimal_comma=("leadership",))
UTF8_BOM_SEMI = Dialect("UTF-8 with BOM, `;`, CRLF, DD.MM.YYYY, Norwegian headers",
                        delimiter=";", encoding="utf-8-sig", newline="\r\n", dates="dmy",
                        words="nb", headers="nb")
UTF16_TAB = Dialect("UTF-16 LE with BOM, tab, CRLF (Excel \"Unicode text\")", delimiter="\t",
                    encoding="utf-16", newline="\r\n", dates="dmy", words="nb", headers="nb")


def header_of(column: str, dialect: Dialect) -> str:
    if column in dialect.renamed:
        return dialect.renamed[column]
    return NB_HEADERS[column] if dialect.headers == "nb" else column


def dst_offset(moment: datetime) -> str:
    """Norway's UTC offset on a day: +02:00 from the last Sunday of March to that of October."""
    def last_sunday(month: int) -> date:
        d = date(moment.year, month, 31)
        return d - timedelta(days=(d.weekday() + 1) % 7)
    return "+02:00" if last_sunday(3) <= moment.date() < last_sunday(10) else "+01:00"


def mixed_case(values: dict, modulus: int) -> bool:
    """Whether a Norwegian Excel row writes its enum word capitalised (by its pseudonym)."""
    pid = values.get("respondent_id") or values.get("learner_id") or "0"
    return int(pid[-1], 16) % modulus == 3


def format_value(column: str, value, dialect: Dialect, values: dict) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if dialect.dates == "ts":
            # An LMS export: enrolment stamps with `T` and offset, completions with a space.
            if column == "enrolled_on":
                return value.strftime("%Y-%m-%dT%H:%M:%S") + dst_offset(value)
            return value.strftime("%Y-%m-%d %H:%M:%S")
        value = value.date()
    if isinstance(value, date):
        if dialect.dates == "dmy":
            return f"{value.day:02d}.{value.month:02d}.{value.year}"
        if dialect.dates == "d.m":
            return f"{value.day}.{value.month}.{value.year}"
        return value.isoformat()
    if column == "role" and dialect.words != "en":
        word = ROLE_NB[value]
        return word.capitalize() if dialect.words == "nb-mixed" and mixed_case(values, 7) else word
    if column == "status" and dialect.words != "en":
        word = STATUS_NB[value]
        return word.capitalize() if dialect.words == "nb-mixed" and mixed_case(values, 5) else word
    if column in dialect.decimal_comma:
        return f"{value},0"
    return str(value)


def quote(cell: str, dialect: Dialect, force: bool) -> str:
    if force or any(ch in cell for ch in (dialect.delimiter, '"', "\r", "\n")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@dataclass
class FileEntry:
    """One file under the inbox, and what the pipeline should make of it."""
    path: str  # relative to the inbox
    kind: str = ""
    format: str = ""
    status: str = "read"
    reason: str = ""
    dialect: str = ""
    note: str = ""
    recs: list[Rec] = field(default_factory=list)
    content: bytes = b""
    agency: str = ""  # folder name

    def counts(self) -> tuple[int, int, int, int]:
        if self.status in ("unmatched",) or (self.status == "quarantined"
                                             and self.reason != "reject_rate"):
            return (0, 0, 0, 0)
        read = len(self.recs)
        if self.status == "duplicate_file":
            return (read, 0, 0, read)
        if self.reason == "reject_rate":
            return (read, 0, read, 0)
        rejected = sum(1 for r in self.recs if r.fault)
        duplicate = sum(1 for r in self.recs if r.duplicate)
        return (read, read - rejected - duplicate, rejected, duplicate)


FILES: list[FileEntry] = []


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)  # cp1252 strictly: æøå become single bytes


def zstd(data: bytes) -> bytes:
    return subprocess.run(["zstd", "-q", "-19", "--no-progress", "-c"], input=data,
                          capture_output=True, check=True).stdout


def gzip_bytes(data: bytes) -> bytes:
    """Real gzip: header with mtime 0 and OS 255, raw deflate, CRC-32 and size."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = deflate.compress(data) + deflate.flush()
    return (b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x02\xff" + body
            + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF))


def add_file(path: str, content: bytes, **kwargs) -> FileEntry:
    entry = FileEntry(path, content=content, agency=path.split("/")[0] if "/" in path else "",
                      **kwargs)
    FILES.append(entry)
    return entry


def render_csv(kind: str, recs: list[Rec], dialect: Dialect) -> str:
    """The text of a CSV delivery; fills in each record's physical line."""
    canonical = ASSESSMENT_COLUMNS if kind == "assessment" else COMPLETION_COLUMNS
    columns = list(dialect.order or canonical)
    if not dialect.org_column and dialect.order is None:
        columns.remove("org_number")
    columns = [c for c in columns if c not in dialect.drop]
    nl = dialect.newline
    out: list[str] = []
    line = 1
    if dialect.sep_line:
        out.append(f"sep={dialect.delimiter}{nl}")
        line += 1
    headers = [header_of(c, dialect) for c in columns] + list(dialect.extra)
    out.append(dialect.delimiter.join(quote(h, dialect, False) for h in headers) + nl)
    line += 1
    for rec in recs:
        rec.line = line
        if isinstance(rec.raw, str):
            text = rec.raw + nl
        else:
            if rec.raw is not None:
                cells = rec.raw
            else:
                cells = [rec.written[c] if c in rec.written
                         else format_value(c, rec.values.get(c), dialect, rec.values)
                         for c in columns]
                cells += [rec.extra.get(x, "") for x in dialect.extra]
                cells = [quote(cell.replace("\n", nl), dialect,
                               i < len(columns) and columns[i] in dialect.quote
                               or i >= len(columns) and dialect.extra[i - len(columns)]
                               in dialect.quote)
                         for i, cell in enumerate(cells)]
            text = dialect.delimiter.join(cells) + nl
        line += text.count(nl)
        out.append(text)
    out.append(nl * dialect.trailing_blank_lines)
    out.append((dialect.delimiter * (len(headers) - 1) + nl) * dialect.trailing_empty_rows)
    return "".join(out)


def write_csv(path: str, kind: str, recs: list[Rec], dialect: Dialect, compress: str = "",
              note: str = "", **kwargs) -> FileEntry:
    data = encode(render_csv(kind, recs, dialect), dialect.encoding)
    if compress == "zst":
        data = zstd(data)
    elif compress == "gz":
        data = gzip_bytes(data)
    return add_file(path, data, kind=kind, format="csv", recs=recs, dialect=dialect.name,
                    note=note, **kwargs)


# MARK: - Writing xAPI deliveries

def new_uuid(r: random.Random) -> str:
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


def iso_duration(minutes: int, r: random.Random) -> str:
    seconds = max(1, minutes * 60 + r.randrange(-40, 40))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s else "")


def stamp(moment: datetime, style: str) -> str:
    """An ISO 8601 timestamp: in local time with the offset, or in UTC with `Z`."""
    offset = dst_offset(moment)
    if style == "utc":
        utc = moment - timedelta(hours=int(offset[1:3]))
        return utc.strftime("%Y-%m-%dT%H:%M:%S") + "Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + offset


def statement(r: random.Random, e: Enrolment, verb: str, moment: datetime, style: str,
              org: str | None, minutes: int | None = None) -> dict:
    st: dict = {
        "id": new_uuid(r),
        "actor": {"objectType": "Agent",
                  "account": {"homePage": "https://id.loft.example", "name": e.learner}},
        "verb": {"id": XAPI_VERB + verb, "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": e.course.xapi_id,
                   "definition": {"name": {"nb-NO": e.course.title}}},
    }
    if verb in ("completed", "passed", "failed") or minutes:
        result: dict = {}
        if verb in ("completed", "passed", "failed"):
            result["completion"] = verb != "failed"
            result["success"] = verb != "failed"
        if minutes:
            result["duration"] = iso_duration(minutes, r)
        st["result"] = result
    context: dict = {}
    if e.registration:
        context["registration"] = e.registration
    if org:
        context["extensions"] = {ORG_EXTENSION: org}
    if context:
        st["context"] = context
    st["timestamp"] = stamp(moment, style)
    st["stored"] = stamp(moment + timedelta(seconds=r.randrange(1, 90)), "utc")
    return st


def statements_for(enrols: list[Enrolment], label: str, style: str, org: str | None,
                   registration_share: float) -> list[Rec]:
    """The statements an LRS records for these enrolments, as accepted records."""
    r = sub_rng("xapi", label)
    recs = []
    for e in enrols:
        crosses = e.finished is not None and e.finished.year != e.enrolled.year
        if crosses or r.random() < registration_share:
            e.registration = new_uuid(r)
        recs.append(Rec(statement(r, e, "registered", e.enrolled, style, org)))
        if e.progress is not None:
            recs.append(Rec(statement(r, e, "launched", e.progress, style, org, e.minutes[0])))
        if e.outcome == "completed":
            verb = "passed" if e.passed else "completed"
            recs.append(Rec(statement(r, e, verb, e.finished, style, org,
                                      e.minutes[1] - e.minutes[0])))
        elif e.outcome == "failed":
            recs.append(Rec(statement(r, e, "failed", e.finished, style, org,
                                      e.minutes[1] - e.minutes[0])))
    recs.sort(key=lambda rec: (rec.values["stored"], rec.values["id"]))
    return recs


def write_xapi(path: str, recs: list[Rec], layout: str, note: str = "") -> FileEntry:
    """`document` ({"statements": […]}, pretty), `array` (top-level […]) or `lines` (JSONL)."""
    if layout == "lines":
        out = []
        for rec in recs:
            if rec.blank_before:
                out.append("")
            rec.line = len(out) + 1
            out.append(rec.raw if isinstance(rec.raw, str)
                       else json.dumps(rec.values, ensure_ascii=False, separators=(",", ":")))
        content = "\n".join(out) + "\n"
        dialect = "xAPI JSON Lines, UTF-8, LF"
    else:
        head = '{\n  "statements": [\n' if layout == "document" else "[\n"
        indent = "    " if layout == "document" else "  "
        tail = '\n  ],\n  "more": ""\n}\n' if layout == "document" else "\n]\n"
        parts = []
        line = head.count("\n") + 1
        for rec in recs:
            rec.line = line
            body = json.dumps(rec.values, ensure_ascii=False, indent=2)
            body = "\n".join(indent + x for x in body.split("\n"))
            parts.append(body)
            line += body.count("\n") + 1
        content = head + ",\n".join(parts) + tail
        dialect = ("xAPI statements document {\"statements\": […]}, pretty-printed"
                   if layout == "document" else "xAPI top-level JSON array, pretty-printed")
    return add_file(path, content.encode("utf-8"), kind="completion", format="xapi", recs=recs,
                    dialect=dialect, note=note)


# MARK: - Faults

def fault(rec: Rec, reason: str, column: str, note: str, **written: str) -> Rec:
    """Mark a record as rejected: write literal values for some columns."""
    rec.fault = (reason, column, note)
    rec.written.update(written)
    return rec


def pick(recs: list[Rec], r: random.Random, where=lambda rec: True) -> int:
    """A random record for a fault: never the first or last, nor one already faulty or
    duplicate, and one that `where` accepts."""
    return r.choice([i for i in range(1, len(recs) - 1) if recs[i].fault is None
                     and not recs[i].duplicate and where(recs[i])])


def status_is(status: str):
    return lambda rec: rec.values.get("status") == status


def first_answered(rec: Rec, columns: tuple[str, ...]) -> str:
    return next(c for c in columns if rec.values.get(c) is not None)


# MARK: - The plan: who delivers what

def plan(unregistered: dict[str, str]) -> None:
    """Every delivery of the demo inbox, agency by agency."""
    pop = {a.key: population(a) for a in AGENCIES if a.key not in SILENT}
    fr = sub_rng("faults")
    folder = {a.key: a.org for a in AGENCIES}

    def path(key: str, name: str) -> str:
        return f"{folder[key]}/{name}"

    def assess(key: str, year: int, share: float = 0.65, **kw) -> list[Rec]:
        return assessment_recs(BY_KEY[key], pop[key], year, share, **kw)

    def with_org(recs: list[Rec], key: str, every: int = 1) -> list[Rec]:
        """Fill the org_number column: every n-th row, the others empty (the folder's)."""
        for i, rec in enumerate(recs):
            rec.values["org_number"] = folder[key] if i % every == 0 else None
        return recs

    def courses(key: str, year: int, share: float) -> list[Enrolment]:
        return enrolments(BY_KEY[key], pop[key], year, share)

    # -- Skatteetaten: canonical CSV with org numbers; xAPI from its LRS.
    recs = with_org(assess("skatt", 2024, 0.6), "skatt")
    i = pick(recs, fr)
    fault(recs[i], "bad_date", "assessed_on", "impossible date 2024-02-30",
          assessed_on="2024-02-30")
    write_csv(path("skatt", "assessment-2024.csv"), "assessment", recs, CANONICAL_ORG)
    recs = with_org(assess("skatt", 2025, 0.74), "skatt")
    i = pick(recs, fr)
    fault(recs[i], "bad_org_number", "org_number", "org number with a wrong check digit",
          org_number=broken_check(folder["skatt"]))
    i = pick(recs, fr)
    fault(recs[i], "unknown_org", "org_number", "valid mod-11 number not in the register",
          org_number=unregistered["unregistered_a"])
    i = pick(recs, fr)
    recs.insert(i + 1, Rec(dict(recs[i].values), duplicate="the row above, repeated exactly"))
    write_csv(path("skatt", "assessment-2025.csv"), "assessment", recs, CANONICAL_ORG,
              note="one row repeated exactly")
    recs = with_org(assess("skatt", 2026, 0.79), "skatt", every=3)
    i = pick(recs, fr)
    fault(recs[i], "future_date", "assessed_on", "date in 2031", assessed_on="2031-03-15")
    i = pick(recs, fr)
    fault(recs[i], "out_of_range", "strategy", "generation 7", strategy="7")
    write_csv(path("skatt", "assessment-2026.csv"), "assessment", recs, CANONICAL_ORG,
              note="org_number filled on every third row, empty (the folder's) on the others")
    e25 = courses("skatt", 2025, 0.35)
    x25 = statements_for(e25, "skatt-2025", "local", folder["skatt"], 0.6)
    write_xapi(path("skatt", "lrs-export-2025.json"), x25, "document")
    e26 = courses("skatt", 2026, 0.38)
    x26 = statements_for(e26, "skatt-2026", "utc", None, 0.5)
    # An enrolment stamped just after midnight on New Year's Day, local time: its date is
    # 2026-01-01 as written, 2025-12-31 in UTC.
    busy = {e.learner for e in e26}
    newcomer = next(p.pid for p in pop["skatt"] if p.pid not in busy)
    new_year = Enrolment(newcomer, COURSE_BY_ID["DL105"], datetime(2026, 1, 1, 0, 30),
                         datetime(2026, 1, 2, 9, 14, 5), "completed",
                         datetime(2026, 1, 19, 13, 2, 40), (18, 47))
    x26 += statements_for([new_year], "skatt-2026-new-year", "local", None, 0.0)
    x26.sort(key=lambda rec: (rec.values["stored"], rec.values["id"]))
    xr = sub_rng("xapi-faults", "skatt")
    # A late re-export: the last 2025 statement again, same id (a duplicate).
    x26.insert(0, Rec(dict(x25[-1].values), duplicate="same statement id as the last "
                      "statement of lrs-export-2025.json"))
    x26[pick(x26, fr)].blank_before = True  # a blank line: counted, not a record
    # A completion recorded by mistake and voided two days later.
    target = next(rec for rec in x26[len(x26) // 2:] if rec.values["verb"]["id"].endswith(
        ("completed", "passed")))
    t = datetime.fromisoformat(target.values["stored"][:-1]) + timedelta(days=2)
    assert t.date() <= LAST_DAY
    voiding = {"id": new_uuid(xr), "actor": {"objectType": "Agent", "account": {
        "homePage": "https://id.loft.example", "name": "lrs-admin"}},
        "verb": {"id": XAPI_VERB + "voided", "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": target.values["id"]},
        "timestamp": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "stored": t.strftime("%Y-%m-%dT%H:%M:%SZ")}
    x26.insert(x26.index(target) + 3, Rec(voiding))
    registered = [rec for rec in x26 if rec.values.get("verb", {}).get("id", "").endswith(
        "/registered") and not rec.duplicate]
    unknown = Rec(json.loads(json.dumps(registered[len(registered) // 3].values)))
    unknown.values["id"] = new_uuid(xr)
    unknown.values["object"]["id"] = COURSE_IRI + "DL999"
    fault(unknown, "unknown_course", "course_id",
          "object.id …/courses/DL999 is not in the catalogue")
    x26.insert(pick(x26, fr), unknown)
    bad = Rec({}, raw='{"id":"' + new_uuid(xr) + '","actor":{"account":{"name":"'
              + pop["skatt"][5].pid + '"},"verb":{"id":"' + XAPI_VERB + 'launched"}')
    fault(bad, "malformed_row", "", "a truncated JSON line")
    x26.insert(pick(x26, fr), bad)
    write_xapi(path("skatt", "statements-2026.jsonl"), x26, "lines",
               note=f"statement {target.values['id']} is voided by {voiding['id']}; one blank "
                    "line; learner " + newcomer + "'s enrolment is stamped "
                    "2026-01-01T00:30:00+01:00 (2025-12-31 in UTC)")

    # -- Nav: canonical, its 2025 assessment zstd-compressed, a completion file that is zstd
    #    without the extension.
    write_csv(path("nav", "assessment-2024.csv"), "assessment", assess("nav", 2024, 0.54),
              CANONICAL)
    write_csv(path("nav", "assessment-2025.csv.zst"), "assessment", assess("nav", 2025, 0.72),
              CANONICAL, compress="zst", note="zstd-compressed (`.zst`)")
    recs = assess("nav", 2026, 0.74)
    i = pick(recs, fr)
    fault(recs[i], "bad_date", "assessed_on", "two-digit year", assessed_on="25-03-01")
    write_csv(path("nav", "assessment-2026.csv"), "assessment", recs, CANONICAL)
    recs = completion_recs(courses("nav", 2025, 0.32), "final")
    i = pick(recs, fr, status_is("completed"))
    e_on = recs[i].values["enrolled_on"].date()
    fault(recs[i], "completion_before_enrolment", "completed_on",
          "completed the day before enrolment",
          completed_on=(e_on - timedelta(days=1)).isoformat(), enrolled_on=e_on.isoformat())
    write_csv(path("nav", "completion-2025.csv"), "completion", recs, CANONICAL,
              note="one row per enrolment (final status)")
    write_csv(path("nav", "completion-2026.csv"), "completion",
              completion_recs(courses("nav", 2026, 0.35), "final"), CANONICAL, compress="zst",
              note="zstd bytes without a `.zst` extension (recognised by its magic bytes)")

    # -- Digitaliseringsdirektoratet: canonical; xAPI as a top-level array and JSON Lines.
    for year in YEARS:
        write_csv(path("digdir", f"assessment-{year}.csv"), "assessment",
                  assess("digdir", year, 0.9), CANONICAL)
    x24 = statements_for(courses("digdir", 2024, 0.56), "digdir-2024", "local", None, 0.3)
    no_ts = next(rec for rec in x24 if rec.values["verb"]["id"].endswith("launched"))
    del no_ts.values["timestamp"]
    write_xapi(path("digdir", "xapi/lrs-export-2024.json"), x24, "array",
               note=f"statement {no_ts.values['id']} has no timestamp (its `stored` is used)")
    x25 = statements_for(courses("digdir", 2025, 0.56), "digdir-2025", "local", folder["digdir"],
                         0.5)
    i = pick(x25, fr)
    del x25[i].values["id"]
    fault(x25[i], "missing_required", "", "a statement without `id`")
    write_xapi(path("digdir", "xapi/statements-2025.jsonl"), x25, "lines")
    write_csv(path("digdir", "completion-2026.csv"), "completion",
              completion_recs(courses("digdir", 2026, 0.56), "events"), CANONICAL)

    # -- Brønnøysundregistrene: canonical with org numbers, some written with spaces.
    for year in YEARS:
        recs = with_org(assess("brreg", year, 0.84), "brreg")
        for j, rec in enumerate(recs):
            if j % 4 == 1:
                rec.written["org_number"] = spaced(folder["brreg"])
        if year == 2025:
            i = pick(recs, fr, lambda rec: "org_number" not in rec.written)
            fault(recs[i], "org_mismatch", "org_number", "Digdir's org number in Brreg's folder",
                  org_number=folder["digdir"])
        write_csv(path("brreg", f"assessment-{year}.csv"), "assessment", recs, CANONICAL_ORG,
                  note="org numbers on every fourth row written `974 760 673`")
    recs = completion_recs(courses("brreg", 2025, 0.64) + courses("brreg", 2026, 0.64), "events")
    with_org(recs, "brreg", every=2)
    write_csv(path("brreg", "completion-2025-2026.csv"), "completion", recs, CANONICAL_ORG)

    # -- Statens vegvesen: an LMS whose completion dates are ISO date-times.
    for year in YEARS:
        write_csv(path("vegvesen", f"assessment-{year}.csv"), "assessment",
                  assess("vegvesen", year, 0.66), CANONICAL)
    lms = Dialect("canonical, dates as ISO 8601 date-times", dates="ts")
    recs = completion_recs(courses("vegvesen", 2025, 0.48), "events")
    i = pick(recs, fr)
    fault(recs[i], "unknown_course", "course_id", "course DL999 is not in the catalogue",
          course_id="DL999")
    i = pick(recs, fr)
    fault(recs[i], "bad_status", "status", "status `done`", status="done")
    i = pick(recs, fr, status_is("completed"))
    e_on = recs[i].values["enrolled_on"]
    fault(recs[i], "completion_before_enrolment", "completed_on", "completed ten days before "
          "enrolment", completed_on=(e_on - timedelta(days=10)).strftime("%Y-%m-%d %H:%M:%S"))
    i = pick(recs, fr, status_is("in_progress"))
    fault(recs[i], "out_of_range", "minutes_spent", "minutes with a thousands separator",
          minutes_spent="1 200")
    write_csv(path("vegvesen", "completion-2025.csv"), "completion", recs, lms)
    recs = completion_recs(courses("vegvesen", 2026, 0.48), "events")
    last = recs[-1]
    broken = Rec({}, raw=f'{last.values["learner_id"]},DL105,"enrolled,2026-10-14T10:02:00+02:00,,')
    fault(broken, "malformed_row", "", "an opening quote never closed (last row)")
    recs.append(broken)
    write_csv(path("vegvesen", "completion-2026.csv"), "completion", recs, lms)

    # -- Helsedirektoratet: canonical, and an LRS export cut off mid-way (bad_json).
    for year in YEARS:
        write_csv(path("helsedir", f"assessment-{year}.csv"), "assessment",
                  assess("helsedir", year, 0.72), CANONICAL)
    x = statements_for(courses("helsedir", 2025, 0.48), "helsedir-2025", "local", None, 0.5)
    text = json.dumps({"statements": [rec.values for rec in x[:6]]}, ensure_ascii=False,
                      indent=2)
    add_file(path("helsedir", "lrs-export-2025.json"), text[: len(text) * 2 // 3].encode(),
             kind="completion", format="xapi", status="quarantined", reason="bad_json",
             note="an LRS export cut off two thirds of the way")
    write_csv(path("helsedir", "completion-2025.csv"), "completion",
              completion_recs(courses("helsedir", 2025, 0.48), "final"), CANONICAL)

    # -- Statsforvalteren i Vestland: canonical, and a supplement without the role column.
    for year in YEARS:
        write_csv(path("sfvl", f"assessment-{year}.csv"), "assessment",
                  assess("sfvl", year, 0.9), CANONICAL)
    write_csv(path("sfvl", "assessment-2026-tillegg.csv"), "assessment",
              assess("sfvl", 2026, 0.2, seconds=0), Dialect("canonical without `role`",
                                                           drop=("role",)),
              status="quarantined", reason="missing_column", note="no `role` column")

    # -- Oslo kommune: RFC 4180 quoting with a comment column, and several row faults.
    recs = assess("oslo", 2024, 0.54)
    i = pick(recs, fr)
    fault(recs[i], "missing_required", "respondent_id", "empty respondent id", respondent_id="")
    write_csv(path("oslo", "assessment-2024.csv"), "assessment", recs, CANONICAL)
    recs = assess("oslo", 2025, 0.72)
    cr = sub_rng("comments", "oslo")
    comments = ("Vi har startet, men mangler en felles plan",
                'Ledelsen kaller det "digitalt først"',
                "For lite tid til opplæring; ønsker flere kurs",
                'Svar "på vegne av" avdelingen, ikke meg selv',
                "Første linje\nAndre linje i samme felt")
    for j, rec in enumerate(recs):
        if cr.random() < 0.18 or j == 7:
            rec.extra["comment"] = comments[4] if j == 7 else cr.choice(comments[:4])
    i = pick(recs, fr, lambda rec: rec is not recs[7])
    for c in ANSWER_COLUMNS:
        recs[i].values[c] = None
    fault(recs[i], "no_answers", "", "no dimension and no area answered")
    write_csv(path("oslo", "assessment-2025.csv"), "assessment", recs,
              Dialect("RFC 4180: quoted fields with `,`, doubled quotes and a newline in the "
                      "unknown column `comment`", extra=("comment",), quote=("role",)),
              note="the `comment` field of the 8th record spans two lines")
    recs = assess("oslo", 2026, 0.74)
    i = pick(recs, fr)
    cells = [recs[i].values["respondent_id"], recs[i].values["assessed_on"].isoformat(),
             recs[i].values["role"], "3", "2"]
    recs[i] = fault(Rec(recs[i].values, raw=cells), "malformed_row", "", "5 fields, not 17")
    write_csv(path("oslo", "assessment-2026.csv"), "assessment", recs, CANONICAL)
    recs = completion_recs(courses("oslo", 2025, 0.32), "events")
    i = pick(recs, fr, status_is("completed"))
    fault(recs[i], "missing_required", "completed_on", "`completed` without completed_on",
          completed_on="")
    write_csv(path("oslo", "completion-2025.csv"), "completion", recs, CANONICAL)
    write_csv(path("oslo", "completion-2026.csv"), "completion",
              completion_recs(courses("oslo", 2026, 0.35), "events"), CANONICAL)

    # -- Bergen kommune: Norwegian Excel throughout, half-year files in a subfolder.
    write_csv(path("bergen", "assessment-2024.csv"), "assessment",
              with_org(assess("bergen", 2024, 0.48), "bergen", every=2), EXCEL_NB)
    # A spring campaign and an autumn one: who answers both has a later answer in h2.
    h1 = with_org(assess("bergen", 2025, 0.6, seconds=0, start=date(2025, 3, 3)), "bergen",
                  every=2)
    h2 = with_org(assess("bergen", 2025, 0.4, seconds=0, start=date(2025, 9, 8),
                         label="autumn"), "bergen", every=2)
    i = pick(h1, fr)
    fault(h1[i], "bad_date", "assessed_on", "month 13", assessed_on="31.13.2025")
    resent = h1[pick(h1, fr)]
    h2.insert(pick(h2, fr), Rec(dict(resent.values), duplicate="sent again from "
                                "2025/assessment-h1.csv"))
    write_csv(path("bergen", "2025/assessment-h1.csv"), "assessment", h1, EXCEL_NB)
    i = pick(h2, fr)
    fault(h2[i], "out_of_range", "technology", "generation with a decimal", technology="3,5")
    write_csv(path("bergen", "2025/assessment-h2.csv"), "assessment", h2, EXCEL_NB,
              note="one row sent again from 2025/assessment-h1.csv")
    recs = with_org(assess("bergen", 2026, 0.74), "bergen", every=2)
    i = pick(recs, fr)
    fault(recs[i], "out_of_range", "role", "role word `sjef`", role="sjef")
    write_csv(path("bergen", "assessment-2026.csv"), "assessment", recs, EXCEL_NB)
    recs = with_org(completion_recs(courses("bergen", 2025, 0.4), "events"), "bergen", every=3)
    i = pick(recs, fr, status_is("completed"))
    fault(recs[i], "missing_required", "completed_on", "`fullført` without fullført_dato",
          completed_on="")
    i = pick(recs, fr)
    fault(recs[i], "bad_status", "status", "status word `ferdig`", status="ferdig")
    write_csv(path("bergen", "completion-2025.csv"), "completion", recs, EXCEL_NB)

    # -- Trondheim kommune: UTF-8 with BOM and `;`; a stray notes file.
    for year in YEARS:
        recs = assess("trondheim", year, 0.66)
        if year == 2025:
            i = pick(recs, fr)
            fault(recs[i], "missing_required", "assessed_on", "empty date", assessed_on="")
        if year == 2026:
            i = pick(recs, fr)
            column = first_answered(recs[i], LEVEL_COLUMNS)
            fault(recs[i], "out_of_range", column, "level `abc`", **{column: "abc"})
        write_csv(path("trondheim", f"assessment-{year}.csv"), "assessment", recs, UTF8_BOM_SEMI)
    write_csv(path("trondheim", "completion-2026.csv"), "completion",
              completion_recs(courses("trondheim", 2026, 0.32), "final"), UTF8_BOM_SEMI)
    add_file(path("trondheim", "notes.txt"),
             "Hei! Vedlagt årets eksport. Spørsmål kan rettes til "
             "digitalisering@trondheim.example.\n".encode(), status="unmatched",
             note="matches no source glob")

    # -- Stavanger kommune: Excel "Unicode text" in 2025.
    write_csv(path("stavanger", "assessment-2024.csv"), "assessment",
              assess("stavanger", 2024, 0.6), CANONICAL)
    write_csv(path("stavanger", "assessment-2025.txt"), "assessment",
              assess("stavanger", 2025, 0.78), UTF16_TAB)
    write_csv(path("stavanger", "assessment-2026.csv"), "assessment",
              assess("stavanger", 2026, 0.82), CANONICAL)
    write_csv(path("stavanger", "completion-2025.csv"), "completion",
              completion_recs(courses("stavanger", 2025, 0.48), "events"), CANONICAL)

    # -- Bærum kommune: its own column order and header spelling.
    order = ("role", "assessed_on", "respondent_id", "org_number", "leadership", "organisation",
             "technology", "strategy") + LEVEL_COLUMNS
    baerum = Dialect("column order role, date, respondent, org, dimensions reversed; headers "
                     "`Rolle`, `Date`, `Respondent ID`, `Orgnr`", order=order,
                     renamed={"role": "Rolle", "assessed_on": "Date",
                              "respondent_id": "Respondent ID", "org_number": "Orgnr"})
    for year in YEARS:
        recs = with_org(assess("baerum", year, 0.7), "baerum", every=5)
        if year == 2026:
            i = pick(recs, fr)
            fault(recs[i], "unknown_org", "org_number", "valid mod-11 number not in the register",
                  org_number=unregistered["unregistered_b"])
        if year == 2025:
            i = pick(recs, fr)
            fault(recs[i], "org_mismatch", "org_number", "Oslo kommune's number in Bærum's folder",
                  org_number=folder["oslo"])
        write_csv(path("baerum", f"assessment-{year}.csv"), "assessment", recs, baerum)
    write_csv(path("baerum", "completion-2026.csv"), "completion",
              completion_recs(courses("baerum", 2026, 0.4), "events"), CANONICAL)

    # -- Kristiansand kommune: the 2025 file sent twice.
    for year in YEARS:
        write_csv(path("kristiansand", f"assessment-{year}.csv"), "assessment",
                  assess("kristiansand", year, 0.72), CANONICAL)
    original = next(f for f in FILES if f.path == path("kristiansand", "assessment-2025.csv"))
    add_file(path("kristiansand", "sendt-igjen/assessment-2025.csv"), original.content,
             kind="assessment", format="csv", status="duplicate_file", recs=original.recs,
             dialect=original.dialect, note="byte-identical copy of assessment-2025.csv")

    # -- Tromsø kommune: an old Mac export with CR-only line ends.
    write_csv(path("tromso", "assessment-2024.csv"), "assessment", assess("tromso", 2024, 0.72),
              Dialect("CR-only line ends (UTF-8, `,`)", newline="\r"))
    recs = assess("tromso", 2025, 0.84)
    i = pick(recs, fr)
    column = first_answered(recs[i], tuple(c for c in LEVEL_COLUMNS if c.endswith("target")))
    fault(recs[i], "out_of_range", column, "level 9", **{column: "9"})
    write_csv(path("tromso", "assessment-2025.csv"), "assessment", recs, CANONICAL)
    write_csv(path("tromso", "completion-2025.csv"), "completion",
              completion_recs(courses("tromso", 2025, 0.56), "final"), CANONICAL)

    # -- Drammen kommune: an unknown column; an extra file with two respondent columns.
    drammen = Dialect("canonical with an unknown column `avdeling`", extra=("avdeling",))
    departments = ("Oppvekst", "Helse og omsorg", "Teknisk", "Kultur", "Økonomi", "Stab")
    for year in YEARS:
        recs = assess("drammen", year, 0.74)
        for j, rec in enumerate(recs):
            rec.extra["avdeling"] = departments[(j * 5 + year) % len(departments)]
        write_csv(path("drammen", f"assessment-{year}.csv"), "assessment", recs, drammen)
    recs = assess("drammen", 2026, 0.15, seconds=0)
    for rec in recs:
        rec.extra["respondent"] = rec.values["respondent_id"]
    write_csv(path("drammen", "assessment-2026-ekstra.csv"), "assessment", recs,
              Dialect("canonical plus `respondent`", extra=("respondent",)),
              status="quarantined", reason="ambiguous_column",
              note="both `respondent_id` and `respondent`")

    # -- Fredrikstad kommune: trailing empty lines; an old delivery gzip-compressed.
    trailing = Dialect("canonical with three trailing empty lines", trailing_blank_lines=3)
    for year in (2025, 2026):
        write_csv(path("fredrikstad", f"assessment-{year}.csv"), "assessment",
                  assess("fredrikstad", year, 0.72), trailing)
    write_csv(path("fredrikstad", "assessment-2024.csv.gz"), "assessment",
              assess("fredrikstad", 2024, 0.6), CANONICAL, compress="gz",
              status="quarantined", reason="unsupported_compression", note="gzip")

    # -- Ålesund kommune: Norwegian Excel; D.M.YYYY and `;;;` rows in 2024, `sep=;` in 2025.
    alesund24 = Dialect("Norwegian Excel with D.M.YYYY dates and two all-empty `;;;` rows at "
                        "the end", delimiter=";", encoding="cp1252", newline="\r\n",
                        dates="d.m", words="nb", headers="nb", org_column=True,
                        trailing_empty_rows=2)
    write_csv(path("alesund", "assessment-2024.csv"), "assessment",
              with_org(assess("alesund", 2024, 0.66, start=date(2024, 4, 2)), "alesund"),
              alesund24)
    recs = with_org(assess("alesund", 2025, 0.84), "alesund")
    i = pick(recs, fr)
    for c in ANSWER_COLUMNS:
        recs[i].values[c] = None
    fault(recs[i], "no_answers", "", "no dimension and no area answered")
    write_csv(path("alesund", "assessment-2025.csv"), "assessment", recs,
              Dialect("Norwegian Excel with `sep=;` as the first line", delimiter=";",
                      encoding="cp1252", newline="\r\n", dates="dmy", words="nb",
                      headers="nb", org_column=True, decimal_comma=("leadership",),
                      sep_line=True))
    write_csv(path("alesund", "completion-2025.csv"), "completion",
              completion_recs(courses("alesund", 2025, 0.56), "events"), EXCEL_NB)

    # -- Bodø kommune: canonical, and a corrected completion file that is mostly wrong.
    for year in YEARS:
        write_csv(path("bodo", f"assessment-{year}.csv"), "assessment",
                  assess("bodo", year, 0.84), CANONICAL)
    recs = completion_recs(courses("bodo", 2026, 0.48), "final")[:10]
    for j in (1, 4, 6, 8):
        fault(recs[j], "unknown_course", "course_id", "an old course id",
              course_id=f"DL0{90 + j}")
    write_csv(path("bodo", "completion-2026-korrigert.csv"), "completion", recs, CANONICAL,
              status="quarantined", reason="reject_rate", note="4 of 10 rows rejected")

    # -- Sandefjord kommune: an empty file, then the real delivery.
    write_csv(path("sandefjord", "assessment-2025.csv"), "assessment",
              assess("sandefjord", 2025, 0.78), CANONICAL)
    add_file(path("sandefjord", "assessment-2026.csv"), b"", kind="assessment", format="csv",
             status="quarantined", reason="no_header", note="empty file (0 bytes)")
    write_csv(path("sandefjord", "assessment-2026-v2.csv"), "assessment",
              assess("sandefjord", 2026, 0.78), CANONICAL)

    # -- Skien kommune: Norwegian Excel, and a binary spreadsheet under an assessment name.
    for year in (2025, 2026):
        write_csv(path("skien", f"assessment-{year}.csv"), "assessment",
                  with_org(assess("skien", year, 0.78), "skien"), EXCEL_NB)
    br = sub_rng("binary", "skien")
    binary = (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff"
              + bytes(br.randrange(256) for _ in range(480)) + b"\x81\x00\x8d\x00"
              + bytes(br.randrange(256) for _ in range(512)))
    add_file(path("skien", "assessment-2024.xls"), binary, kind="assessment", format="csv",
             status="quarantined", reason="bad_encoding",
             note="a binary (OLE2) spreadsheet holding NUL and 0x81 bytes")

    # -- Lillehammer kommune: a 2026 delivery whose zstd frame is corrupt.
    write_csv(path("lillehammer", "assessment-2025.csv"), "assessment",
              assess("lillehammer", 2025, 0.9), CANONICAL)
    zr = sub_rng("corrupt", "lillehammer")
    add_file(path("lillehammer", "assessment-2026.csv.zst"),
             b"\x28\xb5\x2f\xfd" + bytes(zr.randrange(256) for _ in range(300)),
             kind="assessment", format="csv", status="quarantined",
             reason="corrupt_compression", note="zstd magic bytes, then garbage")

    # -- Vestland fylkeskommune: Norwegian Excel with a future date.
    for year in YEARS:
        recs = with_org(assess("vestlandfk", year, 0.72), "vestlandfk")
        if year == 2026:
            i = pick(recs, fr)
            fault(recs[i], "future_date", "assessed_on", "date in 2031",
                  assessed_on="15.03.2031")
        write_csv(path("vestlandfk", f"assessment-{year}.csv"), "assessment", recs, EXCEL_NB)
    write_csv(path("vestlandfk", "completion-2026.csv"), "completion",
              completion_recs(courses("vestlandfk", 2026, 0.48), "final"), CANONICAL)

    # -- The small and the late: plain canonical deliveries.
    for key, years in (("alta", (2025, 2026)), ("roros", YEARS), ("laerdal", (2024, 2026)),
                       ("varoy", (2025,)), ("finnmarkfk", (2025, 2026)), ("ks", YEARS)):
        for year in years:
            write_csv(path(key, f"assessment-{year}.csv"), "assessment",
                      assess(key, year, 0.8 if BY_KEY[key].leaders < 20 else 0.65), CANONICAL)
    write_csv(path("ks", "completion-2025.csv"), "completion",
              completion_recs(courses("ks", 2025, 0.8), "events"), CANONICAL)

    # -- Folders and files that belong to no agency.
    stray = assess("ks", 2025, 0.15, seconds=0)
    write_csv(f"{UNREGISTERED_FOLDER}/assessment-2025.csv", "assessment", stray, CANONICAL,
              status="quarantined", reason="unknown_agency_folder",
              note="folder 999999999 is mod-11 valid but not registered")
    write_csv("assessment-2025.csv", "assessment", assess("roros", 2025, 0.6, seconds=0),
              CANONICAL, status="quarantined", reason="unknown_agency_folder",
              note="directly in the inbox, outside any agency folder")


# MARK: - Checks on what the generator itself intends

def canonical_key(entry: FileEntry, rec: Rec) -> tuple:
    if entry.format == "xapi":
        return (entry.agency, rec.values.get("id"))
    values = dict(rec.values)
    values["org_number"] = entry.agency
    for k, v in values.items():
        if isinstance(v, datetime):
            values[k] = v.date()
    columns = ASSESSMENT_COLUMNS if entry.kind == "assessment" else COMPLETION_COLUMNS
    return (entry.agency, entry.kind) + tuple(values.get(c) for c in columns)


def self_check() -> None:
    """Duplicates only where meant; reject rates as meant; sizes in bounds."""
    seen: set[tuple] = set()
    for entry in sorted(FILES, key=lambda f: f.path.encode()):
        if entry.status != "read":
            continue
        for rec in entry.recs:
            if rec.fault:
                continue
            key = canonical_key(entry, rec)
            assert (key in seen) == bool(rec.duplicate), (entry.path, rec.line, rec.duplicate)
            seen.add(key)
        read, _, rejected, _ = entry.counts()
        assert read == 0 or rejected / read < 0.1, (entry.path, rejected, read)
    total = sum(len(f.content) for f in FILES)
    assert total < 5 * 1024 * 1024, total


# MARK: - Output: files, expectations, README

def write_inbox() -> None:
    for entry in FILES:
        target = INBOX / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(entry.content)


def rejected_rows(entry: FileEntry) -> list[tuple[int, str, str, str]]:
    if entry.status not in ("read",) and entry.reason != "reject_rate":
        return []
    return [(r.line, r.fault[1], r.fault[0], r.fault[2]) for r in entry.recs if r.fault]


def write_expected() -> None:
    EXPECTED.mkdir(parents=True)
    ordered = sorted(FILES, key=lambda f: f.path.encode())
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["path", "kind", "format", "status", "reason", "rows_read", "rows_accepted",
                "rows_rejected", "rows_duplicate", "sha256", "bytes"])
    for f in ordered:
        w.writerow([f.path, f.kind, f.format, f.status, f.reason, *f.counts(),
                    hashlib.sha256(f.content).hexdigest(), len(f.content)])
    (EXPECTED / "inputs.csv").write_bytes(out.getvalue().encode())
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["file", "line", "column", "reason"])
    for f in ordered:
        for line, column, reason, _ in sorted(rejected_rows(f)):
            w.writerow([f.path, line, column, reason])
    (EXPECTED / "rejects.csv").write_bytes(out.getvalue().encode())


def org_name(folder: str) -> str:
    for a in AGENCIES:
        if a.org == folder:
            return a.name
    return "(not registered)" if folder else "(inbox root)"


def write_readme() -> None:
    ordered = sorted(FILES, key=lambda f: f.path.encode())
    delivering = sorted({f.agency for f in FILES if org_name(f.agency)[0] != "("})
    totals: dict[tuple[str, str], list[int]] = {}
    for f in ordered:
        if f.kind:
            t = totals.setdefault((f.kind, f.format), [0, 0, 0, 0, 0])
            t[0] += 1
            for k, v in enumerate(f.counts()):
                t[k + 1] += v
    status_count: dict[str, int] = {}
    for f in ordered:
        label = f.status + (f" ({f.reason})" if f.reason else "")
        status_count[label] = status_count.get(label, 0) + 1
    rows_total = sum(v[1] for v in totals.values())
    rejected_total = sum(v[3] for v in totals.values())
    size = sum(len(f.content) for f in FILES)

    lines = [
        "# Løft demo data",
        "",
        "Generated by `python3 Scripts/generate-demo.py` (deterministic: seed "
        f"{SEED}; do not edit by hand) and checked by `python3 Scripts/check-demo.py`. "
        "All people are pseudonyms and all numbers are invented; org numbers are synthetic "
        "(valid mod-11) except 974760673, the SPEC's own example.",
        "",
        "Expectations are judged with an as-of date of 2026-11-30 (any later date gives the "
        "same); no generated date lies after 2026-10-31 except the deliberate `future_date` "
        "rows. `Pipelines/demo.yaml` is expected to use the sources "
        "`**/assessment*` (assessment, csv), `**/completion*.csv*` (completion, csv) and "
        "`**/*.json*` (completion, xapi), in that order, and no extra aliases.",
        "",
        "## Layout",
        "",
        "```",
        "reference/agencies.csv   the register: "
        f"{len(AGENCIES)} agencies, all four sectors, all 15 counties",
        f"reference/courses.csv    the catalogue: {len(COURSES)} open courses",
        "inbox/<org_number>/…     deliveries 2024–2026 of "
        f"{len(delivering)} agencies ({len(SILENT)} registered agencies deliver nothing)",
        "inbox/999999999/…        a folder that is not a registered agency",
        "inbox/assessment-2025.csv a file outside any agency folder",
        "expected/inputs.csv      per file: kind, format, status, reason, rows read/accepted/"
        "rejected/duplicate, sha256, bytes",
        "expected/rejects.csv     file,line,column,reason of every rejected record",
        "```",
        "",
        f"{len(FILES)} files, {size} bytes in the inbox.",
        "",
        "## Counts",
        "",
        "| kind | format | files | rows read | accepted | rejected | duplicate |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for (kind, fmt), t in sorted(totals.items()):
        lines.append(f"| {kind} | {fmt} | {' | '.join(map(str, t))} |")
    in_rate_file = sum(f.counts()[2] for f in ordered if f.reason == "reject_rate")
    listed = sum(len(rejected_rows(f)) for f in ordered)
    lines += [
        "",
        f"`rows_rejected` adds up to {rejected_total} of {rows_total} records read "
        f"({100 * rejected_total / rows_total:.2f} %): {in_rate_file} are the whole "
        "`reject_rate` file, the rest single defective records. The rejects file lists "
        f"{listed} records (the defective ones only). Files by status:",
        "",
    ]
    for label, n in sorted(status_count.items()):
        lines.append(f"- {label}: {n}")
    lines += [
        "",
        "## Agencies",
        "",
        "| org_number | name | sector | county | size | leaders | files |",
        "|---|---|---|---|---|---:|---:|",
    ]
    for a in AGENCIES:
        n = sum(1 for f in FILES if f.agency == a.org)
        lines.append(f"| {a.org} | {a.name} | {a.sector} | {a.county} | {a.size_class} | "
                     f"{a.leaders} | {n} |")
    lines += [
        "",
        "`974760673` (Brønnøysundregistrene) and Bergen kommune's number are written with "
        "spaces in `agencies.csv`.",
        "",
        "## Dialects",
        "",
        "| dialect | files |",
        "|---|---|",
    ]
    first_of: dict[str, int] = {}
    for index, f in enumerate(FILES):
        first_of.setdefault(f.dialect, index)
    dialects: dict[str, list[str]] = {}  # in the order the plan first uses them
    for f in sorted(FILES, key=lambda f: (first_of[f.dialect], f.path.encode())):
        if f.dialect:
            dialects.setdefault(f.dialect, []).append(f"`{f.path}`")
    for name, paths in dialects.items():
        shown = ", ".join(paths[:6]) + (f" and {len(paths) - 6} more" if len(paths) > 6 else "")
        lines.append(f"| {name} | {shown} |")
    lines += [
        "",
        "Other things a reader must get right, all valid:",
        "",
    ]
    for f in ordered:
        if f.note and f.status == "read":
            lines.append(f"- `{f.path}`: {f.note}.")
    lines += [
        "- Norwegian Excel files write some enum words capitalised (`Mellomleder`, `Fullført`).",
        "- Completion files use one row per event (`enrolled`, `in_progress`, then the outcome) "
        "or one row per enrolment; minutes are cumulative.",
        "",
        "## Rejected records",
        "",
        "Line numbers are physical lines from 1 at the first line (SPEC §3). "
        "The same list, machine-readable: `expected/rejects.csv`.",
        "",
        "| reason | file | line | column | what |",
        "|---|---|---:|---|---|",
    ]
    faults = [(reason, f.path, line, column, note) for f in ordered
              for line, column, reason, note in rejected_rows(f)]
    for reason, p, line, column, note in sorted(faults, key=lambda x: (x[0], x[1].encode(), x[2])):
        lines.append(f"| `{reason}` | `{p}` | {line} | {column} | {note} |")
    lines += [
        "",
        "## Duplicates",
        "",
        "| file | line | what |",
        "|---|---:|---|",
    ]
    for f in ordered:
        if f.status == "read":
            for r in f.recs:
                if r.duplicate:
                    lines.append(f"| `{f.path}` | {r.line} | {r.duplicate} |")
    lines += [
        "",
        "## Whole files",
        "",
        "| file | agency | status | reason | what |",
        "|---|---|---|---|---|",
    ]
    for f in ordered:
        if f.status != "read":
            lines.append(f"| `{f.path}` | {org_name(f.agency)} | {f.status} | {f.reason} | "
                         f"{f.note} |")
    lines += [
        "",
        "## Readings of the SPEC these expectations rest on",
        "",
        "- A file quarantined for `reject_rate` counts every record as rejected, and its "
        "defective records are listed in the rejects file (§3 says so for `reject_rate`, "
        "although it also says quarantined files are not in the rejects file).",
        "- The file directly in the inbox matches the assessment glob by its name, so it "
        "is `unknown_agency_folder` (not `unmatched`) however the glob is applied to it.",
        "- Quarantined and duplicate files keep the `kind` and `format` of the source that "
        "matched them; unmatched files have neither.",
        "- Org numbers written with spaces in a data row (`974 760 673`) are normalised "
        "like those of the register, so those rows are accepted.",
        "- xAPI rejects: `unknown_course` names the column `course_id`; a statement "
        "without `id` and a malformed line name no column.",
        "- No duplicate involves a quarantined file, and the cross-file duplicate row is "
        "the same text in both files, so no reading of \"after normalisation\" is needed "
        "to find it.",
        "",
    ]
    (DEMO / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    unregistered = assign_org_numbers()
    for target in (INBOX, REFERENCE, EXPECTED):
        if target.exists():
            shutil.rmtree(target)
    DEMO.mkdir(parents=True, exist_ok=True)
    write_reference()
    plan(unregistered)
    self_check()
    write_inbox()
    write_expected()
    write_readme()
    size = sum(len(f.content) for f in FILES)
    print(f"wrote {len(FILES)} inbox files ({size} bytes) under {DEMO.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
