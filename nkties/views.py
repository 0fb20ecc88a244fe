"""Everything a page shows for one choice of widgets: tables and figures, computed without Streamlit.

Each function takes the data bundle and keyword arguments and is pure in them, so ui.view() caches
its result per process: a second reader with the same filters, or a rerun, reuses the tables and
figures instead of recomputing them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from nkties import calc, charts, export, fmt, i18n, schema, search
from nkties.data import Bundle
from nkties.measures import MEASURES

_TR: dict[tuple[int, str], i18n.Tr] = {}


def translator(b: Bundle, lang: str) -> i18n.Tr:
    """The language with the data's names in it (names.csv; English names where it is broken or silent)."""
    names = b.frames.get("names") if b.ok("names") else None
    key = (id(names), lang)
    if key not in _TR:
        if len(_TR) > 64:
            _TR.clear()
        _TR[key] = i18n.Tr(i18n.supported(lang), i18n.names_for(names, lang))
    return _TR[key]


@dataclass(frozen=True)
class TradeChart:
    figure: go.Figure
    table: pd.DataFrame  # the charted series, with sources
    base_missing: tuple[str, ...]  # partners with no figure in the index base year
    combines: tuple[str, ...]  # statistics the line(s) or the measure combine; empty: one statistic each


def _pubs(df: pd.DataFrame, sources: pd.DataFrame, column: str = "source_id") -> pd.Series:
    """Publishers of the rows' sources (a figure's source line)."""
    ids = df[column].dropna().astype(str).str.split(";").explode() if column in df else pd.Series(dtype=str)
    return ids.map(sources.set_index("source_id")["publisher"])


def trade_chart(b: Bundle, *, flow: str, years: tuple[int, int], series: str = calc.BEST, measure: str = "value",
                log: bool = False, events: bool = False, band: bool = False, base_year: int | None = None, lang: str = "en") -> TradeChart:
    """The main trade chart and the table of what it draws."""
    trade, sources = b["trade"], b["sources"]
    tr = translator(b, lang)
    m = MEASURES[measure]
    view = calc.trade_series(trade, flow, years, series=series)
    view = m.compute(view, trade=trade, base_year=base_year or years[0])
    base_missing: tuple[str, ...] = ()
    if measure == "index":
        at_base = view[view["year"] == base_year].set_index("partner")["value_usd"]
        base_missing = tuple(p for p in calc.PARTNERS if pd.isna(at_base.get(p)))
    combines = set()
    for _, rows in view.groupby("partner"):
        stats = set(rows["statistic"].dropna())
        if len(stats) > 1:
            combines |= stats
    if measure == "share" and calc.share_combines(view):
        combines |= {*calc.share_combines(view), "KOTRA"}
    view["source_label"] = export.source_label(view, sources)
    others = calc.in_view(trade, flow, years)
    others = others[~others.index.isin(calc.series_rows(trade, series, flow).index)].copy()
    others["source_label"] = export.source_label(others, sources)
    fig = charts.trade_figure(
        view, measure=measure, log=log, others=others,
        events=calc.events_between(b["events"], years) if events else None,
        targets=calc.targets(b["events"]) if flow == "total" else None,
        band=calc.spread(trade, flow, years) if band else None, tr=tr)
    pubs = _pubs(view, sources)
    fig = charts.framed(fig, tr("chart.trade.title", flow=fmt.flow_in_sentence(flow, lang), start=years[0], end=years[1]),
                        charts.source_note(m.axis_title(lang) + ("" if series == calc.BEST else f", {calc.series_label(series, lang)}"),
                                           view["statistic"], pubs, tr))
    return TradeChart(figure=fig, table=export.with_sources(view.drop(columns=["source_label"]), sources),
                      base_missing=base_missing, combines=tuple(sorted(combines)))


@dataclass(frozen=True)
class TradeTables:
    others: pd.DataFrame  # every figure not on the series of record, with sources
    disputed: pd.DataFrame  # years where sources differ by more than calc.DISAGREEMENT_PCT
    multiple: pd.DataFrame
    multiple_figure: go.Figure


def trade_tables(b: Bundle, *, flow: str, years: tuple[int, int], series: str = calc.BEST, lang: str = "en") -> TradeTables:
    """What the trade page shows below the chart; it depends on flow, years and series only, so
    switching scale, measure, band or events does not recompute it."""
    trade, sources = b["trade"], b["sources"]
    tr = translator(b, lang)
    mult = calc.china_multiple(trade, flow, years, series)
    return TradeTables(
        others=export.with_sources(calc.in_view(calc.disagreements(trade), flow, years).drop(columns=["primary"]), sources),
        disputed=calc.disputed_years(trade, flow, years),
        multiple=export.with_sources(export.with_sources(mult, sources, "china_source_id", "china_source"),
                                     sources, "russia_source_id", "russia_source"),
        multiple_figure=charts.framed(charts.multiple_figure(mult, tr), tr("chart.multiple.title", start=years[0], end=years[1]),
                                      charts.source_note(tr("chart.multiple.unit", flow=fmt.flow(flow, lang)),
                                                         [*mult["china_statistic"], *mult["russia_statistic"]],
                                                         [*_pubs(mult, sources, "china_source_id"), *_pubs(mult, sources, "russia_source_id")], tr)))


@dataclass(frozen=True)
class Overview:
    year: int
    headline: pd.DataFrame
    china_multiple: float
    figure: go.Figure
    outcomes: pd.DataFrame
    debt_steps: pd.DataFrame
    pledges: pd.DataFrame
    status_counts: pd.DataFrame


def overview(b: Bundle, *, series: str = calc.BEST, lang: str = "en") -> Overview:
    trade, sources, events = b["trade"], b["sources"], b["events"]
    tr = translator(b, lang)
    year = calc.latest_common_year(trade, series=series) or calc.latest_common_year(trade)
    view = calc.trade_series(trade, "total", calc.year_range(trade), partners=(*calc.PARTNERS, calc.WORLD), series=series)
    view["source_label"] = export.source_label(view, sources)
    return Overview(
        year=year,
        headline=export.with_sources(calc.headline(trade, year, series=series), sources),
        china_multiple=float(calc.china_multiple(trade, "total", (year, year), series)["china_multiple"].iloc[0]),
        figure=charts.framed(charts.trade_figure(view, targets=calc.targets(events), log=True, tr=tr),
                             tr("chart.overview.title"),
                             charts.source_note(tr("chart.overview.unit"), view["statistic"], _pubs(view, sources), tr)),
        outcomes=export.with_sources(calc.target_outcomes(events, trade), sources),
        debt_steps=calc.debt_steps(b["debt"]),
        pledges=export.with_sources(calc.pledges(b["investments"], b["projects"]), sources),
        status_counts=calc.status_counts(b["projects"], schema.enum("projects", "status")),
    )


@dataclass(frozen=True)
class Debt:
    debt_figure: go.Figure
    events: pd.DataFrame
    schedule: pd.DataFrame
    schedule_figure: go.Figure


def debt(b: Bundle, *, lang: str = "en") -> Debt:
    debt, sources = b["debt"], b["sources"]
    tr = translator(b, lang)
    schedule = export.with_sources(calc.repayment_schedule(debt), sources)
    return Debt(
        debt_figure=charts.framed(charts.debt_figure(calc.debt_steps(debt), tr), tr("chart.debt.title"),
                                  charts.source_note(tr("chart.unit.usd"), [], _pubs(calc.debt_steps(debt), sources), tr), height=480),
        events=export.with_sources(debt.sort_values("date"), sources),
        schedule=schedule, schedule_figure=charts.framed(charts.schedule_figure(schedule, tr), tr("chart.schedule.title"),
                                                         charts.source_note(tr("chart.schedule.unit"), [], _pubs(schedule, sources), tr),
                                                         height=480))


@dataclass(frozen=True)
class Investments:
    table: pd.DataFrame
    figure: go.Figure


def investments(b: Bundle, *, countries: tuple[str, ...], stages: tuple[str, ...], lang: str = "en") -> Investments:
    tr = translator(b, lang)
    inv = calc.investments_with_projects(b["investments"], b["projects"])
    inv = inv[inv["investor_country"].isin(countries) & inv["stage"].isin(stages)]
    fig = charts.investment_figure(inv, tr)
    fig = charts.framed(fig, tr("chart.investments.title"), charts.source_note(tr("chart.unit.usd_log"), [], _pubs(inv, b["sources"]), tr),
                        height=(fig.layout.height or 480) + 120)
    return Investments(table=export.with_sources(inv, b["sources"]), figure=fig)


@dataclass(frozen=True)
class ProjectList:
    tracker: pd.DataFrame
    map_figure: go.Figure
    timeline: go.Figure
    places: tuple[str, ...] = ()  # the places the search matched, named in the reader's language
    lines: tuple[str, ...] = ()  # the projects the map draws as lines


def _map_layers(b: Bundle, shown: pd.DataFrame) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The map's places and project lines where their files are sound; without them the map still draws its sites."""
    places = b["places"] if b.ok("places") else None
    lines = b["project_lines"] if b.ok("project_lines", "places") else None
    return places, calc.project_lines(lines, places, shown)


def projects(b: Bundle, *, partners: tuple[str, ...], sectors: tuple[str, ...], statuses: tuple[str, ...],
             stale_years: float, sort: str, today: pd.Timestamp, query: str = "", lang: str = "en") -> ProjectList:
    projects, status = b["projects"], b["project_status"]
    tr = translator(b, lang)
    names_frame = b.frames.get("names") if b.ok("names") else None
    found = search.find(query, projects, names_frame)
    shown = calc.filter_projects(calc.freshness(projects, status, today), partners, sectors, statuses)
    shown = shown[shown["project_id"].isin(found.project_ids)]
    if stale_years:
        shown = shown[shown["years_since_confirmed"] >= stale_years]
    if sort == "stale":
        shown = shown.sort_values("years_since_confirmed", ascending=False)
    names = projects.set_index("project_id")["name"]
    segments = calc.status_segments(status, shown["project_id"], names, today)
    tl = charts.status_timeline(segments, tr)
    places, lines = _map_layers(b, shown)
    place_rows = names_frame[(names_frame["dataset"] == "places") & (names_frame["field"] == "name")] if names_frame is not None else None
    english_place = dict(zip(place_rows.loc[place_rows["lang"] == "en", "key"], place_rows.loc[place_rows["lang"] == "en", "text"])) \
        if place_rows is not None else {}
    return ProjectList(tracker=export.with_sources(shown, b["sources"]), map_figure=charts.project_map(shown, tr, places, lines),
                       timeline=charts.framed(tl, tr("chart.timeline.title"),
                                              charts.source_note(tr("chart.timeline.unit"), [], _pubs(segments, b["sources"]), tr),
                                              height=(tl.layout.height or 480) + 120),
                       places=tuple(tr.name("places", k, english_place.get(k, k)) for k in found.places),
                       lines=tuple(dict.fromkeys(lines["project_id"])))


@dataclass(frozen=True)
class ProjectDetail:
    project: pd.Series
    history: pd.DataFrame
    money: pd.DataFrame


def project_detail(b: Bundle, *, project_id: str) -> ProjectDetail:
    status, sources = b["project_status"], b["sources"]
    money = calc.investments_with_projects(b["investments"], b["projects"])
    return ProjectDetail(
        project=b["projects"].set_index("project_id").loc[project_id],
        history=export.with_sources(status[status["project_id"] == project_id], sources),
        money=export.with_sources(money[money["project_id"] == project_id], sources))


@dataclass(frozen=True)
class Monthly:
    figure: go.Figure
    table: pd.DataFrame  # the single months charted, with sources
    ytd_figure: go.Figure
    ytd: pd.DataFrame
    rolling_figure: go.Figure
    rolling: pd.DataFrame
    cumulative: pd.DataFrame  # figures over more than one month, every source's
    coverage: pd.DataFrame  # months with a figure, per year and flow
    last_month: str | None
    combines: tuple[str, ...]


def monthly(b: Bundle, *, partner: str, years: tuple[int, int], series: str = calc.BEST, ytd_flow: str = "total",
            events: bool = True, lang: str = "en") -> Monthly:
    """China's (or Russia's) trade with North Korea month by month, year to date and over the last twelve months."""
    monthly, sources = b["trade_monthly"], b["sources"]
    tr = translator(b, lang)
    who = tr.code("partner", partner)
    view = calc.monthly_series(monthly, partner, years, series=series)
    view["source_label"] = export.source_label(view, sources)
    shown = calc.events_between(b["events"], years)
    shown = shown[shown["category"].isin(["sanctions", "border"])] if events else None
    figure = charts.trade_figure(view, x="month", by="flow", events=shown, tr=tr)
    ytd = calc.year_to_date(view, ytd_flow, monthly)
    rolling = calc.rolling_year(view, monthly)
    annual = calc.annual_against_months(b["trade"], view, partner)
    have = view.dropna(subset=["value_usd"]).assign(year=lambda d: d["month"].str[:4].astype(int))
    coverage = have.groupby(["year", "flow"]).size().unstack(fill_value=0).reindex(
        index=range(years[0], years[1] + 1), columns=["total", "to_dprk", "from_dprk"], fill_value=0).reset_index()
    stats = set(view["statistic"].dropna())
    return Monthly(
        figure=charts.framed(figure, tr("chart.monthly.title", partner=who, start=years[0], end=years[1]),
                             charts.source_note(tr("chart.monthly.unit"), view["statistic"], _pubs(view, sources), tr)),
        table=export.with_sources(view.drop(columns=["source_label"]), sources),
        ytd_figure=charts.framed(charts.ytd_figure(ytd, highlight=int(ytd.dropna(subset=["ytd_usd"])["year"].max()) if ytd["ytd_usd"].notna().any() else None,
                                                   tr=tr),
                                 tr("chart.ytd.title", partner=who, flow=fmt.flow_in_sentence(ytd_flow, lang)),
                                 charts.source_note(tr("chart.ytd.unit"), view["statistic"], _pubs(view, sources), tr)),
        ytd=ytd,
        rolling_figure=charts.framed(charts.rolling_figure(rolling, annual, tr), tr("chart.rolling.title", partner=who),
                                     charts.source_note(tr("chart.unit.usd"), view["statistic"], _pubs(view, sources), tr)),
        rolling=rolling[["month", "partner", "flow", "series", "value_usd", "rolling_12m_usd", "rolling_uses_combined"]],
        cumulative=export.with_sources(calc.cumulative_figures(monthly, partner).drop(columns=["months"]), sources),
        coverage=coverage, last_month=calc.last_month(monthly, partner),
        combines=tuple(sorted(stats)) if len(stats) > 1 else ())


@dataclass(frozen=True)
class Products:
    composition: pd.DataFrame
    composition_figure: go.Figure
    line: pd.DataFrame
    line_figure: go.Figure
    line_unit: str
    side_by_side: pd.DataFrame
    side_by_side_figure: go.Figure
    side_year: int | None
    resolutions: pd.DataFrame
    oil: pd.DataFrame
    oil_caps: pd.DataFrame
    oil_figure: go.Figure
    rows: pd.DataFrame  # every figure for the partner and flow, with sources


def products(b: Bundle, *, partner: str, flow: str, product: str, measure: str = "value_usd", year: int | None = None,
             lang: str = "en") -> Products:
    """What a partner sells to or buys from North Korea: shares by year, one product over time, Russia
    against China in one year, refined petroleum against the UN cap."""
    prods, groups, trade, sources = b["trade_products"], b["product_groups"], b["trade"], b["sources"]
    tr = translator(b, lang)
    who, flow_words = tr.code("partner", partner), fmt.flow_in_sentence(flow, lang)
    order = list(groups["product_group"])
    direction = "exports_from_dprk" if flow == "from_dprk" else "supply_to_dprk"
    measures = b["sanction_measures"]
    measures = measures[measures["direction"] == direction]
    comp = calc.composition(prods, groups, trade, partner, flow)
    all_res = measures.merge(b["events"][["event_id", "date", "title"]], on="event_id").sort_values("date")
    if len(comp):
        all_res = all_res[all_res["date"].str[:4].astype(int).between(comp["year"].min(), comp["year"].max() + 1)]
    line = calc.product_line(prods, partner, flow, product, measure)
    unit = str(line["quantity_unit"].iloc[0]) if measure == "quantity" and len(line) else "US dollars"
    unit_text = tr(f"chart.unit.{unit}") if i18n.has(f"chart.unit.{unit}") else unit
    res = calc.sanctions_on(measures, b["events"], groups, product)
    russia = calc.composition(prods, groups, trade, "Russia", flow)
    china = calc.composition(prods, groups, trade, "China", flow)
    common = sorted(set(russia["year"]) & set(china["year"]))  # as calc.common_product_years, from the frames at hand
    side_year = year if year in common else (common[-1] if common else None)
    both = pd.concat([china[china["year"] == side_year], russia[russia["year"] == side_year]]) if side_year else china.iloc[0:0]
    oil, caps = calc.oil_against_cap(prods, b["sanction_measures"], b["events"])
    rows = prods[(prods["partner"] == partner) & (prods["flow"] == flow)]
    return Products(
        composition=export.with_sources(comp, sources),
        composition_figure=charts.framed(charts.composition_figure(comp, order, all_res, tr),
                                         tr("chart.composition.title", partner=who, flow=flow_words),
                                         charts.source_note(tr("chart.composition.unit"), comp["statistic"], _pubs(comp, sources), tr), height=640),
        line=export.with_sources(line, sources),
        line_figure=charts.framed(charts.product_line_figure(line, measure, unit_text, res, tr),
                                  tr("chart.line.title", product=tr.name("product_groups", product, groups.set_index("product_group")["name"].get(product, product)),
                                     partner=who, flow=flow_words),
                                  charts.source_note(unit_text, line["statistic"] if len(line) else [], _pubs(line, sources), tr)),
        line_unit=unit,
        side_by_side=export.with_sources(both, sources),
        side_by_side_figure=charts.framed(charts.side_by_side_figure(both, order, tr), tr("chart.side.title", flow=flow_words, year=side_year),
                                          charts.source_note(tr("chart.side.unit"), both["statistic"] if len(both) else [],
                                                             _pubs(both, sources), tr), height=max(480, 34 * both["name"].nunique() + 260)),
        side_year=side_year, resolutions=export.with_sources(all_res, sources), oil=oil, oil_caps=caps,
        oil_figure=charts.framed(charts.oil_figure(oil, caps, tr), tr("chart.oil.title"),
                                 charts.source_note(tr("chart.oil.unit"), ["UN 1718 Committee"], _pubs(oil, sources), tr), height=480),
        rows=export.with_sources(rows, sources))


def product_groups_available(b: Bundle, *, partner: str, flow: str) -> list[str]:
    """The product groups with figures for this partner and flow, in the groups' own order."""
    p = b["trade_products"]
    have = set(p.loc[(p["partner"] == partner) & (p["flow"] == flow), "product_group"])
    return [g for g in b["product_groups"]["product_group"] if g in have]


def product_years(b: Bundle, *, flow: str) -> list[int]:
    """The years a reader can compare Russia and China product by product."""
    return calc.common_product_years(b["trade_products"], b["product_groups"], b["trade"], flow)


# Check a figure or an article.

VERDICT_STYLE = {  # mark, background, border: the verdict is in the mark as well as the colour (labels: check.verdict.*)
    "reproduced": ("✓", "#dafbe1", "#1a7f37"),
    "close": ("≈", "#fff8c5", "#9a6700"),
    "contradicted": ("✗", "#ffebe9", "#cf222e"),
    "not_in_data": ("?", "#eaeef2", "#57606a"),
}
_CHECK_DATA: dict[int, tuple[Bundle, object]] = {}


def _check_data(b: Bundle):
    """The checker's indexes over the data, built once per loaded bundle (per process)."""
    from nkties import check
    hit = _CHECK_DATA.get(id(b))
    if hit is None or hit[0] is not b:
        _CHECK_DATA.clear()
        hit = _CHECK_DATA[id(b)] = (b, check.Data.from_bundle(b))
    return hit[1]


def marked_html(text: str, findings, tr: i18n.Tr = i18n.ENGLISH) -> str:
    """The text with each checked figure marked where it stands. Every character of the text is
    escaped: the reader's text is never markup, only the marks are."""
    from html import escape
    out, at = [], 0
    for i, f in enumerate(findings, 1):
        s, e = f.statement.figure.start, f.statement.figure.end
        if s < at:
            continue
        sign, bg, border = VERDICT_STYLE[f.verdict]
        label = tr(f"check.verdict.{f.verdict}")
        out.append(escape(text[at:s]))
        out.append(f'<mark data-verdict="{f.verdict}" title="{escape(label + ": " + f.detail)}" style="background:{bg};'
                   f'border-bottom:2px solid {border};color:#000;padding:0 2px">{escape(text[s:e])}'
                   f'<sup style="color:{border};font-weight:600"> {sign}{i}</sup></mark>')
        at = e
    out.append(escape(text[at:]))
    return ('<div data-testid="checked-text" style="white-space:pre-wrap;line-height:1.7;max-height:28rem;overflow:auto;'
            'border:1px solid #d0d7de;border-radius:6px;padding:0.75rem;font-size:0.95rem">' + "".join(out) + "</div>")


@dataclass(frozen=True)
class ArticleCheck:
    table: pd.DataFrame
    counts: dict
    html: str
    candidates: pd.DataFrame | None  # one trade figure: every recorded figure it could be quoting
    own_sources: tuple[str, ...]
    lines: tuple[tuple[str, str, str, str], ...]  # (verdict, '✗12', quote, detail) per statement, to read on any screen
    lang: str = i18n.DEFAULT


def article_check(b: Bundle, *, text: str, lang: str = i18n.DEFAULT) -> ArticleCheck:
    """Every checkable statement in a text with its verdict, the text marked, and for a single trade
    figure the recorded figures it could quote. Raises check.CheckError for text it cannot read."""
    from nkties import check, claims
    data = _check_data(b)
    text = check.normalize(text)
    tr = translator(b, lang)
    findings = check.check_text(text, data, tr)
    table = check.table(findings).drop(columns=["start", "end"])
    # NOTE: a computed figure (a multiple, a share) names two sources 'a;b'; the first is shown, both are kept.
    table["_first"] = table["source_id"].str.split(";").str[0]
    table = export.with_sources(table, b["sources"], column="_first").drop(columns="_first")
    candidates = None
    trade_amounts = [f for f in findings if f.statement.figure.kind == "amount" and f.dataset == "trade" and f.statement.year]
    if len(findings) == 1 and trade_amounts:
        st = trade_amounts[0].statement
        candidates = export.with_sources(claims.candidates(check._trade_claim(st), b["trade"]), b["sources"])
    lines = tuple((f.verdict, f"{VERDICT_STYLE[f.verdict][0]}{i}", f.statement.quote, f.detail) for i, f in enumerate(findings, 1))
    return ArticleCheck(table, check.summary(findings), marked_html(text, findings, tr), candidates,
                        tuple(sorted(data.own_sources(text))), lines, tr.lang)
