"""What travels with a figure: its source, in every table and every downloaded CSV."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from functools import lru_cache

import pandas as pd

from nkties import i18n, schema

# OWASP CSV injection: a spreadsheet treats a cell starting with these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SEEDS_BASE = "shared/seeds/"


def source_link(sources: pd.DataFrame) -> pd.Series:
    """Each source's URL, or for a seed article its path in the project's shared folder."""
    s = sources.set_index("source_id")
    return s["url"].fillna(SEEDS_BASE + s["seed_file"].fillna(""))


def with_sources(df: pd.DataFrame, sources: pd.DataFrame, column: str = "source_id", prefix: str = "source") -> pd.DataFrame:
    """Add publisher, title and link of the row's source next to its source_id."""
    s = sources.set_index("source_id")
    out = df.copy()
    ids = out[column]
    out[f"{prefix}_publisher"] = ids.map(s["publisher"])
    out[f"{prefix}_published"] = ids.map(s["published"])
    out[f"{prefix}_title"] = ids.map(s["title"])
    out[f"{prefix}_url"] = ids.map(source_link(sources))
    return out


def source_label(df: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """'Publisher (date)' for hover text."""
    s = sources.set_index("source_id")
    return df["source_id"].map(s["publisher"] + (" (" + s["published"] + ")").fillna(""))


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_table(df: pd.DataFrame) -> pd.DataFrame:
    """The table as it may leave the app: no internal columns, text cells that a spreadsheet
    would run as formulas made inert; numbers stay numbers."""
    out = df.drop(columns=[c for c in df.columns if str(c).startswith("_")])
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    return safe_table(df).to_csv(index=False).encode("utf-8")


@lru_cache(maxsize=8)
def _data_hash(folder: str) -> str:
    h = hashlib.sha256()
    for r in schema.package()["resources"]:
        path = schema.data_dir(folder) / r["path"]
        try:
            h.update(path.read_bytes() if path.is_file() else b"")
        except OSError:  # unreadable: the validator says so; the version still identifies the rest
            h.update(b"unreadable")
    return h.hexdigest()[:12]


def data_version(folder=None) -> str:
    """The package version and a short hash of the CSVs, so a citation pins the exact data."""
    return f"{schema.package()['version']}+{_data_hash(str(schema.data_dir(folder)))}"


def citation(title: str, url: str, accessed: str, folder=None, lang: str = "en") -> str:
    """'<package title>: <view>. Data version <v>. <url> (accessed <date>).' in the reader's language."""
    return i18n.t("export.citation", lang, package=i18n.t("schema.package.title", lang), title=title,
                  version=data_version(folder), url=url, accessed=accessed)


def zip_bytes(folder, cite: str | None = None, lang: str = "en") -> bytes:
    """Every CSV of the package (canonical English columns and codes, whatever the language), its
    schema and a README with the citation, the README in the reader's language."""
    folder = schema.data_dir(folder)
    pkg = schema.package()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(schema.PACKAGE_FILE, json.dumps(pkg, indent=2, ensure_ascii=False))
        z.writestr("README.txt", i18n.t(
            "export.readme", lang, title=i18n.t("schema.package.title", lang), description=i18n.t("schema.package.description", lang),
            files=", ".join(r["path"] for r in pkg["resources"]),
            citation=cite or citation(i18n.t("export.all_data", lang), i18n.t("export.no_view", lang), "", folder, lang)))
        for r in schema.package()["resources"]:
            path = folder / r["path"]
            try:
                if path.is_file():
                    z.write(path, r["path"])
            except OSError:
                continue  # an unreadable file is left out; the data page lists its problem
    return buf.getvalue()
