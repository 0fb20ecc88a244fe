"""Validation rules that a column type cannot express, registered once and keyed by dataset names.

A rule is a function that takes the frames of the datasets it names (in that order) and yields
Problems. `run` calls each rule only when every dataset it reads was loaded and, for a rule across
several files, has no problems of its own: a broken file is reported once, for itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from nkties import amounts, calc, i18n, schema
from nkties.periods import months_covered, parse_partial_date
from nkties.problems import Problem

# Sources round their figures: a total may differ from its parts by this share and still agree.
TOTAL_TOLERANCE = 0.02


@dataclass(frozen=True)
class Rule:
    datasets: tuple[str, ...]
    check: Callable[..., Iterable[Problem]]

    @property
    def name(self) -> str:
        return self.check.__name__


RULES: list[Rule] = []


def rule(*datasets: str):
    """Register a rule over the named datasets."""
    def register(fn):
        RULES.append(Rule(tuple(datasets), fn))
        return fn
    return register


def run(frames: dict[str, pd.DataFrame | None], problems: list[Problem]) -> list[Problem]:
    """Every registered rule, plus the schema's foreign keys, over the loaded frames."""
    broken = {p.dataset for p in problems if p.severity == "error"}
    found: list[Problem] = []
    for r in [*RULES, *_foreign_key_rules()]:
        if any(frames.get(d) is None for d in r.datasets):
            continue
        if len(r.datasets) > 1 and broken & set(r.datasets):
            continue  # the other file's own problems are reported once, for that file
        found += list(r.check(*(frames[d] for d in r.datasets)))
    return found


def _foreign_key_rules() -> list[Rule]:
    rules = []
    for name in schema.resource_names():
        for fk in schema.resource(name)["schema"].get("foreignKeys", []):
            (col,) = fk["fields"]
            target, (tcol,) = fk["reference"]["resource"], fk["reference"]["fields"]

            def check(df, tdf, name=name, col=col, target=target, tcol=tcol):
                known = set(tdf[tcol].dropna())
                for line, v in zip(df["_line"], df[col], strict=False):
                    if pd.notna(v) and v not in known:
                        yield Problem(name, f"{v!r} is not a {tcol} in {schema.resource(target)['path']}", int(line), col)
            check.__name__ = f"foreign_key_{name}_{col}"
            rules.append(Rule((name, target), check))
    return rules


def _group_lines(df: pd.DataFrame, keys: list[str], key: tuple) -> list[int]:
    return df.loc[(df[keys] == pd.Series(key, index=keys)).all(axis=1), "_line"].astype(int).tolist()


# Trade.

@rule("trade")
def one_primary_per_year(df):
    keys = ["year", "partner", "flow"]
    counts = df.groupby(keys, dropna=True)["primary"].agg(lambda s: int(s.fillna(False).sum()))
    for key, n in counts.items():
        if n != 1:
            lines = _group_lines(df, keys, key)
            msg = "no row is marked primary" if n == 0 else f"{n} rows are marked primary"
            yield Problem("trade", f"{msg} for {key[0]} {key[1]} {key[2]}; exactly one must be (lines {', '.join(map(str, lines))})",
                          lines[0], "primary")


@rule("trade")
def primary_prefers_the_best_statistic(df):
    """The series of record keeps to the most preferred statistic a year has (calc.STATISTIC_PREFERENCE),
    unless the primary row's note says why not ('Series of record: ...')."""
    prim = df[df["primary"].fillna(False)]
    best = calc.best_statistic(df)
    for _, r in prim.iterrows():
        want = best.get((r["year"], r["partner"], r["flow"]))
        if want is not None and r["statistic"] != want and calc.SERIES_NOTE not in str(r["note"] or ""):
            yield Problem("trade", f"{r['year']} {r['partner']} {r['flow']}: the primary row is {r['statistic']}, but the year has a "
                          f"{want} figure, which the series of record prefers; mark that row primary", int(r["_line"]), "primary")


@rule("trade")
def primary_total_is_the_sum_of_its_flows(df):
    prim = df[df["primary"].fillna(False)]
    wide = prim.pivot_table(index=["year", "partner"], columns="flow", values="value_usd", aggfunc="first")
    stats = prim.pivot_table(index=["year", "partner"], columns="flow", values="statistic", aggfunc="first")
    lines = prim.set_index(["year", "partner", "flow"])["_line"]
    if not {"to_dprk", "from_dprk", "total"} <= set(wide.columns):
        return
    for (year, partner), row in wide.dropna(subset=["to_dprk", "from_dprk", "total"]).iterrows():
        if stats.loc[(year, partner)].nunique() != 1:
            continue  # different statistics need not add up; charts say which statistic each figure is
        parts = row["to_dprk"] + row["from_dprk"]
        if abs(parts - row["total"]) > TOTAL_TOLERANCE * max(row["total"], parts):
            # NOTE: figures reported as "about $3.1bn" need not add up; say so, without stopping a page.
            rounded = min(calc.significant_digits(v) for v in row[["to_dprk", "from_dprk", "total"]]) <= 2
            yield Problem("trade", f"{year} {partner}: primary total {row['total']:,.0f} differs from to_dprk + from_dprk = "
                          f"{parts:,.0f} by more than {TOTAL_TOLERANCE:.0%}" + (" (rounded figures)" if rounded else ""),
                          int(lines[(year, partner, "total")]), "value_usd", "warning" if rounded else "error")


# Sources, debt, projects.

@rule("sources")
def source_has_a_url_or_a_seed(df):
    for line, url, seed in zip(df["_line"], df["url"], df["seed_file"], strict=False):
        if pd.isna(url) and pd.isna(seed):
            yield Problem("sources", "a source needs a url or a seed_file", int(line), "url")


@rule("debt")
def repayment_terms_are_complete(df):
    for _, r in df[df["kind"] == "repayment_terms"].iterrows():
        for col in ("amount_usd", "instalments", "term_years"):
            if pd.isna(r[col]):
                yield Problem("debt", f"repayment_terms needs {col} to compute the schedule", int(r["_line"]), col)


@rule("project_status")
def status_history_in_date_order(df):
    dates = df["date"].map(parse_partial_date)
    for pid, idx in df.groupby("project_id").groups.items():
        d = dates.loc[idx]
        for prev, cur in zip(idx[:-1], idx[1:], strict=False):
            if pd.notna(d[prev]) and pd.notna(d[cur]) and d[cur] < d[prev]:
                yield Problem("project_status", f"status history of {pid} is out of date order: {df.at[cur, 'date']} comes after "
                              f"{df.at[prev, 'date']}", int(df.at[cur, "_line"]), "date")


@rule("project_lines")
def a_line_runs_through_two_places_in_order(lines):
    """A line needs two places at least, numbered 1, 2, 3... with no gap."""
    for pid, g in lines.dropna(subset=["project_id", "seq"]).groupby("project_id", sort=False):
        seqs = sorted(int(s) for s in g["seq"])
        if len(seqs) < 2:
            yield Problem("project_lines", f"{pid} has one place; a line needs two", int(g["_line"].iloc[0]), "seq")
        elif seqs != list(range(1, len(seqs) + 1)):
            yield Problem("project_lines", f"{pid}: places are numbered {seqs}, not 1 to {len(seqs)}", int(g["_line"].iloc[-1]), "seq")


@rule("projects")
def project_figures_name_their_source(projects):
    """A cost or a length is a figure like any other: it names the source it comes from."""
    for value, source in (("cost_usd", "cost_source_id"), ("length_km", "length_source_id")):
        if value not in projects:
            continue
        for _, p in projects[projects[value].notna() & projects[source].isna()].iterrows():
            yield Problem("projects", f"{value} {p[value]:,.0f} names no {source}", int(p["_line"]), source)


@rule("projects", "project_status")
def project_status_is_the_latest_entry(projects, status):
    latest = calc.latest_status(status)
    for _, p in projects.iterrows():
        if p["project_id"] not in latest.index:
            yield Problem("projects", f"project {p['project_id']} has no entry in project_status.csv", int(p["_line"]), "project_id")
            continue
        last = latest.loc[p["project_id"]]
        for pcol, col in (("status", "status"), ("status_date", "date")):
            if p[pcol] != last[col]:
                yield Problem("projects", f"{pcol} {p[pcol]!r} differs from the latest status history entry ({last['status']} on "
                              f"{last['date']})", int(p["_line"]), pcol)



# Monthly and part-year trade.

# Ranges no real figure crosses: North Korea's trade with one partner has never come near these.
MAX_ANNUAL_USD = 20e9
MAX_MONTHLY_USD = 2e9
MONTHS_TOLERANCE = 0.03


@rule("trade")
def annual_figure_is_plausible(df):
    for line, year, partner, v in zip(df["_line"], df["year"], df["partner"], df["value_usd"]):
        if pd.notna(v) and partner != calc.WORLD and v > MAX_ANNUAL_USD:
            yield Problem("trade", f"{year} {partner}: {v:,.0f} US dollars is above {MAX_ANNUAL_USD:,.0f}, more than any year's "
                          "trade with one partner; is the unit right (dollars, not thousands)?", int(line), "value_usd")


def _period_is_in_order(name):
    def period_is_in_order(df):
        for line, s, e in zip(df["_line"], df["period_start"], df["period_end"]):
            if pd.notna(s) and pd.notna(e) and e < s:
                yield Problem(name, f"the period ends ({e}) before it starts ({s})", int(line), "period_end")
    return period_is_in_order


def _quote_states_the_figures(name, columns):
    def quote_states_the_figures(df):
        """The quoted sentence states each figure (in any notation amounts reads); a warning, since a
        source may write a figure in a way the reader does not know."""
        for _, r in df.iterrows():
            for col in columns:
                v = r[col]
                if pd.notna(r["quote"]) and pd.notna(v) and not amounts.states(str(r["quote"]), float(v), rel=0.01 if col == "share_pct" else 0.005):
                    yield Problem(name, f"the quote does not state {col} {v:,.10g}: check the figure against its source",
                                  int(r["_line"]), "quote", "warning")
    return quote_states_the_figures


for _name, _cols in (("trade_monthly", ("value_usd",)), ("trade_products", ("value_usd", "share_pct", "quantity"))):
    rule(_name)(_period_is_in_order(_name))
    rule(_name)(_quote_states_the_figures(_name, _cols))


@rule("trade_monthly")
def one_primary_per_period(df):
    keys = ["partner", "flow", "period_start", "period_end"]
    counts = df.groupby(keys, dropna=True)["primary"].agg(lambda s: int(s.fillna(False).sum()))
    for key, n in counts.items():
        if n != 1:
            lines = _group_lines(df, keys, key)
            msg = "no row is marked primary" if n == 0 else f"{n} rows are marked primary"
            yield Problem("trade_monthly", f"{msg} for {key[0]} {key[1]} {key[2]}..{key[3]}; exactly one must be "
                          f"(lines {', '.join(map(str, lines))})", lines[0], "primary")


@rule("trade_monthly")
def monthly_figure_is_plausible(df):
    for line, s, e, v in zip(df["_line"], df["period_start"], df["period_end"], df["value_usd"]):
        n = months_covered(s, e) if pd.notna(s) and pd.notna(e) else None
        if n and pd.notna(v) and v / n > MAX_MONTHLY_USD:
            yield Problem("trade_monthly", f"{v:,.0f} US dollars over {n} month(s) is above {MAX_MONTHLY_USD:,.0f} a month, more than "
                          "any month's trade with one partner; is the unit right?", int(line), "value_usd")


@rule("trade_monthly", "trade")
def twelve_months_add_up_to_the_year(monthly, trade):
    """Where a year has all twelve single months of one statistic, their sum is that statistic's
    annual figure within MONTHS_TOLERANCE; if not, each cumulative figure of the year says where."""
    single = calc.monthly_primary(monthly)
    for (partner, flow, family, year), g in single.groupby(["partner", "flow", "family", "year"]):
        if g["month"].nunique() != 12:
            continue
        annual = calc.series_rows(trade, family, flow)
        annual = annual[(annual["partner"] == partner) & (annual["year"] == year)]
        if annual.empty:
            continue
        total, want = float(g["value_usd"].sum()), float(annual["value_usd"].iloc[0])
        if abs(total - want) <= MONTHS_TOLERANCE * want:
            continue
        where = calc.cumulative_checks(monthly, g)
        bad = [c for c in where if not c["agrees"]]
        detail = ("; ".join(f"{c['span']}: months add up to {c['months_usd']:,.0f}, the cumulative figure is {c['reported_usd']:,.0f}"
                            for c in bad) if bad else "no cumulative figure of the year narrows it down; months: "
                  + ", ".join(f"{m} {v:,.0f}" for m, v in zip(g["month"], g["value_usd"])))
        yield Problem("trade_monthly", f"{year} {partner} {flow}: the twelve months add up to {total:,.0f}, the {family} annual figure "
                      f"is {want:,.0f} (off by more than {MONTHS_TOLERANCE:.0%}). {detail}", int(g["_line"].iloc[0]), "value_usd")


@rule("trade_monthly")
def cumulative_figures_grow_through_the_year(df):
    """A primary January-to-month figure is not below an earlier one of the same year: trade adds up."""
    rows = calc.monthly_primary(df, single=False)
    rows = rows[(rows["months"] > 1) & (rows["period_start"].str[5:] == "01")]
    for (partner, flow, _year), g in rows.groupby(["partner", "flow", "year"]):
        g = g.sort_values("period_end")
        best, best_end = None, None
        for _, r in g.iterrows():
            if best is not None and r["value_usd"] < best:
                yield Problem("trade_monthly", f"{partner} {flow}: January–{r['period_end']} ({r['value_usd']:,.0f}) is less than "
                              f"January–{best_end} ({best:,.0f}); one of the two is wrong", int(r["_line"]), "value_usd")
            if best is None or r["value_usd"] > best:
                best, best_end = r["value_usd"], r["period_end"]


# Trade by product and sanctions.

@rule("trade_products")
def product_row_has_a_figure(df):
    for _, r in df.iterrows():
        if pd.isna(r["value_usd"]) and pd.isna(r["share_pct"]) and pd.isna(r["quantity"]):
            yield Problem("trade_products", "the row gives no figure: a value, a share or a quantity is needed", int(r["_line"]), "value_usd")
        if pd.notna(r["quantity"]) and pd.isna(r["quantity_unit"]):
            yield Problem("trade_products", "a quantity needs its unit", int(r["_line"]), "quantity_unit")


@rule("trade_products", "product_groups")
def shares_of_a_flow_add_up_to_at_most_100(products, groups):
    """Per partner, flow, period and statistic, the shares of groups not inside one another add up to 100% or less."""
    for key, total, lines in calc.share_totals(products, groups):
        if total > 100.5:
            partner, flow, start, end, statistic = key
            yield Problem("trade_products", f"{partner} {flow} {start}..{end} ({statistic}): the shares of separate product groups add up "
                          f"to {total:.1f}% (lines {', '.join(map(str, lines))})", lines[0], "share_pct")


@rule("product_groups")
def groups_nest_without_cycles(df):
    parent = dict(zip(df["product_group"], df["parent"]))
    for line, g in zip(df["_line"], df["product_group"]):
        seen, cur = {g}, parent.get(g)
        while isinstance(cur, str):
            if cur in seen:
                yield Problem("product_groups", f"{g} is inside itself (through {cur})", int(line), "parent")
                break
            seen.add(cur)
            cur = parent.get(cur)


@rule("sanction_measures", "events")
def measure_belongs_to_a_sanctions_event(measures, events):
    category = dict(zip(events["event_id"], events["category"]))
    for line, e in zip(measures["_line"], measures["event_id"]):
        if e in category and category[e] != "sanctions":
            yield Problem("sanction_measures", f"{e} is a {category[e]} event in events.csv, not sanctions", int(line), "event_id")


@rule("sanction_measures")
def cap_has_a_unit(df):
    for line, cap, unit in zip(df["_line"], df["cap"], df["cap_unit"]):
        if pd.notna(cap) and pd.isna(unit):
            yield Problem("sanction_measures", "a cap needs its unit", int(line), "cap_unit")


# One fact, one date.

def dates_agree(a: str, b: str) -> bool:
    """Two dates as precise as their sources give them agree when the less precise is a prefix of
    the other: '2014-04' and '2014-04-18' agree, '2013-11' and '2014-11-29' do not."""
    a, b = str(a), str(b)
    return a.startswith(b) or b.startswith(a)


def _same_date_as_event(name: str, what: str):
    def same_date_as_event(df, events):
        date_of = dict(zip(events["event_id"], events["date"]))
        for line, ref, date in zip(df["_line"], df["event_ref"], df["date"]):
            if pd.notna(ref) and ref in date_of and pd.notna(date) and not dates_agree(date, date_of[ref]):
                yield Problem(name, f"{what} is dated {date}, but events.csv dates the same event ({ref}) {date_of[ref]}: "
                              "one fact has one date; correct one of them", int(line), "date")
    same_date_as_event.__name__ = f"same_date_as_event_{name}"
    return same_date_as_event


for _name, _what in (("project_status", "this status change"), ("debt", "this debt event")):
    rule(_name, "events")(_same_date_as_event(_name, _what))


@rule("trade")
def figure_ten_times_off_its_neighbours(df):
    """A figure ten times above or below both neighbouring years of the same statistic, partner and
    flow (or its one neighbour): often a unit slip. A warning, since trade can collapse (Russia 2021)."""
    for (partner, flow, stat), g in df.dropna(subset=["value_usd"]).groupby(["partner", "flow", "statistic"]):
        by_year = g.groupby("year")["value_usd"].median()
        for _, r in g.iterrows():
            around = [by_year.get(r["year"] - 1), by_year.get(r["year"] + 1)]
            around = [float(x) for x in around if x is not None and pd.notna(x) and x > 0]
            v = float(r["value_usd"])
            if around and v > 0 and all(v > 10 * x or v < x / 10 for x in around):
                yield Problem("trade", f"{r['year']} {partner} {flow} ({stat}): {v:,.0f} is ten times off the neighbouring years "
                              f"({', '.join(f'{x:,.0f}' for x in around)}); check the unit", int(r["_line"]), "value_usd", "warning")


# Names in Korean and Russian (names.csv).

# The codes names.csv may name, by family: where the data keeps each family's values.
CODE_FAMILIES = {
    "project_status": (("projects", "status"), ("project_status", "status")),
    "sector": (("projects", "sector"),),
    "event_category": (("events", "category"),),
    "partner": (("trade", "partner"), ("trade_monthly", "partner"), ("trade_products", "partner"), ("projects", "partner"),
                ("investments", "investor_country"), ("projects", "countries"), ("events", "partners")),
    "statistic": (("trade", "statistic"), ("trade_monthly", "statistic"), ("trade_products", "statistic")),
    "investment_stage": (("investments", "stage"),),
    "debt_kind": (("debt", "kind"),),
    "sanction_direction": (("sanction_measures", "direction"),),
    "sanction_measure": (("sanction_measures", "measure"),),
}
NAMED_ROWS = {"projects": ("project_id", ("name", "place")), "events": ("event_id", ("title",)),
              "product_groups": ("product_group", ("name",))}
NAME_LANGS = ("ko", "ru")


def _codes(frames: dict, family: str) -> set[str]:
    """Every value the data or the schema allows for a family of codes ('a;b' lists split)."""
    found: set[str] = set()
    for dataset, column in CODE_FAMILIES[family]:
        found |= set(schema.enum(dataset, column))
        df = frames.get(dataset)
        if df is not None and column in df:
            found |= {x.strip() for v in df[column].dropna() for x in str(v).split(";")}
    if family == "statistic":
        found |= set(calc.STATISTIC_PREFERENCE)
    return found


@rule("names", "projects", "events", "product_groups", "trade", "trade_monthly", "trade_products", "investments", "debt",
      "sanction_measures", "project_status")
def every_name_resolves(names, projects, events, groups, trade, monthly, products, investments, debt, measures, status):
    """Each name names something that exists, and each project, event, product group, status, sector,
    partner and statistic the pages show has one Korean and one Russian name."""
    frames = {"projects": projects, "events": events, "product_groups": groups, "trade": trade, "trade_monthly": monthly,
              "trade_products": products, "investments": investments, "debt": debt, "sanction_measures": measures,
              "project_status": status}
    keys = {ds: set(frames[ds][col].dropna()) for ds, (col, _) in NAMED_ROWS.items()}
    codes = {f: _codes(frames, f) for f in CODE_FAMILIES}
    named: dict[tuple, int] = {}
    for line, ds, key, fld, lang in zip(names["_line"], names["dataset"], names["key"], names["field"], names["lang"], strict=False):
        where = int(line)
        if ds in NAMED_ROWS:
            col, fields = NAMED_ROWS[ds]
            if key not in keys[ds]:
                yield Problem("names", f"{key!r} is not a {col} in {schema.resource(ds)['path']}", where, "key")
            elif fld not in (*fields, i18n.ALIAS):
                yield Problem("names", f"{ds} rows name {', '.join(fields)} (or give an alias), not {fld!r}", where, "field")
        elif ds == "codes":
            if fld not in CODE_FAMILIES:
                yield Problem("names", f"codes rows give the code's family in field ({', '.join(CODE_FAMILIES)}), not {fld!r}", where, "field")
            elif key not in codes[fld]:
                yield Problem("names", f"{key!r} is not a {fld} code in the data or the schema", where, "key")
        elif ds == "places" and fld not in ("name", i18n.ALIAS):
            yield Problem("names", f"places rows give a name or an alias, not {fld!r}", where, "field")
        if fld != i18n.ALIAS:
            if lang == "en" and ds != "places":
                yield Problem("names", "English names are the ones in the named file; names.csv holds ko and ru (en only for places and aliases)",
                              where, "lang")
            if (ds, key, fld, lang) in named:
                yield Problem("names", f"a second {lang} {fld} for {ds} {key!r} (first on line {named[(ds, key, fld, lang)]}); "
                              "give other spellings as field alias", where, "text")
            named.setdefault((ds, key, fld, lang), where)
    for ds, (_, fields) in NAMED_ROWS.items():
        for key in sorted(keys[ds]):
            for fld in fields[:1]:
                for lang in NAME_LANGS:
                    if (ds, key, fld, lang) not in named:
                        yield Problem("names", f"{ds} {key!r} has no {lang} {fld}", None, "text")
    shown = {"project_status": codes["project_status"] & set(projects["status"].dropna()), "sector": set(projects["sector"].dropna()),
             "partner": set(projects["partner"].dropna()) | {"Russia", "China", "World"},
             "statistic": set(trade["statistic"].dropna())}
    for fld, values in shown.items():
        for key in sorted(values):
            for lang in NAME_LANGS:
                if ("codes", key, fld, lang) not in named:
                    yield Problem("names", f"the {fld} {key!r} has no {lang} name", None, "text")


@rule("names")
def places_are_named_in_every_language(names):
    places = names[(names["dataset"] == "places") & (names["field"] == "name")]
    have = places.groupby("key")["lang"].agg(set)
    for key, langs in have.items():
        for lang in ("en", *NAME_LANGS):
            if lang not in langs:
                line = int(places.loc[places["key"] == key, "_line"].iloc[0])
                yield Problem("names", f"place {key!r} has no {lang} name", line, "lang")
