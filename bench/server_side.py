"""Server-side benchmark: each page's script run under AppTest, as a ratio to an empty page.

Prints a table: median of repeated runs after a warm-up, in the same process, so the figures
compare like with like. Not a test: it asserts nothing. Usage: python bench/server_side.py [REPEATS]
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nkties import registry  # noqa: E402

PAGES = [p for p in registry.PAGES if p.key != "check"]  # check a figure: one text box, nothing to measure
EMPTY = 'import streamlit as st\nst.write("empty")\n'
ONE_CHART = 'import plotly.express as px\nimport streamlit as st\nst.plotly_chart(px.line(x=[1, 2, 3], y=[1, 3, 2]))\n'


def median_run(at: AppTest, repeats: int, change=None) -> float:
    at.run()  # warm-up: caches filled, modules imported
    times = []
    for _ in range(repeats):
        if change:
            change(at)
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
    assert not at.exception, [e.value for e in at.exception]
    return statistics.median(times)


def main(repeats: int = 15) -> None:
    tmp = Path(tempfile.mkdtemp())
    (tmp / "empty.py").write_text(EMPTY)
    (tmp / "one_chart.py").write_text(ONE_CHART)
    rows = []
    empty = median_run(AppTest.from_file(str(tmp / "empty.py"), default_timeout=60), repeats)
    rows.append(("empty page", empty))
    rows.append(("one-chart page", median_run(AppTest.from_file(str(tmp / "one_chart.py"), default_timeout=60), repeats)))
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        if page is not registry.DEFAULT:
            at.run()  # st.navigation registers the pages on the first run
            at.switch_page(page.script)
        rows.append((page.title, median_run(at, repeats)))
    flows = iter(["to_dprk", "from_dprk", "total"] * repeats)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page(registry.page("trade").script)
    rows.append(("trade: change flow", median_run(at, repeats, lambda a: a.segmented_control(key="trade_flow").set_value(next(flows)))))
    from nkties import ui

    def uncached(a):
        ui._view.clear()  # the first reader to ask for this view pays for computing it
        a.segmented_control(key="trade_flow").set_value(next(flows))

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page(registry.page("trade").script)
    rows.append(("trade: change flow, uncached", median_run(at, repeats, uncached)))
    scales = iter([False, True] * repeats)
    bases = iter(range(2000, 2000 + 2 * repeats + 2))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page(registry.page("trade").script)

    at.run()
    at.segmented_control(key="trade_measure").set_value("index")

    def toggle_chart_uncached(a):
        # A new base year recomputes the chart (its cache key is new) while the tables below it
        # stay cached: what a reader pays the first time anyone picks that chart.
        a.select_slider(key="trade_base").set_value(next(bases))
        a.toggle(key="trade_log").set_value(next(scales))

    rows.append(("trade: new index base, uncached", median_run(at, repeats, toggle_chart_uncached)))
    partners = iter([["China"], ["Russia"], ["Russia", "China"]] * repeats)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page(registry.page("projects").script)
    rows.append(("projects: change partner", median_run(at, repeats, lambda a: a.pills(key="projects_partner").set_value(next(partners)))))
    print(f"{'run':34s} {'median ms':>10s} {'x empty':>8s}")
    for name, t in rows:
        print(f"{name:34s} {t * 1000:10.1f} {t / empty:8.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
