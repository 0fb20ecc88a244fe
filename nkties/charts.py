"""Plotly figures built from DataFrames; no Streamlit here, so tests can inspect them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from nkties import fmt, schema
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
DEBT_LABELS = {"debt_size": "Soviet-era debt", "write_off": "Written off", "remainder": "Remainder"}
CATEGORY_SYMBOLS = {"summit": "◆", "agreement": "■", "pledge": "▲", "sanctions": "✕", "nuclear_test": "●", "border": "▮", "military": "★", "other": "·"}


def _layout(fig: go.Figure, **kw) -> go.Figure:
    fig.update_layout(
        margin=kw.pop("margin", dict(l=10, r=10, t=40, b=10)),
        legend=kw.pop("legend", dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0)),
        hovermode="closest",
        **kw,
    )
    return fig


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "<br>".join(textwrap.wrap(text, width)) or text


def framed(fig: go.Figure, title: str, note: str, height: int = 580) -> go.Figure:
    """A figure that stands on its own when downloaded: its title, and lines with unit and sources
    under it (wrapped, so a phone shows them whole); the legend below the plot so the two never
    collide. Returns a new figure."""
    out = go.Figure(fig)
    title_html = _wrap(title, 52)
    note_html = _wrap(note, 70)
    lines = title_html.count("<br>") + note_html.count("<br>") + 2
    # NOTE: anchored to the plot's top and pushed up with automargin, so Plotly measures every line
    # of a wrapped title and its subtitle (anchoring to the top of the container cut the first line).
    out.update_layout(
        title=dict(text=f"<b>{title_html}</b>", x=0, xanchor="left", xref="container", y=1, yanchor="bottom", yref="paper",
                   automargin=True, pad=dict(b=12 + 14 * min(lines, 6), l=12), font=dict(size=15),
                   subtitle=dict(text=note_html, font=dict(size=11, color="#444444"))),
        legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0),
        margin=dict(t=20, b=10, l=10, r=10), height=max(height, (out.layout.height or 0)),
    )
    return out


def source_note(unit: str, statistics, publishers) -> str:
    """'Trade value (US dollars). Statistics: China customs, KOTRA. Sources: Yonhap, Reuters and 12 more.'"""
    stats = ", ".join(dict.fromkeys(s for s in statistics if isinstance(s, str)))
    pubs = list(dict.fromkeys(p for p in publishers if isinstance(p, str)))
    shown = ", ".join(pubs[:2]) + (f" and {len(pubs) - 2} more" if len(pubs) > 2 else "")
    parts = [unit, f"Statistics: {stats}" if stats else "", f"Sources: {shown}" if shown else ""]
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


def band_traces(band: pd.DataFrame, x: str = "year") -> list[go.Scatter]:
    """A shaded area from the lowest to the highest recorded figure, one polygon per run of
    consecutive periods, so the band never bridges a period with no figure."""
    traces = []
    for partner, rows in band.groupby("partner", sort=False):
        rows = rows.sort_values(x)
        # NOTE: numpy ints, not nullable ones: the first row's diff must start a run, not be NA.
        run_id = (rows[x].astype("int64").diff() != 1).cumsum()
        for i, (_, run) in enumerate(rows.groupby(run_id)):
            xs = _xs(run, x)
            traces.append(go.Scatter(
                x=xs + xs[::-1], y=list(run["high_usd"].astype(float)) + list(run["low_usd"].astype(float))[::-1],
                fill="toself", mode="lines", line=dict(width=0), fillcolor=_hex_rgba(PARTNER_COLORS.get(partner, "#999999"), 0.18),
                name=f"{partner}: range of sources", legendgroup=f"band_{partner}", showlegend=i == 0, hoverinfo="skip",
            ))
    return traces


def series_traces(view: pd.DataFrame, m: Measure, x: str = "year", by: str = "partner") -> list[go.Scatter]:
    """One line per partner (or per flow, by='flow'), one segment per run of one statistic, styled by
    that statistic; where the statistic changes, a thin dotted joint says so. A period with no figure
    is a gap."""
    traces = []
    for key, rows in view.groupby(by, sort=False):
        rows = rows.sort_values(x).assign(_y=lambda r: r[m.column].astype("Float64"))
        partner = fmt.flow(key) if by == "flow" else key
        color = FLOW_COLORS.get(key) if by == "flow" else PARTNER_COLORS.get(key)
        shown: set[str] = set()
        prev = None
        for run in _runs(rows, "statistic"):
            stat = run["statistic"].iloc[0]
            symbol, dash = statistic_style(stat)
            if prev is not None and _adjacent(prev[x].iloc[-1], run[x].iloc[0], x):
                traces.append(go.Scatter(
                    x=[_xs(prev, x)[-1], _xs(run, x)[0]], y=[float(prev["_y"].iloc[-1]), float(run["_y"].iloc[0])],
                    mode="lines", line=dict(color=color, width=1, dash="dot"), showlegend=False, legendgroup=partner,
                    hovertext=f"{partner}: statistic changes from {prev['statistic'].iloc[0]} to {stat}", hoverinfo="text"))
            hover = [
                f"{partner} {p}<br>{fmt.usd(v)}" + (m.hover(y) if m.key != "value" and pd.notna(y) else "")
                + f"<br>Statistic: {stat}<br>Source: {src or 'no sourced figure'}"
                for p, v, y, src in zip(run[x] if x == "year" else run[x].map(fmt.month), run["value_usd"], run["_y"],
                                        run.get("source_label", run["source_id"]).fillna(""), strict=False)
            ]
            traces.append(go.Scatter(
                x=_xs(run, x), y=list(run["_y"].astype(float)), mode="lines+markers", name=f"{partner}: {stat}",
                legendgroup=partner, showlegend=stat not in shown, connectgaps=False,
                line=dict(color=color, width=2.5, dash=dash), marker=dict(color=color, size=8, symbol=symbol),
                hovertext=hover, hoverinfo="text"))
            shown.add(stat)
            prev = run
        if rows["_y"].isna().all():
            # NOTE: keep a legend entry so a reader sees the partner has no figure in this series.
            traces.append(go.Scatter(x=[None], y=[None], mode="lines", name=f"{partner}: no figure",
                                     line=dict(color=color, width=2.5), legendgroup=partner))
    return traces


def other_source_traces(others: pd.DataFrame, x: str = "year") -> list[go.Scatter]:
    """Every other source's figure as a hollow marker."""
    traces = []
    for partner, rows in others.groupby("partner", sort=False):
        traces.append(go.Scatter(
            x=_xs(rows, x), y=rows["value_usd"].astype(float), name=f"{partner}: other sources",
            mode="markers", marker=dict(symbol="circle-open", size=10, line=dict(width=2), color=PARTNER_COLORS.get(partner)),
            hovertext=[f"{partner} {p}<br>{fmt.usd(v)}<br>{stat} (not on the line)<br>Source: {src}"
                       for p, v, stat, src in zip(rows[x], rows["value_usd"], rows["statistic"],
                                                  rows.get("source_label", rows["source_id"]), strict=False)],
            hoverinfo="text"))
    return traces


def add_targets(fig: go.Figure, targets: pd.DataFrame, x: str = "year") -> None:
    """Pledged targets as dashed lines from the pledge to the target year."""
    for _, t in targets.iterrows():
        end = int(t["target_year"]) if x == "year" else pd.Timestamp(int(t["target_year"]), 12, 31)
        fig.add_shape(type="line", x0=_x_of_date(t["date"], x), x1=end, y0=float(t["target_usd"]), y1=float(t["target_usd"]),
                      line=dict(color=PARTNER_COLORS["Russia"], dash="dash", width=1.5))
        fig.add_annotation(x=end, y=float(t["target_usd"]), showarrow=False, yshift=10, xanchor="right", font=dict(size=11),
                           text=f"Target: {fmt.usd(t['target_usd'])} by {int(t['target_year'])}")


def add_events(fig: go.Figure, events: pd.DataFrame, x: str = "year", labels: bool = False) -> None:
    """Events as dotted vertical lines with the category's symbol on top (and the title, if labels)."""
    for _, e in events.iterrows():
        pos = _x_of_date(e["date"], x)
        fig.add_shape(type="line", x0=pos, x1=pos, y0=0, y1=1, yref="paper", line=dict(color="#888888", width=1, dash="dot"))
        text = CATEGORY_SYMBOLS.get(e["category"], "·")
        fig.add_annotation(x=pos, y=1, yref="paper", text=text, showarrow=False, hovertext=f"{e['date']}: {e['title']}",
                           font=dict(size=12, color="#888888"), name=f"event {e['event_id']}")


def period_axis(fig: go.Figure, view: pd.DataFrame, x: str = "year") -> None:
    if x == "year":
        n = view["year"].nunique()
        fig.update_xaxes(title="Year", dtick=5 if n > 20 else 2 if n > 12 else 1, tickformat="d")
    else:
        fig.update_xaxes(title="Month", type="date")


def value_axis(fig: go.Figure, m: Measure, log: bool) -> None:
    log = log and m.log_ok
    fig.update_yaxes(title=m.axis_title, type="log" if log else "linear",
                     rangemode="tozero" if m.from_zero and not log else None)


def trade_figure(view: pd.DataFrame, *, x: str = "year", by: str = "partner", measure: str = "value",
                 others: pd.DataFrame | None = None, band: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                 targets: pd.DataFrame | None = None, log: bool = False) -> go.Figure:
    """A trade series by period (x: 'year' or 'month'): each partner's line styled by statistic,
    other sources as hollow markers and their range as a band (dollar values only), targets and events."""
    m = MEASURES[measure]
    fig = go.Figure()
    if band is not None and m.raw:
        fig.add_traces(band_traces(band, x))
    fig.add_traces(series_traces(view, m, x, by))
    if others is not None and not others.empty and m.raw:
        fig.add_traces(other_source_traces(others, x))
    if targets is not None and m.raw:
        add_targets(fig, targets, x)
    if events is not None:
        add_events(fig, events, x)
    period_axis(fig, view, x)
    value_axis(fig, m, log)
    return _layout(fig)


MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def ytd_figure(ytd: pd.DataFrame, highlight: int | None = None) -> go.Figure:
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
            hovertext=[f"{year}, January–{MONTH_NAMES[mn - 1]}: {fmt.usd(v)}<br>{how}" if pd.notna(v) else ""
                       for mn, v, how in zip(rows["month_no"], rows["ytd_usd"], rows["how"])],
            hoverinfo="text"))
    fig.update_xaxes(title="Month", tickvals=list(range(1, 13)), ticktext=MONTH_NAMES, range=[0.7, 12.3])
    fig.update_yaxes(title="Year to date (US dollars)", rangemode="tozero")
    return _layout(fig)


def rolling_figure(rolling: pd.DataFrame, annual: pd.DataFrame) -> go.Figure:
    """The sum of the last twelve months per flow, with each year's annual customs figure as a diamond at December."""
    fig = go.Figure()
    for flow, rows in rolling.groupby("flow", sort=False):
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(rows["month"]), y=rows["rolling_12m_usd"].astype(float), mode="lines", connectgaps=False,
            name=f"{fmt.flow(flow)}: last 12 months", line=dict(color=FLOW_COLORS.get(flow), width=2),
            hovertext=[f"12 months to {fmt.month(mo)}: {fmt.usd(v)}" for mo, v in zip(rows["month"], rows["rolling_12m_usd"])],
            hoverinfo="text"))
    for flow, rows in annual.groupby("flow", sort=False):
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(rows["month"]), y=rows["value_usd"].astype(float), mode="markers", name=f"{fmt.flow(flow)}: annual figure",
            marker=dict(symbol="diamond-open", size=11, line=dict(width=2), color=FLOW_COLORS.get(flow)),
            hovertext=[f"{int(y)} ({st}): {fmt.usd(v)}" for y, st, v in zip(rows["year"], rows["statistic"], rows["value_usd"])],
            hoverinfo="text"))
    fig.update_xaxes(title="Month", type="date")
    fig.update_yaxes(title="Trade over the last twelve months (US dollars)", rangemode="tozero")
    return _layout(fig)


def multiple_figure(mult: pd.DataFrame) -> go.Figure:
    """China's trade with North Korea as a multiple of Russia's; a bar whose two figures are of
    different statistics is hatched and its hover names both."""
    same = (mult["china_statistic"] == mult["russia_statistic"]).fillna(False) | (
        mult["china_statistic"].isin(["China customs", "KITA"]) & (mult["russia_statistic"] == "Russian customs"))
    fig = go.Figure(go.Bar(
        x=mult["year"], y=mult["china_multiple"].astype(float), marker_color=PARTNER_COLORS["China"],
        marker_pattern_shape=["" if s else "/" for s in same],
        hovertext=[f"{int(y)}: China {fmt.times(m)} Russia<br>China: {fmt.usd(c)} ({cs})<br>Russia: {fmt.usd(r)} ({rs})"
                   if pd.notna(m) else f"{int(y)}: no figure for both"
                   for y, m, c, r, cs, rs in zip(mult["year"], mult["china_multiple"], mult["china_usd"], mult["russia_usd"],
                                                 mult["china_statistic"], mult["russia_statistic"], strict=False)],
        hoverinfo="text", name="China ÷ Russia",
    ))
    fig.update_xaxes(title="Year", tickformat="d")
    # NOTE: log scale: in 2021 Russia's recorded trade fell to tens of thousands of dollars.
    fig.update_yaxes(title="China's trade ÷ Russia's trade (times, log scale)", type="log")
    return _layout(fig, showlegend=False)


def debt_figure(steps: pd.DataFrame) -> go.Figure:
    """Waterfall: the debt's size, the part written off, the remainder."""
    measure = {"debt_size": "absolute", "write_off": "relative", "remainder": "total"}
    ys = [(-1 if k == "write_off" else 1) * float(v) for k, v in zip(steps["kind"], steps["amount_usd"], strict=False)]
    fig = go.Figure(go.Waterfall(
        x=[DEBT_LABELS[k] for k in steps["kind"]],
        y=ys, measure=[measure[k] for k in steps["kind"]],
        text=[fmt.usd(abs(y)) for y in ys], textposition="outside",
        decreasing=dict(marker=dict(color=STATUS_COLORS["operating"])),
        increasing=dict(marker=dict(color=PARTNER_COLORS["Russia"])),
        totals=dict(marker=dict(color=PARTNER_COLORS["North Korea"])),
    ))
    fig.update_yaxes(title=schema.label("debt", "amount_usd"))
    return _layout(fig, showlegend=False)


def schedule_figure(schedule: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Bar(
        x=pd.to_datetime(schedule["due"]), y=schedule["remaining_usd"].astype(float), marker_color=PARTNER_COLORS["North Korea"],
        hovertext=[f"Instalment {i}, due {d}: {fmt.usd(a)} paid, {fmt.usd(r)} left" for i, d, a, r in
                   zip(schedule["instalment"], schedule["due"], schedule["amount_usd"], schedule["remaining_usd"], strict=False)],
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
            hovertext=[f"{p}<br>{inv}: {fmt.usd(a)} {stage} ({y})" for p, inv, a, y in zip(r["project"], r["investor"], r["amount_usd"], r["ref_year"], strict=False)],
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
            name=fmt.code(status), marker_color=STATUS_COLORS[status],
            hovertext=[f"{p}<br>{fmt.code(status)} from {d}<br>{e}" for p, d, e in zip(r["project"], r["date"], r["event"], strict=False)],
            hoverinfo="text",
        ))
    # NOTE: the Friendship Bridge dates from 1943; start the axis at 2000 so recent histories are
    # readable (the full history is in the table).
    start = max(segments["start"].min(), pd.Timestamp("2000-01-01")) if len(segments) else None
    fig.update_xaxes(type="date", title="Status over time",
                     range=[start, segments["end"].max()] if start is not None else None)
    fig.update_yaxes(autorange="reversed", title=None)
    return _layout(fig, barmode="overlay", height=max(320, 28 * segments["project"].nunique() + 140))


# Where country names sit on the project map: a layout choice (label positions), not data.
COUNTRY_LABELS = (("CHINA", 41.6, 125.2), ("RUSSIA", 43.6, 131.6), ("NORTH KOREA", 39.9, 127.0), ("SOUTH KOREA", 37.0, 128.3))
SYMBOLS = {"Russia": "circle", "China": "square"}


def project_map(projects: pd.DataFrame) -> go.Figure:
    """Where the projects are: a marker per site coloured by its latest status (shape by partner), over
    country borders, coasts, rivers and lakes from the shipped Natural Earth topojson (see ui.MAP_CONFIG)."""
    fig = go.Figure()
    for name, la, lo in COUNTRY_LABELS:
        fig.add_trace(go.Scattergeo(lat=[la], lon=[lo], mode="text", text=[name], showlegend=False, hoverinfo="skip",
                                    textfont=dict(size=11, color="#555555")))
    for status in schema.enum("projects", "status"):
        rows = projects[(projects["status"] == status) & projects["lat"].notna()]
        if rows.empty:
            continue
        fig.add_trace(go.Scattergeo(
            lat=rows["lat"].astype(float), lon=rows["lon"].astype(float), name=fmt.code_title(status), mode="markers",
            marker=dict(size=12, color=STATUS_COLORS.get(status), symbol=[SYMBOLS.get(p, "diamond") for p in rows["partner"]],
                        line=dict(width=1, color="#333333")),
            hovertext=[f"<b>{n}</b><br>{pl}<br>{pa}: {fmt.code(st)} since {d}" for n, pl, pa, st, d in
                       zip(rows["name"], rows["place"], rows["partner"], rows["status"], rows["status_date"])],
            hoverinfo="text",
        ))
    lat, lon = projects["lat"].dropna().astype(float), projects["lon"].dropna().astype(float)
    pad = 1.5
    fig.update_geos(
        scope="asia", resolution=50, showcountries=True, countrycolor="#555555", countrywidth=1.2,
        showland=True, landcolor="#F2F2EE", showocean=True, oceancolor="#E3EEF6", showcoastlines=True, coastlinecolor="#7A9CB8",
        showrivers=True, rivercolor="#6FA8DC", riverwidth=1.2, showlakes=True, lakecolor="#E3EEF6",
        lataxis_range=[min(lat.min(), 37.0) - pad, max(lat.max(), 43.5) + pad] if len(lat) else None,
        lonaxis_range=[min(lon.min(), 124.0) - pad, max(lon.max(), 132.0) + pad] if len(lon) else None,
    )
    return _layout(fig, height=520)


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


def add_resolutions(fig: go.Figure, resolutions: pd.DataFrame) -> None:
    """UN resolutions as dotted lines labelled with their number (staggered, as they come close together)."""
    for i, (_, r) in enumerate(resolutions.drop_duplicates("event_id").iterrows()):
        x = decimal_year(r["date"])
        fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper", line=dict(color="#555555", width=1, dash="dot"))
        label = str(r["title"]).replace("UNSC Resolution ", "")
        fig.add_annotation(x=x, y=1.0, yref="paper", yshift=14 * (i % 2), text=f"✕ {label}", showarrow=False, yanchor="bottom",
                           font=dict(size=10, color="#555555"),
                           hovertext=f"{r['date']}: {r['title']}: {r.get('measure', '')} on {r.get('products', '')}", name=f"event {r['event_id']}")


def composition_figure(comp: pd.DataFrame, order: list[str], resolutions: pd.DataFrame | None = None) -> go.Figure:
    """Each product group's share of the flow, stacked by year; what no group accounts for in grey."""
    fig = go.Figure()
    colors = product_colors([g for g in order if g in set(comp["product_group"])])
    for group, rows in comp.groupby("product_group", sort=False):
        for rest, part in rows.groupby("name", sort=False):
            fig.add_trace(go.Bar(
                x=part["year"], y=part["share_pct"].astype(float), name=rest,
                marker=dict(color=colors[group], pattern_shape="." if rest.startswith("Other ") else ""),
                hovertext=[f"{int(y)}: {rest} (HS {hs}) {fmt.pct(v)}<br>{st}; {how}" for y, v, st, how, hs in
                           zip(part["year"], part["share_pct"], part["statistic"], part["how"], part["group_hs_code"].fillna("–"))],
                hoverinfo="text"))
    totals = comp.groupby("year")["share_pct"].sum().astype(float)
    rest = (100 - totals).clip(lower=0)
    fig.add_trace(go.Bar(x=list(rest.index), y=list(rest.values), name="Not itemised by the sources", marker_color=NOT_ITEMISED,
                         hovertext=[f"{int(y)}: {fmt.pct(v)} not itemised" for y, v in rest.items()], hoverinfo="text"))
    if resolutions is not None and len(resolutions):
        add_resolutions(fig, resolutions)
    fig.update_xaxes(title="Year", tickformat="d", dtick=1 if comp["year"].nunique() <= 12 else 2)
    fig.update_yaxes(title="Share of the flow (%)", range=[0, 100])
    # NOTE: many groups: the legend goes below the bars, so on a phone it does not cover them.
    return _layout(fig, barmode="stack", margin=dict(l=10, r=10, t=50, b=10), height=560,
                   legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0))


def product_line_figure(line: pd.DataFrame, column: str, unit: str, resolutions: pd.DataFrame | None = None) -> go.Figure:
    """One product's yearly figure, one marker style per statistic, resolutions that restricted it marked."""
    view = line.assign(partner=line["partner"] if "partner" in line else "", _y=line[column])
    fig = go.Figure()
    for stat, rows in view.groupby("statistic", sort=False):
        symbol, _ = statistic_style(stat)
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows[column].astype(float), mode="markers", name=stat, marker=dict(symbol=symbol, size=10, color="#333333"),
            hovertext=[f"{int(y)}: {fmt.usd(v) if column == 'value_usd' else f'{v:,.0f} {unit}'}<br>{stat}<br>{what} (HS {hs or '–'})"
                       for y, v, what, hs in zip(rows["year"], rows[column], rows["product_as_reported"], rows["hs_code"].fillna(""))],
                hoverinfo="text"))
    full = view.set_index("year")[column].reindex(range(int(view["year"].min()), int(view["year"].max()) + 1)) if len(view) else pd.Series(dtype=float)
    fig.add_trace(go.Scatter(x=list(full.index), y=list(full.astype(float)), mode="lines", connectgaps=False, showlegend=False,
                             line=dict(color="#333333", width=1.5), hoverinfo="skip"))
    if resolutions is not None and len(resolutions):
        add_resolutions(fig, resolutions)
    fig.update_xaxes(title="Year", tickformat="d")
    fig.update_yaxes(title="Value (US dollars)" if column == "value_usd" else f"Quantity ({unit})", rangemode="tozero")
    return _layout(fig, margin=dict(l=10, r=10, t=80, b=10))


def side_by_side_figure(both: pd.DataFrame, order: list[str]) -> go.Figure:
    """Russia and China in the same year: each product group's share of the flow, side by side."""
    fig = go.Figure()
    for partner, rows in both.groupby("partner", sort=False):
        fig.add_trace(go.Bar(
            y=rows["name"], x=rows["share_pct"].astype(float), orientation="h", name=f"{partner} ({int(rows['year'].iloc[0])})",
            marker_color=PARTNER_COLORS.get(partner),
            hovertext=[f"{partner} {int(y)}: {n} (HS {hs}) {fmt.pct(v)}<br>{st}; {how}" for y, n, v, st, how, hs in
                       zip(rows["year"], rows["name"], rows["share_pct"], rows["statistic"], rows["how"], rows["group_hs_code"].fillna("–"))],
                hoverinfo="text"))
    fig.update_xaxes(title="Share of the flow (%)", rangemode="tozero")
    fig.update_yaxes(autorange="reversed", title=None)
    return _layout(fig, barmode="group", height=max(320, 34 * both["name"].nunique() + 140))


def oil_figure(deliveries: pd.DataFrame, caps: pd.DataFrame) -> go.Figure:
    """Refined petroleum reported to the UN 1718 Committee, by partner and year, against the cap."""
    fig = go.Figure()
    for partner, rows in deliveries.groupby("partner", sort=False):
        fig.add_trace(go.Bar(
            x=rows["year"], y=rows["barrels"].astype(float), name=f"{partner}: reported", marker_color=PARTNER_COLORS.get(partner),
            marker_pattern_shape=["" if m == 12 else "/" for m in rows["months_reported"]],
            hovertext=[f"{partner} {int(y)}: {b:,.0f} barrels<br>{how}" for y, b, how in zip(rows["year"], rows["barrels"], rows["how"])],
            hoverinfo="text"))
    if len(caps):
        fig.add_trace(go.Scatter(
            x=list(caps["year"]), y=list(caps["cap_barrels"].astype(float)), mode="lines+markers", name="Cap (UN resolutions)",
            line=dict(color="#000000", dash="dash", shape="hvh"), marker=dict(symbol="line-ew-open", size=14),
            hovertext=[f"{int(y)}: cap {c:,.0f} barrels ({r})" for y, c, r in zip(caps["year"], caps["cap_barrels"], caps["resolution"])],
            hoverinfo="text"))
    fig.update_xaxes(title="Year", tickformat="d", dtick=1)
    fig.update_yaxes(title="Refined petroleum (barrels)", rangemode="tozero")
    return _layout(fig, barmode="stack")
