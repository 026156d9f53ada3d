#!/usr/bin/env python3
"""The benchmark's aggregation in Polars (lazy frames), over a clean inbox.

    python3 Benchmarks/engines/polars_aggregate.py --data DIR --out FOLDER

The same three tables as duckdb_aggregate.py (see its docstring), the same CSV output.
Polars' thread count comes from POLARS_MAX_THREADS (the harness sets 2).
"""

import argparse
from pathlib import Path

import polars as pl

from inbox import files_by_header

DIMENSIONS = ("strategy", "technology", "organisation", "leadership")
AREAS = ("transformation_leadership", "governance_strategy", "development_innovation",
         "user_involvement_ecosystem", "technology_data")
ASSESSMENT_TYPES = {"respondent_id": pl.String, "org_number": pl.String, "assessed_on": pl.Date,
                    "role": pl.String,
                    **{d: pl.Int64 for d in DIMENSIONS},
                    **{f"{a}_{e}": pl.Int64 for a in AREAS for e in ("current", "target")}}
COMPLETION_TYPES = {"learner_id": pl.String, "org_number": pl.String, "course_id": pl.String,
                    "status": pl.String, "enrolled_on": pl.Date, "completed_on": pl.Date,
                    "minutes_spent": pl.Int64}


def scan(groups: dict[tuple[str, ...], list[str]], inbox: Path, types: dict,
         columns: list[str], ordered: bool = False) -> pl.LazyFrame:
    """One lazy frame over every file of a kind: one multi-file scan per header layout (its
    schema given, nothing inferred), each row tagged with its agency (the first folder of
    its path, nine digits) and, when `ordered`, its path and position (file, then line)."""
    frames = []
    for header, paths in groups.items():
        schema = {c: types.get(c, pl.String) for c in header}
        frame = (pl.scan_csv(paths, schema=schema, has_header=True, include_file_paths="path")
                 .select(columns + ["path"]))
        if ordered:
            frame = frame.with_row_index("line")
        frames.append(frame.with_columns(org=pl.col("path").str.slice(len(str(inbox)) + 1, 9)))
    return pl.concat(frames, how="vertical")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    data = Path(args.data).resolve()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    inbox = data / "inbox"
    groups = files_by_header(inbox)
    agency = pl.read_csv(data / "reference" / "agencies.csv", infer_schema=False).select(
        org=pl.col("org_number").str.replace_all(" ", ""), sector=pl.col("sector"))

    answer_columns = ["respondent_id", "assessed_on"] + list(DIMENSIONS) + [
        f"{a}_{e}" for a in AREAS for e in ("current", "target")]
    assessments = scan(groups["assessment"], inbox, ASSESSMENT_TYPES, answer_columns,
                       ordered=True)
    latest = (
        assessments.with_columns(year=pl.col("assessed_on").dt.year())
        .sort(["assessed_on", "path", "line"])
        .group_by(["org", "respondent_id", "year"]).last()
        .join(agency.lazy(), on="org")
        .collect())
    (latest.unpivot(index=["year", "sector"], on=list(DIMENSIONS), variable_name="dimension")
     .drop_nulls("value")
     .group_by(["year", "sector", "dimension"])
     .agg(n=pl.len(), mean=pl.col("value").mean())
     .sort(["year", "sector", "dimension"])
     .write_csv(out / "maturity.csv"))
    gaps = pl.concat([
        latest.select("year", "sector", area=pl.lit(a), cur=pl.col(f"{a}_current"),
                      tgt=pl.col(f"{a}_target")).drop_nulls(["cur", "tgt"])
        for a in AREAS])
    (gaps.group_by(["year", "sector", "area"])
     .agg(n=pl.len(), mean_current=pl.col("cur").mean(), mean_target=pl.col("tgt").mean(),
          mean_gap=(pl.col("tgt") - pl.col("cur")).mean())
     .sort(["year", "sector", "area"])
     .write_csv(out / "competence_gap.csv"))

    completions = scan(groups["completion"], inbox, COMPLETION_TYPES,
                       ["learner_id", "course_id", "status", "enrolled_on"])
    (completions
     .group_by(["org", "learner_id", "course_id", "enrolled_on"])
     .agg(completed=(pl.col("status") == "completed").any())
     .join(agency.lazy(), on="org")
     .with_columns(year=pl.col("enrolled_on").dt.year(), learner=pl.struct("org", "learner_id"))
     .group_by(["year", "course_id", "sector"])
     .agg(learners=pl.col("learner").n_unique(),
          completed=pl.col("learner").filter(pl.col("completed")).n_unique())
     .rename({"course_id": "course"})
     .sort(["year", "course", "sector"])
     .collect()
     .write_csv(out / "completion.csv"))


if __name__ == "__main__":
    main()
