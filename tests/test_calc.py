"""Domain rules and exports on the shipped data and on small hand-made tables."""

import io
import math

import pandas as pd
import pytest

from nkties import calc, charts, export, fmt, i18n
from nkties.data import load_all
from nkties.measures import MEASURES
from tests.conftest import DATA


@pytest.fixture(scope="module")
def b():
    return load_all(DATA)


def test_trade_view_keeps_missing_years_as_gaps_not_zero(b):
    lo, hi = calc.year_range(b["trade"])
    view = calc.trade_series(b["trade"], "total", (lo, hi))
    assert len(view) == 2 * (hi - lo + 1)  # every year for both partners
    russia = view[view["partner"] == "Russia"].set_index("year")["value_usd"]
    missing = [y for y in range(lo, hi + 1) if y not in set(calc.primary_rows(b["trade"], "total").query("partner == 'Russia'")["year"])]
    assert missing, "the shipped data has Russia gaps; this test checks they stay gaps"
    assert russia.loc[missing].isna().all()
    assert (russia.dropna() > 0).all()


def test_share_is_partner_over_world_for_the_same_year(b):
    view = calc.with_share(calc.trade_series(b["trade"], "total", (2019, 2019)), b["trade"])
    prim = calc.primary_rows(b["trade"], "total").query("year == 2019").set_index("partner")["value_usd"]
    china = view.set_index("partner").loc["China", "share_pct"]
    assert prim["China"] and china == pytest.approx(prim["China"] / prim["World"] * 100)


def test_china_multiple():
    t = pd.DataFrame({"year": [2020, 2020, 2021], "partner": ["China", "Russia", "China"], "flow": "total",
                      "value_usd": [500.0, 10.0, 300.0], "primary": True, "source_id": ["c20", "r20", "c21"],
                      "statistic": ["China customs", "Russian customs", "China customs"], "note": None})
    m = calc.china_multiple(t, "total", (2020, 2021)).set_index("year")
    assert m.loc[2020, "china_multiple"] == 50
    assert pd.isna(m.loc[2021, "china_multiple"])  # no Russian figure: no multiple, not infinity
    assert (m.loc[2020, "china_source_id"], m.loc[2020, "russia_source_id"]) == ("c20", "r20")


def test_latest_common_year_and_headline(b):
    y = calc.latest_common_year(b["trade"])
    head = calc.headline(b["trade"], y).set_index("partner")
    assert set(head.index) == {"Russia", "China"}
    assert head.loc["China", "value_usd"] > head.loc["Russia", "value_usd"]
    assert 0 < head.loc["China", "share_pct"] <= 100


def test_repayment_schedule_follows_the_terms(b):
    s = calc.repayment_schedule(b["debt"])
    terms = b["debt"].query("kind == 'repayment_terms'").iloc[0]
    assert len(s) == terms["instalments"]
    assert s["amount_usd"].sum() == pytest.approx(terms["amount_usd"])
    assert s["remaining_usd"].iloc[-1] == pytest.approx(0, abs=1)
    first, last = pd.Timestamp(s["due"].iloc[0]), pd.Timestamp(s["due"].iloc[-1])
    assert (last - first).days == pytest.approx(365.25 * (terms["term_years"] - 0.5), abs=3)


def test_debt_steps_run_from_size_to_remainder(b):
    steps = calc.debt_steps(b["debt"])
    assert list(steps["kind"]) == ["debt_size", "write_off", "remainder"]  # one row per step
    size, written, rest = steps["amount_usd"]
    assert size == 10.96e9  # at the agreement; RIA's $10.94bn for the same date is listed second
    assert rest < written < size


def test_target_outcome_compares_with_the_target_year(b):
    out = calc.target_outcomes(b["events"], b["trade"])
    row = out.iloc[0]
    actual = calc.primary_rows(b["trade"], "total").query("partner == 'Russia' and year == @row.target_year")["value_usd"].iloc[0]
    assert row["actual_usd"] == actual
    assert row["achieved_pct"] == pytest.approx(actual / row["target_usd"] * 100)


def test_status_counts_add_up_to_projects(b):
    counts = calc.status_counts(b["projects"], ["proposed", "agreed", "under_construction", "operating", "completed_unopened", "suspended", "abandoned"])
    assert counts.drop(columns="status").to_numpy().sum() == len(b["projects"])


def test_csv_injection_is_neutralised_and_numbers_stay_numbers():
    df = pd.DataFrame({"note": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "plain"], "value_usd": [-1.5, 2, 3, 4, 5, 6]})
    out = pd.read_csv(io.BytesIO(export.csv_bytes(df)))
    assert list(out["note"]) == ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain"]
    assert out["value_usd"].iloc[0] == -1.5


def test_with_sources_adds_publisher_and_link(b):
    t = export.with_sources(b["trade"].head(5), b["sources"])
    assert t["source_url"].str.match(r"^(https?://|shared/seeds/)").all()
    assert t["source_publisher"].notna().all()


@pytest.mark.parametrize("v,text", [(6.39e9, "$6.39bn"), (112_700_000, "$112.7m"), (40_469, "$40.47k"), (10.96e9, "$10.96bn"), (None, "no data")])
def test_fmt_usd(v, text):
    assert fmt.usd(v) == text


def test_trade_figure_draws_gaps_and_other_sources(b):
    view = calc.trade_series(b["trade"], "total", calc.year_range(b["trade"]))
    others = calc.other_rows(b["trade"], "total")
    fig = charts.trade_figure(view, others=others, log=True)
    names = [t.name for t in fig.data]
    assert "Russia: Russian customs" in names and "China: China customs" in names and "Russia: other sources" in names
    russia = [t for t in fig.data if t.name and t.name.startswith("Russia: ") and t.mode == "lines+markers"]
    drawn = sorted(x for t in russia for x in t.x if x is not None)  # runs split by a null point
    assert all(t.connectgaps is False for t in russia)
    # a year with no figure is in no segment: the line breaks there
    assert set(range(drawn[0], drawn[-1] + 1)) - set(drawn)
    assert fig.layout.yaxis.type == "log"


def test_growth_never_bridges_a_gap():
    v = pd.DataFrame({"year": [2000, 2001, 2002, 2003, 2004], "partner": "Russia",
                      "value_usd": pd.array([100.0, 150.0, None, 90.0, 99.0], dtype="Float64")})
    g = calc.with_growth(v).set_index("year")["growth_pct"]
    assert g[2001] == pytest.approx(50) and g[2004] == pytest.approx(10)
    assert pd.isna(g[2000]) and pd.isna(g[2002]) and pd.isna(g[2003])


def test_index_is_100_in_the_base_year(b):
    view = calc.with_index(calc.trade_series(b["trade"], "total", (2010, 2020)), 2015)
    base = view[view["year"] == 2015].set_index("partner")["index"]
    assert base["Russia"] == pytest.approx(100) and base["China"] == pytest.approx(100)


def test_spread_and_disputed_years(b):
    sp = calc.spread(b["trade"], "total", (2000, 2025))
    assert (sp["low_usd"] <= sp["high_usd"]).all()
    d = calc.disputed_years(b["trade"], "total", (2000, 2025))
    assert (d["spread_pct"] > calc.DISAGREEMENT_PCT).all()
    assert list(d["spread_pct"]) == sorted(d["spread_pct"], reverse=True)
    # Russia 2000: KOTRA $46m against the Russian ministry's $105m
    assert ((d["partner"] == "Russia") & (d["year"] == 2000)).any()


def test_freshness_counts_years_since_the_last_source(b):
    f = calc.freshness(b["projects"], b["project_status"], pd.Timestamp("2026-11-23")).set_index("project_id")
    last = b["project_status"].query("project_id == 'vladivostok_rajin_ferry'")["date"].max()
    assert f.loc["vladivostok_rajin_ferry", "last_confirmed"] == last
    assert f.loc["vladivostok_rajin_ferry", "years_since_confirmed"] > 8


def test_band_is_drawn_per_run_of_years(b):
    band = calc.spread(b["trade"], "total", (2000, 2025))
    view = calc.trade_series(b["trade"], "total", (2000, 2025))
    fig = charts.trade_figure(view, band=band)
    bands = [t for t in fig.data if t.name and "range of sources" in t.name]
    assert len(bands) == 2 and all(t.fill == "toself" and t.connectgaps is False for t in bands)  # a trace per partner
    russia = next(t for t in bands if t.name.startswith("Russia"))
    polygons, current = [], []
    for x in [*russia.x, None]:  # its polygons are separated by a null point, which Plotly fills one by one
        if x is None:
            polygons.append(current)
            current = []
        else:
            current.append(x)
    assert [(min(p), max(p)) for p in polygons] == [(2000, 2001), (2004, 2006), (2009, 2021), (2023, 2024)]
    assert all(sorted(set(p)) == list(range(min(p), max(p) + 1)) for p in polygons)  # no polygon bridges a missing year
    assert sorted({x for x in russia.x if x is not None}) == sorted(band.query("partner == 'Russia'")["year"])
    assert [y is None for y in russia.y] == [x is None for x in russia.x]


def test_log_axes_label_decades_and_a_target_label_sits_at_its_value(b):
    view = calc.trade_series(b["trade"], "total", (2000, 2025))
    targets = calc.targets(b["events"])
    fig = charts.trade_figure(view, targets=targets, log=True)
    assert fig.layout.yaxis.type == "log"  # $42k to $7bn: a label per power of ten, the 2s and 5s as grid lines
    assert fig.layout.yaxis.tickvals == tuple(10.0 ** k for k in range(4, 11)) and fig.layout.yaxis.minor.dtick == "D2"
    label = next(a for a in fig.layout.annotations if a.text.startswith("Target"))
    # On a log axis Plotly reads an annotation's y as log10 of the value (a shape's as the value itself)
    assert label.y == pytest.approx(9.0) and fig.layout.shapes[0].y0 == pytest.approx(1e9)
    linear = charts.trade_figure(view, targets=targets, log=False)
    assert next(a for a in linear.layout.annotations if a.text.startswith("Target")).y == pytest.approx(1e9)
    assert linear.layout.yaxis.minor.dtick is None
    mult = charts.multiple_figure(calc.china_multiple(b["trade"], "total", (2000, 2025)))
    assert mult.layout.yaxis.dtick == 1 and mult.layout.yaxis.tickformat == ",~r"  # 1,000 and 10,000, not 1000 and 10k
    china = calc.trade_series(b["trade"], "total", (2010, 2019)).query("partner == 'China'")
    within = charts.trade_figure(china, log=True).layout.yaxis  # $2.4bn to $6.5bn: one 1-2-5 tick within, so 2 to 7
    assert within.ticktext == ("$2bn", "$3bn", "$4bn", "$5bn", "$6bn", "$7bn") and within.minor.dtick is None


@pytest.mark.parametrize(("values", "log", "ticks"), [
    ([0, 2.9e8], False, [0, 5e7, 1e8, 1.5e8, 2e8, 2.5e8, 3e8]),  # from zero, about five steps, one beyond the top
    ([-5e6, 2e7], False, [-5e6, 0, 5e6, 1e7, 1.5e7, 2e7]),
    ([42e3, 7e9], True, [1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]),  # two decades or more: powers of ten
    ([3e7, 8e7], True, [3e7, 4e7, 5e7, 6e7, 7e7, 8e7, 9e7]),  # one 1-2-5 tick within: 1 to 9
    ([3.1e7, 3.5e7], True, [3.1e7, 3.2e7, 3.3e7, 3.4e7, 3.5e7]),  # not even two of those: steps
    ([None, float("nan")], False, []),
    ([2.0, 500.0, float("inf")], True, [1, 10, 100, 1000]),  # a multiple of zero is no value on the axis
])
def test_axis_ticks_cover_the_values_in_round_steps(values, log, ticks):
    assert charts.axis_ticks(values, log)[0] == pytest.approx(ticks)


@pytest.mark.parametrize(("lang", "labels", "separators"), [
    ("en", ["$0", "$50m", "$100m", "$150m", "$200m", "$250m", "$300m"], ".,"),
    ("ko", ["0", "5천만", "1억", "1억 5천만", "2억", "2억 5천만", "3억"], ".,"),
    ("ru", ["0", "50\u00a0млн", "100\u00a0млн", "150\u00a0млн", "200\u00a0млн", "250\u00a0млн", "300\u00a0млн"], ",\u00a0"),
])
def test_money_axes_and_numbers_are_written_in_the_readers_language(b, lang, labels, separators):
    """Plotly's own ticks wrote 300M and 1.5B in Korean and Russian charts whose hovers said 3억 달러 and 300 млн долл."""
    tr = i18n.Tr(lang)
    fig = charts.rolling_figure(pd.DataFrame({"month": ["2024-01", "2024-02"], "flow": "total", "rolling_12m_usd": [1.2e8, 2.9e8]}),
                                pd.DataFrame(columns=["month", "flow", "value_usd", "year", "statistic"]), tr)
    assert list(fig.layout.yaxis.ticktext) == labels and fig.layout.separators == separators
    # Every money axis is labelled so, whichever chart it is on; other axes keep Plotly's ticks, in the language's notation.
    debt = charts.debt_figure(calc.debt_steps(b["debt"]), tr)
    assert debt.layout.yaxis.ticktext[-1] == fmt.usd_tick(debt.layout.yaxis.tickvals[-1], lang)
    assert "(" not in debt.layout.yaxis.title.text  # 'Amount in US dollars', not '... (US dollars)'
    mult = charts.multiple_figure(calc.china_multiple(b["trade"], "total", (2000, 2025)), tr)
    assert mult.layout.yaxis.ticktext is None and mult.layout.separators == separators
    view = calc.trade_series(b["trade"], "total", (2000, 2025))
    for measure in ("share", "growth", "index"):  # whole numbers, not Plotly's 10k
        shown = MEASURES[measure].compute(view, trade=b["trade"], base_year=2000)
        assert charts.trade_figure(shown, measure=measure, tr=tr).layout.yaxis.tickformat == ",~r"
    # Quantities (barrels of refined petroleum) in the language's short form: 500K, 50만, 500 тыс.
    oil, caps = calc.oil_against_cap(b["trade_products"], b["sanction_measures"], b["events"])
    axis = charts.oil_figure(oil, caps, tr).layout.yaxis
    assert axis.ticktext and list(axis.ticktext) == [fmt.compact(v, lang) for v in axis.tickvals]
    assert any({"en": "K", "ko": "만", "ru": "тыс."}[lang] in t for t in axis.ticktext), axis.ticktext


def test_zip_carries_schema_csvs_and_a_readme_with_the_citation():
    import zipfile

    cite = export.citation("Trade", "http://127.0.0.1/trade?flow=total", "2026-11-23")
    z = zipfile.ZipFile(io.BytesIO(export.zip_bytes(None, cite)))
    names = set(z.namelist())
    assert {"datapackage.json", "README.txt", "trade.csv", "sources.csv"} <= names
    readme = z.read("README.txt").decode()
    assert cite in readme and export.data_version() in readme


# Months.

def test_window_total_uses_a_combined_figure_only_for_exactly_the_months_it_covers():
    singles = {"2022-03": 10.0, "2022-04": 20.0}
    multi = [("2022-01", "2022-02", 5.0), ("2022-01", "2022-04", 99.0)]
    assert calc.window_total(["2022-01", "2022-02", "2022-03", "2022-04"], singles, multi) == (35.0, True)
    assert calc.window_total(["2022-03", "2022-04", "2022-05"], singles, multi) == (None, False)  # May: no figure, no filling


def _months_frame(values: dict[str, float], flow="total", partner="China"):
    return pd.DataFrame({"month": list(values), "flow": flow, "partner": partner,
                         "value_usd": pd.array(list(values.values()), dtype="Float64")})


def test_year_to_date_prefers_the_reported_cumulative_figure_and_never_fills_a_gap():
    view = _months_frame({"2023-01": None, "2023-02": None, "2023-03": 30.0, "2023-04": None, "2023-05": 50.0})
    monthly = pd.DataFrame({"partner": "China", "flow": "total", "period_start": ["2023-01", "2023-01"],
                            "period_end": ["2023-02", "2023-04"], "value_usd": [100.0, 170.0], "statistic": "China customs",
                            "primary": True})
    ytd = calc.year_to_date(view, "total", monthly).set_index("month_no")
    assert pd.isna(ytd.loc[1, "ytd_usd"])  # January alone: nobody reported it
    assert ytd.loc[2, "ytd_usd"] == 100 and "reported" in ytd.loc[2, "how"]
    assert ytd.loc[3, "ytd_usd"] == 130 and "plus the months after" in ytd.loc[3, "how"]
    assert ytd.loc[4, "ytd_usd"] == 170  # reported January-April, although April alone is missing
    assert ytd.loc[5, "ytd_usd"] == 220
    assert ytd.loc[6:, "ytd_usd"].isna().all()


def test_rolling_year_needs_twelve_months():
    values = {f"2021-{m:02d}": 10.0 for m in range(1, 13)} | {"2022-01": None, "2022-02": 10.0}
    r = calc.rolling_year(_months_frame(values)).set_index("month")["rolling_12m_usd"]
    assert r["2021-12"] == 120 and pd.isna(r["2021-11"]) and pd.isna(r["2022-01"]) and pd.isna(r["2022-02"])


def test_monthly_series_of_one_statistic_never_borrows(b):
    m = b["trade_monthly"]
    v = calc.monthly_series(m, "China", (2020, 2021), series="KOTRA")
    assert set(v["statistic"].dropna()) <= {"KOTRA"}
    best = calc.monthly_series(m, "China", (2020, 2021))
    assert best["value_usd"].notna().sum() > v["value_usd"].notna().sum()


def test_projects_that_are_lines_are_drawn_as_lines_through_their_places_in_order(b):
    bundle = b
    from nkties import charts
    lines = calc.project_lines(bundle["project_lines"], bundle["places"], bundle["projects"])
    rk = lines[lines["project_id"] == "rajin_khasan_rail"]
    assert list(rk["place_id"]) == ["khasan_tumangang", "rajin"] and rk["status"].iloc[0] == "operating"
    fig = charts.project_map(bundle["projects"], places=bundle["places"], lines=lines)
    drawn = {t.name.removeprefix("line "): t for t in fig.data if (t.name or "").startswith("line ")}
    assert set(drawn) == set(bundle["project_lines"]["project_id"])
    assert drawn["rajin_khasan_rail"].line.color == charts.STATUS_COLORS["operating"] and drawn["rajin_khasan_rail"].line.dash == "dash"
    # A project a reader filters out is not drawn.
    only_china = bundle["projects"][bundle["projects"]["partner"] == "China"]
    assert calc.project_lines(bundle["project_lines"], bundle["places"], only_china).empty


@pytest.mark.parametrize("period,want", [("2020-03", 2020 * 12 + 2), ("1999-12", 1999 * 12 + 11), ("2020-13", None), ("2020-00", None),
                                         ("2020/03", None), ("2020-3 ", None), ("２０２０-03", None), ("2020", None), (None, None)])
def test_month_index_reads_only_year_and_month(period, want):
    from nkties.periods import month_index
    assert month_index(period) == want


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_investment_chart_labels_fit_a_phone(b, lang):
    """Project names wrap to lines a phone shows beside the bars; the log axis ticks once per power of ten."""
    from nkties import schema, views

    fig = views.investments(b, countries=tuple(b["investments"]["investor_country"].unique()),
                            stages=tuple(schema.enum("investments", "stage")), lang=lang).figure
    labels = {y for t in fig.data for y in t.y}
    assert labels and all(charts._display_width(line) <= 20 or " " not in line for y in labels for line in y.split("<br>")), labels
    assert any("<br>" in y for y in labels)
    ticks = fig.layout.xaxis.tickvals  # a tick per power of ten, written in the reader's language
    assert fig.layout.xaxis.type == "log" and all(math.log10(t).is_integer() for t in ticks) and len(ticks) >= 3
    assert list(fig.layout.xaxis.ticktext) == [fmt.usd_tick(t, lang) for t in ticks]
    assert "<br>" not in fig.layout.xaxis.title.text and len(fig.layout.xaxis.title.text) <= 24


def test_a_framed_figure_grows_with_its_legend_and_notes_so_a_phone_keeps_its_plot():
    """Plotly keeps a figure's height and gives the plot what the title, notes and legend leave: the height
    allows for the legend as a phone (one group per row) and the note's lines lay them out."""
    import plotly.graph_objects as go

    def fig(groups: int, per_group: int = 1) -> go.Figure:
        return go.Figure([go.Scatter(x=[1], y=[1], name=f"Partner {g}: statistic {i}", legendgroup=f"g{g}")
                          for g in range(groups) for i in range(per_group)])

    assert charts.legend_height(fig(6, 3)) == 6 * 3 * charts.LEGEND_ENTRY + 6 * charts.LEGEND_GAP  # a block per row on a phone
    assert charts.legend_height(fig(6, 3), width=2000) == 3 * charts.LEGEND_ENTRY + charts.LEGEND_GAP  # one row on a wide screen
    # Names too long to share a phone's row give a grid as wide as the widest entry; short ones share one row.
    flat = go.Figure([go.Scatter(x=[1], y=[1], name=n) for n in ("A", "B", "a longer name", "C")])
    assert charts.legend_height(flat, width=260) == 2 * charts.LEGEND_ENTRY + charts.LEGEND_GAP
    assert charts.legend_height(flat, width=2000) == charts.LEGEND_ENTRY + charts.LEGEND_GAP
    small = charts.framed(fig(2), "Title", "Note.")
    assert small.layout.height == 580  # a short legend and note: the figure's own height
    big, bigger = charts.framed(fig(6, 3), "Title", "Note."), charts.framed(fig(8, 3), "Title", "Note.")
    assert bigger.layout.height - big.layout.height == charts.legend_height(fig(8, 3)) - charts.legend_height(fig(6, 3)) > 0
    long_note = charts.framed(fig(6, 3), "Title", "word " * 100)
    assert long_note.layout.height - big.layout.height == charts.NOTE_LINE * long_note.layout.title.subtitle.text.count("<br>") > 0
    # Room for the plot, whatever the text: never less than MIN_PLOT besides the title, notes, axis and legend.
    assert big.layout.height == charts.TOP + charts.TITLE_LINE + charts.NOTE_LINE + charts.MIN_PLOT + charts.AXIS + charts.legend_height(fig(6, 3))


def test_resolutions_close_together_share_one_label_per_year_and_each_keeps_its_line():
    import plotly.graph_objects as go

    res = pd.DataFrame({"event_id": ["a", "b", "c", "d"], "date": ["2016-03-02", "2017-08-05", "2017-09-11", "2017-12-22"],
                        "title": ["UNSC Resolution 2270", "UNSC Resolution 2371", "UNSC Resolution 2375", "UNSC Resolution 2397"],
                        "measure": ["ban", "ban", "cap", "cap"], "products": ["coal", "coal", "oil", "oil"]})
    fig = go.Figure()
    charts.add_resolutions(fig, res)
    assert [s.name for s in fig.layout.shapes] == ["event a", "event b", "event c", "event d"]
    labels = {a.name: a for a in fig.layout.annotations}
    assert set(labels) == {"resolutions 2016", "resolutions 2017"}
    assert labels["resolutions 2017"].text == "✕ 2371, 2375, 2397" and labels["resolutions 2017"].hovertext.count("<br>") == 2
    assert labels["resolutions 2016"].yshift != labels["resolutions 2017"].yshift  # neighbouring years' labels at two heights


def test_narrowing_counts_only_the_filters_that_leave_something_out():
    everything = {"partner": ["Russia", "China"], "stale": 0}
    assert calc.narrowing({"partner": ["China", "Russia"], "stale": 0}, everything) == 0  # every option, any order
    assert calc.narrowing({"partner": [], "stale": 0}, everything) == 0  # none chosen filters nothing (filter_projects)
    assert calc.narrowing({"partner": ["China"], "stale": 0}, everything) == 1
    assert calc.narrowing({"partner": ["China"], "stale": 3}, everything) == 2


def test_events_on_a_year_axis_share_one_line_per_year_and_on_a_month_axis_keep_their_own():
    import plotly.graph_objects as go

    events = pd.DataFrame({"event_id": ["a", "b", "c", "d"], "date": ["2016-03", "2017-08-05", "2017-09-11", "2018"],
                           "title": ["A", "B", "C", "D"], "category": ["summit", "sanctions", "summit", "summit"]})
    fig = go.Figure()
    charts.add_events(fig, events)
    assert [(s.name, s.x0) for s in fig.layout.shapes] == [("events 2016", 2016), ("events 2017", 2017), ("events 2018", 2018)]
    labels = {a.name: a for a in fig.layout.annotations}
    assert labels["events 2017"].text == "✕◆" and labels["events 2017"].hovertext == "2017-08-05: B<br>2017-09-11: C"
    assert labels["events 2017"].yshift != labels["events 2018"].yshift  # neighbouring years at two heights
    fig = go.Figure()
    charts.add_events(fig, events, x="month")
    assert [s.name for s in fig.layout.shapes] == ["event a", "event b", "event c", "event d"]
