"""Everything a page shows for one choice of widgets: tables and figures, computed without Streamlit.

Each function is pure in (bundle, parameters), so ui.view() caches its result per process: a
second reader with the same filters, or a rerun, reuses the tables and figures instead of
recomputing them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from nkties import calc, charts, export, schema
from nkties.data import Bundle


@dataclass(frozen=True)
class TradeChart:
    figure: go.Figure
    table: pd.DataFrame  # the charted series of record, with sources
    base_missing: tuple[str, ...]  # partners with no figure in the index base year


def trade_chart(b: Bundle, flow: str, years: tuple[int, int], measure: str, log: bool, show_events: bool,
                band: bool, base_year: int) -> TradeChart:
    """The main trade chart and the table of what it draws."""
    trade, sources, events = b["trade"], b["sources"], b["events"]
    view = calc.trade_view(trade, flow, years, measure="share" if measure == "share" else "value")
    base_missing: tuple[str, ...] = ()
    if measure == "growth":
        view = calc.with_growth(view)
    elif measure == "index":
        view = calc.with_index(view, base_year)
        at_base = view[view["year"] == base_year].set_index("partner")["value_usd"]
        base_missing = tuple(p for p in calc.PARTNERS if pd.isna(at_base.get(p)))
    view["source_label"] = export.source_label(view, sources)
    others = calc.in_view(calc.other_rows(trade), flow, years).copy()
    others["source_label"] = export.source_label(others, sources)
    fig = charts.trade_figure(
        view, others, events=calc.events_between(events, years) if show_events else None,
        targets=calc.targets(events) if flow == "total" else None, log=log, measure=measure,
        band=calc.spread(trade, flow, years) if band and measure == "value" else None)
    return TradeChart(figure=fig, table=export.with_sources(view.drop(columns=["source_label"]), sources),
                      base_missing=base_missing)


@dataclass(frozen=True)
class TradeContext:
    others: pd.DataFrame  # every non-primary figure for the flow and years, with sources
    disputed: pd.DataFrame  # years where sources differ by more than calc.DISAGREEMENT_PCT
    multiple: pd.DataFrame
    multiple_figure: go.Figure


def trade_context(b: Bundle, flow: str, years: tuple[int, int]) -> TradeContext:
    """What the trade page shows below the chart; it depends on flow and years only, so
    switching scale, measure, band or events does not recompute it."""
    trade, sources = b["trade"], b["sources"]
    mult = calc.china_multiple(trade, flow, years)
    return TradeContext(
        others=export.with_sources(calc.in_view(calc.disagreements(trade), flow, years).drop(columns=["primary"]), sources),
        disputed=calc.disputed_years(trade, flow, years),
        multiple=export.with_sources(export.with_sources(mult, sources, "china_source_id", "china_source"),
                                     sources, "russia_source_id", "russia_source"),
        multiple_figure=charts.multiple_figure(mult))


@dataclass(frozen=True)
class OverviewView:
    year: int
    headline: pd.DataFrame
    china_multiple: float
    figure: go.Figure
    outcomes: pd.DataFrame
    debt_steps: pd.DataFrame
    pledges: pd.DataFrame
    status_counts: pd.DataFrame


def overview(b: Bundle) -> OverviewView:
    trade, sources, events = b["trade"], b["sources"], b["events"]
    year = calc.latest_common_year(trade)
    view = calc.trade_view(trade, "total", calc.year_range(trade), partners=("Russia", "China", "World"))
    view["source_label"] = export.source_label(view, sources)
    return OverviewView(
        year=year,
        headline=export.with_sources(calc.headline(trade, year), sources),
        china_multiple=float(calc.china_multiple(trade, "total", (year, year))["china_multiple"].iloc[0]),
        figure=charts.trade_figure(view, targets=calc.targets(events), log=True),
        outcomes=export.with_sources(calc.target_outcomes(events, trade), sources),
        debt_steps=calc.debt_steps(b["debt"]),
        pledges=export.with_sources(calc.pledges(b["investments"], b["projects"]), sources),
        status_counts=calc.status_counts(b["projects"], schema.enum("projects", "status")),
    )


@dataclass(frozen=True)
class DebtView:
    debt_figure: go.Figure
    events: pd.DataFrame
    schedule: pd.DataFrame
    schedule_figure: go.Figure


def debt(b: Bundle) -> DebtView:
    debt, sources = b["debt"], b["sources"]
    schedule = export.with_sources(calc.repayment_schedule(debt), sources)
    return DebtView(
        debt_figure=charts.debt_figure(calc.debt_steps(debt)),
        events=export.with_sources(debt.sort_values("date"), sources),
        schedule=schedule, schedule_figure=charts.schedule_figure(schedule))


@dataclass(frozen=True)
class InvestmentView:
    table: pd.DataFrame
    figure: go.Figure


def investments(b: Bundle, countries: tuple[str, ...], stages: tuple[str, ...]) -> InvestmentView:
    inv = calc.investment_view(b["investments"], b["projects"])
    inv = inv[inv["investor_country"].isin(countries) & inv["stage"].isin(stages)]
    return InvestmentView(table=export.with_sources(inv, b["sources"]), figure=charts.investment_figure(inv))


@dataclass(frozen=True)
class ProjectsView:
    tracker: pd.DataFrame
    map_figure: go.Figure
    timeline: go.Figure


def projects(b: Bundle, partners: tuple[str, ...], sectors: tuple[str, ...], statuses: tuple[str, ...],
             stale_years: float, sort: str, today: pd.Timestamp) -> ProjectsView:
    projects, status = b["projects"], b["project_status"]
    shown = calc.filter_projects(calc.freshness(projects, status, today), partners, sectors, statuses)
    if stale_years:
        shown = shown[shown["years_since_confirmed"] >= stale_years]
    if sort == "stale":
        shown = shown.sort_values("years_since_confirmed", ascending=False)
    names = projects.set_index("project_id")["name"]
    segments = calc.status_segments(status, shown["project_id"], names, today)
    return ProjectsView(tracker=export.with_sources(shown, b["sources"]), map_figure=charts.project_map(shown),
                        timeline=charts.status_timeline(segments))


@dataclass(frozen=True)
class ProjectDetail:
    project: pd.Series
    history: pd.DataFrame
    money: pd.DataFrame


def project_detail(b: Bundle, project_id: str) -> ProjectDetail:
    status, sources = b["project_status"], b["sources"]
    money = calc.investment_view(b["investments"], b["projects"])
    return ProjectDetail(
        project=b["projects"].set_index("project_id").loc[project_id],
        history=export.with_sources(status[status["project_id"] == project_id], sources),
        money=export.with_sources(money[money["project_id"] == project_id], sources))
