"""Browser benchmark: navigation to the first rendered chart in headless Chromium, per page.

Serves four apps at the same time on 127.0.0.1: the dashboard, an empty page (one line of
text), a page with one trivial Plotly chart, and a copy of the dashboard whose pages each draw
only their own first figure (taken from an AppTest run of the page). Reports each dashboard
page's median as a ratio to:
- the empty page and the one-chart page (the floors);
- its figure alone (a bare Streamlit page drawing that figure, no sidebar): what the chart
  itself costs to draw;
- its figure in the frame (the dashboard's sidebar, navigation and styles around that figure
  alone): what the page adds above the chart (its controls, text and tables).
The frame around the trivial chart is printed too, and each page's main-thread busy time until
its first chart against the one-chart page's (less noisy than the clock). Also: cold start (from `streamlit run` to
the first chart on the Overview). Usage: python bench/browser.py [REPEATS] (default 5: about 10 min)
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import CHROMIUM_ARGS, HOST, ROOT, free_port, start_server, wait_healthy  # noqa: E402

sys.path.insert(0, str(ROOT))
from nkties import registry  # noqa: E402

EMPTY = 'import streamlit as st\nst.write("empty")\n'
ONE_CHART = 'import plotly.express as px\nimport streamlit as st\nst.plotly_chart(px.line(x=[1, 2, 3], y=[1, 3, 2]))\n'
PAGES = {p.key: p for p in registry.PAGES if p.charts}
CHART = ".js-plotly-plot .main-svg"
SUBPAGE = next(p.url_path for p in registry.PAGES if p.url_path and p.charts)  # a chart page that is not the default
# One page's first figure alone, as the page draws it (spec and config from figures.json, written
# by first_figures); with no figure named, the trivial chart of the one-chart page.
ALONE = """import json
from pathlib import Path

import plotly.express as px
import streamlit as st

name = st.query_params.get("page", globals().get("PAGE"))
figures = json.loads(Path({path!r}).read_text())
if name in figures:
    st.plotly_chart(json.loads(figures[name]["spec"]), config=json.loads(figures[name]["config"]))
else:
    st.plotly_chart(px.line(x=[1, 2, 3], y=[1, 3, 2]))
"""
TEXT = "[data-testid='stMarkdownContainer']"


def serve(script: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.address", HOST,
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=script.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def first_figures() -> dict[str, dict[str, str]]:
    """Each chart page's first figure as the browser receives it: page key -> its spec and config (JSON)."""
    from streamlit.testing.v1 import AppTest

    out = {}
    for p in registry.PAGES:
        if not p.charts:
            continue
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.run()
        if p is not registry.DEFAULT:
            at.switch_page(p.script).run()
        proto = at.get("plotly_chart")[0].proto
        out[p.key] = {"spec": proto.spec, "config": proto.config}
    return out


def framed_copy(tmp: Path, figures: Path) -> Path:
    """A copy of the dashboard (same entry, sidebar, styles and settings) whose chart pages draw their first figure only."""
    copy = tmp / "framed"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".cache", "tests", "bench", "__pycache__"))
    for p in registry.PAGES:
        if p.charts:
            (copy / p.script).write_text(f"PAGE = {p.key!r}\n" + ALONE.format(path=str(figures)))
    return copy


def time_to(browser, url: str, selector: str) -> float:
    return measure(browser, url, selector)[0]


def measure(browser, url: str, selector: str) -> tuple[float, float]:
    """Seconds from navigation to the selector, and the page's main-thread busy time by then (Chromium's
    TaskDuration: CPU the page itself used, less moved by what else the 2 cores are doing than the wall clock)."""
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Performance.enable")
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, timeout=60_000)
    elapsed = time.perf_counter() - t0
    busy = next(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] == "TaskDuration")
    ctx.close()
    return elapsed, busy


def cold_start(browser) -> float:
    port = free_port()
    t0 = time.perf_counter()
    proc = start_server(port)
    try:
        page = browser.new_page()
        page.goto(f"http://{HOST}:{port}/", wait_until="commit")
        page.wait_for_selector(CHART, timeout=60_000)
        return time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(10)


def main(repeats: int = 5) -> None:
    tmp = Path(tempfile.mkdtemp())
    figures = tmp / "figures.json"
    figures.write_text(json.dumps(first_figures()))
    (tmp / "empty.py").write_text(EMPTY)
    (tmp / "one_chart.py").write_text(ONE_CHART)
    (tmp / "alone.py").write_text(ALONE.format(path=str(figures)))
    for same in (".streamlit", "static"):  # same server settings and static files as the dashboard
        shutil.copytree(ROOT / same, tmp / same)
    framed = framed_copy(tmp, figures)
    ports = {k: free_port() for k in ("dashboard", "empty", "one_chart", "alone", "framed")}
    procs = {"dashboard": start_server(ports["dashboard"]), "empty": serve(tmp / "empty.py", ports["empty"]),
             "one_chart": serve(tmp / "one_chart.py", ports["one_chart"]), "alone": serve(tmp / "alone.py", ports["alone"]),
             "framed": serve(framed / "dashboard.py", ports["framed"])}
    try:
        for name in ("empty", "one_chart", "alone", "framed"):
            wait_healthy(procs[name], ports[name], 60, name)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True)
            url = f"http://{HOST}:{{}}/".format
            runs = {
                "empty page": (url(ports["empty"]), TEXT),
                "one-chart page": (url(ports["one_chart"]), CHART),
                "frame + one chart": (url(ports["framed"]) + "?page=one", CHART),
                # The same at a page's own address (/trade): Streamlit's client first looks for its server under
                # that path, gets a 404, and tries the root after a back-off; every page but the default pays it.
                "frame + one, /page": (url(ports["framed"]) + SUBPAGE + "?page=one", CHART),
            }
            for key, pg in PAGES.items():
                runs[key] = (url(ports["dashboard"]) + pg.url_path, CHART)
                runs[f"{key} alone"] = (url(ports["alone"]) + f"?page={key}", CHART)
                runs[f"{key} framed"] = (url(ports["framed"]) + pg.url_path, CHART)
            for _ in range(2):  # warm-up: server caches, and Chromium's compiled-code cache (the first runs after one pass were still slow)
                for u, sel in runs.values():
                    time_to(browser, u, sel)
            times, busy = {}, {}
            for _ in range(repeats):  # interleaved, so a slow moment hits every page alike
                for name, (u, sel) in runs.items():
                    t, cpu = measure(browser, u, sel)
                    times.setdefault(name, []).append(t)
                    busy.setdefault(name, []).append(cpu)
            med = {k: statistics.median(v) for k, v in times.items()}
            cpu_med = {k: statistics.median(v) for k, v in busy.items()}
            cold = cold_start(browser)
            browser.close()
    finally:
        for proc in procs.values():
            proc.terminate()
    empty, one = med["empty page"], med["one-chart page"]

    def spread(name: str) -> str:
        return f"{min(times[name]):.2f}-{max(times[name]):.2f}"

    print(f"median of {repeats} runs each, interleaved")
    cpu_one = cpu_med["one-chart page"]
    print(f"{'page':18s} {'first chart s':>13s} {'runs s':>10s} {'x empty':>8s} {'x one-chart':>11s} {'x alone':>8s} {'x framed':>9s}"
          f" {'alone x one':>11s} {'framed x one':>12s} {'cpu s':>6s} {'cpu x one':>9s}")
    for name in ("empty page", "one-chart page", "frame + one chart", "frame + one, /page"):
        print(f"{name:18s} {med[name]:13.3f} {spread(name):>10s} {med[name] / empty:8.2f} {med[name] / one:11.2f} {'':8s} {'':9s} {'':11s}"
              f" {'':12s} {cpu_med[name]:6.2f} {cpu_med[name] / cpu_one:9.2f}")
    for key in PAGES:
        t, alone, fr = med[key], med[f"{key} alone"], med[f"{key} framed"]
        print(f"{key:18s} {t:13.3f} {spread(key):>10s} {t / empty:8.2f} {t / one:11.2f} {t / alone:8.2f} {t / fr:9.2f} {alone / one:11.2f}"
              f" {fr / one:12.2f} {cpu_med[key]:6.2f} {cpu_med[key] / cpu_one:9.2f}")
    print("x alone: the page against its first figure drawn alone on a bare page; x framed: against that figure in the")
    print("dashboard's frame (sidebar, navigation, styles) at the page's address; alone x one / framed x one: those against")
    print("the one-chart page. frame + one, /page: the trivial chart in the frame at a page's address (/trade) instead of /.")
    print("cpu s: the page's main-thread busy time until its first chart (Chromium's TaskDuration), median; cpu x one: against the")
    print("one-chart page's. It counts the work the page makes the browser do, and moves less with the machine's load than the clock.")
    print(f"cold start (streamlit run -> first chart on the overview): {cold:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
