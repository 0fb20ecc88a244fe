"""Domain rules, each defined once: primary series, China's multiple, shares, debt schedule, statuses."""

from __future__ import annotations

import re

import pandas as pd

from nkties.periods import month_index, months_covered, parse_partial_date

PARTNERS = ("Russia", "China")
WORLD = "World"
# Years where the lowest and highest recorded figures differ by more than this are listed.
DISAGREEMENT_PCT = 10.0

# The series of record keeps, for each partner and flow, to the first statistic in this list that a
# year has, so a line changes statistic only where the preferred one has no figure. The partners' own
# customs records first (KITA's compilation of China customs next to it), then KOTRA's mirror
# statistics, then other compilations, then officials' statements and news.
STATISTIC_PREFERENCE = (
    "China customs", "Russian customs", "KITA", "KOTRA", "ITC Trade Map", "UN Comtrade", "Statistics Korea",
    "Bank of Korea", "Ministry of Unification", "research institute", "Russian official statement", "news report",
)
# A primary row that departs from the preference says why in its note, starting with this.
SERIES_NOTE = "Series of record:"
BEST = "best"
CUSTOMS = "customs"
# What a reader can choose to chart: one statistic (one definition) per line, or the series of record.
# 'customs' is each partner's own customs records: China customs (with KITA's compilation of the same
# records where no direct report is held) for China, Russian customs for Russia. Their labels and
# help are in the catalogues (series.<key>, series.help: nkties/locales).
SERIES = (BEST, CUSTOMS, "KOTRA", "ITC Trade Map", "UN Comtrade")


def series_key(series: str) -> str:
    """The catalogue key of a series' label: 'series.best', 'series.itc_trade_map'."""
    return "series." + re.sub(r"\W+", "_", series).strip("_").lower()


def series_label(series: str, lang: str = "en") -> str:
    """The series as a reader sees it: 'Best available', 'Partner's customs', 'KOTRA' (in their language)."""
    from nkties import i18n

    return i18n.t(series_key(series), lang) if i18n.has(series_key(series)) else series


_SERIES_STATISTICS = {
    CUSTOMS: ("China customs", "KITA", "Russian customs"),
}


def series_statistics(series: str) -> tuple[str, ...]:
    """The statistic values a series draws from, most preferred first (all of them for 'best')."""
    if series == BEST:
        return STATISTIC_PREFERENCE
    return _SERIES_STATISTICS.get(series, (series,))


# NOTE: North Korea's total trade (World) has one statistic of its own, KOTRA's; KITA's World
# figures are compilations of partners' data by another method.
WORLD_PREFERENCE = ("KOTRA",) + tuple(s for s in STATISTIC_PREFERENCE if s != "KOTRA")


def preference(partner: str) -> tuple[str, ...]:
    return WORLD_PREFERENCE if partner == WORLD else STATISTIC_PREFERENCE


def _rank(partner: str, statistic) -> int:
    order = preference(partner)
    return order.index(statistic) if statistic in order else len(order)


def best_statistic(trade: pd.DataFrame) -> dict[tuple, str]:
    """For each year, partner and flow, the most preferred statistic that has a figure."""
    t = trade.dropna(subset=["year", "partner", "flow", "statistic"])
    ranked = t.assign(_r=[_rank(p, s) for p, s in zip(t["partner"], t["statistic"], strict=False)]).sort_values("_r", kind="stable")
    first = ranked.groupby(["year", "partner", "flow"], sort=False)["statistic"].first()
    return {k: v for k, v in first.items()}


# Trade.

def year_range(trade: pd.DataFrame) -> tuple[int, int]:
    return int(trade["year"].min()), int(trade["year"].max())


def primary_rows(trade: pd.DataFrame, flow: str | None = None) -> pd.DataFrame:
    """The series of record: the one row per year, partner and flow that 'best available' charts."""
    rows = trade[trade["primary"].fillna(False)]
    return rows if flow is None else rows[rows["flow"] == flow]


def other_rows(trade: pd.DataFrame, flow: str | None = None) -> pd.DataFrame:
    """Figures that disagree with (or merely repeat) the series of record."""
    rows = trade[~trade["primary"].fillna(False)]
    return rows if flow is None else rows[rows["flow"] == flow]


def significant_digits(v) -> int:
    s = f"{float(v):.0f}".rstrip("0")
    return len(s)


def series_rows(trade: pd.DataFrame, series: str = BEST, flow: str | None = None) -> pd.DataFrame:
    """One row per year, partner and flow of the chosen series.

    'best' is the series of record (the primary rows). A single statistic takes that statistic's
    figure: the primary row where it is of that statistic, else the most precise figure (an exact
    customs figure over a rounded report of it), else the first listed; it never borrows a figure
    of another statistic, so a year it lacks stays a gap."""
    if series == BEST:
        return primary_rows(trade, flow)
    stats = series_statistics(series)
    rows = trade[trade["statistic"].isin(stats)]
    if flow is not None:
        rows = rows[rows["flow"] == flow]
    rows = rows.assign(_r=rows["statistic"].map(stats.index), _p=~rows["primary"].fillna(False),
                       _d=-rows["value_usd"].map(significant_digits), _pos=range(len(rows)))
    rows = rows.sort_values(["_r", "_p", "_d", "_pos"]).groupby(["year", "partner", "flow"], sort=False).head(1)
    return rows.drop(columns=["_r", "_p", "_d", "_pos"]).sort_values(["partner", "flow", "year"])


def every_year(df: pd.DataFrame, partners, years: tuple[int, int]) -> pd.DataFrame:
    """One row per partner and year in the range, NA where no source gives a figure, so a
    chart shows the gap instead of joining across it."""
    index = pd.MultiIndex.from_product([list(partners), range(years[0], years[1] + 1)], names=["partner", "year"])
    return df.set_index(["partner", "year"]).reindex(index).reset_index()


def trade_series(trade: pd.DataFrame, flow: str, years: tuple[int, int], partners=PARTNERS,
                 series: str = BEST) -> pd.DataFrame:
    """The chosen series for a flow and years, one row per partner and year (NA where it has no
    figure), with `statistic_changed`: the year's statistic differs from the partner's previous
    figure, so a chart can mark the change."""
    rows = series_rows(trade, series, flow)
    rows = rows[rows["year"].between(*years) & rows["partner"].isin(partners)]
    out = every_year(rows.drop(columns=["primary"]), partners, years)
    out["flow"] = flow
    out["series"] = series
    prev = out["statistic"].where(out["statistic"].notna()).groupby(out["partner"]).ffill().groupby(out["partner"]).shift(1)
    out["statistic_changed"] = (out["statistic"].notna() & prev.notna() & (out["statistic"] != prev)).astype(bool)
    cols = ["year", "partner", "flow", "series", "value_usd", "statistic", "statistic_changed", "source_id", "note"]
    return out[[c for c in cols if c in out]]


def with_share(view: pd.DataFrame, trade: pd.DataFrame) -> pd.DataFrame:
    """Each partner's value as a percentage of North Korea's total (KOTRA's World figure of the same
    flow and year: the only statistic of North Korea's total trade)."""
    world = series_rows(trade, "KOTRA", view["flow"].iloc[0] if len(view) else None)
    world = world[world["partner"] == WORLD].set_index("year")["value_usd"]
    out = view.copy()
    out["share_pct"] = (out["value_usd"] / out["year"].map(world) * 100).astype("Float64")
    return out


def share_combines(view: pd.DataFrame) -> list[str]:
    """The statistics other than KOTRA that a share combines with KOTRA's total (empty: one statistic)."""
    return sorted(set(view["statistic"].dropna()) - {"KOTRA"})


def with_growth(view: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year change in percent, only between two consecutive years that both have a figure
    of the same statistic: a gap or a change of statistic is never bridged."""
    out = view.sort_values(["partner", "year"]).copy()
    g = out.groupby("partner")
    prev, prev_year = g["value_usd"].shift(1), g["year"].shift(1)
    ok = prev_year == out["year"] - 1
    if "statistic" in out:
        ok &= (g["statistic"].shift(1) == out["statistic"]).fillna(False)
    out["growth_pct"] = ((out["value_usd"] / prev - 1) * 100).where(ok).astype("Float64")
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
    sp["primary_usd"] = [prim["value_usd"].get((p, y)) for p, y in zip(sp["partner"], sp["year"], strict=False)]
    sp["primary_statistic"] = [prim["statistic"].get((p, y)) for p, y in zip(sp["partner"], sp["year"], strict=False)]
    return sp.reset_index(drop=True)


def china_multiple(trade: pd.DataFrame, flow: str = "total", years: tuple[int, int] | None = None,
                   series: str = BEST) -> pd.DataFrame:
    """How many times larger China's trade with North Korea is than Russia's, per year, both figures
    from the chosen series; each figure's statistic travels with it, so a reader sees when the two
    are different statistics."""
    years = years or year_range(trade)
    view = trade_series(trade, flow, years, PARTNERS, series).set_index(["partner", "year"])
    idx = pd.Index(range(years[0], years[1] + 1), name="year")

    def col(partner, name):
        return view[name].xs(partner, level="partner").reindex(idx).to_numpy()

    out = pd.DataFrame({"year": idx})
    out["china_usd"] = pd.array(col("China", "value_usd"), dtype="Float64")
    out["russia_usd"] = pd.array(col("Russia", "value_usd"), dtype="Float64")
    out["china_multiple"] = (out["china_usd"] / out["russia_usd"]).astype("Float64")
    out["flow"] = flow
    out["series"] = series
    out["china_statistic"] = col("China", "statistic")
    out["russia_statistic"] = col("Russia", "statistic")
    out["china_source_id"] = col("China", "source_id")
    out["russia_source_id"] = col("Russia", "source_id")
    return out


def latest_common_year(trade: pd.DataFrame, flow: str = "total", partners=PARTNERS, series: str = BEST) -> int | None:
    """The latest year in which every partner has a figure of the series for the flow."""
    rows = series_rows(trade, series, flow)
    years = None
    for p in partners:
        ys = set(rows.loc[rows["partner"] == p, "year"].dropna().astype(int))
        years = ys if years is None else years & ys
    return max(years) if years else None


def headline(trade: pd.DataFrame, year: int, flow: str = "total", series: str = BEST) -> pd.DataFrame:
    """For one year: each partner's value of the series, share of North Korea's total and its source."""
    view = with_share(trade_series(trade, flow, (year, year), PARTNERS, series), trade)
    view = view.dropna(subset=["value_usd"])
    return view[["year", "partner", "flow", "series", "value_usd", "share_pct", "statistic", "source_id"]].reset_index(drop=True)


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

def investments_with_projects(investments: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    names = projects.set_index("project_id")["name"]
    out = investments.drop(columns=["_line"], errors="ignore").copy()
    out.insert(1, "project", out["project_id"].map(names))
    return out


def pledges(investments: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    """Pledged amounts in US dollars, largest first, with the project's current status."""
    p = projects.set_index("project_id")
    out = investments_with_projects(investments, projects)
    out = out[(out["stage"] == "pledged") & out["amount_usd"].notna()].sort_values("amount_usd", ascending=False)
    out["status"] = out["project_id"].map(p["status"])
    out["status_date"] = out["project_id"].map(p["status_date"])
    return out.reset_index(drop=True)


# Projects.

def project_lines(lines: pd.DataFrame | None, places: pd.DataFrame | None, projects: pd.DataFrame) -> pd.DataFrame:
    """The projects drawn as lines: one row per place along each line, in order, with the project's
    name and latest status (only projects in `projects`, e.g. those a reader's filters keep)."""
    cols = ["project_id", "seq", "place_id", "lat", "lon", "name", "partner", "status", "status_date", "note"]
    if lines is None or places is None or lines.empty:
        return pd.DataFrame(columns=cols)
    out = lines.merge(places[["place_id", "lat", "lon"]], on="place_id").merge(
        projects[["project_id", "name", "partner", "status", "status_date"]], on="project_id")
    return out.sort_values(["project_id", "seq"])[cols].reset_index(drop=True)


def status_counts(projects: pd.DataFrame, statuses: list[str]) -> pd.DataFrame:
    counts = projects.groupby(["status", "partner"]).size().unstack(fill_value=0)
    return counts.reindex([s for s in statuses if s in counts.index]).reset_index()


def filter_projects(projects: pd.DataFrame, partners=None, sectors=None, statuses=None) -> pd.DataFrame:
    out = projects
    for col, chosen in (("partner", partners), ("sector", sectors), ("status", statuses)):
        if chosen:
            out = out[out[col].isin(chosen)]
    return out


def narrowing(chosen: dict, everything: dict) -> int:
    """How many filters narrow a list: a multiple choice that leaves out an option (none chosen is all, as in
    filter_projects), or a single value other than its neutral one."""
    def narrows(k):
        v, full = chosen[k], everything[k]
        if isinstance(full, list | tuple):
            return bool(v) and set(v) != set(full)
        return v != full
    return sum(map(narrows, chosen))


def latest_status(status: pd.DataFrame) -> pd.DataFrame:
    """Each project's latest status entry by date (entries of the same date: the later listed)."""
    dated = status.assign(_d=status["date"].map(parse_partial_date), _pos=range(len(status)))
    last = dated.sort_values(["_d", "_pos"], na_position="first").groupby("project_id").tail(1)
    return last.set_index("project_id").drop(columns=["_pos"])


def freshness(projects: pd.DataFrame, status: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """Projects with the date a source last confirmed their status and the years since then."""
    last = latest_status(status)
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



# Monthly and part-year trade.

CUSTOMS_STATISTICS = frozenset(_SERIES_STATISTICS[CUSTOMS])


def family(statistic) -> str:
    """The series a statistic belongs to when months are held against a year: customs records
    (China customs, KITA's compilation of them, Russian customs) are one; any other is itself."""
    return CUSTOMS if statistic in CUSTOMS_STATISTICS else statistic


def monthly_primary(monthly: pd.DataFrame, single: bool = True) -> pd.DataFrame:
    """The primary figure of each period, with `year`, `month` (its first month, 'YYYY-MM'),
    `months` (how many it covers) and `family`; single months only, unless single=False."""
    rows = monthly[monthly["primary"].fillna(False) & monthly["period_start"].notna() & monthly["period_end"].notna()].copy()
    rows["months"] = [months_covered(s, e) for s, e in zip(rows["period_start"], rows["period_end"])]
    if single:
        rows = rows[rows["months"] == 1]
    rows["year"] = rows["period_start"].str[:4].astype(int)
    rows["month"] = rows["period_start"]
    rows["family"] = rows["statistic"].map(family)
    return rows.sort_values(["partner", "flow", "period_start", "period_end"])


def cumulative_checks(monthly: pd.DataFrame, months: pd.DataFrame) -> list[dict]:
    """For one partner, flow and year's single months: each cumulative figure of that year (primary,
    same family) against the sum of the single months it spans."""
    if months.empty:
        return []
    first = months.iloc[0]
    spans = monthly_primary(monthly, single=False)
    spans = spans[(spans["partner"] == first["partner"]) & (spans["flow"] == first["flow"]) & (spans["year"] == first["year"])
                  & (spans["months"] > 1) & (spans["family"] == first["family"])]
    by_month = months.set_index("month")["value_usd"]
    out = []
    for _, s in spans.iterrows():
        inside = by_month[(by_month.index >= s["period_start"]) & (by_month.index <= s["period_end"])]
        if len(inside) != s["months"]:
            continue
        total = float(inside.sum())
        out.append({"span": f"{s['period_start']}..{s['period_end']}", "months_usd": total, "reported_usd": float(s["value_usd"]),
                    "agrees": abs(total - s["value_usd"]) <= 0.03 * s["value_usd"]})
    return out


def month_range(monthly: pd.DataFrame) -> tuple[int, int]:
    years = monthly["period_start"].dropna().str[:4].astype(int)
    return int(years.min()), int(years.max())


def monthly_series(monthly: pd.DataFrame, partner: str, years: tuple[int, int], flows=("total", "to_dprk", "from_dprk"),
                   series: str = BEST) -> pd.DataFrame:
    """Single months of one partner, one row per flow and month in the years (NA where no figure),
    from the chosen series: 'best' takes each month's primary figure; a statistic takes only its own."""
    rows = monthly[monthly["partner"] == partner]
    rows = rows[[months_covered(s, e) == 1 for s, e in zip(rows["period_start"], rows["period_end"])]]
    if series == BEST:
        rows = rows[rows["primary"].fillna(False)]
    else:
        stats = series_statistics(series)
        rows = rows[rows["statistic"].isin(stats)]
        rows = rows.assign(_r=rows["statistic"].map(stats.index), _p=~rows["primary"].fillna(False), _pos=range(len(rows)))
        rows = rows.sort_values(["_r", "_p", "_pos"]).groupby(["flow", "period_start"], sort=False).head(1)
    months = [f"{y}-{m:02d}" for y in range(years[0], years[1] + 1) for m in range(1, 13)]
    index = pd.MultiIndex.from_product([list(flows), months], names=["flow", "month"])
    out = rows.rename(columns={"period_start": "month"}).set_index(["flow", "month"])
    out = out[~out.index.duplicated()].reindex(index).reset_index()
    out["partner"] = partner
    out["series"] = series
    prev = out["statistic"].groupby(out["flow"]).ffill().groupby(out["flow"]).shift(1)
    out["statistic_changed"] = (out["statistic"].notna() & prev.notna() & (out["statistic"] != prev)).astype(bool)
    cols = ["month", "partner", "flow", "series", "value_usd", "statistic", "statistic_changed", "source_id", "quote", "note"]
    return out[cols]


def last_month(monthly: pd.DataFrame, partner: str) -> str | None:
    """The latest single month with a figure for the partner."""
    rows = monthly_primary(monthly)
    rows = rows[rows["partner"] == partner]
    return rows["month"].max() if len(rows) else None


def _months(start: str, end: str) -> list[str]:
    a, b = month_index(start), month_index(end)
    return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(a, b + 1)]


def spans(monthly: pd.DataFrame, partner: str, flow: str) -> list[tuple[str, str, float]]:
    """The primary figures over more than one month (January-February together, first half...)."""
    rows = monthly_primary(monthly, single=False)
    rows = rows[(rows["partner"] == partner) & (rows["flow"] == flow) & (rows["months"] > 1)]
    return [(s, e, float(v)) for s, e, v in zip(rows["period_start"], rows["period_end"], rows["value_usd"])]


def window_total(window: list[str], singles: dict[str, float], multi: list[tuple[str, str, float]]) -> tuple[float | None, bool]:
    """The total over a run of months: single months where there are, and a figure reported for several
    months together (China often publishes January and February as one) where it covers exactly the
    months that have none. None if any month stays uncovered. The flag says a combined figure was used."""
    missing = [m for m in window if m not in singles]
    total = sum(singles[m] for m in window if m in singles)
    if not missing:
        return total, False
    need, used = set(missing), False
    for s, e, v in sorted(multi):
        covered = set(_months(s, e))
        if covered <= need and covered <= set(window):
            total += v
            need -= covered
            used = True
    return (total, used) if not need else (None, False)


def rolling_year(view: pd.DataFrame, monthly: pd.DataFrame | None = None) -> pd.DataFrame:
    """The sum of the last twelve months, per flow, only where all twelve have a figure (or a figure
    reported for several of them together): a gap is never filled."""
    out = []
    for flow, rows in view.sort_values("month").groupby("flow", sort=False):
        singles = {m: float(v) for m, v in zip(rows["month"], rows["value_usd"]) if pd.notna(v)}
        multi = spans(monthly, rows["partner"].iloc[0], flow) if monthly is not None else []
        months = list(rows["month"])
        for i, m in enumerate(months):
            total, combined = window_total(_last12(m), singles, multi)
            out.append({**rows.iloc[i].to_dict(), "rolling_12m_usd": total, "rolling_uses_combined": combined})
    res = pd.DataFrame(out)
    if len(res):
        res["rolling_12m_usd"] = res["rolling_12m_usd"].astype("Float64")
    return res


def _last12(month: str) -> list[str]:
    i = month_index(month)
    return [f"{j // 12}-{j % 12 + 1:02d}" for j in range(i - 11, i + 1)]


def year_to_date(view: pd.DataFrame, flow: str, monthly: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each year, its total from January up to each month: the cumulative figure customs reported
    for January to that month where there is one; else an earlier reported cumulative figure plus the
    months after it; else the months added up (with a figure reported for several months together
    where one stands for them). NA where none of these covers the months; `how` says which was used."""
    rows = view[view["flow"] == flow]
    cols = ["year", "month_no", "month", "flow", "ytd_usd", "how"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    partner = rows["partner"].iloc[0]
    singles = {m: float(v) for m, v in zip(rows["month"], rows["value_usd"]) if pd.notna(v)}
    multi = spans(monthly, partner, flow) if monthly is not None else []
    reported = {(s, e): v for s, e, v in multi}
    out = []
    for year in sorted({int(m[:4]) for m in rows["month"]}):
        jan = f"{year}-01"
        for month_no in range(1, 13):
            end = f"{year}-{month_no:02d}"
            value, how = None, None
            if (jan, end) in reported:
                value, how = reported[(jan, end)], "reported for January to this month"
            for k in range(month_no - 1, 0, -1):
                if value is not None:
                    break
                upto = f"{year}-{k:02d}"
                if (jan, upto) in reported:
                    rest, _ = window_total(_months(f"{year}-{k + 1:02d}", end), singles, multi)
                    if rest is not None:
                        value = reported[(jan, upto)] + rest
                        how = f"reported for January–{upto[5:]}, plus the months after it"
            if value is None:
                total, combined = window_total(_months(jan, end), singles, multi)
                if total is not None:
                    value = total
                    how = "months added up" + (" (with a figure reported for several months together)" if combined else "")
            out.append({"year": year, "month_no": month_no, "month": end, "flow": flow, "ytd_usd": value, "how": how})
    res = pd.DataFrame(out, columns=cols)
    res["ytd_usd"] = res["ytd_usd"].astype("Float64")
    return res


def cumulative_figures(monthly: pd.DataFrame, partner: str | None = None) -> pd.DataFrame:
    """Figures that cover more than one month (January-August, first half), every source's."""
    rows = monthly.copy()
    rows["months"] = [months_covered(s, e) for s, e in zip(rows["period_start"], rows["period_end"])]
    rows = rows[rows["months"] > 1]
    if partner:
        rows = rows[rows["partner"] == partner]
    return rows.sort_values(["partner", "period_start", "period_end", "flow"])


def annual_against_months(trade: pd.DataFrame, view: pd.DataFrame, partner: str) -> pd.DataFrame:
    """Each year's annual figure of the customs records for the flows in view, placed at December
    so it can be read against the rolling twelve-month sum."""
    rows = series_rows(trade, CUSTOMS)
    rows = rows[(rows["partner"] == partner) & rows["flow"].isin(view["flow"].unique())]
    years = view["month"].str[:4].astype(int)
    rows = rows[rows["year"].between(years.min(), years.max())]
    return rows.assign(month=rows["year"].astype(int).astype(str) + "-12")


# Trade by product.

def ancestors(groups: pd.DataFrame) -> dict[str, set[str]]:
    """Each product group's wider groups (coal: mineral fuels, mineral products)."""
    parent = dict(zip(groups["product_group"], groups["parent"]))
    out = {}
    for g in parent:
        seen, cur = set(), parent.get(g)
        while isinstance(cur, str) and cur not in seen:
            seen.add(cur)
            cur = parent.get(cur)
        out[g] = seen
    return out


def share_totals(products: pd.DataFrame, groups: pd.DataFrame):
    """(partner, flow, start, end, statistic), the sum of the shares of groups none of which holds
    another, and the lines summed; one figure per group (the largest, so the check is strict)."""
    anc = ancestors(groups)
    rows = products.dropna(subset=["share_pct"])
    for key, g in rows.groupby(["partner", "flow", "period_start", "period_end", "statistic"]):
        best = g.sort_values("share_pct", ascending=False).groupby("product_group").head(1)
        present = set(best["product_group"])
        # NOTE: a group whose wider group is listed too is already inside that share.
        leaves = best[[not (anc.get(p, set()) & present) for p in best["product_group"]]]
        yield key, float(leaves["share_pct"].sum()), [int(x) for x in leaves["_line"]]


def full_years(products: pd.DataFrame) -> pd.DataFrame:
    """Product figures that cover one calendar year, with `year`."""
    rows = products[(products["period_start"].str[5:] == "01") & (products["period_end"].str[5:] == "12")
                    & (products["period_start"].str[:4] == products["period_end"].str[:4])]
    return rows.assign(year=rows["period_start"].str[:4].astype(int))


def pick(rows: pd.DataFrame, column: str, keys: list[str]) -> pd.DataFrame:
    """One figure of `column` per key: the most preferred statistic, then the most precise figure,
    then the first listed (the same rule as the trade series)."""
    rows = rows.dropna(subset=[column])
    if rows.empty:
        return rows
    rows = rows.assign(_r=[_rank(p, s) for p, s in zip(rows["partner"], rows["statistic"])],
                       _d=-rows[column].map(significant_digits), _pos=range(len(rows)))
    return rows.sort_values(["_r", "_d", "_pos"]).groupby(keys, sort=False).head(1).drop(columns=["_r", "_d", "_pos"])


def composition(products: pd.DataFrame, groups: pd.DataFrame, trade: pd.DataFrame, partner: str, flow: str) -> pd.DataFrame:
    """Each product group's share of a partner's flow, year by year: the share a source states where
    one does; else the group's value divided by the same statistic's annual total for the flow
    (`how` says which). Groups inside a wider group that is also shown are left out, so shares
    never overlap; `other_pct` in the result is what no listed group accounts for."""
    rows = full_years(products[(products["partner"] == partner) & (products["flow"] == flow)])
    stated = pick(rows, "share_pct", ["year", "product_group"]).assign(how="share as the source states it")
    valued = pick(rows, "value_usd", ["year", "product_group"])
    totals = {}
    for stat in set(valued["statistic"]):
        annual = series_rows(trade, family(stat), flow)
        annual = annual[annual["partner"] == partner]
        for y, v, s in zip(annual["year"], annual["value_usd"], annual["statistic"]):
            totals[(family(stat), int(y))] = (float(v), s)
    computed = []
    for _, r in valued.iterrows():
        tot = totals.get((family(r["statistic"]), int(r["year"])))
        if tot and tot[0] > 0 and r["value_usd"] <= tot[0]:
            computed.append({**r.to_dict(), "share_pct": float(r["value_usd"]) / tot[0] * 100,
                             "how": f"value ÷ {tot[1]} total for the flow ({tot[0]:,.0f} US dollars)"})
    # NOTE: one share per year and group: the better statistic first; a share the source states
    # before one computed from a value.
    out = pd.concat([stated.assign(_c=0), pd.DataFrame(computed).assign(_c=1)], ignore_index=True) if computed else stated.assign(_c=0)
    if out.empty:
        return pd.DataFrame(columns=["year", "product_group", "name", "share_pct", "value_usd", "statistic", "how", "source_id"])
    out = out.assign(_r=[_rank(p, s) for p, s in zip(out["partner"], out["statistic"])]).sort_values(["_r", "_c"])
    out = out.groupby(["year", "product_group"], sort=False).head(1).drop(columns=["_r", "_c"])
    parent = dict(zip(groups["product_group"], groups["parent"]))
    keep = []
    for _, g in out.groupby("year"):
        keep.append(_without_overlap(g, parent))
    out = pd.concat(keep)
    names = groups.set_index("product_group")["name"]
    out["name"] = [("Other " + names[p][0].lower() + names[p][1:]).removesuffix(", all") if rest else names[p]
                   for p, rest in zip(out["product_group"], out["remainder"])]
    out["share_pct"] = out["share_pct"].astype("Float64")
    out["group_hs_code"] = out["product_group"].map(groups.set_index("product_group")["hs_code"])
    cols = ["year", "partner", "flow", "product_group", "name", "group_hs_code", "share_pct", "value_usd", "statistic", "how", "source_id"]
    return out[cols].sort_values(["year", "share_pct"], ascending=[True, False]).reset_index(drop=True)


def _without_overlap(year: pd.DataFrame, parent: dict) -> pd.DataFrame:
    """One year's shares with no overlap: the most detailed groups as given, and for a wider group
    that holds some of them, what is left of its share once they are taken out (`remainder`)."""
    present = set(year["product_group"])

    def nearest(g):
        cur = parent.get(g)
        while isinstance(cur, str):
            if cur in present:
                return cur
            cur = parent.get(cur)
        return None

    share = dict(zip(year["product_group"], year["share_pct"].astype(float)))
    inside: dict[str, float] = {}
    for g in present:
        n = nearest(g)
        if n:
            inside[n] = inside.get(n, 0.0) + share[g]
    rows = []
    for _, r in year.iterrows():
        g = r["product_group"]
        if g in inside:
            rest = share[g] - inside[g]
            if rest > 0.5:
                rows.append({**r.to_dict(), "share_pct": rest, "value_usd": pd.NA, "remainder": True,
                             "how": f"{r['how']}, less the groups shown inside it"})
        else:
            rows.append({**r.to_dict(), "remainder": False})
    return pd.DataFrame(rows)


def product_line(products: pd.DataFrame, partner: str, flow: str, group: str, column: str = "value_usd") -> pd.DataFrame:
    """One product group's yearly figure (value or quantity) for a partner and flow, one per year."""
    rows = full_years(products[(products["partner"] == partner) & (products["flow"] == flow) & (products["product_group"] == group)])
    if column == "quantity":
        rows = rows[rows["quantity_unit"] == rows["quantity_unit"].mode().iloc[0]] if rows["quantity_unit"].notna().any() else rows.iloc[0:0]
    got = pick(rows, column, ["year"]).sort_values("year")
    return got.assign(partner=partner)


def sanctions_on(measures: pd.DataFrame, events: pd.DataFrame, groups: pd.DataFrame, group: str) -> pd.DataFrame:
    """The resolutions that banned or capped a product group, or a group it is part of, with their dates."""
    anc = ancestors(groups)
    related = {group} | anc.get(group, set()) | {g for g, a in anc.items() if group in a}
    m = measures[measures["product_group"].isin(related)]
    return m.merge(events[["event_id", "date", "title", "category"]], on="event_id", how="left").sort_values("date")


def oil_against_cap(products: pd.DataFrame, measures: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Refined petroleum that China and Russia reported delivering to the UN 1718 Committee, in barrels,
    per year: the annual figure where one was reported, else the months added up (with how many).
    And the cap in force each year, from the resolutions."""
    rows = products[(products["statistic"] == "UN 1718 Committee") & (products["product_group"] == "refined_petroleum")
                    & (products["quantity_unit"] == "barrels")].copy()
    rows["year"] = rows["period_start"].str[:4].astype(int)
    rows["months"] = [months_covered(s, e) for s, e in zip(rows["period_start"], rows["period_end"])]
    out = []
    for (partner, year), g in rows.groupby(["partner", "year"]):
        annual = g[g["months"] == 12]
        if len(annual):
            r = pick(annual, "quantity", ["year"]).iloc[0]
            out.append({"year": year, "partner": partner, "barrels": float(r["quantity"]), "months_reported": 12,
                        "how": "annual total as reported", "source_id": r["source_id"]})
            continue
        monthly = pick(g[g["months"] == 1], "quantity", ["period_start"])
        if len(monthly):
            out.append({"year": year, "partner": partner, "barrels": float(monthly["quantity"].sum()),
                        "months_reported": int(len(monthly)), "how": f"{len(monthly)} monthly reports added up",
                        "source_id": ";".join(monthly["source_id"])})
    deliveries = pd.DataFrame(out, columns=["year", "partner", "barrels", "months_reported", "how", "source_id"])
    caps = measures[(measures["product_group"] == "refined_petroleum") & (measures["measure"] == "cap") & measures["cap"].notna()]
    caps = caps.merge(events[["event_id", "date", "title"]], on="event_id").sort_values("date")
    years = sorted(set(deliveries["year"])) or []
    cap_rows = []
    for y in years:
        # NOTE: a cap set during a year applies from the next January (2375: 2018; 2397 replaced it for 2018).
        in_force = caps[caps["date"].str[:4].astype(int) < y]
        if len(in_force):
            c = in_force.iloc[-1]
            cap_rows.append({"year": y, "cap_barrels": float(c["cap"]), "resolution": c["title"], "source_id": c["source_id"]})
    return deliveries, pd.DataFrame(cap_rows, columns=["year", "cap_barrels", "resolution", "source_id"])


def common_product_years(products: pd.DataFrame, groups: pd.DataFrame, trade: pd.DataFrame, flow: str) -> list[int]:
    """Years in which both Russia and China have product shares for the flow."""
    years = [set(composition(products, groups, trade, p, flow)["year"]) for p in PARTNERS]
    return sorted(int(y) for y in set.intersection(*years))  # NOTE: views.products intersects the same two frames
