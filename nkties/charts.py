"""Plotly figures built from DataFrames; no Streamlit here, so tests can inspect them."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from nkties import fmt, i18n, schema
from nkties.i18n import ENGLISH, Tr
from nkties.measures import MEASURES, Measure
from nkties.periods import decimal_year, month_index, parse_partial_date

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies, and
# readable on light and dark backgrounds. One colour per partner on every chart.
PARTNER_COLORS = {
    "Russia": "#0072B2",
    "China": "#D55E00",
    "World": "#999999",
    "South Korea": "#009E73",
    "North Korea": "#CC79A7",
    "Multilateral": "#E69F00",
}
STATUS_COLORS = {
    "proposed": "#BBBBBB",
    "agreed": "#56B4E9",
    "under_construction": "#E69F00",
    "operating": "#009E73",
    "completed_unopened": "#CC79A7",
    "suspended": "#D55E00",
    "abandoned": "#666666",
}
# Flows of one partner: its colour family would not tell them apart, so a colour-blind-safe trio.
FLOW_COLORS = {"total": "#000000", "to_dprk": "#0072B2", "from_dprk": "#E69F00"}
STAGE_COLORS = {"pledged": "#56B4E9", "committed": "#0072B2", "spent": "#009E73"}
DEBT_LABELS = {"debt_size": "Soviet-era debt", "write_off": "Written off", "remainder": "Remainder"}  # English; names.csv has ko, ru
CATEGORY_SYMBOLS = {"summit": "◆", "agreement": "■", "pledge": "▲", "sanctions": "✕", "nuclear_test": "●", "border": "▮", "military": "★", "other": "·"}


def _layout(fig: go.Figure, tr: Tr = ENGLISH, **kw) -> go.Figure:
    """The house layout, numbers in the reader's notation (Plotly's own ticks: 1,5 and 10 000 in Russian)."""
    fig.update_layout(
        separators=fmt.plotly_separators(tr.lang),
        margin=kw.pop("margin", dict(l=10, r=10, t=40, b=10)),
        legend=kw.pop("legend", dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0)),
        hovermode="closest",
        **kw,
    )
    return fig


def _display_width(text: str) -> float:
    # NOTE: Hangul is about 1.7 times as wide as a Latin letter at the same size, Cyrillic about 1.2
    # (measured in the app's sans-serif: "Товарооборот" against "Northkoreans").
    return sum(1.7 if unicodedata.east_asian_width(c) in ("W", "F") else 1.2 if "\u0400" <= c <= "\u04ff" else 1 for c in text)


def short(label: str) -> str:
    """A statistic's name for a legend: without the spelled-out expansion in brackets ('KOTRA (Korean Trade-
    Investment Promotion Agency)' -> 'KOTRA'), which the chart's note and the hover keep."""
    m = re.fullmatch(r"(.*?)\s*\(([^)]*)\)", label)
    if not m or len(label) <= 24:
        return label
    # 'Korea International Trade Association (KITA)' -> 'KITA': an acronym in brackets is the short name.
    return m.group(2) if re.fullmatch(r"[A-Z]{2,8}", m.group(2)) else m.group(1)


def _wrap(text: str, width: int) -> str:
    """Lines of at most `width` Latin letters' width, wide (Korean) characters counted as they show."""
    lines: list[str] = []
    for word in text.split():
        if lines and _display_width(lines[-1]) + 1 + _display_width(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines) or text


# What a phone (390 px) leaves a figure, and what its parts take there (measured in Chromium at 390 px:
# bench/plot_area.py). Plotly keeps a figure's height and gives the plot what its title, notes, axis and
# legend leave; on a phone the legend takes a row per group of entries, so the height must allow for it.
PHONE_PLOT_WIDTH = 260  # px: 390 less the page's padding, the figure's margins and the value axis
LEGEND_ENTRY, LEGEND_LINE, LEGEND_GAP = 19, 16, 10  # px: a one-line legend entry at 12 px, each further line; between groups
LEGEND_WRAP = 38  # Latin letters' width: a longer legend entry wraps, or a phone cuts it off at the figure's edge
TITLE_LINE, NOTE_LINE, TOP = 34, 29, 30  # px per title line and per note line (its text and the padding each adds), and above
TITLE_TEXT = 22  # px: one line of a title at 15 px, as Chromium draws it in Latin, Cyrillic and Hangul (20-21)
MIN_PLOT = 300  # px: the least plot a reader gets, on a phone, in any language
LABEL_ROWS = 28  # px: two rows of 10 px labels on the plot's top edge
AXIS = 60  # px between the plot and the legend (0.2 of MIN_PLOT: the legend sits at y=-0.2): ticks, axis title


def _legend_entry_width(name: str) -> float:
    """An entry's width at 12 px: the symbol and its gap, then its longest line (measured: Latin 5.2 px a
    letter, Cyrillic 6.0, Hangul 10.5)."""
    return 45 + max(sum(10.5 if unicodedata.east_asian_width(c) in ("W", "F") else 6.0 if "\u0400" <= c <= "\u04ff" else 5.2 for c in line)
                    for line in re.sub(r"<(?!br>)[^>]+>", "", name).split("<br>"))


def _legend_entry_height(name: str) -> float:
    return LEGEND_ENTRY + LEGEND_LINE * name.count("<br>")


def legend_height(fig: go.Figure, width: float = PHONE_PLOT_WIDTH) -> float:
    """Pixels the figure's horizontal legend takes at this plot width, laid out as Plotly lays it out.
    With legend groups: each group's entries stacked in a block, blocks side by side while they fit, else
    on the next row. Without: one row if every entry fits in it, else a grid whose columns are as wide
    as the widest entry."""
    if fig.layout.showlegend is False or (fig.layout.showlegend is None and len(fig.data) < 2):
        return 0
    shown = [(t.legendgroup or f"trace {i}", _legend_entry_width(t.name), _legend_entry_height(t.name)) for i, t in enumerate(fig.data)
             if t.showlegend is not False and t.name]
    if not shown:
        return 0
    if not any(t.legendgroup for t in fig.data):
        widths = [w for _, w, _ in shown]
        per_row = len(widths) if sum(widths) <= width else max(1, int(width // max(widths)))
        return sum(max(h for _, _, h in shown[i:i + per_row]) for i in range(0, len(shown), per_row)) + LEGEND_GAP
    blocks: dict[str, list[tuple[float, float]]] = {}
    for group, w, h in shown:
        blocks.setdefault(group, []).append((w, h))
    rows: list[float] = []
    used = 0.0
    for entries in blocks.values():
        w, h = max(e[0] for e in entries), sum(e[1] for e in entries)
        if rows and used + w <= width:
            rows[-1], used = max(rows[-1], h), used + w
        else:
            rows.append(h)
            used = w
    return sum(rows) + LEGEND_GAP * len(rows)


def framed(fig: go.Figure, title: str, note: str, height: int = 580) -> go.Figure:
    """A figure that stands on its own when downloaded: its title, and lines with unit and sources
    under it (wrapped, so a phone shows them whole); the legend below the plot so the two never
    collide. Tall enough that the plot keeps MIN_PLOT px on a phone, where the legend's groups take a
    row each (on a wide screen the plot gets that room). Returns a new figure."""
    out = go.Figure(fig)
    for trace in out.data:
        if trace.name and _display_width(trace.name) > LEGEND_WRAP:
            trace.name = _wrap(trace.name, LEGEND_WRAP)
    # NOTE: one figure serves every screen, so lines are as long as a phone (390 px) shows whole.
    title_html = _wrap(title, 40)
    note_html = _wrap(note, 62)
    title_lines, note_lines = title_html.count("<br>") + 1, note_html.count("<br>") + 1
    lines = title_lines + note_lines
    # Labels on the plot's top edge (resolutions, events: up to two rows) get their own room under the notes.
    above = LABEL_ROWS if any(a.yref == "paper" and (a.y or 0) >= 1 for a in out.layout.annotations) else 0
    needed = TOP + TITLE_LINE * title_lines + NOTE_LINE * note_lines + above + MIN_PLOT + AXIS + legend_height(out)
    # NOTE: anchored to the plot's top, the title's bottom line pad.b above it; every note line pads the title,
    # so the note (Plotly's subtitle, drawn under the title inside that pad) never eats into the plot. The top
    # margin is set, not Plotly's automargin: automargin counted the note twice (once in the title's box, once
    # in the pad) and left 45-90 px blank above every title. TOP keeps the room for the chart's buttons.
    pad = 12 + 14 * lines + above
    out.update_layout(
        title=dict(text=f"<b>{title_html}</b>", x=0, xanchor="left", xref="container", y=1, yanchor="bottom", yref="paper",
                   automargin=False, pad=dict(b=pad, l=12), font=dict(size=15),
                   subtitle=dict(text=note_html, font=dict(size=11, color="#444444"))),
        legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0, font=dict(size=12)),
        margin=dict(t=TOP + TITLE_TEXT * title_lines + pad, b=10, l=10, r=10), height=max(height, out.layout.height or 0, needed),
    )
    return out


def source_note(unit: str, statistics, publishers, tr: Tr = ENGLISH) -> str:
    """'Trade value (US dollars). Statistics: China customs, KOTRA. Sources: Yonhap, Reuters and 12 more.'"""
    stats = ", ".join(tr.code("statistic", s) for s in dict.fromkeys(s for s in statistics if isinstance(s, str)))
    pubs = list(dict.fromkeys(p for p in publishers if isinstance(p, str)))
    shown = ", ".join(pubs[:2]) + (tr("chart.note.more", n=len(pubs) - 2) if len(pubs) > 2 else "")
    parts = [unit, tr("chart.note.statistics", statistics=stats) if stats else "", tr("chart.note.sources", sources=shown) if shown else ""]
    return ". ".join(p for p in parts if p) + "."


# One marker and line style per statistic, so a line that changes statistic shows where.
STATISTIC_STYLES = {
    "China customs": ("circle", "solid"),
    "Russian customs": ("circle", "solid"),
    "KITA": ("circle-open", "solid"),
    "KOTRA": ("square", "dash"),
    "ITC Trade Map": ("diamond", "dot"),
    "UN Comtrade": ("triangle-up", "dot"),
}
OTHER_STYLE = ("x", "dashdot")


def statistic_style(statistic) -> tuple[str, str]:
    return STATISTIC_STYLES.get(statistic, OTHER_STYLE)


def _x_of_date(date: str, x: str):
    """An event's position on the period axis: a decimal year on a year axis, the date on a month axis."""
    return decimal_year(date) if x == "year" else parse_partial_date(date)


def _xs(rows: pd.DataFrame, x: str) -> list:
    return list(rows[x].astype(int)) if x == "year" else list(pd.to_datetime(rows[x]))


def _adjacent(a, b, x: str) -> bool:
    """b is the period right after a (years, or 'YYYY-MM' months)."""
    if x == "year":
        return int(b) == int(a) + 1
    ia, ib = month_index(str(a)), month_index(str(b))
    return ia is not None and ib == ia + 1


def _hex_rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _runs(rows: pd.DataFrame, key: str) -> list[pd.DataFrame]:
    """Consecutive rows (by position) that have a value and share the key column: one line segment each."""
    runs, current, last = [], [], None
    for i, (y, k) in enumerate(zip(rows["_y"], rows[key], strict=False)):
        if pd.isna(y):
            if current:
                runs.append(current)
            current, last = [], None
            continue
        if current and k != last:
            runs.append(current)
            current = []
        current.append(i)
        last = k
    if current:
        runs.append(current)
    return [rows.iloc[r] for r in runs]


def band_traces(band: pd.DataFrame, x: str = "year", tr: Tr = ENGLISH) -> list[go.Scatter]:
    """A shaded area from the lowest to the highest recorded figure, one polygon per run of
    consecutive periods, so the band never bridges a period with no figure. One trace per partner,
    its polygons separated by a null point (Plotly fills each segment of a trace with gaps on its own):
    a trace per polygon drew Russia's band as four traces (without its bands, the Trade figure cost the
    browser a tenth less busy time)."""
    traces = []
    for partner, rows in band.groupby("partner", sort=False):
        rows = rows.sort_values(x)
        # NOTE: numpy ints, not nullable ones: the first row's diff must start a run, not be NA.
        run_id = (rows[x].astype("int64").diff() != 1).cumsum()
        xs_all: list = []
        ys_all: list = []
        for _, run in rows.groupby(run_id):
            xs = _xs(run, x)
            if xs_all:
                xs_all.append(None)
                ys_all.append(None)
            xs_all += xs + xs[::-1]
            ys_all += list(run["high_usd"].astype(float)) + list(run["low_usd"].astype(float))[::-1]
        traces.append(go.Scatter(
            x=xs_all, y=ys_all, fill="toself", mode="lines", line=dict(width=0), connectgaps=False,
            fillcolor=_hex_rgba(PARTNER_COLORS.get(partner, "#999999"), 0.18),
            name=tr("chart.band", who=tr.code("partner", partner)), legendgroup=f"band_{partner}", hoverinfo="skip",
        ))
    return traces


def series_traces(view: pd.DataFrame, m: Measure, x: str = "year", by: str = "partner", tr: Tr = ENGLISH) -> list[go.Scatter]:
    """One line per partner (or per flow, by='flow'), styled by statistic where the statistic changes, a thin
    dotted joint says so. A period with no figure is a gap. One trace per partner and statistic, its runs
    separated by a null point (Plotly breaks the line there): a trace per run made Monthly's chart 85 traces."""
    traces = []
    for key, rows in view.groupby(by, sort=False):
        rows = rows.sort_values(x).assign(_y=lambda r: r[m.column].astype("Float64"))
        partner = fmt.flow(key, tr.lang) if by == "flow" else tr.code("partner", key)
        color = FLOW_COLORS.get(key) if by == "flow" else PARTNER_COLORS.get(key)
        lines: dict[str, dict[str, list]] = {}  # statistic -> its runs' x, y and hover, null between runs
        joints: dict[str, list] = {"x": [], "y": [], "hover": []}
        prev = None
        for run in _runs(rows, "statistic"):
            stat = run["statistic"].iloc[0]
            if prev is not None and _adjacent(prev[x].iloc[-1], run[x].iloc[0], x):
                text = tr("chart.statistic_changes", who=partner, before=tr.code("statistic", prev["statistic"].iloc[0]),
                          after=tr.code("statistic", stat))
                joints["x"] += [_xs(prev, x)[-1], _xs(run, x)[0], None]
                joints["y"] += [float(prev["_y"].iloc[-1]), float(run["_y"].iloc[0]), None]
                joints["hover"] += [text, text, ""]
            hover = [
                tr("chart.hover.series", who=partner, period=p, value=fmt.usd(v, tr.lang),
                   extra=m.hover(y, tr.lang) if m.key != "value" and pd.notna(y) else "", statistic=tr.code("statistic", stat),
                   source=src or tr("chart.no_sourced_figure"))
                for p, v, y, src in zip(run[x] if x == "year" else run[x].map(lambda mo: fmt.month(mo, tr.lang)), run["value_usd"], run["_y"],
                                        run.get("source_label", run["source_id"]).fillna(""), strict=False)
            ]
            line = lines.setdefault(stat, {"x": [], "y": [], "hover": []})
            if line["x"]:
                line["x"].append(None), line["y"].append(None), line["hover"].append("")
            line["x"] += _xs(run, x)
            line["y"] += list(run["_y"].astype(float))
            line["hover"] += hover
            prev = run
        if joints["x"]:
            traces.append(go.Scatter(x=joints["x"][:-1], y=joints["y"][:-1], mode="lines", line=dict(color=color, width=1, dash="dot"),
                                     showlegend=False, legendgroup=partner, hovertext=joints["hover"][:-1], hoverinfo="text",
                                     connectgaps=False))
        for stat, line in lines.items():
            symbol, dash = statistic_style(stat)
            traces.append(go.Scatter(
                x=line["x"], y=line["y"], mode="lines+markers", name=tr("chart.legend.series", who=partner, statistic=short(tr.code("statistic", stat))),
                legendgroup=partner, connectgaps=False, line=dict(color=color, width=2.5, dash=dash),
                marker=dict(color=color, size=8, symbol=symbol), hovertext=line["hover"], hoverinfo="text"))
        if rows["_y"].isna().all():
            # NOTE: keep a legend entry so a reader sees the partner has no figure in this series.
            traces.append(go.Scatter(x=[None], y=[None], mode="lines", name=tr("chart.no_figure", who=partner),
                                     line=dict(color=color, width=2.5), legendgroup=partner))
    return traces


def other_source_traces(others: pd.DataFrame, x: str = "year", tr: Tr = ENGLISH) -> list[go.Scatter]:
    """Every other source's figure as a hollow marker."""
    traces = []
    for partner, rows in others.groupby("partner", sort=False):
        who = tr.code("partner", partner)
        traces.append(go.Scatter(
            x=_xs(rows, x), y=rows["value_usd"].astype(float), name=tr("chart.other_sources", who=who),
            mode="markers", marker=dict(symbol="circle-open", size=10, line=dict(width=2), color=PARTNER_COLORS.get(partner)),
            hovertext=[tr("chart.hover.other", who=who, period=p, value=fmt.usd(v, tr.lang), statistic=tr.code("statistic", stat), source=src)
                       for p, v, stat, src in zip(rows[x], rows["value_usd"], rows["statistic"],
                                                  rows.get("source_label", rows["source_id"]), strict=False)],
            hoverinfo="text"))
    return traces


def add_targets(fig: go.Figure, targets: pd.DataFrame, x: str = "year", tr: Tr = ENGLISH) -> None:
    """Pledged targets as dashed lines from the pledge to the target year, labelled at the target's end
    (at its value: value_axis moves the label where a log axis needs it)."""
    for _, t in targets.iterrows():
        end = int(t["target_year"]) if x == "year" else pd.Timestamp(int(t["target_year"]), 12, 31)
        value = float(t["target_usd"])
        fig.add_shape(type="line", x0=_x_of_date(t["date"], x), x1=end, y0=value, y1=value,
                      line=dict(color=PARTNER_COLORS["Russia"], dash="dash", width=1.5))
        fig.add_annotation(x=end, y=value, showarrow=False, yshift=10, xanchor="right", font=dict(size=11),
                           text=tr("chart.target", amount=fmt.usd(value, tr.lang), year=int(t["target_year"])))


def add_events(fig: go.Figure, events: pd.DataFrame, x: str = "year", tr: Tr = ENGLISH) -> None:
    """Events as dotted vertical lines with the category's symbol on top; the title on hover. On a year axis,
    one line per year (at the year's point: a yearly figure cannot place an event within its year) with the
    symbols of its events' categories and every event in its hover: a line per event drew 70 lines over
    25 years, a grey fog on a phone."""
    def title(e) -> str:
        return f"{e['date']}: {tr.name('events', e['event_id'], e['title'], 'title')}"

    if x == "year":
        years = events.assign(_y=events["date"].astype(str).str[:4].astype(int))
        groups = [(y, rows, f"events {y}") for y, rows in years.groupby("_y", sort=True)]
    else:
        groups = [(_x_of_date(e["date"], x), events.loc[[i]], f"event {e['event_id']}") for i, e in events.iterrows()]
    for i, (pos, rows, name) in enumerate(groups):
        fig.add_shape(type="line", x0=pos, x1=pos, y0=0, y1=1, yref="paper", line=dict(color="#888888", width=1, dash="dot"), name=name)
        text = "".join(dict.fromkeys(CATEGORY_SYMBOLS.get(c, "·") for c in rows["category"]))
        # Neighbouring years' symbols at two heights, as the resolutions' labels: side by side they ran together.
        fig.add_annotation(x=pos, y=1, yref="paper", yshift=14 * (i % 2) if x == "year" else 0, text=text, showarrow=False,
                           hovertext="<br>".join(title(e) for _, e in rows.iterrows()), font=dict(size=12, color="#888888"), name=name)


# NOTE: Plotly writes month names in English and Streamlit loads no Plotly locale, so month axes in
# other languages are written in numbers.
MONTH_TICKS = {"ko": "%Y.%m", "ru": "%m.%Y"}


def month_axis(fig: go.Figure, tr: Tr) -> None:
    fig.update_xaxes(title=tr("chart.axis.month"), type="date", tickformat=MONTH_TICKS.get(tr.lang))


def period_axis(fig: go.Figure, view: pd.DataFrame, x: str = "year", tr: Tr = ENGLISH) -> None:
    if x == "year":
        n = view["year"].nunique()
        fig.update_xaxes(title=tr("chart.axis.year"), dtick=5 if n > 20 else 2 if n > 12 else 1, tickformat="d")
    else:
        month_axis(fig, tr)


def value_axis(fig: go.Figure, m: Measure, log: bool, tr: Tr = ENGLISH) -> None:
    log = log and m.log_ok
    fig.update_yaxes(title=m.axis_title(tr.lang), type="log" if log else "linear",
                     rangemode="tozero" if m.from_zero and not log else None)
    if log:
        # Plotly places a shape at its value on a log axis but reads an annotation's y as the value's log10:
        # given the value, the "$1bn by 2020" target's label went to 10^1e9, off the chart.
        for a in fig.layout.annotations:
            if a.yref in (None, "y") and a.y is not None and a.y > 0:
                a.y = math.log10(a.y)
    if m.raw:
        money_axis(fig, tr)
        return
    # A share, change or index: whole numbers with the language's separators (10,000; 10 000), not Plotly's 10k.
    fig.update_yaxes(tickformat=",~r")
    if log:
        decade_ticks(fig)


DECADES_FOR_DECADE_TICKS = 2
MINOR_GRID = dict(dtick="D2", showgrid=True, gridcolor="#F2F2F2", ticks="")


def decade_ticks(fig: go.Figure) -> None:
    """A log y axis whose data spans two decades or more labels each power of ten only (1, 10, 100),
    the values between as unlabelled grid lines: Plotly's own ticks also labelled the 2s and 5s of every
    decade. Narrower spans keep Plotly's ticks, which then need the 2s and 5s to have more than one label."""
    if axis_ticks(_axis_values(fig, "y"), log=True)[1]:
        fig.update_yaxes(dtick=1, minor=MINOR_GRID)


def _nice_step(span: float, intervals: int = 5) -> float:
    """1, 2, 2.5 or 5 times a power of ten, cutting span into the number of intervals nearest the one asked."""
    mag = 10.0 ** math.floor(math.log10(span / intervals))
    return min((k * mag for k in (1, 2, 2.5, 5, 10)), key=lambda step: abs(span / step - intervals))


def axis_ticks(values, log: bool) -> tuple[list[float], bool]:
    """Where a money or quantity axis's labels go, given the values it shows: (tick values, whether they are powers of
    ten only). Log: each power of ten when the values span two decades or more (Trade's $42k to $7bn),
    else 1, 2, 5 (or 1-9) times a power of ten, at least two of them within the values; linear: from zero
    in steps of 1, 2, 2.5 or 5 times a power of ten, about five of them. One tick beyond the values at each
    end, so the axis is labelled to its edge (Plotly draws only the ticks within its range)."""
    vals = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce")
    vals = vals[vals.abs() < math.inf]  # no NaN, no infinity (China's multiple of a year Russia recorded nothing)
    if log:
        vals = vals[vals > 0]
    if vals.empty:
        return [], False
    lo, hi = float(vals.min()), float(vals.max())
    if log:
        k0, k1 = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        if math.log10(hi / lo) >= DECADES_FOR_DECADE_TICKS:
            return [10.0 ** k for k in range(k0, k1 + 1)], True
        for mantissas in ((1, 2, 5), range(1, 10)):
            grid = sorted(m * 10.0 ** k for k in range(k0, k1 + 1) for m in mantissas)
            if sum(lo <= g <= hi for g in grid) >= 2:
                below = [g for g in grid if g <= lo][-1:] or grid[:1]
                return [g for g in grid if below[0] <= g <= hi] + [g for g in grid if g > hi][:1], False
    lo, hi = (min(lo, 0.0), max(hi, 0.0)) if not log else (lo, hi)
    if hi == lo:
        return [lo], False
    step = _nice_step(hi - lo)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [float(round(i * step, 6)) for i in range(first, last + 1) if not log or i * step > 0], False


def money_axis(fig: go.Figure, tr: Tr = ENGLISH, axis: str = "y", values=None) -> None:
    """Label a US-dollar axis in the reader's language ('$2.5bn', '25억', '2,5 млрд'; fmt.usd_tick): Plotly's
    own ticks wrote 2.5B, 300M, 100k in every language. values: what the axis shows, if not what
    _axis_values reads from the figure (a waterfall's running total)."""
    _labelled_axis(fig, axis, values, lambda v: fmt.usd_tick(v, tr.lang))


def quantity_axis(fig: go.Figure, tr: Tr = ENGLISH, axis: str = "y") -> None:
    """Label an axis of quantities (barrels, tonnes) in the reader's language: '4.5M', '450만', '4,5 млн'
    (fmt.compact), where Plotly wrote 4.5M in every language."""
    _labelled_axis(fig, axis, None, lambda v: fmt.compact(v, tr.lang))


def _axis_values(fig: go.Figure, axis: str) -> list:
    """What an axis shows: every trace's values on it (a horizontal bar's x, anything else's y) and the
    shapes drawn at a value on it (a target line)."""
    def along(t) -> bool:
        return (getattr(t, "orientation", None) == "h") == (axis == "x")
    values = [v for t in fig.data if along(t) and getattr(t, axis, None) is not None for v in getattr(t, axis)]
    return values + [v for s in fig.layout.shapes if (getattr(s, f"{axis}ref", None) or axis) == axis
                     for v in (getattr(s, f"{axis}0"), getattr(s, f"{axis}1"))]


def _labelled_axis(fig: go.Figure, axis: str, values, label: Callable[[float], str]) -> None:
    values = _axis_values(fig, axis) if values is None else values
    ticks, decades = axis_ticks(values, fig.layout[f"{axis}axis"].type == "log")
    if not ticks:
        return
    fig.update_layout({f"{axis}axis": dict(tickmode="array", tickvals=ticks, ticktext=[label(v) for v in ticks],
                                           tickprefix=None, dtick=None, minor=MINOR_GRID if decades else None)})


def trade_figure(view: pd.DataFrame, *, x: str = "year", by: str = "partner", measure: str = "value",
                 others: pd.DataFrame | None = None, band: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                 targets: pd.DataFrame | None = None, log: bool = False, tr: Tr = ENGLISH) -> go.Figure:
    """A trade series by period (x: 'year' or 'month'): each partner's line styled by statistic,
    other sources as hollow markers and their range as a band (dollar values only), targets and events."""
    m = MEASURES[measure]
    fig = go.Figure()
    if band is not None and m.raw:
        fig.add_traces(band_traces(band, x, tr))
    fig.add_traces(series_traces(view, m, x, by, tr))
    if others is not None and not others.empty and m.raw:
        fig.add_traces(other_source_traces(others, x, tr))
    if targets is not None and m.raw:
        add_targets(fig, targets, x, tr)
    if events is not None:
        add_events(fig, events, x, tr)
    period_axis(fig, view, x, tr)
    value_axis(fig, m, log, tr)
    return _layout(fig, tr)


def ytd_figure(ytd: pd.DataFrame, highlight: int | None = None, tr: Tr = ENGLISH) -> go.Figure:
    """Year to date: each year's running total from January, the latest year in bold."""
    fig = go.Figure()
    ytd = ytd.groupby("year").filter(lambda g: g["ytd_usd"].notna().any())
    years = sorted(ytd["year"].unique())
    for i, (year, rows) in enumerate(ytd.groupby("year")):
        bold = year == highlight
        shade = 0.35 + 0.5 * i / max(len(years) - 1, 1)
        fig.add_trace(go.Scatter(
            x=rows["month_no"], y=rows["ytd_usd"].astype(float), mode="lines+markers", name=str(year), connectgaps=False,
            line=dict(width=4 if bold else 1.5, color=PARTNER_COLORS["China"] if bold else f"rgba(80,80,80,{shade:.2f})"),
            hovertext=[tr("chart.hover.ytd", year=year, month=fmt.month_name(mn, tr.lang), value=fmt.usd(v, tr.lang), how=fmt.how(how, tr.lang))
                       if pd.notna(v) else "" for mn, v, how in zip(rows["month_no"], rows["ytd_usd"], rows["how"])],
            hoverinfo="text"))
    fig.update_xaxes(title=tr("chart.axis.month"), tickvals=list(range(1, 13)), ticktext=[fmt.month_name(m, tr.lang) for m in range(1, 13)],
                     range=[0.7, 12.3])
    fig.update_yaxes(title=tr("chart.axis.ytd"), rangemode="tozero")
    money_axis(fig, tr)
    return _layout(fig, tr)


def rolling_figure(rolling: pd.DataFrame, annual: pd.DataFrame, tr: Tr = ENGLISH) -> go.Figure:
    """The sum of the last twelve months per flow, with each year's annual customs figure as a diamond at December."""
    fig = go.Figure()
    for flow, rows in rolling.groupby("flow", sort=False):
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(rows["month"]), y=rows["rolling_12m_usd"].astype(float), mode="lines", connectgaps=False,
            name=tr("chart.rolling.legend", flow=fmt.flow(flow, tr.lang)), line=dict(color=FLOW_COLORS.get(flow), width=2),
            hovertext=[tr("chart.hover.rolling", month=fmt.month(mo, tr.lang), value=fmt.usd(v, tr.lang))
                       for mo, v in zip(rows["month"], rows["rolling_12m_usd"])],
            hoverinfo="text"))
    for flow, rows in annual.groupby("flow", sort=False):
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(rows["month"]), y=rows["value_usd"].astype(float), mode="markers", name=tr("chart.rolling.annual", flow=fmt.flow(flow, tr.lang)),
            marker=dict(symbol="diamond-open", size=11, line=dict(width=2), color=FLOW_COLORS.get(flow)),
            hovertext=[f"{int(y)} ({tr.code('statistic', st)}): {fmt.usd(v, tr.lang)}" for y, st, v in zip(rows["year"], rows["statistic"], rows["value_usd"])],
            hoverinfo="text"))
    month_axis(fig, tr)
    fig.update_yaxes(title=tr("chart.axis.rolling"), rangemode="tozero")
    money_axis(fig, tr)
    return _layout(fig, tr)


def multiple_figure(mult: pd.DataFrame, tr: Tr = ENGLISH) -> go.Figure:
    """China's trade with North Korea as a multiple of Russia's; a bar whose two figures are of
    different statistics is hatched and its hover names both."""
    same = (mult["china_statistic"] == mult["russia_statistic"]).fillna(False) | (
        mult["china_statistic"].isin(["China customs", "KITA"]) & (mult["russia_statistic"] == "Russian customs"))
    fig = go.Figure(go.Bar(
        x=mult["year"], y=mult["china_multiple"].astype(float), marker_color=PARTNER_COLORS["China"],
        marker_pattern_shape=["" if s else "/" for s in same],
        hovertext=[tr("chart.hover.multiple", year=int(y), times=fmt.times(m, tr.lang), china=fmt.usd(c, tr.lang), russia=fmt.usd(r, tr.lang),
                      china_statistic=tr.code("statistic", cs), russia_statistic=tr.code("statistic", rs))
                   if pd.notna(m) else tr("chart.hover.no_figure_for_both", year=int(y))
                   for y, m, c, r, cs, rs in zip(mult["year"], mult["china_multiple"], mult["china_usd"], mult["russia_usd"],
                                                 mult["china_statistic"], mult["russia_statistic"], strict=False)],
        hoverinfo="text", name=tr("chart.multiple.legend"),
    ))
    fig.update_xaxes(title=tr("chart.axis.year"), tickformat="d")
    # NOTE: log scale: in 2021 Russia's recorded trade fell to tens of thousands of dollars.
    # ',~r': 10, 100, 1,000, 10,000, and 0.1 below one (Plotly's own format wrote 1000 but 10k on one axis).
    fig.update_yaxes(title=tr("chart.axis.multiple"), type="log", tickformat=",~r")
    decade_ticks(fig)
    return _layout(fig, tr, showlegend=False)


def debt_figure(steps: pd.DataFrame, tr: Tr = ENGLISH) -> go.Figure:
    """Waterfall: the debt's size, the part written off, the remainder."""
    measure = {"debt_size": "absolute", "write_off": "relative", "remainder": "total"}
    ys = [(-1 if k == "write_off" else 1) * float(v) for k, v in zip(steps["kind"], steps["amount_usd"], strict=False)]
    fig = go.Figure(go.Waterfall(
        x=[tr.name("codes", k, DEBT_LABELS[k], "debt_kind") for k in steps["kind"]],
        y=ys, measure=[measure[k] for k in steps["kind"]],
        text=[fmt.usd(abs(y), tr.lang) for y in ys], textposition="outside",
        decreasing=dict(marker=dict(color=STATUS_COLORS["operating"])),
        increasing=dict(marker=dict(color=PARTNER_COLORS["Russia"])),
        totals=dict(marker=dict(color=PARTNER_COLORS["North Korea"])),
    ))
    # The field's title names its unit ("Amount in US dollars"): with the unit again in brackets it read twice.
    fig.update_yaxes(title=schema_label("debt", "amount_usd", tr, unit=False))
    money_axis(fig, tr, values=[0.0, *pd.Series(ys).cumsum()])
    return _layout(fig, tr, showlegend=False)


def schema_label(dataset: str, column: str, tr: Tr, unit: bool = True) -> str:
    """A column's title and unit from the schema, in the reader's language: 'Amount (US dollars)';
    unit=False for the title alone, where the ticks carry the unit."""
    key = f"schema.{dataset}.{column}"
    title = tr(f"{key}.title")
    return f"{title} ({tr(f'{key}.unit')})" if unit and i18n.has(f"{key}.unit") else title


def schedule_figure(schedule: pd.DataFrame, tr: Tr = ENGLISH) -> go.Figure:
    fig = go.Figure(go.Bar(
        x=pd.to_datetime(schedule["due"]), y=schedule["remaining_usd"].astype(float), marker_color=PARTNER_COLORS["North Korea"],
        hovertext=[tr("chart.hover.instalment", n=i, due=d, paid=fmt.usd(a, tr.lang), left=fmt.usd(r, tr.lang)) for i, d, a, r in
                   zip(schedule["instalment"], schedule["due"], schedule["amount_usd"], schedule["remaining_usd"], strict=False)],
        hoverinfo="text", name=tr("chart.schedule.legend"),
    ))
    fig.update_xaxes(title=tr("chart.axis.instalment_due"))
    fig.update_yaxes(title=tr("chart.axis.remaining_debt"))
    money_axis(fig, tr)
    return _layout(fig, tr, showlegend=False)


def investment_figure(view: pd.DataFrame, tr: Tr = ENGLISH) -> go.Figure:
    """Amounts in US dollars by project, one bar per stage (pledged, committed, spent)."""
    rows = view.dropna(subset=["amount_usd"])
    fig = go.Figure()
    lines = 1  # the most lines of any project's wrapped name
    for stage in schema.enum("investments", "stage"):
        r = rows[rows["stage"] == stage]
        if r.empty:
            continue
        projects = [tr.name("projects", i, p) for i, p in zip(r["project_id"], r["project"], strict=False)]
        # NOTE: names wrapped to a phone's share of the width: unwrapped, the longest pushed the plot to a
        # sliver at 390 px and lost its first letters (Plotly caps the margin it grows for labels).
        labels = [_wrap(p, 20) for p in projects]
        lines = max([lines, *(label.count("<br>") + 1 for label in labels)])
        fig.add_trace(go.Bar(
            y=labels, x=r["amount_usd"].astype(float), name=tr.code("investment_stage", stage), orientation="h",
            marker_color=STAGE_COLORS.get(stage),
            hovertext=[tr("chart.hover.investment", project=p, investor=inv, amount=fmt.usd(a, tr.lang), stage=tr.code("investment_stage", stage), year=y)
                       for p, inv, a, y in zip(projects, r["investor"], r["amount_usd"], r["ref_year"], strict=False)],
            hoverinfo="text",
        ))
    # The field's title names its unit ("Amount in US dollars"), on one line: with the unit again in brackets
    # it wrapped at 390 px into the legend below.
    fig.update_xaxes(title=schema_label("investments", "amount_usd", tr, unit=False), type="log")
    money_axis(fig, tr, axis="x")
    fig.update_yaxes(automargin=True)
    # A row per project, tall enough for its name's lines (three in Russian at 390 px).
    return _layout(fig, tr, barmode="group", height=max(320, max(40, 16 * lines + 14) * rows["project"].nunique() + 120))


def status_timeline(segments: pd.DataFrame, tr: Tr = ENGLISH) -> go.Figure:
    """One row per project, coloured bars for each status from its date to the next."""
    fig = go.Figure()
    for status in schema.enum("project_status", "status"):
        r = segments[segments["status"] == status]
        if r.empty:
            continue
        projects = [tr.name("projects", i, p) for i, p in zip(r["project_id"], r["project"], strict=False)]
        fig.add_trace(go.Bar(
            y=projects, base=r["start"], x=(r["end"] - r["start"]).dt.total_seconds() * 1000, orientation="h",
            name=tr.code("project_status", status), marker_color=STATUS_COLORS[status],
            hovertext=[tr("chart.hover.status", project=p, status=tr.code("project_status", status), date=d, event=e)
                       for p, d, e in zip(projects, r["date"], r["event"], strict=False)],
            hoverinfo="text",
        ))
    # NOTE: the Friendship Bridge dates from 1943; start the axis at 2000 so recent histories are
    # readable (the full history is in the table).
    start = max(segments["start"].min(), pd.Timestamp("2000-01-01")) if len(segments) else None
    fig.update_xaxes(type="date", title=tr("chart.axis.status_over_time"), tickformat="%Y",
                     range=[start, segments["end"].max()] if start is not None else None)
    fig.update_yaxes(autorange="reversed", title=None)
    return _layout(fig, tr, barmode="overlay", height=max(320, 28 * segments["project"].nunique() + 140))


# Where country names sit on the project map: a layout choice (label positions), not data.
COUNTRY_LABELS = (("China", 41.6, 125.2), ("Russia", 43.6, 131.6), ("North Korea", 39.9, 127.0), ("South Korea", 37.0, 128.3))
SYMBOLS = {"Russia": "circle", "China": "square"}


def project_map(projects: pd.DataFrame, tr: Tr = ENGLISH, places: pd.DataFrame | None = None,
                lines: pd.DataFrame | None = None) -> go.Figure:
    """Where the projects are: a marker per site coloured by its latest status (shape by partner), the
    projects that are lines (calc.project_lines) as lines in the same colours, dashed because they are
    schematic, and the cities and crossings of places.csv, over country borders, coasts, rivers and
    lakes from the shipped Natural Earth topojson (see ui.MAP_CONFIG)."""
    fig = go.Figure()
    for name, la, lo in COUNTRY_LABELS:
        fig.add_trace(go.Scattergeo(lat=[la], lon=[lo], mode="text", text=[tr.code("partner", name).upper()], showlegend=False, hoverinfo="skip",
                                    textfont=dict(size=11, color="#555555")))
    if places is not None and len(places):
        for kind, symbol in (("city", "circle"), ("port", "circle"), ("town", "circle-open"), ("crossing", "x-thin-open")):
            rows = places[places["kind"] == kind].sort_values("lat", ascending=False)
            if rows.empty:
                continue
            names = [tr.name("places", i, n) for i, n in zip(rows["place_id"], rows["name"], strict=True)]
            # NOTE: crossings sit close together on the border: their labels alternate above and below, to the
            # right; a port's label goes below (its city's, if any, above); a town is named on hover only.
            position = {"city": ["top center"] * len(rows), "port": ["bottom center"] * len(rows), "town": None,
                        "crossing": ["top right" if i % 2 == 0 else "bottom right" for i in range(len(rows))]}[kind]
            fig.add_trace(go.Scattergeo(
                lat=rows["lat"].astype(float), lon=rows["lon"].astype(float), mode="markers" if kind == "town" else "markers+text",
                text=names, textposition=position, textfont=dict(size=10, color="#333333"),
                marker=dict(size=5 if kind != "crossing" else 8, color="#333333", symbol=symbol, line=dict(width=1.5, color="#333333")),
                hovertext=[tr("chart.hover.place", name=n, kind=tr(f"chart.place.{kind}")) for n in names], hoverinfo="text",
                showlegend=False, name=f"places {kind}"))
    if lines is not None and len(lines):
        for pid, g in lines.groupby("project_id", sort=False):
            r = g.iloc[0]
            name = tr.name("projects", pid, r["name"])
            hover = tr("chart.hover.project_line", name=name, status=tr.code("project_status", r["status"]), date=r["status_date"],
                       note=r["note"] if isinstance(r["note"], str) else "")
            fig.add_trace(go.Scattergeo(
                lat=g["lat"].astype(float), lon=g["lon"].astype(float), mode="lines", name=f"line {pid}", showlegend=False,
                line=dict(width=3, color=STATUS_COLORS.get(r["status"]), dash="dash"), hovertext=hover, hoverinfo="text"))
    for status in schema.enum("projects", "status"):
        rows = projects[(projects["status"] == status) & projects["lat"].notna()]
        if rows.empty:
            continue
        fig.add_trace(go.Scattergeo(
            lat=rows["lat"].astype(float), lon=rows["lon"].astype(float), name=tr.code_title("project_status", status), mode="markers",
            marker=dict(size=12, color=STATUS_COLORS.get(status), symbol=[SYMBOLS.get(p, "diamond") for p in rows["partner"]],
                        line=dict(width=1, color="#333333")),
            hovertext=[tr("chart.hover.project", name=tr.name("projects", i, n), place=tr.name("projects", i, pl, "place"), partner=tr.code("partner", pa),
                          status=tr.code("project_status", st), date=d) for i, n, pl, pa, st, d in
                       zip(rows["project_id"], rows["name"], rows["place"], rows["partner"], rows["status"], rows["status_date"])],
            hoverinfo="text",
        ))
    # The frame: every site, line and place drawn, with a margin (from Vladivostok to Pyongyang and Dandong).
    frames = [projects[["lat", "lon"]]] + [f[["lat", "lon"]] for f in (places, lines) if f is not None and len(f)]
    both = pd.concat(frames).dropna().astype(float)
    pad = 0.7
    fig.update_geos(
        scope="asia", resolution=50, showcountries=True, countrycolor="#555555", countrywidth=1.2,
        showland=True, landcolor="#F2F2EE", showocean=True, oceancolor="#E3EEF6", showcoastlines=True, coastlinecolor="#7A9CB8",
        showrivers=True, rivercolor="#6FA8DC", riverwidth=1.2, showlakes=True, lakecolor="#E3EEF6",
        lataxis_range=[both["lat"].min() - pad, both["lat"].max() + pad] if len(both) else None,
        lonaxis_range=[both["lon"].min() - pad, both["lon"].max() + pad] if len(both) else None,
    )
    return _layout(fig, tr, height=520)


# Trade by product.

# Okabe-Ito plus tints: enough distinct colours for the groups of one bar, assigned by group so a
# product keeps its colour on every chart.
PRODUCT_PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999933",
                   "#882255", "#44AA99", "#117733", "#332288", "#AA4499", "#88CCEE", "#DDCC77", "#661100"]
NOT_ITEMISED = "#DDDDDD"


def product_colors(groups_shown) -> dict[str, str]:
    """A distinct colour for each group on one chart, given in the product groups' own order so that
    the same set of groups gets the same colours."""
    return {g: PRODUCT_PALETTE[i % len(PRODUCT_PALETTE)] for i, g in enumerate(groups_shown)}


def add_resolutions(fig: go.Figure, resolutions: pd.DataFrame, tr: Tr = ENGLISH) -> None:
    """UN resolutions as dotted lines, labelled with their numbers once per year ('✕ 2371, 2375, 2397'),
    every other year's label raised: five resolutions in 2016-2017 came a few weeks apart, and labels per
    line overlapped even at 1280 px. Hover on a label lists each resolution with its date and what it did."""
    res = resolutions.drop_duplicates("event_id").assign(_x=lambda r: r["date"].map(decimal_year)).sort_values("_x")
    for _, r in res.iterrows():
        fig.add_shape(type="line", x0=r["_x"], x1=r["_x"], y0=0, y1=1, yref="paper", line=dict(color="#555555", width=1, dash="dot"),
                      name=f"event {r['event_id']}")
    for i, (year, rows) in enumerate(res.groupby(res["_x"].astype(int), sort=True)):
        numbers = ", ".join(str(t).replace("UNSC Resolution ", "") for t in rows["title"])
        hover = "<br>".join(tr("chart.hover.resolution", date=r["date"], title=tr.name("events", r["event_id"], r["title"], "title"),
                               measure=tr.code("sanction_measure", r.get("measure", "")), products=r.get("products", ""))
                            for _, r in rows.iterrows())
        fig.add_annotation(x=float(rows["_x"].mean()), y=1.0, yref="paper", yshift=14 * (i % 2), text=f"✕ {numbers}", showarrow=False,
                           yanchor="bottom", font=dict(size=10, color="#555555"), hovertext=hover, name=f"resolutions {year}")


def product_name(group: str, name: str, tr: Tr) -> str:
    """A product group's name on a chart; 'Other mineral fuels' (what is left of a wider group) in the reader's language."""
    if name.startswith("Other ") and tr.lang != i18n.DEFAULT:
        return tr("chart.other_group", group=tr.name("product_groups", group, name.removeprefix("Other ")))
    return tr.name("product_groups", group, name) if tr.lang != i18n.DEFAULT else name


def composition_figure(comp: pd.DataFrame, order: list[str], resolutions: pd.DataFrame | None = None, tr: Tr = ENGLISH) -> go.Figure:
    """Each product group's share of the flow, stacked by year; what no group accounts for in grey."""
    fig = go.Figure()
    colors = product_colors([g for g in order if g in set(comp["product_group"])])
    for group, rows in comp.groupby("product_group", sort=False):
        for rest, part in rows.groupby("name", sort=False):
            label = product_name(group, rest, tr)
            fig.add_trace(go.Bar(
                x=part["year"], y=part["share_pct"].astype(float), name=label,
                marker=dict(color=colors[group], pattern_shape="." if rest.startswith("Other ") else ""),
                hovertext=[tr("chart.hover.share", year=int(y), name=label, hs=hs, pct=fmt.pct(v, lang=tr.lang), statistic=tr.code("statistic", st),
                              how=fmt.how(how, tr.lang)) for y, v, st, how, hs in
                           zip(part["year"], part["share_pct"], part["statistic"], part["how"], part["group_hs_code"].fillna("–"))],
                hoverinfo="text"))
    totals = comp.groupby("year")["share_pct"].sum().astype(float)
    rest = (100 - totals).clip(lower=0)
    fig.add_trace(go.Bar(x=list(rest.index), y=list(rest.values), name=tr("chart.not_itemised"), marker_color=NOT_ITEMISED,
                         hovertext=[tr("chart.hover.not_itemised", year=int(y), pct=fmt.pct(v, lang=tr.lang)) for y, v in rest.items()], hoverinfo="text"))
    if resolutions is not None and len(resolutions):
        add_resolutions(fig, resolutions, tr)
    fig.update_xaxes(title=tr("chart.axis.year"), tickformat="d", dtick=1 if comp["year"].nunique() <= 12 else 2)
    fig.update_yaxes(title=tr("chart.composition.unit"), range=[0, 100])
    # NOTE: many groups: the legend goes below the bars, so on a phone it does not cover them.
    return _layout(fig, tr, barmode="stack", margin=dict(l=10, r=10, t=50, b=10), height=560,
                   legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0))


def product_line_figure(line: pd.DataFrame, column: str, unit: str, resolutions: pd.DataFrame | None = None, tr: Tr = ENGLISH) -> go.Figure:
    """One product's yearly figure, one marker style per statistic, resolutions that restricted it marked."""
    view = line.assign(partner=line["partner"] if "partner" in line else "", _y=line[column])
    fig = go.Figure()
    for stat, rows in view.groupby("statistic", sort=False):
        symbol, _ = statistic_style(stat)
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows[column].astype(float), mode="markers", name=short(tr.code("statistic", stat)),
            marker=dict(symbol=symbol, size=10, color="#333333"),
            hovertext=[tr("chart.hover.product", year=int(y), value=fmt.usd(v, tr.lang) if column == "value_usd" else f"{fmt.number(v, tr.lang)} {unit}",
                          statistic=tr.code("statistic", stat), what=what, hs=hs or "–")
                       for y, v, what, hs in zip(rows["year"], rows[column], rows["product_as_reported"], rows["hs_code"].fillna(""))],
                hoverinfo="text"))
    full = view.set_index("year")[column].reindex(range(int(view["year"].min()), int(view["year"].max()) + 1)) if len(view) else pd.Series(dtype=float)
    fig.add_trace(go.Scatter(x=list(full.index), y=list(full.astype(float)), mode="lines", connectgaps=False, showlegend=False,
                             line=dict(color="#333333", width=1.5), hoverinfo="skip"))
    if resolutions is not None and len(resolutions):
        add_resolutions(fig, resolutions, tr)
    fig.update_xaxes(title=tr("chart.axis.year"), tickformat="d")
    fig.update_yaxes(title=tr("chart.axis.value") if column == "value_usd" else tr("chart.axis.quantity", unit=unit), rangemode="tozero")
    (money_axis if column == "value_usd" else quantity_axis)(fig, tr)
    return _layout(fig, tr, margin=dict(l=10, r=10, t=80, b=10))


def side_by_side_figure(both: pd.DataFrame, order: list[str], tr: Tr = ENGLISH) -> go.Figure:
    """Russia and China in the same year: each product group's share of the flow, side by side."""
    fig = go.Figure()
    for partner, rows in both.groupby("partner", sort=False):
        who = tr.code("partner", partner)
        labels = [product_name(g, n, tr) for g, n in zip(rows["product_group"], rows["name"], strict=False)]
        fig.add_trace(go.Bar(
            y=labels, x=rows["share_pct"].astype(float), orientation="h", name=f"{who} ({int(rows['year'].iloc[0])})",
            marker_color=PARTNER_COLORS.get(partner),
            hovertext=[tr("chart.hover.share", year=f"{who} {int(y)}", name=n, hs=hs, pct=fmt.pct(v, lang=tr.lang), statistic=tr.code("statistic", st),
                          how=fmt.how(how, tr.lang)) for y, n, v, st, how, hs in
                       zip(rows["year"], labels, rows["share_pct"], rows["statistic"], rows["how"], rows["group_hs_code"].fillna("–"))],
                hoverinfo="text"))
    fig.update_xaxes(title=tr("chart.composition.unit"), rangemode="tozero")
    fig.update_yaxes(autorange="reversed", title=None)
    return _layout(fig, tr, barmode="group", height=max(320, 34 * both["name"].nunique() + 140))


def oil_figure(deliveries: pd.DataFrame, caps: pd.DataFrame, tr: Tr = ENGLISH) -> go.Figure:
    """Refined petroleum reported to the UN 1718 Committee, by partner and year, against the cap."""
    fig = go.Figure()
    for partner, rows in deliveries.groupby("partner", sort=False):
        who = tr.code("partner", partner)
        fig.add_trace(go.Bar(
            x=rows["year"], y=rows["barrels"].astype(float), name=tr("chart.oil.reported", who=who), marker_color=PARTNER_COLORS.get(partner),
            marker_pattern_shape=["" if m == 12 else "/" for m in rows["months_reported"]],
            hovertext=[tr("chart.hover.oil", who=who, year=int(y), barrels=fmt.number(b, tr.lang), how=fmt.how(how, tr.lang))
                       for y, b, how in zip(rows["year"], rows["barrels"], rows["how"])],
            hoverinfo="text"))
    if len(caps):
        fig.add_trace(go.Scatter(
            x=list(caps["year"]), y=list(caps["cap_barrels"].astype(float)), mode="lines+markers", name=tr("chart.oil.cap"),
            line=dict(color="#000000", dash="dash", shape="hvh"), marker=dict(symbol="line-ew-open", size=14),
            hovertext=[tr("chart.hover.cap", year=int(y), barrels=fmt.number(c, tr.lang), resolution=r)
                       for y, c, r in zip(caps["year"], caps["cap_barrels"], caps["resolution"])],
            hoverinfo="text"))
    fig.update_xaxes(title=tr("chart.axis.year"), tickformat="d", dtick=1)
    fig.update_yaxes(title=tr("chart.axis.oil"), rangemode="tozero")
    quantity_axis(fig, tr)
    return _layout(fig, tr, barmode="stack")
