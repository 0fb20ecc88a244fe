"""Every page under AppTest: no exception, the expected elements, widgets that change the view."""

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from nkties import calc, fmt, registry, schema, ui
from nkties.data import load_all
from tests.conftest import DATA, ROOT

ENTRY = str(ROOT / "dashboard.py")
# What each registered page shows on first load beyond its charts (registry.Page.charts): a page
# added to nkties.registry without an entry here fails test_every_registered_page_is_tested.
EXPECTED = {
    "overview": dict(downloads=3, metrics=8),
    "trade": dict(downloads=3, metrics=0),
    "monthly": dict(downloads=2, metrics=0),  # the year-to-date and twelve-month downloads sit in their tabs
    "products": dict(downloads=2, metrics=0),
    "debt": dict(downloads=1, metrics=0),
    "projects": dict(downloads=1, metrics=0),  # one project's detail (metrics, its history's download) sits in its tab
    "check": dict(downloads=1, metrics=4),
    "sources": dict(downloads=9, metrics=0),
}
PAGES = [p.key for p in registry.PAGES]


def open_page(page: str, params: dict | None = None, lang: str | None = None, unfold: bool = True) -> AppTest:
    """Run the app through dashboard.py's navigation and open a page by its registry key (as a reader
    whose first request asked for ?lang=<lang>, when given: the language is read on the session's first run),
    with every folded table opened (unless unfold=False), as a reader who opens them all."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    p = registry.page(page)
    if p is not registry.DEFAULT:
        # Run once first: st.navigation registers the pages (and their url_path) on the first run.
        at.run()
        at.switch_page(p.script)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    return unfolded(at) if unfold else at


def folds(at: AppTest) -> dict[str, object]:
    """The page's folded tables (ui.folded_table): their key -> the expander."""
    return {e.proto.id.rsplit("-", 1)[-1].removesuffix("_fold"): e for e in at.expander if e.proto.id.endswith("_fold")}


def unfolded(at: AppTest) -> AppTest:
    """Every folded table opened, as the reader's click on it does (AppTest cannot click an expander)."""
    keys = folds(at)
    for key in keys:
        at.session_state[f"{key}_open"] = True
    return at.run() if keys else at


def test_every_registered_page_is_tested_and_every_page_file_registered():
    assert set(EXPECTED) == set(PAGES), "add the page's expectations to EXPECTED (and tests of its widgets)"
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")}
    assert files == {p.script for p in registry.PAGES}


def test_each_page_file_is_named_as_its_address():
    """Until dashboard.py has run once in a process, Streamlit serves pages/*.py by file name: a page
    whose file name differs from its url_path answers a cold-start deep link with 'Page not found'."""
    for p in registry.PAGES:
        if p.url_path:
            assert p.script == f"pages/{p.url_path}.py", p


def test_streamlit_still_has_the_pages_directory_switch():
    """ui._leave_pages_directory_mode flips this private attribute of Streamlit's PagesManager;
    when Streamlit renames or drops it, this fails and the workaround must be revisited."""
    from streamlit.runtime.pages_manager import PagesManager

    assert isinstance(PagesManager.uses_pages_directory, bool) or PagesManager.uses_pages_directory is None


def metric(at: AppTest, label_start: str):
    hits = [m for m in at.metric if m.label.startswith(label_start)]
    assert hits, (label_start, [m.label for m in at.metric])
    return hits[0]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders(page):
    at = open_page(page)
    want = EXPECTED[page]
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert len(at.get("plotly_chart")) == registry.page(page).charts
    assert len(at.get("download_button")) >= want["downloads"]
    assert len(at.metric) >= want["metrics"]


def test_overview_headline_is_the_latest_common_year():
    at = open_page("overview")
    t = load_all(DATA)["trade"]
    y = calc.latest_common_year(t)
    assert any(str(y) in s.value for s in at.subheader)
    china = calc.headline(t, y).set_index("partner").loc["China", "value_usd"]
    assert metric(at, "China–North Korea trade").value == fmt.usd(china)


def test_trade_flow_widget_changes_the_table():
    at = open_page("trade")
    # Shown as words in every language, English too (the downloads keep the codes).
    assert set(at.dataframe[0].value["flow"]) == {fmt.flow("total")}
    at.segmented_control(key="trade_flow").set_value("to_dprk").run()
    assert set(at.dataframe[0].value["flow"]) == {fmt.flow("to_dprk")} == {"Exports to North Korea"}
    assert at.query_params["flow"] == ["to_dprk"] or at.query_params["flow"] == "to_dprk"


def test_trade_table_equals_the_charted_series_with_gaps():
    at = open_page("trade", {"years": "2010-2015"})
    shown = at.dataframe[0].value
    assert shown["year"].min() == 2010 and shown["year"].max() == 2015
    assert len(shown) == 2 * 6
    assert {"source_url", "source_publisher"} <= set(shown.columns) and "source_id" not in shown.columns  # keys stay in downloads
    expected = calc.trade_series(load_all(DATA)["trade"], "total", (2010, 2015))
    pd.testing.assert_series_equal(shown["value_usd"].reset_index(drop=True).astype("Float64"),
                                   expected["value_usd"].reset_index(drop=True).astype("Float64"), check_names=False)


def test_url_parameters_restore_the_view():
    at = open_page("trade", {"flow": "from_dprk", "log": "0", "measure": "share", "years": "2005-2020"})
    assert at.segmented_control(key="trade_flow").value == "from_dprk"
    assert at.toggle(key="trade_log").value is False
    assert at.segmented_control(key="trade_measure").value == "share"
    assert at.slider(key="trade_years").value == (2005, 2020)
    notices = [c.value for c in at.caption if any(w in c.value for w in ("must be", "ignored", "clamped", "too long"))]
    assert notices == []
    assert any("combines statistics" in c.value for c in at.caption)  # share: partner's statistic over KOTRA's total


@pytest.mark.parametrize("params,notice", [
    ({"flow": "<script>alert(1)</script>"}, "'flow' must be"),
    ({"years": "1900-3000"}, "clamped"),
    ({"years": "abc"}, "'years' must be"),
    ({"log": "maybe"}, "'log' must be"),
    ({"zzz": "1"}, "Unknown URL parameter"),
    ({"flow": "x" * 5000}, "too long"),
])
def test_malformed_parameters_fall_back_with_a_notice(params, notice):
    at = open_page("trade", params, unfold=False)  # the notice is for the run that read the address
    assert not at.exception
    assert any(notice in c.value.replace("\\", "") for c in at.caption), [c.value for c in at.caption]
    assert at.segmented_control(key="trade_flow").value == "total"


def test_project_detail_is_drawn_only_in_its_tab_and_a_link_opens_it():
    at = open_page("projects", unfold=False)
    assert not at.metric and not at.subheader and not at.dataframe and len(at.get("plotly_chart")) == 1
    at = open_page("projects", {"view": "detail"}, unfold=False)
    assert len(at.get("plotly_chart")) == 0 and at.selectbox(key="projects_project").value == load_all(DATA)["projects"]["project_id"][0]
    at.selectbox(key="projects_project").set_value("new_yalu_bridge").run()
    assert at.subheader[0].value == "New Yalu River Bridge" and "project=new_yalu_bridge" in at.code[-1].value


def test_projects_filters_narrow_the_tracker():
    at = open_page("projects")
    total = len(at.dataframe[0].value)
    at.pills(key="projects_partner").set_value(["China"]).run()
    shown = at.dataframe[0].value
    assert 0 < len(shown) < total and set(shown["partner"]) == {"China"}


def test_project_detail_follows_the_selection():
    at = open_page("projects", {"project": "new_yalu_bridge", "view": "detail"}, unfold=False)
    assert at.subheader[0].value == "New Yalu River Bridge"
    assert [m.label for m in at.metric] == ["Status", "Announced", "Cost"]
    assert {"download_history", "download_projects"} <= {d.key for d in at.get("download_button")}
    assert "Projects: New Yalu River Bridge" in at.code[-1].value  # the citation names the project
    history = at.dataframe[0].value
    status = load_all(DATA)["project_status"].query("project_id == 'new_yalu_bridge'")
    assert list(history["date"]) == list(status["date"]) and list(history["event"]) == list(status["event"])
    assert list(history["date"]) == sorted(history["date"])


def test_investment_filters():
    at = open_page("debt", {"stage": "spent", "view": "investments"})
    assert [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")] == ["investment_chart"]
    inv = at.dataframe[-1].value
    assert set(inv["stage"]) == {"spent"}
    at.pills(key="debt_stage").set_value(["pledged", "spent"]).run()
    assert at.query_params["stage"] in (["pledged,spent"], "pledged,spent") and at.query_params["view"] in (["investments"], "investments")


def test_trade_and_debt_tabs_are_addressable_and_draw_only_the_open_one():
    for page, view, chart, download in (("trade", "multiple", "multiple_chart", "download_multiple"),
                                        ("debt", "schedule", "schedule_chart", "download_schedule"),
                                        ("debt", "debt", "debt_chart", "download_debt")):
        at = open_page(page, {"view": view})
        assert not at.exception
        assert [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")] == [chart]
        assert download in [b.key for b in at.get("download_button")]
        assert at.query_params["view"] in ([view], view)
    # An unknown tab in the address opens the first, with a notice naming the parameter.
    at = open_page("trade", {"view": "nonsense"}, unfold=False)  # the notice is for the run that read the address
    assert not at.exception and [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")] == ["trade_chart"]
    assert any("'view' must be one of partners, multiple" in c.value for c in at.caption)


def test_tables_below_a_chart_are_folded_with_their_row_count_and_drawn_only_when_opened():
    """Drawn with the page, the tables below a chart delayed its first chart (bench/browser.py): each is
    folded under its title and row count, its download beside the fold, its table drawn once it is opened."""
    # (A page with a footer folds its sources too: a test below.)
    for page, keys in (("trade", {"trade", "disputed", "others", "sources"}), ("monthly", {"coverage", "monthly", "cumulative", "sources"}),
                       ("products", {"composition", "resolutions", "products", "sources"}), ("debt", {"debt"}),
                       ("debt?view=investments", {"investment"}), ("projects", {"projects"})):
        page, _, view = page.partition("?view=")
        at = open_page(page, {"view": view} if view else {}, unfold=False)
        assert set(folds(at)) == keys, page
        assert len(at.dataframe) == 0 and all(not e.proto.expanded for e in folds(at).values())
        at = unfolded(at)
        assert not at.exception
        for key, fold in folds(at).items():
            assert fold.proto.expanded
            if key == "sources":
                continue
            (table,) = fold.dataframe
            assert fold.label.endswith(f"({fmt.number(len(table.value))})"), (page, key, fold.label)
    # Every download a fold carries is there while it is closed.
    at = open_page("trade", unfold=False)
    assert {"download_trade", "download_disputed", "download_others"} <= {b.key for b in at.get("download_button")}


def test_a_long_source_list_folds_under_its_count_and_a_short_one_stays_a_caption():
    """A page's footer names every source of what it shows (Trade: over a hundred articles): folded under
    'Sources (n)', drawn when opened; a metric's two or three sources stay a caption beside it."""
    import re

    at = open_page("trade", unfold=False)
    fold = folds(at)["sources"]
    assert not fold.proto.expanded and not fold.caption
    assert not [c for c in at.caption if c.value.startswith("Sources:")]
    n = int(re.fullmatch(r"Sources \(([\d,]+)\)", fold.label).group(1).replace(",", ""))
    assert n > ui.SOURCES_INLINE
    at = unfolded(at)
    (caption,) = [c.value for c in folds(at)["sources"].caption]
    # Every source linked (or named by its seed file), separated by "; " (which a title may also hold).
    assert caption.startswith("Sources: ") and caption.count("](http") <= n <= caption.count("; ") + 1
    # In Korean, the same fold under its Korean label, and the same count.
    assert folds(open_page("trade", lang="ko", unfold=False))["sources"].label == f"출처 ({fmt.number(n, 'ko')})"
    # The Overview's headline metrics name their two sources inline.
    at = open_page("overview")
    assert "headline_sources" not in folds(at)
    assert any(c.value.startswith("Sources: ") and 1 <= c.value.count("](http") <= ui.SOURCES_INLINE for c in at.caption)


def test_broken_file_stops_only_the_pages_that_need_it(tmp_path, monkeypatch, data_copy):
    (data_copy / "events.csv").write_text("event_id,date\nx,notadate\n", encoding="utf-8")
    monkeypatch.setenv("NKTIES_DATA_DIR", str(data_copy))
    at = open_page("trade")
    assert not at.exception
    assert at.error and "events.csv" in at.error[0].value
    assert "events.csv, line 1" in at.code[0].value
    at2 = open_page("projects")
    assert not at2.exception and not at2.error and len(at2.get("plotly_chart")) == registry.page("projects").charts


def test_index_view_uses_the_chosen_base_year():
    at = open_page("trade", {"measure": "index", "base": "2015", "years": "2010-2020"})
    shown = at.dataframe[0].value
    assert (shown.loc[shown["year"] == 2015, "index"] == 100).all()
    assert at.select_slider(key="trade_base").value == 2015


def test_disagreement_table_lists_years_over_ten_percent_largest_first():
    at = open_page("trade")
    d = at.dataframe[1].value
    assert (d["spread_pct"] > 10).all() and list(d["spread_pct"]) == sorted(d["spread_pct"], reverse=True)


def test_projects_can_be_filtered_and_sorted_by_freshness():
    at = open_page("projects", {"stale": "5", "sort": "stale"})
    shown = at.dataframe[0].value
    assert len(shown) and (shown["years_since_confirmed"] >= 5).all()
    assert list(shown["years_since_confirmed"]) == sorted(shown["years_since_confirmed"], reverse=True)


def blocks(node):
    """Every layout block under node (AppTest has no accessor for popovers)."""
    for child in getattr(node, "children", {}).values():
        if type(child).__name__ == "Block":
            yield child
        yield from blocks(child)


def _popover_labels(at: AppTest) -> list[str]:
    return [b.proto.popover.label for b in blocks(at._tree) if b.type == "popover"]


@pytest.mark.parametrize("params,label", [({}, "Filters"), ({"partner": "China"}, "Filters (1 on)"),
                                          ({"partner": "China,Russia"}, "Filters"),  # every partner: no narrowing
                                          ({"partner": "China", "stale": "3", "sort": "stale"}, "Filters (2 on)")])
def test_projects_filters_sit_in_a_popover_whose_label_counts_those_that_narrow_the_list(params, label):
    at = open_page("projects", params)
    assert label in _popover_labels(at)
    (table,) = folds(at)["projects"].dataframe  # the projects shown: folded below the map, as below other charts
    assert json.loads(table.proto.columns)["name"]["label"] == "Name"  # projects' own title, not another dataset's "Product"
    assert at.caption and any(c.value.startswith(f"{len(table.value)} of ") for c in at.caption)
    assert len(folds(open_page("projects", params, unfold=False))["projects"].dataframe) == 0  # drawn once opened


@pytest.mark.parametrize("page,param", [("trade", "flow=to_dprk"), ("projects", "partner=China"), ("check", "claim="),
                                        ("overview", "series=KOTRA")])
def test_every_page_offers_a_citation_with_its_permalink(page, param):
    key, value = param.split("=")
    at = open_page(page, {key: value} if value else {})
    cite = at.code[-1].value
    assert "Data version 0.1.0+" in cite and "accessed" in cite
    if value:
        assert param in cite


def test_check_page_gives_each_figure_a_verdict_and_explains_an_empty_result():
    at = open_page("check", {"claim": "China-North Korea trade was $2.3bn in 2023"})
    assert metric(at, "✓ Reproduced").value == "1" and metric(at, "✗ Contradicted").value == "0"
    table = at.dataframe[0].value
    assert list(table[["quote", "kind", "verdict", "dataset"]].iloc[0]) == ["$2.3bn", "amount", "Reproduced", "trade"]
    assert table["source_publisher"].iloc[0]  # the deciding figure's source is named
    assert len(at.dataframe) == 2  # one trade figure: the recorded figures it could quote
    at.text_area(key="check_claim").set_value("it was a lot").run()
    assert not at.exception and at.info and "No checkable figure found" in at.info[0].value


def test_check_page_checks_a_whole_article_and_marks_the_text_safely():
    article = ("<script>alert(1)</script> *Not bold.* China's trade with North Korea in 2013 was 58 times that of "
               "Russia. In November 2013, the first batch of 40,000 tons of Siberian coal was shipped to Pohang. "
               "Russia waived $10 billion of Pyongyang's $11 billion debt. ") * 3
    at = open_page("check")
    at.text_area(key="check_claim").set_value(article).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 15 and set(table["verdict"]) == {"Close", "Contradicted", "Reproduced"}
    assert metric(at, "✗ Contradicted").value == "3"
    html = next(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;" in html and "<script>" not in html and "*Not bold.*" in html
    assert html.count('data-verdict="contradicted"') == 3
    assert "claim" not in at.query_params  # an article is too long for the address; the page says so
    assert any("too long for a link" in c.value for c in at.caption)


def test_customs_statistic_shows_china_2021_as_china_customs_reported_it():
    at = open_page("trade", {"series": "customs", "years": "2019-2022"})
    shown = at.dataframe[0].value.set_index(["partner", "year"])
    assert shown.loc[("China", 2021), "value_usd"] == 318_040_000
    assert set(shown["statistic"].dropna()) <= {"China customs", "KITA", "Russian customs"}
    assert at.query_params["series"] in (["customs"], "customs")


def test_a_single_statistic_never_borrows_another():
    at = open_page("trade", {"series": "KOTRA"})
    shown = at.dataframe[0].value
    assert set(shown["statistic"].dropna()) == {"KOTRA"}
    t = load_all(DATA)["trade"]
    kotra_years = set(t[(t["statistic"] == "KOTRA") & (t["partner"] == "Russia") & (t["flow"] == "total")]["year"])
    russia = shown[shown["partner"] == "Russia"].set_index("year")["value_usd"]
    assert russia.drop(index=list(kotra_years), errors="ignore").isna().all()  # gaps, not other statistics


def test_best_available_marks_each_change_of_statistic():
    at = open_page("trade")
    shown = at.dataframe[0].value
    changes = shown[shown["statistic_changed"]]
    assert len(changes), "the shipped series of record changes statistic somewhere"
    fig = at.get("plotly_chart")[0].proto.spec
    for _, r in changes.iterrows():
        assert f'"{r["partner"]}: {r["statistic"]}"' in fig  # a legend entry names the statistic
    assert any("combines statistics" in c.value for c in at.caption)


def test_overview_follows_the_chosen_statistic():
    at = open_page("overview", {"series": "customs"})
    t = load_all(DATA)["trade"]
    y = calc.latest_common_year(t, series="customs")
    china = calc.headline(t, y, series="customs").set_index("partner").loc["China"]
    assert china["statistic"] in ("China customs", "KITA")
    assert metric(at, "China–North Korea trade").value == fmt.usd(china["value_usd"])


def test_monthly_page_draws_single_months_with_events_and_keeps_its_url():
    at = open_page("monthly", {"years": "2019-2022", "ytd": "to_dprk"})
    shown = table_with(at, "month", "quote", without=("rolling_12m_usd",))
    assert set(shown["flow"]) == {fmt.flow(f) for f in ("total", "to_dprk", "from_dprk")}
    assert shown["month"].min() == "2019-01" and shown["month"].max() == "2022-12"
    m = load_all(DATA)["trade_monthly"]
    r = m[(m["period_start"] == "2020-07") & (m["period_end"] == "2020-07") & (m["flow"] == "to_dprk") & m["primary"]].iloc[0]
    assert shown.set_index(["flow", "month"]).loc[(fmt.flow("to_dprk"), "2020-07"), "value_usd"] == r["value_usd"]
    spec = at.get("plotly_chart")[0].proto.spec
    assert "event 2020_north_korea_closes_its" in spec and "event 2017_unsc_resolution_2397" not in spec  # only events in the years
    assert at.query_params["years"] in (["2019-2022"], "2019-2022")
    # the year-to-date chart and its flow are drawn only when their tab is open
    assert "monthly_ytd" not in [w.key for w in at.segmented_control]
    assert [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")] == ["monthly_chart"]


def test_monthly_tabs_are_addressable_and_draw_only_the_open_one():
    at = open_page("monthly", {"years": "2019-2022", "ytd": "to_dprk", "view": "ytd"})
    assert not at.exception
    assert at.segmented_control(key="monthly_ytd").value == "to_dprk"
    assert [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")] == ["ytd_chart"]
    assert [b.key for b in at.get("download_button")] == ["download_ytd", "download_cumulative"]
    at.segmented_control(key="monthly_ytd").set_value("from_dprk").run()
    assert at.query_params["ytd"] in (["from_dprk"], "from_dprk") and at.query_params["view"] in (["ytd"], "ytd")


def test_monthly_page_for_russia_explains_there_are_no_single_months():
    at = open_page("monthly", {"partner": "Russia", "years": "2014-2021"})
    assert not at.exception
    assert at.info and "Russia publishes no monthly trade" in at.info[0].value
    cumulative = table_with(at, "period_start", "period_end")
    assert len(cumulative) and set(cumulative["partner"]) == {"Russia"}


def table_with(at: AppTest, *columns: str, without: tuple[str, ...] = ()):
    """The first table showing these columns (AppTest does not expose st.dataframe keys)."""
    for d in at.dataframe:
        cols = set(d.value.columns)
        if set(columns) <= cols and not set(without) & cols:
            return d.value
    raise AssertionError((columns, [list(d.value.columns) for d in at.dataframe]))


def test_products_page_shows_shares_by_year_with_the_resolutions_marked():
    at = open_page("products", {"partner": "China", "flow": "from_dprk", "product": "coal"})
    comp = table_with(at, "share_pct", "how")
    assert (comp.groupby("year")["share_pct"].sum() <= 100.5).all()
    assert {"Coal", "Wigs and false eyelashes"} <= set(comp["name"])
    spec = at.get("plotly_chart")[0].proto.spec
    assert "event 2017_unsc_resolution_2371" in spec  # the coal ban


def test_products_tabs_are_addressable_and_draw_only_the_open_one():
    at = open_page("products", {"partner": "China", "flow": "from_dprk", "product": "coal", "view": "product"})
    assert not at.exception
    assert [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")] == ["product_line_chart"]
    line = at.dataframe[0].value  # the open tab's table comes before the sections below the tabs
    assert "year" in line
    assert set(line["product_group"]) == {"coal"} and line["year"].is_unique
    at.selectbox(key="products_product").set_value("iron_ore").run()
    assert at.query_params["product"] in (["iron_ore"], "iron_ore") and at.query_params["view"] in (["product"], "product")
    for view, chart in (("side", "side_by_side_chart"), ("oil", "oil_chart")):
        at = open_page("products", {"view": view})
        assert not at.exception and [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")] == [chart]


def test_products_page_keeps_its_view_in_the_url_and_switches_flow():
    at = open_page("products", {"partner": "Russia", "flow": "to_dprk", "product": "refined_petroleum", "measure": "quantity", "view": "product"})
    assert at.segmented_control(key="products_partner").value == "Russia"
    assert at.segmented_control(key="products_measure").value == "quantity"
    rows = table_with(at, "product_as_reported", "quote")
    assert set(rows["partner"]) == {"Russia"} and set(rows["flow"]) == {fmt.flow("to_dprk")}
    at.segmented_control(key="products_flow").set_value("from_dprk").run()
    assert not at.exception
    assert at.query_params["flow"] in (["from_dprk"], "from_dprk")


def test_oil_against_the_cap_counts_what_was_reported():
    at = open_page("products", {"view": "oil"})
    oil = table_with(at, "barrels", "months_reported")
    assert set(oil["partner"]) <= {"China", "Russia"} and (oil["barrels"] > 0).all()
    assert oil["how"].str.contains("reported|added up").all()


def test_data_page_shows_warnings_without_stopping_anything():
    at = open_page("sources")
    assert not at.exception and not at.error
    assert any("to check in trade.csv" in w.value for w in at.warning)
    assert any("ten times off" in c.value or "rounded figures" in c.value for c in at.code)


@pytest.mark.parametrize("page", PAGES)
def test_every_table_column_has_a_human_title_and_no_cell_says_none(page):
    import json

    at = open_page(page)
    for d in at.dataframe:
        config = json.loads(d.proto.columns)
        shown = [c for c in d.value.columns if not str(c).startswith("_")]
        for c in shown:
            # NOTE: a view's own columns (x_for) may share a name with a dataset's field ('quote').
            metas = [m for m in (schema.column_meta(str(c)), schema.column_meta(str(c), page)) if m]
            label = config.get(str(c), {}).get("label", "")
            assert metas, f"{page}: column {c!r} is described nowhere in datapackage.json"
            # A table given its dataset (projects' 'name') takes that dataset's title; any field of that name is a fair source.
            titles = {f.get("title") for r in schema.package()["resources"] for f in r["schema"]["fields"] if f["name"] == str(c)}
            titles |= {m["title"] for m in metas}
            assert any(label.startswith(t) for t in titles if t) and "_" not in label, (page, c, label)
            assert config[str(c)].get("help"), (page, c)
        assert d.proto.placeholder == "" or not d.value.isna().any().any()
        text = d.value.select_dtypes(include=["object", "string"])
        assert not text.isin(["None", "nan", "NaN", "<NA>"]).any().any(), page


def test_a_run_that_stops_or_runs_again_gives_its_turn_back(monkeypatch, data_copy):
    """Readers take turns (nkties.ui.run_turn): a page stopped by st.stop (a file that cannot be read)
    or ended by st.rerun (every AppTest page run passes through one, see ui._leave_pages_directory_mode)
    must hand the turn on, or every later reader would wait RUN_TURN_WAIT_S."""
    from nkties import ui

    def turn_is_free() -> bool:
        if ui._RUN_TURN.acquire(blocking=False):
            ui._RUN_TURN.release()
            return True
        return False

    at = open_page("trade")
    assert not at.exception and turn_is_free()
    (data_copy / "trade.csv").unlink()
    (data_copy / "trade.csv").mkdir()
    monkeypatch.setenv("NKTIES_DATA_DIR", str(data_copy))
    at = open_page("trade")
    assert at.error and "trade.csv" in at.error[0].value  # the page stopped
    assert turn_is_free()
    with pytest.raises(RuntimeError), ui.run_turn():
        raise RuntimeError("a page that fails")
    assert turn_is_free()
