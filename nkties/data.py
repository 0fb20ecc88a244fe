"""Load the curated CSVs with their declared types and validate them against the schema."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from nkties import schema

TRUE_VALUES = {"true", "True", "TRUE", "1"}
FALSE_VALUES = {"false", "False", "FALSE", "0"}
# Sources round their figures: a total may differ from its parts by this share and still agree.
TOTAL_TOLERANCE = 0.02


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as it can be."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Bundle:
    """Every dataset as a typed DataFrame (None where it could not be read) and the problems found."""

    frames: dict[str, pd.DataFrame | None]
    problems: list[Problem] = field(default_factory=list)

    def problems_for(self, *names: str) -> list[Problem]:
        files = {schema.resource(n)["path"] for n in names}
        return [p for p in self.problems if p.file in files]

    def ok(self, *names: str) -> bool:
        return not self.problems_for(*names) and all(self.frames.get(n) is not None for n in names)

    def __getitem__(self, name: str) -> pd.DataFrame:
        df = self.frames.get(name)
        if df is None:
            raise KeyError(f"dataset {name!r} could not be loaded")
        return df


# Load inputs.

def _read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    if not path.exists():
        return None, [Problem(file, f"file is missing (looked for {path})")]
    raw = path.read_bytes()
    if not raw.strip():
        return None, [Problem(file, "file is empty: it needs at least the header line")]
    try:
        # NOTE: utf-8-sig accepts a byte-order mark, which spreadsheet programs add.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(file, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line)]
    return text, []


def _frictionless_problems(name: str, text: str) -> list[Problem]:
    """Header, types, constraints and keys, as the schema declares them (foreign keys are
    checked across the loaded frames, see _foreign_key_problems)."""
    import frictionless
    from frictionless.formats import CsvControl

    file = schema.resource(name)["path"]
    problems: list[Problem] = []
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
    for task in report.tasks:
        for err in task.errors:
            problems.append(_to_problem(file, err))
    return problems


def _short_rows(file: str, text: str) -> list[Problem]:
    """Rows with fewer cells than the header: usually a line cut short."""
    import csv

    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    problems = []
    for cells in reader:
        if cells and len(cells) < len(header):
            problems.append(Problem(file, f"the row has too few cells ({len(cells)} of {len(header)}); is the line cut short?", reader.line_num))
    return problems


def _schema_without_foreign_keys(name: str) -> dict:
    s = dict(schema.resource(name)["schema"])
    s.pop("foreignKeys", None)
    return s


def _to_problem(file: str, err) -> Problem:
    line = getattr(err, "row_number", None)
    column = getattr(err, "field_name", None) or getattr(err, "label", None)
    cell = getattr(err, "cell", None)
    kind = err.type
    if kind == "type-error":
        ftype = column and _field_type(file, column)
        msg = f"{cell!r} is not a valid {ftype or 'value'}"
    elif kind == "constraint-error":
        msg = f"{cell!r} breaks the rule {err.note}" if cell not in (None, "", "None") else "a value is required here"
    elif kind in ("missing-cell",):
        msg = "the row has too few cells (is the line cut short?)"
    elif kind in ("extra-cell",):
        msg = f"the row has more cells than the header ({cell!r} is extra); is a comma unquoted?"
    elif kind in ("primary-key", "unique-error"):
        msg = f"duplicate key: {err.note}"
    elif kind in ("incorrect-label", "missing-label", "extra-label", "duplicate-label", "blank-label"):
        expected = ", ".join(f["name"] for f in _fields_by_file(file))
        msg = f"header is wrong ({err.note}); expected the columns: {expected}"
        line = 1
    else:
        msg = err.message
    return Problem(file, msg, line, column)


def _fields_by_file(file: str) -> list[dict]:
    for r in schema.package()["resources"]:
        if r["path"] == file:
            return r["schema"]["fields"]
    return []


def _field_type(file: str, column: str) -> str | None:
    for f in _fields_by_file(file):
        if f["name"] == column:
            return {"integer": "whole number", "number": "number", "boolean": "true/false value"}.get(f["type"], f["type"])
    return None


def _typed(name: str, text: str) -> pd.DataFrame:
    """Read as text, then convert each column to its declared type; unreadable cells become NA
    (the frictionless pass has already reported them)."""
    names = [f["name"] for f in schema.fields(name)]
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, on_bad_lines="skip", engine="python")
    raw = raw.reindex(columns=names)
    out = pd.DataFrame(index=raw.index)
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
    # The CSV line of each row, so later checks can point at it.
    out["_line"] = raw.index + 2
    return out


def parse_partial_date(value) -> pd.Timestamp:
    """'2014', '2014-05' or '2014-05-07' -> the first day it can mean; NaT if it is no date."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return pd.NaT
    s = str(value)
    fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}.get(len(s))
    if fmt is None:
        return pd.NaT
    return pd.to_datetime(s, format=fmt, errors="coerce")


# Process data.

def _row_checks(name: str, df: pd.DataFrame) -> list[Problem]:
    """Rules a column type cannot express: real calendar dates, and per-dataset rules."""
    file = schema.resource(name)["path"]
    problems: list[Problem] = []
    for f in schema.fields(name):
        if schema.is_partial_date(f):
            for line, v in zip(df["_line"], df[f["name"]]):
                if pd.notna(v) and pd.isna(parse_partial_date(v)):
                    problems.append(Problem(file, f"{v!r} is not a real calendar date", int(line), f["name"]))
    check = _DATASET_CHECKS.get(name)
    if check:
        problems += check(file, df)
    return problems


def _check_trade(file: str, df: pd.DataFrame) -> list[Problem]:
    problems: list[Problem] = []
    keys = ["year", "partner", "flow"]
    counts = df.groupby(keys, dropna=True)["primary"].agg(lambda s: int(s.fillna(False).sum()))
    for key, n in counts.items():
        if n != 1:
            lines = df.loc[(df[keys] == pd.Series(key, index=keys)).all(axis=1), "_line"].tolist()
            msg = "no row is marked primary" if n == 0 else f"{n} rows are marked primary"
            problems.append(Problem(file, f"{msg} for {key[0]} {key[1]} {key[2]}; exactly one must be (lines {', '.join(map(str, lines))})", int(lines[0]), "primary"))
    prim = df[df["primary"].fillna(False)]
    wide = prim.pivot_table(index=["year", "partner"], columns="flow", values="value_usd", aggfunc="first")
    lines = prim.set_index(["year", "partner", "flow"])["_line"]
    if {"to_dprk", "from_dprk", "total"} <= set(wide.columns):
        for (year, partner), row in wide.dropna(subset=["to_dprk", "from_dprk", "total"]).iterrows():
            parts = row["to_dprk"] + row["from_dprk"]
            if abs(parts - row["total"]) > TOTAL_TOLERANCE * max(row["total"], parts):
                problems.append(Problem(
                    file,
                    f"{year} {partner}: primary total {row['total']:,.0f} differs from to_dprk + from_dprk = {parts:,.0f} by more than {TOTAL_TOLERANCE:.0%}",
                    int(lines[(year, partner, "total")]), "value_usd"))
    return problems


def _check_sources(file: str, df: pd.DataFrame) -> list[Problem]:
    problems = []
    for line, url, seed in zip(df["_line"], df["url"], df["seed_file"]):
        if pd.isna(url) and pd.isna(seed):
            problems.append(Problem(file, "a source needs a url or a seed_file", int(line), "url"))
    return problems


def _check_debt(file: str, df: pd.DataFrame) -> list[Problem]:
    problems = []
    for _, r in df[df["kind"] == "repayment_terms"].iterrows():
        for col in ("amount_usd", "instalments", "term_years"):
            if pd.isna(r[col]):
                problems.append(Problem(file, f"repayment_terms needs {col} to compute the schedule", int(r["_line"]), col))
    return problems


def _check_status_order(file: str, df: pd.DataFrame) -> list[Problem]:
    problems = []
    dates = df["date"].map(parse_partial_date)
    for pid, idx in df.groupby("project_id").groups.items():
        d = dates.loc[idx]
        for prev, cur in zip(idx[:-1], idx[1:]):
            if pd.notna(d[prev]) and pd.notna(d[cur]) and d[cur] < d[prev]:
                problems.append(Problem(file, f"status history of {pid} is out of date order: {df.at[cur, 'date']} comes after {df.at[prev, 'date']}", int(df.at[cur, "_line"]), "date"))
    return problems


_DATASET_CHECKS = {
    "trade": _check_trade,
    "sources": _check_sources,
    "debt": _check_debt,
    "project_status": _check_status_order,
}


def _foreign_key_problems(frames: dict[str, pd.DataFrame | None], broken: set[str]) -> list[Problem]:
    problems = []
    for name in schema.resource_names():
        df = frames.get(name)
        if df is None:
            continue
        file = schema.resource(name)["path"]
        for fk in schema.resource(name)["schema"].get("foreignKeys", []):
            (col,) = fk["fields"]
            target, (tcol,) = fk["reference"]["resource"], fk["reference"]["fields"]
            tdf = frames.get(target)
            if tdf is None or target in broken:
                continue  # the target's own problems are reported once, for its own file
            known = set(tdf[tcol].dropna())
            for line, v in zip(df["_line"], df[col]):
                if pd.notna(v) and v not in known:
                    problems.append(Problem(file, f"{v!r} is not a {tcol} in {schema.resource(target)['path']}", int(line), col))
    return problems


def _project_status_problems(frames: dict[str, pd.DataFrame | None], broken: set[str]) -> list[Problem]:
    projects, status = frames.get("projects"), frames.get("project_status")
    if projects is None or status is None or {"projects", "project_status"} & broken:
        return []
    file = schema.resource("projects")["path"]
    problems = []
    latest = latest_status(status)
    for _, p in projects.iterrows():
        if p["project_id"] not in latest.index:
            problems.append(Problem(file, f"project {p['project_id']} has no entry in project_status.csv", int(p["_line"]), "project_id"))
            continue
        last = latest.loc[p["project_id"]]
        for col in ("status", "date"):
            pcol = "status" if col == "status" else "status_date"
            if p[pcol] != last[col]:
                problems.append(Problem(file, f"{pcol} {p[pcol]!r} differs from the latest status history entry ({last['status']} on {last['date']})", int(p["_line"]), pcol))
    return problems


def latest_status(status: pd.DataFrame) -> pd.DataFrame:
    """Each project's last status entry (the history is in date order, so the last row)."""
    return status.groupby("project_id").tail(1).set_index("project_id")


# Save outputs.

def load_all(path=None) -> Bundle:
    """Every dataset, typed, with every problem found in any of them."""
    folder = schema.data_dir(path)
    frames: dict[str, pd.DataFrame | None] = {}
    problems: list[Problem] = []
    for name in schema.resource_names():
        file = schema.resource(name)["path"]
        text, read_problems = _read_text(folder / file, file)
        problems += read_problems
        if text is None:
            frames[name] = None
            continue
        try:
            found = _short_rows(file, text) + _frictionless_problems(name, text)
            df = _typed(name, text)
            found += _row_checks(name, df)
        except Exception as exc:  # a file so broken that the CSV reader gives up
            found, df = [Problem(file, f"could not be read as CSV: {exc}")], None
        problems += found
        frames[name] = df
    broken = {n for n in schema.resource_names() if any(p.file == schema.resource(n)["path"] for p in problems)}
    problems += _foreign_key_problems(frames, broken)
    problems += _project_status_problems(frames, broken)
    return Bundle(frames, problems)


def validate(path=None) -> list[Problem]:
    return load_all(path).problems
