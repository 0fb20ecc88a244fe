"""Plotly figures built from DataFrames; no Streamlit here, so tests can inspect them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from nkties import schema
from nkties.data import parse_partial_date

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
STAGE_COLORS = {"pledged": "#56B4E9", "committed": "#0072B2", "spent": "#009E73"}
DEBT_LABELS = {"debt_size": "Soviet-era debt", "write_off": "Written off", "remainder": "Remainder"}
CATEGORY_SYMBOLS = {"summit": "◆", "agreement": "■", "pledge": "▲", "sanctions": "✕", "nuclear_test": "●", "border": "▮", "military": "★", "other": "·"}


def _layout(fig: go.Figure, **kw) -> go.Figure:
    fig.update_layout(
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hovermode="closest",
        **kw,
    )
    return fig


def fmt_usd(v) -> str:
    """$6.39bn, $112.7m, $42k: the way reporters write trade figures."""
    if v is None or pd.isna(v):
        return "no data"
    v = float(v)
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(v) >= size:
            return f"${v / size:,.4g}{suffix}" if v / size < 1000 else f"${v / size:,.0f}{suffix}"
    return f"${v:,.0f}"


def _event_x(date: str) -> float:
    d = parse_partial_date(date)
    return d.year + (d.day_of_year - 1) / 366


Y_COLUMNS = {"value": "value_usd", "share": "share_pct", "growth": "growth_pct", "index": "index"}
Y_TITLES = {
    "share": "Share of North Korea's total trade (%)",
    "growth": "Change on the previous year (%)",
    "index": "Index (base year = 100)",
}


def _hex_rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _band_traces(band: pd.DataFrame) -> list[go.Scatter]:
    """A shaded area from the lowest to the highest recorded figure, one polygon per run of
    consecutive years, so the band never bridges a year with no figure."""
    traces = []
    for partner, rows in band.groupby("partner", sort=False):
        rows = rows.sort_values("year")
        # NOTE: numpy ints, not nullable ones: the first row's diff must start a run, not be NA.
        run_id = (rows["year"].astype("int64").diff() != 1).cumsum()
        for i, (_, run) in enumerate(rows.groupby(run_id)):
            xs = list(run["year"].astype(int))
            traces.append(go.Scatter(
                x=xs + xs[::-1], y=list(run["high_usd"].astype(float)) + list(run["low_usd"].astype(float))[::-1],
                fill="toself", mode="lines", line=dict(width=0), fillcolor=_hex_rgba(PARTNER_COLORS.get(partner, "#999999"), 0.18),
                name=f"{partner}: range of sources", legendgroup=f"band_{partner}", showlegend=i == 0, hoverinfo="skip",
            ))
    return traces


def trade_figure(view: pd.DataFrame, others: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                 targets: pd.DataFrame | None = None, log: bool = False, measure: str = "value",
                 band: pd.DataFrame | None = None) -> go.Figure:
    """Primary series as lines (gaps where a year has no figure), other sources' figures as
    hollow markers, the range of all sources as a band, events as dotted lines, targets as
    dashed lines. measure picks the y column: value, share, growth or index."""
    ycol = Y_COLUMNS[measure]
    ytitle = Y_TITLES.get(measure) or schema.label("trade", "value_usd")
    fig = go.Figure()
    if band is not None and measure == "value":
        for t in _band_traces(band):
            fig.add_trace(t)
    for partner, rows in view.groupby("partner", sort=False):
        rows = rows.sort_values("year")
        extra = {
            "share": lambda r: f" ({r:.1f}% of DPRK total)",
            "growth": lambda r: f" ({r:+.1f}% on the year)",
            "index": lambda r: f" (index {r:.0f})",
        }.get(measure)
        hover = [
            f"{partner} {int(y)}<br>{fmt_usd(v)}" + (extra(m) if extra and pd.notna(m) else "")
            + f"<br>{stat or ''}<br>Source: {src or 'no sourced figure'}"
            for y, v, m, stat, src in zip(rows["year"], rows["value_usd"], rows[ycol], rows["statistic"].fillna(""),
                                          rows.get("source_label", rows["source_id"]).fillna(""))
        ]
        fig.add_trace(go.Scatter(
            x=rows["year"].astype(int), y=rows[ycol].astype(float), name=partner, mode="lines+markers",
            connectgaps=False, line=dict(color=PARTNER_COLORS.get(partner), width=2.5),
            marker=dict(color=PARTNER_COLORS.get(partner), size=7), hovertext=hover, hoverinfo="text",
        ))
    if others is not None and not others.empty and measure == "value":
        for partner, rows in others.groupby("partner", sort=False):
            fig.add_trace(go.Scatter(
                x=rows["year"].astype(int), y=rows["value_usd"].astype(float), name=f"{partner}: other sources",
                mode="markers", marker=dict(symbol="circle-open", size=10, line=dict(width=2), color=PARTNER_COLORS.get(partner)),
                hovertext=[f"{partner} {int(y)}<br>{fmt_usd(v)}<br>{stat} (not charted as the series of record)<br>Source: {src}"
                           for y, v, stat, src in zip(rows["year"], rows["value_usd"], rows["statistic"],
                                                      rows.get("source_label", rows["source_id"]))],
                hoverinfo="text",
            ))
    if targets is not None and measure == "value":
        for _, t in targets.iterrows():
            x0 = _event_x(t["date"])
            fig.add_shape(type="line", x0=x0, x1=int(t["target_year"]), y0=float(t["target_usd"]), y1=float(t["target_usd"]),
                          line=dict(color=PARTNER_COLORS["Russia"], dash="dash", width=1.5))
            fig.add_annotation(x=int(t["target_year"]), y=float(t["target_usd"]), text=f"Target: {fmt_usd(t['target_usd'])} by {int(t['target_year'])}",
                               showarrow=False, yshift=10, xanchor="right", font=dict(size=11))
    if events is not None:
        for _, e in events.iterrows():
            x = _event_x(e["date"])
            fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper", line=dict(color="#888888", width=1, dash="dot"))
            fig.add_annotation(x=x, y=1, yref="paper", text=CATEGORY_SYMBOLS.get(e["category"], "·"), showarrow=False,
                               hovertext=f"{e['date']}: {e['title']}", font=dict(size=12, color="#888888"))
    fig.update_xaxes(title="Year", dtick=2 if len(view["year"].unique()) > 12 else 1, tickformat="d")
    log = log and measure in ("value", "index")
    fig.update_yaxes(title=ytitle, type="log" if log else "linear", rangemode="tozero" if measure in ("value", "share") and not log else None)
    return _layout(fig)


def multiple_figure(mult: pd.DataFrame) -> go.Figure:
    """China's trade with North Korea as a multiple of Russia's."""
    fig = go.Figure(go.Bar(
        x=mult["year"], y=mult["china_multiple"].astype(float), marker_color=PARTNER_COLORS["China"],
        hovertext=[f"{int(y)}: China {m:.0f}x Russia" if pd.notna(m) else f"{int(y)}: no figure for both" for y, m in zip(mult["year"], mult["china_multiple"])],
        hoverinfo="text", name="China ÷ Russia",
    ))
    fig.update_xaxes(title="Year", tickformat="d")
    # NOTE: log scale: in 2021 Russia's recorded trade fell to tens of thousands of dollars.
    fig.update_yaxes(title="China's trade ÷ Russia's trade (times, log scale)", type="log")
    return _layout(fig, showlegend=False)


def debt_figure(steps: pd.DataFrame) -> go.Figure:
    """Waterfall: the debt's size, the part written off, the remainder."""
    measure = {"debt_size": "absolute", "write_off": "relative", "remainder": "total"}
    ys = [(-1 if k == "write_off" else 1) * float(v) for k, v in zip(steps["kind"], steps["amount_usd"])]
    fig = go.Figure(go.Waterfall(
        x=[DEBT_LABELS[k] for k in steps["kind"]],
        y=ys, measure=[measure[k] for k in steps["kind"]],
        text=[fmt_usd(abs(y)) for y in ys], textposition="outside",
        decreasing=dict(marker=dict(color=STATUS_COLORS["operating"])),
        increasing=dict(marker=dict(color=PARTNER_COLORS["Russia"])),
        totals=dict(marker=dict(color=PARTNER_COLORS["North Korea"])),
    ))
    fig.update_yaxes(title=schema.label("debt", "amount_usd"))
    return _layout(fig, showlegend=False)


def schedule_figure(schedule: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Bar(
        x=pd.to_datetime(schedule["due"]), y=schedule["remaining_usd"].astype(float), marker_color=PARTNER_COLORS["North Korea"],
        hovertext=[f"Instalment {i}, due {d}: {fmt_usd(a)} paid, {fmt_usd(r)} left" for i, d, a, r in
                   zip(schedule["instalment"], schedule["due"], schedule["amount_usd"], schedule["remaining_usd"])],
        hoverinfo="text", name="Remaining after instalment",
    ))
    fig.update_xaxes(title="Instalment due")
    fig.update_yaxes(title="Remaining debt (US dollars)")
    return _layout(fig, showlegend=False)


def investment_figure(view: pd.DataFrame) -> go.Figure:
    """Amounts in US dollars by project, one bar per stage (pledged, committed, spent)."""
    rows = view.dropna(subset=["amount_usd"])
    fig = go.Figure()
    for stage in schema.enum("investments", "stage"):
        r = rows[rows["stage"] == stage]
        if r.empty:
            continue
        fig.add_trace(go.Bar(
            y=r["project"], x=r["amount_usd"].astype(float), name=stage, orientation="h",
            marker_color=STAGE_COLORS.get(stage),
            hovertext=[f"{p}<br>{inv}: {fmt_usd(a)} {stage} ({y})" for p, inv, a, y in zip(r["project"], r["investor"], r["amount_usd"], r["ref_year"])],
            hoverinfo="text",
        ))
    fig.update_xaxes(title=schema.label("investments", "amount_usd"), type="log")
    return _layout(fig, barmode="group", height=max(320, 40 * rows["project"].nunique() + 120))


def status_timeline(segments: pd.DataFrame) -> go.Figure:
    """One row per project, coloured bars for each status from its date to the next."""
    fig = go.Figure()
    for status in schema.enum("project_status", "status"):
        r = segments[segments["status"] == status]
        if r.empty:
            continue
        fig.add_trace(go.Bar(
            y=r["project"], base=r["start"], x=(r["end"] - r["start"]).dt.total_seconds() * 1000, orientation="h",
            name=status.replace("_", " "), marker_color=STATUS_COLORS[status],
            hovertext=[f"{p}<br>{status.replace('_', ' ')} from {d}<br>{e}" for p, d, e in zip(r["project"], r["date"], r["event"])],
            hoverinfo="text",
        ))
    # NOTE: the Friendship Bridge dates from 1943; start the axis at 2000 so recent histories are
    # readable (the full history is in the table).
    start = max(segments["start"].min(), pd.Timestamp("2000-01-01")) if len(segments) else None
    fig.update_xaxes(type="date", title="Status over time",
                     range=[start, segments["end"].max()] if start is not None else None)
    fig.update_yaxes(autorange="reversed", title=None)
    return _layout(fig, barmode="overlay", height=max(320, 28 * segments["project"].nunique() + 140))


def project_map(projects: pd.DataFrame) -> go.Figure:
    """Where the projects are. Base map from the shipped topojson (see ui.MAP_CONFIG)."""
    fig = go.Figure()
    for partner, rows in projects.groupby("partner", sort=False):
        fig.add_trace(go.Scattergeo(
            lat=rows["lat"].astype(float), lon=rows["lon"].astype(float), name=partner, mode="markers",
            marker=dict(size=11, color=PARTNER_COLORS.get(partner), line=dict(width=1, color="white")),
            hovertext=[f"{n}<br>{pl}<br>{s.replace('_', ' ')} since {d}" for n, pl, s, d in zip(rows["name"], rows["place"], rows["status"], rows["status_date"])],
            hoverinfo="text",
        ))
    lat, lon = projects["lat"].astype(float), projects["lon"].astype(float)
    pad = 1.5
    fig.update_geos(
        scope="asia", resolution=50, showcountries=True, showland=True, landcolor="#EEEEEE", countrycolor="#888888",
        lataxis_range=[lat.min() - pad, lat.max() + pad] if len(lat) else None,
        lonaxis_range=[lon.min() - pad, lon.max() + pad] if len(lon) else None,
    )
    return _layout(fig, height=480)
