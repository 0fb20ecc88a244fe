"""Load the curated CSVs with their declared types and validate them against the schema and the rules."""

from __future__ import annotations

import csv
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from nkties import rules, schema
from nkties.periods import parse_partial_date
from nkties.problems import Problem

__all__ = ["Bundle", "Problem", "load_all", "parse_partial_date", "validate"]

TRUE_VALUES = {"true", "True", "TRUE", "1"}
FALSE_VALUES = {"false", "False", "FALSE", "0"}


@dataclass
class Bundle:
    """Every dataset as a typed DataFrame (None where it could not be read) and the problems found."""

    frames: dict[str, pd.DataFrame | None]
    problems: list[Problem] = field(default_factory=list)

    def problems_for(self, *names: str, severity: str | None = "error") -> list[Problem]:
        return [p for p in self.problems if p.dataset in names and (severity is None or p.severity == severity)]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def ok(self, *names: str) -> bool:
        return not self.problems_for(*names) and all(self.frames.get(n) is not None for n in names)

    def __getitem__(self, name: str) -> pd.DataFrame:
        df = self.frames.get(name)
        if df is None:
            raise KeyError(f"dataset {name!r} could not be loaded")
        return df


# Load inputs.

def _read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    if not path.exists():
        return None, [Problem(name, f"file is missing (looked for {path})")]
    if not path.is_file():
        return None, [Problem(name, f"is not a file ({path} is a folder or a device); put the CSV there")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, f"cannot be read ({exc.strerror or exc}); check the file's permissions")]
    if not raw.strip():
        return None, [Problem(name, "file is empty: it needs at least the header line")]
    try:
        # NOTE: utf-8-sig accepts a byte-order mark, which spreadsheet programs add.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(name, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line)]
    return text, []


def _records(text: str) -> list[tuple[int, list[str]]]:
    """Every CSV record with the line it starts on, as an editor numbers lines. Blank lines are
    records too (with no cells), so that a record's position matches frictionless's row_number."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    out = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return out
        out.append((start, cells))


def _frictionless_problems(name: str, text: str, line_of) -> list[Problem]:
    """Header, types, constraints and keys, as the schema declares them (foreign keys are a rule)."""
    import frictionless
    from frictionless.formats import CsvControl

    res = frictionless.Resource(
        data=text.encode("utf-8"),
        format="csv",
        encoding="utf-8",
        # NOTE: fix the dialect; sniffing guesses ';' when notes contain semicolons.
        dialect=frictionless.Dialect(controls=[CsvControl(delimiter=",", quote_char='"')]),
        schema=frictionless.Schema.from_descriptor(_schema_without_foreign_keys(name)),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = res.validate(frictionless.Checklist(skip_errors=["blank-row"]))
    return [_to_problem(name, err, line_of) for task in report.tasks for err in task.errors]


def _short_rows(name: str, records) -> list[Problem]:
    """Rows with fewer cells than the header: usually a line cut short."""
    if not records:
        return []
    header = records[0][1]
    return [Problem(name, f"the row has too few cells ({len(cells)} of {len(header)}); is the line cut short?", line)
            for line, cells in records[1:] if cells and len(cells) < len(header)]


def _schema_without_foreign_keys(name: str) -> dict:
    s = dict(schema.resource(name)["schema"])
    s.pop("foreignKeys", None)
    return s


def _to_problem(name: str, err, line_of) -> Problem:
    row = getattr(err, "row_number", None)
    line = line_of(row) if row is not None else None
    column = getattr(err, "field_name", None) or getattr(err, "label", None)
    cell = getattr(err, "cell", None)
    kind = err.type
    if kind == "type-error":
        ftype = column and _field_type(name, column)
        msg = f"{cell!r} is not a valid {ftype or 'value'}"
    elif kind == "constraint-error":
        msg = f"{cell!r} breaks the rule {err.note}" if cell not in (None, "", "None") else "a value is required here"
    elif kind == "missing-cell":
        msg = "the row has too few cells (is the line cut short?)"
    elif kind == "extra-cell":
        msg = f"the row has more cells than the header ({cell!r} is extra); is a comma unquoted?"
    elif kind in ("primary-key", "unique-error"):
        msg = f"duplicate key: {err.note}"
    elif kind in ("incorrect-label", "missing-label", "extra-label", "duplicate-label", "blank-label"):
        expected = ", ".join(f["name"] for f in schema.fields(name))
        msg = f"header is wrong ({err.note}); expected the columns: {expected}"
        line = 1
    else:
        msg = err.message
    return Problem(name, msg, line, column)


def _field_type(name: str, column: str) -> str | None:
    for f in schema.fields(name):
        if f["name"] == column:
            return {"integer": "whole number", "number": "number", "boolean": "true/false value"}.get(f["type"], f["type"])
    return None


def _typed(name: str, records) -> pd.DataFrame:
    """Convert each column to its declared type; unreadable cells become NA (the frictionless pass
    has reported them). `_line` is each row's line in the file."""
    names = [f["name"] for f in schema.fields(name)]
    header = [c.strip() for c in records[0][1]] if records else []
    # Rows with more cells than the header are reported (extra-cell) and left out, as pandas would.
    body = [(line, cells) for line, cells in records[1:] if cells and len(cells) <= len(header)]
    raw = pd.DataFrame([cells + [""] * (len(header) - len(cells)) for _, cells in body], columns=header, dtype="string")
    raw = raw.loc[:, ~raw.columns.duplicated()].reindex(columns=names)
    out = pd.DataFrame(index=range(len(body)))
    for f in schema.fields(name):
        col = raw[f["name"]].astype("string").fillna("").str.strip()
        if f["type"] == "integer":
            out[f["name"]] = pd.to_numeric(col.where(col != ""), errors="coerce").astype("Int64")
        elif f["type"] == "number":
            out[f["name"]] = pd.to_numeric(col.where(col != ""), errors="coerce").astype("Float64")
        elif f["type"] == "boolean":
            out[f["name"]] = col.map(lambda v: True if v in TRUE_VALUES else False if v in FALSE_VALUES else pd.NA).astype("boolean")
        else:
            out[f["name"]] = col.where(col != "").astype("string")
    out["_line"] = pd.Series([line for line, _ in body], dtype="int64")
    return out


# Process data.

def _date_problems(name: str, df: pd.DataFrame) -> list[Problem]:
    """Partial dates ('2014', '2014-05', '2014-05-07') must be real calendar dates."""
    problems = []
    for f in schema.fields(name):
        if schema.is_partial_date(f):
            for line, v in zip(df["_line"], df[f["name"]], strict=False):
                if pd.notna(v) and pd.isna(parse_partial_date(v)):
                    problems.append(Problem(name, f"{v!r} is not a real calendar date", int(line), f["name"]))
    return problems


def load_one(folder: Path, name: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One dataset, typed, with the problems of that file alone."""
    text, problems = _read_text(folder / schema.resource(name)["path"], name)
    if text is None:
        return None, problems
    try:
        records = _records(text)
        def line_of(row):
            return (records[row - 1][0] if 0 < row <= len(records) else row)
        found = _short_rows(name, records) + _frictionless_problems(name, text, line_of)
        df = _typed(name, records)
        found += _date_problems(name, df)
        if df.empty and not found:
            # NOTE: valid, but pages that chart it have nothing to show; they say so (ui.require).
            found.append(Problem(name, "has a header but no rows", 1, None, "warning"))
    except Exception as exc:  # a file so broken that the CSV reader gives up
        return None, [Problem(name, f"could not be read as CSV: {exc}")]
    return df, found


# Save outputs.

def load_all(path=None) -> Bundle:
    """Every dataset, typed, with every problem found in any of them."""
    folder = schema.data_dir(path)
    frames: dict[str, pd.DataFrame | None] = {}
    problems: list[Problem] = []
    for name in schema.resource_names():
        frames[name], found = load_one(folder, name)
        problems += found
    problems += rules.run(frames, problems)
    return Bundle(frames, problems)


def validate(path=None) -> list[Problem]:
    return load_all(path).problems
