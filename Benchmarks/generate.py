#!/usr/bin/env python3
"""Generate a national-shape inbox for Løft: agencies, courses, assessments, completions.

    python3 Benchmarks/generate.py --out DIR [--agencies 450] [--leaders 50000] [--years 5]
                                   [--events 5000000] [--clean] [--seed 1] [--period year]

Writes, below DIR:
- `reference/agencies.csv` — the register (SPEC §1.2): valid mod-11 org numbers; sectors in
  national proportions (of 450: 356 municipalities, 15 county municipalities, 70 state, 9
  other), 2024 county numbers, an empty county for national state agencies, `size_class`
  agreeing with `leader_count`; leader counts add up to exactly `--leaders`.
- `reference/courses.csv` — 40 courses over the five competence areas of the default model.
- `inbox/<org>/…` — per agency and year an `assessment-<year>.csv` (50–70 % of the leaders
  answer (about 3 % of agency-years skip the survey; `--assessment-years N` limits it to the
  last N years), some twice — a later day, or the same day on a later line; some large agencies add
  a supplement, `assessment-<year>-tillegg.csv` or `sendt/assessment-<year>.csv`, with late
  answers and answers given again on the same day, so that path order decides),
  and completion deliveries: `completion-<year>.csv`, split by quarter of the event date
  (`completion-<year>-q<n>.csv`) for large agencies; an enrolment's rows often lie in two
  files; a few completed enrolments have a failed attempt first (whose `completed_on` must
  be ignored), a later re-export (a later `completed_on`, more minutes) or more minutes while
  in progress than at the end; some agencies' exports include learners who are not leaders
  (reach capped at 1). `--events` is the exact total number of completion records (CSV rows
  and xAPI statements) over all agencies and years.
- `pipeline.yaml` — a pipeline definition over that inbox; `model:` is the absolute path of
  this repository's `Pipelines/models/default.yaml`; `output: out`; `period` and
  `disclosure.k` from `--period` (year) and `--k` (5).
- `expected/inputs.csv` — per file what Løft should count: `path,kind,format,rows_read,
  rows_accepted,rows_rejected,rows_duplicate`; `expected/rejects.csv` — per file and reason
  the number of rejected records this generator planted.

`--clean`: UTF-8, `,`, LF, canonical English headers, ISO dates, CSV only, no defective and
no duplicate records (what `reference_check.py` reads). Default (messy): the dialects of
SPEC §1.4 — Norwegian Excel (`;`, Windows-1252, CRLF, DD.MM.YYYY, Norwegian headers and
words, decimal comma) for about 30 % of the municipalities, UTF-8 with BOM and `;`, UTF-16 LE
with BOM and tabs, some files `.zst` (the `zstd` tool, `-3`), subfolders, spaced org numbers in
the register; about 10 % of the completion records as xAPI JSON Lines; about 0.5 % defective
records (SPEC §3 reason codes) and 0.1 % exact repeats (duplicates).

The output is a pure function of the arguments: every random choice comes from
`random.Random` seeded with a string of the seed and a label (hashed with SHA-512, so
independent of PYTHONHASHSEED); no wall clock, no directory order. Every date lies on or
before 2026-11-15, so any as-of date from 2026-11-30 on sees no `future_date` other than
the planted ones. Python 3.11 standard library only (and the `zstd` tool when messy).
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from statistics import NormalDist

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "Pipelines" / "models" / "default.yaml"

LAST_YEAR = 2026
LAST_ASSESSMENT = date(2026, 10, 31)  # no assessment after this day
LAST_ENROLMENT = date(2026, 10, 15)  # no enrolment after this day
LAST_EVENT = date(2026, 11, 15)  # no completion event after this day
COURSE_IRI = "https://learn.loft.example/courses/"
XAPI_VERB = "http://adlnet.gov/expapi/verbs/"

DIMENSIONS = ("strategy", "technology", "organisation", "leadership")
AREAS = ("transformation_leadership", "governance_strategy", "development_innovation",
         "user_involvement_ecosystem", "technology_data")
ASSESSMENT_COLUMNS = (("respondent_id", "org_number", "assessed_on", "role") + DIMENSIONS
                      + tuple(f"{a}_{e}" for a in AREAS for e in ("current", "target")))
COMPLETION_COLUMNS = ("learner_id", "org_number", "course_id", "status", "enrolled_on",
                      "completed_on", "minutes_spent")
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
ROLES = ("top_leader", "middle_manager", "team_leader", "other")
ROLE_NB = {"top_leader": "toppleder", "middle_manager": "mellomleder",
           "team_leader": "teamleder", "other": "annen"}
STATUSES = ("enrolled", "in_progress", "completed", "failed", "withdrawn")
STATUS_NB = {"enrolled": "påmeldt", "in_progress": "pågår", "completed": "fullført",
             "failed": "ikke bestått", "withdrawn": "trukket"}

# Municipalities per county in the 2024 structure (356 in all); county municipalities: one
# per county.
COUNTIES = {"03": 1, "11": 23, "15": 26, "18": 41, "31": 12, "32": 21, "33": 18, "34": 46,
            "39": 6, "40": 17, "42": 25, "46": 43, "50": 38, "55": 21, "56": 18}
COUNTY_NAMES = {"03": "Oslo", "11": "Rogaland", "15": "Møre og Romsdal", "18": "Nordland",
                "31": "Østfold", "32": "Akershus", "33": "Buskerud", "34": "Innlandet",
                "39": "Vestfold", "40": "Telemark", "42": "Agder", "46": "Vestland",
                "50": "Trøndelag", "55": "Troms", "56": "Finnmark"}

# Standard normal quantiles at 4096 evenly spaced probabilities: one `random()` per draw.
NORMAL = tuple(NormalDist().inv_cdf((i + 0.5) / 4096) for i in range(4096))
TARGET_STEP = (-1, 0, 1, 2, 3)  # target − current, with these weights in per cent:
TARGET_CUM = (3, 20, 62, 90, 100)
ROLE_SHIFT = {"top_leader": 0.35, "middle_manager": 0.1, "team_leader": -0.1, "other": -0.2}
DIMENSION_SHIFT = {"strategy": 0.2, "technology": 0.3, "organisation": -0.25, "leadership": -0.1}
AREA_SHIFT = {"transformation_leadership": 0.1, "governance_strategy": 0.3,
              "development_innovation": -0.2, "user_involvement_ecosystem": 0.0,
              "technology_data": -0.4}


class Seeds:
    """Independent random generators, one per labelled part of the data."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def __call__(self, *label: object) -> Random:
        return Random(":".join(["loft-bench", str(self.seed), *map(str, label)]))


# MARK: - Organisation numbers

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(first8: str) -> int | None:
    """The mod-11 check digit of eight digits, or None when it would be 10."""
    remainder = sum(w * int(d) for w, d in zip(WEIGHTS, first8)) % 11
    if remainder == 0:
        return 0
    check = 11 - remainder
    return None if check == 10 else check


def new_org(r: Random, taken: set[str], first: str) -> str:
    while True:
        first8 = first + f"{r.randrange(10 ** 7):07d}"
        check = check_digit(first8)
        if check is None:
            continue
        number = first8 + str(check)
        if number not in taken:
            taken.add(number)
            return number


def broken_check(number: str) -> str:
    return number[:8] + str((int(number[8]) + 1) % 10)


def spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


# MARK: - Reference data

@dataclass(frozen=True)
class Dialect:
    name: str
    delimiter: str = ","
    encoding: str = "utf-8"  # utf-8 | utf-8-sig | cp1252 | utf-16
    newline: str = "\n"
    dates: str = "iso"  # iso | dmy
    words: str = "en"  # en | nb
    headers: str = "en"  # en | nb
    decimal_comma: tuple[str, ...] = ()


CANONICAL = Dialect("csv;utf-8;lf")
EXCEL_NB = Dialect("csv;windows-1252;crlf;semicolon;nb", delimiter=";", encoding="cp1252",
                   newline="\r\n", dates="dmy", words="nb", headers="nb",
                   decimal_comma=("leadership",))
UTF8_BOM = Dialect("csv;utf-8-bom;lf;semicolon;nb", delimiter=";", encoding="utf-8-sig",
                   dates="dmy", words="nb", headers="nb")
UTF16_TAB = Dialect("csv;utf-16le;crlf;tab;nb", delimiter="\t", encoding="utf-16",
                    newline="\r\n", dates="dmy", words="nb", headers="nb")
CANONICAL_CRLF = Dialect("csv;utf-8;crlf", newline="\r\n")


@dataclass
class Leader:
    respondent: str
    learner: str
    role: str
    maturity: float
    competence: float


@dataclass
class Agency:
    org: str
    name: str
    sector: str
    county: str
    leaders: int = 1
    maturity: float = 0.0
    competence: float = 0.0
    activity: float = 1.0
    dialect: Dialect = CANONICAL
    org_column: bool = False
    xapi: bool = False
    subfolder: str = ""
    style: str = "events"  # completion rows: events | final
    compress: bool = False
    spaced: bool = False
    people: list[Leader] = field(default_factory=list)
    outsiders: list[str] = field(default_factory=list)  # learners who are not leaders

    @property
    def size_class(self) -> str:
        return "S" if self.leaders < 20 else "M" if self.leaders < 100 else "L"


@dataclass
class Course:
    course_id: str
    title: str
    provider: str
    license: str
    areas: tuple[str, ...]
    minutes: int
    weight: int


SYLLABLES_A = ("Ås", "Bø", "Fjell", "Lær", "Sør", "Vest", "Nord", "Øy", "Strand", "Elve",
               "Berg", "Dal", "Hol", "Lund", "Sand", "Stav", "Vik", "Skog", "Tys", "Gran",
               "Hå", "Rø", "Frø", "Kvæ", "Mo", "Nes", "Sol", "Ven", "Aur", "Lin")
SYLLABLES_B = ("dal", "vik", "nes", "fjord", "øy", "berg", "stad", "land", "sund", "ås",
               "heim", "rud", "å", "vær", "fold", "haug", "li", "mo", "sjø", "sæter")
STATE_WORDS = ("Direktoratet for", "Tilsynet for", "Etaten for", "Kontoret for", "Senteret for")
STATE_TOPICS = ("samferdsel", "helse", "skatt", "data", "kart", "miljø", "fiske", "landbruk",
                "utdanning", "kultur", "sikkerhet", "arbeid", "bygg", "energi", "toll",
                "beredskap", "forbrukere", "konkurranse", "statistikk", "arkiv", "språk",
                "mat", "legemidler", "strålevern", "jernbane", "luftfart", "kyst", "vei",
                "integrering", "likestilling")


def unique_name(r: Random, used: set[str], pattern: str) -> str:
    while True:
        stem = r.choice(SYLLABLES_A) + r.choice(SYLLABLES_B)
        name = pattern.format(stem)
        if name not in used:
            used.add(name)
            return name


def apportion(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to `weights` that add up to `total` (largest remainders)."""
    s = sum(weights)
    if s <= 0 or total <= 0:
        return [0] * len(weights)
    exact = [total * w / s for w in weights]
    base = [int(x) for x in exact]
    rest = total - sum(base)
    order = sorted(range(len(weights)), key=lambda i: (base[i] - exact[i], i))
    for i in order[:rest]:
        base[i] += 1
    return base


def make_agencies(n: int, leaders: int, seeds: Seeds, clean: bool) -> list[Agency]:
    r = seeds("agencies")
    county_municipalities = min(15, max(1, round(n * 15 / 450)))
    state = max(1, round(n * 70 / 450))
    municipalities = max(1, round(n * 356 / 450))
    other = n - municipalities - county_municipalities - state
    while other < 0:
        municipalities -= 1
        other += 1
    taken: set[str] = set()
    used: set[str] = set()
    agencies: list[Agency] = []
    codes = list(COUNTIES)
    for county, count in zip(codes, apportion(municipalities, list(COUNTIES.values()))):
        for _ in range(count):
            name = "Oslo kommune" if county == "03" else unique_name(r, used, "{} kommune")
            agencies.append(Agency(new_org(r, taken, "9"), name, "municipality", county))
    cm = codes[:]
    r.shuffle(cm)
    for county in sorted(cm[:county_municipalities]):
        agencies.append(Agency(new_org(r, taken, "9"), f"{COUNTY_NAMES[county]} fylkeskommune",
                               "county_municipality", county))
    for i in range(state):
        if i < state // 6:
            county = codes[i % len(codes)]
            name = f"Statsforvalteren i {COUNTY_NAMES[county]}"
            if name in used:
                name = f"{name} ({i})"
        else:
            county = ""
            name = f"{r.choice(STATE_WORDS)} {r.choice(STATE_TOPICS)}"
            while name in used:
                name = f"{r.choice(STATE_WORDS)} {r.choice(STATE_TOPICS)} {r.choice(SYLLABLES_A)}"
        used.add(name)
        agencies.append(Agency(new_org(r, taken, "9"), name, "state", county))
    for _ in range(other):
        agencies.append(Agency(new_org(r, taken, "8"), unique_name(r, used, "IKT {} IKS"),
                               "other", r.choice(codes)))
    # Leaders: heavy-tailed within each sector, scaled to add up to `leaders`.
    raw = []
    for a in agencies:
        if a.name == "Oslo kommune":
            raw.append(40.0)
        elif a.sector == "municipality":
            raw.append(r.lognormvariate(0.0, 1.0))
        elif a.sector == "county_municipality":
            raw.append(r.lognormvariate(1.3, 0.35))
        elif a.sector == "state":
            raw.append(r.lognormvariate(0.7, 1.1))
        else:
            raw.append(r.lognormvariate(-0.7, 0.7))
    counts = [max(1, c) for c in apportion(max(leaders, n), raw)]
    counts[counts.index(max(counts))] -= sum(counts) - max(leaders, n)
    for a, c in zip(agencies, counts):
        a.leaders = c
        a.maturity = r.uniform(2.2, 3.4)
        a.competence = r.uniform(2.5, 4.0)
        a.activity = r.uniform(0.5, 1.5)
        a.org_column = r.random() < 0.5
        a.style = "events" if r.random() < 0.65 else "final"
        a.subfolder = "" if r.random() < 0.8 else r.choice(("eksport", "lms/eksport", "data"))
    if not clean:
        for a in agencies:
            u = r.random()
            if a.sector == "municipality" and u < 0.30:
                a.dialect = EXCEL_NB
            elif u < 0.36:
                a.dialect = UTF8_BOM
            elif u < 0.40:
                a.dialect = UTF16_TAB
            elif u < 0.45:
                a.dialect = CANONICAL_CRLF
            a.compress = r.random() < 0.1
            a.spaced = r.random() < 0.05
        # About a tenth of the completion records come as xAPI JSON Lines from an LRS.
        weight = {a.org: a.leaders * a.activity for a in agencies}
        total = sum(weight.values())
        order = agencies[:]
        r.shuffle(order)
        share = 0.0
        for a in order:
            if share >= 0.1 * total:
                break
            if weight[a.org] <= 0.04 * total:
                a.xapi = True
                share += weight[a.org]
    agencies.sort(key=lambda a: a.org)
    return agencies


COURSE_TOPICS = (
    ("Digital transformasjon for ledere", ("transformation_leadership", "governance_strategy")),
    ("Ledelse av digital transformasjon i kommunene", ("transformation_leadership",)),
    ("Gevinstrealisering og porteføljestyring", ("governance_strategy",)),
    ("Tjenestedesign og brukerinvolvering",
     ("user_involvement_ecosystem", "development_innovation")),
    ("Innovasjon i offentlig sektor", ("development_innovation",)),
    ("Data, deling og informasjonsforvaltning", ("technology_data", "governance_strategy")),
    ("Kunstig intelligens for ledere", ("technology_data", "transformation_leadership")),
    ("Informasjonssikkerhet og personvern", ("technology_data",)),
    ("Samarbeid på tvers: økosystemer", ("user_involvement_ecosystem",)),
    ("Endringsledelse i praksis", ("transformation_leadership",)),
    ("Arkitekturprinsipper for digitalisering", ("technology_data", "governance_strategy")),
    ("Smidig utvikling og eksperimentering",
     ("development_innovation", "user_involvement_ecosystem")),
    ("Anskaffelse av digitale tjenester", ("governance_strategy",)),
    ("Skytjenester og drift", ("technology_data",)),
    ("Universell utforming av digitale tjenester", ("user_involvement_ecosystem",)),
    ("Digital strategi og styring", ("governance_strategy", "transformation_leadership")),
    ("Prosessforbedring og automatisering", ("development_innovation", "technology_data")),
    ("Innbyggerdialog og medvirkning", ("user_involvement_ecosystem",)),
    ("Datadrevet ledelse", ("technology_data", "transformation_leadership")),
    ("Kultur for innovasjon", ("development_innovation", "transformation_leadership")),
)
PROVIDERS = ("Digdir", "KS", "NTNU", "NSM", "Universitetet i Bergen", "OsloMet")
LICENSES = ("CC BY 4.0", "CC BY-SA 4.0", "NLOD 2.0")


def make_courses(seeds: Seeds, count: int = 40) -> list[Course]:
    r = seeds("courses")
    courses = []
    for i in range(count):
        title, areas = COURSE_TOPICS[i % len(COURSE_TOPICS)]
        if i >= len(COURSE_TOPICS):
            title = f"{title} – fordypning"
        courses.append(Course(f"DL{101 + i}", title, r.choice(PROVIDERS), r.choice(LICENSES),
                              areas, r.choice((30, 45, 60, 75, 90, 120, 150, 180)),
                              r.choice((1, 2, 3, 5, 8, 12))))
    return courses


def write_reference(ref: Path, agencies: list[Agency], courses: list[Course]) -> None:
    ref.mkdir(parents=True)
    lines = ["org_number,name,sector,county,size_class,leader_count"]
    for a in agencies:
        org = spaced(a.org) if a.spaced else a.org
        lines.append(",".join((org, csv_cell(a.name), a.sector, a.county, a.size_class,
                               str(a.leaders))))
    (ref / "agencies.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    lines = ["course_id,title,provider,license,areas,minutes,xapi_activity_id"]
    for c in courses:
        lines.append(",".join((c.course_id, csv_cell(c.title), csv_cell(c.provider), c.license,
                               "|".join(c.areas), str(c.minutes), COURSE_IRI + c.course_id)))
    (ref / "courses.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def csv_cell(text: str) -> str:
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


# MARK: - People

def hex_id(r: Random, prefix: str, taken: set[str]) -> str:
    while True:
        pid = f"{prefix}{r.getrandbits(48):012x}"
        if pid not in taken:
            taken.add(pid)
            return pid


def make_people(a: Agency, seeds: Seeds) -> None:
    r = seeds("people", a.org)
    n = a.leaders
    top = max(1, round(0.03 * n))
    other = round(0.06 * n)
    roles = ["top_leader"] * top + ["other"] * other
    while len(roles) < n:
        roles.append("middle_manager" if r.random() < 0.45 else "team_leader")
    roles = roles[:n]
    r.shuffle(roles)
    taken: set[str] = set()
    a.people = [Leader(hex_id(r, "r", taken), hex_id(r, "l", taken), role, r.gauss(0, 0.45),
                       r.gauss(0, 0.6)) for role in roles]
    # Some LMS exports include learners who are not leaders: their reach can pass 1 (capped).
    if r.random() < 0.05:
        a.outsiders = [hex_id(r, "l", taken) for _ in range(n // 2 + 3)]


# MARK: - Text and files

class DayText:
    """Dates as text, looked up by ordinal."""

    def __init__(self) -> None:
        start, end = date(2000, 1, 1).toordinal(), date(2032, 12, 31).toordinal()
        self.iso = {o: date.fromordinal(o).isoformat() for o in range(start, end + 1)}
        self.dmy = {o: f"{d[8:10]}.{d[5:7]}.{d[0:4]}" for o, d in self.iso.items()}

    def table(self, dialect: Dialect) -> dict[int, str]:
        return self.dmy if dialect.dates == "dmy" else self.iso


DAYS = DayText()


@dataclass
class Planned:
    """One file as written, and the counts Løft should report for it."""
    path: str
    kind: str
    fmt: str
    rows: int = 0
    rejected: int = 0
    duplicate: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)


def zstd(data: bytes) -> bytes:
    return subprocess.run(["zstd", "-q", "--no-progress", "-3", "-c"], input=data,
                          capture_output=True, check=True).stdout


def write_delivery(inbox: Path, a: Agency, name: str, header: list[str], rows: list[list[str]],
                   dialect: Dialect, compress: bool) -> str:
    """Write one CSV delivery; returns its path relative to the inbox."""
    rel = "/".join(x for x in (a.org, a.subfolder, name) if x)
    sep, nl = dialect.delimiter, dialect.newline
    parts = [sep.join(header)]
    parts.extend(sep.join(row) for row in rows)
    data = encode(nl.join(parts) + nl, dialect.encoding)
    if compress:
        data = zstd(data)
        rel += ".zst"
    path = inbox / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return rel


# MARK: - Assessments

def answers(a: Agency, p: Leader, year: int, r: Random, top: int) -> list[str]:
    """One row's answer cells (four dimensions, then current/target per area)."""
    cells = []
    base = a.maturity + 0.15 * (year - 2024) + p.maturity + ROLE_SHIFT[p.role]
    for d in DIMENSIONS:
        if r.random() < 0.04:
            cells.append("")
        else:
            v = round(base + DIMENSION_SHIFT[d] + 0.6 * NORMAL[int(r.random() * 4096)])
            cells.append(str(1 if v < 1 else top if v > top else v))
    base = a.competence + 0.2 * (year - 2024) + p.competence + ROLE_SHIFT[p.role]
    for area in AREAS:
        v = round(base + AREA_SHIFT[area] + 0.7 * NORMAL[int(r.random() * 4096)])
        cur = 1 if v < 1 else 8 if v > 8 else v
        tgt = cur + TARGET_STEP[bisect_right(TARGET_CUM, r.random() * 100)]
        tgt = 1 if tgt < 1 else 8 if tgt > 8 else tgt
        u = r.random()
        c, t = str(cur), str(tgt)
        if u < 0.03:
            c = t = ""
        elif u < 0.05:
            t = ""
        elif u < 0.06:
            c = ""
        cells += [c, t]
    u = r.random()
    if u < 0.01:
        cells[:4] = ["", "", "", ""]  # competence only
    elif u < 0.02:
        cells[4:] = [""] * 10  # maturity only
    if not any(cells):
        cells[0] = "3"
    return cells


def campaign(r: Random, year: int) -> tuple[int, int]:
    month, day = r.choice(((2, 1), (3, 1), (4, 10), (9, 1), (9, 20)))
    start = date(year, month, day).toordinal()
    end = min(start + 45, date(year, 12, 31).toordinal(), LAST_ASSESSMENT.toordinal())
    return start, end


def assessment_rows(a: Agency, year: int, seeds: Seeds) -> list[tuple[int, str, list[str]]]:
    """(day ordinal, respondent, [role, answers…]) in the order of the file."""
    r = seeds("assessments", a.org, year)
    top = 5 if year < 2024 else 6
    rate = r.uniform(0.5, 0.7)
    start, end = campaign(r, year)
    last = min(date(year, 12, 31), LAST_ASSESSMENT).toordinal()
    rows = []
    for p in a.people:
        if r.random() >= rate:
            continue
        day = r.randint(start, end)
        first = answers(a, p, year, r, top)
        rows.append((day, p.respondent, [p.role] + first))
        if r.random() < 0.08:
            if r.random() < 0.3 or day >= last:
                later = day  # the same day: the later line counts
            else:
                later = r.randint(day + 1, min(day + 150, last))
            second = answers(a, p, year, r, top)
            while second == first:
                second = answers(a, p, year, r, top)
            rows.append((later, p.respondent, [p.role] + second))
    rows.sort(key=lambda row: row[0])  # stable: a same-day second answer stays after the first
    return rows


# MARK: - Completions

@dataclass
class Enrolment:
    learner: str
    course: int
    enrolled: int
    outcome: str
    progress: int
    finished: int
    m1: int
    m2: int
    twist: str = ""  # events style: retake | reexport | reset (see csv_completion_rows)


def enrolments(a: Agency, year: int, courses: list[Course], seeds: Seeds):
    """Enrolments of one agency and year, as many as the caller takes (or until every
    learner, course and day is used). The hot loop of the generator: plain floats from
    `random()` instead of `randint`/`choices`, locals bound once."""
    r = seeds("enrolments", a.org, year)
    rnd = r.random
    active = [p.learner for p in a.people if rnd() < 0.75] or [a.people[0].learner]
    active += a.outsiders
    n_active = len(active)
    first = date(year, 1, 2).toordinal()
    span = min(date(year, 12, 20), LAST_ENROLMENT).toordinal() - first + 1
    last_event = LAST_EVENT.toordinal()
    cum = []
    total = 0
    for c in courses:
        total += c.weight
        cum.append(total)
    minutes = [c.minutes for c in courses]
    seen: set[tuple[str, int, int]] = set()
    outcome_cum = (10, 30, 85, 90, 100)  # enrolled, in_progress, completed, failed, withdrawn
    misses = 0
    while misses < 10_000:
        learner = active[int(rnd() * n_active)]
        course = bisect_right(cum, rnd() * total)
        day = first + int(rnd() * span)
        key = (learner, course, day)
        if key in seen:
            misses += 1
            continue
        misses = 0
        seen.add(key)
        outcome = STATUSES[bisect_right(outcome_cum, rnd() * 100)]
        progress = finished = 0
        m1 = m2 = 0
        if outcome != "enrolled":
            progress = day + int(rnd() * 7)
            half = minutes[course] // 2
            m1 = 5 + int(rnd() * max(1, half - 4))
            m2 = m1
            if outcome != "in_progress":
                finished = progress + 1 + int(rnd() * 80)
                if finished > last_event:
                    outcome, finished = "in_progress", 0
                else:
                    m2 = m1 + half + int(rnd() * (minutes[course] - half + 31))
        twist = ""
        if outcome == "completed":
            u = rnd()
            twist = ("retake" if u < 0.02 and finished > progress + 1 else
                     "reexport" if u < 0.04 and finished + 20 <= last_event else
                     "reset" if u < 0.06 else "")
        yield Enrolment(learner, course, day, outcome, progress, finished, m1, m2, twist)


def csv_completion_rows(e: Enrolment, style: str, course_id: str, org: str | None,
                        days: dict[int, str], words: dict[str, str]) -> list[tuple[int, list[str]]]:
    """(event day, cells) per CSV record of one enrolment."""
    def row(status: str, completed: str, mins: str) -> list[str]:
        cells = [e.learner, course_id, words[status], days[e.enrolled], completed, mins]
        if org is not None:
            cells.insert(1, org)
        return cells
    final = e.outcome in ("completed", "failed", "withdrawn")
    if style == "final":
        if e.outcome == "enrolled":
            return [(e.enrolled, row("enrolled", "", ""))]
        if e.outcome == "in_progress":
            return [(e.progress, row("in_progress", "", str(e.m1)))]
        done = days[e.finished] if e.outcome == "completed" else ""
        return [(e.finished, row(e.outcome, done, str(e.m2)))]
    rows = [(e.enrolled, row("enrolled", "", ""))]
    if e.outcome != "enrolled":
        # reset: the LMS reported more minutes while in progress than at the end (the
        # largest value counts).
        m1 = e.m2 + 15 if e.twist == "reset" else e.m1
        rows.append((e.progress, row("in_progress", "", str(m1))))
    if e.twist == "retake":
        # A failed attempt first, carrying a completed_on that must be ignored (not completed).
        rows.append((e.finished - 1, row("failed", days[e.progress], str(e.m1 + 1))))
    if final:
        done = days[e.finished] if e.outcome == "completed" else ""
        rows.append((e.finished, row(e.outcome, done, str(e.m2))))
    if e.twist == "reexport":
        # The completion exported again later: a later completed_on (the earliest counts)
        # and more minutes (the largest counts).
        rows.append((e.finished + 20, row("completed", days[e.finished + 20], str(e.m2 + 10))))
    return rows


def new_uuid(r: Random) -> str:
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


def xapi_statements(e: Enrolment, iri: str, r: Random) -> list[tuple[int, str, tuple]]:
    """(event day, JSON line, (learner, course, registration, verb, minutes)) per statement
    of one enrolment."""
    registration = reg_id = ""
    crosses = e.finished and date.fromordinal(e.finished).year != date.fromordinal(e.enrolled).year
    if crosses or r.random() < 0.5:
        reg_id = new_uuid(r)
        registration = ',"context":{"registration":"' + reg_id + '"}'

    def st(verb: str, day: int, mins: int) -> tuple[int, str, tuple]:
        d = date.fromordinal(day)
        offset = "+02:00" if 4 <= d.month <= 9 else "+01:00"
        stamp = f"{DAYS.iso[day]}T{r.randrange(7, 17):02d}:{r.randrange(60):02d}:00{offset}"
        result = f',"result":{{"duration":"PT{mins}M"}}' if mins else ""
        return day, ('{"id":"' + new_uuid(r) + '","actor":{"objectType":"Agent","account":'
                     '{"homePage":"https://id.loft.example","name":"' + e.learner + '"}},'
                     '"verb":{"id":"' + XAPI_VERB + verb + '"},"object":{"objectType":'
                     '"Activity","id":"' + iri + '"},"timestamp":"' + stamp + '"' + result
                     + registration + "}"), (e.learner, e.course, reg_id, verb, mins)
    out = [st("registered", e.enrolled, 0)]
    if e.outcome != "enrolled":
        out.append(st("launched", e.progress, e.m1))
    if e.outcome in ("completed", "failed"):
        verb = "failed" if e.outcome == "failed" else r.choice(("completed", "passed"))
        out.append(st(verb, e.finished, e.m2 - e.m1))
    elif e.outcome == "withdrawn":
        out.append(st("terminated", e.finished, e.m2 - e.m1))
    return out


# MARK: - The clean twin of a messy inbox

class Twin:
    """With `--twin`: the accepted records of the messy inbox again, as a clean inbox
    (canonical UTF-8 CSV, English headers and words, ISO dates) under DIR/twin/, with its own
    pipeline.yaml. Løft's snapshot of the messy inbox must then equal what
    `reference_check.py --no-inputs` computes from the twin: every dialect, the xAPI mapping
    and folding, and every rejection, checked through to the statistics."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.collisions = 0

    def __bool__(self) -> bool:
        return self.folder is not None

    def write(self, rel: str, header: list[str], rows: list[list[str]]) -> None:
        assert self.folder is not None
        path = self.folder / "inbox" / (rel[:-4] if rel.endswith(".zst") else rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(("\n".join([",".join(header)] + [",".join(r) for r in rows]) + "\n")
                         .encode("utf-8"))

    def xapi(self, rel: str, year: int, metas: list[tuple], days: list[int],
             course_ids: list[str]) -> None:
        """Fold accepted statements as SPEC §1.3 does — by learner, course and registration
        (or the statement's calendar year) — into one canonical CSV row per enrolment."""
        folded: dict[tuple, list] = {}
        for (learner, course, registration, verb, mins), day in zip(metas, days):
            key = (learner, course, registration or date.fromordinal(day).year)
            e = folded.setdefault(key, [day, 0, None, 0, False])  # enrolled, rank, done, s, d
            e[0] = min(e[0], day)
            if verb in ("completed", "passed"):
                e[1] = max(e[1], 4)
                e[2] = day if e[2] is None else min(e[2], day)
            elif verb == "failed":
                e[1] = max(e[1], 3)
            if mins:
                e[3] += mins * 60
                e[4] = True
        rows, seen = [], set()
        for (learner, course, _), (enrolled, rank, done, seconds, timed) in folded.items():
            if (learner, course, enrolled) in seen:
                self.collisions += 1  # two xAPI enrolments on one day: CSV would fold them
            seen.add((learner, course, enrolled))
            status = {0: "enrolled", 3: "failed", 4: "completed"}[rank]
            rows.append([learner, course_ids[course], status, DAYS.iso[enrolled],
                         DAYS.iso[done] if rank == 4 else "",
                         str((seconds + 30) // 60) if timed else ""])
        rows.sort()
        folder = rel.rsplit("/", 1)[0]
        self.write(f"{folder}/completion-xapi-{year}.csv", ["learner_id", "course_id", "status", "enrolled_on", "completed_on",
                         "minutes_spent"], rows)


# MARK: - Faults (messy mode)

class Faults:
    """Plants defective records and exact repeats, and counts them per file."""

    RATE = 0.005
    REPEAT = 0.001

    def __init__(self, r: Random, unregistered: str, other_org: tuple[str, str]) -> None:
        self.r = r
        self.unregistered = unregistered
        self.other_org = other_org

    def positions(self, n: int) -> tuple[set[int], set[int]]:
        """Rows to make defective and rows to repeat (never both, never in small files)."""
        if n < 40:
            return set(), set()
        bad = set(self.sample(n, self.RATE))
        repeat: set[int] = set()
        for i in self.sample(n, self.REPEAT):
            if i >= 1 and i not in bad and i - 1 not in bad and i - 1 not in repeat:
                repeat.add(i)
        return bad, repeat

    def sample(self, n: int, p: float):
        """Positions below n, each chosen with probability p (geometric gaps)."""
        r, log_q = self.r, math.log(1.0 - p)
        i = int(math.log(1.0 - r.random()) / log_q)
        while i < n:
            yield i
            i += 1 + int(math.log(1.0 - r.random()) / log_q)

    def assessment(self, cells: list[str], cols: list[str], a: Agency, days_kind: str) -> str:
        """Make one assessment row defective in place; returns the reason."""
        r = self.r
        choices = ["bad_date", "future_date", "out_of_range", "missing_required", "no_answers",
                   "malformed_row"]
        if "org_number" in cols:
            choices += ["bad_org_number", "unknown_org", "org_mismatch"]
        reason = r.choice(choices)
        at = cols.index
        if reason == "bad_date":
            cells[at("assessed_on")] = r.choice(("2025-02-30", "31.04.2025", "25-03-01"))
        elif reason == "future_date":
            cells[at("assessed_on")] = "2031-03-15" if days_kind == "iso" else "15.03.2031"
        elif reason == "out_of_range":
            cells[at("strategy")] = r.choice(("7", "0", "abc") if a.dialect.delimiter == ","
                                             else ("7", "0", "3,5", "abc"))
        elif reason == "missing_required":
            cells[at(r.choice(("respondent_id", "role")))] = ""
        elif reason == "no_answers":
            for i in range(at("strategy"), len(cols)):
                cells[i] = ""
        elif reason == "malformed_row":
            cells.append("x")
        elif reason == "bad_org_number":
            cells[at("org_number")] = broken_check(a.org)
        elif reason == "unknown_org":
            cells[at("org_number")] = self.unregistered
        else:
            cells[at("org_number")] = self.other_org[0] if a.org != self.other_org[0] \
                else self.other_org[1]
        return reason

    def completion(self, cells: list[str], cols: list[str], a: Agency, dialect: Dialect,
                   words: dict[str, str]) -> str:
        r = self.r
        choices = ["unknown_course", "bad_status", "bad_date", "future_date", "out_of_range",
                   "malformed_row", "missing_required"]
        if "org_number" in cols:
            choices += ["bad_org_number", "unknown_org", "org_mismatch"]
        if cells[cols.index("status")] == words["completed"]:
            choices += ["completion_before_enrolment", "missing_required"]
        reason = r.choice(choices)
        at = cols.index
        if reason == "unknown_course":
            cells[at("course_id")] = "DL999"
        elif reason == "bad_status":
            cells[at("status")] = "done"
        elif reason == "bad_date":
            cells[at("enrolled_on")] = "2025-02-30" if dialect.dates == "iso" else "30.02.2025"
        elif reason == "future_date":
            cells[at("enrolled_on")] = "2031-03-15" if dialect.dates == "iso" else "15.03.2031"
        elif reason == "out_of_range":
            cells[at("minutes_spent")] = r.choice(("-5", "1 200") if dialect.delimiter == ","
                                                  else ("-5", "1 200", "12,5"))
        elif reason == "malformed_row":
            cells.append("x")
        elif reason == "missing_required":
            if cells[at("status")] == words["completed"] and r.random() < 0.5:
                cells[at("completed_on")] = ""
            else:
                cells[at(r.choice(("learner_id", "course_id", "enrolled_on")))] = ""
        elif reason == "completion_before_enrolment":
            enrolled = cells[at("enrolled_on")]
            day = (date.fromisoformat(enrolled) if dialect.dates == "iso"
                   else date(int(enrolled[6:]), int(enrolled[3:5]), int(enrolled[:2])))
            before = (day - timedelta(days=3)).toordinal()
            cells[at("completed_on")] = DAYS.table(dialect)[before]
        elif reason == "bad_org_number":
            cells[at("org_number")] = broken_check(a.org)
        elif reason == "unknown_org":
            cells[at("org_number")] = self.unregistered
        else:
            cells[at("org_number")] = self.other_org[0] if a.org != self.other_org[0] \
                else self.other_org[1]
        return reason

    def statement(self, line: str) -> tuple[str, str]:
        reason = self.r.choice(("malformed_row", "unknown_course", "missing_required"))
        if reason == "malformed_row":
            return line[: len(line) // 2], reason
        if reason == "unknown_course":
            return line.replace(COURSE_IRI + "DL", COURSE_IRI + "XX", 1), reason
        start = line.index('"id":"')
        return line[:start] + line[start + 44:], reason  # drop `"id":"<36 characters>",`


# MARK: - The run

def header_for(cols: list[str], dialect: Dialect) -> list[str]:
    return [NB_HEADERS[c] if dialect.headers == "nb" else c for c in cols]


def generate(args: argparse.Namespace) -> None:
    out = Path(args.out).resolve()
    seeds = Seeds(args.seed)
    clean = args.clean
    for sub in ("inbox", "reference", "expected", "twin"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    out.mkdir(parents=True, exist_ok=True)
    inbox = out / "inbox"
    inbox.mkdir()
    agencies = make_agencies(args.agencies, args.leaders, seeds, clean)
    courses = make_courses(seeds)
    write_reference(out / "reference", agencies, courses)
    for a in agencies:
        make_people(a, seeds)
    years = list(range(LAST_YEAR - args.years + 1, LAST_YEAR + 1))
    assessment_years = min(args.years, args.assessment_years or args.years)
    planned: list[Planned] = []
    fr = seeds("faults")
    taken = {a.org for a in agencies}
    unregistered = new_org(seeds("unregistered"), taken, "9")
    faults = Faults(fr, unregistered, (agencies[0].org, agencies[1].org))
    twin = Twin(out / "twin" if args.twin and not clean else None)

    # -- Assessments
    for a in agencies:
        dialect = a.dialect
        days = DAYS.table(dialect)
        cols = list(ASSESSMENT_COLUMNS)
        if not a.org_column:
            cols.remove("org_number")
        header = header_for(cols, dialect)
        role_words = ROLE_NB if dialect.words == "nb" else {x: x for x in ROLES}
        comma = [cols.index(c) for c in dialect.decimal_comma if c in cols]
        for year in years[len(years) - assessment_years:]:
            if seeds("skip-assessment", a.org, year).random() < 0.03:
                continue  # this agency ran no survey this year (it may still deliver courses)
            rows = assessment_rows(a, year, seeds)
            if not rows:
                continue
            r = seeds("assessment-files", a.org, year)
            cells_rows = []  # (cells as written, canonical cells for the twin)
            for day, respondent, rest in rows:
                cells = [respondent, days[day], role_words[rest[0]]] + rest[1:]
                canon = [respondent, DAYS.iso[day], rest[0]] + rest[1:] if twin else None
                if a.org_column:
                    cells.insert(1, a.org)
                    if canon:
                        canon.insert(1, a.org)
                for i in comma:
                    if cells[i]:
                        cells[i] += ",0"
                cells_rows.append((cells, canon))
            main, extra = cells_rows, []
            # Large agencies sometimes send a supplement: late answers, and answers given
            # again on the same day (then the later file in path order counts).
            supplement = r.choice((f"assessment-{year}-tillegg.csv",
                                   f"sendt/assessment-{year}.csv"))
            if a.size_class == "L" and r.random() < 0.3:
                main, extra = [], []
                first_answer = cols.index("role") + 1
                for cells, canon in cells_rows:
                    u = r.random()
                    if u < 0.05:
                        extra.append((cells, canon))
                        continue
                    main.append((cells, canon))
                    if u < 0.07:
                        again = list(cells)
                        i = next((j for j in range(first_answer, len(again)) if again[j]),
                                 first_answer)
                        again[i] = "2" if again[i][:1] == "1" else "1"
                        again_canon = None
                        if canon:
                            again_canon = list(canon)
                            again_canon[i] = again[i]
                        extra.append((again, again_canon))
            for name, pairs in ((f"assessment-{year}.csv", main), (supplement, extra)):
                if not pairs:
                    continue
                part = [cells for cells, _ in pairs]
                plan = Planned("", "assessment", "csv", rows=len(part))
                bad, repeat = set(), set()
                if not clean:
                    bad, repeat = faults.positions(len(part))
                    for i in sorted(bad):
                        reason = faults.assessment(part[i], cols, a, dialect.dates)
                        plan.rejected += 1
                        plan.reasons[reason] = plan.reasons.get(reason, 0) + 1
                    if repeat:
                        part = [list(part[i - 1]) if i in repeat else part[i]
                                for i in range(len(part))]
                        plan.duplicate = len(repeat)
                plan.path = write_delivery(inbox, a, name, header, part, dialect, a.compress)
                planned.append(plan)
                if twin:
                    twin.write(plan.path, cols, [canon for i, (_, canon) in enumerate(pairs)
                                                 if i not in bad and i not in repeat])

    # -- Completions: exactly `--events` records over agencies and years.
    growth = {y: (1.0 + 0.15 * i) * (10 / 12 if y == LAST_YEAR else 1.0)
              for i, y in enumerate(years)}
    cells_ay = [(a, y) for a in agencies for y in years]
    budgets = apportion(args.events, [a.leaders * a.activity * growth[y] for a, y in cells_ay])
    course_ids = [c.course_id for c in courses]
    iris = [COURSE_IRI + c.course_id for c in courses]
    for (a, year), budget in zip(cells_ay, budgets):
        if budget <= 0:
            continue
        dialect = a.dialect
        r = seeds("completion-files", a.org, year)
        if a.xapi:
            records: list[tuple[int, str, tuple]] = []
            for e in enrolments(a, year, courses, seeds):
                records.extend(xapi_statements(e, iris[e.course], r))
                if len(records) >= budget:
                    break
            del records[budget:]
            records.sort(key=lambda x: x[0])
            lines = [line for _, line, _ in records]
            plan = Planned("", "completion", "xapi", rows=len(lines))
            bad, repeat = set(), set()
            if not clean:
                bad, repeat = faults.positions(len(lines))
                for i in sorted(bad):
                    lines[i], reason = faults.statement(lines[i])
                    plan.rejected += 1
                    plan.reasons[reason] = plan.reasons.get(reason, 0) + 1
                for i in sorted(repeat):
                    lines[i] = lines[i - 1]
                plan.duplicate = len(repeat)
            rel = "/".join(x for x in (a.org, a.subfolder, f"lrs-{year}.jsonl") if x)
            data = ("\n".join(lines) + "\n").encode("utf-8")
            if a.compress:
                data = zstd(data)
                rel += ".zst"
            (inbox / rel).parent.mkdir(parents=True, exist_ok=True)
            (inbox / rel).write_bytes(data)
            plan.path = rel
            planned.append(plan)
            if twin:
                kept = [i for i in range(len(records)) if i not in bad and i not in repeat]
                twin.xapi(rel, year, [records[i][2] for i in kept],
                          [records[i][0] for i in kept], course_ids)
            continue
        days = DAYS.table(dialect)
        words = STATUS_NB if dialect.words == "nb" else {s: s for s in STATUSES}
        cols = list(COMPLETION_COLUMNS)
        if not a.org_column:
            cols.remove("org_number")
        org = a.org if a.org_column else None
        events: list[tuple[int, list[str], list[str] | None]] = []
        for e in enrolments(a, year, courses, seeds):
            rows = csv_completion_rows(e, a.style, course_ids[e.course], org, days, words)
            if twin:
                canon = csv_completion_rows(e, a.style, course_ids[e.course], org, DAYS.iso,
                                            {x: x for x in STATUSES})
                events.extend((day, cells, c) for (day, cells), (_, c) in zip(rows, canon))
            else:
                events.extend((day, cells, None) for day, cells in rows)
            if len(events) >= budget:
                break
        del events[budget:]
        events.sort(key=lambda x: x[0])
        # Large agencies deliver a file per quarter of the event date (the enrolment year's).
        if a.size_class == "L" and len(events) > 2000:
            parts: dict[int, list[tuple]] = {}
            for day, cells, canon in events:
                d = date.fromordinal(day)
                q = 4 if d.year > year else (d.month - 1) // 3 + 1
                parts.setdefault(q, []).append((cells, canon))
            files = [(f"completion-{year}-q{q}.csv", parts[q]) for q in sorted(parts)]
        else:
            files = [(f"completion-{year}.csv", [(cells, canon) for _, cells, canon in events])]
        header = header_for(cols, dialect)
        for name, pairs in files:
            part = [cells for cells, _ in pairs]
            plan = Planned("", "completion", "csv", rows=len(part))
            bad, repeat = set(), set()
            if not clean:
                bad, repeat = faults.positions(len(part))
                for i in sorted(bad):
                    reason = faults.completion(part[i], cols, a, dialect, words)
                    plan.rejected += 1
                    plan.reasons[reason] = plan.reasons.get(reason, 0) + 1
                for i in sorted(repeat):
                    part[i] = list(part[i - 1])
                plan.duplicate = len(repeat)
            plan.path = write_delivery(inbox, a, name, header, part, dialect, a.compress)
            planned.append(plan)
            if twin:
                twin.write(plan.path, cols, [canon for i, (_, canon) in enumerate(pairs)
                                             if i not in bad and i not in repeat])

    write_expected(out / "expected", planned)
    if twin:
        (out / "twin" / "inbox").mkdir(parents=True, exist_ok=True)
        write_pipeline(out / "twin", args.period, args.k, "../reference/")
        if twin.collisions:
            print(f"generate: {twin.collisions} xAPI enrolments share a learner, course and "
                  "day in the twin (CSV folds them; the twin is then not exact)", file=sys.stderr)
    write_pipeline(out, args.period, args.k)
    total_rows = sum(p.rows for p in planned if p.kind == "completion")
    print(f"generated {len(agencies)} agencies, {sum(a.leaders for a in agencies)} leaders, "
          f"{len(planned)} files, {total_rows} completion records, "
          f"{sum(p.rows for p in planned if p.kind == 'assessment')} assessment rows in {out}",
          file=sys.stderr)


def write_expected(folder: Path, planned: list[Planned]) -> None:
    folder.mkdir()
    planned.sort(key=lambda p: p.path.encode())
    lines = ["path,kind,format,rows_read,rows_accepted,rows_rejected,rows_duplicate"]
    reasons = ["path,reason,count"]
    for p in planned:
        accepted = p.rows - p.rejected - p.duplicate
        lines.append(f"{p.path},{p.kind},{p.fmt},{p.rows},{accepted},{p.rejected},{p.duplicate}")
        for reason in sorted(p.reasons):
            reasons.append(f"{p.path},{reason},{p.reasons[reason]}")
    (folder / "inputs.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "rejects.csv").write_text("\n".join(reasons) + "\n", encoding="utf-8")


def write_pipeline(out: Path, period: str, k: int, reference: str = "reference/") -> None:
    text = f"""# Generated by Benchmarks/generate.py: a national-shape inbox.
name: bench
inbox: inbox
register: {reference}agencies.csv
catalogue: {reference}courses.csv
model: {MODEL}
output: out
period: {period}
disclosure: {{ k: {k} }}
quarantine: {{ max_reject_rate: 0.2 }}
sources:
  - {{ kind: assessment, format: csv,  glob: "**/assessment*" }}
  - {{ kind: completion, format: csv,  glob: "**/completion*.csv*" }}
  - {{ kind: completion, format: xapi, glob: "**/*.json*" }}
"""
    (out / "pipeline.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="folder to write into")
    p.add_argument("--agencies", type=int, default=450)
    p.add_argument("--leaders", type=int, default=50000)
    p.add_argument("--years", type=int, default=5, help="the last N years up to 2026")
    p.add_argument("--assessment-years", type=int, default=0,
                   help="assessments in the last N of the years only (default: all); the "
                        "earlier years then have completions only")
    p.add_argument("--events", type=int, default=5_000_000,
                   help="completion records (CSV rows and xAPI statements) in all")
    p.add_argument("--clean", action="store_true",
                   help="canonical UTF-8 CSV only, no defective or repeated records")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--twin", action="store_true",
                   help="messy only: also write DIR/twin/, the accepted records as a clean "
                        "inbox with its own pipeline.yaml (for reference_check.py --no-inputs)")
    p.add_argument("--period", choices=("year", "half", "quarter"), default="year",
                   help="the period written into pipeline.yaml")
    p.add_argument("--k", type=int, default=5, help="disclosure k written into pipeline.yaml")
    args = p.parse_args()
    if args.agencies < 4 or args.years < 1 or args.leaders < 1 or args.events < 0:
        p.error("need --agencies ≥ 4, --years ≥ 1, --leaders ≥ 1, --events ≥ 0")
    generate(args)


if __name__ == "__main__":
    main()
