"""The one description of the data: datapackage.json, and helpers that read it."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

PACKAGE_FILE = "datapackage.json"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PARTIAL_DATE_UNIT = "ISO 8601 date"


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The data folder: the argument, else $NKTIES_DATA_DIR, else the shipped data/."""
    if path is not None:
        return Path(path)
    env = os.environ.get("NKTIES_DATA_DIR")
    return Path(env) if env else DEFAULT_DATA_DIR


@lru_cache(maxsize=1)
def package() -> dict:
    """The shipped package descriptor. The schema always comes from the shipped file, so a
    data folder pointed to by NKTIES_DATA_DIR is checked against the same contract."""
    return json.loads((DEFAULT_DATA_DIR / PACKAGE_FILE).read_text(encoding="utf-8"))


def resource_names() -> list[str]:
    return [r["name"] for r in package()["resources"]]


def resource(name: str) -> dict:
    for r in package()["resources"]:
        if r["name"] == name:
            return r
    raise KeyError(f"no dataset named {name!r} in {PACKAGE_FILE}")


def fields(name: str) -> list[dict]:
    return resource(name)["schema"]["fields"]


def field(name: str, column: str) -> dict:
    for f in fields(name):
        if f["name"] == column:
            return f
    raise KeyError(f"{name} has no column {column!r}")


def label(name: str, column: str) -> str:
    """Axis or column label with its unit, e.g. 'Trade value (US dollars)'."""
    f = field(name, column)
    unit = f.get("unit")
    return f"{f.get('title', column)} ({unit})" if unit else f.get("title", column)


def enum(name: str, column: str) -> list[str]:
    """Allowed values of a column, in the order the schema lists them."""
    return list(field(name, column).get("constraints", {}).get("enum", []))


def is_partial_date(f: dict) -> bool:
    return str(f.get("unit", "")).startswith(PARTIAL_DATE_UNIT)


@lru_cache(maxsize=64)
def columns_table(name: str, lang: str = "en"):
    """The schema of one dataset as a table: column, type, unit, allowed values, description (unit and
    description in the reader's language; names, types and allowed codes as the files have them).
    One object per dataset and language: callers must not modify it (pages show it, cached as drawn)."""
    import pandas as pd

    from nkties import i18n

    rows = []
    for f in fields(name):
        c = f.get("constraints", {})
        rule = ", ".join(c["enum"]) if "enum" in c else " to ".join(str(c[k]) for k in ("minimum", "maximum") if k in c)
        key = f"schema.{name}.{f['name']}"
        rows.append({"column": f["name"], "type": f["type"], "unit": i18n.t(f"{key}.unit", lang) if f.get("unit") else "",
                     "required": bool(c.get("required")), "allowed": rule,
                     "description": i18n.t(f"{key}.description", lang) if f.get("description") else ""})
    return pd.DataFrame(rows)


def column_found(column: str, dataset: str | None = None) -> tuple[str, dict] | None:
    """Where the schema describes a column a page shows, as (catalogue key, field): the dataset's own
    field first ('trade.year'); for a view's name (not a dataset), the derived fields meant for it
    (x_for); then any dataset's field of that name; then the columns views derive ('derived.share_pct').
    nkties.i18n looks up 'schema.<key>.title', '.description' and '.unit' in the reader's language."""
    names = {r["name"] for r in package()["resources"]}
    if dataset in names:
        for f in fields(dataset):
            if f["name"] == column:
                return f"{dataset}.{column}", f
    elif dataset:
        for f in package().get("x_derived_fields", []):
            if f["name"] == column and dataset in f.get("x_for", []):
                return f"derived.{column}", f
    for r in package()["resources"]:
        for f in r["schema"]["fields"]:
            if f["name"] == column:
                return f"{r['name']}.{column}", f
    for f in package().get("x_derived_fields", []):
        if f["name"] == column:
            return f"derived.{column}", f
    return None


def column_meta(column: str, dataset: str | None = None) -> dict | None:
    found = column_found(column, dataset)
    return found[1] if found else None


def column_key(column: str, dataset: str | None = None) -> str | None:
    found = column_found(column, dataset)
    return found[0] if found else None
