"""Browser benchmark: navigation to the first rendered chart in headless Chromium, per page.

Serves three apps at the same time on 127.0.0.1: the dashboard, an empty page (one line of
text) and a page with one trivial Plotly chart, and reports each dashboard page's median as a
ratio to both floors. Also: cold start (from `streamlit run` to the first chart on the
Overview). Usage: python bench/browser.py [REPEATS] (default 3: about 80 s)
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import CHROMIUM_ARGS, HOST, ROOT, free_port, start_server  # noqa: E402

sys.path.insert(0, str(ROOT))
from nkties import registry  # noqa: E402

EMPTY = 'import streamlit as st\nst.write("empty")\n'
ONE_CHART = 'import plotly.express as px\nimport streamlit as st\nst.plotly_chart(px.line(x=[1, 2, 3], y=[1, 3, 2]))\n'
PAGES = {p.title: p.url_path for p in registry.PAGES if p.charts}
CHART = ".js-plotly-plot .main-svg"
TEXT = "[data-testid='stMarkdownContainer']"


def serve(script: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.address", HOST,
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=script.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def time_to(browser, url: str, selector: str) -> float:
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, timeout=60_000)
    elapsed = time.perf_counter() - t0
    ctx.close()
    return elapsed


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
    (tmp / "empty.py").write_text(EMPTY)
    (tmp / "one_chart.py").write_text(ONE_CHART)
    shutil.copytree(ROOT / ".streamlit", tmp / ".streamlit")  # same server settings as the dashboard
    ports = {"dashboard": free_port(), "empty": free_port(), "one_chart": free_port()}
    procs = [start_server(ports["dashboard"]), serve(tmp / "empty.py", ports["empty"]), serve(tmp / "one_chart.py", ports["one_chart"])]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True)
            time.sleep(3)  # let the two floor servers finish starting
            runs = {
                "empty page": (f"http://{HOST}:{ports['empty']}/", TEXT),
                "one-chart page": (f"http://{HOST}:{ports['one_chart']}/", CHART),
                **{name: (f"http://{HOST}:{ports['dashboard']}/{path}", CHART) for name, path in PAGES.items()},
            }
            for url, sel in runs.values():  # warm-up: browser cache and server caches
                time_to(browser, url, sel)
            medians = {}
            for _ in range(repeats):  # interleaved, so a slow moment hits every page alike
                for name, (url, sel) in runs.items():
                    medians.setdefault(name, []).append(time_to(browser, url, sel))
            medians = {k: statistics.median(v) for k, v in medians.items()}
            cold = cold_start(browser)
            browser.close()
    finally:
        for proc in procs:
            proc.terminate()
    empty, one = medians["empty page"], medians["one-chart page"]
    print(f"{'page':22s} {'first chart s':>13s} {'x empty':>8s} {'x one-chart':>11s}")
    for name, t in medians.items():
        print(f"{name:22s} {t:13.3f} {t / empty:8.2f} {t / one:11.2f}")
    print(f"cold start (streamlit run -> first chart on the overview): {cold:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
