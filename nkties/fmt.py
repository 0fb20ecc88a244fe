"""Labels and number formats: how a code or a figure is written for a reader, in one place."""

from __future__ import annotations

import pandas as pd

NO_DATA = "no data"

FLOW_LABELS = {
    "total": "Total trade",
    "to_dprk": "Exports to North Korea",
    "from_dprk": "Imports from North Korea",
}


def is_missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) or (not isinstance(v, str) and pd.isna(v))


def usd(v) -> str:
    """$6.39bn, $112.7m, $42k: the way reporters write trade figures."""
    if is_missing(v):
        return NO_DATA
    v = float(v)
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(v) >= size:
            return f"${v / size:,.4g}{suffix}" if v / size < 1000 else f"${v / size:,.0f}{suffix}"
    return f"${v:,.0f}"


def pct(v, digits: int = 1, signed: bool = False) -> str:
    if is_missing(v):
        return NO_DATA
    return f"{float(v):{'+' if signed else ''},.{digits}f}%"


def times(v) -> str:
    """A multiple: 58×, 1.6×."""
    if is_missing(v):
        return NO_DATA
    v = float(v)
    return f"{v:,.0f}×" if abs(v) >= 10 else f"{v:,.1f}×"


def code(value) -> str:
    """A machine code from the data as words: under_construction -> under construction."""
    return "" if is_missing(value) else str(value).replace("_", " ")


def code_title(value) -> str:
    text = code(value)
    return text[:1].upper() + text[1:]


def flow(value: str) -> str:
    return FLOW_LABELS.get(value, code(value))


def flow_in_sentence(value: str) -> str:
    """'imports from North Korea': the flow's label inside a sentence (proper names keep their capitals)."""
    text = flow(value)
    return text[:1].lower() + text[1:]


def month(period: str) -> str:
    """'2020-03' -> 'Mar 2020'."""
    ts = pd.to_datetime(period, format="%Y-%m", errors="coerce")
    return str(period) if pd.isna(ts) else ts.strftime("%b %Y")


def period(start: str, end: str) -> str:
    """A span of months as a reader writes it: 'Mar 2020', 'Jan–Aug 2016', 'Dec 2019–Feb 2020'."""
    if start == end:
        return month(start)
    s, e = pd.to_datetime(start, format="%Y-%m", errors="coerce"), pd.to_datetime(end, format="%Y-%m", errors="coerce")
    if pd.isna(s) or pd.isna(e):
        return f"{start}–{end}"
    if s.year == e.year:
        return f"{s.strftime('%b')}–{e.strftime('%b')} {s.year}"
    return f"{month(start)}–{month(end)}"
