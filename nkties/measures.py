"""What a trade chart can show of a series: one table of measures that calc, views and charts read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from nkties import calc, fmt


@dataclass(frozen=True)
class Measure:
    key: str  # URL value
    label: str  # the choice as the reader sees it
    column: str  # the column of the series that holds it
    axis_title: str  # None-free: the y-axis title (with its unit)
    hover: Callable[[float], str]  # the figure in a hover line, after the dollar value
    log_ok: bool  # a log scale makes sense (positive values only)
    from_zero: bool  # the axis starts at zero on a linear scale
    raw: bool  # dollar values of every source can be drawn beside it (band, other sources, targets)
    compute: Callable[..., pd.DataFrame]  # (series, trade=..., base_year=...) -> series with `column`


MEASURES: dict[str, Measure] = {m.key: m for m in (
    Measure("value", "US dollars", "value_usd", "Trade value (US dollars)", lambda v: "", True, True, True,
            lambda v, **_: v),
    Measure("share", "share of North Korea's total", "share_pct", "Share of North Korea's total trade (%)",
            lambda v: f" ({fmt.pct(v)} of North Korea's total)", False, True, False,
            lambda v, trade, **_: calc.with_share(v, trade)),
    Measure("growth", "change on the year (%)", "growth_pct", "Change on the previous year (%)",
            lambda v: f" ({fmt.pct(v, signed=True)} on the year)", False, False, False,
            lambda v, **_: calc.with_growth(v)),
    Measure("index", "index (base year = 100)", "index", "Index (base year = 100)",
            lambda v: f" (index {v:.0f})", True, False, False,
            lambda v, base_year, **_: calc.with_index(v, base_year)),
)}
DEFAULT = "value"


def measure(key: str) -> Measure:
    return MEASURES[key]
