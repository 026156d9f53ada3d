#!/usr/bin/env python3
"""The benchmark's aggregation in DuckDB, over a clean inbox from Benchmarks/generate.py.

    python3 Benchmarks/engines/duckdb_aggregate.py --data DIR --out FOLDER [--threads 2]

Reads every CSV file below DIR/inbox (the agency is the first folder of the path) and
DIR/reference/agencies.csv, and writes three CSV files into FOLDER:
- maturity.csv: year × sector × dimension — n and mean over each respondent's latest answer
  per year (latest date, then the later file in path order, then the later line);
- competence_gap.csv: year × sector × area — n, mean current, mean target, mean gap, over the
  latest answers that give both current and target;
- completion.csv: year × course × sector — distinct learners, and distinct learners who
  completed, after folding rows into enrolments (agency, learner, course, enrolled_on).
The year is that of `assessed_on` and of `enrolled_on`. polars_aggregate.py computes the same;
engines/compare.py checks both against Løft's snapshot. In memory; `--threads` threads.
"""

import argparse
from pathlib import Path

import duckdb

from inbox import files_by_header

DIMENSIONS = ("strategy", "technology", "organisation", "leadership")
AREAS = ("transformation_leadership", "governance_strategy", "development_innovation",
         "user_involvement_ecosystem", "technology_data")
TYPES = {"assessed_on": "DATE", "enrolled_on": "DATE", "completed_on": "DATE",
         **{d: "INTEGER" for d in DIMENSIONS}, "minutes_spent": "BIGINT",
         **{f"{a}_{e}": "INTEGER" for a in AREAS for e in ("current", "target")}}


def scan(groups: dict[tuple[str, ...], list[str]], inbox: Path, wanted: list[str]) -> str:
    """SQL for the wanted columns of every file of a kind, plus org and filename: one
    read_csv per header layout, no sniffing."""
    parts = []
    for header, paths in groups.items():
        columns = "{" + ", ".join(f"'{c}': '{TYPES.get(c, 'VARCHAR')}'" for c in header) + "}"
        parts.append(
            f"SELECT regexp_extract(filename, '^{inbox}/([0-9]+)/', 1) AS org, filename, "
            f"{', '.join(wanted)} FROM read_csv({paths!r}, header = true, auto_detect = false, "
            f"delim = ',', quote = '\"', columns = {columns}, filename = true)")
    # Within one read_csv the rows keep file and line order (preserve_insertion_order), which
    # is all the latest-answer rule needs after date and filename.
    return " UNION ALL ".join(parts)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    data = Path(args.data).resolve()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    inbox = data / "inbox"
    groups = files_by_header(inbox)

    con = duckdb.connect()  # in memory
    con.execute(f"SET threads = {args.threads}")
    con.execute("SET preserve_insertion_order = true")  # rowid follows file and line order
    con.execute(f"""
        CREATE TABLE agency AS
        SELECT replace(org_number, ' ', '') AS org, sector
        FROM read_csv('{data}/reference/agencies.csv', header = true, all_varchar = true)""")
    answers = list(DIMENSIONS) + [f"{a}_{e}" for a in AREAS for e in ("current", "target")]
    con.execute(f"CREATE TABLE assessment AS "
                f"{scan(groups['assessment'], inbox, ['respondent_id', 'assessed_on'] + answers)}")
    con.execute("""
        CREATE TABLE latest AS
        SELECT * EXCLUDE (nth) FROM (
          SELECT a.*, year(assessed_on) AS year, g.sector,
                 row_number() OVER (PARTITION BY a.org, respondent_id, year(assessed_on)
                                    ORDER BY assessed_on DESC, filename DESC, a.rowid DESC) AS nth
          FROM assessment a JOIN agency g USING (org))
        WHERE nth = 1""")
    con.execute(f"""
        COPY (
          SELECT year, sector, dimension, count(value) AS n, avg(value) AS mean
          FROM (UNPIVOT latest ON {', '.join(DIMENSIONS)} INTO NAME dimension VALUE value)
          GROUP BY ALL ORDER BY ALL
        ) TO '{out}/maturity.csv' (HEADER)""")
    per_area = " UNION ALL ".join(
        f"SELECT year, sector, '{a}' AS area, {a}_current AS cur, {a}_target AS tgt FROM latest"
        f" WHERE {a}_current IS NOT NULL AND {a}_target IS NOT NULL" for a in AREAS)
    con.execute(f"""
        COPY (
          SELECT year, sector, area, count(*) AS n, avg(cur) AS mean_current,
                 avg(tgt) AS mean_target, avg(tgt - cur) AS mean_gap
          FROM ({per_area})
          GROUP BY ALL ORDER BY ALL
        ) TO '{out}/competence_gap.csv' (HEADER)""")
    rows = scan(groups["completion"], inbox, ["learner_id", "course_id", "status", "enrolled_on"])
    con.execute(f"""
        COPY (
          WITH enrolment AS (
            SELECT org, learner_id, course_id, enrolled_on,
                   bool_or(status = 'completed') AS completed
            FROM ({rows}) GROUP BY ALL)
          SELECT year(enrolled_on) AS year, course_id AS course, g.sector,
                 count(DISTINCT (org, learner_id)) AS learners,
                 count(DISTINCT (org, learner_id)) FILTER (WHERE completed) AS completed
          FROM enrolment JOIN agency g USING (org)
          GROUP BY ALL ORDER BY ALL
        ) TO '{out}/completion.csv' (HEADER)""")


if __name__ == "__main__":
    main()
