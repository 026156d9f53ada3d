#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora under Fuzz/corpus/<target>/ from Fixtures/ and Pipelines/.

Small pieces of real deliveries, one per dialect and form, so that libFuzzer starts from inputs
that reach the row and statement checks. Deterministic; rerun after the fixtures change:

    python3 Fuzz/make-corpus.py
"""
import hashlib
import json
import pathlib
import shutil

root = pathlib.Path(__file__).resolve().parent.parent
inbox = root / "Fixtures/demo/inbox"
corpus = root / "Fuzz/corpus"
limit = 2048  # bytes; seeds stay small so the fuzzer mutates quickly


def lines(data: bytes, count: int, newline: bytes = b"\n") -> bytes:
    """The first `count` lines, cut at a line end, at most `limit` bytes."""
    parts = data.split(newline)
    taken = newline.join(parts[:count]) + newline
    while len(taken) > limit and count > 2:
        count -= 1
        taken = newline.join(parts[:count]) + newline
    return taken


def utf16_lines(data: bytes, count: int) -> bytes:
    text = data.decode("utf-16")  # drops the BOM
    head = "\r\n".join(text.split("\r\n")[:count]) + "\r\n"
    return b"\xff\xfe" + head.encode("utf-16-le")


def write(target: str, name: str, data: bytes) -> None:
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def main() -> None:
    shutil.rmtree(corpus, ignore_errors=True)

    # CSV: every dialect of the demo, and the small fixture's.
    csv_seeds = {
        "utf8-lf-comma.csv": ("803778574/assessment-2024.csv", 6, b"\n"),
        "utf8-cr.csv": ("954235750/assessment-2024.csv", 6, b"\r"),
        "cp1252-crlf-completion.csv": ("958703023/completion-2025.csv", 8, b"\n"),
        "cp1252-crlf-assessment.csv": ("827379883/assessment-2024.csv", 6, b"\n"),
        "utf8-bom-crlf-completion.csv": ("982463963/completion-2026.csv", 8, b"\n"),
        "utf8-bom-assessment.csv": ("982463963/assessment-2024.csv", 6, b"\n"),
        "sep-line.csv": ("958703023/assessment-2025.csv", 6, b"\n"),
        "extra-columns.csv": ("812850571/assessment-2026-ekstra.csv", 6, b"\n"),
        "unknown-folder.csv": ("999999999/assessment-2025.csv", 6, b"\n"),
        "completion-lf.csv": ("974760673/completion-2025-2026.csv", 10, b"\n"),
    }
    for name, (path, count, newline) in csv_seeds.items():
        write("csv", name, lines((inbox / path).read_bytes(), count, newline))
    write("csv", "utf16le-tab.csv", utf16_lines((inbox / "987883286/assessment-2025.txt").read_bytes(), 5))
    for path in sorted((root / "Fixtures/small/inbox").rglob("*.csv")):
        write("csv", "small-" + path.name, path.read_bytes())
    write("csv", "quoted.csv", b'respondent_id,assessed_on,role,strategy,note\n'
          b'a,2025-01-01,top_leader,3,"say ""hi"", twice"\nb,2025-01-02,other,4,"two\nlines"\n'
          b'c,2025-01-03,other,5,"open\n')

    # xAPI: JSON Lines, a statements document, a top-level array, a voiding statement.
    jsonl = (inbox / "849768336/xapi/statements-2025.jsonl").read_bytes().split(b"\n")
    write("xapi", "lines.jsonl", b"\n".join(jsonl[:3]) + b"\n")
    write("xapi", "lines-missing-id.jsonl", jsonl[88] + b"\n")
    lines_2026 = (inbox / "803778574/statements-2026.jsonl").read_bytes().split(b"\n")
    write("xapi", "lines-malformed.jsonl", lines_2026[55] + b"\n\n" + lines_2026[56] + b"\n")
    voiding = json.loads(lines_2026[180])
    target = voiding["object"]["id"].encode()
    voided = json.loads(next(line for line in lines_2026 if line.startswith(b'{"id":"' + target)))
    write("xapi", "voided.jsonl", (json.dumps(voided) + "\n" + json.dumps(voiding) + "\n").encode())
    document = json.loads((inbox / "803778574/lrs-export-2025.json").read_bytes())
    document["statements"] = document["statements"][:2]
    write("xapi", "document.json", json.dumps(document, indent=1, ensure_ascii=False).encode())
    array = json.loads((inbox / "849768336/xapi/lrs-export-2024.json").read_bytes())[:2]
    write("xapi", "array.json", json.dumps(array, indent=1, ensure_ascii=False).encode())
    write("xapi", "bad.json", (inbox / "975455424/lrs-export-2025.json").read_bytes()[:1500])

    # Definitions: the first byte says which file the rest is (see Fuzz/Definition).
    definition = (root / "Pipelines/demo.yaml").read_text()
    for key, value in [("inbox", "inbox"), ("register", "agencies.csv"), ("catalogue", "courses.csv"),
                       ("model", "default.yaml"), ("output", "out")]:
        definition = "\n".join(
            f"{key}: {value}" if line.startswith(key + ":") else line for line in definition.split("\n"))
    write("definition", "definition.yaml", b"\x00" + definition.encode())
    small = (root / "Fixtures/small/small.yaml").read_text()
    small = small.replace("reference/", "").replace("../../Pipelines/models/default.yaml", "default.yaml")
    write("definition", "small.yaml", b"\x00" + small.encode())
    write("definition", "model.yaml", b"\x01" + (root / "Pipelines/models/default.yaml").read_bytes())
    register = (root / "Fixtures/demo/reference/agencies.csv").read_bytes()
    write("definition", "agencies.csv", b"\x02" + lines(register, 8))
    courses = (root / "Fixtures/demo/reference/courses.csv").read_bytes()
    write("definition", "courses.csv", b"\x03" + lines(courses, 5))

    # Regressions: inputs that crashed Løft (PipelineDefinitionTests, "Found by fuzzing").
    model = (root / "Pipelines/models/default.yaml").read_bytes()
    wide = model.replace(b"min: 1, max: 6", b"min: -9223372036854775808, max: 9223372036854775807")
    write("definition", "regression-scale-overflow.yaml", b"\x01" + wide)
    zero = small.replace("disclosure: { k: 5 }", "disclosure: { k: 5 }\nlimits: { max_field_bytes: 0 }")
    write("definition", "regression-zero-limit.yaml", b"\x00" + zero.encode())

    for folder in sorted(corpus.iterdir()):
        files = sorted(folder.iterdir())
        print(f"{folder.relative_to(root)}: {len(files)} seeds, {sum(f.stat().st_size for f in files)} bytes")


if __name__ == "__main__":
    main()
