"""Dates and periods as the sources give them: '2014', '2014-05', '2014-05-07', and spans of months."""

from __future__ import annotations

import pandas as pd


def parse_partial_date(value) -> pd.Timestamp:
    """'2014', '2014-05' or '2014-05-07' -> the first day it can mean; NaT if it is no date."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return pd.NaT
    s = str(value)
    fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}.get(len(s))
    if fmt is None:
        return pd.NaT
    return pd.to_datetime(s, format=fmt, errors="coerce")


def decimal_year(value) -> float:
    """A date as a position on a year axis: 2014-07-01 -> about 2014.5."""
    d = parse_partial_date(value)
    return d.year + (d.day_of_year - 1) / 366


def month_index(period: str) -> int | None:
    """'2020-03' -> months since year 0 (2020 * 12 + 2), so spans can be counted; None if not YYYY-MM."""
    # NOTE: read by hand, not by pd.to_datetime: called for every month of every window, the parser
    # was a quarter of the monthly page's uncached run.
    if not (isinstance(period, str) and len(period) == 7 and period[4] == "-" and period.isascii()
            and period[:4].isdigit() and period[5:].isdigit()):
        return None
    year, month = int(period[:4]), int(period[5:])
    return year * 12 + month - 1 if year >= 1 and 1 <= month <= 12 else None


def months_covered(start: str, end: str) -> int | None:
    a, b = month_index(start), month_index(end)
    return None if a is None or b is None else b - a + 1
