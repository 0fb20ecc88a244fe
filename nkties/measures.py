"""What a trade chart can show of a series: one table of measures that calc, views and charts read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from nkties import calc, fmt, i18n


@dataclass(frozen=True)
class Measure:
    key: str  # URL value; its words are in the catalogues under measure.<key>.*
    column: str  # the column of the series that holds it
    hover: Callable[[float, str], str]  # (value, lang) -> the figure in a hover line, after the dollar value
    log_ok: bool  # a log scale makes sense (positive values only)
    from_zero: bool  # the axis starts at zero on a linear scale
    raw: bool  # dollar values of every source can be drawn beside it (band, other sources, targets)
    compute: Callable[..., pd.DataFrame]  # (series, trade=..., base_year=...) -> series with `column`

    def label(self, lang: str = "en") -> str:
        """The choice as the reader sees it."""
        return i18n.t(f"measure.{self.key}.label", lang)

    def axis_title(self, lang: str = "en") -> str:
        """The y-axis title, with its unit."""
        return i18n.t(f"measure.{self.key}.axis", lang)


MEASURES: dict[str, Measure] = {m.key: m for m in (
    Measure("value", "value_usd", lambda v, lang: "", True, True, True,
            lambda v, **_: v),
    Measure("share", "share_pct", lambda v, lang: i18n.t("measure.share.hover", lang, pct=fmt.pct(v, lang=lang)), False, True, False,
            lambda v, trade, **_: calc.with_share(v, trade)),
    Measure("growth", "growth_pct", lambda v, lang: i18n.t("measure.growth.hover", lang, pct=fmt.pct(v, signed=True, lang=lang)),
            False, False, False, lambda v, **_: calc.with_growth(v)),
    Measure("index", "index", lambda v, lang: i18n.t("measure.index.hover", lang, index=fmt.number(v, lang)), True, False, False,
            lambda v, base_year, **_: calc.with_index(v, base_year)),
)}
DEFAULT = "value"


def measure(key: str) -> Measure:
    return MEASURES[key]
