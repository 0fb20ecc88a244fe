"""Domain rules, each defined once: primary series, China's multiple, shares, debt schedule, statuses."""

from __future__ import annotations

import pandas as pd

from nkties.data import parse_partial_date

PARTNERS = ("Russia", "China")
WORLD = "World"
FLOW_LABELS = {
    "total": "Total trade",
    "to_dprk": "Exports to North Korea",
    "from_dprk": "Imports from North Korea",
}
MEASURES = {
    "value": "US dollars",
    "share": "share of North Korea's total",
    "growth": "change on the year (%)",
    "index": "index (base year = 100)",
}
# Years where the lowest and highest recorded figures differ by more than this are listed.
DISAGREEMENT_PCT = 10.0


# Trade.

def year_range(trade: pd.DataFrame) -> tuple[int, int]:
    return int(trade["year"].min()), int(trade["year"].max())


def primary_rows(trade: pd.DataFrame, flow: str | None = None) -> pd.DataFrame:
    """The series of record: the one row per year, partner and flow that charts use."""
    rows = trade[trade["primary"].fillna(False)]
    return rows if flow is None else rows[rows["flow"] == flow]


def other_rows(trade: pd.DataFrame, flow: str | None = None) -> pd.DataFrame:
    """Figures that disagree with (or merely repeat) the series of record."""
    rows = trade[~trade["primary"].fillna(False)]
    return rows if flow is None else rows[rows["flow"] == flow]


def every_year(df: pd.DataFrame, partners, years: tuple[int, int]) -> pd.DataFrame:
    """One row per partner and year in the range, NA where no source gives a figure, so a
    chart shows the gap instead of joining across it."""
    index = pd.MultiIndex.from_product([list(partners), range(years[0], years[1] + 1)], names=["partner", "year"])
    return df.set_index(["partner", "year"]).reindex(index).reset_index()


def trade_view(trade: pd.DataFrame, flow: str, years: tuple[int, int], partners=PARTNERS, measure: str = "value") -> pd.DataFrame:
    """Primary figures for the chosen flow and years, one row per partner and year.

    measure 'share' gives each partner's value as a percentage of North Korea's total (World)
    for the same flow and year."""
    rows = primary_rows(trade, flow)
    rows = rows[rows["year"].between(*years)]
    view = every_year(rows[rows["partner"].isin(partners)].drop(columns=["primary"]), partners, years)
    view["flow"] = flow
    if measure == "share":
        world = rows[rows["partner"] == WORLD].set_index("year")["value_usd"]
        view["share_pct"] = (view["value_usd"] / view["year"].map(world) * 100).astype("Float64")
    return view[[c for c in ["year", "partner", "flow", "value_usd", "share_pct", "statistic", "source_id", "note"] if c in view]]


def with_growth(view: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year change in percent, only between two consecutive years that both have a
    figure: a gap is never bridged."""
    out = view.sort_values(["partner", "year"]).copy()
    prev = out.groupby("partner")["value_usd"].shift(1)
    prev_year = out.groupby("partner")["year"].shift(1)
    out["growth_pct"] = ((out["value_usd"] / prev - 1) * 100).where(prev_year == out["year"] - 1).astype("Float64")
    return out


def with_index(view: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each partner's value as an index, its base-year value = 100 (NA where the base year has no figure)."""
    out = view.copy()
    base = out[out["year"] == base_year].set_index("partner")["value_usd"]
    out["index"] = (out["value_usd"] / out["partner"].map(base) * 100).astype("Float64")
    return out


def spread(trade: pd.DataFrame, flow: str, years: tuple[int, int], partners=PARTNERS) -> pd.DataFrame:
    """Lowest and highest recorded figure per year and partner, across every source."""
    rows = in_view(trade, flow, years, partners)
    g = rows.groupby(["partner", "year"])["value_usd"]
    out = pd.DataFrame({"low_usd": g.min(), "high_usd": g.max(), "figures": g.size()}).reset_index()
    out["spread_pct"] = ((out["high_usd"] - out["low_usd"]) / out["low_usd"] * 100).astype("Float64")
    out["flow"] = flow
    return out


def disputed_years(trade: pd.DataFrame, flow: str, years: tuple[int, int], threshold: float = DISAGREEMENT_PCT) -> pd.DataFrame:
    """Years and partners whose recorded figures differ by more than the threshold, largest first."""
    sp = spread(trade, flow, years)
    sp = sp[sp["spread_pct"] > threshold].sort_values("spread_pct", ascending=False)
    prim = primary_rows(trade, flow).set_index(["partner", "year"])
    sp["primary_usd"] = [prim["value_usd"].get((p, y)) for p, y in zip(sp["partner"], sp["year"])]
    sp["primary_statistic"] = [prim["statistic"].get((p, y)) for p, y in zip(sp["partner"], sp["year"])]
    return sp.reset_index(drop=True)


def china_multiple(trade: pd.DataFrame, flow: str = "total", years: tuple[int, int] | None = None) -> pd.DataFrame:
    """How many times larger China's trade with North Korea is than Russia's, per year."""
    rows = primary_rows(trade, flow)
    wide = rows.pivot_table(index="year", columns="partner", values="value_usd", aggfunc="first")
    years = years or year_range(trade)
    wide = wide.reindex(range(years[0], years[1] + 1))
    out = pd.DataFrame({"year": wide.index})
    out["china_usd"] = wide.get("China", pd.Series(dtype="Float64")).to_numpy()
    out["russia_usd"] = wide.get("Russia", pd.Series(dtype="Float64")).to_numpy()
    out["china_multiple"] = (out["china_usd"] / out["russia_usd"]).astype("Float64")
    out["flow"] = flow
    # Both figures travel with their sources.
    src = rows.pivot_table(index="year", columns="partner", values="source_id", aggfunc="first").reindex(wide.index)
    out["china_source_id"] = src.get("China", pd.Series(index=wide.index, dtype="string")).to_numpy()
    out["russia_source_id"] = src.get("Russia", pd.Series(index=wide.index, dtype="string")).to_numpy()
    return out.reset_index(drop=True)


def latest_common_year(trade: pd.DataFrame, flow: str = "total", partners=PARTNERS) -> int | None:
    """The latest year in which every partner has a primary figure for the flow."""
    rows = primary_rows(trade, flow)
    years = None
    for p in partners:
        ys = set(rows.loc[rows["partner"] == p, "year"].dropna().astype(int))
        years = ys if years is None else years & ys
    return max(years) if years else None


def headline(trade: pd.DataFrame, year: int, flow: str = "total") -> pd.DataFrame:
    """For one year: each partner's value, share of North Korea's total and its source."""
    rows = primary_rows(trade, flow)
    rows = rows[rows["year"] == year].set_index("partner")
    out = []
    world = rows["value_usd"].get(WORLD)
    for p in PARTNERS:
        if p not in rows.index:
            continue
        r = rows.loc[p]
        out.append({
            "year": year, "partner": p, "flow": flow, "value_usd": r["value_usd"],
            "share_pct": (r["value_usd"] / world * 100) if world else pd.NA,
            "statistic": r["statistic"], "source_id": r["source_id"],
        })
    return pd.DataFrame(out)


def in_view(df: pd.DataFrame, flow: str, years: tuple[int, int], partners=PARTNERS) -> pd.DataFrame:
    """Rows of one flow, within the years, for the partners."""
    return df[(df["flow"] == flow) & df["year"].between(*years) & df["partner"].isin(partners)]


def events_between(events: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    y = events["date"].str[:4].astype(int)
    return events[y.between(*years)]


def disagreements(trade: pd.DataFrame) -> pd.DataFrame:
    """Every figure next to the primary one for the same year, partner and flow."""
    prim = primary_rows(trade)[["year", "partner", "flow", "value_usd", "statistic"]]
    prim = prim.rename(columns={"value_usd": "primary_usd", "statistic": "primary_statistic"})
    others = other_rows(trade).merge(prim, on=["year", "partner", "flow"], how="left")
    others["diff_pct"] = ((others["value_usd"] - others["primary_usd"]) / others["primary_usd"] * 100).astype("Float64")
    return others


# Targets and pledges.

def targets(events: pd.DataFrame) -> pd.DataFrame:
    """Pledged targets: events with an amount and a year by which to reach it."""
    return events.dropna(subset=["target_usd", "target_year"])


def target_outcomes(events: pd.DataFrame, trade: pd.DataFrame, partner: str = "Russia") -> pd.DataFrame:
    """Each trade target for a partner against the primary total trade in the target year."""
    t = targets(events)
    t = t[t["partners"].str.contains(partner, regex=False, na=False)]
    prim = primary_rows(trade, "total")
    actual = prim[prim["partner"] == partner].set_index("year")
    out = t[["event_id", "date", "title", "target_usd", "target_year", "source_id"]].copy()
    out["actual_usd"] = out["target_year"].map(actual["value_usd"]).astype("Float64")
    out["actual_source_id"] = out["target_year"].map(actual["source_id"])
    out["achieved_pct"] = (out["actual_usd"] / out["target_usd"] * 100).astype("Float64")
    return out.reset_index(drop=True)


# Debt.

def debt_steps(debt: pd.DataFrame) -> pd.DataFrame:
    """The debt from its size through the write-off to the remainder, in US dollars: one row
    per step, the most recent figure for it; where sources give two figures for the same date,
    the one listed first in debt.csv (its note says which and why)."""
    order = ["debt_size", "write_off", "remainder"]
    rows = debt[debt["kind"].isin(order) & debt["amount_usd"].notna()].copy()
    rows["_date"] = rows["date"].map(parse_partial_date)
    rows["_pos"] = range(len(rows))
    rows = rows.sort_values(["kind", "_date", "_pos"], ascending=[True, False, True]).groupby("kind").head(1)
    return rows.set_index("kind").reindex([k for k in order if k in set(rows["kind"])]).reset_index().drop(columns=["_date", "_pos"])


def repayment_schedule(debt: pd.DataFrame) -> pd.DataFrame:
    """Equal instalments of the remainder over the agreed term, from the terms' date.

    Computed from the terms in debt.csv (amount, number of instalments, years); repayments
    themselves are not published."""
    terms = debt[debt["kind"] == "repayment_terms"]
    if terms.empty:
        return pd.DataFrame(columns=["instalment", "due", "amount_usd", "remaining_usd", "source_id"])
    t = terms.iloc[0]
    n, years = int(t["instalments"]), int(t["term_years"])
    months = 12 * years // n
    start = parse_partial_date(t["date"])
    each = float(t["amount_usd"]) / n
    rows = []
    for i in range(1, n + 1):
        rows.append({
            "instalment": i,
            "due": (start + pd.DateOffset(months=months * i)).date().isoformat(),
            "amount_usd": each,
            "remaining_usd": float(t["amount_usd"]) - each * i,
            "source_id": t["source_id"],
        })
    return pd.DataFrame(rows)


# Investments.

def investment_view(investments: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    names = projects.set_index("project_id")["name"]
    out = investments.drop(columns=["_line"], errors="ignore").copy()
    out.insert(1, "project", out["project_id"].map(names))
    return out


def pledges(investments: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    """Pledged amounts in US dollars, largest first, with the project's current status."""
    p = projects.set_index("project_id")
    out = investment_view(investments, projects)
    out = out[(out["stage"] == "pledged") & out["amount_usd"].notna()].sort_values("amount_usd", ascending=False)
    out["status"] = out["project_id"].map(p["status"])
    out["status_date"] = out["project_id"].map(p["status_date"])
    return out.reset_index(drop=True)


# Projects.

def status_counts(projects: pd.DataFrame, statuses: list[str]) -> pd.DataFrame:
    counts = projects.groupby(["status", "partner"]).size().unstack(fill_value=0)
    return counts.reindex([s for s in statuses if s in counts.index]).reset_index()


def filter_projects(projects: pd.DataFrame, partners=None, sectors=None, statuses=None) -> pd.DataFrame:
    out = projects
    for col, chosen in (("partner", partners), ("sector", sectors), ("status", statuses)):
        if chosen:
            out = out[out[col].isin(chosen)]
    return out


def freshness(projects: pd.DataFrame, status: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """Projects with the date a source last confirmed their status and the years since then."""
    dated = status.assign(_d=status["date"].map(parse_partial_date)).sort_values("_d")
    last = dated.groupby("project_id").tail(1).set_index("project_id")
    out = projects.copy()
    out["last_confirmed"] = out["project_id"].map(last["date"])  # as precise as the source gives it
    out["years_since_confirmed"] = ((today - out["project_id"].map(last["_d"])).dt.days / 365.25).round(1).astype("Float64")
    return out


def status_segments(status: pd.DataFrame, project_ids, names: pd.Series, today: pd.Timestamp) -> pd.DataFrame:
    """Each status as a bar from its date to the next entry's date (or today)."""
    s = status[status["project_id"].isin(project_ids)].copy()
    s["start"] = s["date"].map(parse_partial_date)
    s["end"] = s.groupby("project_id")["start"].shift(-1).fillna(today)
    s["project"] = s["project_id"].map(names)
    return s

