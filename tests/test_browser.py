"""A real browser: Debian's headless Chromium, driven by Playwright, against the app on 127.0.0.1."""

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from nkties import calc, export, registry
from nkties.data import load_all
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]
PAGES = {p.path: p.charts for p in registry.PAGES}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(data_dir):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NKTIES_DATA_DIR": str(data_dir)})
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail("streamlit did not start within 60 s")


@pytest.fixture(scope="module")
def server():
    proc, url = serve(DATA)
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium")
    assert exe, "Debian's chromium is not installed: apt-get install -y chromium (.ci/run does this)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1300, "height": 2400}, accept_downloads=True)
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def wait_ready(pg, charts: int):
    """The page's own content drawn and settled. The status widget alone is not enough: it also goes away
    between the frame's first run and the page's, so a page without charts looked ready before its title,
    its stylesheet (static/app.css) or its sidebar's slide were there, and axe flaked on that moment."""
    pg.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
    if charts:
        pg.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=60_000)
    pg.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    # Every CSS transition and animation finished (the collapsed sidebar hides 0.3 s after it slides out).
    pg.wait_for_function("document.getAnimations().length === 0", timeout=30_000)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_its_charts_without_errors(server, page, path):
    page.goto(server + path)
    wait_ready(page, PAGES[path])
    # The first run writes the view into the URL, which may trigger one more run: let it settle,
    # then the charts must (still) be there, waited for rather than counted at one instant.
    page.wait_for_timeout(500)
    wait_ready(page, PAGES[path])
    exceptions = [e.inner_text()[:1500] for e in page.locator("[data-testid='stException']").all()]
    assert exceptions == []
    assert page.errors == []


def test_project_map_draws_offline(server, page):
    page.goto(server + "/projects")
    wait_ready(page, 1)
    # The base map comes from static/asia_50m.json; without it the geo layer has no land paths.
    page.wait_for_function("document.querySelectorAll('.geolayer path.land, .geolayer .countries path').length > 0", timeout=30_000)
    # Projects that are lines are drawn as lines, one per project in project_lines.csv; cities and crossings are named.
    lines = {r["project_id"] for r in csv.DictReader(open(DATA / "project_lines.csv", encoding="utf-8"))}
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .geo path.js-line').length >= {len(lines)}", timeout=30_000)
    labels = page.evaluate("[...document.querySelectorAll('.js-plotly-plot .geo text')].map(t => t.textContent)")
    for place in ("Vladivostok", "Pyongyang", "Rajin", "Khasan–Tumangang", "Dandong–Sinuiju", "Quanhe–Wonjong"):
        assert place in labels, (place, labels)


def test_project_timeline_is_drawn_when_its_tab_is_opened(server, page):
    """Only the open tab is drawn (a closed tab's chart slowed the first chart): opening the timeline
    draws it, and the map is drawn again on the way back."""
    page.goto(server + "/projects")
    wait_ready(page, 1)
    assert page.locator(".js-plotly-plot").count() == 1
    page.get_by_role("tab", name="Status timeline").click()
    page.wait_for_function("[...document.querySelectorAll('.js-plotly-plot')].some(p => (p.data || []).some(t => t.type === 'bar'))",
                           timeout=30_000)
    assert page.locator(".js-plotly-plot .geo").count() == 0
    page.get_by_role("tab", name="Map").click()
    page.wait_for_selector(".js-plotly-plot .geo", timeout=30_000)


def test_download_gives_exactly_the_table_shown(server, page):
    page.goto(server + "/trade?flow=to_dprk&years=2010-2020&log=1&measure=value&events=0")
    wait_ready(page, 1)
    with page.expect_download() as dl:
        page.locator(".st-key-download_trade button").click()
    d = dl.value
    assert d.suggested_filename == "trade_to_dprk_2010-2020_best_value.csv"
    got = list(csv.DictReader(io.StringIO(open(d.path(), encoding="utf-8").read())))
    b = load_all(DATA)
    view = export.with_sources(calc.trade_series(b["trade"], "to_dprk", (2010, 2020)), b["sources"])
    want = list(csv.DictReader(io.StringIO(export.csv_bytes(view).decode())))
    assert got == want
    assert len(got) == 22 and all(r["flow"] == "to_dprk" for r in got)
    assert all(r["source_url"] for r in got if r["value_usd"])


def test_url_with_parameters_restores_its_view(server, page):
    page.goto(server + "/trade?flow=from_dprk&years=2005-2015&log=0&measure=value&events=0")
    wait_ready(page, 1)
    assert page.locator(".st-key-trade_flow [aria-checked='true']").inner_text() == "Imports from North Korea"
    # NOTE: waited for, not read at one instant: Plotly may still be applying the run's figure.
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot')[0].layout.yaxis.type === 'linear'", timeout=20_000)
    assert "years=2005-2015" in page.url


def test_changing_a_widget_updates_the_url(server, page):
    page.goto(server + "/trade")
    wait_ready(page, 1)
    # The log scale is one of the chart settings, in their popover.
    page.locator(".st-key-trade_settings button").click()
    page.locator(".st-key-trade_log label").click()
    page.wait_for_function("location.search.includes('log=0')", timeout=20_000)


@pytest.mark.parametrize("path", ["/", "/trade", "/projects"])
def test_narrow_screen_has_no_sideways_scroll(server, browser, path):
    ctx = browser.new_context(viewport={"width": 390, "height": 1600})
    pg = ctx.new_page()
    try:
        pg.goto(server + path)
        wait_ready(pg, 1)
        main_w, client_w, chart_w = pg.evaluate(
            "(() => {const m = document.querySelector('[data-testid=stMain]');"
            " return [m.scrollWidth, m.clientWidth, document.querySelector('.js-plotly-plot').getBoundingClientRect().width]})()")
        assert main_w <= client_w
        assert 300 <= chart_w <= 390
    finally:
        ctx.close()


def test_checking_a_claim_in_the_browser(server, page):
    page.goto(server + "/check-a-figure")
    wait_ready(page, 0)
    box = page.locator(".st-key-check_claim textarea")
    box.fill("China-North Korea trade was $6.86bn in 2014")
    box.press("Control+Enter")
    # NOTE: the default sentence's mark is there first; wait for the new one.
    page.wait_for_function("[...document.querySelectorAll('mark[data-verdict=reproduced]')]"
                           ".some(m => m.title.includes('Reproduced by KOTRA'))", timeout=20_000)
    page.wait_for_function("location.search.includes('claim=')", timeout=20_000)


def test_checking_an_article_in_the_browser_marks_verdicts_and_downloads(server, page, tmp_path):
    """Paste a story: each figure is marked in the text with its verdict; the CSV download holds the rows."""
    page.goto(server + "/check-a-figure")
    wait_ready(page, 0)
    story = ("<img src=x onerror=alert(1)> China's trade with North Korea in 2013 was 58 times that of Russia.\n\n"
             "In November 2013, the first batch of 40,000 tons of Siberian coal was shipped to Pohang.")
    box = page.locator(".st-key-check_claim textarea")
    box.fill(story)
    box.press("Control+Enter")
    page.wait_for_selector("mark[data-verdict='contradicted']", timeout=20_000)
    marks = page.locator("mark[data-verdict]")
    assert [marks.nth(i).get_attribute("data-verdict") for i in range(marks.count())] == ["close", "contradicted", "reproduced"]
    assert "2014-11-29" in marks.nth(1).get_attribute("title")
    assert page.locator("[data-testid='checked-text'] img").count() == 0  # the reader's text is text, not markup
    assert "<img src=x" in page.locator("[data-testid='checked-text']").inner_text()
    with page.expect_download() as dl:
        page.locator(".st-key-download_check button").click()
    path = tmp_path / "check.csv"
    dl.value.save_as(path)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    assert [(r["quote"], r["verdict"]) for r in rows] == [("58 times", "close"), ("November 2013", "contradicted"),
                                                         ("40,000 tons", "reproduced")]


def test_downloaded_csv_neutralises_formulas(browser, tmp_path):
    """A note that a spreadsheet would run as a formula arrives inert in the downloaded bytes."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    rows = list(csv.reader(open(folder / "trade.csv", encoding="utf-8")))
    note = rows[0].index("note")
    target = next(i for i, r in enumerate(rows) if r[:3] == ["2015", "Russia", "total"] and r[5] == "true")
    rows[target][note] = '=HYPERLINK("http://example.invalid","x")'
    with open(folder / "trade.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    proc, url = serve(folder)
    try:
        ctx = browser.new_context(accept_downloads=True, viewport={"width": 1300, "height": 2400})
        page = ctx.new_page()
        page.goto(url + "/trade?years=2015-2015")
        wait_ready(page, 1)
        with page.expect_download() as dl:
            page.locator(".st-key-download_trade button").click()
        data = open(dl.value.path(), encoding="utf-8").read()
        got = {r["partner"]: r for r in csv.DictReader(io.StringIO(data))}
        assert got["Russia"]["note"] == "'" + rows[target][note]
        assert float(got["Russia"]["value_usd"]) == float(rows[target][3])  # numbers stay numbers
        ctx.close()
    finally:
        proc.terminate()
        proc.wait(10)


def test_index_view_and_source_band_in_the_browser(server, page):
    first_chart = "document.querySelectorAll('.js-plotly-plot')[0]"
    page.goto(server + "/trade?measure=index&base=2010&years=2005-2020&log=0")
    wait_ready(page, 1)
    # Waited for, not read once: the chart may be redrawn by the run that writes the URL.
    page.wait_for_function(f"({first_chart}.layout.yaxis.title.text || '').startsWith('Index')", timeout=20_000)
    page.goto(server + "/trade?measure=value&band=1")
    wait_ready(page, 1)
    page.wait_for_function(f"{first_chart}.data.filter(t => t.fill === 'toself').length >= 2", timeout=20_000)


def test_citation_carries_the_permalink(server, page):
    page.goto(server + "/projects?partner=China&stale=3&sort=stale")
    wait_ready(page, 1)
    page.get_by_text("Cite this view").click()
    text = page.locator("[data-testid='stCode']").last.inner_text()
    assert "/projects?" in text and "partner=China" in text and "stale=3" in text and "Data version" in text


@pytest.mark.parametrize("path", ["/trade", "/check-a-figure", "/debt-and-investment"])
def test_deep_link_as_the_first_request_after_a_cold_start(browser, path):
    """Streamlit runs pages/*.py on their own until the entry file has run once: the first
    visitor of a fresh server opening a deep link must still get the app with its navigation."""
    proc, url = serve(DATA)
    try:
        page = browser.new_page(viewport={"width": 1300, "height": 1200})
        page.goto(url + path)
        page.wait_for_selector("[data-testid='stSidebarNav']", timeout=60_000)
        page.wait_for_function("document.body.innerText.includes('Curated figures on North Korea')", timeout=60_000)
        page.wait_for_timeout(1500)  # the 'Page not found' dialog, when it came, came by now
        assert page.locator("[role='dialog']").count() == 0, page.locator("[role='dialog']").all_inner_texts()
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert "Check a figure" in nav and "Data and sources" in nav
        page.goto(url + "/data-and-sources")
        page.wait_for_selector("[data-testid='stExpander']", timeout=60_000)
        assert "Page not found" not in page.locator("body").inner_text()
        page.close()
    finally:
        proc.terminate()
        proc.wait(10)


def test_readers_arriving_together_at_a_fresh_server_all_get_their_page():
    """Every page asked for at once as the first requests to a fresh server: each must run inside the
    app's frame (Streamlit runs pages/x.py alone until some session has reached st.navigation, and
    sessions that started meanwhile used to raise KeyError 'lang')."""
    import asyncio
    import concurrent.futures

    from bench.load import first_chart

    proc, url = serve(DATA)
    paths = [p.url_path for p in registry.PAGES] * 2
    try:
        async def everyone():
            return await asyncio.gather(*[first_chart(int(url.rsplit(":", 1)[1]), path, timeout=90) for path in paths])
        with concurrent.futures.ThreadPoolExecutor(1) as pool:  # Playwright's loop may be running in this thread
            results = pool.submit(asyncio.run, everyone()).result()
    finally:
        proc.terminate()
        proc.wait(10)
    assert [(path, err) for path, (_, _, err) in zip(paths, results) if err] == []


def test_monthly_page_in_the_browser(server, page):
    page.goto(server + "/monthly?years=2019-2023&events=1&ytd=total")
    wait_ready(page, registry.page("monthly").charts)
    first = "document.querySelectorAll('.js-plotly-plot')[0]"
    # single months drawn as lines, the border closure and sanctions marked as dotted shapes
    page.wait_for_function(f"{first}.data.filter(t => t.mode === 'lines+markers').length >= 3", timeout=20_000)
    page.wait_for_function(f"({first}.layout.shapes || []).filter(s => s.line && s.line.dash === 'dot').length >= 3", timeout=20_000)
    assert "years=2019-2023" in page.url
    with page.expect_download() as dl:
        page.locator(".st-key-download_monthly button").click()
    assert dl.value.suggested_filename == "monthly_China_2019-2023_best.csv"
    got = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    assert len(got) == 3 * 12 * 5 and {r["flow"] for r in got} == {"total", "to_dprk", "from_dprk"}
    # The other charts are drawn when their tab is opened, and the address names the open tab.
    assert page.locator(".js-plotly-plot").count() == 1
    page.get_by_role("tab", name="Year to date").click()
    page.wait_for_function("location.search.includes('view=ytd')", timeout=20_000)
    page.locator(".st-key-monthly_ytd button").filter(has_text="Exports to North Korea").click()
    page.wait_for_function("location.search.includes('ytd=to_dprk')", timeout=20_000)
    assert page.locator(".st-key-download_ytd button").is_visible() and page.locator(".st-key-download_monthly").count() == 0


def test_products_page_in_the_browser(server, page):
    page.goto(server + "/products?partner=China&flow=from_dprk&product=coal&measure=value_usd")
    wait_ready(page, registry.page("products").charts)
    first = "document.querySelectorAll('.js-plotly-plot')[0]"
    page.wait_for_function(f"{first}.data.filter(t => t.type === 'bar').length >= 3", timeout=20_000)
    page.wait_for_function(f"({first}.layout.annotations || []).some(a => (a.text || '').includes('2371'))", timeout=20_000)
    with page.expect_download() as dl:
        page.locator(".st-key-download_composition button").click()
    assert dl.value.suggested_filename == "products_China_from_dprk_shares.csv"
    got = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    assert got and {"product_group", "share_pct", "statistic", "source_url"} <= set(got[0])
    assert "product=coal" in page.url
    # One analysis per tab: opening another draws its chart, names it in the address, and a choice made
    # in a tab is still there after leaving the tab and coming back.
    assert page.locator(".js-plotly-plot").count() == 1
    page.get_by_role("tab", name="One product over time").click()
    page.wait_for_function("location.search.includes('view=product')", timeout=20_000)
    page.wait_for_selector(".st-key-product_line_chart .js-plotly-plot .main-svg", timeout=30_000)
    page.locator(".st-key-products_measure button").filter(has_text="quantity").click()
    page.wait_for_function("location.search.includes('measure=quantity')", timeout=20_000)
    page.get_by_role("tab", name="Shares by product").click()
    page.wait_for_function("location.search.includes('view=shares')", timeout=20_000)
    page.get_by_role("tab", name="One product over time").click()
    page.wait_for_function("location.search.includes('view=product')", timeout=20_000)
    checked = page.locator(".st-key-products_measure [aria-checked='true']")
    checked.wait_for(timeout=20_000)
    assert "quantity" in checked.inner_text()
    assert "measure=quantity" in page.url and "product=coal" in page.url


def test_a_folded_table_is_drawn_when_opened_and_stays_open_as_the_view_changes(server, page):
    """The tables below the chart come with the page folded (no data grid drawn); one opened is drawn,
    and stays open while its label's row count and language change."""
    page.goto(server + "/trade")
    wait_ready(page, 1)
    grids = "document.querySelectorAll('[data-testid=stMain] [data-testid=stDataFrame]').length"
    assert page.evaluate(grids) == 0
    page.locator(".st-key-others_fold summary").click()
    page.wait_for_function(f"{grids} === 1", timeout=20_000)
    before = page.locator(".st-key-others_fold summary").inner_text()
    page.locator(".st-key-trade_flow button").filter(has_text="Exports to North Korea").click()
    page.wait_for_function("location.search.includes('flow=to_dprk')", timeout=20_000)
    wait_ready(page, 1)
    assert page.locator(".st-key-others_fold summary").inner_text() != before  # fewer rows for one flow
    page.locator(".st-key-lang button").filter(has_text="Русский").dispatch_event("click")
    page.wait_for_function("location.search.includes('lang=ru')", timeout=20_000)
    wait_ready(page, 1)
    assert "Цифры других источников" in page.locator(".st-key-others_fold summary").inner_text()
    page.wait_for_function(f"{grids} === 1", timeout=20_000)
    assert page.locator(".st-key-others_fold details").get_attribute("open") is not None


def test_trade_multiple_opens_in_its_tab(server, page):
    page.goto(server + "/trade?flow=to_dprk&view=multiple")
    wait_ready(page, 1)
    page.wait_for_selector(".st-key-multiple_chart .js-plotly-plot .main-svg", timeout=30_000)
    assert page.locator(".st-key-trade_chart").count() == 0
    page.get_by_role("tab", name="Russia and China").click()
    page.wait_for_function("location.search.includes('view=partners')", timeout=20_000)
    page.wait_for_selector(".st-key-trade_chart .js-plotly-plot .main-svg", timeout=30_000)


def every_page(server, browser, width: int, before_goto=None, lang: str | None = None):
    """Each registered page opened in its own context at this width (and language), charts drawn: yields the tab.
    A page's tabs that draw no chart (Projects' detail) are pages of their own to a reader: they come too."""
    views = [(p.path, p.charts) for p in registry.PAGES] + [(c, 0) for p in registry.PAGES for c in p.chartless_paths]
    for path, charts in views:
        ctx = browser.new_context(viewport={"width": width, "height": 1200})
        tab = ctx.new_page()
        if before_goto:
            before_goto(tab)
        try:
            tab.goto(server + path + (("&" if "?" in path else "?") + f"lang={lang}" if lang else ""))
            wait_ready(tab, charts)
            yield tab
        finally:
            ctx.close()


def test_no_request_leaves_the_machine_on_any_page(server, browser):
    """Every page works offline: fonts, icons, base map and scripts all come from the app's own server."""
    local = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
    away: list[str] = []
    for tab in every_page(server, browser, 1280, lambda t: t.on("request", lambda r: None if r.url.startswith(local) else away.append(r.url))):
        tab.wait_for_timeout(500)
        assert away == [], (tab.url, away)


OVERFLOW_JS = """() => [...document.querySelectorAll(
    '[data-testid=stMetricLabel], [data-testid=stMetricValue], [data-testid=stMetricDelta], h1, h2, h3')]
  .filter(e => e.scrollWidth > e.clientWidth + 1
          || [...e.querySelectorAll('*')].some(c => c.scrollWidth > c.clientWidth + 1 && getComputedStyle(c).textOverflow === 'ellipsis'))
  .map(e => e.innerText.slice(0, 80))
  // A row of options (segmented control, pills) that scrolls sideways hides some of them: they must wrap.
  // (In the main area: at 390 px the sidebar is collapsed to a sliver, where everything overflows unseen.)
  .concat([...document.querySelectorAll('[data-testid=stMain] [data-testid=stButtonGroup]')]
    .filter(e => e.checkVisibility() && [e, ...e.querySelectorAll('*')].some(c => c.scrollWidth > c.clientWidth + 1))
    .map(e => 'options: ' + e.innerText.slice(0, 60)))
  // An option that ends a wrapped row keeps its right edge: Streamlit hides the right border of the option before
  // the chosen one (on one row the chosen one's border stands in for it), which left that option open on a phone.
  .concat([...document.querySelectorAll('[data-testid=stMain] [data-testid=stButtonGroup] button[data-variant=segmented_control]')]
    .filter(b => b.checkVisibility() && /, 0\\)$/.test(getComputedStyle(b).borderRightColor) && (!b.nextElementSibling
      || b.nextElementSibling.getBoundingClientRect().top > b.getBoundingClientRect().top + 1))
    .map(b => 'open edge: ' + b.innerText.slice(0, 40)))
  // A legend entry that runs past its figure's edge is cut off there: long names wrap (charts.LEGEND_WRAP).
  .concat([...document.querySelectorAll('.js-plotly-plot')].flatMap(el => [...el.querySelectorAll('.legend .traces')]
    .filter(t => t.getBoundingClientRect().right > el.getBoundingClientRect().right + 1).map(t => 'legend: ' + t.textContent.slice(0, 60))))"""


# Each chart's plot area (without its title, notes, axes and legend), in px: Plotly keeps a figure's height, so on a
# phone, where the legend wraps to a row per group, a figure of fixed height had left Trade's plot 64 px tall.
PLOT_HEIGHTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .map(el => Math.round(el._fullLayout.height - el._fullLayout._size.t - el._fullLayout._size.b))"""
# Each chart's title and note (unit and sources): the title not cut at the figure's top nor pushed down under a
# blank band (Plotly's automargin counted the note twice: 74-117 px above the title), the note clear of the
# plot and of the labels on its top edge (events, resolutions), and the value axis's title between the note and
# the figure's foot (in Russian, China's multiple of Russia's had a title longer than its plot).
TITLE_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(el => {
  const f = el.getBoundingClientRect().top, t = el.querySelector('.gtitle'), p = el.querySelector('.nsewdrag');
  if (!t || !p) return [];
  const s = el.querySelector('.gtitle-subtitle') || t, top = t.getBoundingClientRect().top - f;
  const below = s.getBoundingClientRect().bottom - f, plot = p.getBoundingClientRect().top - f;
  const edge = Math.min(plot, ...[...el.querySelectorAll('.annotation')].map(a => a.getBoundingClientRect())
    .filter(r => r.height > 0 && r.bottom - f <= plot + 2).map(r => r.top - f));
  // A rotated axis title longer than the plot is tall ran up into the note and down past the figure's foot.
  const y = el.querySelector('.g-ytitle text'), yr = y && y.getBoundingClientRect(), foot = el.getBoundingClientRect().bottom - f;
  return [top < 0 ? 'title cut ' + top : '', top > 66 ? 'blank above the title ' + top : '',
          below > edge + 1 ? 'note ' + below + ' over ' + edge : '',
          yr && yr.height > 0 && yr.top - f < below - 1 ? 'axis title ' + (yr.top - f) + ' over the note ' + below : '',
          yr && yr.height > 0 && yr.bottom - f > foot + 1 ? 'axis title cut ' + (yr.bottom - f) + ' > ' + foot : '']
    .filter(Boolean).map(m => t.textContent.slice(0, 40) + ': ' + m);
})"""
MIN_PLOT = 250  # px: charts.MIN_PLOT (300) is what a figure's height allows for; this leaves room for its estimates


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_metric_heading_or_row_of_options_is_cut_off_and_no_plot_is_squeezed(server, browser, width, lang):
    for tab in every_page(server, browser, width, lang=lang):
        tab.wait_for_timeout(300)
        assert tab.evaluate(OVERFLOW_JS) == [], (width, lang, tab.url)
        assert all(h >= MIN_PLOT for h in tab.evaluate(PLOT_HEIGHTS_JS)), (width, lang, tab.url, tab.evaluate(PLOT_HEIGHTS_JS))
        assert tab.evaluate(TITLE_JS) == [], (width, lang, tab.url)


# Every chart behind a tab (the first tab's are checked above), in each language: each writes its axis titles
# and legends at its own length.
TAB_VIEWS = [v for p in registry.PAGES for v in p.view_paths]


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_every_chart_behind_a_tab_keeps_its_plot_and_legend_on_a_phone(server, browser, lang):
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    tab = ctx.new_page()
    try:
        for path in TAB_VIEWS:
            tab.goto(server + path + f"&lang={lang}")
            wait_ready(tab, 1)
            heights = tab.evaluate(PLOT_HEIGHTS_JS)
            assert len(heights) == 1 and heights[0] >= MIN_PLOT, (path, heights)
            assert tab.evaluate(OVERFLOW_JS) == [], path
            assert tab.evaluate(TITLE_JS) == [], path
    finally:
        ctx.close()


def test_projects_filters_open_in_a_popover_that_fits_a_phone_and_narrow_the_list(server, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    tab = ctx.new_page()
    try:
        tab.goto(server + "/projects?lang=ru")  # the longest option names
        wait_ready(tab, 1)
        tab.locator(".st-key-projects_filters button").first.click()
        body = tab.locator("[data-testid=stPopoverBody]")
        body.wait_for()
        assert body.locator("[data-testid=stButtonGroup]").count() == 3  # partner, sector, status
        assert body.evaluate("""b => [...b.querySelectorAll('[data-testid=stButtonGroup]')].filter(
            e => [e, ...e.querySelectorAll('*')].some(c => c.scrollWidth > c.clientWidth + 1)).length""") == 0
        assert body.evaluate("b => b.getBoundingClientRect().right") <= 390
        tab.goto(server + "/projects")
        wait_ready(tab, 1)
        tab.locator(".st-key-projects_filters button").first.click()
        tab.locator("[data-testid=stPopoverBody] button", has_text="Russia").first.click()  # all are chosen: this leaves Russia out
        tab.wait_for_function("location.search.includes('partner=China&')", timeout=20_000)
        assert "Filters (1 on)" in tab.locator(".st-key-projects_filters button").first.inner_text()
        projects = load_all(DATA)["projects"]
        tab.get_by_text(f"{(projects['partner'] == 'China').sum()} of {len(projects)} projects").wait_for()
    finally:
        ctx.close()


def test_chart_image_downloads_are_named_after_the_view(server, page, tmp_path):
    page.goto(server + "/trade?flow=to_dprk&years=2010-2020&series=KOTRA&measure=value")
    wait_ready(page, 1)
    name = page.evaluate("document.querySelectorAll('.js-plotly-plot')[0]._context.toImageButtonOptions.filename")
    assert name == "trade_to_dprk_2010-2020_KOTRA_value"
    # The sidebar switches the camera button to SVG: the file saved is a vector image with the view's name,
    # and carries the chart's own title inside it.
    page.locator(".st-key-image_format button").filter(has_text="SVG").click()
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot')[0]._context.toImageButtonOptions.format === 'svg'",
                           timeout=20_000)
    wait_ready(page, 1)
    page.locator(".js-plotly-plot").first.hover()
    with page.expect_download() as dl:
        page.locator(".js-plotly-plot").first.locator("[data-title='Download plot as a svg'], [data-title*='Download plot']").first.click()
    assert dl.value.suggested_filename == "trade_to_dprk_2010-2020_KOTRA_value.svg"
    svg = open(dl.value.path(), encoding="utf-8").read()
    assert svg.lstrip().startswith("<svg") and "North Korea" in svg


AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_passes_axe_wcag_2_aa(server, browser, width):
    """axe-core (npm) injected into each page: no WCAG 2 A or AA violation."""
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: bash .ci/run installs it with npm into .cache/axe")
        pytest.skip("axe-core not installed (npm install --prefix .cache/axe axe-core@4, as bash .ci/run does)")
    script = AXE.read_text(encoding="utf-8")
    for tab in every_page(server, browser, width):
        tab.add_script_tag(content=script)
        found = tab.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}))
            .violations.map(v => v.id + ': ' + v.nodes.slice(0, 2).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').slice(0, 120)).join(' | '))""")
        assert found == [], (width, tab.url, found)


FOCUSED_JS = """() => { const a = document.activeElement, r = a.getBoundingClientRect();
    return [a.getAttribute('aria-label') || a.innerText.slice(0, 30), r.left, r.right, r.width * r.height]; }"""


def test_keyboard_focus_never_goes_off_screen_to_a_collapsed_sidebar(server, browser):
    """On a phone the sidebar starts collapsed, off screen: Tab must not walk into its hidden links (WCAG 2.4.7).
    Opened, its links take focus; closed again, they leave the tab order."""
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    tab = ctx.new_page()
    try:
        tab.goto(server + "/trade")
        wait_ready(tab, 1)
        stops = []
        for _ in range(8):
            tab.keyboard.press("Tab")
            stops.append(tab.evaluate(FOCUSED_JS))
        off = [s for s in stops if s[2] <= 0 or s[1] >= 390 or s[3] == 0]
        assert off == [], stops
        tab.get_by_role("button", name="Expand sidebar").click()
        # It slides in (0.3 s): focus its first link once it is on screen.
        tab.wait_for_function("document.querySelector('[data-testid=stSidebarNav] a').getBoundingClientRect().left >= 0", timeout=5_000)
        tab.locator("[data-testid=stSidebarNav] a").first.focus()
        label, left, right, area = tab.evaluate(FOCUSED_JS)
        assert "Overview" in label and left >= 0 and area > 0, (label, left, right)
        tab.get_by_role("button", name="Collapse sidebar").click()
        tab.wait_for_function("getComputedStyle(document.querySelector('[data-testid=stSidebar]')).visibility === 'hidden'", timeout=5_000)
        assert tab.evaluate("getComputedStyle(document.querySelector('[data-testid=stSidebarNav] a')).visibility") == "hidden"
    finally:
        ctx.close()


def test_uploading_an_article_checks_it_and_a_non_utf8_file_gets_a_message(server, page, tmp_path):
    page.goto(server + "/check-a-figure")
    wait_ready(page, 0)
    story = tmp_path / "story.txt"
    story.write_text("Russia also invested $250 million to develop Rajin.", encoding="utf-8")
    page.locator(".st-key-check_upload input[type=file]").set_input_files(str(story))
    page.wait_for_function("[...document.querySelectorAll('mark[data-verdict=reproduced]')]"
                           ".some(m => m.innerText.startsWith('$250 million'))", timeout=20_000)
    assert page.locator("mark[data-verdict]").count() == 1
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Trade was €5m in 2013 — café".encode("cp1252"))
    page.locator(".st-key-check_upload input[type=file]").set_input_files(str(bad))
    page.wait_for_function("document.body.innerText.includes('is not UTF-8 text')", timeout=20_000)
    assert "latin1.txt" in page.locator("[data-testid='stAlert']").inner_text()
